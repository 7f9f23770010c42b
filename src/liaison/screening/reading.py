"""Reading an uploaded list: CSV (in whatever encoding it was saved) or XLSX, as a header and numbered rows.

No Django models here: the upload action, the mapping page and the run all read through these functions,
so the rows the officer previews are the rows that are screened.

- Format: XLSX by its zip signature (the first worksheet), the old binary .xls refused with a message;
  everything else is read as delimited text (comma, semicolon, tab or bar, sniffed from the first lines).
- Encoding of a CSV: a byte-order mark decides (UTF-8, UTF-16, UTF-32); UTF-16 without one is recognised
  by its zero bytes; then strict UTF-8; otherwise the legacy code page that reads most plausibly: Vietnamese
  Windows-1258, Cyrillic Windows-1251, Korean CP949 (EUC-KR), Chinese GB18030 (GBK, GB2312). Plausible
  means: no control or private-use characters, no word mixing scripts (Cyrillic with Latin, Hangul with
  Han), no Latin word made mostly of accented letters (Russian read as a Western code page), and header
  cells that name known fields (see mapping.py). The officer may name the encoding instead.
- Rows are numbered as a spreadsheet shows them (the header is row 1, or the row it is found on); empty
  rows are skipped but keep their numbers. Cells are text, NFC-normalised, trimmed; XLSX dates become
  ISO dates and whole numbers lose their ".0".
"""

from __future__ import annotations

import codecs
import csv
import datetime
import io
import unicodedata
from collections.abc import Callable, Generator
from contextlib import closing, suppress
from dataclasses import dataclass, field
from typing import IO, Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

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
LEGACY = ("cp1258", "cp1251", "cp949", "gb18030")
SAMPLE_BYTES = 256 * 1024
PREVIEW_ROWS = 10
DELIMITERS = ",;\t|"
XLSX_SIGNATURE = b"PK\x03\x04"
XLS_SIGNATURE = b"\xd0\xcf\x11\xe0"
csv.field_size_limit(1024 * 1024)


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


# --- cells -------------------------------------------------------------------------------------------------
def cell_text(value: Any) -> str:
    """A cell as text: NFC, trimmed, inner whitespace collapsed; dates as ISO; 12.0 as 12."""
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
    return " ".join(text.split()) if text else ""


def _header(cells: list[str]) -> list[str]:
    """Column names: empty ones named by position, repeated ones numbered, so every column has one name."""
    names: list[str] = []
    seen: dict[str, int] = {}
    for position, cell in enumerate(cells, start=1):
        name = cell or _("column %(number)d") % {"number": position}
        key = name.casefold()
        if key in seen:
            seen[key] += 1
            name = f"{name} ({seen[key]})"
        else:
            seen[key] = 1
        names.append(name)
    while names and not cells[len(names) - 1]:  # trailing unnamed columns are padding, not columns
        names.pop()
        cells = cells[:-1]
    return names


# --- encodings ---------------------------------------------------------------------------------------------
def _decode_sample(sample: bytes, encoding: str, complete: bool) -> str | None:
    """The sample decoded strictly, or None. An incomplete sample may end inside a character."""
    decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
    try:
        return str(decoder.decode(sample, final=complete))
    except UnicodeDecodeError:
        return None


def _script(ch: str) -> str:
    code = ord(ch)
    if code < 0x80:
        return "latin"
    if 0xAC00 <= code <= 0xD7A3 or 0x1100 <= code <= 0x11FF or 0x3130 <= code <= 0x318F:
        return "hangul"
    if 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0xF900 <= code <= 0xFAFF or code >= 0x20000:
        return "han"
    if 0x0400 <= code <= 0x052F:
        return "cyrillic"
    if 0x00C0 <= code <= 0x024F or 0x1E00 <= code <= 0x1EFF:
        return "latin-accented"
    return "other"


def plausibility(text: str) -> float:
    """Penalty points per 100 letters of `text` read in some encoding: lower is more plausible."""
    penalty = 0.0
    letters = 0
    word: list[str] = []

    def close_word() -> None:
        nonlocal penalty
        if len(word) < 2:
            word.clear()
            return
        scripts = {"latin" if s == "latin-accented" else s for s in map(_script, word)}
        if len(scripts) > 1:
            penalty += 3  # Cyrillic inside a Latin word, Hangul beside Hanja: a wrong code page
        elif scripts == {"latin"}:
            accented = sum(1 for ch in word if _script(ch) == "latin-accented")
            if len(word) >= 3 and accented * 2 > len(word):
                penalty += 2  # "Èâàíîâ": Cyrillic read as a Latin code page
        elif scripts == {"other"}:
            penalty += 2
        word.clear()

    for ch in text:
        category = unicodedata.category(ch)
        if category[0] == "L" or category == "Mn":
            letters += 1
            word.append(ch)
            continue
        close_word()
        if category in ("Cc", "Co", "Cn", "Cs") and ch not in "\t\r\n":
            penalty += 5
        elif category in ("So", "Sk"):
            penalty += 1
    close_word()
    return 100.0 * penalty / max(letters, 1)


