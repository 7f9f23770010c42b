"""Reading an uploaded list as a header and numbered rows, through the one tabular reader (core/tabular/:
CSV in whatever encoding it was saved, XLSX; formats, encodings, cells and bounds are described there).

No Django models here: the upload action, the mapping page and the run all read through these functions,
so the rows the officer previews are the rows that are screened. What is the list's own: the encodings an
officer may name on upload, the bounds of a list (its size is bounded by the upload action; an XLSX may
unpack to 25 times that), the header (the first non-empty row: a stored list is read again at each run and
must find the same columns), the row count and preview, and the wording of a few refusals.
"""

from __future__ import annotations

from collections.abc import Callable, Generator
from contextlib import closing
from dataclasses import dataclass, field
from typing import IO, Any

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from liaison.core import tabular

# Encodings an officer may choose (value, label); "auto" detects.
ENCODINGS: list[tuple[str, Any]] = [
    ("auto", _lazy("Detect automatically")),
    ("utf-8", "UTF-8"),
    ("utf-16", "UTF-16"),
    ("cp1258", _lazy("Windows-1258 (Vietnamese)")),
    ("cp1251", _lazy("Windows-1251 (Cyrillic)")),
    ("cp949", _lazy("CP949 / EUC-KR (Korean)")),
    ("gb18030", _lazy("GB18030 / GBK (Chinese)")),
    ("cp1252", _lazy("Windows-1252 (Western European)")),
]
PREVIEW_ROWS = 10
XLSX_UNPACKED_FACTOR = 25

NOT_A_LIST = _lazy("The file is neither a CSV text list nor an XLSX workbook (it looks like other binary data).")


class UnreadableFile(ValueError):
    """The file cannot be read as a list; the message says why (for the officer)."""


@dataclass
class TableInfo:
    """What the upload found: the format, how to read it, its columns and its rows."""

    format: str  # "csv" or "xlsx"
    encoding: str = ""
    delimiter: str = ","
    columns: list[str] = field(default_factory=list)
    row_count: int = 0
    header_row: int = 1
    preview: list[tuple[int, list[str]]] = field(default_factory=list)
    name: str = ""

    @property
    def layout(self) -> tabular.Layout:
        return tabular.Layout(format=self.format, encoding=self.encoding, delimiter=self.delimiter)


def limits() -> tabular.Limits:
    """A list has as many rows as its size allows; an XLSX may unpack to 25 times the largest list."""
    return tabular.Limits(
        rows=None, cells=None, xlsx_bytes=XLSX_UNPACKED_FACTOR * int(settings.LIAISON_SCREENING_MAX_BYTES)
    )


def _unreadable(error: tabular.TabularError, *, stored: bool = False) -> UnreadableFile:
    """The reader's refusal in the list's words."""
    if error.code in (tabular.BINARY, tabular.NOT_TABULAR):
        return UnreadableFile(NOT_A_LIST)
    if error.code == tabular.DECODING:
        return UnreadableFile(
            _("The text after row %(row)d is not %(encoding)s: choose the file's encoding on upload.") % error.params
        )
    if stored and error.code == tabular.WRONG_ENCODING:
        return UnreadableFile(_("The stored file is not %(encoding)s any more.") % error.params)
    return UnreadableFile(error.render(_))


def _column_name(position: int) -> str:
    return _("column %(number)d") % {"number": position}


def _rows(handle: IO[bytes], info: TableInfo) -> Generator[tuple[int, list[str]], None, None]:
    try:
        with closing(tabular.rows(handle, info.name, info.layout, limits=limits())) as numbered:
            yield from numbered
    except tabular.TabularError as error:
        raise _unreadable(error) from error


def data_rows(handle: IO[bytes], info: TableInfo) -> Generator[tuple[int, list[str]], None, None]:
    """The data rows after the header, non-empty ones only, each padded or cut to the header's width."""
    width = len(info.columns)
    with closing(_rows(handle, info)) as rows:
        for number, cells in rows:
            if number <= info.header_row or not cells:
                continue
            if len(cells) < width:
                cells = cells + [""] * (width - len(cells))
            yield number, cells[:width]


def _layout(handle: IO[bytes], name: str, *, encoding: str, stored: bool, **kwargs: Any) -> TableInfo:
    try:
        layout = tabular.sniff(handle, name, encoding=encoding, limits=limits(), **kwargs)
    except tabular.TabularError as error:
        raise _unreadable(error, stored=stored) from error
    return TableInfo(format=layout.format, encoding=layout.encoding, delimiter=layout.delimiter, name=name)


def inspect(
    handle: IO[bytes], name: str, *, encoding: str = "auto", header_score: Callable[[str], int] | None = None
) -> TableInfo:
    """Read the whole file once: format, encoding, delimiter, header, row count and the first rows."""
    info = _layout(handle, name, encoding=encoding or "auto", stored=False, header_score=header_score)
    found_header = False
    with closing(_rows(handle, info)) as rows:
        for number, cells in rows:
            if not cells:
                continue
            if not found_header:
                found_header = True
                info.header_row = number
                info.columns = tabular.column_names(cells, _column_name)
                continue
            info.row_count += 1
            if len(info.preview) < PREVIEW_ROWS:
                width = len(info.columns)
                info.preview.append((number, (cells + [""] * width)[:width]))
    if not info.columns:
        raise UnreadableFile(_("The file has no header row naming its columns."))
    if info.row_count == 0:
        raise UnreadableFile(_("The file has a header but no rows to screen."))
    return info


def locate_header(handle: IO[bytes], name: str, *, encoding: str) -> TableInfo:
    """Format, delimiter and header of a stored list (read as it was on upload), without counting its rows."""
    info = _layout(handle, name, encoding=encoding or "auto", stored=True)
    with closing(_rows(handle, info)) as rows:
        for number, cells in rows:
            if cells:
                info.header_row = number
                info.columns = tabular.column_names(cells, _column_name)
                return info
    raise UnreadableFile(_("The file has no header row naming its columns."))


def preview(handle: IO[bytes], info: TableInfo, limit: int = PREVIEW_ROWS) -> list[tuple[int, list[str]]]:
    found = []
    with closing(data_rows(handle, info)) as rows:
        for row in rows:
            found.append(row)
            if len(found) >= limit:
                break
    return found
