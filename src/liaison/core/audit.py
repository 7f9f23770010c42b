"""The tamper-evident audit trail.

Every record's hash covers its own content and the previous record's hash; the first record chains to
GENESIS. Every record also carries a keyed hash (`mac`: HMAC-SHA256 of its hash with the node's audit key, which
the database does not hold; core/audit_anchor.py), so a rewrite that recomputes every later hash with plain SQL
still fails. `verify()` recomputes the chain from the database and names the first record that does not fit.
Appending takes a lock on the single AuditHead row, so records get a gap-free sequence even under
concurrent writers (PostgreSQL: row lock; SQLite: IMMEDIATE transactions serialise writers). Inside
`appending()` (many records in one transaction: a batch of the federation inbox) the head is read and locked
once and written once, at the end of the block: each record continues from the head the connection remembers,
unless the savepoint of the last record was rolled back since, and then it is read again
(docs/decisions/0050-federation-throughput-2.md).
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction

from liaison.core import audit_anchor, bulk, context
from liaison.core.models import AuditEvent, AuditHead

GENESIS = "0" * 64


class _Encoder(DjangoJSONEncoder):
    def default(self, o: Any) -> Any:
        try:
            return super().default(o)
        except TypeError:
            return str(o)  # value objects such as django-countries' Country


def to_json(value: Any) -> Any:
    """Normalise a value to what a JSON column gives back, so the hash is stable through the database."""
    if value is None:
        return None
    return json.loads(json.dumps(value, cls=_Encoder))


def _canonical(event: AuditEvent) -> bytes:
    body = {
        "seq": event.seq,
        "occurred_at": event.occurred_at.isoformat(timespec="microseconds"),
        "actor": event.actor_id,
        "actor_name": event.actor_name,
        "agency": event.agency_id,
        "action": event.action,
        "object_type": event.object_type,
        "object_id": event.object_id,
        "object_repr": event.object_repr,
        "before": event.before,
        "after": event.after,
        "request_id": event.request_id,
        "channel": event.channel,
        "ip_address": event.ip_address,
        "prev_hash": event.prev_hash,
    }
    return json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def compute_hash(event: AuditEvent) -> str:
    return hashlib.sha256(_canonical(event)).hexdigest()


def snapshot(instance: models.Model, fields: list[str] | None = None) -> dict[str, Any]:
    """The audited state of a model instance: its concrete fields (foreign keys as ids), many-to-many as id lists."""
    data: dict[str, Any] = {}
    opts = instance._meta
    for field in opts.concrete_fields:
        if fields is not None and field.name not in fields:
            continue
        if field.name in {"password", "key_hash"}:
            continue  # secrets never enter the audit trail
        data[field.name] = field.value_from_object(instance)
    if instance.pk is not None:
        for m2m in opts.many_to_many:
            if fields is not None and m2m.name not in fields:
                continue
            data[m2m.name] = sorted(obj.pk for obj in getattr(instance, m2m.name).all())
    return to_json(data)  # type: ignore[no-any-return]


def _label(instance: models.Model | None) -> tuple[str, str, str]:
    if instance is None:
        return "", "", ""
    return instance._meta.label_lower, str(instance.pk or ""), str(instance)[:255]


def record(
    action: str,
    *,
    actor: Any,
    obj: models.Model | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    agency: Any = None,
    object_type: str | None = None,
    object_id: str | None = None,
    object_repr: str | None = None,
) -> AuditEvent:
    """Append one audit record. Must run inside the action's transaction (it fails otherwise)."""
    entry = Entry(action, actor, obj, before, after, agency, object_type, object_id, object_repr)
    return records([entry])[0]


@dataclass(frozen=True, slots=True)
class Entry:
    """One record for `records()`: the arguments of `record()`."""

    action: str
    actor: Any
    obj: models.Model | None = None
    before: dict[str, Any] | None = None
    after: dict[str, Any] | None = None
    agency: Any = None
    object_type: str | None = None
    object_id: str | None = None
    object_repr: str | None = None


