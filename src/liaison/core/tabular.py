"""Reading spreadsheets: CSV in whatever encoding it was saved, or XLSX, as numbered rows of Unicode text.

No Django here (a test checks it): every import (cooperation records, screening lists, and the imports of the
domains to come) reads its files through this module, so they all accept the same files and refuse the same
ones with the same messages.

- **Format.** XLSX by its zip signature and its parts ([Content_Types].xml, xl/workbook.xml); its first
  worksheet is read, streaming (openpyxl's read-only mode). The old binary .xls is refused with a message, and
  so is a file that is plainly something else (a PNG, a PDF, a ZIP archive that is no workbook, binary data):
  "photo.png is not a CSV or XLSX file: it is in PNG format." Everything else is read as delimited text
  (comma, semicolon, tab or bar, sniffed from the first lines).
- **Encoding of a CSV.** A byte-order mark decides (UTF-8, UTF-16, UTF-32); UTF-16 without one is recognised
  by its zero bytes; then strict UTF-8; otherwise the legacy code page that reads most plausibly: Vietnamese
  Windows-1258, Cyrillic Windows-1251 and KOI8-R, Korean CP949 (EUC-KR), Chinese GB18030 (GBK, GB2312),
  Western Windows-1252. Plausible means: no control or private-use characters, no word mixing scripts
  (Cyrillic with Latin, Hangul with Han) or cases ("хБЮМНБ"), no Latin word made mostly of accented letters
  (Russian read as a Western code page), Cyrillic with the letter frequencies of Russian, and header cells
  that name known fields (the caller's `header_score`). The caller may name the encoding instead.
- **Cells** are text, Unicode NFC, trimmed (inner whitespace collapsed unless the caller keeps it); XLSX
  dates become ISO dates and whole numbers lose their ".0". Rows are numbered as a spreadsheet shows them;
  trailing empty cells are dropped.
- **Header.** The first non-empty row, or, with a `score` (how many cells name a known column), the first
  of the first ten non-empty rows that scores best, so a title line above the header is skipped.
- **Bounds** (`Limits`): rows, columns per row, cells, and what an XLSX unpacks to. An XLSX is measured
  before anything is parsed, by the sizes its zip directory declares (Python's zipfile never inflates a
  part past its declared size), so a small file that would unpack to hundreds of megabytes is refused at
  once; rows, columns and cells are counted while reading.
- **Errors** are `TabularError`: the file, row and column concerned, a code, and the message. Messages are
  English templates marked for translation here (`_` only marks them); `error.render(gettext)` gives the
  message in the caller's language.
"""

from __future__ import annotations

import codecs
import csv
import datetime
import io
import re
import unicodedata
import zipfile
from collections.abc import Callable, Generator, Iterable, Iterator, Mapping
from contextlib import suppress
from dataclasses import dataclass, field
from itertools import chain, pairwise
from typing import IO, Any, Final


def _(message: str) -> str:
    """Marks a message for translation (the catalogue tools collect it); the caller translates on render."""
    return message


def _identity(message: str) -> str:
    return message


CSV, XLSX = "csv", "xlsx"
SAMPLE_BYTES: Final = 256 * 1024
DELIMITERS: Final = ",;\t|"
LEGACY: Final = ("cp1258", "cp1251", "koi8_r", "cp949", "gb18030", "cp1252")
HEADER_LOOK_AHEAD: Final = 10
MB: Final = 1024 * 1024
csv.field_size_limit(MB)

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

