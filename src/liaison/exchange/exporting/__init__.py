"""A message's linked persons and indicators as a MISP event or a STIX 2.1 bundle (issue 17, item 5;
docs/decisions/0040-misp-and-stix-exports.md), for the agencies that run MISP or a threat-intelligence platform.

The input is neutral (no model, no Django import here): the exchange app fills an `ExportMessage` from a message
the user may read, then `to_misp(message)` gives the MISP event (a dict, as MISP's API and `MISPEvent.load` take
it) and `to_stix(message)` the STIX bundle (a dict, as `stix2.parse` takes it). Both refuse a value that is not
what its kind says (`ExportError`, naming the indicator or person and the value) and write nothing then.

The sender's codes become markings (exporting/markings.py): the TLP 2.0 label, at least as strict as the handling
code needs; a PAP label from the handling code; the handling code and its text themselves.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any


class ExportError(ValueError):
    """The message cannot be exported as it is; the text (translated) says what is wrong and where."""


@dataclass(frozen=True)
class ExportPerson:
    """A linked person: names (the first is the main one; the others are exported as aliases), birth date
    ("YYYY", "YYYY-MM" or "YYYY-MM-DD"), nationality (ISO 3166 alpha-2), sex ("M", "F" or "U"), and identity
    documents as (kind, number, issuing country): kinds as people.choices.DocumentType ("passport", "national_id",
    …)."""

    names: tuple[str, ...]
    birth_date: str | None = None
    nationality: str | None = None
    sex: str | None = None
    documents: tuple[tuple[str, str, str | None], ...] = ()


@dataclass(frozen=True)
class ExportIndicator:
    """An indicator: `kind` one of exporting.validation.INDICATOR_KINDS (phone, email, url, domain, ipv4, ipv6,
    iban, crypto-wallet, vehicle-plate) and its value as written."""

    kind: str
    value: str


@dataclass(frozen=True)
class ExportMessage:
    """The message: `handling_code` H0–H3 with `handling_text` (H3's restrictions, or the code's description),
    `tlp` as core.choices.TLP ("CLEAR", "GREEN", "AMBER", "AMBER+STRICT", "RED"), `created` an aware datetime."""

    reference: str
    subject: str
    body: str
    created: datetime
    sender_code: str
    sender_name: str
    handling_code: str
    handling_text: str
    tlp: str
    crime_areas: tuple[str, ...] = ()
    persons: tuple[ExportPerson, ...] = ()
    indicators: tuple[ExportIndicator, ...] = ()


def to_misp(m: ExportMessage) -> dict[str, Any]:
    """The message as a MISP event (the dict of MISPEvent.to_dict(), wrapped as {"Event": …})."""
    from liaison.exchange.exporting.misp import to_misp as build

    return build(m)


def to_stix(m: ExportMessage) -> dict[str, Any]:
    """The message as a STIX 2.1 bundle (a JSON-ready dict)."""
    from liaison.exchange.exporting.stix import to_stix as build

    return build(m)
