"""Throughput without loss of any guarantee (docs/decisions/0033-federation-throughput.md): a batch is applied in
one transaction, each message in its own savepoint, and what does not change within a batch is looked up once;
a delivery task drains what waits for its partner, and a burst of messages queues one task, not one each."""

from __future__ import annotations

import datetime
import json
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from liaison.agencies.models import Agency
from liaison.core.models import AuditEvent
from liaison.desk.actions import do_share_notice
from liaison.desk.models import Notice
from liaison.federation import delivery, keys, memo
from liaison.federation.choices import Direction, EnvelopeState, KeyUse
from liaison.federation.models import Envelope, InboxRefusal, PartnerNode
from liaison.federation.tasks import deliver_envelope
from tests.desk.factories import NoticeFactory
from tests.factories import UserFactory
from tests.federation.helpers import FakeNode, notice_payload

pytestmark = pytest.mark.django_db

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "federation"]}}


@pytest.fixture
def officer(home: Agency) -> Any:
    return UserFactory(agency=home, roles=["desk_officer"])


def test_a_bad_message_in_a_batch_is_refused_or_failed_alone_and_the_others_apply(
    paired: PartnerNode, fake: FakeNode, post_inbox: Any
) -> None:
    good = fake.message(fake.content("desk.notice.share", notice_payload()))
    tampered = fake.message(fake.content("desk.notice.share", notice_payload("502")))
    head, _body, signature = tampered["envelope"].split(".")
    other_body = fake.message(fake.content("desk.notice.share", notice_payload("503")))["envelope"].split(".")[1]
    tampered["envelope"] = ".".join([head, other_body, signature])
    orphan = {"reference": "FC-KR-KNPA-2026-0001", "partner_reference": "FC-NONE", "event": {"kind": "note"}}
    failing = fake.message(fake.content("desk.case.event", orphan))
    last = fake.message(fake.content("desk.notice.share", notice_payload("504", name="이서연")))

    answer = post_inbox([good, tampered, failing, last])

    assert answer.status_code == 200, answer.content
    answers = answer.json()["answers"]
    assert [(a["status"], a["http_status"]) for a in answers] == [
        ("applied", 200),
        ("refused", 403),
        ("failed", 500),
        ("applied", 200),
    ]
    assert answers[1]["code"] == "bad_signature" and "No case here" in answers[2]["reason"]
    assert Notice.objects.count() == 2
    assert InboxRefusal.objects.get().reason == "bad_signature"
    failed = Envelope.objects.get(direction=Direction.IN, state=EnvelopeState.FAILED)
    assert failed.kind == "desk.case.event" and "No case here" in failed.last_error
    assert AuditEvent.objects.filter(action="federation.fail").count() == 1
    assert AuditEvent.objects.filter(action="federation.refuse").count() == 1
    assert AuditEvent.objects.filter(action="federation.apply", channel="federation").count() == 2

    again = post_inbox([good, tampered, failing, last]).json()["answers"]
    assert [a["status"] for a in again] == ["duplicate", "refused", "failed", "duplicate"]
    assert again[0]["receipt"] == answers[0]["receipt"]
    assert AuditEvent.objects.filter(action="federation.apply").count() == 2  # nothing applied twice


def test_a_batch_reads_the_partner_its_keys_and_this_node_once(
    paired: PartnerNode, fake: FakeNode, post_inbox: Any
) -> None:
    batch = [fake.message(fake.content("desk.notice.share", notice_payload(str(n)))) for n in range(5)]
    with CaptureQueriesContext(connection) as queries:
        answers = post_inbox(batch).json()["answers"]
    assert [a["status"] for a in answers] == ["applied"] * 5

    def reads(table: str) -> int:
        return sum(
            1 for q in queries.captured_queries if q["sql"].startswith("SELECT") and f'FROM "{table}"' in q["sql"]
        )

    assert reads("federation_partnerkey") == 2  # the signing key with its node, then the keys that verify
    assert reads("federation_localnode") == 1
    assert reads("federation_nodekey") == 1  # the key that signs the five receipts