# Signatures of files that are plainly not spreadsheets: (offset, bytes, format name).
SIGNATURES: Final = (
    (0, b"\x89PNG\r\n\x1a\n", "PNG"),
    (0, b"\xff\xd8\xff", "JPEG"),
    (0, b"GIF87a", "GIF"),
    (0, b"GIF89a", "GIF"),
    (0, b"%PDF-", "PDF"),
    (0, b"II*\x00", "TIFF"),
    (0, b"MM\x00*", "TIFF"),
    (0, b"\x1f\x8b", "gzip"),
    (0, b"7z\xbc\xaf\x27\x1c", "7-Zip"),
    (0, b"Rar!\x1a\x07", "RAR"),
    (0, b"\x7fELF", "ELF"),
    (0, b"SQLite format 3\x00", "SQLite"),
    (0, b"PK\x05\x06", "ZIP"),
    (8, b"WEBP", "WebP"),
    (4, b"ftyp", "MP4"),
)
ZIP_SIGNATURE: Final = b"PK\x03\x04"
OLE_SIGNATURE: Final = b"\xd0\xcf\x11\xe0"  # Office 97-2003 (.xls, .doc)
WORKBOOK_PARTS: Final = ("[Content_Types].xml", "xl/workbook.xml")


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


# --- encodings ---------------------------------------------------------------------------------------------
def decode_sample(sample: bytes, encoding: str, complete: bool) -> str | None:
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


# Russian letters that make up about 7% of a Russian text; a Cyrillic code page read as another turns
# frequent letters into these (а → ю, и → х in Windows-1251 read as KOI8-R; т → ф, в → ч the other way).
RARE_CYRILLIC: Final = frozenset("ъёфэщцюшжхйчЪЁФЭЩЦЮШЖХЙЧ")
RARE_CYRILLIC_SHARE: Final = 0.15


def _word_penalty(word: list[str]) -> float:
    scripts = {"latin" if s == "latin-accented" else s for s in map(_script, word)}
    if len(scripts) > 1:
        return 3  # Cyrillic inside a Latin word, Hangul beside Hanja: a wrong code page
    if scripts == {"other"}:
        return 2
    if scripts == {"latin"}:
        accented = sum(1 for ch in word if _script(ch) == "latin-accented")
        if len(word) >= 3 and accented * 2 > len(word):
            return 2  # "Èâàíîâ": Cyrillic read as a Latin code page
    if any(a.islower() and b.isupper() for a, b in pairwise(word)):
        return 2  # "хБЮМНБ": one Cyrillic code page read as another swaps the cases
    return 0


def plausibility(text: str) -> float:
    """Penalty points per 100 letters of `text` read in some encoding: lower is more plausible."""
    penalty = 0.0
    letters = cyrillic = rare = 0
    word: list[str] = []
    for ch in chain(text, " "):
        category = unicodedata.category(ch)
        if category[0] == "L" or category == "Mn":
            letters += 1
            word.append(ch)
            if 0x0400 <= ord(ch) <= 0x04FF:
                cyrillic += 1
                rare += ch in RARE_CYRILLIC
            continue
        if len(word) >= 2:
            penalty += _word_penalty(word)
        word.clear()
        if category in ("Cc", "Co", "Cn", "Cs") and ch not in "\t\r\n":
            penalty += 5
        elif category in ("So", "Sk"):
            penalty += 1
    if cyrillic >= 8:
        penalty += max(0.0, rare - RARE_CYRILLIC_SHARE * cyrillic)
    return 100.0 * penalty / max(letters, 1)


def binary_share(text: str) -> float:
    """Share of characters no table holds (control, unassigned, private use): binary data read as text."""
    bad = sum(1 for ch in text if ch not in "\t\r\n" and unicodedata.category(ch) in ("Cc", "Cn", "Co", "Cs"))
    return bad / max(len(text), 1)


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
    if decode_sample(sample, "utf-8", complete) is not None:
        return "utf-8"
    best: tuple[float, int, str] | None = None
    for order, encoding in enumerate(LEGACY):
        text = decode_sample(sample, encoding, complete)
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
    assert best is not None  # KOI8-R decodes every byte: binary data is refused after decoding (sniff)
    return best[2]


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


