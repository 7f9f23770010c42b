"""The staged import (core/importing.py) with a small importer of its own: the preview reads only (a write in
it is refused), apply is all or nothing or record by record as the importer says, audited; the session keeps
what the upload read."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, ClassVar

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.test.utils import CaptureQueriesContext

from liaison.core import audit, importing
from liaison.core.models import AuditEvent

pytestmark = pytest.mark.django_db


class Numbers(importing.Importer):
    """Imports rows {"row": n, "value": text}: a number is written as an audit record; "refuse" is refused by
    the "action" when written; anything else is an error found by validation."""

    def __init__(self, *, writes_in_plan: bool = False) -> None:
        self.writes_in_plan = writes_in_plan

    def validate(self, staged: importing.Staged, *, actor: Any) -> list[importing.Entry]:
        entries = []
        for record in staged.records:
            entry = importing.Entry(file=staged.files[0], row=record["row"], record=record, data=record["value"])
            if not (record["value"].isdigit() or record["value"] == "refuse"):
                entry.problems.append(importing.Problem(entry.file, entry.row, "value", "not a number"))
            entries.append(entry)
        return entries

    def plan(self, entries: list[importing.Entry], *, actor: Any) -> Iterator[importing.Entry]:
        seen = set(AuditEvent.objects.filter(action="test.number").values_list("object_repr", flat=True))
        for entry in entries:
            if self.writes_in_plan:
                with transaction.atomic():
                    audit.record("test.number", actor="test", object_repr=entry.data)
            entry.outcome = importing.UNCHANGED if entry.data in seen else importing.CREATED
            seen.add(entry.data)
            yield entry

    def write(self, entry: importing.Entry, *, actor: Any) -> None:
        if entry.data == "refuse":
            raise ValidationError({"value": "refused by the action"})
        entry.object_id = audit.record("test.number", actor="test", object_repr=entry.data).pk
        entry.outcome = importing.CREATED

    def record_run(self, report: importing.Report, staged: importing.Staged, *, actor: Any) -> None:
        audit.record("test.import", actor="test", after=report.counts)


class OneByOne(Numbers):
    all_or_nothing: ClassVar[bool] = False


def staged(*values: str) -> importing.Staged:
    records = [{"row": row, "value": value} for row, value in enumerate(values, start=2)]
    return importing.Staged(files=["numbers.csv"], records=records)


def actions() -> list[tuple[str, str]]:
    return list(AuditEvent.objects.order_by("seq").values_list("action", "object_repr"))


def test_the_preview_plans_by_reading_and_holds_no_lock() -> None:
    with CaptureQueriesContext(transaction.get_connection()) as queries:
        report = importing.preview(Numbers(), staged("1", "2", "1", "x"), actor="test")
    assert [e.outcome for e in report.entries] == ["created", "created", "unchanged", "failed"]
    assert report.counts == {"created": 2, "updated": 0, "unchanged": 1, "failed": 1} and report.writes == 2
    assert [str(p) for p in report.errors] == ["numbers.csv, row 5, value: not a number"]
    assert not report.ok and not report.applied and not AuditEvent.objects.exists()
    assert queries.captured_queries and all(q["sql"].lstrip().upper().startswith("SELECT") for q in queries)


def test_a_write_in_a_preview_is_refused() -> None:
    with pytest.raises(importing.PreviewWrote):
        importing.preview(Numbers(writes_in_plan=True), staged("1"), actor="test")
    assert not AuditEvent.objects.exists()


def test_all_or_nothing_a_refused_record_undoes_the_others() -> None:
    with pytest.raises(importing.Invalid) as invalid:
        importing.apply(Numbers(), staged("1", "refuse", "3"), actor="test")
    assert not AuditEvent.objects.exists()
    report = invalid.value.report
    assert [str(p) for p in report.errors] == ["numbers.csv, row 3, value: refused by the action"]
    assert all(entry.object_id is None for entry in report.entries)
    # An invalid record stops the import before anything is written.
    with pytest.raises(importing.Invalid):
        importing.apply(Numbers(), staged("1", "x"), actor="test")
    assert not AuditEvent.objects.exists()
    report = importing.apply(Numbers(), staged("1", "2"), actor="test")
    assert report.applied and report.ok and report.counts["created"] == 2
    assert actions() == [("test.number", "1"), ("test.number", "2"), ("test.import", "")]


def test_record_by_record_a_refused_record_is_left_out_and_reported() -> None:
    report = importing.apply(OneByOne(), staged("1", "refuse", "x", "4"), actor="test")
    assert [e.outcome for e in report.entries] == ["created", "failed", "failed", "created"]
    assert not report.ok and report.applied
    assert actions() == [("test.number", "1"), ("test.number", "4"), ("test.import", "")]
    assert AuditEvent.objects.get(action="test.import").after == {
        "created": 2,
        "updated": 0,
        "unchanged": 0,
        "failed": 2,
    }


def test_the_session_keeps_what_the_upload_read() -> None:
    class RecordProblem(importing.Problem):
        unit: ClassVar[str] = "record"

    session: dict[str, Any] = {}
    problem = RecordProblem("a.json", 3, "name", "Missing", key="2099/1", severity=importing.WARNING)
    importing.stage(session, "k", importing.Staged(files=["a.json"], records=[{"x": 1}], problems=[problem]))
    kept = importing.staged(session, "k", problem=RecordProblem)
    assert kept is not None and kept.records == [{"x": 1}] and kept.files == ["a.json"]
    assert [str(p) for p in kept.problems] == ["a.json, record 3 (2099/1), name: Missing"]
    assert importing.staged(session, "other") is None
    session["bad"] = {"files": [], "records": [], "problems": [{"nonsense": 1}], "options": {}}
    assert importing.staged(session, "bad") is None
    importing.unstage(session, "k")
    assert importing.staged(session, "k") is None
