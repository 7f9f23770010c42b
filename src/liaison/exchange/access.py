"""Access policies of the information exchange (core/access.py; docs/decisions/0036-exchange-model.md).

- A message belongs to the agency that wrote it: its officers see it in every state and only they change it.
- A recipient agency sees a message addressed to it once it is sent, and not after it is recalled (for all
  recipients, or for that agency alone) or its content deleted. It changes nothing of it: its acknowledgement,
  read receipt, reply, permission requests and forwards are actions of their own (access VIEW).
- A message's recipients, translations, attachments and links go with the message; a permission request is seen
  by the message's agency and by the agency that asked.
"""

from __future__ import annotations

from typing import Any

from django.db import models

from liaison.core import access
from liaison.exchange.choices import MessageStatus
from liaison.exchange.models import (
    Attachment,
    ExchangeRules,
    Indicator,
    Message,
    MessageLink,
    PermissionRequest,
    Recipient,
    Translation,
)

VIEW_PERMISSION = "exchange.view"
WRITE_PERMISSION = "exchange.write"
APPROVE_PERMISSION = "exchange.approve"
CONFIGURE_PERMISSION = "exchange.configure"


def received_ids(agency_id: Any) -> Any:
    """The ids of the messages addressed to the agency and not recalled for it (an index-only read of
    exchange_recipient_received). The message's own status (sent, not recalled for all, content not
    deleted) is checked on the message row: `received(agency_id)`."""
    return Recipient.objects.filter(agency_id=agency_id, recalled_at__isnull=True).values("message_id")


def received(agency_id: Any) -> models.Q:
    """The messages the agency reads as a recipient: sent to it and not recalled. (The status is tested on the
    message row, not joined inside the subquery: at 100,000 messages the join doubled the cost of every list.)"""
    return models.Q(status=MessageStatus.SENT, pk__in=received_ids(agency_id))


class MessagePolicy(access.Policy):
    permissions = {
        access.VIEW: VIEW_PERMISSION,
        access.ADD: WRITE_PERMISSION,
        access.CHANGE: WRITE_PERMISSION,
        access.DELETE: WRITE_PERMISSION,
    }

    def scope(self, queryset: models.QuerySet[Any], actor: Any, action: str) -> models.QuerySet[Any]:
        own = models.Q(owner_id=actor.agency_id)
        if action != access.VIEW:
            return queryset.filter(own)
        return queryset.filter(own | received(actor.agency_id))


class PermissionRequestPolicy(access.ThroughParent):
    """With the message, to its agency; to a recipient only the requests its own agency made."""

    def scope(self, queryset: models.QuerySet[Any], actor: Any, action: str) -> models.QuerySet[Any]:
        queryset = super().scope(queryset, actor, access.VIEW)
        mine = models.Q(agency_id=actor.agency_id)
        owner = models.Q(message__owner_id=actor.agency_id)
        return queryset.filter(owner | mine) if action == access.VIEW else queryset.filter(mine)


def can_read(message: Message, actor: Any) -> bool:
    return access.restrict(Message.objects.filter(pk=message.pk), actor).exists()


access.register(Message, MessagePolicy())
for _child in (Recipient, Translation, Attachment, MessageLink, Indicator):
    access.register(_child, access.ThroughParent("message", view=VIEW_PERMISSION, manage=WRITE_PERMISSION))
access.register(PermissionRequest, PermissionRequestPolicy("message", view=VIEW_PERMISSION, manage=VIEW_PERMISSION))
access.register(
    ExchangeRules,
    access.AgencyScoped(
        "owner", view=VIEW_PERMISSION, manage=CONFIGURE_PERMISSION, all_permission=CONFIGURE_PERMISSION
    ),
)
