from __future__ import annotations

import io
import itertools
import json
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction

from liaison.core import audit
from liaison.core.models import AppendOnlyError, AuditEvent
from tests.factories import make_audit_event


def _chain(agency: Any, n: int = 5) -> list[AuditEvent]:
    return [make_audit_event(agency, action=f"test.e{i}", repr_=f"record {i}") for i in range(n)]


def test_records_chain_to_each_other(home: Any) -> None:
    events = _chain(home)
    assert events[0].prev_hash == audit.GENESIS
    for earlier, later in itertools.pairwise(events):
        assert later.prev_hash == earlier.hash and later.seq == earlier.seq + 1
    assert audit.verify().ok


def test_verify_names_the_first_record_altered_directly_in_the_database(home: Any) -> None:
    events = _chain(home)
    table = AuditEvent._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET object_repr = %s WHERE seq = %s", ["forged", events[2].seq])
    result = audit.verify()
    assert not result.ok and result.broken_seq == events[2].seq and "altered" in result.reason
    with pytest.raises(CommandError, match=f"BROKEN at record #{events[2].seq}"):
        call_command("audit", "verify", stdout=io.StringIO())


def test_verify_notices_a_removed_record_and_a_cut_tail(home: Any) -> None:
    events = _chain(home)
    table = AuditEvent._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table} WHERE seq = %s", [events[-1].seq])
    result = audit.verify()
    assert not result.ok and "removed" in result.reason
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table} WHERE seq = %s", [events[1].seq])
    result = audit.verify()
    assert not result.ok and result.broken_seq == events[2].seq and "missing" in result.reason


def test_verify_passes_on_an_intact_trail(home: Any) -> None:
    _chain(home, 3)
    out = io.StringIO()
    call_command("audit", "verify", stdout=out)
    assert "intact: 3 records" in out.getvalue()


def test_the_orm_refuses_to_change_or_delete_audit_records(home: Any) -> None:
    event = make_audit_event(home)
    event.object_repr = "changed"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(object_repr="x")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()


@pytest.mark.django_db(transaction=True)
def test_record_outside_a_transaction_is_refused() -> None:
    with pytest.raises(RuntimeError, match="atomic"):
        audit.record("test.outside", actor="test")


def test_a_failed_action_leaves_neither_change_nor_record(home: Any) -> None:
    from liaison.core.models import AuditHead

    before = AuditEvent.objects.count()
    with pytest.raises(ValueError), transaction.atomic():
        audit.record("test.rolled_back", actor="test")
        raise ValueError("action failed after recording")
    assert AuditEvent.objects.count() == before
    assert AuditHead.objects.filter(last_seq=before + 1).count() == 0
    assert audit.verify().ok


def test_export_writes_every_record(home: Any, tmp_path: Any) -> None:
    _chain(home, 3)
    target = tmp_path / "audit.jsonl"
    call_command("audit", "export", "--format", "jsonl", "--output", str(target))
    rows = [json.loads(line) for line in target.read_text().splitlines()]
    assert [row["seq"] for row in rows] == [1, 2, 3] and rows[0]["prev_hash"] == audit.GENESIS
    csv_target = tmp_path / "audit.csv"
    call_command("audit", "export", "--format", "csv", "--output", str(csv_target))
    assert csv_target.read_text().count("\n") == 4


def test_audit_page_filters_and_exports_for_supervisors(
    home: Any, supervisor: Any, officer: Any, page_client: Any
) -> None:
    make_audit_event(home, action="unit.create", repr_="Korea Desk")
    make_audit_event(home, action="user.update", repr_="someone")
    client = page_client(supervisor)
    page = client.get("/audit/?action=unit.").content.decode()
    assert "Korea Desk" in page and "someone" not in page
    export = client.get("/audit/?action=unit.&export=csv")
    body = b"".join(export.streaming_content).decode("utf-8-sig")
    assert "Korea Desk" in body and "someone" not in body
    assert page_client(officer).get("/audit/").status_code == 404  # officers have no audit page
    event = AuditEvent.objects.get(action="unit.create")
    assert client.get(f"/audit/{event.pk}/").status_code == 200


