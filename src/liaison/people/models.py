"""The people register: persons with every way their name is written, identity documents, photos,
addresses and contacts. Shared by every domain that concerns a person (desk, screening, later legal
requests and citizens abroad).

A Person is an AgencyOwnedModel: the recording agency owns it; partners see it when it is shared with
them (directly or through a notice shared with them: core/sharing.py, desk/sharing.py). Names are stored
exactly as entered (NFC) with their script, language and kind; namematch derives every other form at query time.
A person merged into another keeps its row as a tombstone (`merged_into`), so old references and the
audit trail still resolve; lists and searches leave tombstones out.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from liaison.core.models import AgencyOwnedModel
from liaison.people.choices import AddressKind, ContactKind, DocumentType, NameKind, Script, Sex

PARTIAL_DATE_RE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")

language_code_validator = RegexValidator(
    r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$",
    _("Enter a language code such as vi, ko, zh-Hans or ru."),
)


def validate_partial_date(value: str) -> None:
    """YYYY, YYYY-MM or YYYY-MM-DD, and a real calendar date when complete."""
    if not value:
        return
    if not PARTIAL_DATE_RE.match(value):
        raise ValidationError(
            _("Enter the date as YYYY-MM-DD, YYYY-MM or YYYY (for example 1985-03-07 or 1985)."), code="invalid"
        )
    if len(value) == 10:
        import datetime

        try:
            datetime.date.fromisoformat(value)
        except ValueError:
            raise ValidationError(_("%(value)s is not a calendar date."), params={"value": value}) from None


def validate_country_list(value: Any) -> None:
    from django_countries import countries

    if not isinstance(value, list):
        raise ValidationError(_("Enter a list of ISO 3166 alpha-2 country codes."))
    unknown = [str(code) for code in value if not isinstance(code, str) or code.upper() not in dict(countries)]
    if unknown:
        raise ValidationError(_("Unknown country codes: %(codes)s."), params={"codes": ", ".join(unknown)})
    if len({str(c).upper() for c in value}) != len(value):
        raise ValidationError(_("A country is listed twice."))


def validate_language_list(value: Any) -> None:
    if not isinstance(value, list):
        raise ValidationError(_("Enter a list of language codes."))
    for code in value:
        language_code_validator(code)


def guess_script(text: str) -> str:
    """The ISO 15924 script most of the letters of `text` are written in (Hani when Han is not told
    apart; simplified or traditional is for the officer to say)."""
    counts: dict[str, int] = {}
    for ch in text:
        if not ch.isalpha():
            continue
        name = unicodedata.name(ch, "")
        if name.startswith("HANGUL"):
            key = Script.HANGUL
        elif name.startswith("CJK"):
            key = Script.HAN
        elif name.startswith("CYRILLIC"):
            key = Script.CYRILLIC
        elif name.startswith("LATIN"):
            key = Script.LATIN
        else:
            key = Script.OTHER
        counts[key] = counts.get(key, 0) + 1
    if not counts:
        return Script.OTHER
    return max(counts, key=lambda k: counts[k])


class PersonQuerySet(models.QuerySet["Person"]):
    def current(self) -> PersonQuerySet:
        """Persons not merged into another."""
        return self.filter(merged_into__isnull=True)


class Person(AgencyOwnedModel):
    """A natural person known to the desk: a wanted person, a missing person, a detained citizen."""

    display_name = models.CharField(
        _("name shown"),
        max_length=300,
        editable=False,
        help_text=_("The primary name, kept in step with the names by the actions."),
    )
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices, default=Sex.UNKNOWN)
    birth_date = models.CharField(
        _("date of birth"),
        max_length=10,
        blank=True,
        validators=[validate_partial_date],
        help_text=_("YYYY-MM-DD, or YYYY-MM or YYYY when only part is known."),
    )
    birth_place = models.CharField(_("place of birth"), max_length=255, blank=True)
    birth_country = CountryField(_("country of birth"), blank=True)
    nationalities = models.JSONField(
        _("nationalities"), default=list, blank=True, validators=[validate_country_list], help_text=_("ISO 3166 codes.")
    )
    height_cm = models.PositiveSmallIntegerField(
        _("height (cm)"), null=True, blank=True, validators=[MinValueValidator(40), MaxValueValidator(260)]
    )
    weight_kg = models.PositiveSmallIntegerField(
        _("weight (kg)"), null=True, blank=True, validators=[MinValueValidator(2), MaxValueValidator(400)]
    )
    eye_colour = models.CharField(_("eye colour"), max_length=50, blank=True)
    hair_colour = models.CharField(_("hair colour"), max_length=50, blank=True)
    distinguishing_marks = models.TextField(_("distinguishing marks"), blank=True)
    description = models.TextField(_("physical description"), blank=True)
    languages = models.JSONField(
        _("languages spoken"),
        default=list,
        blank=True,
        validators=[validate_language_list],
        help_text=_("Language codes (ISO 639), e.g. vi, ko, zh, ru."),
    )
    notes = models.TextField(_("notes"), blank=True)
    fictional = models.BooleanField(
        _("fictional"), default=False, help_text=_("Demonstration or training record: not a real person.")
    )
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merged_from",
        editable=False,
    )

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["display_name", "pk"]
        verbose_name = _("person")
        verbose_name_plural = _("persons")
        indexes = [models.Index(fields=["owner", "merged_into"]), models.Index(fields=["display_name"])]

    def __str__(self) -> str:
        return self.display_name or f"#{self.pk}"

    @property
    def birth_year(self) -> int | None:
        return int(self.birth_date[:4]) if self.birth_date else None


class PersonName(models.Model):
    """One way the person's name is written."""

    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="names")
    full_name = models.CharField(_("name as written"), max_length=300)
    family_name = models.CharField(_("family name"), max_length=150, blank=True)
    given_names = models.CharField(_("given names"), max_length=200, blank=True)
    patronymic = models.CharField(_("patronymic"), max_length=150, blank=True)
    script = models.CharField(_("script"), max_length=4, choices=Script.choices, blank=True)
    language = models.CharField(_("language"), max_length=16, blank=True, validators=[language_code_validator])
    kind = models.CharField(_("kind"), max_length=20, choices=NameKind.choices, default=NameKind.NATIVE)
    transcribed_by = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("transcribed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The partner agency whose transcription this is."),
    )
    is_primary = models.BooleanField(_("primary"), default=False)
    source = models.CharField(_("source"), max_length=255, blank=True)

    class Meta:
        ordering = ["-is_primary", "pk"]
        verbose_name = _("name")
        verbose_name_plural = _("names")
        constraints = [
            models.UniqueConstraint(
                fields=["person"], condition=models.Q(is_primary=True), name="person_one_primary_name"
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    def clean(self) -> None:
        self.full_name = unicodedata.normalize("NFC", " ".join(self.full_name.split()))
        for name in ("family_name", "given_names", "patronymic"):
            setattr(self, name, unicodedata.normalize("NFC", " ".join(getattr(self, name).split())))
        if not self.full_name:
            raise ValidationError({"full_name": _("A name cannot be empty.")})
        if not self.script:
            self.script = guess_script(self.full_name)
        if self.kind == NameKind.TRANSCRIPTION and self.transcribed_by_id is None:
            raise ValidationError({"transcribed_by": _("Say which partner agency made this transcription.")})


def document_number_normal(number: str) -> str:
    return re.sub(r"[^0-9A-Z]", "", number.upper())


class IdentityDocument(models.Model):
    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("type"), max_length=20, choices=DocumentType.choices, default=DocumentType.PASSPORT)
    number = models.CharField(_("number"), max_length=50)
    number_normal = models.CharField(max_length=50, editable=False, db_index=True)
    issuing_country = CountryField(_("issuing country"), blank=True)
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    mrz = models.TextField(
        _("machine-readable zone"), blank=True, help_text=_("The two or three MRZ lines, as printed.")
    )
    notes = models.CharField(_("notes"), max_length=500, blank=True)

    class Meta:
        ordering = ["kind", "pk"]
        verbose_name = _("identity document")
        verbose_name_plural = _("identity documents")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}"

    def clean(self) -> None:
        self.number = self.number.strip()
        self.number_normal = document_number_normal(self.number)
        if not self.number_normal:
            raise ValidationError({"number": _("Enter the document number (letters and digits).")})
        if self.issued_on and self.valid_until and self.valid_until < self.issued_on:
            raise ValidationError({"valid_until": _("The end is before the start.")})
        if self.mrz.strip():
            from namematch.mrz import parse_mrz

            try:
                parsed = parse_mrz(self.mrz)
            except ValueError as error:
                raise ValidationError({"mrz": _("Not a machine-readable zone: %(error)s") % {"error": error}}) from None
            failed = [name for name, ok in parsed.checks.items() if not ok]
            if failed:
                raise ValidationError(
                    {
                        "mrz": _("Check digit wrong for: %(fields)s. Compare with the document.")
                        % {"fields": ", ".join(failed)}
                    }
                )
            if document_number_normal(parsed.document_number) != self.number_normal:
                raise ValidationError(
                    {
                        "mrz": _("The MRZ carries document number %(mrz)s, not %(number)s.")
                        % {"mrz": parsed.document_number, "number": self.number}
                    }
                )


