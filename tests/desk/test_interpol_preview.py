"""The INTERPOL import preview reads only: it compares the records with what is recorded and says what the import
will do, writing nothing and taking no lock, so an audited write elsewhere on the node never waits for it
(it used to run the import in a transaction rolled back at the end, holding the audit trail's head)."""

from __future__ import annotations

import copy
import json
import re
import threading
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.urls import reverse

from liaison.core import audit, importing
from liaison.core.models import AuditEvent
from liaison.desk.interpol.importer import InterpolImport, stage
from liaison.desk.models import Notice
from liaison.people.models import Person

DATA = Path(__file__).parent / "data" / "interpol"
WRITES = re.compile(r"\b(INSERT|UPDATE|DELETE|SAVEPOINT|BEGIN|FOR\s+UPDATE)\b", re.IGNORECASE)


def generated(count: int, *, first: int = 1) -> bytes:
    """A JSON array of `count` red notice details (fictional), ids 2098/<first>…"""
    template = json.loads((DATA / "red-detail.json").read_text(encoding="utf-8"))
    records = []
    for number in range(first, first + count):
        record = copy.deepcopy(template)
        record["entity_id"] = f"2098/{number}"
        record["name"] = f"TESTNAME{number}"
        record["_links"] = {"self": {"href": f"https://ws-public.interpol.int/notices/v1/red/2098-{number}"}}
        records.append(record)
    return json.dumps(records).encode()


class Statements:
    """Every statement run on this thread's connection while open: how many, and those that write or lock."""

    def __init__(self) -> None:
        self.count = 0
        self.writes: list[str] = []

    def __call__(self, execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        self.count += 1
        if WRITES.search(sql):
            self.writes.append(sql)
        return execute(sql, params, many, context)


@pytest.mark.django_db(transaction=True)
def test_an_audited_write_does_not_wait_for_an_open_preview(officer: Any) -> None:
    staged = stage([("many.json", generated(1000))])
    seen = 0
    found: dict[str, Any] = {}

    def write_audited() -> None:
        try:
            with transaction.atomic():
                audit.record("test.during_preview", actor="test")
            found["written"] = True
        except Exception as error:  # the lock held, or the database busy: the test fails with it
            found["error"] = repr(error)
        finally:
            connection.close()

    def halfway(_entry: importing.Entry) -> None:
        nonlocal seen
        seen += 1
        if seen == 500:  # the preview is open: half its records compared, half to come
            writer = threading.Thread(target=write_audited)
            writer.start()
            writer.join(timeout=15)
            found["waited"] = writer.is_alive()

    report = importing.preview(InterpolImport(), staged, actor=officer, progress=halfway)
    assert found == {"written": True, "waited": False}
    assert report.counts == {"created": 1000, "updated": 0, "unchanged": 0, "failed": 0}
    assert list(AuditEvent.objects.values_list("action", flat=True)) == ["test.during_preview"]


@pytest.mark.django_db
def test_the_preview_runs_no_write_and_says_what_the_import_does(officer: Any, tmp_path: Path) -> None:
    first = stage([("red-detail.json", (DATA / "red-detail.json").read_bytes())])
    importing.apply(InterpolImport(), first, actor=officer)
    changed = json.loads((DATA / "red-detail.json").read_text(encoding="utf-8"))
    changed["height"] = 1.75
    files = [("red-detail-2.json", json.dumps(changed).encode())] + [
        (name, (DATA / name).read_bytes())
        for name in ("red-list-page.json", "yellow-list-page.json", "yellow-detail.json")
    ]
    before = AuditEvent.objects.count()
    statements = Statements()
    with connection.execute_wrapper(statements):
        preview = importing.preview(InterpolImport(), stage(files), actor=officer)
    assert statements.count and statements.writes == []
    assert AuditEvent.objects.count() == before
    # By record: the yellow detail fills in the notice its list entry creates. By notice: 2099/10001 is updated
    # (by the changed detail; the list repeats it unchanged), four notices are created.
    assert preview.counts == {"created": 5, "updated": 1, "unchanged": 1, "failed": 0}
    assert InterpolImport.notice_counts(preview) == {"created": 4, "updated": 1, "unchanged": 0, "failed": 0}
    changes = {entry.key: entry.changes for entry in preview.entries if entry.outcome == importing.UPDATED}
    assert changes["2099/10001"] == ["height_cm"]
    done = importing.apply(InterpolImport(), stage(files), actor=officer)
    assert done.counts == preview.counts
    assert [(e.key, e.outcome, e.changes) for e in done.entries] == [
        (e.key, e.outcome, e.changes) for e in preview.entries
    ]


@pytest.mark.django_db
def test_previewing_thousands_of_records_on_the_page_writes_nothing(officer: Any, page_client: Any) -> None:
    client = page_client(officer)
    upload = SimpleUploadedFile("many.json", generated(3000), content_type="application/json")
    response = client.post(reverse("interpol_import"), {"uploads": [upload], "kind": ""})
    assert response.status_code == 302
    before = AuditEvent.objects.count()
    statements = Statements()
    with connection.execute_wrapper(statements):
        preview = client.get(reverse("interpol_import_preview"))
    assert preview.status_code == 200 and preview.context["counts"]["created"] == 3000
    assert preview.content.decode().count("will be created") == 3000
    assert statements.count and statements.writes == []
    assert AuditEvent.objects.count() == before
    assert not Notice.objects.exists() and not Person.objects.exists()
