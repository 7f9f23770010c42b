"""Delivery of the outbox over HTTP(S) to each partner's inbox, with retries and exponential back-off.

`deliver(envelope)` makes one attempt: POST {"envelope": compact JWS, "attachments": {sha256: base64}} to the
partner's inbox. A 200 with a receipt the partner signed for this envelope marks it delivered (the receipt is
stored); a 4xx answer is the partner's refusal (kept with its reason, not retried until the administrator asks);
anything else (no answer, 5xx, a bad receipt) is retried after LIAISON_FEDERATION_RETRY_SECONDS × 2^(attempts−1),
at most LIAISON_FEDERATION_RETRY_MAX_SECONDS, until LIAISON_FEDERATION_MAX_ATTEMPTS attempts, then failed.
A suspended partner gets nothing: its envelopes wait until it is resumed. An envelope whose task was lost (a worker
killed while holding it) is queued again by the worker's sweep (`sweep_stranded`), when the partner next answers,
or by `liaison federation deliver`. What waits for the same partner travels together: one POST carries a batch
(a JSON array) and the partner answers each message on its own. A delivery task drains what waits for its partner,
batch after batch (`deliver_and_drain`), so an envelope written while a task for its partner waits in the queue
queues none of its own (`schedule_after_commit`; docs/decisions/0033-federation-throughput.md).
Delivering the same envelope twice is harmless: the receiver applies each envelope id once and answers a repeat
with its stored receipt.
"""

from __future__ import annotations

import base64
import datetime
import json
import urllib.error
import urllib.request
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from liaison.core.tasks import uses_worker
from liaison.federation import envelopes, memo, signing
from liaison.federation.choices import Direction, EnvelopeState, PartnerStatus
from liaison.federation.models import Envelope

STRANDED_PER_SWEEP = 1000
DRAIN_BATCHES = 20  # batches one task sends before it queues the rest as a task of its own
QUEUED_LOOKED_AT = 50  # queued delivery tasks looked at before queueing another
DELIVERED, REFUSED, RETRY, FAILED, HELD, WAITING = "delivered", "refused", "retry", "failed", "held", "waiting"


def message_body(envelope: Envelope) -> dict[str, Any]:
    """The envelope as it travels: its signed form and its attachments by SHA-256."""
    return {
        "envelope": envelope.signed,
        "attachments": {a.sha256: base64.b64encode(bytes(a.data)).decode() for a in envelope.attachments.all()},
    }


def waiting(envelope: Envelope) -> bool:
    """Whether a pending envelope's next attempt is still ahead (a batch retried it since its task was queued):
    its task leaves it to the attempt scheduled then, so each envelope has one live task however it travelled."""
    return envelope.next_attempt_at is not None and envelope.next_attempt_at > timezone.now()


def backoff(attempts: int) -> datetime.timedelta:
    seconds = settings.LIAISON_FEDERATION_RETRY_SECONDS * (2 ** max(attempts - 1, 0))
    return datetime.timedelta(seconds=min(seconds, settings.LIAISON_FEDERATION_RETRY_MAX_SECONDS))


def post(url: str, body: bytes) -> tuple[int, dict[str, Any]]:
    """POST JSON; the status and the parsed answer (status 0 when no answer came)."""
    if not url.startswith(("https://", "http://")):
        return 0, {"reason": f"not an http(s) address: {url[:100]}"}
    request = urllib.request.Request(  # noqa: S310  (http or https only, checked above)
        url, data=body, method="POST", headers={"Content-Type": "application/json", "Accept": "application/json"}
    )
    try:
        with urllib.request.urlopen(request, timeout=settings.LIAISON_FEDERATION_TIMEOUT) as response:  # noqa: S310
            status, raw = response.status, response.read()
    except urllib.error.HTTPError as error:
        status, raw = error.code, error.read()
    except (urllib.error.URLError, OSError, ValueError) as error:
        return 0, {"reason": f"no answer: {getattr(error, 'reason', error)}"}
    try:
        answer = json.loads(raw or b"{}")
    except ValueError:
        answer = {"reason": raw[:200].decode(errors="replace")}
    return status, answer if isinstance(answer, dict) else {"reason": str(answer)[:200]}


