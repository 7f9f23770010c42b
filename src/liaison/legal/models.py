"""Legal requests and the treaty terms they rest on (docs/decisions/0041-legal-requests.md).

TreatyTerms and LegalRequest are AgencyOwnedModels. Treaty terms are kept per agreement of the cooperation
registry (or as reciprocity, with no agreement) and per partner agency: the kinds of request covered, the central
authorities (CentralAuthority), languages, time limits, refusal grounds (allowed and mandatory) and the
conditions of a transfer of sentenced persons. A request's status changes only through its workflow
(workflow.py); every change is a RequestEvent and an audit record. Offences and events belong to their request.
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
from django.utils.translation import ngettext

from liaison.core.models import AgencyOwnedModel
from liaison.core.validators import SENTENCE_DAYS
from liaison.legal.choices import (
    Direction,
    DocumentKind,
    EventKind,
    RefusalGround,
    RequestKind,
    RequestStatus,
    RequestSubkind,
    Side,
    TreatyBasis,
)

_DAYS = [MinValueValidator(1), MaxValueValidator(3650)]


def _check_codes(values: object, allowed: list[str], field: str) -> None:
    if not isinstance(values, list) or any(value not in allowed for value in values):
        raise ValidationError({field: _("Choose from: %(allowed)s.") % {"allowed": ", ".join(allowed)}})


class TreatyTerms(AgencyOwnedModel):
    """What a treaty (or reciprocity) says about legal requests with one partner agency."""

    partner = models.ForeignKey(
        "agencies.Agency", verbose_name=_("partner agency"), on_delete=models.PROTECT, related_name="+"
    )
    basis = models.CharField(_("basis"), max_length=20, choices=TreatyBasis.choices)
    agreement = models.ForeignKey(
        "cooperation.Agreement",
        verbose_name=_("agreement"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The treaty or convention in the cooperation registry; empty for reciprocity."),
    )
    title = models.CharField(_("title"), max_length=500)
    source = models.CharField(
        _("source"), max_length=500, blank=True, help_text=_("Where the terms come from (publication, article).")
    )
    fictional = models.BooleanField(_("fictional"), default=False, help_text=_("Demo terms that are not real."))
    kinds = models.JSONField(_("kinds of request covered"), default=list)
    languages = models.JSONField(_("languages accepted"), default=list, blank=True, help_text=_("e.g. vi, ko, en"))
    formal_request_days = models.PositiveSmallIntegerField(
        _("days to present the formal extradition request after a provisional arrest"),
        null=True,
        blank=True,
        validators=_DAYS,
    )
    acknowledge_days = models.PositiveSmallIntegerField(_("days to acknowledge"), default=14, validators=_DAYS)
    answer_days = models.PositiveSmallIntegerField(_("days to answer"), default=90, validators=_DAYS)
    refusal_grounds = models.JSONField(_("refusal grounds allowed"), default=list, blank=True)
    mandatory_grounds = models.JSONField(_("mandatory refusal grounds"), default=list, blank=True)
    transfer_min_remaining_days = models.PositiveIntegerField(
        _("minimum remaining sentence for a transfer (days)"), null=True, blank=True
    )
    transfer_final_judgment = models.BooleanField(_("a transfer needs a final judgment"), default=True)
    transfer_consent = models.BooleanField(_("a transfer needs the person's consent"), default=True)
    transfer_dual_criminality = models.BooleanField(_("a transfer needs dual criminality"), default=True)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["partner__short_name", "title"]
        verbose_name = _("treaty terms")
        verbose_name_plural = _("treaty terms")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("legal:treaty_detail", kwargs={"pk": self.pk})

    def clean(self) -> None:
        _check_codes(self.kinds, list(RequestKind.values), "kinds")
        _check_codes(self.refusal_grounds, list(RefusalGround.values), "refusal_grounds")
        _check_codes(self.mandatory_grounds, list(RefusalGround.values), "mandatory_grounds")
        if not self.kinds:
            raise ValidationError({"kinds": _("Name at least one kind of request the treaty covers.")})
        if not set(self.mandatory_grounds) <= set(self.refusal_grounds):
            raise ValidationError({"mandatory_grounds": _("A mandatory ground is also an allowed ground.")})
        if self.basis == TreatyBasis.RECIPROCITY and self.agreement_id is not None:
            raise ValidationError({"agreement": _("Reciprocity rests on no agreement: leave it empty.")})
        if self.basis != TreatyBasis.RECIPROCITY and self.agreement_id is None:
            raise ValidationError({"agreement": _("A treaty or convention is an agreement of the registry.")})
        if not isinstance(self.languages, list) or not all(isinstance(code, str) for code in self.languages):
            raise ValidationError({"languages": _('A list of language codes, e.g. ["vi", "ko"].')})

    def covers(self, kind: str) -> bool:
        return kind in self.kinds


class CentralAuthority(models.Model):
    """The central authority of one side for one kind of request under the terms."""

    terms = models.ForeignKey(
        TreatyTerms, verbose_name=_("treaty terms"), on_delete=models.CASCADE, related_name="authorities"
    )
    kind = models.CharField(_("kind of request"), max_length=20, choices=RequestKind.choices)
    side = models.CharField(_("side"), max_length=10, choices=Side.choices)
    name = models.CharField(_("central authority"), max_length=255)

    class Meta:
        ordering = ["kind", "side"]
        verbose_name = _("central authority")
        verbose_name_plural = _("central authorities")
        constraints = [models.UniqueConstraint(fields=["terms", "kind", "side"], name="authority_once_per_side")]

    def __str__(self) -> str:
        return self.name


class LegalRequestQuerySet(models.QuerySet["LegalRequest"]):
    def open(self) -> LegalRequestQuerySet:
        from liaison.legal.workflow import FINAL

        return self.exclude(status__in=FINAL)

    def overdue(self, today: datetime.date | None = None) -> LegalRequestQuerySet:
        """Open requests, clock running, past their acknowledgement, answer or formal-request deadline."""
        today = today or timezone.localdate()
        return (
            self.open()
            .filter(clock_stopped_on__isnull=True)
            .filter(
                models.Q(acknowledged_on__isnull=True, acknowledge_by__lt=today)
                | models.Q(answer_by__lt=today)
                | models.Q(formal_request_due__lt=today, formal_request_made=False)
            )
        )


class LegalRequest(AgencyOwnedModel):
    """An extradition, mutual legal assistance, verification or transfer request, to or from a partner."""

    reference = models.CharField(_("our reference"), max_length=40, editable=False, unique=True)
    partner_reference = models.CharField(_("partner's reference"), max_length=100, blank=True)
    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices)
    kind = models.CharField(_("kind"), max_length=20, choices=RequestKind.choices)
    subkind = models.CharField(_("sub-kind"), max_length=30, choices=RequestSubkind.choices)
    partner = models.ForeignKey(
        "agencies.Agency", verbose_name=_("partner agency"), on_delete=models.PROTECT, related_name="+"
    )
    treaty = models.ForeignKey(
        TreatyTerms, verbose_name=_("treaty basis"), on_delete=models.PROTECT, related_name="requests"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=RequestStatus.choices, default=RequestStatus.DRAFTING, editable=False
    )
    status_reason = models.TextField(_("reason for the status"), blank=True, editable=False)
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="legal_requests",
        help_text=_("The person the request is about (the first one, when it is about several)."),
    )
    other_persons = models.ManyToManyField(
        "people.Person",
        verbose_name=_("other persons"),
        blank=True,
        related_name="legal_requests_also",
        help_text=_(
            "Further persons a request for mutual legal assistance or a verification is about (e.g. three suspects)."
            " An extradition or a transfer is about one person: one request per person."
        ),
    )
    fugitive_case = models.ForeignKey(
        "desk.FugitiveCase",
        verbose_name=_("fugitive case"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    notice = models.ForeignKey(
        "desk.Notice", verbose_name=_("notice"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    follows = models.ForeignKey(
        "self",
        verbose_name=_("follows"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="followed_by",
        help_text=_("The provisional-arrest request a formal extradition request follows."),
    )
    facts = models.TextField(_("facts"), blank=True)
    received_on = models.DateField(_("request dated"), default=timezone.localdate)
    death_penalty_assurance = models.BooleanField(
        _("assurance that the death penalty will not be imposed or carried out"), default=False
    )
    # Transfer of sentenced persons: the judgment.
    court = models.CharField(_("court"), max_length=255, blank=True)
    judgment_reference = models.CharField(_("judgment reference"), max_length=100, blank=True)
    judgment_date = models.DateField(_("judgment dated"), null=True, blank=True)
    judgment_final = models.BooleanField(_("judgment final"), default=False)
    sentence_days = models.PositiveIntegerField(_("sentence (days)"), null=True, blank=True, validators=SENTENCE_DAYS)
    life_sentence = models.BooleanField(
        _("life imprisonment"), default=False, help_text=_("The sentence is life imprisonment (no length in days).")
    )
    served_days = models.PositiveIntegerField(_("served (days)"), null=True, blank=True, validators=SENTENCE_DAYS)
    consent = models.BooleanField(_("the person consents"), null=True, blank=True)
    # Deadlines (derived from the treaty and the workflow).
    sent_on = models.DateField(_("sent on"), null=True, blank=True, editable=False)
    acknowledge_by = models.DateField(_("acknowledge by"), null=True, blank=True, editable=False)
    acknowledged_on = models.DateField(_("acknowledged on"), null=True, blank=True, editable=False)
    answer_by = models.DateField(_("answer due"), null=True, blank=True, editable=False)
    arrested_on = models.DateField(_("provisionally arrested on"), null=True, blank=True, editable=False)
    formal_request_due = models.DateField(_("formal request due"), null=True, blank=True, editable=False)
    formal_request_made = models.BooleanField(_("formal request made"), default=False, editable=False)
    clock_stopped_on = models.DateField(_("clock stopped on"), null=True, blank=True, editable=False)
    days_stopped = models.PositiveIntegerField(_("days the clock stood"), default=0, editable=False)
    resume_status = models.CharField(_("resumes at"), max_length=20, blank=True, editable=False)
    refusal_grounds = models.JSONField(_("refusal grounds"), default=list, blank=True, editable=False)
    closed_on = models.DateField(_("closed on"), null=True, blank=True, editable=False)

    objects = LegalRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-received_on", "-pk"]
        verbose_name = _("legal request")
        verbose_name_plural = _("legal requests")
        indexes = [models.Index(fields=["owner", "status"])]

    def __str__(self) -> str:
        return f"{self.reference} {self.get_kind_display()}"

    def get_absolute_url(self) -> str:
        return reverse("legal:request_detail", kwargs={"pk": self.pk})

    def clean(self) -> None:
        if self.life_sentence and self.sentence_days is not None:
            raise ValidationError(
                {"sentence_days": _("A life sentence has no length in days: leave the sentence in days empty.")}
            )

    @property
    def persons(self) -> list[Any]:
        """The person, then the other persons in the register's order (empty when the request names nobody)."""
        if self.person is None:
            return []
        return [self.person, *self.other_persons.all()] if self.pk else [self.person]

    @property
    def remaining_days(self) -> int | None:
        """Days of the sentence left to serve; None when unknown or for a life sentence (indefinite)."""
        if self.life_sentence or self.sentence_days is None or self.served_days is None:
            return None
        return self.sentence_days - self.served_days

    @property
    def is_overdue(self) -> bool:
        return type(self).objects.overdue().filter(pk=self.pk).exists()


