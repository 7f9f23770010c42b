"""The reader's common parts: its errors (`TabularError`, marked messages, codes), its bounds (`Limits`),
how a file is read (`Layout`), a whole table (`Table`), and cells and column names. No Django here."""

from __future__ import annotations

import datetime
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Final


def _(message: str) -> str:
    """Marks a message for translation (the catalogue tools collect it); the caller translates on render."""
    return message


def _identity(message: str) -> str:
    return message


CSV, XLSX = "csv", "xlsx"
MB: Final = 1024 * 1024

# Error codes (TabularError.code), for callers that word some refusals their own way.
EMPTY = "empty"
NOT_TABULAR = "not_tabular"
BINARY = "binary"
OLD_EXCEL = "old_excel"
BAD_XLSX = "bad_xlsx"
UNKNOWN_ENCODING = "unknown_encoding"
WRONG_ENCODING = "wrong_encoding"
DECODING = "decoding"
BAD_CSV = "bad_csv"
NO_HEADER = "no_header"
TOO_MANY_ROWS = "too_many_rows"
TOO_MANY_COLUMNS = "too_many_columns"
TOO_MANY_CELLS = "too_many_cells"
TOO_LARGE = "too_large"


class TabularError(ValueError):
    """A file cannot be read as a table, or breaks a limit: where (file, row, column) and why."""

    def __init__(
        self,
        template: str,
        params: Mapping[str, Any] | None = None,
        *,
        code: str,
        file: str = "",
        row: int | None = None,
        column: str = "",
    ) -> None:
        self.template = template
        self.params = dict(params or {})
        self.code = code
        self.file = file
        self.row = row
        self.column = column
        super().__init__(self.render())

    @property
    def message(self) -> str:
        """The message in English."""
        return self.render()

    def render(self, translate: Callable[[str], str] = _identity) -> str:
        """The message, its template translated by `translate` (e.g. Django's gettext)."""
        text = translate(self.template)
        return text % self.params if self.params else text


@dataclass(frozen=True)
class Limits:
    """What one file may hold; None: no limit. An XLSX is also refused when its parts unpack to more than
    `xlsx_ratio` times their packed size (above 10 MB unpacked): ordinary workbooks pack 5 to 20 times."""

    rows: int | None = 100_000
    columns: int | None = 1_000
    cells: int | None = 2_000_000
    xlsx_bytes: int | None = 100 * MB
    xlsx_ratio: int | None = 100


DEFAULT_LIMITS: Final = Limits()


@dataclass
class Layout:
    """How a file is read: its format and, for a CSV, its text encoding and delimiter."""

    format: str  # CSV or XLSX
    encoding: str = ""
    delimiter: str = ","


@dataclass
class Table:
    """A whole (small) file: its layout, header and data rows (non-empty rows after the header)."""

    file: str
    layout: Layout
    header_row: int
    header: list[str]
    rows: list[tuple[int, list[str]]] = field(default_factory=list)


def not_tabular(file: str, format_name: str = "") -> TabularError:
    """The refusal of a file that is no spreadsheet (naming its format where it is recognised)."""
    if format_name:
        return TabularError(
            _("%(file)s is not a CSV or XLSX file: it is in %(format)s format."),
            {"file": file, "format": format_name},
            code=NOT_TABULAR,
            file=file,
        )
    return TabularError(
        _("%(file)s is not a CSV or XLSX file: it holds binary data."), {"file": file}, code=BINARY, file=file
    )


# --- cells -------------------------------------------------------------------------------------------------
def cell_text(value: Any, *, collapse: bool = True) -> str:
    """A cell as text: NFC, trimmed (inner whitespace collapsed with `collapse`); dates as ISO; 12.0 as 12."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        if value.time() == datetime.time():
            return value.date().isoformat()
        return value.isoformat()[:19]
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value)
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    if collapse:
        return " ".join(text.split()) if text else ""
    return text.strip()


def column_names(cells: list[str], unnamed: Callable[[int], str] = "column {}".format) -> list[str]:
    """Column names from a header row: empty ones named by position (`unnamed(position)`), repeated ones
    numbered ("Name (2)"), trailing unnamed ones dropped, so every column has one name."""
    while cells and not cells[-1]:
        cells = cells[:-1]
    names: list[str] = []
    seen: dict[str, int] = {}
    for position, cell in enumerate(cells, start=1):
        name = cell or unnamed(position)
        key = name.casefold()
        if key in seen:
            seen[key] += 1
            name = f"{name} ({seen[key]})"
        else:
            seen[key] = 1
        names.append(name)
    return names