def deliver(envelope: Envelope) -> str:
    """One attempt at delivering a pending outbox envelope — with it, in the same POST, the partner's other
    envelopes whose attempt is due (at most LIAISON_FEDERATION_BATCH_SIZE, within half the partner's size limit);
    returns what happened to `envelope`."""
    return _deliver(envelope)[0]


def deliver_and_drain(envelope: Envelope) -> str:
    """What a delivery task does: `deliver(envelope)` (unless a batch took it meanwhile), then the partner's other
    due envelopes, batch after batch, while the partner takes them — so a task queued for the partner delivers
    what was written after it was queued (`schedule_after_commit` queues no second one meanwhile). After
    DRAIN_BATCHES batches it queues the rest as a task of its own; a batch the partner does not take stops it
    (each envelope of it was scheduled for its retry). Returns what happened to `envelope`."""
    outcome, going = _deliver(envelope)
    for _round in range(DRAIN_BATCHES):
        following = oldest_due(envelope.partner_id) if going else None
        if following is None:
            break
        going = _deliver(following)[1]
    else:
        following = oldest_due(envelope.partner_id)
        if following is not None:
            schedule(following)
    return outcome


def oldest_due(partner_id: int) -> Envelope | None:
    """The partner's oldest pending outbox envelope whose attempt is due."""
    return (
        Envelope.objects.filter(
            partner_id=partner_id,
            direction=Direction.OUT,
            state=EnvelopeState.PENDING,
            next_attempt_at__lte=timezone.now(),
        )
        .order_by("created", "pk")
        .first()
    )


def _deliver(envelope: Envelope) -> tuple[str, bool]:
    """`deliver`, and whether to go on with the partner's next due envelopes (it took some of this batch, or the
    envelope had already travelled)."""
    envelope = Envelope.objects.select_related("partner").get(pk=envelope.pk)
    if envelope.direction != Direction.OUT or envelope.state != EnvelopeState.PENDING:
        return envelope.state, envelope.direction == Direction.OUT
    if envelope.partner.status == PartnerStatus.SUSPENDED:
        _save(envelope, last_error="partner node suspended: held until it is resumed", next_attempt_at=None)
        return HELD, False
    batch = [envelope, *companions(envelope)]
    bodies = [message_body(one) for one in batch]
    budget, size, count = settings.LIAISON_FEDERATION_MAX_BYTES // 2, 0, 0
    for body in bodies:
        size += len(body["envelope"]) + sum(len(data) for data in body["attachments"].values())
        if count and size > budget:
            break
        count += 1
    batch, bodies = batch[:count], bodies[:count]
    if len(batch) == 1:
        status, answer = post(envelope.partner.inbox_url, json.dumps(bodies[0]).encode())
        outcome = record_answer(envelope, status, answer)
        return outcome, outcome == DELIVERED
    status, answer = post(envelope.partner.inbox_url, json.dumps(bodies).encode())
    answers = answer.get("answers") if status == 200 else None
    if not isinstance(answers, list) or len(answers) != len(batch):
        if status == 200:
            status, answer = 0, {"reason": "the answer to a batch does not list one answer per message"}
        results = [(status, answer)] * len(batch)
    else:
        results = [(_status_of(each), each if isinstance(each, dict) else {}) for each in answers]
    # One transaction (one write lock on SQLite) and one look-up of the partner's keys for the whole batch; one
    # retry task per back-off time, not one per envelope (docs/decisions/0050-federation-throughput-2.md).
    retries: dict[datetime.datetime, tuple[Envelope, datetime.datetime]] = {}
    with memo.batch(), transaction.atomic():
        outcomes = [
            record_answer(one, code, said, wake=False, retries=retries)
            for one, (code, said) in zip(batch, results, strict=True)
        ]
        for first, when in retries.values():
            schedule(first, when)
        if DELIVERED in outcomes:
            wake_stalled(envelope.partner)
    return outcomes[0], DELIVERED in outcomes


