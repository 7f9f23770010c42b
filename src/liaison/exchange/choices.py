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
