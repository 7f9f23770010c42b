"""Converting one INTERPOL notice (a record read by format.py) to Liaison's terms: the fields of a person,
the INTERPOL name, the offences and the rest kept for `Notice.extra`, with the problems found by key. No Django
here (a test checks it). Each published key has its own small reader; `convert` puts them together.
"""

from __future__ import annotations

import datetime
import unicodedata
from collections.abc import Callable, Mapping
from typing import Any, Final

from liaison.core import importing
from liaison.desk.interpol.format import (
    DATE_RE,
    ENTITY_ID_RE,
    IMPORT_KEY,
    KINDS,
    LANGUAGE_RE,
    MAPPED_KEYS,
    RED,
    RED_KEYS,
    SEXES,
    UNKNOWN_SEX,
    YELLOW,
    YELLOW_KEYS,
    Converted,
    Problem,
    RawRecord,
    RecordInvalid,
    Terms,
    _,
    kind_of_href,
    self_href,
)


# --- converting one record -------------------------------------------------------------------------------
class _Reader:
    """One record being converted: its values, and the errors, warnings and set-aside values found."""

    def __init__(self, raw: RawRecord, terms: Terms) -> None:
        self.raw = raw
        self.data = raw.data
        self.terms = terms
        self.errors: list[Problem] = []
        self.warnings: list[Problem] = []
        self.unused: dict[str, Any] = {}

    def error(self, key: str, template: str, **params: Any) -> None:
        message = self.terms.say(template, **params)
        self.errors.append(Problem(self.raw.file, self.raw.index, key, message, key=self.raw.entity_id))

    def warn(self, key: str, template: str, **params: Any) -> None:
        message = self.terms.say(template, **params)
        self.warnings.append(
            Problem(self.raw.file, self.raw.index, key, message, key=self.raw.entity_id, severity=importing.WARNING)
        )

    def set_aside(self, key: str, value: Any, *, one_of_many: bool = False) -> None:
        """Keep a value that fits no field, as published."""
        if one_of_many:
            self.unused.setdefault(key, []).append(value)
        else:
            self.unused[key] = value

    def country(self, value: Any) -> str | None:
        if isinstance(value, str) and value.strip().upper() in self.terms.countries:
            return value.strip().upper()
        return None


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return unicodedata.normalize("NFC", " ".join(value.split()))
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    raise TypeError


def _partial_date(value: Any) -> str:
    """INTERPOL's "YYYY/MM/DD" (or "YYYY/MM", "YYYY") as Liaison's partial ISO date."""
    if value in (None, ""):
        return ""
    if not isinstance(value, str):
        raise ValueError
    match = DATE_RE.match(value.strip())
    if not match:
        raise ValueError
    year, month, day = match.groups()
    if month is None:
        return year
    if not 1 <= int(month) <= 12:
        raise ValueError
    if day is None:
        return f"{year}-{int(month):02d}"
    return datetime.date(int(year), int(month), int(day)).isoformat()


def _number(value: Any) -> float | None:
    if value in (None, ""):
        return None
    if isinstance(value, bool):
        raise ValueError
    number = float(value)
    if number != number:  # NaN
        raise ValueError
    return number


def _codes(value: Any) -> list[str]:
    if value in (None, ""):
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError
    return [v.strip() for v in value if v.strip()]


def _entity_id(r: _Reader) -> str:
    value = r.data.get("entity_id")
    entity_id = r.raw.entity_id
    if "entity_id" in r.data and value is not None and not isinstance(value, str):
        r.error("entity_id", _("Expected text such as 2019/12345."))
    elif not entity_id:
        r.error("entity_id", _("Missing: every INTERPOL notice has an entity_id such as 2019/12345."))
    elif not ENTITY_ID_RE.match(entity_id):
        r.error("entity_id", _("%(value)s is not an INTERPOL notice id (YYYY/NNNNN)."), value=entity_id)
    return entity_id


def _kind(r: _Reader, hint: str) -> str:
    """Red or yellow from the record's own evidence, the page, and the importer's choice."""
    data = r.data
    evidence = kind_of_href(self_href(data))
    if not evidence and RED_KEYS & data.keys():
        evidence = RED
    if not evidence and YELLOW_KEYS & data.keys():
        evidence = YELLOW
    page = r.raw.kind if r.raw.kind in KINDS else ""
    for other in (page, hint):
        if evidence and other and other != evidence:
            r.error(
                "kind", _("The record is a %(found)s notice, but %(chosen)s was chosen."), found=evidence, chosen=other
            )
            return evidence
    found = evidence or page or hint
    if not found:
        r.error("kind", _("The file does not say whether this is a red or a yellow notice: choose the kind."))
    return found


