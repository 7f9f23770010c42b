"""Capacity building: training courses and capacity-building projects."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from liaison.cooperation.choices import CapacityProjectKind, CapacityProjectStatus, TrainingTopic
from liaison.cooperation.models.programmes import Programme
from liaison.cooperation.models.validation import check_period, currency_validator, language_field
from liaison.core.models import AgencyOwnedModel


class TrainingCourse(AgencyOwnedModel):
    title = models.CharField(_("title"), max_length=500)
    topic = models.CharField(_("topic"), max_length=24, choices=TrainingTopic.choices)
    host_agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("host agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    place = models.CharField(_("place"), max_length=255, blank=True)
    country = CountryField(_("country"), blank=True)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    language = language_field(_("language of instruction"), blank=True)
    participants_count = models.PositiveIntegerField(_("number of participants"), null=True, blank=True)
    partners = models.ManyToManyField(
        "agencies.Agency", verbose_name=_("partner agencies"), blank=True, related_name="+"
    )
    programme = models.ForeignKey(
        Programme,
        verbose_name=_("under programme"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="training_courses",
    )
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["-start_date", "title"]
        verbose_name = _("training course")
        verbose_name_plural = _("training courses")

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        check_period(self.start_date, self.end_date, "end_date")


class CapacityProject(AgencyOwnedModel):
    """A capacity-building project or equipment support, often in phases over several years."""

    title = models.CharField(_("title"), max_length=500)
    kind = models.CharField(_("kind"), max_length=12, choices=CapacityProjectKind.choices)
    phase = models.CharField(_("phase"), max_length=50, blank=True, help_text=_("E.g. phase 3."))
    start_year = models.PositiveSmallIntegerField(_("first year"), null=True, blank=True)
    end_year = models.PositiveSmallIntegerField(_("last year"), null=True, blank=True)
    partner_agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("partner agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    scope = models.TextField(_("scope"), blank=True)
    budget = models.DecimalField(_("budget"), max_digits=16, decimal_places=2, null=True, blank=True)
    currency = models.CharField(_("currency"), max_length=3, blank=True, validators=[currency_validator])
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=CapacityProjectStatus.choices,
        default=CapacityProjectStatus.PLANNED,
        editable=False,
    )
    status_reason = models.TextField(_("reason for the status"), blank=True, editable=False)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["-start_year", "title"]
        verbose_name = _("capacity-building project")
        verbose_name_plural = _("capacity-building projects")

    def __str__(self) -> str:
        return f"{self.title} {self.phase}".strip()

    def clean(self) -> None:
        check_period(self.start_year, self.end_year, "end_year")
        if self.budget is not None and not self.currency:
            raise ValidationError({"currency": _("Give the currency of the budget.")})
