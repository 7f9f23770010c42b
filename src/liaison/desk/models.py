"""The liaison desk: notices about persons and the fugitive case between two desks.

Notice and FugitiveCase are AgencyOwnedModels. A notice reaches a partner through a core Share carrying the
handling code; sharing a notice shares its subject with the same agency (desk/sharing.py). Offences belong to
their notice; events and documents to their case (scoped through the parent, see access.py). A case's
status changes only through its workflow (workflow.py); every change is a CaseEvent and an audit record.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from liaison.core.choices import CrimeArea
from liaison.core.models import AgencyOwnedModel
from liaison.desk.choices import (
    CaseDirection,
    CaseDocumentKind,
    CaseEventKind,
    CaseStatus,
    LegalBasisKind,
    NoticeKind,
    NoticeSource,
    NoticeStatus,
    Priority,
)

RETENTION_YEARS = 5  # INTERPOL keeps nominal data five years unless the source justifies keeping it
REVIEW_WARNING_DAYS = 183  # … and asks for that justification six months before


def add_years(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


class NoticeQuerySet(models.QuerySet["Notice"]):
    def active(self) -> NoticeQuerySet:
        return self.filter(status=NoticeStatus.ACTIVE)

    def review_due(self, today: datetime.date | None = None) -> NoticeQuerySet:
        """Active notices whose five-year review date is within six months (or past)."""
        today = today or timezone.localdate()
        return self.active().filter(review_due_on__lte=today + datetime.timedelta(days=REVIEW_WARNING_DAYS))


class Notice(AgencyOwnedModel):
    """A notice about a person: wanted, locate, information, missing or warning."""

    person = models.ForeignKey(
        "people.Person", verbose_name=_("person"), on_delete=models.PROTECT, related_name="notices"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=NoticeKind.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=NoticeStatus.choices, default=NoticeStatus.DRAFT, editable=False
    )
    status_reason = models.TextField(_("reason for the status"), blank=True, editable=False)
    source = models.CharField(_("source"), max_length=20, choices=NoticeSource.choices, default=NoticeSource.OWN)
    issuing_agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("issuing agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The agency that issued the notice (empty when known only by country)."),
    )
    issuing_country = CountryField(_("issuing country"), blank=True)
    reference = models.CharField(_("reference"), max_length=100, blank=True)
    interpol_id = models.CharField(
        _("INTERPOL notice id"), max_length=40, blank=True, db_index=True, help_text=_("e.g. 2019/12345")
    )
    legal_basis_kind = models.CharField(
        _("legal basis"), max_length=20, choices=LegalBasisKind.choices, default=LegalBasisKind.WARRANT
    )
    legal_basis_authority = models.CharField(_("issued by (court or authority)"), max_length=255, blank=True)
    legal_basis_date = models.DateField(_("dated"), null=True, blank=True)
    legal_basis_reference = models.CharField(_("warrant or judgment reference"), max_length=100, blank=True)
    summary = models.TextField(_("summary of facts"), blank=True)
    issued_on = models.DateField(_("issued on"), default=timezone.localdate)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    last_reviewed_on = models.DateField(_("last reviewed on"), null=True, blank=True, editable=False)
    review_due_on = models.DateField(
        _("review due"), null=True, blank=True, editable=False, help_text=_("Five years after issue or last review.")
    )
    extra = models.JSONField(_("other data"), default=dict, blank=True, help_text=_("Fields kept from an import."))

    objects = NoticeQuerySet.as_manager()

    class Meta:
        ordering = ["-issued_on", "-pk"]
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "interpol_id"], condition=~models.Q(interpol_id=""), name="notice_interpol_id_once"
            ),
        ]
        indexes = [models.Index(fields=["owner", "status"]), models.Index(fields=["review_due_on"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display().split(' –')[0]}: {self.person}"

    def get_absolute_url(self) -> str:
        return reverse("notice_detail", kwargs={"pk": self.pk})

    def clean(self) -> None:
        if self.valid_until and self.issued_on and self.valid_until < self.issued_on:
            raise ValidationError({"valid_until": _("The end is before the start.")})
        if self.kind == NoticeKind.WANTED and self.legal_basis_kind == LegalBasisKind.NONE:
            raise ValidationError(
                {"legal_basis_kind": _("A wanted notice needs a legal basis: an arrest warrant, judgment or decision.")}
            )
        base = self.last_reviewed_on or self.issued_on
        self.review_due_on = add_years(base, RETENTION_YEARS) if base else None

    @property
    def review_warning(self) -> bool:
        if self.status != NoticeStatus.ACTIVE or self.review_due_on is None:
            return False
        return self.review_due_on <= timezone.localdate() + datetime.timedelta(days=REVIEW_WARNING_DAYS)


class Offence(models.Model):
    notice = models.ForeignKey(Notice, verbose_name=_("notice"), on_delete=models.CASCADE, related_name="offences")
    description = models.TextField(_("offence"))
    description_translation = models.TextField(_("translation"), blank=True)
    crime_area = models.CharField(_("crime area"), max_length=30, choices=CrimeArea.choices, blank=True)
    law = models.CharField(_("law and article"), max_length=255, blank=True)
    max_penalty = models.CharField(_("maximum penalty"), max_length=255, blank=True)
    country = CountryField(_("country whose law"), blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("offence")
        verbose_name_plural = _("offences")

    def __str__(self) -> str:
        return self.description[:100]


class PartnerDeadlines(AgencyOwnedModel):
    """How soon the desk must acknowledge a partner's request and how often report progress."""

    partner = models.ForeignKey(
        "agencies.Agency", verbose_name=_("partner"), on_delete=models.PROTECT, related_name="+"
    )
    acknowledge_days = models.PositiveSmallIntegerField(
        _("acknowledge within (days)"), default=7, validators=[MinValueValidator(1), MaxValueValidator(365)]
    )
    report_every_days = models.PositiveSmallIntegerField(
        _("report progress every (days)"), default=30, validators=[MinValueValidator(1), MaxValueValidator(365)]
    )

    class Meta:
        ordering = ["partner__short_name"]
        verbose_name = _("partner deadlines")
        verbose_name_plural = _("partner deadlines")
        constraints = [models.UniqueConstraint(fields=["owner", "partner"], name="deadlines_once_per_partner")]

    def __str__(self) -> str:
        return str(self.partner)