def five_waiting(partner: Agency, officer: Any, settings: Any) -> Envelope:
    """Five envelopes waiting for the partner, who takes two a batch; the first of them."""
    settings.LIAISON_FEDERATION_BATCH_SIZE = 2
    for _ in range(5):
        do_share_notice(NoticeFactory(owner=officer.agency), partner, handling_code="H1", actor=officer)
    first = Envelope.objects.order_by("pk").first()
    assert first is not None
    return first


def test_a_delivery_task_drains_what_waits_for_its_partner(
    paired: PartnerNode, partner: Agency, officer: Any, fake: FakeNode, monkeypatch: Any, settings: Any
) -> None:
    first = five_waiting(partner, officer, settings)
    posts: list[list[dict[str, Any]]] = []

    def post(url: str, data: bytes) -> tuple[int, dict[str, Any]]:
        body = json.loads(data)
        batch = body if isinstance(body, list) else [body]
        posts.append(batch)
        answers = [fake.answer(message) | {"http_status": 200} for message in batch]
        return 200, {"answers": answers} if isinstance(body, list) else answers[0]

    monkeypatch.setattr(delivery, "post", post)
    assert deliver_envelope.call(first.pk) == delivery.DELIVERED
    assert [len(batch) for batch in posts] == [2, 2, 1]
    assert set(Envelope.objects.values_list("state", flat=True)) == {EnvelopeState.DELIVERED}
    # the tasks queued for the others find their envelope delivered, and nothing left to send
    assert deliver_envelope.call(Envelope.objects.order_by("pk").last().pk) == EnvelopeState.DELIVERED  # type: ignore[union-attr]
    assert len(posts) == 3


def test_a_drain_stops_at_a_batch_the_partner_does_not_take(
    paired: PartnerNode, partner: Agency, officer: Any, no_network: list[Any], settings: Any
) -> None:
    first = five_waiting(partner, officer, settings)
    assert deliver_envelope.call(first.pk) == delivery.RETRY
    assert len(no_network) == 1
    attempts = list(Envelope.objects.order_by("pk").values_list("attempts", flat=True))
    assert attempts == [1, 1, 0, 0, 0]  # the rest go with the retries, not now to a partner that does not answer


def test_a_task_whose_envelope_waits_for_its_retry_still_sends_what_else_is_due(
    paired: PartnerNode, partner: Agency, officer: Any, fake: FakeNode, monkeypatch: Any
) -> None:
    for _ in range(2):
        do_share_notice(NoticeFactory(owner=officer.agency), partner, handling_code="H1", actor=officer)
    retried, fresh = Envelope.objects.order_by("pk")
    later = timezone.now() + datetime.timedelta(minutes=5)
    Envelope.objects.filter(pk=retried.pk).update(attempts=1, next_attempt_at=later)
    monkeypatch.setattr(delivery, "post", lambda url, data: (200, fake.answer(json.loads(data))))

    assert deliver_envelope.call(retried.pk) == delivery.WAITING
    retried.refresh_from_db()
    fresh.refresh_from_db()
    assert fresh.state == EnvelopeState.DELIVERED
    assert retried.state == EnvelopeState.PENDING and retried.attempts == 1  # its own attempt stays scheduled


