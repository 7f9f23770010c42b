"""Engagements (talks, visits, dialogues, conferences, exchanges) with their participants and outcomes."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from liaison.cooperation.choices import Direction, EngagementKind, Level, Side
from liaison.cooperation.models.programmes import Programme
from liaison.cooperation.models.validation import check_period
from liaison.core.models import AgencyOwnedModel


class EngagementQuerySet(models.QuerySet["Engagement"]):
    def with_partner(self, agency: Any) -> EngagementQuerySet:
        return self.filter(partners=agency).distinct()

    def past(self, today: datetime.date) -> EngagementQuerySet:
        return self.filter(start_date__lt=today).order_by("-start_date")

    def upcoming(self, today: datetime.date) -> EngagementQuerySet:
        return self.filter(start_date__gte=today).order_by("start_date")

    def between(self, start: datetime.date, end: datetime.date) -> EngagementQuerySet:
        """Engagements overlapping [start, end] (a one-day engagement has no end date)."""
        return self.filter(start_date__lte=end).filter(
            models.Q(end_date__gte=start) | models.Q(end_date__isnull=True, start_date__gte=start)
        )


class Engagement(AgencyOwnedModel):
    """Talks, a delegation visit, a dialogue, a conference, a multilateral meeting, an exchange."""

    kind = models.CharField(_("kind"), max_length=20, choices=EngagementKind.choices)
    title = models.CharField(_("title"), max_length=500)
    edition = models.PositiveSmallIntegerField(
        _("edition"), null=True, blank=True, help_text=_("E.g. 6 for the 6th conference of a series.")
    )
    direction = models.CharField(
        _("direction"), max_length=20, choices=Direction.choices, blank=True, help_text=_("Empty: not recorded.")
    )
    level = models.CharField(
        _("level"), max_length=20, choices=Level.choices, blank=True, help_text=_("Empty: not recorded.")
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=255, blank=True)
    country = CountryField(_("country"), blank=True)
    partners = models.ManyToManyField(
        "agencies.Agency", verbose_name=_("partner agencies"), blank=True, related_name="+"
    )
    programme = models.ForeignKey(
        Programme,
        verbose_name=_("under programme"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="engagements",
    )
    agenda = models.TextField(_("agenda"), blank=True)
    notes = models.TextField(_("notes"), blank=True)

    objects = EngagementQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date", "title"]
        verbose_name = _("engagement")
        verbose_name_plural = _("engagements")

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        check_period(self.start_date, self.end_date, "end_date")
        if self.end_date is not None and self.start_date is None:
            raise ValidationError({"start_date": _("Give the start date when the end date is known.")})


class EngagementParticipant(models.Model):
    """A person who took part, named as written in the record, on our side or the partner's."""

    engagement = models.ForeignKey(
        Engagement, verbose_name=_("engagement"), on_delete=models.CASCADE, related_name="participants"
    )
    name = models.CharField(_("name as written"), max_length=255)
    position = models.CharField(_("position or role"), max_length=255, blank=True)
    agency = models.ForeignKey(
        "agencies.Agency", verbose_name=_("agency"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    side = models.CharField(_("side"), max_length=10, choices=Side.choices)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["engagement", "side", "order", "id"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")

    def __str__(self) -> str:
        return self.name


class Outcome(models.Model):
    """One result agreed at an engagement; may give rise to an action item (ActionItem.origin_outcome)."""

    engagement = models.ForeignKey(
        Engagement, verbose_name=_("engagement"), on_delete=models.CASCADE, related_name="outcomes"
    )
    text = models.TextField(_("outcome"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["engagement", "order", "id"]
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")

    def __str__(self) -> str:
        return self.text[:80]
