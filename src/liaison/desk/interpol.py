"""Import of INTERPOL public notices (red and yellow) from the JSON files INTERPOL publishes, offline.

Files (see shared/formats/interpol-public-notices.md): a list page (`_embedded.notices[]`, the summary of each
notice: entity_id, name, forename, date of birth, nationalities, links), a notice's detail (one object), or a
JSON array of details. Red or yellow is read from the data (arrest warrants, the records' and the page's
links) or, where the data does not tell, from the kind the importer chose.

Each record becomes a Person and a Notice of the importing agency, through the people and desk actions (so
every write is audited): a red notice is a *wanted* notice, a yellow one a *missing person* notice, source
INTERPOL, `interpol_id` the entity_id, its offences the arrest warrants' charges (with their translation and
the issuing country), activated through the notice workflow. Names are stored as INTERPOL writes them (Latin
capitals, kind passport, script Latn): "FORENAME NAME" as the full name, the parts as family and given names.
Keys Liaison has no field for are kept in `Notice.extra`, as published; so are values that do not fit a field
(an unknown country code, a height that is not in metres), under `extra["liaison_import"]["unused"]`.

Re-importing is idempotent. A notice is matched by (importing agency, entity_id): a record that says nothing
new is "unchanged" and writes nothing; one that differs updates the person, the INTERPOL name and the notice
through their update actions (audited with before and after). Keys missing from a record leave the stored
value alone, so a list page (a summary) imported after the details takes nothing away.

Bad input is reported by file, record (position and entity_id) and field. Each record is written in its own
transaction: a bad record is left out whole, the good ones are imported. `run(..., dry_run=True)` goes through
the same steps and rolls everything back, so the preview says exactly what the import will do.
"""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django_countries import countries

from liaison.core import actions, audit
from liaison.desk.access import IMPORT_PERMISSION
from liaison.desk.choices import LegalBasisKind, NoticeKind, NoticeSource, NoticeStatus
from liaison.desk.models import Notice
from liaison.people.choices import NameKind, Script, Sex

RED, YELLOW = "red", "yellow"
KINDS = (RED, YELLOW)
NOTICE_KIND = {RED: NoticeKind.WANTED, YELLOW: NoticeKind.MISSING}

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_RECORDS = 5000

CREATED, UPDATED, UNCHANGED, FAILED = "created", "updated", "unchanged", "failed"
OUTCOMES = (CREATED, UPDATED, UNCHANGED, FAILED)

ENTITY_ID_RE = re.compile(r"^\d{4}/\d{1,10}$")
DATE_RE = re.compile(r"^(\d{4})(?:[/-](\d{1,2})(?:[/-](\d{1,2}))?)?$")
LANGUAGE_RE = re.compile(r"^[a-z]{2,3}$")

# The INTERPOL keys read into Liaison's fields; every other key is kept in Notice.extra as published.
MAPPED_KEYS = frozenset(
    {
        "entity_id",
        "name",
        "forename",
        "date_of_birth",
        "place_of_birth",
        "country_of_birth_id",
        "nationalities",
        "sex_id",
        "height",
        "weight",
        "eyes_colors_id",
        "hairs_id",
        "distinguishing_marks",
        "languages_spoken_ids",
        "arrest_warrants",
    }
)
# Keys found only in one kind's detail: evidence of the kind when no link says it.
RED_KEYS = frozenset({"arrest_warrants"})
YELLOW_KEYS = frozenset({"date_of_event", "father_name", "father_forename", "mother_name", "mother_forename"})
IMPORT_KEY = "liaison_import"  # Liaison's own entry in Notice.extra

# Which INTERPOL key a Liaison field comes from (to report a model's complaint in the file's terms).
SOURCE_KEY = {
    "full_name": "name",
    "family_name": "name",
    "given_names": "forename",
    "names": "name",
    "birth_date": "date_of_birth",
    "birth_place": "place_of_birth",
    "birth_country": "country_of_birth_id",
    "nationalities": "nationalities",
    "sex": "sex_id",
    "height_cm": "height",
    "weight_kg": "weight",
    "eye_colour": "eyes_colors_id",
    "hair_colour": "hairs_id",
    "distinguishing_marks": "distinguishing_marks",
    "languages": "languages_spoken_ids",
    "offences": "arrest_warrants",
    "issuing_country": "arrest_warrants",
    "interpol_id": "entity_id",
}