def companions(envelope: Envelope) -> list[Envelope]:
    """The partner's other pending envelopes that are due, oldest first, to travel with `envelope`."""
    limit = settings.LIAISON_FEDERATION_BATCH_SIZE - 1
    if limit <= 0:
        return []
    return list(
        Envelope.objects.select_related("partner")
        .prefetch_related("attachments")
        .filter(
            partner=envelope.partner,
            direction=Direction.OUT,
            state=EnvelopeState.PENDING,
            next_attempt_at__lte=timezone.now(),
        )
        .exclude(pk=envelope.pk)
        .order_by("created", "pk")[:limit]
    )


def _status_of(answer: Any) -> int:
    status = answer.get("http_status") if isinstance(answer, dict) else None
    return status if isinstance(status, int) else 0


Retries = dict[datetime.datetime, tuple[Envelope, datetime.datetime]]


def record_answer(
    envelope: Envelope, status: int, answer: dict[str, Any], *, wake: bool = True, retries: Retries | None = None
) -> str:
    """Keep what the partner answered (online, or a receipt carried back in an offline package). A delivery wakes
    the partner's stalled envelopes (`wake`; a batch does it once, after its last answer). `retries` (a batch):
    an envelope to retry is not queued here but collected by the second of its next attempt — the batch queues
    one task per second, due when the last of them is, whose delivery takes the others along."""
    attempts = envelope.attempts + 1
    if status == 200 and isinstance(answer.get("receipt"), str):
        try:
            envelopes.check_receipt(
                answer["receipt"], envelope_id=envelope.envelope_id, signed=envelope.signed, partner=envelope.partner
            )
        except signing.BadSignature as error:
            return _retry(envelope, attempts, f"receipt refused: {error}", retries)
        _save(
            envelope,
            state=EnvelopeState.DELIVERED,
            attempts=attempts,
            receipt=answer["receipt"],
            done_at=timezone.now(),
            next_attempt_at=None,
            last_error="",
        )
        if wake:
            wake_stalled(envelope.partner)
        return DELIVERED
    reason = str(answer.get("reason") or answer.get("detail") or "")[:2000]
    if 400 <= status < 500 and status not in (408, 429):
        code = str(answer.get("code") or "")
        _save(
            envelope,
            state=EnvelopeState.REFUSED,
            attempts=attempts,
            last_error=f"{status} {code}: {reason}".strip(),
            next_attempt_at=None,
        )
        return REFUSED
    return _retry(envelope, attempts, f"{status or 'no answer'}: {reason}".strip(), retries)


def _retry(envelope: Envelope, attempts: int, error: str, retries: Retries | None = None) -> str:
    if attempts >= settings.LIAISON_FEDERATION_MAX_ATTEMPTS:
        _save(envelope, state=EnvelopeState.FAILED, attempts=attempts, last_error=error, next_attempt_at=None)
        return FAILED
    when = timezone.now() + backoff(attempts)
    _save(envelope, attempts=attempts, last_error=error, next_attempt_at=when)
    if retries is None:
        schedule(envelope, when)
    else:
        first, latest = retries.setdefault(when.replace(microsecond=0), (envelope, when))
        retries[when.replace(microsecond=0)] = (first, max(latest, when))
    return RETRY


def _save(envelope: Envelope, **changes: Any) -> None:
    """Write the delivery state, unless the envelope was delivered meanwhile (another attempt got the receipt)."""
    with transaction.atomic():
        Envelope.objects.filter(pk=envelope.pk, state=EnvelopeState.PENDING).update(
            updated_at=timezone.now(), **changes
        )


def schedule(envelope: Envelope, when: datetime.datetime | None = None) -> None:
    """Queue an attempt (at `when`, where the task queue can wait; `liaison federation deliver` sweeps the rest)."""
    from liaison.federation.tasks import deliver_envelope

    task = deliver_envelope
    if when is not None:
        if not task.get_backend().supports_defer:
            return  # tasks run at once here (tests, LIAISON_TASKS_IMMEDIATE): the sweep delivers it when due
        task = task.using(run_after=when)
    task.enqueue(envelope.pk)


