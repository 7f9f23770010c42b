"""Bulk import of agreements, action items or engagements from a CSV or XLSX file (one kind per file), on the
staged import (core/importing.py): parse, validate, preview, apply.

`read()` reads the file through the tabular reader (core/tabular/: CSV in any common encoding, XLSX, cells
in Unicode NFC; the header is the row naming the kind's columns) and `stage_table()` turns it into plain
records (kept in the session, never on disk). `CooperationImport` validates each record into the data the
actions take, collecting every error by row number and column, and creates every row through the
cooperation actions in ONE transaction: all rows or none. Row numbers are the spreadsheet's.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_countries import countries

from liaison.agencies.models import Agency
from liaison.cooperation import actions
from liaison.cooperation.choices import AgreementKind, EngagementKind
from liaison.cooperation.models import ActionItem, Agreement, Engagement
from liaison.core import audit, importing, tabular
from liaison.core.importing import Entry, Problem, Report, Staged

MAX_ROWS = 1000
MAX_BYTES = 5 * 1024 * 1024
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class Column:
    name: str
    help: Any
    required: bool = False


KINDS: dict[str, dict[str, Any]] = {
    "agreements": {
        "label": gettext_lazy("Agreements"),
        "model": Agreement,
        "columns": [
            Column("kind", gettext_lazy("One of: %(values)s.") % {"values": ", ".join(AgreementKind.values)}, True),
            Column("title_en", gettext_lazy("Working title in English."), True),
            Column("partner", gettext_lazy("The partner agency's code or short name (the other party)."), True),
            Column("reference", gettext_lazy("Reference number.")),
            Column("signed_date", gettext_lazy("Date signed, YYYY-MM-DD.")),
            Column("signed_place", gettext_lazy("Place of signature.")),
            Column("entry_into_force_date", gettext_lazy("Date of entry into force, YYYY-MM-DD.")),
            Column("valid_until", gettext_lazy("Valid until, YYYY-MM-DD.")),
            Column("notes", gettext_lazy("Notes, e.g. the source.")),
        ],
    },
    "action_items": {
        "label": gettext_lazy("Action items"),
        "model": ActionItem,
        "columns": [
            Column("title", gettext_lazy("What is to be done."), True),
            Column("number", gettext_lazy("Number in the programme.")),
            Column("partner", gettext_lazy("The partner agency's code or short name.")),
            Column("due_date", gettext_lazy("Due date, YYYY-MM-DD.")),
            Column("description", gettext_lazy("Description.")),
            Column("indicators", gettext_lazy("Indicators of completion.")),
        ],
    },
    "engagements": {
        "label": gettext_lazy("Engagements"),
        "model": Engagement,
        "columns": [
            Column("kind", gettext_lazy("One of: %(values)s.") % {"values": ", ".join(EngagementKind.values)}, True),
            Column("title", gettext_lazy("Title."), True),
            Column("partner", gettext_lazy("The partner agency's code or short name.")),
            Column("start_date", gettext_lazy("Start date, YYYY-MM-DD.")),
            Column("end_date", gettext_lazy("End date, YYYY-MM-DD.")),
            Column("place", gettext_lazy("Place.")),
            Column("country", gettext_lazy("Country, two-letter ISO code such as KR.")),
            Column("notes", gettext_lazy("Notes, e.g. the source.")),
        ],
    },
}
DATE_COLUMNS = {"signed_date", "entry_into_force_date", "valid_until", "due_date", "start_date", "end_date"}


def column_names(kind: str) -> list[str]:
    return [column.name for column in KINDS[kind]["columns"]]


class ImportError_(ValueError):
    """The file itself cannot be read (not a row error)."""


# --- reading the file ------------------------------------------------------------------------------------
LIMITS = tabular.Limits(rows=MAX_ROWS, columns=100, cells=100 * MAX_ROWS, xlsx_bytes=10 * MAX_BYTES)


def _header_score(kind: str) -> Callable[[list[str]], int]:
    known = set(column_names(kind))

    def score(cells: list[str]) -> int:
        return sum(1 for cell in cells if cell.strip().lower() in known)

    return score


def read(name: str, content: bytes, kind: str) -> tabular.Table:
    """The file as a table whose header is the row naming the kind's columns (the first row, unless title
    lines stand above it). ImportError_ says why a file cannot be read."""
    if len(content) > MAX_BYTES:
        raise ImportError_(_("The file is larger than 5 MB."))
    try:
        return tabular.read_table(name, content, limits=LIMITS, header_score=_header_score(kind), collapse=False)
    except tabular.TabularError as error:
        if error.code in (tabular.EMPTY, tabular.NO_HEADER):
            raise ImportError_(_("The file is empty: the first row must name the columns.")) from error
        raise ImportError_(error.render(_)) from error


def stage_table(kind: str, table: tabular.Table) -> Staged:
    """The table as plain records {"row": number, "values": {column: text}}, with the header's problems."""
    header = [cell.strip().lower() for cell in table.header]
    known = column_names(kind)
    unknown = _("unknown column; the columns are: %(columns)s") % {"columns": ", ".join(known)}
    problems = [Problem(table.file, table.header_row, name, unknown) for name in header if name and name not in known]
    problems += [
        Problem(table.file, table.header_row, column.name, _("required column is missing"))
        for column in KINDS[kind]["columns"]
        if column.required and column.name not in header
    ]
    records = [
        {
            "row": number,
            "values": {name: (row[i] if i < len(row) else "") for i, name in enumerate(header) if name in known},
        }
        for number, row in table.rows
    ]
    return staged_records(kind, table.file, records, problems)


