"""INTERPOL's public notice files (JSON, see shared/formats/interpol-public-notices.md): reading them into
records, and the terms a record is converted to (convert.py converts). No Django here (a test checks it):
what Liaison's vocabularies and translations give comes in `Terms`.

Files: a list page (`_embedded.notices[]`, the summary of each notice: entity_id, name, forename, date of
birth, nationalities, links), a notice's detail (one object), or a JSON array of details. Red or yellow is
read from the data (arrest warrants, the records' and the page's links) or, where the data does not tell,
from the kind the importer chose.

A record becomes the fields of a person, the INTERPOL name and a notice: names as INTERPOL writes them (Latin
capitals): "FORENAME NAME" as the full name, the parts as family and given names; the offences are the
arrest warrants' charges (with their translation and the issuing country). Keys Liaison has no field for are
kept for `Notice.extra`, as published; so are values that do not fit a field (an unknown country code, a
height that is not in metres), under `extra["liaison_import"]["unused"]`, with a warning. Text is NFC.

Bad input is reported by file, record (position and entity_id) and field (`Problem`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, ClassVar, Final

from liaison.core import importing


def _(message: str) -> str:
    """Marks a message for translation; `Terms.translate` translates it when the problem is recorded."""
    return message


RED, YELLOW = "red", "yellow"
KINDS: Final = (RED, YELLOW)
MAX_FILE_BYTES: Final = 20 * 1024 * 1024
MAX_RECORDS: Final = 5000

ENTITY_ID_RE: Final = re.compile(r"^\d{4}/\d{1,10}$")
DATE_RE: Final = re.compile(r"^(\d{4})(?:[/-](\d{1,2})(?:[/-](\d{1,2}))?)?$")
LANGUAGE_RE: Final = re.compile(r"^[a-z]{2,3}$")
SEXES: Final = ("M", "F", "U")  # INTERPOL's sex_id codes, which are Liaison's
UNKNOWN_SEX: Final = "U"

# The INTERPOL keys read into Liaison's fields; every other key is kept in Notice.extra as published.
MAPPED_KEYS: Final = frozenset(
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
RED_KEYS: Final = frozenset({"arrest_warrants"})
YELLOW_KEYS: Final = frozenset({"date_of_event", "father_name", "father_forename", "mother_name", "mother_forename"})
IMPORT_KEY: Final = "liaison_import"  # Liaison's own entry in Notice.extra

# Which INTERPOL key a Liaison field comes from (to report a model's complaint in the file's terms).
SOURCE_KEY: Final = {
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


class Problem(importing.Problem):
    """A problem of an INTERPOL file: `row` is the record's position in its file, `key` its entity_id."""

    unit: ClassVar[str] = "record"


@dataclass(frozen=True)
class Terms:
    """What the conversion takes from Liaison: the country codes it knows (ISO 3166 alpha-2) and the
    translation of its messages into the officer's language."""

    countries: frozenset[str]
    translate: Callable[[str], str] = str

    def say(self, template: str, **params: Any) -> str:
        text = self.translate(template)
        return text % params if params else text


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

    @property
    def label(self) -> str:
        """The name the pages show for the record, whatever else is wrong with it: forename and name, where
        they are text."""
        parts = (self.data.get(key) for key in ("forename", "name"))
        return " ".join(" ".join(part.split()) for part in parts if isinstance(part, str) and part.strip())


@dataclass
class ParsedFile:
    name: str
    records: list[RawRecord] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


@dataclass
class Converted:
    """One record in Liaison's terms: what the people and desk actions take."""

    kind: str
    entity_id: str
    full_name: str
    family_name: str
    given_names: str
    person: dict[str, Any]  # Person fields the record gives
    offences: list[dict[str, Any]] | None  # None: the record says nothing about charges
    issuing_country: str | None  # None: the record says nothing about it
    extra: dict[str, Any]
    warnings: list[Problem]

    @property
    def name_text(self) -> dict[str, str]:
        """The INTERPOL name's text fields."""
        return {"full_name": self.full_name, "family_name": self.family_name, "given_names": self.given_names}


class RecordInvalid(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = problems


def to_json(value: Any) -> Any:
    """A value as a JSON column gives it back."""
    return json.loads(json.dumps(value))


# --- reading files ---------------------------------------------------------------------------------------
def self_href(data: Any) -> str:
    try:
        href = data["_links"]["self"]["href"]
    except (KeyError, TypeError):
        return ""
    return href if isinstance(href, str) else ""


def kind_of_href(href: str) -> str:
    for kind in KINDS:
        if re.search(rf"/notices/v\d+/{kind}(?:[/?]|$)", href):
            return kind
    return ""


def _items(data: Any, terms: Terms) -> tuple[list[Any], str, str]:
    """(the records, the page's kind, or a message saying why the layout is not INTERPOL's)."""
    if isinstance(data, dict) and "entity_id" in data:  # a detail (it has an _embedded of its own)
        return [data], "", ""
    if isinstance(data, dict) and "_embedded" in data:
        notices = data["_embedded"].get("notices") if isinstance(data["_embedded"], dict) else None
        if not isinstance(notices, list):
            return [], "", terms.say(_("The file has no list of notices (_embedded.notices)."))
        return notices, kind_of_href(self_href(data)), ""
    if isinstance(data, list):
        return data, "", ""
    return (
        [],
        "",
        terms.say(
            _(
                "Not the INTERPOL layout: expected a list page (_embedded.notices), a notice's detail (with "
                "entity_id) or a JSON array of details."
            )
        ),
    )


def read_file(name: str, content: bytes, *, kind: str = "", terms: Terms) -> ParsedFile:
    """Read one saved INTERPOL file: a list page, a detail, or a JSON array of details. `kind` (red or
    yellow) is used where the file does not tell."""
    parsed = ParsedFile(name=name)

    def file_problem(message: str) -> ParsedFile:
        parsed.problems.append(Problem(name, 0, "", message))
        return parsed

    if kind and kind not in KINDS:
        return file_problem(terms.say(_("Unknown notice kind %(kind)s: choose red or yellow."), kind=kind))
    if len(content) > MAX_FILE_BYTES:
        return file_problem(terms.say(_("The file is larger than %(mb)d MB."), mb=MAX_FILE_BYTES // (1024 * 1024)))
    try:
        data = json.loads(content.decode("utf-8-sig"))
    except UnicodeDecodeError:
        return file_problem(terms.say(_("The file is not UTF-8 text, so not an INTERPOL JSON file.")))
    except json.JSONDecodeError as error:
        return file_problem(
            terms.say(
                _("The file is not JSON (line %(line)d, column %(column)d: %(error)s)."),
                line=error.lineno,
                column=error.colno,
                error=error.msg,
            )
        )
    items, page_kind, refusal = _items(data, terms)
    if refusal:
        return file_problem(refusal)
    if len(items) > MAX_RECORDS:
        return file_problem(terms.say(_("The file holds more than %(max)d notices."), max=MAX_RECORDS))
    for index, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            parsed.problems.append(Problem(name, index, "", terms.say(_("The record is not a JSON object."))))
            continue
        parsed.records.append(RawRecord(file=name, index=index, kind=page_kind or kind, data=item))
    if not items:
        parsed.problems.append(
            Problem(name, 0, "", terms.say(_("The file holds no notices.")), severity=importing.WARNING)
        )
    return parsed