def records(entries: list[Entry]) -> list[AuditEvent]:
    """Append several audit records in a row, in their order, as `record()` would one after the other — the head
    read (and locked) once, the records inserted together (their post_save sent each, as a save would), the head
    written once (docs/decisions/0055-federation-throughput-3.md). Inside the action's transaction."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit.record() must be called inside the action's atomic block.")
    if not entries:
        return []
    ctx = context.current()
    connection = transaction.get_connection()
    deferred = getattr(connection, _DEFERRED, 0) > 0
    last_seq, last_hash = _head(connection) if deferred else _locked_head()
    events = []
    for entry in entries:
        actor, agency = entry.actor, entry.agency
        label, pk, text = _label(entry.obj)
        is_user = getattr(actor, "is_authenticated", False) and not getattr(actor, "is_system", False)
        if agency is None and getattr(actor, "is_authenticated", False):
            agency = getattr(actor, "agency", None)
        event = AuditEvent(
            seq=last_seq + 1,
            actor=actor if is_user else None,
            actor_name=(actor.get_username() if hasattr(actor, "get_username") else str(actor or "system"))[:150],
            agency=agency,
            action=entry.action,
            object_type=entry.object_type if entry.object_type is not None else label,
            object_id=entry.object_id if entry.object_id is not None else pk,
            object_repr=(entry.object_repr if entry.object_repr is not None else text)[:255],
            before=to_json(entry.before),
            after=to_json(entry.after),
            request_id=ctx.request_id,
            channel=ctx.channel,
            ip_address=ctx.ip_address,
            prev_hash=last_hash,
        )
        event.hash = compute_hash(event)
        event.mac = audit_anchor.keyed_hash(event.hash)
        last_seq, last_hash = event.seq, event.hash
        events.append(event)
    bulk.insert_as_saved(AuditEvent, events)  # receivers see each (e.g. a shared notice of ours changed: sent on)
    if deferred:
        _remember(connection, last_seq, last_hash)
    else:
        AuditHead.objects.filter(id=1).update(last_hash=last_hash, last_seq=last_seq)
    return events


# The head a connection remembers within its transaction (an attribute of the connection: one per thread).
_REMEMBERED, _DEFERRED = "_liaison_audit_head", "_liaison_audit_deferred"


@dataclass(frozen=True, slots=True)
class _Remembered:
    seq: int
    hash: str
    mark: Callable[[], None]  # registered with on_commit in the record's savepoint: gone if that rolls back


def _remember(connection: Any, seq: int, hash_: str) -> None:
    def mark() -> None:  # runs after the commit; the transaction's end is what forgets the head
        pass

    connection.on_commit(mark)
    setattr(connection, _REMEMBERED, _Remembered(seq, hash_, mark))


def _remembered(connection: Any) -> _Remembered | None:
    """The head remembered by this connection, if it still holds: same transaction, and the savepoint of the last
    record not rolled back (Django drops the on_commit callbacks of a savepoint rolled back, and all of them at
    the end of a transaction)."""
    remembered: _Remembered | None = getattr(connection, _REMEMBERED, None)
    if remembered is None or not connection.in_atomic_block:
        return None
    if any(entry[1] is remembered.mark for entry in reversed(connection.run_on_commit)):
        return remembered
    setattr(connection, _REMEMBERED, None)
    return None


def _locked_head() -> tuple[int, str]:
    """The head row's sequence number and hash, the row locked for the rest of the transaction."""
    head, _ = AuditHead.objects.select_for_update().get_or_create(id=1, defaults={"last_hash": GENESIS})
    return head.last_seq, head.last_hash


def _head(connection: Any) -> tuple[int, str]:
    """Inside `appending()`: the last record's sequence number and hash, as remembered or, where the savepoint of
    the last record was rolled back (or none was written yet), read with the head row locked — with the records
    appended earlier in the block that stayed, which the head row does not hold yet."""
    remembered = _remembered(connection)
    if remembered is not None:
        return remembered.seq, remembered.hash
    seq, hash_ = _locked_head()
    later = AuditEvent.objects.filter(seq__gt=seq).order_by("-seq").values_list("seq", "hash").first()
    return (later[0], later[1]) if later is not None else (seq, hash_)


@contextmanager
def appending() -> Iterator[None]:
    """One transaction for many records (a batch of federation messages): the head row is written once, at the
    end, instead of after each record. Records in savepoints rolled back meanwhile are simply not in the chain: the
    head written is the last record that stayed. An exception rolls the whole block back."""
    connection = transaction.get_connection()
    with transaction.atomic():
        setattr(connection, _DEFERRED, getattr(connection, _DEFERRED, 0) + 1)
        try:
            yield
        finally:
            setattr(connection, _DEFERRED, getattr(connection, _DEFERRED) - 1)
        if getattr(connection, _DEFERRED) == 0:
            _write_head(connection)