def test_a_burst_of_messages_queues_one_delivery_task_while_it_waits(
    paired: PartnerNode, partner: Agency, officer: Any, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = DATABASE_QUEUE
    for _ in range(3):
        with django_capture_on_commit_callbacks(execute=True):
            do_share_notice(NoticeFactory(owner=officer.agency), partner, handling_code="H1", actor=officer)
    first = Envelope.objects.order_by("pk").first()
    assert first is not None
    task = DBTaskResult.objects.get()
    assert task.queue_name == "federation" and task.args_kwargs["args"] == [first.pk]

    task.claim("a-worker")  # taken by a worker, which may have chosen its batch already: the next gets a task
    with django_capture_on_commit_callbacks(execute=True):
        do_share_notice(NoticeFactory(owner=officer.agency), partner, handling_code="H1", actor=officer)
    assert DBTaskResult.objects.count() == 2


def test_the_memo_keeps_a_lookup_for_one_batch_and_never_a_failure() -> None:
    calls: list[int] = []

    def look() -> int:
        calls.append(1)
        return len(calls)

    assert memo.once("k", look) == 1 and memo.once("k", look) == 2  # outside a batch: every time
    with memo.batch():
        assert memo.once("k", look) == 3 and memo.once("k", look) == 3
        with pytest.raises(ZeroDivisionError):
            memo.once("boom", lambda: 1 // 0)
        assert memo.once("boom", lambda: 7) == 7
    with memo.batch():
        assert memo.once("k", look) == 4


def test_a_private_key_read_once_is_still_refused_once_its_file_is_gone(node: Any) -> None:
    node_key = keys.current(KeyUse.SIGN)
    assert keys.private_key(node_key) is keys.private_key(node_key)  # parsed once
    (keys.key_dir() / f"{node_key.kid}.jwk").unlink()
    with pytest.raises(keys.NodeNotInitialised, match="missing"):
        keys.private_key(node_key)


def test_stale_envelopes_are_not_due(paired: PartnerNode, partner: Agency, officer: Any) -> None:
    do_share_notice(NoticeFactory(owner=officer.agency), partner, handling_code="H1", actor=officer)
    envelope = Envelope.objects.get()
    assert delivery.oldest_due(paired.pk) == envelope
    Envelope.objects.update(next_attempt_at=timezone.now() + datetime.timedelta(minutes=5))
    assert delivery.oldest_due(paired.pk) is None


def test_a_batch_the_partner_does_not_take_queues_one_retry_task_not_one_per_envelope(
    paired: PartnerNode, partner: Agency, officer: Any, no_network: list[Any], settings: Any
) -> None:
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = DATABASE_QUEUE
    for _ in range(5):
        do_share_notice(NoticeFactory(owner=officer.agency), partner, handling_code="H1", actor=officer)
    first = Envelope.objects.order_by("pk").first()
    assert first is not None
    assert delivery.deliver(first) == delivery.RETRY
    assert len(no_network) == 1  # one POST of the five
    waiting_now = list(Envelope.objects.order_by("pk"))
    assert [e.attempts for e in waiting_now] == [1] * 5
    task = DBTaskResult.objects.get()  # one retry task for the five, due when the last of them is
    assert task.args_kwargs["args"] == [first.pk]
    assert task.run_after is not None and task.run_after >= max(e.next_attempt_at for e in waiting_now)  # type: ignore[type-var]


def test_a_notice_shared_again_unchanged_is_not_written_again(
    paired: PartnerNode, fake: FakeNode, home: Agency, post_inbox: Any
) -> None:
    from liaison.desk.actions import notices as notice_actions
    from liaison.people.models import Person

    def share(payload: dict[str, Any]) -> list[str]:
        last = AuditEvent.objects.order_by("-seq").values_list("seq", flat=True).first() or 0
        assert post_inbox(fake.message(fake.content("desk.notice.share", payload))).json()["status"] == "applied"
        return list(AuditEvent.objects.filter(seq__gt=last).order_by("seq").values_list("action", flat=True))

    def unshare() -> None:
        assert post_inbox(fake.message(fake.content("desk.notice.unshare", {"id": "501"}))).status_code == 200

    first = share(notice_payload())
    notice = Notice.objects.get()
    unshare()
    assert notice_actions.share_for(notice, home.pk) is None
    again = share(notice_payload())  # the same notice and person: shared again, nothing else written
    assert notice_actions.share_for(notice, home.pk) is not None
    assert "notice.create" in first and again == ["person.share", "notice.share", "federation.apply"]
    unshare()
    share(notice_payload(name="이서연"))  # another name: the copy is written again
    person = Person.objects.get()
    assert sorted(person.names.values_list("full_name", flat=True)) == ["KIM Min-jun", "이서연"]
    unshare()
    assert share(notice_payload(name="이서연")) == ["person.share", "notice.share", "federation.apply"]