# --- results ---------------------------------------------------------------------------------------------
@dataclass
class Problem:
    """Something wrong in a file or a record: `record` is the record's position in its file (1-based; 0 for
    the file itself), `severity` error (the record is not imported) or warning (imported without that value)."""

    file: str
    record: int
    entity_id: str
    field: str
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        where = self.file
        if self.record:
            where += f", record {self.record}"
            if self.entity_id:
                where += f" ({self.entity_id})"
        return f"{where}, {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


@dataclass
class RawRecord:
    """One notice as read from a file, not yet checked (plain data: kept in the session between the steps)."""

    file: str
    index: int
    kind: str  # red, yellow, or "" when the file does not tell
    data: dict[str, Any]

    @property
    def entity_id(self) -> str:
        value = self.data.get("entity_id")
        return value.strip() if isinstance(value, str) else ""


@dataclass
class ParsedFile:
    name: str
    records: list[RawRecord] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


@dataclass
class RecordResult:
    file: str
    index: int
    entity_id: str
    kind: str
    name: str = ""
    outcome: str = FAILED
    changes: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    notice_id: int | None = None
    person_id: int | None = None
    status: str = ""

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]


@dataclass
class ImportResult:
    records: list[RecordResult] = field(default_factory=list)
    file_problems: list[Problem] = field(default_factory=list)
    dry_run: bool = False

    @property
    def counts(self) -> dict[str, int]:
        found = dict.fromkeys(OUTCOMES, 0)
        for record in self.records:
            found[record.outcome] += 1
        return found

    @property
    def problems(self) -> list[Problem]:
        return self.file_problems + [p for r in self.records for p in r.problems]

    @property
    def ok(self) -> bool:
        return not self.file_problems and not any(r.outcome == FAILED for r in self.records)


