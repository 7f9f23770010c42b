"""The one tabular reader (core/tabular/): encodings, NFC, formats refused by name, header detection, bounds.
It needs no Django (checked in a fresh interpreter), so most of these tests need no database."""

from __future__ import annotations

import csv
import datetime
import io
import subprocess
import sys
import time
import unicodedata
import zipfile
from pathlib import Path
from typing import Any

import pytest

from liaison.core import tabular

SRC = Path(__file__).resolve().parents[2] / "src"


def csv_bytes(rows: list[list[str]], encoding: str = "utf-8", delimiter: str = ",") -> bytes:
    text = io.StringIO()
    csv.writer(text, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return text.getvalue().encode(encoding)


def xlsx_bytes(rows: list[list[Any]]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_bomb(megabytes: int = 300) -> bytes:
    """A small zip with the parts of a workbook whose sheet unpacks to `megabytes` MB."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            chunk = b"<row><c><v>1</v></c></row>" * 40_000
            for _ in range(megabytes * 1024 * 1024 // len(chunk)):
                sheet.write(chunk)
    return buffer.getvalue()


def test_the_reader_and_the_interpol_format_import_no_django() -> None:
    modules = [
        "liaison.core.tabular",
        "liaison.core.importing",
        "liaison.desk.interpol.format",
        "liaison.desk.interpol.convert",
        "liaison.desk.interpol.compare",
    ]
    code = (
        f"import sys; sys.path.insert(0, {str(SRC)!r}); "
        + "; ".join(f"import {module}" for module in modules)
        + "; loaded = sorted(m for m in sys.modules if m == 'django' or m.startswith('django.')); "
        "print(loaded); sys.exit(1 if loaded else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


NAMES = {
    "vi": ["Họ và tên", "Nguyễn Văn Hùng", "Trần Thị Hương"],
    "ru": ["ФИО", "Иванов Сергей Петрович", "Смирнова Анна Ивановна"],
    "RU": ["ФИО", "ИВАНОВ СЕРГЕЙ ПЕТРОВИЧ", "СМИРНОВА АННА ИВАНОВНА"],
    "ko": ["성명", "김민준", "이서연"],
    "zh": ["姓名", "张晓明", "王伟"],
    "cs": ["Jméno", "Šimon Žák", "Tomáš Novák"],
}


@pytest.mark.parametrize(
    ("encoding", "language", "detected"),
    [
        ("utf-8", "vi", "utf-8"),
        ("utf-8-sig", "ru", "utf-8-sig"),
        ("utf-16", "ko", "utf-16"),
        ("utf-16-le", "zh", "utf-16-le"),
        ("cp1251", "ru", "cp1251"),
        ("cp1251", "RU", "cp1251"),
        ("koi8-r", "ru", "koi8_r"),
        ("euc-kr", "ko", "cp949"),
        ("cp949", "ko", "cp949"),
        ("gb18030", "zh", "gb18030"),
        ("cp1252", "cs", "cp1252"),
    ],
)
def test_csv_in_any_common_encoding_is_read_as_written(encoding: str, language: str, detected: str) -> None:
    header, first, second = NAMES[language]
    table = tabular.read_table("list.csv", csv_bytes([[header, "DOB"], [first, "1985"], [second, "1990"]], encoding))
    assert table.layout.encoding == detected
    assert table.header == [header, "DOB"] and table.header_row == 1
    assert table.rows == [(2, [first, "1985"]), (3, [second, "1990"])]


def test_vietnamese_windows_1258_is_read_and_composed_to_nfc() -> None:
    # Windows-1258 writes tone marks as separate combining characters: the cells come back composed (NFC).
    from tests.screening.factories import cp1258

    table = tabular.read_table("vn.csv", cp1258("Họ và tên\r\nNguyễn Văn Hùng\r\n"))
    assert table.layout.encoding == "cp1258"
    assert table.rows[0][1] == ["Nguyễn Văn Hùng"] and unicodedata.is_normalized("NFC", table.rows[0][1][0])


def test_cells_are_nfc_in_utf8_and_xlsx_and_whitespace_as_the_caller_says() -> None:
    decomposed = unicodedata.normalize("NFD", "Trần  Thị\nHương")
    table = tabular.read_table("a.csv", csv_bytes([["name"], [decomposed]]))
    assert table.rows[0][1] == ["Trần Thị Hương"]
    kept = tabular.read_table("a.csv", csv_bytes([["name"], [" " + decomposed + " "]]), collapse=False)
    assert kept.rows[0][1] == ["Trần  Thị\nHương"]
    workbook = xlsx_bytes([["name", "born", "number"], [decomposed, datetime.datetime(1985, 3, 7), 12345678.0]])
    table = tabular.read_table("a.xlsx", workbook)
    assert table.layout.format == tabular.XLSX and table.rows == [(2, ["Trần Thị Hương", "1985-03-07", "12345678"])]


def test_the_delimiter_is_sniffed_and_trailing_empty_cells_dropped() -> None:
    table = tabular.read_table(
        "a.csv", csv_bytes([["a", "b", ""], ["1", "2", ""], ["", "", ""], ["3", "", ""]], delimiter=";")
    )
    assert table.layout.delimiter == ";"
    assert table.header == ["a", "b"] and table.rows == [(2, ["1", "2"]), (4, ["3"])]


def test_the_header_may_stand_below_title_lines_when_the_caller_knows_its_columns() -> None:
    rows = [["Action items 2025-2027"], [], ["title", "due_date"], ["First", "2026-01-01"]]
    known = {"title", "due_date"}
    table = tabular.read_table("a.xlsx", xlsx_bytes(rows), header_score=lambda cells: len(known & set(cells)))
    assert (table.header_row, table.header, table.rows) == (3, ["title", "due_date"], [(4, ["First", "2026-01-01"])])
    # Without knowing the columns, the first non-empty row is the header.
    assert tabular.read_table("a.xlsx", xlsx_bytes(rows)).header == ["Action items 2025-2027"]


def test_column_names_are_unique_and_every_column_has_one() -> None:
    assert tabular.column_names(["Name", "", "name", "DOB", "", ""]) == ["Name", "column 2", "name (2)", "DOB"]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("photo.png", b"\x89PNG\r\n\x1a\n" + bytes(200), "photo.png is not a CSV or XLSX file: it is in PNG format."),
        (
            "scan.pdf",
            b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj",
            "scan.pdf is not a CSV or XLSX file: it is in PDF format.",
        ),
        ("list.csv", b"\xff\xd8\xff\xe0" + bytes(100), "list.csv is not a CSV or XLSX file: it is in JPEG format."),
        ("noise.csv", bytes(range(256)) * 8, "noise.csv is not a CSV or XLSX file: it holds binary data."),
        ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "The old Excel format (.xls) is not read"),
        ("list.xlsx", b"not a zip at all", "The file is named .xlsx but is not an XLSX workbook."),
        ("empty.csv", b" \r\n\r\n", "The file is empty."),
    ],
)
def test_what_is_no_spreadsheet_is_refused_naming_the_file(name: str, content: bytes, message: str) -> None:
    with pytest.raises(tabular.TabularError) as error:
        tabular.read_table(name, content)
    assert str(error.value).startswith(message) and error.value.file == name


def test_a_zip_that_is_no_workbook_is_refused_as_zip() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("report.txt", "hello")
    with pytest.raises(tabular.TabularError, match=r"report\.zip is not a CSV or XLSX file: it is in ZIP format"):
        tabular.read_table("report.zip", buffer.getvalue())


def test_a_small_workbook_that_unpacks_to_hundreds_of_megabytes_is_refused_at_once() -> None:
    bomb = xlsx_bomb(300)
    assert len(bomb) < 1024 * 1024
    started = time.monotonic()
    with pytest.raises(tabular.TabularError) as error:
        tabular.read_table("big.xlsx", bomb)
    assert time.monotonic() - started < 1.0  # measured from the zip's directory, nothing inflated
    assert error.value.code == tabular.TOO_LARGE and "big.xlsx unpacks to 300 MB" in str(error.value)
    # A larger allowance with no ratio bound lets the same file past the size check.
    lenient = tabular.Limits(xlsx_bytes=None, xlsx_ratio=None)
    tabular.check_workbook(io.BytesIO(bomb), "big.xlsx", lenient)


@pytest.mark.parametrize(
    ("limits", "rows", "code", "row"),
    [
        (tabular.Limits(rows=2), [["a"], ["1"], ["2"], ["3"]], tabular.TOO_MANY_ROWS, 4),
        (tabular.Limits(columns=3), [["a", "b"], ["1", "2", "3", "4"]], tabular.TOO_MANY_COLUMNS, 2),
        (tabular.Limits(cells=5), [["a", "b"], ["1", "2"], ["3", "4"]], tabular.TOO_MANY_CELLS, 3),
    ],
)
def test_rows_columns_and_cells_are_bounded_naming_the_row(
    limits: tabular.Limits, rows: list[list[str]], code: str, row: int
) -> None:
    for name, content in (("a.csv", csv_bytes(rows)), ("a.xlsx", xlsx_bytes(rows))):
        with pytest.raises(tabular.TabularError) as error:
            tabular.read_table(name, content, limits=limits)
        assert (error.value.code, error.value.row, error.value.file) == (code, row, name)


def test_errors_carry_where_and_render_in_the_callers_language() -> None:
    with pytest.raises(tabular.TabularError) as error:
        tabular.read_table("a.csv", "ФИО\r\nИванов\r\n".encode("cp1251"), encoding="utf-8")
    assert error.value.code == tabular.WRONG_ENCODING
    assert error.value.render(lambda text: text.replace("The file is not written in", "Not in")).startswith(
        "Not in utf-8"
    )
    with pytest.raises(tabular.TabularError, match="Unknown text encoding klingon"):
        tabular.read_table("a.csv", b"a\r\n1\r\n", encoding="klingon")


def test_a_sample_that_is_not_utf16_is_not_utf16() -> None:
    """UTF-16 without a byte-order mark raises UnicodeError, not UnicodeDecodeError (found by schemathesis: a 500
    on /api/screening-lists/)."""
    from liaison.core.tabular.encoding import decode_sample

    assert decode_sample(b"\xe9\n", "utf-16", True) is None