def _names(r: _Reader) -> dict[str, str]:
    names: dict[str, str] = {}
    for key in ("name", "forename"):
        try:
            names[key] = _text(r.data.get(key))
        except TypeError:
            r.error(key, _("Expected text."))
            names[key] = ""
    if not (names["name"] or names["forename"]) and "name" not in {p.field for p in r.errors}:
        r.error("name", _("Missing: the notice gives neither a name nor a forename."))
    return names


# Person fields: each reader takes the published value and gives the fields it sets.
def _birth_date(r: _Reader, value: Any) -> dict[str, Any]:
    try:
        return {"birth_date": _partial_date(value)}
    except ValueError:
        r.error("date_of_birth", _("%(value)s is not a date (YYYY/MM/DD, YYYY/MM or YYYY)."), value=value)
        return {}


def _free_text(key: str, target: str) -> Callable[[_Reader, Any], dict[str, Any]]:
    def read(r: _Reader, value: Any) -> dict[str, Any]:
        try:
            return {target: _text(value)}
        except TypeError:
            r.error(key, _("Expected text."))
            return {}

    return read


def _birth_country(r: _Reader, value: Any) -> dict[str, Any]:
    code = r.country(value)
    if value not in (None, "") and code is None:
        r.warn("country_of_birth_id", _("Unknown country code %(code)s: kept as published."), code=value)
        r.set_aside("country_of_birth_id", value)
    return {"birth_country": code or ""}


def _nationalities(r: _Reader, value: Any) -> dict[str, Any]:
    try:
        codes = _codes(value)
    except ValueError:
        r.error("nationalities", _("Expected a list of country codes."))
        codes = []
    known: list[str] = []
    for item in codes:
        code = r.country(item)
        if code is None:
            r.warn("nationalities", _("Unknown country code %(code)s: kept as published."), code=item)
            r.set_aside("nationalities", item, one_of_many=True)
        elif code not in known:
            known.append(code)
    return {"nationalities": known}


def _sex(r: _Reader, value: Any) -> dict[str, Any]:
    if value in (None, ""):
        return {"sex": UNKNOWN_SEX}
    if isinstance(value, str) and value.strip().upper() in SEXES:
        return {"sex": value.strip().upper()}
    r.warn("sex_id", _("%(value)s is not M, F or U: recorded as unknown."), value=value)
    r.set_aside("sex_id", value)
    return {"sex": UNKNOWN_SEX}


def _height(r: _Reader, value: Any) -> dict[str, Any]:
    try:
        metres = _number(value)
    except (TypeError, ValueError):
        r.error("height", _("%(value)s is not a number of metres."), value=value)
        return {}
    if metres and not 0.4 <= metres <= 2.6:
        r.warn("height", _("%(value)s is not a height in metres: kept as published."), value=metres)
        r.set_aside("height", value)
        metres = None
    return {"height_cm": round(metres * 100) if metres else None}


def _weight(r: _Reader, value: Any) -> dict[str, Any]:
    try:
        kilos = _number(value)
    except (TypeError, ValueError):
        r.error("weight", _("%(value)s is not a number of kilograms."), value=value)
        return {}
    if kilos and not 2 <= kilos <= 400:
        r.warn("weight", _("%(value)s is not a weight in kilograms: kept as published."), value=kilos)
        r.set_aside("weight", value)
        kilos = None
    return {"weight_kg": round(kilos) if kilos else None}


def _colour(key: str, target: str) -> Callable[[_Reader, Any], dict[str, Any]]:
    def read(r: _Reader, value: Any) -> dict[str, Any]:
        try:
            text = ", ".join(_codes(value))
        except ValueError:
            r.error(key, _("Expected a list of codes."))
            return {}
        if len(text) > 50:
            r.warn(key, _("Too long for the field: kept as published."))
            r.set_aside(key, value)
            text = ""
        return {target: text}

    return read


