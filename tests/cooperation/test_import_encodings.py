"""The cooperation import reads what the one tabular reader reads: a partner's sheet saved as CP1251 or EUC-KR
arrives intact (NFC), a title line above the header is skipped, and what is no spreadsheet is refused by name."""

from __future__ import annotations

import unicodedata
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from liaison.cooperation.models import ActionItem, Engagement
from liaison.core.models import AuditEvent
from tests.core.test_tabular import csv_bytes, xlsx_bomb, xlsx_bytes

pytestmark = pytest.mark.django_db


def upload(client: Any, kind: str, name: str, content: bytes) -> Any:
    return client.post(reverse("import_upload"), {"kind": kind, "file": SimpleUploadedFile(name, content)})


def confirm(client: Any) -> Any:
    assert client.get(reverse("import_preview")).context["ok"]
    return client.post(reverse("import_preview"))


@pytest.mark.parametrize(
    ("encoding", "title", "place"),
    [
        ("cp1251", "Совместные учения по борьбе с наркотиками", "Москва"),
        ("euc-kr", "마약 범죄 공동 대응 회의", "서울"),
    ],
)
def test_a_partners_legacy_encoded_sheet_imports_intact(
    encoding: str, title: str, place: str, home: Any, partner: Any, officer: Any, page_client: Any
) -> None:
    client = page_client(officer)
    rows = [["kind", "title", "partner", "place", "country"], ["talks", title, "KNPA", place, "KR"]]
    response = upload(client, "engagements", "partner.csv", csv_bytes(rows, encoding))
    assert response.status_code == 302, response.context["form"].errors
    assert title in client.get(reverse("import_preview")).content.decode()
    assert confirm(client).status_code == 302
    engagement = Engagement.objects.get()
    assert (engagement.title, engagement.place) == (title, place)
    assert unicodedata.is_normalized("NFC", engagement.title)
    assert AuditEvent.objects.get(action="cooperation.import").after["rows"] == 1


def test_decomposed_text_is_stored_composed(home: Any, partner: Any, officer: Any, page_client: Any) -> None:
    client = page_client(officer)
    title = unicodedata.normalize("NFD", "Hội nghị cấp cao")
    upload(client, "action_items", "items.xlsx", xlsx_bytes([["Chương trình 2025-2027"], ["title"], [title]]))
    confirm(client)
    assert ActionItem.objects.get().title == unicodedata.normalize("NFC", title)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("photo.png", b"\x89PNG\r\n\x1a\n" + bytes(64), "photo.png is not a CSV or XLSX file"),
        ("minutes.pdf", b"%PDF-1.4\n", "minutes.pdf is not a CSV or XLSX file"),
        ("big.xlsx", xlsx_bomb(60), "big.xlsx unpacks to 60 MB"),
        ("empty.csv", b"\r\n", "The file is empty: the first row must name the columns."),
    ],
)
def test_what_is_no_spreadsheet_is_refused_by_name(
    name: str, content: bytes, message: str, home: Any, officer: Any, page_client: Any
) -> None:
    response = upload(page_client(officer), "action_items", name, content)
    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors["file"])
    assert message in errors and "UTF-8" not in errors
    assert not ActionItem.objects.exists()
