"""Indicators a message reports, each checked by its kind; a bad one is refused naming its kind and value."""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.utils.translation import gettext as _

from liaison.exchange.choices import IndicatorKind

K = IndicatorKind
_PHONE = re.compile(r"\+?[0-9][0-9 ().-]{5,30}")
_DOMAIN = re.compile(r"(?=.{1,253}$)([a-z0-9](-*[a-z0-9])*\.)+[a-z]{2,63}", re.IGNORECASE)
_IBAN = re.compile(r"[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}")
_WALLET = re.compile(r"[A-Za-z0-9:]{20,120}")
_PLATE = re.compile(r"[\w .-]{2,20}")


def _iban_ok(value: str) -> bool:
    if not _IBAN.fullmatch(value):
        return False
    moved = value[4:] + value[:4]
    return int("".join(str(int(ch, 36)) for ch in moved)) % 97 == 1


def _valid(kind: str, value: str) -> bool:
    checks: dict[str, Any] = {
        K.PHONE: lambda v: bool(_PHONE.fullmatch(v)) and sum(ch.isdigit() for ch in v) >= 6,
        K.DOMAIN: lambda v: bool(_DOMAIN.fullmatch(v)),
        K.IBAN: _iban_ok,
        K.CRYPTO_WALLET: lambda v: bool(_WALLET.fullmatch(v)),
        K.VEHICLE_PLATE: lambda v: bool(_PLATE.fullmatch(v)),
    }
    if kind in (K.IPV4, K.IPV6):
        try:
            address = ipaddress.ip_address(value)
        except ValueError:
            return False
        return address.version == (4 if kind == K.IPV4 else 6)
    if kind in (K.EMAIL, K.URL):
        try:
            (EmailValidator() if kind == K.EMAIL else URLValidator())(value)
        except ValidationError:
            return False
        return True
    return bool(checks[kind](value))


def normalise(kind: str, value: str) -> str:
    value = " ".join(str(value).split())
    if kind == K.IBAN:
        return value.replace(" ", "").upper()
    if kind in (K.EMAIL, K.DOMAIN):
        return value.lower()
    return value


def checked(items: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """The indicators (kind, value), normalised; a ValidationError on "indicators" naming the first bad one."""
    found = []
    for kind, raw in items:
        if kind not in K.values:
            raise ValidationError({"indicators": _("%(kind)s is not a kind of indicator; use one of: %(kinds)s.")
                                   % {"kind": kind, "kinds": ", ".join(K.values)}})  # fmt: skip
        value = normalise(kind, raw)
        if not value or not _valid(kind, value):
            raise ValidationError({"indicators": _("“%(value)s” is not a valid %(kind)s.")
                                   % {"value": raw, "kind": K(kind).label}})  # fmt: skip
        if (kind, value) not in found:
            found.append((kind, value))
    return found
