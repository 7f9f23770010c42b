"""Sending: a notice shared with a remote agency writes a signed envelope in the same transaction; the delivery
stores the partner's receipt, retries with back-off, keeps refusals; the administrator retries."""

from __future__ import annotations

import datetime
import json
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from liaison.agencies.models import Agency
from liaison.core.models import AuditEvent
from liaison.desk.actions import do_share_notice, do_unshare_notice
from liaison.federation import delivery, envelopes, keys, signing
from liaison.federation.choices import Direction, EnvelopeState, PartnerStatus
from liaison.federation.models import Envelope, NodeKey, PartnerNode
from liaison.people.actions import do_share_person
from tests.desk.factories import NoticeFactory
from tests.factories import UserFactory
from tests.federation.helpers import FakeNode

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(home: Agency) -> Any:
    return UserFactory(agency=home, roles=["desk_officer"])


def own_keys() -> list[tuple[str, Any]]:
    return [(k.kid, keys.load_public(k.public_jwk)) for k in NodeKey.objects.all()]


def test_sharing_a_notice_with_a_remote_agency_writes_a_signed_envelope(
    paired: PartnerNode, partner: Agency, officer: Any
) -> None:
    notice = NoticeFactory(owner=officer.agency)
    do_share_notice(notice, partner, handling_code="H1", tlp="GREEN", actor=officer)

    envelope = Envelope.objects.get(direction=Direction.OUT)
    assert (envelope.kind, envelope.state, envelope.partner) == ("desk.notice.share", EnvelopeState.PENDING, paired)
    _kid, content = signing.verify(envelope.signed, own_keys(), typ=envelopes.ENVELOPE_TYP)
    assert content["recipient"] == {"node": "KR-KNPA", "agency": "KR-KNPA"}
    assert content["sender"] == {"node": "VN-MPS", "agency": "VN-MPS"}
    assert content["handling"] == {"code": "H1", "tlp": "GREEN", "note": ""}
    assert content["payload"]["id"] == str(notice.pk)
    assert content["payload"]["person"]["names"][0]["full_name"] == str(notice.person)
    assert "notes" not in content["payload"]["person"] and "addresses" not in content["payload"]["person"]


def test_a_share_that_fails_writes_no_envelope(paired: PartnerNode, partner: Agency, officer: Any) -> None:
    notice = NoticeFactory(owner=officer.agency, status="draft")
    with pytest.raises(ValidationError):
        do_share_notice(notice, partner, handling_code="H1", actor=officer)
    assert not Envelope.objects.exists()


def test_withdrawing_the_share_sends_the_withdrawal(paired: PartnerNode, partner: Agency, officer: Any) -> None:
    notice = NoticeFactory(owner=officer.agency)
    do_share_notice(notice, partner, handling_code="H1", actor=officer)
    do_unshare_notice(notice, partner, actor=officer)
    sent = Envelope.objects.filter(direction=Direction.OUT).order_by("pk")
    assert [e.kind for e in sent] == ["desk.notice.share", "desk.notice.unshare"]
    assert sent[1].payload == {"id": str(notice.pk)}


def test_a_record_kind_that_does_not_travel_is_not_shared_with_a_remote_agency(
    paired: PartnerNode, partner: Agency, home: Agency
) -> None:
    from tests.people.factories import PersonFactory

    person = PersonFactory(owner=home)
    manager = UserFactory(agency=home, roles=["desk_officer"])
    with pytest.raises(ValidationError, match="partner node"):
        do_share_person(person, partner, handling_code="H1", actor=manager)
    assert not Envelope.objects.exists()


def test_a_share_with_a_hosted_agency_sends_nothing(node: Any, officer: Any) -> None:
    hosted = Agency.objects.create(code="RU-MVD", name_native="МВД", name_en="MVD", short_name="MVD", kind="police")
    do_share_notice(NoticeFactory(owner=officer.agency), hosted, handling_code="H1", actor=officer)
    assert not Envelope.objects.exists()


@pytest.fixture
def pending(paired: PartnerNode, partner: Agency, officer: Any) -> Envelope:
    do_share_notice(NoticeFactory(owner=officer.agency), partner, handling_code="H1", actor=officer)
    return Envelope.objects.get(direction=Direction.OUT)


