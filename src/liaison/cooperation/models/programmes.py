"""Multi-year programmes and their action items with dated progress updates."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from liaison.cooperation.choices import ActionItemStatus
from liaison.cooperation.models.agreements import Agreement
from liaison.cooperation.models.validation import check_period
from liaison.core.models import AgencyOwnedModel


class Programme(AgencyOwnedModel):
    """A multi-year programme (e.g. the 2025–2027 coordinated action programme) implementing an agreement."""

    title = models.CharField(_("title"), max_length=500)
    agreement = models.ForeignKey(
        Agreement,
        verbose_name=_("implements agreement"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="programmes",
    )
    start_year = models.PositiveSmallIntegerField(_("first year"), null=True, blank=True)
    end_year = models.PositiveSmallIntegerField(_("last year"), null=True, blank=True)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    partners = models.ManyToManyField(
        "agencies.Agency", verbose_name=_("partner agencies"), blank=True, related_name="+"
    )
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["-start_year", "title"]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        check_period(self.start_year, self.end_year, "end_year")
        check_period(self.start_date, self.end_date, "end_date")


class ActionItemQuerySet(models.QuerySet["ActionItem"]):
    def open(self) -> ActionItemQuerySet:
        from liaison.cooperation.workflow import ACTION_ITEM_CLOSED

        return self.exclude(status__in=ACTION_ITEM_CLOSED)

    def overdue(self, today: datetime.date) -> ActionItemQuerySet:
        """Due before `today` and neither done nor dropped (items with no due date are never overdue)."""
        return self.open().filter(due_date__lt=today)

    def for_partner(self, agency: Any) -> ActionItemQuerySet:
        """Items concerning a partner agency: named directly, through their programme, or their partner unit."""
        condition = (
            models.Q(partner_agency=agency)
            | models.Q(programme__partners=agency)
            | models.Q(partner_unit__agency=agency)
        )
        return self.filter(pk__in=ActionItem.objects.filter(condition).values("pk"))


class ActionItem(AgencyOwnedModel):
    """One task of a programme (or from an engagement's outcome), with the responsible unit on each side."""

    programme = models.ForeignKey(
        Programme,
        verbose_name=_("programme"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="action_items",
    )
    number = models.CharField(_("number"), max_length=20, blank=True, help_text=_("As numbered in the programme."))
    title = models.CharField(_("title"), max_length=500)
    description = models.TextField(_("description"), blank=True)
    partner_agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("partner agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    home_unit = models.ForeignKey(
        "agencies.Unit",
        verbose_name=_("responsible unit (our side)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    partner_unit = models.ForeignKey(
        "agencies.Unit",
        verbose_name=_("responsible unit (partner side)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    partner_unit_text = models.CharField(
        _("responsible unit (partner side, as written)"),
        max_length=500,
        blank=True,
        help_text=_("For partner units that are not in the directory."),
    )
    due_date = models.DateField(_("due"), null=True, blank=True)
    indicators = models.TextField(_("indicators"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ActionItemStatus.choices, default=ActionItemStatus.PLANNED, editable=False
    )
    status_reason = models.TextField(_("reason for the status"), blank=True, editable=False)
    origin_outcome = models.OneToOneField(
        "Outcome",
        verbose_name=_("from the outcome"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="action_item",
        editable=False,
    )

    objects = ActionItemQuerySet.as_manager()

    class Meta:
        ordering = ["due_date", "number", "id"]
        verbose_name = _("action item")
        verbose_name_plural = _("action items")

    def __str__(self) -> str:
        return f"{self.number} {self.title}".strip()


class ActionItemUpdate(models.Model):
    """A dated progress note on an action item (added, never edited)."""

    action_item = models.ForeignKey(
        ActionItem, verbose_name=_("action item"), on_delete=models.CASCADE, related_name="updates"
    )
    date = models.DateField(_("date"))
    text = models.TextField(_("progress"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")

    def __str__(self) -> str:
        return f"{self.date}: {self.text[:60]}"
