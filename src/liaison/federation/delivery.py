"""Delivery of the outbox over HTTP(S) to each partner's inbox, with retries and exponential back-off.

`deliver(envelope)` makes one attempt: POST {"envelope": compact JWS, "attachments": {sha256: base64}} to the
partner's inbox. A 200 with a receipt the partner signed for this envelope marks it delivered (the receipt is
stored); a 4xx answer is the partner's refusal (kept with its reason, not retried until the administrator asks);
anything else (no answer, 5xx, a bad receipt) is retried after LIAISON_FEDERATION_RETRY_SECONDS × 2^(attempts−1),
at most LIAISON_FEDERATION_RETRY_MAX_SECONDS, until LIAISON_FEDERATION_MAX_ATTEMPTS attempts, then failed.
A suspended partner gets nothing: its envelopes wait until it is resumed. An envelope whose task was lost (a worker
killed while holding it) is queued again when the partner next answers, or by `liaison federation deliver`.
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

from liaison.federation import envelopes, signing
from liaison.federation.choices import Direction, EnvelopeState, PartnerStatus
from liaison.federation.models import Envelope

DELIVERED, REFUSED, RETRY, FAILED, HELD = "delivered", "refused", "retry", "failed", "held"


def message_body(envelope: Envelope) -> dict[str, Any]:
    """The envelope as it travels: its signed form and its attachments by SHA-256."""
    return {
        "envelope": envelope.signed,
        "attachments": {a.sha256: base64.b64encode(bytes(a.data)).decode() for a in envelope.attachments.all()},
    }


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
    """One attempt at delivering a pending outbox envelope; returns what happened."""
    envelope = Envelope.objects.select_related("partner").get(pk=envelope.pk)
    if envelope.direction != Direction.OUT or envelope.state != EnvelopeState.PENDING:
        return envelope.state
    if envelope.partner.status == PartnerStatus.SUSPENDED:
        _save(envelope, last_error="partner node suspended: held until it is resumed", next_attempt_at=None)
        return HELD
    body = json.dumps(message_body(envelope)).encode()
    status, answer = post(envelope.partner.inbox_url, body)
    return record_answer(envelope, status, answer)


def record_answer(envelope: Envelope, status: int, answer: dict[str, Any]) -> str:
    """Keep what the partner answered (online, or a receipt carried back in an offline package)."""
    attempts = envelope.attempts + 1
    if status == 200 and isinstance(answer.get("receipt"), str):
        try:
            envelopes.check_receipt(
                answer["receipt"], envelope_id=envelope.envelope_id, signed=envelope.signed, partner=envelope.partner
            )
        except signing.BadSignature as error:
            return _retry(envelope, attempts, f"receipt refused: {error}")
        _save(
            envelope,
            state=EnvelopeState.DELIVERED,
            attempts=attempts,
            receipt=answer["receipt"],
            done_at=timezone.now(),
            next_attempt_at=None,
            last_error="",
        )
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
    return _retry(envelope, attempts, f"{status or 'no answer'}: {reason}".strip())


def _retry(envelope: Envelope, attempts: int, error: str) -> str:
    if attempts >= settings.LIAISON_FEDERATION_MAX_ATTEMPTS:
        _save(envelope, state=EnvelopeState.FAILED, attempts=attempts, last_error=error, next_attempt_at=None)
        return FAILED
    when = timezone.now() + backoff(attempts)
    _save(envelope, attempts=attempts, last_error=error, next_attempt_at=when)
    schedule(envelope, when)
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
    """Queue again the partner's pending envelopes whose attempt is long overdue: their task was lost (a worker
    killed while it held it). Called when the partner answers; a second attempt of a live task is harmless."""
    overdue = timezone.now() - datetime.timedelta(seconds=settings.LIAISON_FEDERATION_STALLED_SECONDS)
    stalled = list(
        Envelope.objects.filter(
            partner=partner, direction=Direction.OUT, state=EnvelopeState.PENDING, next_attempt_at__lt=overdue
        ).order_by("created", "pk")[:100]
    )
    for envelope in stalled:
        schedule(envelope)
    return len(stalled)


def schedule_after_commit(envelope: Envelope) -> None:
    transaction.on_commit(lambda: schedule(envelope))


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