def answer_with(monkeypatch: Any, status: int, body: Any) -> list[dict[str, Any]]:
    sent: list[dict[str, Any]] = []

    def post(url: str, data: bytes) -> tuple[int, dict[str, Any]]:
        message = json.loads(data)
        sent.append(message)
        return status, body(message) if callable(body) else body

    monkeypatch.setattr(delivery, "post", post)
    return sent


def test_delivery_stores_the_partners_receipt(pending: Envelope, fake: FakeNode, monkeypatch: Any) -> None:
    sent = answer_with(
        monkeypatch, 200, lambda m: {"status": "applied", "receipt": fake.receipt(pending.envelope_id, m["envelope"])}
    )
    assert delivery.deliver(pending) == delivery.DELIVERED
    pending.refresh_from_db()
    assert pending.state == EnvelopeState.DELIVERED and pending.receipt and pending.attempts == 1
    assert sent[0]["envelope"] == pending.signed


def test_a_receipt_for_another_envelope_is_not_accepted(pending: Envelope, fake: FakeNode, monkeypatch: Any) -> None:
    answer_with(monkeypatch, 200, lambda m: {"receipt": fake.receipt("someone-else", m["envelope"])})
    assert delivery.deliver(pending) == delivery.RETRY
    pending.refresh_from_db()
    assert pending.state == EnvelopeState.PENDING and "receipt refused" in pending.last_error


def test_no_answer_is_retried_with_exponential_back_off(pending: Envelope, settings: Any) -> None:
    settings.LIAISON_FEDERATION_RETRY_SECONDS = 10
    waits = []
    for _attempt in range(3):
        Envelope.objects.filter(pk=pending.pk).update(next_attempt_at=timezone.now())
        before = timezone.now()
        assert delivery.deliver(pending) == delivery.RETRY
        pending.refresh_from_db()
        waits.append(round((pending.next_attempt_at - before).total_seconds()))
    assert waits == [10, 20, 40]
    assert pending.attempts == 3 and "no answer" in pending.last_error


def test_delivery_gives_up_after_the_last_attempt(pending: Envelope, settings: Any) -> None:
    settings.LIAISON_FEDERATION_MAX_ATTEMPTS = 2
    delivery.deliver(pending)
    assert delivery.deliver(pending) == delivery.FAILED
    pending.refresh_from_db()
    assert pending.state == EnvelopeState.FAILED


def test_a_refusal_is_kept_and_the_administrator_sends_again(
    pending: Envelope, fake: FakeNode, monkeypatch: Any, node_admin: Any
) -> None:
    from liaison.federation.actions import do_retry_envelope

    answer_with(monkeypatch, 422, {"status": "refused", "code": "unknown_kind", "reason": "no such kind"})
    assert delivery.deliver(pending) == delivery.REFUSED
    pending.refresh_from_db()
    assert pending.state == EnvelopeState.REFUSED and "unknown_kind" in pending.last_error

    do_retry_envelope(pending, actor=node_admin)
    pending.refresh_from_db()
    assert pending.state == EnvelopeState.PENDING and pending.attempts == 0
    assert AuditEvent.objects.filter(action="envelope.retry", actor=node_admin).exists()
    answer_with(monkeypatch, 200, lambda m: {"receipt": fake.receipt(pending.envelope_id, m["envelope"])})
    assert delivery.sweep() == {delivery.DELIVERED: 1}


def test_a_suspended_partner_gets_nothing_until_resumed(
    pending: Envelope, paired: PartnerNode, node_admin: Any, no_network: list[Any]
) -> None:
    from liaison.federation.actions import do_set_partner_status

    do_set_partner_status(paired, PartnerStatus.SUSPENDED, actor=node_admin)
    assert delivery.deliver(pending) == delivery.HELD
    assert no_network == []
    do_set_partner_status(paired, PartnerStatus.ACTIVE, actor=node_admin)
    pending.refresh_from_db()
    assert pending.next_attempt_at is not None and pending.next_attempt_at <= timezone.now()
    assert [e.action for e in AuditEvent.objects.filter(action__startswith="partner_node.").order_by("seq")] == [
        "partner_node.pair",
        "partner_node.suspend",
        "partner_node.resume",
    ]


