"""Citizens abroad: consular cases about one person, their timeline and imprisonment record, the register of
facilities, the notification rules per partner, and protection incidents.

A ConsularCase is about one person (people register) in one direction: our national abroad, or a foreign national
held here. Its status moves only through workflow.py; its deadlines (consular notification, first visit,
periodic visit, next hearing) are derived by the actions (actions/deadlines.py) from the partner's rule
(NotificationRule) or the VCCR defaults (docs/decisions/0045). The family contact is protected: only the roles
holding `consular.family_contact` read it (docs/decisions/0044).
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from liaison.consular.choices import (
    AffectedGroup,
    CaseStatus,
    Consent,
    Direction,
    EventKind,
    FacilityKind,
    IncidentKind,
    NotifyBasis,
    Situation,
    TransferConsent,
    VictimOf,
)
from liaison.core.choices import CrimeArea
from liaison.core.models import AgencyOwnedModel
from liaison.core.validators import SENTENCE_DAYS


class Facility(AgencyOwnedModel):
    """A prison, detention centre or other place where persons are held, in a partner country or here."""

    name = models.CharField(_("name"), max_length=255)
    name_en = models.CharField(_("name in English"), max_length=255, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=FacilityKind.choices, default=FacilityKind.PRISON)
    country = CountryField(_("country"))
    city = models.CharField(_("city or province"), max_length=120, blank=True)
    address = models.TextField(_("address"), blank=True)
    phone = models.CharField(_("telephone"), max_length=60, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    visiting_rules = models.TextField(_("visiting rules"), blank=True)

    class Meta:
        ordering = ["country", "name"]
        verbose_name = _("facility")
        verbose_name_plural = _("facilities")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("consular:facility_detail", kwargs={"pk": self.pk})


class NotificationRule(AgencyOwnedModel):
    """How and when the consulate of a partner's country is told of the arrest of one of its nationals, and how
    often a prisoner is visited — with the source that sets it (a bilateral consular agreement, or the VCCR)."""

    partner = models.ForeignKey(
        "agencies.Agency", verbose_name=_("partner"), on_delete=models.PROTECT, related_name="+"
    )
    basis = models.CharField(_("notification"), max_length=20, choices=NotifyBasis.choices)
    notify_within_days = models.PositiveSmallIntegerField(
        _("notify within (days)"), validators=[MinValueValidator(0), MaxValueValidator(60)]
    )
    first_visit_within_days = models.PositiveSmallIntegerField(
        _("first visit within (days)"), validators=[MinValueValidator(1), MaxValueValidator(365)]
    )
    visit_every_days = models.PositiveSmallIntegerField(
        _("visit a prisoner every (days)"), validators=[MinValueValidator(1), MaxValueValidator(730)]
    )
    source = models.CharField(
        _("source"),
        max_length=500,
        help_text=_("The agreement and article that set these terms, e.g. a bilateral consular agreement."),
    )

    class Meta:
        ordering = ["partner__short_name"]
        verbose_name = _("consular notification rule")
        verbose_name_plural = _("consular notification rules")
        constraints = [models.UniqueConstraint(fields=["owner", "partner"], name="consular_rule_once_per_partner")]

    def __str__(self) -> str:
        return str(self.partner)


class ConsularCase(AgencyOwnedModel):
    """One person, our national abroad or a foreign national held here, and what is done for them."""

    reference = models.CharField(_("our reference"), max_length=40, editable=False, unique=True)
    person = models.ForeignKey(
        "people.Person", verbose_name=_("person"), on_delete=models.PROTECT, related_name="consular_cases"
    )
    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices)
    partner = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("partner agency"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The partner of the country where our national is, or of the foreign national's country."),
    )
    situation = models.CharField(_("situation"), max_length=20, choices=Situation.choices)
    victim_of = models.CharField(_("victim of"), max_length=20, choices=VictimOf.choices, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=CaseStatus.choices, default=CaseStatus.OPEN, editable=False
    )
    place = models.CharField(_("place"), max_length=255, blank=True)
    facility = models.ForeignKey(
        Facility, verbose_name=_("facility"), null=True, blank=True, on_delete=models.PROTECT, related_name="cases"
    )
    authority = models.CharField(_("authority"), max_length=255, blank=True)
    occurred_on = models.DateField(_("arrested or occurred on"), default=timezone.localdate)
    charges = models.TextField(_("charges or incident"), blank=True)
    crime_area = models.CharField(_("crime area"), max_length=30, choices=CrimeArea.choices, blank=True)
    lawyer = models.CharField(_("lawyer"), max_length=255, blank=True)
    family_contact = models.TextField(
        _("family contact"), blank=True, help_text=_("Shown only to the roles that contact the family.")
    )
    consent_notify = models.CharField(
        _("consent to notify"), max_length=20, choices=Consent.choices, default=Consent.UNKNOWN
    )
    consent_share = models.BooleanField(_("consents to share personal data"), default=False)
    transfer_consent = models.CharField(
        _("consent to a transfer"), max_length=20, choices=TransferConsent.choices, default=TransferConsent.UNKNOWN
    )
    partner_reference = models.CharField(_("partner's reference"), max_length=100, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    # Deadlines, derived by the actions (actions/deadlines.py).
    notification_due = models.DateField(_("notification due"), null=True, blank=True, editable=False)
    notification_source = models.CharField(_("notification rule"), max_length=500, blank=True, editable=False)
    notified_on = models.DateField(_("consulate notified on"), null=True, blank=True, editable=False)
    acknowledged_on = models.DateField(_("notification acknowledged on"), null=True, blank=True, editable=False)
    first_visit_due = models.DateField(_("first visit due"), null=True, blank=True, editable=False)
    last_visit_on = models.DateField(_("last visit on"), null=True, blank=True, editable=False)
    next_visit_due = models.DateField(_("next visit due"), null=True, blank=True, editable=False)
    next_hearing_on = models.DateField(_("next hearing"), null=True, blank=True, editable=False)
    closed_on = models.DateField(_("closed on"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-occurred_on", "-pk"]
        verbose_name = _("consular case")
        verbose_name_plural = _("consular cases")
        indexes = [models.Index(fields=["owner", "status"])]

    def __str__(self) -> str:
        return f"{self.reference} {self.person}"

    def get_absolute_url(self) -> str:
        return reverse("consular:case_detail", kwargs={"pk": self.pk})

    def overdue(self, today: datetime.date | None = None) -> list[tuple[str, datetime.date]]:
        """The deadlines this open case has missed: ("notification" | "first_visit" | "visit", due date)."""
        from liaison.consular.workflow import OPEN_STATES

        if self.status not in OPEN_STATES:
            return []
        today = today or timezone.localdate()
        late: list[tuple[str, datetime.date]] = []
        if self.notified_on is None and self.notification_due is not None and self.notification_due < today:
            late.append(("notification", self.notification_due))
        if self.last_visit_on is None and self.first_visit_due is not None and self.first_visit_due < today:
            late.append(("first_visit", self.first_visit_due))
        elif self.next_visit_due is not None and self.next_visit_due < today:
            late.append(("visit", self.next_visit_due))
        return late


class ImprisonmentRecord(models.Model):
    """The judgment and sentence of a national imprisoned (one per case)."""

    case = models.OneToOneField(
        ConsularCase, verbose_name=_("case"), on_delete=models.CASCADE, related_name="imprisonment"
    )
    court = models.CharField(_("court"), max_length=255)
    judgment_date = models.DateField(_("judgment dated"))
    judgment_final = models.BooleanField(_("judgment final"), default=False)
    offence = models.TextField(_("offence"), blank=True)
    sentence_days = models.PositiveIntegerField(
        _("sentence (days)"),
        null=True,
        blank=True,
        validators=SENTENCE_DAYS,
        help_text=_("Empty for a life sentence."),
    )
    life_sentence = models.BooleanField(_("life sentence"), default=False)
    sentence_start = models.DateField(_("sentence counted from"))
    expected_release = models.DateField(_("expected release"), null=True, blank=True)

    class Meta:
        verbose_name = _("imprisonment record")
        verbose_name_plural = _("imprisonment records")

    def __str__(self) -> str:
        return f"{self.court} {self.judgment_date:%Y-%m-%d}"

    def time_served_days(self, today: datetime.date | None = None) -> int:
        today = today or timezone.localdate()
        return max(0, (today - self.sentence_start).days)

    def remaining_days(self, today: datetime.date | None = None) -> int | None:
        """Days of the sentence still to serve (None: a life sentence)."""
        if self.life_sentence:
            return None
        today = today or timezone.localdate()
        end = self.expected_release
        if end is None and self.sentence_days is not None:
            try:
                end = self.sentence_start + datetime.timedelta(days=self.sentence_days)
            except OverflowError:
                return None
        return max(0, (end - today).days) if end is not None else None


class ConsularEvent(models.Model):
    """One entry of a case's timeline: a notification, a visit, a hearing, a transfer, a release, a death…"""

    case = models.ForeignKey(ConsularCase, verbose_name=_("case"), on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices)
    occurred_at = models.DateTimeField(_("when"), default=timezone.now)
    place = models.CharField(_("where"), max_length=255, blank=True)
    from_status = models.CharField(_("from"), max_length=20, choices=CaseStatus.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=20, choices=CaseStatus.choices, blank=True)
    visitors = models.CharField(_("visited by"), max_length=255, blank=True)
    condition = models.TextField(_("condition of the person"), blank=True)
    needs = models.TextField(_("needs"), blank=True)
    ill_treatment = models.BooleanField(_("complains of ill-treatment"), default=False)
    facility = models.ForeignKey(
        Facility, verbose_name=_("to facility"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    next_hearing_on = models.DateField(_("next hearing"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, related_name="+", null=True
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        ordering = ["occurred_at", "pk"]
        verbose_name = _("consular event")
        verbose_name_plural = _("consular events")

    def __str__(self) -> str:
        return f"{self.case_id} {self.kind} {self.occurred_at:%Y-%m-%d}"


class ProtectionIncident(AgencyOwnedModel):
    """An incident affecting our businesspeople, students or workers in a partner country (or theirs here)."""

    title = models.CharField(_("title"), max_length=255)
    kind = models.CharField(_("kind"), max_length=20, choices=IncidentKind.choices)
    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices)
    country = CountryField(_("country"))
    place = models.CharField(_("place"), max_length=255, blank=True)
    occurred_on = models.DateField(_("occurred on"), default=timezone.localdate)
    affected = models.CharField(_("affected"), max_length=20, choices=AffectedGroup.choices)
    victims_count = models.PositiveIntegerField(_("number of victims"), default=0)
    description = models.TextField(_("description"), blank=True)
    persons = models.ManyToManyField("people.Person", verbose_name=_("persons"), blank=True, related_name="+")
    fugitive_case_reference = models.CharField(
        _("fugitive case"), max_length=40, blank=True, help_text=_("Our reference of a linked fugitive case.")
    )

    class Meta:
        ordering = ["-occurred_on", "-pk"]
        verbose_name = _("protection incident")
        verbose_name_plural = _("protection incidents")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("consular:incident_detail", kwargs={"pk": self.pk})
