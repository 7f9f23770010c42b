"""Formula injection (CSV injection): no text a user or a partner typed comes out of an export as a live
spreadsheet formula. Every CSV / XLSX export neutralises a text cell starting with =, +, -, @, tab or CR by
prefixing it with a single quote (OWASP); numbers and dates stay numbers and dates."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from decimal import Decimal
from typing import Any

import openpyxl
import pytest
from django.core.management import call_command
from django.db import transaction

from liaison.core import audit
from liaison.core.tables import export_cell
from tests.factories import UnitFactory
from tests.people.factories import PersonFactory

PLANTED = [
    '=HYPERLINK("http://evil.example/x","click")',
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)",
    "\t=1+1",
    "\r=1+1",
]


@pytest.mark.parametrize("text", PLANTED)
def test_a_text_cell_that_starts_a_formula_is_quoted(text: str) -> None:
    assert export_cell(text) == "'" + text


def test_plain_text_numbers_and_dates_are_left_alone() -> None:
    assert export_cell("Nguyễn Văn An") == "Nguyễn Văn An"
    assert export_cell("a = b") == "a = b"
    assert export_cell(None) == ""
    for number in (-5, 3, -2.5, Decimal("-1.25"), dt.date(1988, 2, 14)):
        assert export_cell(number) == number
    assert export_cell(True) == "True"


def _sheet_xml(content: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return "".join(archive.read(name).decode() for name in archive.namelist() if name.startswith("xl/worksheets/"))


def _csv_rows(response: Any) -> list[list[str]]:
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(body)))


def test_the_people_export_writes_no_formula(home: Any, officer: Any, page_client: Any) -> None:
    for text in PLANTED:
        PersonFactory(owner=home, names=[text])
    client = page_client(officer)
    cells = {cell for row in _csv_rows(client.get("/people/?export=csv")) for cell in row}
    assert {"'" + text for text in PLANTED} <= cells
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in cells)

    xlsx = client.get("/people/?export=xlsx")
    assert "<f>" not in _sheet_xml(xlsx.content) and "<f " not in _sheet_xml(xlsx.content)
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    # An XML parser may read a CR back as a line feed (the standard library's does; lxml keeps openpyxl's escape).
    values = {
        cell.replace("\r", "\n") if isinstance(cell, str) else cell
        for row in sheet.iter_rows(values_only=True)
        for cell in row
    }
    assert {"'" + text.replace("\r", "\n") for text in PLANTED} <= values


def test_a_list_export_keeps_numbers_as_numbers_in_xlsx(home: Any, supervisor: Any, page_client: Any) -> None:
    UnitFactory(agency=home, name="-Desk")
    with transaction.atomic():
        audit.record("unit.create", actor="test", agency=home, object_repr="=1+1")
    xlsx = page_client(supervisor).get("/audit/?export=xlsx")
    assert "<f>" not in _sheet_xml(xlsx.content)
    rows = list(openpyxl.load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(values_only=True))
    planted = next(row for row in rows if "'=1+1" in row)
    assert planted[0] == 1 and isinstance(planted[0], int)  # the sequence number is a number cell
    assert isinstance(planted[1], dt.datetime)  # the time is a date cell (local time)
    units = _csv_rows(page_client(supervisor).get("/units/?export=csv"))
    assert [row[0] for row in units[1:]] == ["'-Desk"]


def test_the_audit_exports_write_no_formula(home: Any, supervisor: Any, page_client: Any, tmp_path: Any) -> None:
    with transaction.atomic():
        audit.record("person.create", actor="=evil", agency=home, object_repr='=HYPERLINK("http://evil.example")')
    page = _csv_rows(page_client(supervisor).get("/audit/?export=csv"))
    planted = next(row for row in page if "'=evil" in row)
    assert '\'=HYPERLINK("http://evil.example")' in planted
    target = tmp_path / "audit.csv"
    call_command("audit", "export", "--format", "csv", "--output", str(target))
    with open(target, encoding="utf-8", newline="") as stream:
        rows = list(csv.reader(stream))
    assert "'=evil" in rows[1] and '\'=HYPERLINK("http://evil.example")' in rows[1]
    assert rows[1][0] == "1"
