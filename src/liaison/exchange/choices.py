"""Choice sets of the information exchange (see docs/glossary.md and docs/decisions/0036-exchange-model.md).

Handling codes, TLP labels, source reliability and information accuracy are core's (core/choices.py)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class MessageKind(models.TextChoices):
    INFORMATION = "information", _("Information")
    REQUEST = "request", _("Request for information")
    REPLY = "reply", _("Reply")
    EARLY_WARNING = "early_warning", _("Early warning")
    OPERATIONAL_REPORT = "operational_report", _("Operational report")


class MessagePriority(models.TextChoices):
    URGENT = "urgent", _("Urgent")
    NORMAL = "normal", _("Normal")
    ROUTINE = "routine", _("Routine")


class MessageStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    AWAITING_APPROVAL = "awaiting_approval", _("Awaiting approval")
    APPROVED = "approved", _("Approved")
    SENT = "sent", _("Sent")
    RECALLED = "recalled", _("Recalled")
    CONTENT_DELETED = "content_deleted", _("Content deleted")


class PermissionPurpose(models.TextChoices):
    FORWARD = "forward", _("Pass on to a third agency")
    COURT = "court", _("Use in judicial proceedings")


class PermissionStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    GRANTED = "granted", _("Granted")
    REFUSED = "refused", _("Refused")


class IndicatorKind(models.TextChoices):
    """Kinds of indicator a message carries (the values the MISP / STIX export maps)."""

    PHONE = "phone", _("Telephone number")
    EMAIL = "email", _("E-mail address")
    URL = "url", _("Web address")
    DOMAIN = "domain", _("Domain name")
    IPV4 = "ipv4", _("IPv4 address")
    IPV6 = "ipv6", _("IPv6 address")
    IBAN = "iban", _("Bank account (IBAN)")
    CRYPTO_WALLET = "crypto-wallet", _("Crypto-currency wallet")
    VEHICLE_PLATE = "vehicle-plate", _("Vehicle registration plate")