def _write_head(connection: Any) -> None:
    """The end of `appending()`: the head row takes the last record that stayed (and the connection forgets it)."""
    remembered = _remembered(connection)
    setattr(connection, _REMEMBERED, None)
    if remembered is not None:
        AuditHead.objects.filter(id=1).update(last_hash=remembered.hash, last_seq=remembered.seq)
        return
    # The last record's savepoint was rolled back, or nothing was recorded: the last record that stayed, if any.
    head = AuditHead.objects.select_for_update().filter(id=1).first()
    if head is None:
        return
    later = AuditEvent.objects.filter(seq__gt=head.last_seq).order_by("-seq").values_list("seq", "hash").first()
    if later is not None:
        AuditHead.objects.filter(id=1).update(last_seq=later[0], last_hash=later[1])


@dataclass(frozen=True, slots=True)
class VerifyResult:
    checked: int
    broken_seq: int | None
    reason: str
    unkeyed: int = 0  # records at the start written before keyed hashing (verify(unkeyed_prefix=True) only)

    @property
    def ok(self) -> bool:
        return self.broken_seq is None


def _iter_chain(chunk: int = 2000) -> Iterator[AuditEvent]:
    last = 0
    while True:
        batch = list(AuditEvent.objects.filter(seq__gt=last).order_by("seq")[:chunk])
        if not batch:
            return
        yield from batch
        last = batch[-1].seq


def _keyed_hash_problem(event: AuditEvent) -> str:
    if not event.mac:
        return (
            "it carries no keyed hash (a record written before keyed hashing: run 'liaison audit seal' once after "
            "the upgrade; otherwise it was removed)"
        )
    if not hmac.compare_digest(audit_anchor.keyed_hash(event.hash), event.mac):
        return "its keyed hash does not match (rewritten without the audit key, or the node's audit key changed)"
    return ""


def verify(progress: Any = None, *, unkeyed_prefix: bool = False) -> VerifyResult:
    """Recompute the whole chain; return the first record that was altered, removed or inserted.

    `unkeyed_prefix`: accept records without a keyed hash at the start of the chain (those written before keyed
    hashing, which `seal` keys) and count them; a record without one after a keyed record is still broken."""
    expected_prev = GENESIS
    expected_seq = 1
    checked = 0
    unkeyed = 0
    for event in _iter_chain():
        if event.seq != expected_seq:
            return VerifyResult(checked, event.seq, f"record #{expected_seq} is missing (next found is #{event.seq})")
        if event.prev_hash != expected_prev:
            return VerifyResult(checked, event.seq, "its link to the previous record does not match")
        if compute_hash(event) != event.hash:
            return VerifyResult(checked, event.seq, "its content does not match its hash (altered)")
        if unkeyed_prefix and not event.mac and unkeyed == checked:
            unkeyed += 1
        elif problem := _keyed_hash_problem(event):
            return VerifyResult(checked, event.seq, problem)
        expected_prev = event.hash
        expected_seq += 1
        checked += 1
        if progress is not None:
            progress(1)
    head = AuditHead.objects.filter(id=1).first()
    if head is not None and (head.last_seq != checked or head.last_hash != expected_prev):
        return VerifyResult(
            checked, checked + 1, f"the chain head names record #{head.last_seq}: later records were removed"
        )
    return VerifyResult(checked, None, "", unkeyed)


def seal(through: int, *, actor: Any, batch: int = 1000) -> int:
    """Key the records up to #`through` that were written before keyed hashing, and record that in the trail
    ("audit.seal"). Run once after the upgrade that brought keyed hashing, on a chain that `verify(unkeyed_prefix=
    True)` found intact: it vouches for the chain as it stands. Returns how many records it keyed."""
    keyed = 0
    with transaction.atomic():
        AuditHead.objects.select_for_update().filter(id=1).first()  # no record is appended meanwhile
        pending = AuditEvent.objects.filter(seq__lte=through, mac="").order_by("seq")
        while chunk := list(pending.values_list("pk", "hash")[:batch]):
            macs = models.Case(
                *(models.When(pk=pk, then=models.Value(audit_anchor.keyed_hash(hash_))) for pk, hash_ in chunk)
            )
            # The one change ever made to a stored record: its missing keyed hash, once (the queryset of the
            # model refuses every update, so the plain QuerySet does it).
            keyed += models.QuerySet.update(AuditEvent.objects.filter(pk__in=[pk for pk, _ in chunk]), mac=macs)
        record("audit.seal", actor=actor, after={"keyed": keyed, "through": through})
    return keyed


def holds(seq: int, hash_: str) -> bool:
    """Whether the chain holds record #`seq` with that hash (a checkpoint's record)."""
    return AuditEvent.objects.filter(seq=seq, hash=hash_).exists()