def staged_records(kind: str, file: str, records: list[dict[str, Any]], problems: list[Problem]) -> Staged:
    """Records of one kind from one file, ready for the session (a file without rows is a problem)."""
    if not records and not problems:
        problems = [Problem(file, 2, "-", _("the file has no rows to import"))]
    return Staged(files=[file], records=records, problems=problems, options={"kind": kind})


# --- validation ------------------------------------------------------------------------------------------
def _agency(text: str) -> Agency | None:
    return Agency.objects.filter(code__iexact=text).first() or Agency.objects.filter(short_name__iexact=text).first()


def _date(text: str) -> datetime.date:
    if not DATE_RE.match(text):
        raise ValueError
    return datetime.date.fromisoformat(text)


def _row_data(kind: str, values: dict[str, str], actor: Any, errors: list[str | tuple[str, str]]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    partner = None
    for column in KINDS[kind]["columns"]:
        text = values.get(column.name, "")
        if not text:
            if column.required:
                errors.append((column.name, _("this field is required")))
            continue
        if column.name in DATE_COLUMNS:
            try:
                data[column.name] = _date(text)
            except ValueError:
                errors.append((column.name, _("'%(value)s' is not a date (YYYY-MM-DD)") % {"value": text}))
        elif column.name == "partner":
            partner = _agency(text)
            if partner is None:
                errors.append((column.name, _("no agency with the code or short name '%(value)s'") % {"value": text}))
            elif partner.pk == getattr(actor, "agency_id", None):
                errors.append((column.name, _("'%(value)s' is your own agency") % {"value": text}))
        elif column.name == "country":
            code = text.upper()
            if code not in dict(countries):
                errors.append((column.name, _("'%(value)s' is not a two-letter country code") % {"value": text}))
            data["country"] = code
        else:
            data[column.name] = text
    if kind == "agreements" and partner is not None:
        data["parties"] = [{"agency": actor.agency}, {"agency": partner}]
    elif kind == "action_items" and partner is not None:
        data["partner_agency"] = partner
    elif kind == "engagements" and partner is not None:
        data["partners"] = [partner]
    return data


def _model_errors(kind: str, data: dict[str, Any], actor: Any) -> list[tuple[str, str]]:
    """What the model itself refuses (choices, lengths, periods), by field."""
    model: type[models.Model] = KINDS[kind]["model"]
    plain = {k: v for k, v in data.items() if k not in {"parties", "partners"}}
    instance = model(owner=actor.agency, **plain)
    try:
        instance.full_clean()
    except ValidationError as error:
        found = []
        for name, messages in error.message_dict.items():
            for message in messages:
                found.append((name if name != "__all__" else "-", message))
        return found
    return []


# --- the import ------------------------------------------------------------------------------------------
CREATE = {
    "agreements": actions.do_create_agreement,
    "action_items": actions.do_create_action_item,
    "engagements": actions.do_create_engagement,
}


class CooperationImport(importing.Importer):
    """Every row becomes a new record of the kind, all in one transaction or none (audited as
    `cooperation.import` with the ids created)."""

    def __init__(self, kind: str) -> None:
        self.kind = kind

    def validate(self, staged: Staged, *, actor: Any) -> list[Entry]:
        file = staged.files[0] if staged.files else ""
        entries = []
        for record in staged.records:
            problems: list[Any] = []
            data = _row_data(self.kind, record["values"], actor, problems)
            if not problems:
                problems += _model_errors(self.kind, data, actor)
            row = record["row"]
            found = [Problem(file, row, name, message) for name, message in problems]
            entries.append(Entry(file=file, row=row, kind=self.kind, record=record, data=data, problems=found))
        return entries

    def plan(self, entries: list[Entry], *, actor: Any) -> Iterator[Entry]:
        for entry in entries:
            entry.outcome = importing.CREATED
            yield entry

    def write(self, entry: Entry, *, actor: Any) -> None:
        created = CREATE[self.kind](entry.data, actor=actor)
        entry.object_id = created.pk
        entry.outcome = importing.CREATED

    def refusal(self, entry: Entry, error: Exception) -> list[Problem] | None:
        if not isinstance(error, ValidationError):
            return None
        messages = error.message_dict if hasattr(error, "error_dict") else {"-": error.messages}
        return [Problem(entry.file, entry.row, name, text) for name, items in messages.items() for text in items]

    def record_run(self, report: Report, staged: Staged, *, actor: Any) -> None:
        ids = [entry.object_id for entry in report.entries]
        after = {"kind": self.kind, "file": staged.files[0] if staged.files else "", "rows": len(ids), "ids": ids}
        audit.record("cooperation.import", actor=actor, after=after)


class RowsInvalid(Exception):
    """Nothing was imported: `result` is the report naming every error by row and column."""

    def __init__(self, result: Report) -> None:
        super().__init__("; ".join(str(p) for p in result.errors))
        self.result = result


def preview(staged: Staged, actor: Any) -> Report:
    """What the import would create, and every error by row and column; reads only."""
    return importing.preview(CooperationImport(staged.options["kind"]), staged, actor=actor)


def apply(staged: Staged, actor: Any) -> Report:
    """Validate again, then create every row in one transaction (all or nothing); RowsInvalid if not."""
    try:
        return importing.apply(CooperationImport(staged.options["kind"]), staged, actor=actor)
    except importing.Invalid as invalid:
        raise RowsInvalid(invalid.report) from None


def write(kind: str, records: list[dict[str, Any]], actor: Any, *, file_name: str = "") -> list[int | None]:
    """Create the records ({"row": n, "values": {column: text}}) of one kind: the ids, or RowsInvalid."""
    report = apply(staged_records(kind, file_name, records, []), actor)
    return [entry.object_id for entry in report.entries]


def template_rows(kind: str) -> list[list[str]]:
    return [column_names(kind)]