class _Undo(Exception):
    pass


def _in_savepoint_rolled_back(home: Any, action: str) -> None:
    try:
        with transaction.atomic():
            make_audit_event(home, action=action)
            raise _Undo
    except _Undo:
        pass


def test_appending_writes_the_head_once_and_skips_records_rolled_back(home: Any) -> None:
    from django.test.utils import CaptureQueriesContext

    from liaison.core.models import AuditHead

    first = make_audit_event(home, action="test.before")
    with CaptureQueriesContext(connection) as queries, audit.appending():
        kept = [make_audit_event(home, action="test.a1"), make_audit_event(home, action="test.a2")]
        _in_savepoint_rolled_back(home, "test.undone")  # its savepoint rolls back: no gap, no wrong head
        kept.append(make_audit_event(home, action="test.a3"))
        _in_savepoint_rolled_back(home, "test.undone.last")  # the last record of the block rolls back too
    head_updates = [q for q in queries.captured_queries if q["sql"].startswith('UPDATE "core_audithead"')]
    assert len(head_updates) == 1
    assert [e.seq for e in kept] == [first.seq + 1, first.seq + 2, first.seq + 3]
    assert kept[2].prev_hash == kept[1].hash
    assert not AuditEvent.objects.filter(action__startswith="test.undone").exists()
    head = AuditHead.objects.get(id=1)
    assert (head.last_seq, head.last_hash) == (kept[2].seq, kept[2].hash)
    after = make_audit_event(home, action="test.after")  # outside the block: read from the head row again
    assert after.seq == kept[2].seq + 1 and after.prev_hash == kept[2].hash
    assert audit.verify().ok


def test_appending_rolled_back_whole_leaves_the_chain_as_it_was(home: Any) -> None:
    first = make_audit_event(home, action="test.before")
    with pytest.raises(_Undo), audit.appending():
        make_audit_event(home, action="test.a1")
        raise _Undo
    assert make_audit_event(home, action="test.after").seq == first.seq + 1
    assert audit.verify().ok


def test_records_appends_several_in_a_row_inside_and_outside_appending(home: Any) -> None:
    from django.db.models.signals import post_save

    from liaison.agencies.system import system_actor
    from liaison.core.models import AuditHead

    seen: list[str] = []

    def listener(sender: Any, instance: AuditEvent, created: bool, **kwargs: Any) -> None:
        seen.append(instance.action if created and instance.pk else "?")

    post_save.connect(listener, sender=AuditEvent, dispatch_uid="test.records")
    try:
        actor = system_actor("test")
        first = make_audit_event(home, action="test.before")
        with transaction.atomic():
            outside = audit.records([audit.Entry(f"test.out{n}", actor, home, after={"n": n}) for n in range(3)])
        with audit.appending():
            make_audit_event(home, action="test.single")
            _in_savepoint_rolled_back(home, "test.undone")  # rolled back: the next records read the chain again
            inside = audit.records([audit.Entry(f"test.in{n}", actor, home) for n in range(3)])
            _in_savepoint_rolled_back(home, "test.undone.last")
    finally:
        post_save.disconnect(dispatch_uid="test.records")
    assert [e.seq for e in outside] == [first.seq + 1, first.seq + 2, first.seq + 3]
    assert [e.seq for e in inside] == [first.seq + 5, first.seq + 6, first.seq + 7]
    assert inside[0].prev_hash == AuditEvent.objects.get(action="test.single").hash
    assert [s for s in seen if s.startswith("test.out") or s.startswith("test.in")] == [
        *(f"test.out{n}" for n in range(3)),
        *(f"test.in{n}" for n in range(3)),
    ]
    head = AuditHead.objects.get(id=1)
    assert (head.last_seq, head.last_hash) == (inside[2].seq, inside[2].hash)
    assert audit.verify().ok
