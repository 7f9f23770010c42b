"""Messages of the information exchange (docs/decisions/0036-exchange-model.md).

A message belongs to the agency that wrote it (its owner; a copy received from a partner node belongs to the
sending agency, as desk copies do). It goes to one or more recipient agencies (a `Recipient` row each, carrying
that agency's delivery, acknowledgement, read and reply times and a recall). One message is one evaluated item:
its source reliability and information accuracy apply to all of it. Replies and forwards are messages of their
own, linked to the message they answer or pass on; the first message of a thread is its `thread`.
"""

from __future__ import annotations

import os
from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from liaison.core.choices import TLP, HandlingCode, InformationAccuracy, SourceReliability
from liaison.core.models import AgencyOwnedModel, TimeStampedModel
from liaison.core.paging import IdsFirstQuerySet
from liaison.exchange.choices import (
    IndicatorKind,
    MessageKind,
    MessagePriority,
    MessageStatus,
    PermissionPurpose,
    PermissionStatus,
)

# Review periods (days) per handling code until the node administrator sets its own (ExchangeRules).
DEFAULT_REVIEW_DAYS = {"H0": 3 * 365, "H1": 3 * 365, "H2": 2 * 365, "H3": 365}


# A review date is always a date the calendar holds: one day to a hundred years after the message.
_REVIEW_DAYS = [MinValueValidator(1), MaxValueValidator(36_525)]


class ExchangeRules(AgencyOwnedModel):
    """An agency's rules for its outgoing messages, set by the node administrator: the handling codes and the
    partners for which a supervisor approves a message before it is sent, and the review period per code."""

    approval_codes = models.JSONField(
        _("handling codes needing approval"), default=list, blank=True, help_text=_('For example ["H2", "H3"].')
    )
    approval_partners = models.ManyToManyField(
        "agencies.Agency", verbose_name=_("partners needing approval"), blank=True, related_name="+"
    )
    review_days_h0 = models.PositiveIntegerField(
        _("review after (days), H0"), default=DEFAULT_REVIEW_DAYS["H0"], validators=_REVIEW_DAYS
    )
    review_days_h1 = models.PositiveIntegerField(
        _("review after (days), H1"), default=DEFAULT_REVIEW_DAYS["H1"], validators=_REVIEW_DAYS
    )
    review_days_h2 = models.PositiveIntegerField(
        _("review after (days), H2"), default=DEFAULT_REVIEW_DAYS["H2"], validators=_REVIEW_DAYS
    )
    review_days_h3 = models.PositiveIntegerField(
        _("review after (days), H3"), default=DEFAULT_REVIEW_DAYS["H3"], validators=_REVIEW_DAYS
    )

    class Meta:
        verbose_name = _("exchange rules")
        verbose_name_plural = _("exchange rules")
        constraints = [models.UniqueConstraint(fields=["owner"], name="exchange_rules_one_per_agency")]

    def __str__(self) -> str:
        return str(_("Exchange rules of %(agency)s") % {"agency": self.owner})

    def review_days(self, code: str) -> int:
        return int(getattr(self, f"review_days_{code.lower()}", DEFAULT_REVIEW_DAYS.get(code, 365)))


