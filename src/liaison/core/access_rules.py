"""Access policies of the audit trail and of the read log: supervisors read their agency's records; node
administrators all."""

from __future__ import annotations

from typing import Any

from django.db import models

from liaison.core import access
from liaison.core.models import AuditEvent, ReadEvent
from liaison.core.permissions import has_perm


class AuditPolicy(access.Policy):
    # The trail is written only by core.audit.record(); no one adds, changes or deletes through a page or API.
    permissions = {
        access.VIEW: "audit.view",
        access.ADD: access.NOBODY,
        access.CHANGE: access.NOBODY,
        access.DELETE: access.NOBODY,
    }

    def scope(self, queryset: models.QuerySet[Any], actor: Any, action: str) -> models.QuerySet[Any]:
        if has_perm(actor, "audit.all"):
            return queryset
        return queryset.filter(agency_id=actor.agency_id)


access.register(AuditEvent, AuditPolicy())


class ReadLogPolicy(AuditPolicy):
    """The read log (core/reads.py): the reads by officers of the supervisor's agency; every agency's with
    audit.all. Written only by core.reads.record_read."""

    def scope(self, queryset: models.QuerySet[Any], actor: Any, action: str) -> models.QuerySet[Any]:
        if has_perm(actor, "audit.all"):
            return queryset
        return queryset.filter(agency_id=actor.agency_id)


access.register(ReadEvent, ReadLogPolicy())