class LegalOffence(models.Model):
    """An offence of a request as the requesting state charges it (its law, article, maximum penalty, death
    penalty) — our law for an outgoing request, the partner's for an incoming one, the same on both nodes — with the
    requested state's corresponding offence as entered in the partner_* fields (dual criminality; decision 0049)."""

    request = models.ForeignKey(
        LegalRequest, verbose_name=_("legal request"), on_delete=models.CASCADE, related_name="offences"
    )
    description = models.TextField(_("offence"))
    law = models.CharField(_("law"), max_length=255, blank=True)
    article = models.CharField(_("article"), max_length=100, blank=True)
    max_penalty = models.CharField(
        _("maximum penalty"), max_length=255, blank=True, help_text=_("As the law words it (shown as written).")
    )
    max_penalty_years = models.PositiveSmallIntegerField(
        _("maximum penalty (years of imprisonment)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    max_penalty_life = models.BooleanField(_("maximum penalty: life imprisonment"), default=False)
    death_penalty = models.BooleanField(_("punishable by death"), default=False)
    political = models.BooleanField(_("political offence"), default=False)
    military = models.BooleanField(_("military offence"), default=False)
    partner_law = models.CharField(_("partner's law"), max_length=255, blank=True)
    partner_article = models.CharField(_("partner's article"), max_length=100, blank=True)
    partner_description = models.TextField(_("offence in the other state's law"), blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("offence")
        verbose_name_plural = _("offences")

    def __str__(self) -> str:
        return self.description[:100]

    def clean(self) -> None:
        if self.max_penalty_life and self.max_penalty_years is not None:
            raise ValidationError(
                {"max_penalty_years": _("The maximum penalty is either a number of years or life imprisonment.")}
            )

    @property
    def penalty_text(self) -> str:
        """The maximum penalty in words: the law's wording when entered, else from the structured fields."""
        if self.max_penalty.strip():
            return self.max_penalty.strip()
        parts = []
        if self.death_penalty:
            parts.append(str(_("death penalty")))
        if self.max_penalty_life:
            parts.append(str(_("life imprisonment")))
        elif self.max_penalty_years is not None:
            parts.append(
                ngettext("%(years)d year of imprisonment", "%(years)d years of imprisonment", self.max_penalty_years)
                % {"years": self.max_penalty_years}
            )
        return "; ".join(parts)

    @property
    def dual_criminality(self) -> bool:
        """The same conduct is an offence in the partner's law as entered (its law and article, or its text)."""
        return bool((self.partner_law.strip() and self.partner_article.strip()) or self.partner_description.strip())


class RequestEvent(models.Model):
    """One entry of a request's timeline: opening, status changes, acknowledgements, notes."""

    request = models.ForeignKey(
        LegalRequest, verbose_name=_("legal request"), on_delete=models.CASCADE, related_name="events"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices)
    from_status = models.CharField(_("from"), max_length=20, choices=RequestStatus.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=20, choices=RequestStatus.choices, blank=True)
    occurred_at = models.DateTimeField(_("when"), default=timezone.now)
    note = models.TextField(_("note"), blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, related_name="+", null=True
    )
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["occurred_at", "pk"]
        verbose_name = _("request event")
        verbose_name_plural = _("request events")

    def __str__(self) -> str:
        return f"{self.request_id} {self.kind} {self.occurred_at:%Y-%m-%d}"


def legal_document_path(instance: LegalDocument, filename: str) -> str:
    return f"legal/requests/{instance.request_id}/{instance.sha256[:16]}-{filename[-80:]}"


class LegalDocument(models.Model):
    """A document of a request's dossier: an original, or the certified translation of one (translator, date,
    certification)."""

    request = models.ForeignKey(
        LegalRequest, verbose_name=_("legal request"), on_delete=models.CASCADE, related_name="documents"
    )
    kind = models.CharField(_("kind"), max_length=30, choices=DocumentKind.choices, default=DocumentKind.OTHER)
    language = models.CharField(_("language"), max_length=10, help_text=_("e.g. vi, ko, zh, ru, en"))
    translation_of = models.ForeignKey(
        "self",
        verbose_name=_("translation of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="translations",
    )
    translator = models.CharField(_("translator"), max_length=255, blank=True)
    translated_on = models.DateField(_("translated on"), null=True, blank=True)
    certification = models.CharField(
        _("certification"), max_length=500, blank=True, help_text=_("Who certified the translation, and how.")
    )
    title = models.CharField(_("title"), max_length=255)
    file = models.FileField(_("file"), upload_to=legal_document_path, max_length=500)
    original_name = models.CharField(_("file name"), max_length=255, editable=False)
    content_type = models.CharField(_("content type"), max_length=100, editable=False)
    size = models.PositiveBigIntegerField(_("size (bytes)"), editable=False, default=0)
    sha256 = models.CharField(_("SHA-256"), max_length=64, editable=False)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", editable=False, null=True
    )
    added_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        ordering = ["kind", models.F("translation_of_id").asc(nulls_first=True), "pk"]  # originals first everywhere
        verbose_name = _("dossier document")
        verbose_name_plural = _("dossier documents")

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        original = self.translation_of
        if original is None:
            return
        if original.request_id != self.request_id or original.translation_of_id is not None:
            raise ValidationError({"translation_of": _("A translation is of an original of the same request.")})
        if original.kind != self.kind:
            raise ValidationError({"kind": _("A translation is of the same kind of document as its original.")})
        if not (self.translator.strip() and self.translated_on and self.certification.strip()):
            raise ValidationError(
                {"certification": _("A certified translation names its translator, its date and its certification.")}
            )


class RequestLetter(models.Model):
    """A signed-off version of a request's letter (legal/letter/, docs/decisions/0047-request-letter.md): its PDF and
    DOCX are documents of the dossier (kind *request letter*); a sign-off after a change makes the next version and
    keeps the earlier ones."""

    request = models.ForeignKey(
        LegalRequest, verbose_name=_("legal request"), on_delete=models.CASCADE, related_name="letters"
    )
    version = models.PositiveIntegerField(_("version"))
    language = models.CharField(_("language"), max_length=10)
    digest = models.CharField(_("content digest"), max_length=64, help_text=_("SHA-256 of what the letter says."))
    pdf = models.ForeignKey(LegalDocument, verbose_name=_("PDF"), on_delete=models.PROTECT, related_name="+")
    docx = models.ForeignKey(LegalDocument, verbose_name=_("Word (DOCX)"), on_delete=models.PROTECT, related_name="+")
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("signed off by"), on_delete=models.PROTECT, related_name="+"
    )
    signed_at = models.DateTimeField(_("signed off"), default=timezone.now)

    class Meta:
        ordering = ["request", "-version"]
        verbose_name = _("request letter")
        verbose_name_plural = _("request letters")
        constraints = [models.UniqueConstraint(fields=["request", "version"], name="letter_version_once")]

    def __str__(self) -> str:
        return f"{self.request_id} v{self.version} {self.language}"