def test_the_retry_is_refused_for_a_delivered_message(pending: Envelope, node_admin: Any) -> None:
    from liaison.federation.actions import do_retry_envelope

    Envelope.objects.filter(pk=pending.pk).update(state=EnvelopeState.DELIVERED)
    pending.refresh_from_db()
    with pytest.raises(ValidationError):
        do_retry_envelope(pending, actor=node_admin)


def test_only_the_node_administrator_retries(pending: Envelope, officer: Any) -> None:
    from django.core.exceptions import PermissionDenied

    from liaison.federation.actions import do_retry_envelope

    with pytest.raises(PermissionDenied):
        do_retry_envelope(pending, actor=officer)


def test_backoff_is_capped(settings: Any) -> None:
    settings.LIAISON_FEDERATION_RETRY_SECONDS = 30
    settings.LIAISON_FEDERATION_RETRY_MAX_SECONDS = 3600
    assert delivery.backoff(1) == datetime.timedelta(seconds=30)
    assert delivery.backoff(20) == datetime.timedelta(seconds=3600)


def test_only_releasable_photos_travel_as_attachments(paired: PartnerNode, partner: Agency, officer: Any) -> None:
    from tests.people.factories import PhotoFactory

    notice = NoticeFactory(owner=officer.agency)
    shown = PhotoFactory(person=notice.person, releasable=True, with_file=True)
    PhotoFactory(person=notice.person, releasable=False, with_file=True)
    do_share_notice(notice, partner, handling_code="H1", actor=officer)

    envelope = Envelope.objects.get(direction=Direction.OUT)
    attachment = envelope.attachments.get()
    with shown.image.open("rb") as handle:
        assert bytes(attachment.data) == handle.read()
    _kid, content = signing.verify(envelope.signed, own_keys(), typ=envelopes.ENVELOPE_TYP)
    assert [a["sha256"] for a in content["attachments"]] == [attachment.sha256]
    assert [p["sha256"] for p in content["payload"]["person"]["photos"]] == [attachment.sha256]
    assert json.loads(json.dumps(delivery.message_body(envelope)))["attachments"].keys() == {attachment.sha256}


def test_a_status_change_of_a_shared_notice_travels(paired: PartnerNode, partner: Agency, officer: Any) -> None:
    from liaison.desk.actions import do_transition_notice

    notice = NoticeFactory(owner=officer.agency)
    do_share_notice(notice, partner, handling_code="H1", tlp="GREEN", actor=officer)
    do_transition_notice(notice, "cancelled", note="Arrested at home.", actor=officer)

    sent = list(Envelope.objects.filter(direction=Direction.OUT).order_by("pk"))
    assert [e.kind for e in sent] == ["desk.notice.share", "desk.notice.share"]
    assert sent[1].payload["notice"]["status"] == "cancelled"
    assert sent[1].payload["notice"]["status_reason"] == "Arrested at home."
    assert (sent[1].handling_code, sent[1].tlp) == ("H1", "GREEN")


def test_a_status_change_of_an_unshared_notice_sends_nothing(node: Any, officer: Any) -> None:
    from liaison.desk.actions import do_transition_notice

    do_transition_notice(NoticeFactory(owner=officer.agency), "suspended", note="Checking.", actor=officer)
    assert not Envelope.objects.exists()


def test_an_envelope_whose_task_was_lost_is_queued_again_when_the_partner_answers(
    pending: Envelope, paired: PartnerNode, partner: Agency, officer: Any, fake: FakeNode, monkeypatch: Any
) -> None:
    Envelope.objects.filter(pk=pending.pk).update(next_attempt_at=timezone.now() - datetime.timedelta(hours=1))
    do_share_notice(NoticeFactory(owner=officer.agency), partner, handling_code="H1", actor=officer)
    fresh = Envelope.objects.exclude(pk=pending.pk).get()
    queued: list[int] = []
    monkeypatch.setattr(delivery, "schedule", lambda envelope, when=None: queued.append(envelope.pk))
    answer_with(monkeypatch, 200, fake.answer)
    assert delivery.deliver(fresh) == delivery.DELIVERED
    assert queued == [pending.pk]
