"""The cooperation registry: agreements, programmes and action items, engagements, training and capacity building.

Every top-level record is an AgencyOwnedModel (owner: the agency that records it). Child records (titles,
parties, documents, links, updates, participants, outcomes) have no owner of their own: they belong to their
parent and are reached through it (see access.py). Dates and places the public record does not give are
left empty, so screens can say "not recorded" — nothing is invented.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from liaison.cooperation.choices import (
    ActionItemStatus,
    AgreementKind,
    AgreementStatus,
    CapacityProjectKind,
    CapacityProjectStatus,
    Direction,
    DocumentKind,
    EngagementKind,
    Level,
    LinkKind,
    Renewal,
    Side,
    TrainingTopic,
)
from liaison.core.choices import CrimeArea
from liaison.core.models import AgencyOwnedModel

language_code_validator = RegexValidator(
    r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$",
    _("Enter a language code such as vi, ko, zh-Hans or ru."),
)
currency_validator = RegexValidator(r"^[A-Z]{3}$", _("Enter a three-letter ISO 4217 currency code such as USD."))


def validate_crime_areas(value: Any) -> None:
    if not isinstance(value, list):
        raise ValidationError(_("Enter a list of crime area codes."))
    valid = set(CrimeArea.values)
    unknown = [str(code) for code in value if code not in valid]
    if unknown:
        raise ValidationError(_("Unknown crime areas: %(codes)s."), params={"codes": ", ".join(unknown)})
    if len(set(value)) != len(value):
        raise ValidationError(_("A crime area is listed twice."))


def _check_period(start: Any, end: Any, field: str) -> None:
    if start is not None and end is not None and end < start:
        raise ValidationError({field: _("The end is before the start.")})


def _language_field(verbose: Any = None, blank: bool = False) -> models.CharField[Any, Any]:
    return models.CharField(verbose or _("language"), max_length=16, blank=blank, validators=[language_code_validator])


# --- agreements ------------------------------------------------------------------------------------------
class AgreementQuerySet(models.QuerySet["Agreement"]):
    def in_force(self) -> AgreementQuerySet:
        return self.filter(status=AgreementStatus.IN_FORCE)

    def with_party(self, agency: Any) -> AgreementQuerySet:
        return self.filter(parties__agency=agency).distinct()


class Agreement(AgencyOwnedModel):
    """A treaty, agreement, memorandum of understanding, protocol, programme or plan between two or more
    parties (agencies or governments)."""

    kind = models.CharField(_("kind"), max_length=20, choices=AgreementKind.choices)
    title_en = models.CharField(_("working title (English)"), max_length=500)
    reference = models.CharField(_("reference number"), max_length=100, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=AgreementStatus.choices, default=AgreementStatus.NEGOTIATING, editable=False
    )
    signed_date = models.DateField(_("signed on"), null=True, blank=True)
    signed_place = models.CharField(_("signed at"), max_length=255, blank=True)
    entry_into_force_date = models.DateField(_("entry into force"), null=True, blank=True)
    validity_years = models.PositiveSmallIntegerField(_("validity (years)"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    renewal = models.CharField(
        _("renewal"), max_length=20, choices=Renewal.choices, blank=True, help_text=_("Empty: not recorded.")
    )
    renewal_period_years = models.PositiveSmallIntegerField(
        _("renewal period (years)"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    renewal_notes = models.TextField(_("renewal notes"), blank=True)
    crime_areas = models.JSONField(
        _("crime areas"), default=list, blank=True, validators=[validate_crime_areas], help_text=_("Scope.")
    )
    scope_notes = models.TextField(_("scope notes"), blank=True)
    notes = models.TextField(_("notes"), blank=True)

    objects = AgreementQuerySet.as_manager()

    class Meta:
        ordering = ["-signed_date", "title_en"]
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")

    def __str__(self) -> str:
        return self.title_en

    def clean(self) -> None:
        _check_period(self.signed_date, self.entry_into_force_date, "entry_into_force_date")
        _check_period(self.entry_into_force_date, self.valid_until, "valid_until")
        if self.renewal_period_years and self.renewal != Renewal.AUTOMATIC:
            raise ValidationError({"renewal_period_years": _("A renewal period applies to automatic renewal only.")})


class AgreementParty(models.Model):
    """One party to an agreement: an agency in the directory, or a government (by country)."""

    agreement = models.ForeignKey(
        Agreement, verbose_name=_("agreement"), on_delete=models.CASCADE, related_name="parties"
    )
    agency = models.ForeignKey(
        "agencies.Agency", verbose_name=_("agency"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    government_country = CountryField(_("government of"), blank=True)
    name_text = models.CharField(
        _("name as written"), max_length=500, blank=True, help_text=_("The party's name as the agreement writes it.")
    )

    class Meta:
        ordering = ["id"]
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(agency__isnull=False) | ~models.Q(government_country=""),
                name="agreement_party_agency_or_government",
            ),
        ]

    def __str__(self) -> str:
        if self.name_text:
            return self.name_text
        if self.agency_id:
            return str(self.agency)
        return str(self.government_country.name)

    def clean(self) -> None:
        if self.agency_id is None and not self.government_country:
            raise ValidationError(_("A party is an agency or a government: name one."))
        if self.agency_id is not None and self.government_country:
            raise ValidationError(_("A party is an agency or a government, not both."))


class AgreementTitle(models.Model):
    """The agreement's title in one party's language, exactly as written."""

    agreement = models.ForeignKey(
        Agreement, verbose_name=_("agreement"), on_delete=models.CASCADE, related_name="titles"
    )
    language = _language_field()
    title = models.CharField(_("title"), max_length=1000)

    class Meta:
        ordering = ["id"]
        verbose_name = _("agreement title")
        verbose_name_plural = _("agreement titles")
        constraints = [
            models.UniqueConstraint(fields=["agreement", "language"], name="agreement_title_one_per_language")
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.language})"


def agreement_document_path(instance: AgreementDocument, filename: str) -> str:
    return f"cooperation/agreements/{instance.agreement_id}/{filename}"


class AgreementDocument(models.Model):
    """A text of an agreement: an original (possibly authoritative) or a translation, with its SHA-256."""

    agreement = models.ForeignKey(
        Agreement, verbose_name=_("agreement"), on_delete=models.PROTECT, related_name="documents"
    )
    file = models.FileField(_("file"), upload_to=agreement_document_path, max_length=500)
    original_name = models.CharField(_("file name"), max_length=255, editable=False)
    size = models.PositiveBigIntegerField(_("size (bytes)"), editable=False)
    sha256 = models.CharField(_("SHA-256"), max_length=64, editable=False)
    language = _language_field()
    kind = models.CharField(_("kind"), max_length=12, choices=DocumentKind.choices, default=DocumentKind.ORIGINAL)
    authoritative = models.BooleanField(
        _("authoritative"), default=False, help_text=_("This text prevails (an authentic original).")
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        ordering = ["agreement", "-authoritative", "language"]
        verbose_name = _("agreement document")
        verbose_name_plural = _("agreement documents")

    def __str__(self) -> str:
        return f"{self.original_name} ({self.language})"

    def clean(self) -> None:
        if self.authoritative and self.kind != DocumentKind.ORIGINAL:
            raise ValidationError({"authoritative": _("Only an original text can be authoritative.")})


class AgreementLink(models.Model):
    """`from_agreement` implements, amends or replaces `to_agreement`; both agreements show the link."""

    from_agreement = models.ForeignKey(
        Agreement, verbose_name=_("agreement"), on_delete=models.CASCADE, related_name="links_out"
    )
    to_agreement = models.ForeignKey(
        Agreement, verbose_name=_("linked agreement"), on_delete=models.PROTECT, related_name="links_in"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=LinkKind.choices)
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("agreement link")
        verbose_name_plural = _("agreement links")
        constraints = [
            models.UniqueConstraint(fields=["from_agreement", "to_agreement", "kind"], name="agreement_link_unique"),
            models.CheckConstraint(
                condition=~models.Q(from_agreement=models.F("to_agreement")), name="agreement_link_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.from_agreement} {self.get_kind_display()} {self.to_agreement}"

    def clean(self) -> None:
        if self.from_agreement_id is not None and self.from_agreement_id == self.to_agreement_id:
            raise ValidationError({"to_agreement": _("An agreement cannot be linked to itself.")})


# --- programmes and action items -------------------------------------------------------------------------
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
        _check_period(self.start_year, self.end_year, "end_year")
        _check_period(self.start_date, self.end_date, "end_date")


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


# --- engagements -----------------------------------------------------------------------------------------
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
        _check_period(self.start_date, self.end_date, "end_date")
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


# --- capacity building -----------------------------------------------------------------------------------
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
    language = _language_field(_("language of instruction"), blank=True)
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
        _check_period(self.start_date, self.end_date, "end_date")


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
        _check_period(self.start_year, self.end_year, "end_year")
        if self.budget is not None and not self.currency:
            raise ValidationError({"currency": _("Give the currency of the budget.")})


# --- calendar feed ---------------------------------------------------------------------------------------
class CalendarFeedToken(models.Model):
    """The secret in a user's personal iCalendar feed URL. Only its HMAC is kept (like agencies.ApiToken);
    the URL is shown once, when created or rotated. Written only by feed_actions.py."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="calendar_feed"
    )
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created"))
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return f"calendar feed of {self.user_id}"
