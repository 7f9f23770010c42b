"""What an export refuses: an indicator whose value is not what its kind says, a person without a name or with a
malformed birth date, sex or nationality, an unknown handling code or TLP label. Each refusal names the item
(counted from 1, as the message's page lists them) and the value; valid values come back in their canonical
form (an IBAN without spaces, a domain in lower case, an IPv6 address compressed)."""

from __future__ import annotations

import ipaddress
import re
import urllib.parse
from collections.abc import Callable

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from liaison.exchange.exporting import ExportError

HANDLING_CODES = ("H0", "H1", "H2", "H3")
TLP_LABELS = ("CLEAR", "GREEN", "AMBER", "AMBER+STRICT", "RED")
SEXES = ("M", "F", "U")


def _phone(value: str) -> str | None:
    compact = value.strip()
    if not re.fullmatch(r"\+?[0-9 ()./-]+", compact) or "+" in compact[1:]:
        return None
    digits = re.sub(r"\D", "", compact)
    return compact if 6 <= len(digits) <= 15 else None


def _domain(value: str) -> str | None:
    name = value.strip().rstrip(".").lower()
    try:
        ascii_name = name.encode("idna").decode("ascii")
    except UnicodeError:
        return None
    labels = ascii_name.split(".")
    if len(ascii_name) > 253 or len(labels) < 2 or not re.fullmatch(r"[a-z]{2,63}|xn--[a-z0-9-]{1,59}", labels[-1]):
        return None
    if not all(re.fullmatch(r"[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?", label) for label in labels):
        return None
    return name


def _email(value: str) -> str | None:
    local, at, domain = value.strip().rpartition("@")
    if (
        not at
        or len(value) > 254
        or not re.fullmatch(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*", local)
    ):
        return None
    checked = _domain(domain)
    return f"{local}@{checked}" if checked else None


def _ip(version: int) -> Callable[[str], str | None]:
    def check(value: str) -> str | None:
        try:
            address = ipaddress.ip_address(value.strip())
        except ValueError:
            return None
        return str(address) if address.version == version else None

    return check


def _url(value: str) -> str | None:
    text = value.strip()
    if re.search(r"\s", text):
        return None
    try:
        parts = urllib.parse.urlsplit(text)
        host = parts.hostname or ""
        parts.port  # noqa: B018  (raises ValueError for a port that is not a number in range)
    except ValueError:
        return None
    if parts.scheme.lower() not in {"http", "https", "ftp"} or not host:
        return None
    if _domain(host) is None and _ip(4)(host) is None and _ip(6)(host) is None:
        return None
    return text


def _iban(value: str) -> str | None:
    compact = re.sub(r"[\s-]", "", value).upper()
    if not re.fullmatch(r"[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}", compact):
        return None
    rearranged = compact[4:] + compact[:4]
    number = "".join(str(int(char, 36)) for char in rearranged)
    return compact if int(number) % 97 == 1 else None


def _wallet(value: str) -> str | None:
    compact = value.strip()
    return compact if re.fullmatch(r"[A-Za-z0-9]{25,100}", compact) else None


def _plate(value: str) -> str | None:
    compact = " ".join(value.split())
    return compact if 2 <= len(compact) <= 15 and re.fullmatch(r"[^\W_][\w .·-]*", compact) else None


# kind → (its name in a refusal, the check that gives the canonical value or None)
INDICATOR_KINDS: dict[str, tuple[object, Callable[[str], str | None]]] = {
    "phone": (gettext_lazy("phone number"), _phone),
    "email": (gettext_lazy("email address"), _email),
    "url": (gettext_lazy("URL (http, https or ftp)"), _url),
    "domain": (gettext_lazy("domain name"), _domain),
    "ipv4": (gettext_lazy("IPv4 address"), _ip(4)),
    "ipv6": (gettext_lazy("IPv6 address"), _ip(6)),
    "iban": (gettext_lazy("IBAN"), _iban),
    "crypto-wallet": (gettext_lazy("cryptocurrency wallet address"), _wallet),
    "vehicle-plate": (gettext_lazy("vehicle registration plate"), _plate),
}


def indicator_value(number: int, kind: str, value: str) -> str:
    """The canonical value of the `number`th indicator; ExportError when its kind is unknown or its value wrong."""
    if kind not in INDICATOR_KINDS:
        raise ExportError(
            _("Indicator %(number)d: the kind “%(kind)s” cannot be exported (known kinds: %(known)s).")
            % {"number": number, "kind": kind, "known": ", ".join(INDICATOR_KINDS)}
        )
    what, check = INDICATOR_KINDS[kind]
    checked = check(value or "")
    if checked is None:
        raise ExportError(
            _("Indicator %(number)d (%(kind)s): “%(value)s” is not a valid %(what)s.")
            % {"number": number, "kind": kind, "value": value, "what": what}
        )
    return checked


def check_codes(handling_code: str, handling_text: str, tlp: str) -> None:
    if handling_code not in HANDLING_CODES:
        raise ExportError(_("The handling code “%(value)s” is not H0, H1, H2 or H3.") % {"value": handling_code})
    if handling_code == "H3" and not handling_text.strip():
        raise ExportError(_("The handling code H3 needs its restrictions written."))
    if tlp not in TLP_LABELS:
        raise ExportError(
            _("The TLP label “%(value)s” is not one of %(known)s.") % {"value": tlp, "known": ", ".join(TLP_LABELS)}
        )


def check_person(
    number: int,
    names: tuple[str, ...],
    birth_date: str | None,
    nationality: str | None,
    sex: str | None,
    documents: tuple[tuple[str, str, str | None], ...],
) -> None:
    if not any(name.strip() for name in names):
        raise ExportError(_("Person %(number)d has no name.") % {"number": number})
    if birth_date and not re.fullmatch(r"[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?", birth_date):
        raise ExportError(
            _("Person %(number)d: the birth date “%(value)s” is not a date (YYYY, YYYY-MM or YYYY-MM-DD).")
            % {"number": number, "value": birth_date}
        )
    if sex and sex.upper() not in SEXES:
        raise ExportError(
            _("Person %(number)d: the sex “%(value)s” is not M, F or U.") % {"number": number, "value": sex}
        )
    for country in [nationality, *(document[2] for document in documents)]:
        if country and not re.fullmatch(r"[A-Za-z]{2}", country):
            raise ExportError(
                _("Person %(number)d: “%(value)s” is not a two-letter country code.")
                % {"number": number, "value": country}
            )
    for position, (kind, document_number, _country) in enumerate(documents, start=1):
        if not kind.strip() or not document_number.strip():
            raise ExportError(
                _("Person %(number)d: document %(document)d needs its kind and number.")
                % {"number": number, "document": position}
            )