class FugitiveCaseQuerySet(models.QuerySet["FugitiveCase"]):
    def open(self) -> FugitiveCaseQuerySet:
        from liaison.desk.workflow import CASE_FINAL

        return self.exclude(status__in=CASE_FINAL)

    def overdue(self, today: datetime.date | None = None) -> FugitiveCaseQuerySet:
        today = today or timezone.localdate()
        return self.open().filter(
            models.Q(acknowledged_on__isnull=True, acknowledge_by__lt=today) | models.Q(next_report_due__lt=today)
        )


class FugitiveCase(AgencyOwnedModel):
    """The request about one person between this desk and a partner's desk, from receipt to handover."""

    reference = models.CharField(_("our reference"), max_length=40, editable=False, unique=True)
    person = models.ForeignKey(
        "people.Person", verbose_name=_("person"), on_delete=models.PROTECT, related_name="fugitive_cases"
    )
    notice = models.ForeignKey(
        Notice, verbose_name=_("notice"), null=True, blank=True, on_delete=models.PROTECT, related_name="cases"
    )
    partner = models.ForeignKey(
        "agencies.Agency", verbose_name=_("partner agency"), on_delete=models.PROTECT, related_name="+"
    )
    direction = models.CharField(_("direction"), max_length=10, choices=CaseDirection.choices)
    partner_reference = models.CharField(_("partner's reference"), max_length=100, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=CaseStatus.choices, default=CaseStatus.RECEIVED, editable=False
    )
    priority = models.PositiveSmallIntegerField(_("priority"), choices=Priority.choices, default=Priority.TIER_2)
    received_on = models.DateField(_("request dated"), default=timezone.localdate)
    crime_area = models.CharField(_("crime area"), max_length=30, choices=CrimeArea.choices, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("officer in charge"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    acknowledge_by = models.DateField(_("acknowledge by"), null=True, blank=True, editable=False)
    acknowledged_on = models.DateField(_("acknowledged on"), null=True, blank=True, editable=False)
    next_report_due = models.DateField(_("next progress report due"), null=True, blank=True, editable=False)
    last_location = models.CharField(_("last known location"), max_length=255, blank=True, editable=False)
    closed_on = models.DateField(_("closed on"), null=True, blank=True, editable=False)

    objects = FugitiveCaseQuerySet.as_manager()

    class Meta:
        ordering = ["priority", "-received_on", "-pk"]
        verbose_name = _("fugitive case")
        verbose_name_plural = _("fugitive cases")
        indexes = [models.Index(fields=["owner", "status"])]

    def __str__(self) -> str:
        return f"{self.reference} {self.person}"

    def get_absolute_url(self) -> str:
        return reverse("fugitive_case_detail", kwargs={"pk": self.pk})

    @property
    def is_overdue(self) -> bool:
        from liaison.desk.workflow import CASE_FINAL

        if self.status in CASE_FINAL:
            return False
        today = timezone.localdate()
        late_ack = self.acknowledged_on is None and self.acknowledge_by is not None and self.acknowledge_by < today
        late_report = self.next_report_due is not None and self.next_report_due < today
        return late_ack or late_report


class CaseEvent(models.Model):
    """One entry of a case's timeline: opening, status changes (with where), notes, documents, reports."""

    case = models.ForeignKey(FugitiveCase, verbose_name=_("case"), on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("kind"), max_length=20, choices=CaseEventKind.choices)
    from_status = models.CharField(_("from"), max_length=20, choices=CaseStatus.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=20, choices=CaseStatus.choices, blank=True)
    occurred_at = models.DateTimeField(_("when"), default=timezone.now)
    place = models.CharField(_("where"), max_length=255, blank=True)
    note = models.TextField(_("note"), blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, related_name="+", null=True
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["occurred_at", "pk"]
        verbose_name = _("case event")
        verbose_name_plural = _("case events")

    def __str__(self) -> str:
        return f"{self.case_id} {self.kind} {self.occurred_at:%Y-%m-%d}"


def case_document_path(instance: Any, filename: str) -> str:
    return f"desk/cases/{instance.case_id}/{instance.sha256[:16]}-{filename[-80:]}"


class CaseDocument(models.Model):
    case = models.ForeignKey(FugitiveCase, verbose_name=_("case"), on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("kind"), max_length=20, choices=CaseDocumentKind.choices, default=CaseDocumentKind.OTHER)
    title = models.CharField(_("title"), max_length=255)
    file = models.FileField(_("file"), upload_to=case_document_path, max_length=500)
    original_name = models.CharField(_("file name"), max_length=255, editable=False)
    size = models.PositiveBigIntegerField(_("size (bytes)"), editable=False, default=0)
    sha256 = models.CharField(_("SHA-256"), max_length=64, editable=False)
    dated = models.DateField(_("dated"), null=True, blank=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", editable=False)
    added_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        ordering = ["-added_at", "-pk"]
        verbose_name = _("case document")
        verbose_name_plural = _("case documents")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("fugitive_case_document_file", kwargs={"pk": self.pk})
