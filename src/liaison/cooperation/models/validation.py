"""Validators and field helpers shared by the cooperation models."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from liaison.core.choices import CrimeArea

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


def check_period(start: Any, end: Any, field: str) -> None:
    if start is not None and end is not None and end < start:
        raise ValidationError({field: _("The end is before the start.")})


def language_field(verbose: Any = None, blank: bool = False) -> models.CharField[Any, Any]:
    return models.CharField(verbose or _("language"), max_length=16, blank=blank, validators=[language_code_validator])
