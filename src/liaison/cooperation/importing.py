"""Bulk import of agreements, action items or engagements from a CSV or XLSX file (one kind per file).

Two steps: `parse()` reads the file into plain rows (kept in the session, never on disk) and `validate()`
turns them into the data the actions take, collecting every error by row number and column. `write()`
validates again and creates every row through the cooperation actions in ONE transaction: all rows or none.
Row numbers are the spreadsheet's (the header is row 1).
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_countries import countries

from liaison.agencies.models import Agency
from liaison.cooperation import actions
from liaison.cooperation.choices import AgreementKind, EngagementKind
from liaison.cooperation.models import ActionItem, Agreement, Engagement
from liaison.core import audit

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


@dataclass
class RowError:
    row: int
    field: str
    message: str


@dataclass
class Result:
    kind: str
    rows: list[dict[str, Any]] = field(default_factory=list)  # {"row": n, "values": {...}, "data": {...}}
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors and bool(self.rows)


class ImportError_(ValueError):
    """The file itself cannot be read (not a row error)."""


# --- reading the file ------------------------------------------------------------------------------------
def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def parse(name: str, content: bytes) -> list[list[str]]:
    """The file's rows as lists of text (header first). XLSX by its name, otherwise CSV (UTF-8, BOM allowed)."""
    if len(content) > MAX_BYTES:
        raise ImportError_(_("The file is larger than 5 MB."))
    if name.lower().endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        except Exception:
            raise ImportError_(_("The file is not a readable XLSX workbook.")) from None
        sheet = workbook.worksheets[0]
        rows = [[_cell(value) for value in row] for row in sheet.iter_rows(values_only=True)]
        workbook.close()
    else:
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ImportError_(_("The CSV file is not UTF-8 text.")) from None
        rows = [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(text))]
    if not rows or not any(rows[0]):
        raise ImportError_(_("The file is empty: the first row must name the columns."))
    if len(rows) - 1 > MAX_ROWS:
        raise ImportError_(_("The file has more than %(max)d rows.") % {"max": MAX_ROWS})
    return rows


def to_records(kind: str, rows: list[list[str]]) -> tuple[list[dict[str, Any]], list[RowError]]:
    """Rows as {"row": number, "values": {column: text}} (blank rows skipped), and header errors."""
    header = [cell.strip().lower() for cell in rows[0]]
    known = column_names(kind)
    errors = [
        RowError(1, name, _("unknown column; the columns are: %(columns)s") % {"columns": ", ".join(known)})
        for name in header
        if name and name not in known
    ]
    errors += [
        RowError(1, column.name, _("required column is missing"))
        for column in KINDS[kind]["columns"]
        if column.required and column.name not in header
    ]
    records = []
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        values = {name: (row[i].strip() if i < len(row) else "") for i, name in enumerate(header) if name in known}
        records.append({"row": number, "values": values})
    return records, errors


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


def validate(kind: str, records: list[dict[str, Any]], actor: Any, header_errors: list[RowError]) -> Result:
    result = Result(kind=kind, errors=list(header_errors))
    if not records and not header_errors:
        result.errors.append(RowError(2, "-", _("the file has no rows to import")))
    for record in records:
        problems: list[Any] = []
        data = _row_data(kind, record["values"], actor, problems)
        if not problems:
            problems += _model_errors(kind, data, actor)
        result.errors += [RowError(record["row"], name, message) for name, message in problems]
        result.rows.append({"row": record["row"], "values": record["values"], "data": data})
    return result


# --- writing ---------------------------------------------------------------------------------------------
CREATE = {
    "agreements": actions.do_create_agreement,
    "action_items": actions.do_create_action_item,
    "engagements": actions.do_create_engagement,
}


class RowsInvalid(Exception):
    def __init__(self, result: Result) -> None:
        self.result = result


def write(kind: str, records: list[dict[str, Any]], actor: Any, *, file_name: str = "") -> list[Any]:
    """Validate again, then create every row in one transaction (all or nothing); audited."""
    result = validate(kind, records, actor, [])
    if not result.ok:
        raise RowsInvalid(result)
    created = []
    try:
        with transaction.atomic():
            for row in result.rows:
                try:
                    created.append(CREATE[kind](row["data"], actor=actor))
                except ValidationError as error:
                    messages = error.message_dict if hasattr(error, "error_dict") else {"-": error.messages}
                    result.errors += [
                        RowError(row["row"], name, message) for name, items in messages.items() for message in items
                    ]
            if result.errors:
                raise RowsInvalid(result)
            audit.record(
                "cooperation.import",
                actor=actor,
                after={"kind": kind, "file": file_name, "rows": len(created), "ids": [obj.pk for obj in created]},
            )
    except PermissionDenied:
        raise
    return created


def template_rows(kind: str) -> list[list[str]]:
    return [column_names(kind)]