def photo_path(instance: Any, filename: str) -> str:
    return f"people/photos/{instance.person_id}/{instance.sha256[:16]}-{filename[-80:]}"


class Photo(models.Model):
    """A photograph of the person. `releasable`: partners with whom the person is shared may see it;
    otherwise only the owning agency does (docs/decisions/0010-desk-model.md)."""

    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="photos")
    image = models.FileField(_("image"), upload_to=photo_path, max_length=500)
    content_type = models.CharField(max_length=50, editable=False)
    sha256 = models.CharField(_("SHA-256"), max_length=64, editable=False)
    size = models.PositiveBigIntegerField(_("size (bytes)"), editable=False, default=0)
    caption = models.CharField(_("caption"), max_length=255, blank=True)
    taken_on = models.CharField(_("taken on"), max_length=10, blank=True, validators=[validate_partial_date])
    releasable = models.BooleanField(
        _("releasable to partners"),
        default=False,
        help_text=_("Partners with whom this person is shared may see this photo."),
    )
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", editable=False)
    added_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("photo")
        verbose_name_plural = _("photos")

    def __str__(self) -> str:
        return self.caption or f"photo {self.pk}"


class Address(models.Model):
    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="addresses")
    kind = models.CharField(_("kind"), max_length=20, choices=AddressKind.choices, default=AddressKind.RESIDENCE)
    address = models.TextField(_("address"))
    city = models.CharField(_("city or province"), max_length=150, blank=True)
    country = CountryField(_("country"), blank=True)
    valid_from = models.CharField(_("from"), max_length=10, blank=True, validators=[validate_partial_date])
    valid_to = models.CharField(_("until"), max_length=10, blank=True, validators=[validate_partial_date])
    source = models.CharField(_("source"), max_length=255, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("address")
        verbose_name_plural = _("addresses")

    def __str__(self) -> str:
        return ", ".join(p for p in (self.address, self.city, str(self.country.name or "")) if p)


class Contact(models.Model):
    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="contacts")
    kind = models.CharField(_("kind"), max_length=20, choices=ContactKind.choices, default=ContactKind.PHONE)
    value = models.CharField(_("value"), max_length=255)
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.value}"
