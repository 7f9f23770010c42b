"""Column definitions for list pages and exports: one `Table` per list, shared by the page and CSV/XLSX."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.encoding import force_str

# A spreadsheet reads a cell starting with one of these as a formula (OWASP, "CSV injection").
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
ExportValue = str | int | float | Decimal | dt.date


@dataclass(frozen=True)
class Column:
    name: str
    label: Any
    sort: str | None = None  # ordering expression, None: not sortable
    link: bool = False  # render as a link to the record's detail page
    value: Callable[[Any], Any] | None = None
    nowrap: bool = False  # a short code-like value that reads wrongly when broken over two lines

    def get(self, obj: Any) -> Any:
        if self.value is not None:
            return self.value(obj)
        current: Any = obj
        for part in self.name.split("__"):
            if current is None:
                return ""
            display = getattr(current, f"get_{part}_display", None)
            current = display() if callable(display) else getattr(current, part)
        if isinstance(current, models.Manager):
            return ", ".join(str(item) for item in current.all())
        return "" if current is None else current


@dataclass(frozen=True)
class Table:
    columns: list[Column]
    default_sort: str = "-pk"
    sortable: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for column in self.columns:
            if column.sort:
                self.sortable[column.name] = column.sort

    def ordering(self, requested: str | None) -> tuple[str, str]:
        """(query-string value, ORM ordering) for ?sort=name or ?sort=-name; falls back to the default."""
        if requested:
            key = requested.lstrip("-")
            if key in self.sortable:
                desc = requested.startswith("-")
                expr = self.sortable[key]
                return requested, ("-" + expr.lstrip("-") if desc != expr.startswith("-") else expr.lstrip("-"))
        # No (valid) request: report the default as the current sort, so its column shows the direction.
        bare = self.default_sort.lstrip("-")
        for name, expr in self.sortable.items():
            if expr == bare:
                return ("-" if self.default_sort.startswith("-") else "") + name, self.default_sort
        return "", self.default_sort

    def rows(self, objects: Any) -> list[tuple[Any, list[Any]]]:
        return [(obj, [column.get(obj) for column in self.columns]) for obj in objects]


def export_cell(value: Any) -> ExportValue:
    """One cell of a CSV or XLSX export, safe to open in a spreadsheet.

    Numbers and dates stay what they are (a negative number is not text; a time is in the node's time zone, with
    its offset in CSV: 2026-12-06 14:30:00+07:00); everything else becomes text, and text
    that a spreadsheet would read as a formula (starting with =, +, -, @, tab or CR: a name a partner planted
    such as ``=HYPERLINK(...)``) is prefixed with a single quote, so it shows as the text it is. Every export uses
    this: the list pages' CSV / XLSX and the audit trail's CSV.
    """
    if value is None:
        return ""
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        return timezone.localtime(value).replace(microsecond=0)  # the node's time, with its offset
    if isinstance(value, int | float | Decimal | dt.date) and not isinstance(value, bool):
        return value
    text: str = force_str(value)
    return "'" + text if text.startswith(FORMULA_TRIGGERS) else text


def xlsx_cell(value: ExportValue) -> ExportValue:
    """An export cell as an XLSX cell: a time in the node's local time without its zone (Excel has none)."""
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        return timezone.localtime(value).replace(tzinfo=None)
    return value
