"""The audit chain anchored outside the database: a keyed hash (HMAC-SHA256 with a key the database does not
hold) on every record, and signed checkpoints (Ed25519) for the supervisors' archive."""

from __future__ import annotations

import hashlib
import hmac
import io
import json
import stat
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction

from liaison.core import audit, audit_anchor
from liaison.core.models import AuditEvent, AuditHead
from tests.factories import make_audit_event

TABLE = AuditEvent._meta.db_table


@pytest.fixture(autouse=True)
def keys(settings: Any, tmp_path: Path) -> Path:
    """Each test gets its own audit key and signing key, in a folder of its own (the node's var dir)."""
    settings.LIAISON_AUDIT_KEY = ""
    settings.LIAISON_AUDIT_KEY_FILE = tmp_path / "keys" / "audit.key"
    settings.LIAISON_AUDIT_SIGNING_KEY_FILE = tmp_path / "keys" / "audit-signing.key"
    return tmp_path / "keys"


def _chain(agency: Any, n: int) -> list[AuditEvent]:
    return [make_audit_event(agency, action=f"test.e{i}", repr_=f"record {i}") for i in range(n)]


def _forge(seq: int, **changes: Any) -> None:
    """What a database-only attacker can do: change a record, then recompute its hash, every later hash and the
    head with plain SQL (the hash algorithm is public). The keyed hashes are left as they were."""
    events = list(AuditEvent.objects.filter(seq__gte=seq).order_by("seq"))
    prev = events[0].prev_hash
    with connection.cursor() as cursor:
        for event in events:
            for name, value in (changes if event.seq == seq else {}).items():
                setattr(event, name, value)
            event.prev_hash = prev
            event.hash = audit.compute_hash(event)
            cursor.execute(
                f"UPDATE {TABLE} SET object_repr = %s, prev_hash = %s, hash = %s WHERE seq = %s",
                [event.object_repr, event.prev_hash, event.hash, event.seq],
            )
            prev = event.hash
        cursor.execute(f"UPDATE {AuditHead._meta.db_table} SET last_hash = %s WHERE id = 1", [prev])


def test_every_record_carries_a_keyed_hash_of_its_hash(home: Any, keys: Path) -> None:
    events = _chain(home, 3)
    key = (keys / "audit.key").read_text().strip().encode()
    for event in events:
        assert event.mac == hmac.new(key, event.hash.encode(), hashlib.sha256).hexdigest()
    assert stat.S_IMODE((keys / "audit.key").stat().st_mode) == 0o600
    stored = json.dumps(list(AuditEvent.objects.values()), default=str)
    assert key.decode() not in stored  # the database never holds the key


def test_the_key_from_the_environment_comes_first(home: Any, settings: Any, keys: Path) -> None:
    settings.LIAISON_AUDIT_KEY = "an-operator-chosen-audit-key-of-enough-length"
    event = make_audit_event(home)
    expected = hmac.new(settings.LIAISON_AUDIT_KEY.encode(), event.hash.encode(), hashlib.sha256).hexdigest()
    assert event.mac == expected and not (keys / "audit.key").exists()
    settings.LIAISON_AUDIT_KEY = "short"
    with pytest.raises(Exception, match="LIAISON_AUDIT_KEY"):
        make_audit_event(home)


def test_a_rewrite_with_every_later_hash_and_the_head_recomputed_is_caught(home: Any) -> None:
    events = _chain(home, 8)
    _forge(events[3].seq, object_repr="forged")
    result = audit.verify()
    assert not result.ok and result.broken_seq == events[3].seq and "keyed hash" in result.reason
    with pytest.raises(CommandError, match=f"BROKEN at record #{events[3].seq}"):
        call_command("audit", "verify", stdout=io.StringIO())


def test_a_record_whose_keyed_hash_was_removed_is_caught(home: Any) -> None:
    events = _chain(home, 4)
    _forge(events[1].seq, object_repr="forged")
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {TABLE} SET mac = '' WHERE seq >= %s", [events[1].seq])
    result = audit.verify()
    assert not result.ok and result.broken_seq == events[1].seq and "no keyed hash" in result.reason


