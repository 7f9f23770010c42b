"""Agreements with their parties, titles, documents and links between agreements."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from liaison.cooperation.choices import AgreementKind, AgreementStatus, DocumentKind, LinkKind, Renewal
from liaison.cooperation.models.validation import check_period, language_field, validate_crime_areas
from liaison.core.models import AgencyOwnedModel


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
        check_period(self.signed_date, self.entry_into_force_date, "entry_into_force_date")
        check_period(self.entry_into_force_date, self.valid_until, "valid_until")
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
    language = language_field()
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
    language = language_field()
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