class Message(AgencyOwnedModel):
    reference = models.CharField(_("reference"), max_length=60, unique=True, editable=False)
    kind = models.CharField(_("kind"), max_length=20, choices=MessageKind.choices, default=MessageKind.INFORMATION)
    status = models.CharField(
        _("status"), max_length=20, choices=MessageStatus.choices, default=MessageStatus.DRAFT, editable=False
    )
    subject = models.CharField(_("subject"), max_length=500)
    body = models.TextField(_("text"), blank=True)
    language = models.CharField(_("language of the text"), max_length=10, default="en")
    crime_areas = models.JSONField(_("crime areas"), default=list, blank=True)
    handling_code = models.CharField(_("handling code"), max_length=2, choices=HandlingCode.choices)
    handling_note = models.CharField(_("other restrictions (H3)"), max_length=500, blank=True)
    tlp = models.CharField(_("TLP"), max_length=12, choices=TLP.choices, default=TLP.AMBER)
    source_reliability = models.CharField(
        _("source reliability"), max_length=1, choices=SourceReliability.choices, default=SourceReliability.X
    )
    information_accuracy = models.CharField(
        _("information accuracy"), max_length=1, choices=InformationAccuracy.choices, default=InformationAccuracy.FOUR
    )
    priority = models.CharField(
        _("priority"), max_length=10, choices=MessagePriority.choices, default=MessagePriority.NORMAL
    )
    reply_by = models.DateField(_("reply by"), null=True, blank=True)
    agreement = models.ForeignKey(
        "cooperation.Agreement",
        verbose_name=_("legal basis (agreement)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    in_reply_to = models.ForeignKey(
        "self", verbose_name=_("in reply to"), null=True, blank=True, on_delete=models.PROTECT, related_name="replies"
    )
    thread = models.ForeignKey(
        "self", verbose_name=_("thread"), null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        editable=False,
    )  # fmt: skip
    forwarded_from = models.ForeignKey(
        "self", verbose_name=_("forwarded from"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="forwards", editable=False,
    )  # fmt: skip
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+", editable=False
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+", editable=False
    )
    status_note = models.TextField(_("reason for the status"), blank=True, editable=False)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True, editable=False)
    review_on = models.DateField(_("review by"), null=True, blank=True, editable=False)
    content_deleted_at = models.DateTimeField(_("content deleted"), null=True, blank=True, editable=False)

    objects = IdsFirstQuerySet.as_manager()  # a list's page: its ids first, then its rows (core/paging.py)

    class Meta:
        ordering = ["-sent_at", "-created_at", "-pk"]
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        indexes = [
            models.Index(fields=["owner", "status"]),
            models.Index(fields=["review_on"]),
            # What a list filters and orders by, without the text (decision 0051): on PostgreSQL access, search
            # and order read this index alone, not the table (SQLite keeps the key columns, not the included).
            models.Index(
                fields=["created_at", "id"], include=["owner", "status", "sent_at"], name="exchange_message_listed"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.subject}".strip()

    @property
    def root(self) -> Message:
        return self.thread or self

    @property
    def crime_area_labels(self) -> list[str]:
        from liaison.core.choices import CrimeArea

        return [str(CrimeArea(area).label) if area in CrimeArea.values else str(area) for area in self.crime_areas]

    @property
    def not_for_court(self) -> bool:
        return self.handling_code == HandlingCode.H1


class Recipient(models.Model):
    """An agency a message is addressed to, with what happened to the message there."""

    message = models.ForeignKey(Message, verbose_name=_("message"), on_delete=models.CASCADE, related_name="recipients")
    agency = models.ForeignKey("agencies.Agency", verbose_name=_("agency"), on_delete=models.PROTECT, related_name="+")
    delivered_at = models.DateTimeField(_("delivered"), null=True, blank=True)
    acknowledged_at = models.DateTimeField(_("acknowledged"), null=True, blank=True)
    acknowledged_by = models.CharField(_("acknowledged by"), max_length=150, blank=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    read_by = models.CharField(_("read by"), max_length=150, blank=True)
    replied_at = models.DateTimeField(_("replied"), null=True, blank=True)
    recalled_at = models.DateTimeField(_("recalled"), null=True, blank=True)

    class Meta:
        ordering = ["message", "pk"]
        verbose_name = _("recipient")
        verbose_name_plural = _("recipients")
        constraints = [models.UniqueConstraint(fields=["message", "agency"], name="exchange_recipient_once")]
        # What an agency receives (exchange/access.py: received_ids), read from the index alone.
        indexes = [models.Index(fields=["agency", "recalled_at", "message"], name="exchange_recipient_received")]

    def __str__(self) -> str:
        return f"{self.message.reference} → {self.agency}"


class Translation(models.Model):
    message = models.ForeignKey(
        Message, verbose_name=_("message"), on_delete=models.CASCADE, related_name="translations"
    )
    language = models.CharField(_("language"), max_length=10)
    subject = models.CharField(_("subject"), max_length=500, blank=True)
    body = models.TextField(_("text"))
    translator = models.CharField(_("translated by"), max_length=200)
    translated_at = models.DateTimeField(_("translated"))
    certified = models.BooleanField(_("certified translation"), default=False)

    class Meta:
        ordering = ["language"]
        verbose_name = _("translation")
        verbose_name_plural = _("translations")
        constraints = [
            models.UniqueConstraint(fields=["message", "language"], name="exchange_translation_one_per_language")
        ]

    def __str__(self) -> str:
        return f"{self.message.reference} ({self.language})"


def attachment_path(instance: Any, filename: str) -> str:
    return f"exchange/{instance.sha256[:2]}/{instance.sha256}{os.path.splitext(filename)[1].lower()[:10]}"


class Attachment(models.Model):
    message = models.ForeignKey(
        Message, verbose_name=_("message"), on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=500)
    original_name = models.CharField(_("file name"), max_length=255, editable=False)
    content_type = models.CharField(_("kind of file"), max_length=100, editable=False)
    size = models.PositiveBigIntegerField(_("size (bytes)"), editable=False, default=0)
    sha256 = models.CharField(_("SHA-256"), max_length=64, editable=False)
    added_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.original_name


class MessageLink(models.Model):
    """A record the message is about: a person, a notice, a fugitive case — any kind registered in links.py."""

    message = models.ForeignKey(Message, verbose_name=_("message"), on_delete=models.CASCADE, related_name="links")
    target_type = models.CharField(_("kind of record"), max_length=100)
    target_id = models.CharField(_("record"), max_length=64)
    label = models.CharField(_("label"), max_length=255, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("linked record")
        verbose_name_plural = _("linked records")
        constraints = [
            models.UniqueConstraint(fields=["message", "target_type", "target_id"], name="exchange_link_once")
        ]

    def __str__(self) -> str:
        return self.label or f"{self.target_type}:{self.target_id}"


class Indicator(models.Model):
    """A telephone number, address, account … the message reports (checked by kind: indicators.py)."""

    message = models.ForeignKey(Message, verbose_name=_("message"), on_delete=models.CASCADE, related_name="indicators")
    kind = models.CharField(_("kind"), max_length=20, choices=IndicatorKind.choices)
    value = models.CharField(_("value"), max_length=500)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        constraints = [models.UniqueConstraint(fields=["message", "kind", "value"], name="exchange_indicator_once")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.value}"


class PermissionRequest(TimeStampedModel):
    """A recipient asks the owner of a message to pass it on to a third agency or to use it in court."""

    message = models.ForeignKey(
        Message, verbose_name=_("message"), on_delete=models.CASCADE, related_name="permission_requests"
    )
    agency = models.ForeignKey(
        "agencies.Agency", verbose_name=_("asked by"), on_delete=models.PROTECT, related_name="+"
    )
    purpose = models.CharField(_("purpose"), max_length=10, choices=PermissionPurpose.choices)
    third_agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("third agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reason = models.TextField(_("reason"))
    status = models.CharField(
        _("status"), max_length=10, choices=PermissionStatus.choices, default=PermissionStatus.PENDING
    )
    answer = models.TextField(_("answer"), blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    requested_by = models.CharField(_("requested by"), max_length=150, blank=True)
    answered_by = models.CharField(_("answered by"), max_length=150, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("permission request")
        verbose_name_plural = _("permission requests")

    def __str__(self) -> str:
        return f"{self.message.reference}: {self.get_purpose_display()} ({self.get_status_display()})"
