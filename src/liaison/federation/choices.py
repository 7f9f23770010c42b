"""Choice sets of federation (docs/glossary.md, "Federation")."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class KeyUse(models.TextChoices):
    SIGN = "sig", _("signing")
    ENCRYPT = "enc", _("encryption")


class PartnerStatus(models.TextChoices):
    ACTIVE = "active", _("active")
    SUSPENDED = "suspended", _("suspended")
    UNPAIRED = "unpaired", _("former partner (unpaired)")


class Direction(models.TextChoices):
    OUT = "out", _("outbox")
    IN = "in", _("inbox")


class EnvelopeState(models.TextChoices):
    PENDING = "pending", _("waiting for delivery")  # outbox: written, not yet answered with a receipt
    DELIVERED = "delivered", _("delivered (receipt stored)")  # outbox
    REFUSED = "refused", _("refused by the partner")  # outbox: the partner's inbox said no (4xx)
    FAILED = "failed", _("failed")  # outbox: gave up after the last attempt; inbox: the handler failed
    APPLIED = "applied", _("applied")  # inbox
    CANCELLED = "cancelled", _("cancelled (partner unpaired)")  # outbox: never sent, the partner was unpaired


class Refusal(models.TextChoices):
    """Why the inbox refused a message (the code travels in the answer, the label is shown to the administrator)."""

    TOO_LARGE = "too_large", _("message or attachment too large")
    MALFORMED = "malformed", _("malformed message")
    BAD_SIGNATURE = "bad_signature", _("signature missing or wrong")
    UNKNOWN_NODE = "unknown_node", _("unknown sender node")
    SUSPENDED_NODE = "suspended_node", _("sender node suspended")
    SENDER_AGENCY = "sender_agency", _("the sender node does not serve the sending agency")
    NOT_FOR_US = "not_for_us", _("message addressed to another node")
    RECIPIENT_NOT_SERVED = "recipient_not_served", _("recipient agency not served here")
    UNKNOWN_KIND = "unknown_kind", _("unknown kind of message")
    BAD_PAYLOAD = "bad_payload", _("payload refused by its kind")
    STALE = "stale", _("outside the freshness window")
    ATTACHMENT = "attachment", _("attachment missing or not matching its SHA-256")
    REPLAY = "replay", _("message id already received with other content")