def _languages(r: _Reader, value: Any) -> dict[str, Any]:
    try:
        codes = _codes(value)
    except ValueError:
        r.error("languages_spoken_ids", _("Expected a list of language codes."))
        codes = []
    languages: list[str] = []
    for item in codes:
        code = item.lower()
        if not LANGUAGE_RE.match(code):
            r.warn("languages_spoken_ids", _("%(code)s is not a language code: kept as published."), code=item)
            r.set_aside("languages_spoken_ids", item, one_of_many=True)
        elif code not in languages:
            languages.append(code)
    return {"languages": languages}


PERSON_KEYS: Final[tuple[tuple[str, Callable[[_Reader, Any], dict[str, Any]]], ...]] = (
    ("date_of_birth", _birth_date),
    ("place_of_birth", _free_text("place_of_birth", "birth_place")),
    ("country_of_birth_id", _birth_country),
    ("nationalities", _nationalities),
    ("sex_id", _sex),
    ("height", _height),
    ("weight", _weight),
    ("eyes_colors_id", _colour("eyes_colors_id", "eye_colour")),
    ("hairs_id", _colour("hairs_id", "hair_colour")),
    ("distinguishing_marks", _free_text("distinguishing_marks", "distinguishing_marks")),
    ("languages_spoken_ids", _languages),
)


def _person(r: _Reader) -> dict[str, Any]:
    """The Person fields of the keys the record has (a key it lacks leaves the stored value alone)."""
    person: dict[str, Any] = {}
    for key, read in PERSON_KEYS:
        if key in r.data:
            person.update(read(r, r.data[key]))
    return person


def _warrant(r: _Reader, number: int, warrant: Mapping[str, Any]) -> tuple[dict[str, Any] | None, str]:
    """(the offence of one arrest warrant, or None when it gives no charge; its issuing country or "")."""
    try:
        charge = _text(warrant.get("charge"))
        translation = _text(warrant.get("charge_translation"))
    except TypeError:
        r.error("arrest_warrants", _("Warrant %(n)d: the charge is not text."), n=number)
        return None, ""
    country_value = warrant.get("issuing_country_id")
    country = r.country(country_value) or ""
    if country_value not in (None, "") and not country:
        r.warn("arrest_warrants", _("Warrant %(n)d: unknown issuing country %(code)s."), n=number, code=country_value)
    if not charge:
        r.warn("arrest_warrants", _("Warrant %(n)d gives no charge: left out."), n=number)
        return None, country
    return {"description": charge, "description_translation": translation, "country": country}, country


def _warrants(r: _Reader) -> tuple[list[dict[str, Any]] | None, str | None]:
    """(the offences, the issuing country): None for what the record does not say."""
    if "arrest_warrants" not in r.data:
        return None, None
    warrants = r.data["arrest_warrants"]
    if warrants is None:
        warrants = []
    if not isinstance(warrants, list) or not all(isinstance(w, dict) for w in warrants):
        r.error("arrest_warrants", _("Expected a list of arrest warrants."))
        return None, None
    offences: list[dict[str, Any]] = []
    issuing_country: str | None = None
    for number, warrant in enumerate(warrants, start=1):
        offence, country = _warrant(r, number, warrant)
        if issuing_country is None:
            issuing_country = country  # the first warrant's
        if offence is not None:
            offences.append(offence)
    return offences, issuing_country


def convert(raw: RawRecord, *, hint: str = "", terms: Terms) -> Converted:
    """Check one record and turn it into the data of the people and desk actions (RecordInvalid if bad)."""
    r = _Reader(raw, terms)
    entity_id = _entity_id(r)
    kind = _kind(r, hint)
    names = _names(r)
    person = _person(r)
    offences, issuing_country = _warrants(r)
    if r.errors:
        raise RecordInvalid(r.errors)
    extra = {key: value for key, value in raw.data.items() if key not in MAPPED_KEYS}
    extra[IMPORT_KEY] = {"kind": kind, **({"unused": r.unused} if r.unused else {})}
    return Converted(
        kind=kind,
        entity_id=entity_id,
        full_name=" ".join(part for part in (names["forename"], names["name"]) if part),
        family_name=names["name"],
        given_names=names["forename"],
        person=person,
        offences=offences,
        issuing_country=issuing_country,
        extra=extra,
        warnings=r.warnings,
    )
