"""Reading spreadsheets: CSV in whatever encoding it was saved, or XLSX, as numbered rows of Unicode text.

No Django here (a test checks it): every import (cooperation records, screening lists, and the imports of the
domains to come) reads its files through this package, so they all accept the same files and refuse the same
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

from liaison.core.tabular.base import (
    BAD_CSV,
    BAD_XLSX,
    BINARY,
    CSV,
    DECODING,
    DEFAULT_LIMITS,
    EMPTY,
    NO_HEADER,
    NOT_TABULAR,
    OLD_EXCEL,
    TOO_LARGE,
    TOO_MANY_CELLS,
    TOO_MANY_COLUMNS,
    TOO_MANY_ROWS,
    UNKNOWN_ENCODING,
    WRONG_ENCODING,
    XLSX,
    Layout,
    Limits,
    Table,
    TabularError,
    cell_text,
    column_names,
    not_tabular,
)
from liaison.core.tabular.encoding import detect_encoding, plausibility
from liaison.core.tabular.formats import check_workbook, sniff, sniff_format
from liaison.core.tabular.reader import find_header, read_table, rows

__all__ = [
    "BAD_CSV",
    "BAD_XLSX",
    "BINARY",
    "CSV",
    "DECODING",
    "DEFAULT_LIMITS",
    "EMPTY",
    "NOT_TABULAR",
    "NO_HEADER",
    "OLD_EXCEL",
    "TOO_LARGE",
    "TOO_MANY_CELLS",
    "TOO_MANY_COLUMNS",
    "TOO_MANY_ROWS",
    "UNKNOWN_ENCODING",
    "WRONG_ENCODING",
    "XLSX",
    "Layout",
    "Limits",
    "Table",
    "TabularError",
    "cell_text",
    "check_workbook",
    "column_names",
    "detect_encoding",
    "find_header",
    "not_tabular",
    "plausibility",
    "read_table",
    "rows",
    "sniff",
    "sniff_format",
]