def wake_stalled(partner: Any) -> int:
    """Queue again the partner's oldest pending envelope whose attempt is long overdue: its task was lost (a worker
    killed while it held it). Called when the partner answers; the task delivers it with the partner's other due
    envelopes (a batch), and its delivery wakes the next. A second attempt of a live task is harmless."""
    overdue = timezone.now() - datetime.timedelta(seconds=settings.LIAISON_FEDERATION_STALLED_SECONDS)
    stalled = (
        Envelope.objects.filter(
            partner=partner, direction=Direction.OUT, state=EnvelopeState.PENDING, next_attempt_at__lt=overdue
        )
        .order_by("created", "pk")
        .first()
    )
    if stalled is None:
        return 0
    schedule(stalled)
    return 1


def sweep_stranded() -> str:
    """The worker sweep of federation (core.registry.register_worker_sweep): queue again the pending envelopes whose
    attempt is overdue by LIAISON_FEDERATION_STALLED_SECONDS — their task died with a killed worker, or their retry
    was never scheduled — without waiting for the partner to answer another message first. One task per batch:
    each delivers its envelope with the partner's other due ones. A line for the worker's log."""
    overdue = timezone.now() - datetime.timedelta(seconds=settings.LIAISON_FEDERATION_STALLED_SECONDS)
    stranded = list(
        Envelope.objects.filter(
            direction=Direction.OUT,
            state=EnvelopeState.PENDING,
            next_attempt_at__lt=overdue,
            partner__status=PartnerStatus.ACTIVE,
        ).order_by("partner", "created", "pk")[:STRANDED_PER_SWEEP]
    )
    step = max(settings.LIAISON_FEDERATION_BATCH_SIZE, 1)
    by_partner: dict[int, list[Envelope]] = {}
    for envelope in stranded:
        by_partner.setdefault(envelope.partner_id, []).append(envelope)
    for waiting_here in by_partner.values():
        for envelope in waiting_here[::step]:
            schedule(envelope)
    return f"Queued again {len(stranded)} federation message(s) whose delivery had stopped." if stranded else ""


def schedule_after_commit(envelope: Envelope) -> None:
    """After the commit, queue the envelope's delivery — unless a delivery task for the same partner is already
    waiting in the queue, due now: that task, when it runs, delivers every due envelope of the partner
    (`deliver_and_drain`), this one with them. So a burst of messages is one task per batch, not one per message."""
    transaction.on_commit(lambda: None if queued_for(envelope.partner_id) else schedule(envelope))


def queued_for(partner_id: int) -> bool:
    """Whether a delivery task for an envelope of this partner waits in the database queue, due now (not yet taken
    by a worker: one that is running may have chosen its batch already). False where tasks run at once."""
    if not uses_worker():
        return False
    from django_tasks_db.models import DBTaskResult

    from liaison.federation.tasks import QUEUE, deliver_envelope

    waiting_tasks = (
        DBTaskResult.objects.ready()
        .filter(queue_name=QUEUE, task_path=deliver_envelope.module_path)
        .values_list("args_kwargs", flat=True)[:QUEUED_LOOKED_AT]
    )
    pks = [task["args"][0] for task in waiting_tasks if isinstance(task, dict) and task.get("args")]
    return bool(pks) and Envelope.objects.filter(pk__in=pks, partner_id=partner_id).exists()


def due(partner: Any = None) -> list[Envelope]:
    """Pending outbox envelopes whose next attempt is due, oldest first."""
    now = timezone.now()
    queryset = Envelope.objects.filter(direction=Direction.OUT, state=EnvelopeState.PENDING).filter(
        next_attempt_at__lte=now
    )
    if partner is not None:
        queryset = queryset.filter(partner=partner)
    return list(queryset.order_by("created", "pk"))


def sweep() -> dict[str, int]:
    """Attempt every due envelope now; counts by outcome."""
    counts: dict[str, int] = {}
    for envelope in due():
        outcome = deliver(envelope)
        counts[outcome] = counts.get(outcome, 0) + 1
    return counts