# --- format ------------------------------------------------------------------------------------------------
def sniff_format(head: bytes, name: str) -> str:
    """CSV or XLSX from the first bytes (and the name); a TabularError for what is neither."""
    lower = name.lower()
    if head.startswith(ZIP_SIGNATURE):
        return XLSX
    if head.startswith(OLE_SIGNATURE) and lower.endswith((".doc", ".ppt", ".msg")):
        raise not_tabular(name, "Microsoft Office 97-2003")
    if head.startswith(OLE_SIGNATURE) or lower.endswith(".xls"):
        raise TabularError(
            _("The old Excel format (.xls) is not read: save the list as XLSX or CSV."), code=OLD_EXCEL, file=name
        )
    for offset, signature, format_name in SIGNATURES:
        if head[offset : offset + len(signature)] == signature:
            raise not_tabular(name, format_name)
    if lower.endswith((".xlsx", ".xlsm")):
        raise TabularError(_("The file is named .xlsx but is not an XLSX workbook."), code=BAD_XLSX, file=name)
    return CSV


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


def _check_encoding_name(encoding: str, file: str) -> None:
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise TabularError(
            _("Unknown text encoding %(encoding)s."), {"encoding": encoding}, code=UNKNOWN_ENCODING, file=file
        ) from None


def sniff(
    handle: IO[bytes],
    name: str,
    *,
    encoding: str = "auto",
    header_score: Callable[[str], int] | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> Layout:
    """How to read the file: its format, and for a CSV its encoding ("auto": detected) and delimiter. An
    XLSX is measured against `limits` here, before it is parsed."""
    handle.seek(0)
    sample = handle.read(SAMPLE_BYTES)
    complete = len(sample) < SAMPLE_BYTES
    if not sample.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise TabularError(_("The file is empty."), code=EMPTY, file=name)
    layout = Layout(format=sniff_format(sample[:16], name))
    if layout.format == XLSX:
        check_workbook(handle, name, limits)
        return layout
    named = bool(encoding) and encoding != "auto"
    if named:
        _check_encoding_name(encoding, name)
        layout.encoding = encoding
    else:
        layout.encoding = detect_encoding(sample, complete=complete, header_score=header_score)
    text = decode_sample(sample, layout.encoding, complete)
    if text is None:
        if named:
            raise TabularError(
                _("The file is not written in %(encoding)s: choose another encoding, or automatic detection."),
                {"encoding": layout.encoding},
                code=WRONG_ENCODING,
                file=name,
            )
        raise not_tabular(name)
    if binary_share(text) > 0.005:
        raise not_tabular(name)
    layout.delimiter = _delimiter(text.lstrip("\ufeff"))
    return layout


# --- XLSX --------------------------------------------------------------------------------------------------
def check_workbook(handle: IO[bytes], name: str, limits: Limits = DEFAULT_LIMITS) -> None:
    """Refuse a zip that is no workbook, or one that would unpack past the limits, from its directory alone."""
    handle.seek(0)
    try:
        with zipfile.ZipFile(handle) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise TabularError(
            _("The file is not a readable XLSX workbook: %(error)s"), {"error": error}, code=BAD_XLSX, file=name
        ) from error
    names = {part.filename for part in parts}
    if not all(part in names for part in WORKBOOK_PARTS):
        raise not_tabular(name, "ZIP")
    unpacked = sum(part.file_size for part in parts)
    packed = sum(part.compress_size for part in parts)
    too_large = limits.xlsx_bytes is not None and unpacked > limits.xlsx_bytes
    too_packed = limits.xlsx_ratio is not None and unpacked > 10 * MB and unpacked > limits.xlsx_ratio * max(packed, 1)
    if too_large or too_packed:
        raise TabularError(
            _("%(file)s unpacks to %(size)d MB, more than a workbook may: save it as CSV or split it."),
            {"file": name, "size": round(unpacked / MB)},
            code=TOO_LARGE,
            file=name,
        )


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


# --- CSV ---------------------------------------------------------------------------------------------------
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


# --- rows --------------------------------------------------------------------------------------------------
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