def detect_encoding(sample: bytes, *, complete: bool, header_score: Callable[[str], int] | None = None) -> str:
    """The encoding a CSV sample is most plausibly written in (see the module docstring)."""
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if sample.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return "utf-32"
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    head = sample[:4096]
    if len(head) >= 4 and head.count(0) * 4 >= len(head):
        even = head[0::2].count(0)
        odd = head[1::2].count(0)
        return "utf-16-be" if even > odd else "utf-16-le"
    if _decode_sample(sample, "utf-8", complete) is not None:
        return "utf-8"
    best: tuple[float, int, str] | None = None
    for order, encoding in enumerate(LEGACY):
        text = _decode_sample(sample, encoding, complete)
        if text is None:
            continue
        text = unicodedata.normalize("NFC", text)
        score = plausibility(text)
        if encoding == "cp949" and not any(_script(ch) == "hangul" for ch in text):
            score += 5  # Korean text has Hangul; Hanja alone is more likely Chinese read wrongly
        if header_score is not None:
            first_line = text.splitlines()[0] if text else ""
            score -= 10 * header_score(first_line)
        key = (score, order, encoding)
        if best is None or key < best:
            best = key
    if best is None:
        if _binary_share(sample.decode("latin-1")) > 0.005:
            raise UnreadableFile(NOT_A_LIST)
        raise UnreadableFile(_("The file's text encoding was not recognised: save it as UTF-8 CSV or as XLSX."))
    return best[2]


def _binary_share(text: str) -> float:
    """Share of characters no list holds (control, unassigned, private use): binary data read as text."""
    bad = sum(1 for ch in text if ch not in "\t\r\n" and unicodedata.category(ch) in ("Cc", "Cn", "Co", "Cs"))
    return bad / max(len(text), 1)


# --- CSV ---------------------------------------------------------------------------------------------------
def _delimiter(text_sample: str) -> str:
    lines = [line for line in text_sample.splitlines()[:20] if line.strip()]
    if not lines:
        return ","
    try:
        return csv.Sniffer().sniff("\n".join(lines), delimiters=DELIMITERS).delimiter
    except csv.Error:
        counts = {d: lines[0].count(d) for d in DELIMITERS}
        best = max(counts, key=lambda d: counts[d])
        return best if counts[best] else ","


def _text_stream(handle: IO[bytes], encoding: str) -> io.TextIOWrapper:
    return io.TextIOWrapper(handle, encoding=encoding, errors="strict", newline="")


def _csv_rows(handle: IO[bytes], encoding: str, delimiter: str) -> Generator[tuple[int, list[str]], None, None]:
    stream = _text_stream(handle, encoding)
    try:
        reader = csv.reader(stream, delimiter=delimiter)
        number = 0
        while True:
            try:
                raw = next(reader)
            except StopIteration:
                return
            except UnicodeDecodeError as error:
                raise UnreadableFile(
                    _("The text after row %(row)d is not %(encoding)s: choose the file's encoding on upload.")
                    % {"row": number, "encoding": encoding}
                ) from error
            except csv.Error as error:
                raise UnreadableFile(
                    _("Row %(row)d cannot be read as CSV: %(error)s") % {"row": number + 1, "error": error}
                ) from error
            number += 1
            yield number, [cell_text(cell) for cell in raw]
    finally:
        with suppress(ValueError):  # the owner may have closed the file already
            stream.detach()  # leave the binary file open for its owner


