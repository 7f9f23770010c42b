"""The INTERPOL import preview names every record, a bad one too, and counts as created a notice that the import
creates, even when a second record of the run (its detail after its list entry) fills it in (issue 20, item 15)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from liaison.core import importing
from liaison.core.models import AuditEvent
from liaison.desk.interpol.importer import InterpolImport, stage
from liaison.desk.models import Notice
from tests.desk.test_interpol_preview import DATA

pytestmark = pytest.mark.django_db

LIST_AND_DETAIL = ["yellow-list-page.json", "yellow-detail.json"]  # 2099/20001 in both, 2099/20002 in the list


def files(*names: str) -> list[tuple[str, bytes]]:
    return [(name, (DATA / name).read_bytes()) for name in names]


def test_a_notice_the_run_creates_counts_as_created_once_in_the_preview_the_import_and_its_record(
    officer: Any,
) -> None:
    preview = importing.preview(InterpolImport(), stage(files(*LIST_AND_DETAIL)), actor=officer)
    assert [(e.key, e.outcome) for e in preview.entries] == [
        ("2099/20001", importing.CREATED),
        ("2099/20002", importing.CREATED),
        ("2099/20001", importing.CREATED),
    ]
    expected = {"created": 2, "updated": 0, "unchanged": 0, "failed": 0}
    assert InterpolImport.notice_counts(preview) == expected
    done = importing.apply(InterpolImport(), stage(files(*LIST_AND_DETAIL)), actor=officer)
    assert [(e.key, e.outcome) for e in done.entries] == [(e.key, e.outcome) for e in preview.entries]
    assert InterpolImport.notice_counts(done) == expected and Notice.objects.count() == 2
    event = AuditEvent.objects.get(action="notice.interpol_import")
    assert {key: event.after[key] for key in expected} == expected
    assert len(event.after["created_ids"]) == 2 and event.after["updated_ids"] == []
    again = importing.preview(InterpolImport(), stage(files("yellow-detail.json")), actor=officer)
    assert [e.outcome for e in again.entries] == [importing.UNCHANGED]  # recorded before this run: not created


def test_the_page_counts_and_names_what_the_import_creates(officer: Any, page_client: Any) -> None:
    client = page_client(officer)
    uploads = [SimpleUploadedFile(name, content) for name, content in files(*LIST_AND_DETAIL)]
    assert client.post(reverse("interpol_import"), {"uploads": uploads, "kind": ""}).status_code == 302
    page = client.get(reverse("interpol_import_preview"))
    assert page.context["counts"] == {"created": 2, "updated": 0, "unchanged": 0, "failed": 0}
    html = page.content.decode()
    assert html.count("will be created") == 3 and "will be updated" not in html


def test_a_bad_record_is_named_in_the_preview(officer: Any, page_client: Any) -> None:
    record = json.loads((DATA / "yellow-detail.json").read_text(encoding="utf-8"))
    record["entity_id"] = 42  # not an INTERPOL id: the record cannot be imported
    client = page_client(officer)
    upload = SimpleUploadedFile("bad.json", json.dumps(record).encode())
    assert client.post(reverse("interpol_import"), {"uploads": [upload], "kind": ""}).status_code == 302
    page = client.get(reverse("interpol_import_preview"))
    assert page.context["counts"]["failed"] == 1
    (row,) = page.context["records"]
    assert row["record"].label == f"{record['forename']} {record['name']}"
    assert f"<td>{record['forename']} {record['name']}</td>" in page.content.decode()
