"""Screening of lists (arrivals, residence or hotel registrations) against the persons of active notices.

A ScreeningList is an uploaded file and its column mapping; a ScreeningRun screens it in the background
(the task queue) and records progress, counts and bad rows; a Hit is one row that may be a wanted person,
with its namematch score and explanation. An officer decides each hit; the decision is remembered as a
HitDecision keyed by the person and the row's fingerprint, so the same pair is not raised again.
Only hits are stored, not the list's every row: the file itself is kept (hash-checked) for re-runs.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from liaison.core.models import AgencyOwnedModel


class ListKind(models.TextChoices):
    ARRIVALS = "arrivals", _("Arrivals (passenger list)")
    DEPARTURES = "departures", _("Departures")
    RESIDENCE = "residence", _("Residence registrations")
    HOTEL = "hotel", _("Hotel registrations")
    OTHER = "other", _("Other list")


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    FINISHED = "finished", _("Finished")
    FAILED = "failed", _("Failed")
    CANCELLED = "cancelled", _("Cancelled")


class Decision(models.TextChoices):
    PENDING = "pending", _("To decide")
    CONFIRMED = "confirmed", _("Confirmed: it is the person")
    NOT_MATCH = "not_match", _("Not the person")
    UNSURE = "unsure", _("Unsure")


def list_file_path(instance: Any, filename: str) -> str:
    return f"screening/lists/{instance.sha256[:16]}-{filename[-80:]}"


class ScreeningList(AgencyOwnedModel):
    name = models.CharField(_("name"), max_length=255)
    kind = models.CharField(_("kind"), max_length=20, choices=ListKind.choices, default=ListKind.ARRIVALS)
    file = models.FileField(_("file"), upload_to=list_file_path, max_length=500)
    original_name = models.CharField(_("file name"), max_length=255, editable=False)
    size = models.PositiveBigIntegerField(_("size (bytes)"), editable=False, default=0)
    sha256 = models.CharField(_("SHA-256"), max_length=64, editable=False)
    encoding = models.CharField(
        _("text encoding"),
        max_length=20,
        blank=True,
        editable=False,
        help_text=_("How a CSV file's text was read (detected, or chosen on upload); empty for XLSX."),
    )
    columns = models.JSONField(_("columns found"), default=list, editable=False)
    row_count = models.PositiveIntegerField(_("rows"), default=0, editable=False)
    mapping = models.JSONField(
        _("column mapping"),
        default=dict,
        blank=True,
        help_text=_(
            "Which column holds each field: id, name (a list of columns, each a full name), family_name, "
            "middle_name, given_names, patronymic, birth_date, nationality, sex, document_number, mrz."
        ),
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", editable=False
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("screening list")
        verbose_name_plural = _("screening lists")

    def __str__(self) -> str:
        return self.name


class ScreeningRun(AgencyOwnedModel):
    screening_list = models.ForeignKey(
        ScreeningList, verbose_name=_("list"), on_delete=models.PROTECT, related_name="runs"
    )
    status = models.CharField(_("status"), max_length=10, choices=RunStatus.choices, default=RunStatus.QUEUED)
    threshold = models.FloatField(_("threshold"))
    algorithm = models.CharField(_("algorithm"), max_length=50)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    task_id = models.CharField(max_length=64, blank=True, editable=False)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    rows_total = models.PositiveIntegerField(_("rows"), default=0)
    rows_done = models.PositiveIntegerField(_("rows screened"), default=0)
    references = models.PositiveIntegerField(_("persons screened against"), default=0)
    hit_count = models.PositiveIntegerField(_("hits"), default=0)
    suppressed_count = models.PositiveIntegerField(
        _("hits left out by earlier decisions"), default=0, help_text=_("Pairs an officer already ruled out.")
    )
    bad_rows = models.JSONField(
        _("problems found in rows"),
        default=list,
        blank=True,
        help_text=_("Each problem: row, field, column, value, message, and whether the row was still screened."),
    )
    bad_row_count = models.PositiveIntegerField(
        _("number of problems"), default=0, help_text=_("All of them; the list above keeps the first 10,000.")
    )
    rows_skipped = models.PositiveIntegerField(
        _("rows not screened"), default=0, help_text=_("Rows without a usable name.")
    )
    error = models.TextField(_("error"), blank=True)
    heartbeat_at = models.DateTimeField(
        _("last sign of life"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Written by the process screening the run at each commit; a stale one means it stopped."),
    )
    resumed = models.PositiveSmallIntegerField(
        _("times resumed"), default=0, editable=False, help_text=_("Resumed after the worker screening it stopped.")
    )
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cancelled by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("screening run")
        verbose_name_plural = _("screening runs")

    def __str__(self) -> str:
        return f"{self.screening_list} #{self.pk}"

    @property
    def percent(self) -> int:
        if not self.rows_total:
            return 100 if self.status == RunStatus.FINISHED else 0
        return min(100, int(100 * self.rows_done / self.rows_total))


class Hit(models.Model):
    """One row of a list that may be the person of an active notice."""

    run = models.ForeignKey(ScreeningRun, verbose_name=_("run"), on_delete=models.CASCADE, related_name="hits")
    row_number = models.PositiveIntegerField(_("row"))
    row_id = models.CharField(_("row id"), max_length=100, blank=True)
    row = models.JSONField(_("row as listed"), default=dict)
    fingerprint = models.CharField(max_length=64, db_index=True)
    person = models.ForeignKey("people.Person", verbose_name=_("person"), on_delete=models.PROTECT, related_name="+")
    notice = models.ForeignKey(
        "desk.Notice", verbose_name=_("notice"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    score = models.FloatField(_("score"))
    explanation = models.JSONField(_("explanation"), default=dict)
    algorithm = models.CharField(_("algorithm"), max_length=50)
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices, default=Decision.PENDING)
    reason = models.TextField(_("reason"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    case = models.ForeignKey(
        "desk.FugitiveCase",
        verbose_name=_("fugitive case"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        ordering = ["-score", "row_number", "pk"]
        verbose_name = _("hit")
        verbose_name_plural = _("hits")
        indexes = [models.Index(fields=["run", "decision"])]

    def __str__(self) -> str:
        return f"row {self.row_number} → {self.person} ({self.score:.2f})"


class HitDecision(AgencyOwnedModel):
    """An officer's ruling on a (person, listed identity) pair, remembered across runs."""

    person = models.ForeignKey("people.Person", verbose_name=_("person"), on_delete=models.CASCADE, related_name="+")
    fingerprint = models.CharField(max_length=64)
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices)
    reason = models.TextField(_("reason"), blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    hit = models.ForeignKey(Hit, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("remembered decision")
        verbose_name_plural = _("remembered decisions")
        constraints = [
            models.UniqueConstraint(fields=["owner", "person", "fingerprint"], name="hit_decision_once_per_pair")
        ]

    def __str__(self) -> str:
        return f"{self.person_id}/{self.fingerprint[:8]}: {self.decision}"
