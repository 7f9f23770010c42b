"""Access policies of federation (core/access.py): the node's identity, its partners and messages are the node
administrator's (permission `federation.manage`), for every agency of the node; nobody adds, changes or deletes
them through a page or the API except through federation's actions. The inbox itself is open to partner nodes
and checks each message's signature instead (inbox.py)."""

from __future__ import annotations

from typing import Any

from django.db import models

from liaison.core import access
from liaison.federation.models import (
    Envelope,
    EnvelopeAttachment,
    InboxRefusal,
    LocalNode,
    NodeKey,
    Origin,
    PartnerKey,
    PartnerNode,
)

MANAGE_PERMISSION = "federation.manage"


class NodeAdministration(access.Policy):
    permissions = {
        access.VIEW: MANAGE_PERMISSION,
        access.ADD: MANAGE_PERMISSION,
        access.CHANGE: MANAGE_PERMISSION,
        access.DELETE: access.NOBODY,
    }

    def scope(self, queryset: models.QuerySet[Any], actor: Any, action: str) -> models.QuerySet[Any]:
        return queryset


for _model in (LocalNode, NodeKey, PartnerNode, PartnerKey, Envelope, EnvelopeAttachment, InboxRefusal, Origin):
    access.register(_model, NodeAdministration())