class RecordInvalid(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = problems


class _Rollback(Exception):
    """Raised to undo a dry run."""


# --- reading files ---------------------------------------------------------------------------------------
def _href(data: Any) -> str:
    try:
        href = data["_links"]["self"]["href"]
    except (KeyError, TypeError):
        return ""
    return href if isinstance(href, str) else ""


def _kind_of_href(href: str) -> str:
    for kind in KINDS:
        if re.search(rf"/notices/v\d+/{kind}(?:[/?]|$)", href):
            return kind
    return ""


def read_file(name: str, content: bytes, *, kind: str = "") -> ParsedFile:
    """Read one saved INTERPOL file: a list page, a detail, or a JSON array of details. `kind` (red or
    yellow) is used where the file does not tell."""
    parsed = ParsedFile(name=name)

    def file_problem(message: str) -> ParsedFile:
        parsed.problems.append(Problem(name, 0, "", "", message))
        return parsed

    if kind and kind not in KINDS:
        return file_problem(_("Unknown notice kind %(kind)s: choose red or yellow.") % {"kind": kind})
    if len(content) > MAX_FILE_BYTES:
        return file_problem(_("The file is larger than %(mb)d MB.") % {"mb": MAX_FILE_BYTES // (1024 * 1024)})
    try:
        data = json.loads(content.decode("utf-8-sig"))
    except UnicodeDecodeError:
        return file_problem(_("The file is not UTF-8 text, so not an INTERPOL JSON file."))
    except json.JSONDecodeError as error:
        return file_problem(
            _("The file is not JSON (line %(line)d, column %(column)d: %(error)s).")
            % {"line": error.lineno, "column": error.colno, "error": error.msg}
        )
    page_kind = ""
    if isinstance(data, dict) and "entity_id" in data:  # a detail (it has an _embedded of its own)
        items: list[Any] = [data]
    elif isinstance(data, dict) and "_embedded" in data:
        notices = data["_embedded"].get("notices") if isinstance(data["_embedded"], dict) else None
        if not isinstance(notices, list):
            return file_problem(_("The file has no list of notices (_embedded.notices)."))
        page_kind = _kind_of_href(_href(data))
        items = notices
    elif isinstance(data, list):
        items = data
    else:
        return file_problem(
            _(
                "Not the INTERPOL layout: expected a list page (_embedded.notices), a notice's detail (with "
                "entity_id) or a JSON array of details."
            )
        )
    if len(items) > MAX_RECORDS:
        return file_problem(_("The file holds more than %(max)d notices.") % {"max": MAX_RECORDS})
    for index, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            parsed.problems.append(Problem(name, index, "", "", _("The record is not a JSON object.")))
            continue
        parsed.records.append(RawRecord(file=name, index=index, kind=page_kind or kind, data=item))
    if not items:
        parsed.problems.append(Problem(name, 0, "", "", _("The file holds no notices."), severity="warning"))
    return parsed


def _record_kind(raw: RawRecord, hint: str) -> tuple[str, str]:
    """(kind, error message or "") from the record's own evidence, the page, and the importer's choice."""
    data = raw.data
    evidence = _kind_of_href(_href(data))
    if not evidence and RED_KEYS & data.keys():
        evidence = RED
    if not evidence and YELLOW_KEYS & data.keys():
        evidence = YELLOW
    page = raw.kind if raw.kind in KINDS else ""
    for other in (page, hint):
        if evidence and other and other != evidence:
            return evidence, _("The record is a %(found)s notice, but %(chosen)s was chosen.") % {
                "found": evidence,
                "chosen": other,
            }
    found = evidence or page or hint
    if not found:
        return "", _("The file does not say whether this is a red or a yellow notice: choose the kind.")
    return found, ""


# --- converting one record -------------------------------------------------------------------------------
@dataclass
class Converted:
    kind: str
    entity_id: str
    full_name: str
    family_name: str
    given_names: str
    person: dict[str, Any]  # Person fields the record gives
    offences: list[dict[str, Any]] | None  # None: the record says nothing about charges
    issuing_country: str | None
    extra: dict[str, Any]
    warnings: list[Problem]


def _country(value: Any) -> str | None:
    if isinstance(value, str) and value.strip().upper() in dict(countries):
        return value.strip().upper()
    return None


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return " ".join(value.split())
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


def convert(raw: RawRecord, *, hint: str = "") -> Converted:
    """Check one record and turn it into the data of the people and desk actions (RecordInvalid if bad)."""
    data = raw.data
    errors: list[Problem] = []
    warnings: list[Problem] = []
    entity_id = raw.entity_id

    def error(key: str, message: str) -> None:
        errors.append(Problem(raw.file, raw.index, entity_id, key, message))

    def warn(key: str, message: str) -> None:
        warnings.append(Problem(raw.file, raw.index, entity_id, key, message, severity="warning"))

    unused: dict[str, Any] = {}
    if "entity_id" in data and data["entity_id"] is not None and not isinstance(data["entity_id"], str):
        error("entity_id", _("Expected text such as 2019/12345."))
    elif not entity_id:
        error("entity_id", _("Missing: every INTERPOL notice has an entity_id such as 2019/12345."))
    elif not ENTITY_ID_RE.match(entity_id):
        error("entity_id", _("%(value)s is not an INTERPOL notice id (YYYY/NNNNN).") % {"value": entity_id})
    kind, kind_error = _record_kind(raw, hint)
    if kind_error:
        error("kind", kind_error)

    names: dict[str, str] = {}
    for key in ("name", "forename"):
        try:
            names[key] = _text(data.get(key))
        except TypeError:
            error(key, _("Expected text."))
            names[key] = ""
    full_name = " ".join(part for part in (names["forename"], names["name"]) if part)
    if not full_name and "name" not in {p.field for p in errors}:
        error("name", _("Missing: the notice gives neither a name nor a forename."))

    person: dict[str, Any] = {}
    if "date_of_birth" in data:
        try:
            person["birth_date"] = _partial_date(data["date_of_birth"])
        except ValueError:
            error(
                "date_of_birth",
                _("%(value)s is not a date (YYYY/MM/DD, YYYY/MM or YYYY).") % {"value": data["date_of_birth"]},
            )
    if "place_of_birth" in data:
        try:
            person["birth_place"] = _text(data["place_of_birth"])
        except TypeError:
            error("place_of_birth", _("Expected text."))
    if "country_of_birth_id" in data:
        value = data["country_of_birth_id"]
        code = _country(value)
        if value in (None, ""):
            person["birth_country"] = ""
        elif code is None:
            warn("country_of_birth_id", _("Unknown country code %(code)s: kept as published.") % {"code": value})
            unused["country_of_birth_id"] = value
            person["birth_country"] = ""
        else:
            person["birth_country"] = code
    if "nationalities" in data:
        try:
            codes = _codes(data["nationalities"])
        except ValueError:
            error("nationalities", _("Expected a list of country codes."))
            codes = []
        known: list[str] = []
        for value in codes:
            code = _country(value)
            if code is None:
                warn("nationalities", _("Unknown country code %(code)s: kept as published.") % {"code": value})
                unused.setdefault("nationalities", []).append(value)
            elif code not in known:
                known.append(code)
        person["nationalities"] = known
    if "sex_id" in data:
        value = data["sex_id"]
        if value in (None, ""):
            person["sex"] = Sex.UNKNOWN
        elif isinstance(value, str) and value.strip().upper() in Sex.values:
            person["sex"] = value.strip().upper()
        else:
            warn("sex_id", _("%(value)s is not M, F or U: recorded as unknown.") % {"value": value})
            unused["sex_id"] = value
            person["sex"] = Sex.UNKNOWN
    if "height" in data:
        try:
            metres = _number(data["height"])
        except (TypeError, ValueError):
            error("height", _("%(value)s is not a number of metres.") % {"value": data["height"]})
        else:
            if not metres:
                person["height_cm"] = None
            elif 0.4 <= metres <= 2.6:
                person["height_cm"] = round(metres * 100)
            else:
                warn("height", _("%(value)s is not a height in metres: kept as published.") % {"value": metres})
                unused["height"] = data["height"]
                person["height_cm"] = None
    if "weight" in data:
        try:
            kilos = _number(data["weight"])
        except (TypeError, ValueError):
            error("weight", _("%(value)s is not a number of kilograms.") % {"value": data["weight"]})
        else:
            if not kilos:
                person["weight_kg"] = None
            elif 2 <= kilos <= 400:
                person["weight_kg"] = round(kilos)
            else:
                warn("weight", _("%(value)s is not a weight in kilograms: kept as published.") % {"value": kilos})
                unused["weight"] = data["weight"]
                person["weight_kg"] = None
    for key, target in (("eyes_colors_id", "eye_colour"), ("hairs_id", "hair_colour")):
        if key in data:
            try:
                text = ", ".join(_codes(data[key]))
            except ValueError:
                error(key, _("Expected a list of codes."))
                continue
            if len(text) > 50:
                warn(key, _("Too long for the field: kept as published."))
                unused[key] = data[key]
                text = ""
            person[target] = text
    if "distinguishing_marks" in data:
        try:
            person["distinguishing_marks"] = _text(data["distinguishing_marks"])
        except TypeError:
            error("distinguishing_marks", _("Expected text."))
    if "languages_spoken_ids" in data:
        try:
            codes = _codes(data["languages_spoken_ids"])
        except ValueError:
            error("languages_spoken_ids", _("Expected a list of language codes."))
            codes = []
        languages: list[str] = []
        for value in codes:
            code = value.lower()
            if not LANGUAGE_RE.match(code):
                warn("languages_spoken_ids", _("%(code)s is not a language code: kept as published.") % {"code": value})
                unused.setdefault("languages_spoken_ids", []).append(value)
            elif code not in languages:
                languages.append(code)
        person["languages"] = languages

    offences: list[dict[str, Any]] | None = None
    issuing_country: str | None = None
    if "arrest_warrants" in data:
        warrants = data["arrest_warrants"]
        if warrants is None:
            warrants = []
        if not isinstance(warrants, list) or not all(isinstance(w, dict) for w in warrants):
            error("arrest_warrants", _("Expected a list of arrest warrants."))
        else:
            offences = []
            for number, warrant in enumerate(warrants, start=1):
                try:
                    charge = _text(warrant.get("charge"))
                    translation = _text(warrant.get("charge_translation"))
                except TypeError:
                    error("arrest_warrants", _("Warrant %(n)d: the charge is not text.") % {"n": number})
                    continue
                country_value = warrant.get("issuing_country_id")
                country = _country(country_value) or ""
                if country_value not in (None, "") and not country:
                    warn(
                        "arrest_warrants",
                        _("Warrant %(n)d: unknown issuing country %(code)s.") % {"n": number, "code": country_value},
                    )
                if issuing_country is None:
                    issuing_country = country
                if not charge:
                    warn("arrest_warrants", _("Warrant %(n)d gives no charge: left out.") % {"n": number})
                    continue
                offences.append({"description": charge, "description_translation": translation, "country": country})
    if errors:
        raise RecordInvalid(errors)

    extra = {key: value for key, value in data.items() if key not in MAPPED_KEYS}
    extra[IMPORT_KEY] = {"kind": kind, **({"unused": unused} if unused else {})}
    return Converted(
        kind=kind,
        entity_id=entity_id,
        full_name=full_name,
        family_name=names["name"],
        given_names=names["forename"],
        person=person,
        offences=offences,
        issuing_country=issuing_country,
        extra=extra,
        warnings=warnings,
    )


# --- writing ---------------------------------------------------------------------------------------------
def _name_source(entity_id: str) -> str:
    return f"INTERPOL {entity_id}"


def _name_data(converted: Converted) -> dict[str, Any]:
    return {
        "full_name": converted.full_name,
        "family_name": converted.family_name,
        "given_names": converted.given_names,
        "kind": NameKind.PASSPORT,
        "script": Script.LATIN,
        "source": _name_source(converted.entity_id),
    }


def _merge_extra(stored: Mapping[str, Any], new: Mapping[str, Any]) -> dict[str, Any]:
    """Keys of `new` replace those stored; INTERPOL's objects (such as _links) are merged one level deep, so a
    list page's links do not take away a detail's; Liaison's own entry is replaced whole."""
    merged = dict(stored)
    for key, value in new.items():
        old = merged.get(key)
        if key != IMPORT_KEY and isinstance(old, dict) and isinstance(value, dict):
            merged[key] = {**old, **value}
        else:
            merged[key] = value
    return audit.to_json(merged)  # type: ignore[no-any-return]


def _offence_key(row: Mapping[str, Any]) -> tuple[str, str, str]:
    return (row["description"], row.get("description_translation", "") or "", str(row.get("country", "") or ""))


def _person_changes(person: Any, wanted: Mapping[str, Any]) -> dict[str, Any]:
    changes = {}
    for name, value in wanted.items():
        stored = getattr(person, name)
        if name == "birth_country":
            stored = str(stored or "")
        if stored != value:
            changes[name] = value
    return changes


def _problems_of(error: ValidationError, raw: RawRecord) -> list[Problem]:
    if hasattr(error, "error_dict"):
        items = [(name, message) for name, messages in error.message_dict.items() for message in messages]
    else:
        items = [("", message) for message in error.messages]
    return [
        Problem(raw.file, raw.index, raw.entity_id, SOURCE_KEY.get(name, "" if name == "__all__" else name), message)
        for name, message in items
    ]


def _activate(notice: Notice, actor: Any) -> None:
    from liaison.desk.actions import do_transition_notice

    do_transition_notice(notice, NoticeStatus.ACTIVE, actor=actor)


def _create(converted: Converted, actor: Any) -> Notice:
    from liaison.desk.actions import do_create_notice
    from liaison.people.actions import do_create_person

    person = do_create_person(converted.person, names=[{**_name_data(converted), "is_primary": True}], actor=actor)
    data: dict[str, Any] = {
        "person": person,
        "kind": NOTICE_KIND[converted.kind],
        "source": NoticeSource.INTERPOL,
        "interpol_id": converted.entity_id,
        "issuing_country": converted.issuing_country or "",
        "legal_basis_kind": LegalBasisKind.WARRANT if converted.kind == RED else LegalBasisKind.NONE,
        "extra": audit.to_json(converted.extra),
    }
    notice = do_create_notice(data, offences=converted.offences or [], actor=actor)
    _activate(notice, actor)
    return notice


def _update(notice: Notice, converted: Converted, actor: Any) -> list[str]:
    """Bring the stored person, name and notice in line with the record; return what changed."""
    from liaison.desk.actions import do_update_notice
    from liaison.people.actions import do_add_name, do_update_name, do_update_person

    changed: list[str] = []
    person = notice.person
    person_changes = _person_changes(person, converted.person)
    if person_changes:
        do_update_person(person, person_changes, actor=actor)
        changed += sorted(person_changes)

    wanted_name = _name_data(converted)
    stored_name = person.names.filter(source=wanted_name["source"]).order_by("pk").first()
    if stored_name is None:  # removed by an officer, or the record was first entered by hand
        do_add_name({**wanted_name, "person": person}, actor=actor)
        changed.append("names")
    else:
        # The text follows INTERPOL; the kind and script an officer may have set are left alone.
        text = {key: wanted_name[key] for key in ("full_name", "family_name", "given_names")}
        if any(getattr(stored_name, key) != value for key, value in text.items()):
            do_update_name(stored_name, text, actor=actor)
            changed.append("names")

    notice_changes: dict[str, Any] = {}
    extra = _merge_extra(notice.extra or {}, converted.extra)
    if extra != notice.extra:
        notice_changes["extra"] = extra
    if converted.issuing_country is not None and converted.issuing_country != str(notice.issuing_country or ""):
        notice_changes["issuing_country"] = converted.issuing_country
    offences = None
    if converted.offences is not None:
        stored = [
            {
                "description": o.description,
                "description_translation": o.description_translation,
                "country": str(o.country or ""),
                "crime_area": o.crime_area,
                "law": o.law,
                "max_penalty": o.max_penalty,
            }
            for o in notice.offences.order_by("pk")
        ]
        if [_offence_key(o) for o in stored] != [_offence_key(o) for o in converted.offences]:
            # What an officer added to a charge INTERPOL still lists (crime area, law, penalty) is kept.
            kept = {_offence_key(o): o for o in stored}
            offences = [{**kept.get(_offence_key(o), {}), **o} for o in converted.offences]
            changed.append("offences")
    if notice_changes or offences is not None:
        do_update_notice(notice, notice_changes, offences=offences, actor=actor)
        changed += sorted(notice_changes)
    return changed


def _apply(raw: RawRecord, converted: Converted, actor: Any, result: RecordResult) -> None:
    owner_id = getattr(actor, "agency_id", None)
    notice = (
        Notice.objects.select_related("person")
        .filter(owner_id=owner_id, interpol_id=converted.entity_id)
        .order_by("pk")
        .first()
    )
    if notice is None:
        notice = _create(converted, actor)
        result.outcome = CREATED
    else:
        expected = NOTICE_KIND[converted.kind]
        if notice.kind != expected:
            raise RecordInvalid(
                [
                    Problem(
                        raw.file,
                        raw.index,
                        raw.entity_id,
                        "kind",
                        _("Notice %(id)s is recorded as a %(stored)s notice; this record is a %(kind)s notice.")
                        % {"id": converted.entity_id, "stored": notice.get_kind_display(), "kind": converted.kind},
                    )
                ]
            )
        result.changes = _update(notice, converted, actor)
        if notice.status == NoticeStatus.DRAFT:
            _activate(notice, actor)  # a draft left by an officer, now complete
            result.changes.append("status")
        result.outcome = UPDATED if result.changes else UNCHANGED
    notice.refresh_from_db()
    result.notice_id = notice.pk
    result.person_id = notice.person_id
    result.status = notice.status


def _possible_duplicates(records: list[RawRecord], *, actor: Any, kind: str) -> dict[tuple[str, int], list[Problem]]:
    """Warnings for the records that would record a new person who may already be in the register (the same
    namematch check as recording a person by hand), from the committed register only: run before the import's
    transactions, so the person search index never sees a dry run's rows."""
    from liaison.people.search import possible_duplicates

    owner_id = getattr(actor, "agency_id", None)
    ids = {raw.entity_id for raw in records if raw.entity_id}
    recorded = set(Notice.objects.filter(owner_id=owner_id, interpol_id__in=ids).values_list("interpol_id", flat=True))
    warnings: dict[tuple[str, int], list[Problem]] = {}
    seen: set[str] = set()
    for raw in records:
        if not raw.entity_id or raw.entity_id in recorded or raw.entity_id in seen:
            continue
        seen.add(raw.entity_id)
        try:
            converted = convert(raw, hint=kind)
        except RecordInvalid:
            continue
        hits = possible_duplicates(
            [converted.full_name],
            actor=actor,
            birth_date=converted.person.get("birth_date", ""),
            nationalities=converted.person.get("nationalities", []),
            limit=3,
        )
        for hit in hits:
            warnings.setdefault((raw.file, raw.index), []).append(
                Problem(
                    raw.file,
                    raw.index,
                    raw.entity_id,
                    "name",
                    _(
                        "May already be recorded as %(name)s (%(agency)s, person #%(pk)s, score %(score).2f): "
                        "if it is the same person, merge the two records after the import."
                    )
                    % {"name": hit.person, "agency": hit.person.owner, "pk": hit.person.pk, "score": hit.score},
                    severity="warning",
                )
            )
    return warnings


def run(
    records: Iterable[RawRecord],
    *,
    actor: Any,
    kind: str = "",
    dry_run: bool = False,
    file_problems: Iterable[Problem] = (),
    files: Iterable[str] = (),
    progress: Callable[[RecordResult], None] | None = None,
) -> ImportResult:
    """Import the records, each in its own transaction (a dry run: all in one, rolled back at the end, so
    later records see earlier ones exactly as in the real import). Audited: every write by its action, and
    the run as `notice.interpol_import`."""
    actions.require(actor, IMPORT_PERMISSION)
    if getattr(actor, "agency_id", None) is None:
        raise PermissionDenied(_("The importing user belongs to no agency."))
    result = ImportResult(file_problems=list(file_problems), dry_run=dry_run)
    records = list(records)
    duplicates = _possible_duplicates(records, actor=actor, kind=kind)

    def one(raw: RawRecord) -> RecordResult:
        record = RecordResult(file=raw.file, index=raw.index, entity_id=raw.entity_id, kind=raw.kind)
        converted: Converted | None = None
        try:
            converted = convert(raw, hint=kind)
            record.kind = converted.kind
            record.name = converted.full_name
            record.problems += converted.warnings
            with transaction.atomic():
                _apply(raw, converted, actor, record)
            if record.outcome == CREATED:
                record.problems += duplicates.get((raw.file, raw.index), [])
        except RecordInvalid as invalid:
            record.outcome = FAILED
            record.problems += invalid.problems
        except ValidationError as error:
            record.outcome = FAILED
            problems = _problems_of(error, raw)
            record.problems += problems
        except IntegrityError:
            record.outcome = FAILED
            record.problems.append(
                Problem(
                    raw.file,
                    raw.index,
                    raw.entity_id,
                    "entity_id",
                    _("The notice was recorded meanwhile by another import: import the file again."),
                )
            )
        except PermissionDenied as denied:
            record.outcome = FAILED
            record.problems.append(
                Problem(raw.file, raw.index, raw.entity_id, "", _("Not allowed: %(what)s") % {"what": denied})
            )
        if record.outcome == FAILED:
            record.changes = []
            record.notice_id = record.person_id = None
            record.status = ""
        return record

    def loop() -> None:
        for raw in records:
            record = one(raw)
            result.records.append(record)
            if progress is not None:
                progress(record)

    if dry_run:
        try:
            with transaction.atomic():
                loop()
                raise _Rollback
        except _Rollback:
            pass
        return result
    loop()
    counts = result.counts
    with transaction.atomic():
        audit.record(
            "notice.interpol_import",
            actor=actor,
            after={
                "files": list(files),
                "kind": kind,
                **counts,
                "created_ids": [r.notice_id for r in result.records if r.outcome == CREATED],
                "updated_ids": [r.notice_id for r in result.records if r.outcome == UPDATED],
                "problems": [str(p) for p in result.problems][:200],
            },
        )
    return result


def import_files(
    files: Iterable[tuple[str, bytes]],
    *,
    actor: Any,
    kind: str = "",
    dry_run: bool = False,
    progress: Callable[[RecordResult], None] | None = None,
) -> ImportResult:
    """Read and import several files (name, content) in one run."""
    records: list[RawRecord] = []
    problems: list[Problem] = []
    names = []
    for name, content in files:
        parsed = read_file(name, content, kind=kind)
        records += parsed.records
        problems += parsed.problems
        names.append(name)
    return run(records, actor=actor, kind=kind, dry_run=dry_run, file_problems=problems, files=names, progress=progress)


def to_session(parsed: Iterable[ParsedFile]) -> dict[str, Any]:
    """The read files as plain data (for the session between the upload and the confirmation)."""
    parsed = list(parsed)
    return {
        "files": [p.name for p in parsed],
        "records": [asdict(r) for p in parsed for r in p.records],
        "problems": [asdict(problem) for p in parsed for problem in p.problems],
    }


def from_session(stored: Mapping[str, Any]) -> tuple[list[str], list[RawRecord], list[Problem]]:
    return (
        list(stored["files"]),
        [RawRecord(**r) for r in stored["records"]],
        [Problem(**p) for p in stored["problems"]],
    )