def test_seal_keys_the_records_written_before_keyed_hashing_once(home: Any) -> None:
    events = _chain(home, 4)
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {TABLE} SET mac = '' WHERE seq <= %s", [events[2].seq])  # as before the upgrade
    assert not audit.verify().ok
    out = io.StringIO()
    call_command("audit", "seal", stdout=out)
    assert "3 records" in out.getvalue()
    sealed = AuditEvent.objects.order_by("-seq").first()
    assert sealed is not None and sealed.action == "audit.seal" and sealed.after == {"keyed": 3, "through": 3}
    assert audit.verify().ok and not AuditEvent.objects.filter(mac="").exists()
    with pytest.raises(CommandError, match="nothing to seal"):
        call_command("audit", "seal", stdout=io.StringIO())


def test_seal_refuses_a_broken_chain(home: Any) -> None:
    events = _chain(home, 3)
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {TABLE} SET mac = '', object_repr = 'x' WHERE seq = %s", [events[0].seq])
    with pytest.raises(CommandError, match="BROKEN"):
        call_command("audit", "seal", stdout=io.StringIO())
    assert not AuditEvent.objects.filter(action="audit.seal").exists()


def test_a_checkpoint_catches_a_truncated_and_rebuilt_chain(home: Any, tmp_path: Path, keys: Path) -> None:
    events = _chain(home, 10)
    checkpoint = tmp_path / "checkpoint.json"
    call_command("audit", "checkpoint", "-o", str(checkpoint), stdout=io.StringIO())
    data = json.loads(checkpoint.read_text())
    assert (data["seq"], data["hash"], data["node"]) == (events[-1].seq, events[-1].hash, "VN-MPS")
    assert stat.S_IMODE((keys / "audit-signing.key").stat().st_mode) == 0o600
    assert AuditEvent.objects.order_by("-seq").first().action == "audit.checkpoint"  # type: ignore[union-attr]
    out = io.StringIO()
    call_command("audit", "verify", "--checkpoint", str(checkpoint), stdout=out)
    assert f"record #{events[-1].seq}" in out.getvalue()

    # Cut the chain after record #5 and point the head there (plain SQL), then let the node write on: every
    # record is linked and keyed again, so the chain alone looks intact.
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE} WHERE seq > %s", [events[4].seq])
        cursor.execute(
            f"UPDATE {AuditHead._meta.db_table} SET last_hash = %s, last_seq = %s WHERE id = 1",
            [events[4].hash, events[4].seq],
        )
    _chain(home, 6)
    assert audit.verify().ok
    with pytest.raises(CommandError, match=f"record #{events[-1].seq}.*checkpoint"):
        call_command("audit", "verify", "--checkpoint", str(checkpoint), stdout=io.StringIO())


def test_a_checkpoint_altered_or_signed_by_another_key_is_refused(home: Any, tmp_path: Path, keys: Path) -> None:
    _chain(home, 3)
    checkpoint = tmp_path / "checkpoint.json"
    call_command("audit", "checkpoint", "-o", str(checkpoint), stdout=io.StringIO())
    data = json.loads(checkpoint.read_text())
    altered = tmp_path / "altered.json"
    altered.write_text(json.dumps({**data, "seq": 1, "hash": AuditEvent.objects.get(seq=1).hash}))
    with pytest.raises(CommandError, match="signature"):
        call_command("audit", "verify", "--checkpoint", str(altered), stdout=io.StringIO())
    (keys / "audit-signing.key").unlink()
    audit_anchor.signing_key()  # a new node key
    with pytest.raises(CommandError, match="another key"):
        call_command("audit", "verify", "--checkpoint", str(checkpoint), stdout=io.StringIO())


def test_record_costs_one_keyed_hash(home: Any, monkeypatch: Any) -> None:
    calls: list[str] = []
    original = audit_anchor.keyed_hash
    monkeypatch.setattr(audit_anchor, "keyed_hash", lambda value: calls.append(value) or original(value))
    with transaction.atomic():
        event = audit.record("test.cost", actor="test", agency=home)
    assert calls == [event.hash]
