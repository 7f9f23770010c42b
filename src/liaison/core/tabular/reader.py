"""The rows of a file, numbered as a spreadsheet shows them and within the limits; its header; a whole small
file at once (`read_table`). No Django here."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Generator, Iterable, Iterator
from contextlib import suppress
from itertools import chain
from typing import IO, Final

from liaison.core.tabular.base import (
    BAD_CSV,
    BAD_XLSX,
    DECODING,
    DEFAULT_LIMITS,
    MB,
    NO_HEADER,
    TOO_MANY_CELLS,
    TOO_MANY_COLUMNS,
    TOO_MANY_ROWS,
    XLSX,
    Layout,
    Limits,
    Table,
    TabularError,
    _,
    cell_text,
)
from liaison.core.tabular.formats import sniff

HEADER_LOOK_AHEAD: Final = 10
csv.field_size_limit(MB)


def _xlsx_rows(handle: IO[bytes], name: str, collapse: bool) -> Iterator[tuple[int, list[str]]]:
    import openpyxl

    handle.seek(0)
    number = 0
    try:
        workbook = openpyxl.load_workbook(handle, read_only=True, data_only=True)
        try:
            if not workbook.worksheets:
                return
            sheet = workbook.worksheets[0]
            if hasattr(sheet, "reset_dimensions"):
                sheet.reset_dimensions()  # rows as they are, not padded to a declared (perhaps huge) size
            for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
                yield number, [cell_text(value, collapse=collapse) for value in values or ()]
        finally:
            workbook.close()
    except TabularError:
        raise
    except Exception as error:  # openpyxl raises whatever its parsers meet in a broken file
        raise TabularError(
            _("The file is not a readable XLSX workbook: %(error)s"),
            {"error": error},
            code=BAD_XLSX,
            file=name,
            row=number + 1,
        ) from error


def _csv_rows(handle: IO[bytes], name: str, layout: Layout, collapse: bool) -> Iterator[tuple[int, list[str]]]:
    handle.seek(0)
    stream = io.TextIOWrapper(handle, encoding=layout.encoding, errors="strict", newline="")
    try:
        reader = csv.reader(stream, delimiter=layout.delimiter)
        number = 0
        while True:
            try:
                raw = next(reader)
            except StopIteration:
                return
            except UnicodeDecodeError as error:
                raise TabularError(
                    _("The text after row %(row)d is not %(encoding)s."),
                    {"row": number, "encoding": layout.encoding},
                    code=DECODING,
                    file=name,
                    row=number + 1,
                ) from error
            except csv.Error as error:
                raise TabularError(
                    _("Row %(row)d cannot be read as CSV: %(error)s"),
                    {"row": number + 1, "error": error},
                    code=BAD_CSV,
                    file=name,
                    row=number + 1,
                ) from error
            number += 1
            yield number, [cell_text(cell, collapse=collapse) for cell in raw]
    finally:
        with suppress(ValueError):  # the owner may have closed the file already
            stream.detach()  # leave the binary file open for its owner


def rows(
    handle: IO[bytes], name: str, layout: Layout, *, limits: Limits = DEFAULT_LIMITS, collapse: bool = True
) -> Generator[tuple[int, list[str]], None, None]:
    """Every row of the file as (row number, cells), trailing empty cells dropped, within `limits` (a
    TabularError names the row that breaks one). Empty rows are yielded too, as []."""
    source = _xlsx_rows(handle, name, collapse) if layout.format == XLSX else _csv_rows(handle, name, layout, collapse)
    counted = cells_seen = 0
    for number, cells in source:
        if number == 1 and cells:
            cells[0] = cells[0].lstrip("\ufeff")  # a byte-order mark the encoding did not take
        while cells and not cells[-1]:
            cells.pop()
        if not cells:
            yield number, cells
            continue
        counted += 1
        cells_seen += len(cells)
        if limits.columns is not None and len(cells) > limits.columns:
            raise TabularError(
                _("Row %(row)d has more than %(max)d columns."),
                {"row": number, "max": limits.columns},
                code=TOO_MANY_COLUMNS,
                file=name,
                row=number,
            )
        if limits.rows is not None and counted > limits.rows + 1:  # the header is not counted
            raise TabularError(
                _("The file has more than %(max)d rows."),
                {"max": limits.rows},
                code=TOO_MANY_ROWS,
                file=name,
                row=number,
            )
        if limits.cells is not None and cells_seen > limits.cells:
            raise TabularError(
                _("The file has more than %(max)d cells."),
                {"max": limits.cells},
                code=TOO_MANY_CELLS,
                file=name,
                row=number,
            )
        yield number, cells


def find_header(
    numbered: Iterable[tuple[int, list[str]]],
    name: str,
    *,
    score: Callable[[list[str]], int] | None = None,
    look_ahead: int = HEADER_LOOK_AHEAD,
) -> tuple[int, list[str], Iterator[tuple[int, list[str]]]]:
    """(header row number, header cells, the rows after it) of numbered rows. The header is the first
    non-empty row; with `score`, the first of the first `look_ahead` non-empty rows that scores best (when
    any scores above 0), so title lines above it are skipped."""
    source = iter(numbered)
    seen: list[tuple[int, list[str]]] = []
    for row in source:
        if not row[1]:
            continue
        seen.append(row)
        if score is None or len(seen) >= look_ahead:
            break
    if not seen:
        raise TabularError(_("The file has no header row naming its columns."), code=NO_HEADER, file=name)
    chosen = 0
    if score is not None:
        scores = [score(cells) for _number, cells in seen]
        if max(scores) > 0:
            chosen = scores.index(max(scores))
    number, header = seen[chosen]
    return number, header, chain(seen[chosen + 1 :], source)


def read_table(
    name: str,
    content: bytes,
    *,
    encoding: str = "auto",
    limits: Limits = DEFAULT_LIMITS,
    header_score: Callable[[list[str]], int] | None = None,
    collapse: bool = True,
) -> Table:
    """A whole file held in memory, read at once: its header (see find_header) and its non-empty rows."""
    handle = io.BytesIO(content)

    def line_score(line: str) -> int:  # the delimiter is not known yet while the encoding is detected
        assert header_score is not None
        return header_score([cell.strip().strip('"') for cell in re.split(r"[,;\t|]", line)])

    layout = sniff(handle, name, encoding=encoding, limits=limits, header_score=line_score if header_score else None)
    number, header, rest = find_header(
        rows(handle, name, layout, limits=limits, collapse=collapse), name, score=header_score
    )
    return Table(file=name, layout=layout, header_row=number, header=header, rows=[row for row in rest if row[1]])