# --- XLSX --------------------------------------------------------------------------------------------------
def _xlsx_rows(handle: IO[bytes]) -> Generator[tuple[int, list[str]], None, None]:
    import zipfile

    import openpyxl

    try:
        workbook = openpyxl.load_workbook(handle, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise UnreadableFile(_("The file is not a readable XLSX workbook: %(error)s") % {"error": error}) from error
    try:
        if not workbook.worksheets:
            return
        sheet = workbook.worksheets[0]
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            yield number, [cell_text(value) for value in values or ()]
    finally:
        workbook.close()


# --- the table ---------------------------------------------------------------------------------------------
def sniff_format(head: bytes, name: str) -> str:
    if head.startswith(XLSX_SIGNATURE):
        return "xlsx"
    if head.startswith(XLS_SIGNATURE) or name.lower().endswith(".xls"):
        raise UnreadableFile(_("The old Excel format (.xls) is not read: save the list as XLSX or CSV."))
    if name.lower().endswith((".xlsx", ".xlsm")):
        raise UnreadableFile(_("The file is named .xlsx but is not an XLSX workbook."))
    return "csv"


def raw_rows(handle: IO[bytes], info: TableInfo) -> Generator[tuple[int, list[str]], None, None]:
    """Every row of the file, header included, as (row number, cells)."""
    handle.seek(0)
    if info.format == "xlsx":
        yield from _xlsx_rows(handle)
    else:
        yield from _csv_rows(handle, info.encoding, info.delimiter)


def data_rows(handle: IO[bytes], info: TableInfo) -> Generator[tuple[int, list[str]], None, None]:
    """The data rows after the header, non-empty ones only, each padded or cut to the header's width."""
    width = len(info.columns)
    with closing(raw_rows(handle, info)) as rows:
        for number, cells in rows:
            if number <= info.header_row or not any(cells):
                continue
            if len(cells) < width:
                cells = cells + [""] * (width - len(cells))
            yield number, cells[:width]


def inspect(
    handle: IO[bytes], name: str, *, encoding: str = "auto", header_score: Callable[[str], int] | None = None
) -> TableInfo:
    """Read the whole file once: format, encoding, delimiter, header, row count and the first rows."""
    handle.seek(0)
    sample = handle.read(SAMPLE_BYTES)
    complete = len(sample) < SAMPLE_BYTES
    if not sample.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise UnreadableFile(_("The file is empty."))
    info = TableInfo(format=sniff_format(sample[:8], name))
    if info.format == "csv":
        if encoding and encoding != "auto":
            try:
                codecs.lookup(encoding)
            except LookupError:
                raise UnreadableFile(_("Unknown text encoding %(encoding)s.") % {"encoding": encoding}) from None
            info.encoding = encoding
        else:
            info.encoding = detect_encoding(sample, complete=complete, header_score=header_score)
        text = _decode_sample(sample, info.encoding, complete)
        if text is None:
            if encoding and encoding != "auto":
                raise UnreadableFile(
                    _("The file is not written in %(encoding)s: choose another encoding, or automatic detection.")
                    % {"encoding": info.encoding}
                )
            raise UnreadableFile(NOT_A_LIST)
        if _binary_share(text) > 0.005:
            raise UnreadableFile(NOT_A_LIST)
        info.delimiter = _delimiter(text.lstrip("\ufeff"))
    header: list[str] | None = None
    for number, cells in raw_rows(handle, info):
        if header is None:
            if any(cells):
                if info.format == "csv" and cells[0].startswith("\ufeff"):
                    cells[0] = cells[0].lstrip("\ufeff")
                header = cells
                info.header_row = number
                info.columns = _header(cells)
            continue
        if not any(cells):
            continue
        info.row_count += 1
        if len(info.preview) < PREVIEW_ROWS:
            width = len(info.columns)
            info.preview.append((number, (cells + [""] * width)[:width]))
    if header is None or not info.columns:
        raise UnreadableFile(_("The file has no header row naming its columns."))
    if info.row_count == 0:
        raise UnreadableFile(_("The file has a header but no rows to screen."))
    return info


def locate_header(handle: IO[bytes], name: str, *, encoding: str) -> TableInfo:
    """Format, delimiter and header of a stored list (read as it was on upload), without counting its rows."""
    handle.seek(0)
    sample = handle.read(SAMPLE_BYTES)
    info = TableInfo(format=sniff_format(sample[:8], name), encoding=encoding)
    if info.format == "csv":
        text = _decode_sample(sample, encoding, len(sample) < SAMPLE_BYTES)
        if text is None:
            raise UnreadableFile(_("The stored file is not %(encoding)s any more.") % {"encoding": encoding})
        info.delimiter = _delimiter(text.lstrip("\ufeff"))
    with closing(raw_rows(handle, info)) as rows:
        for number, cells in rows:
            if any(cells):
                if cells[0].startswith("\ufeff"):
                    cells[0] = cells[0].lstrip("\ufeff")
                info.header_row = number
                info.columns = _header(cells)
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
