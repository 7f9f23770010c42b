"""The inbox: a partner's signed notice applied once; every kind of bad input refused, recorded, nothing applied."""

from __future__ import annotations

import datetime
import json
from typing import Any

import pytest
from django.utils import timezone

from liaison.agencies.models import Agency
from liaison.agencies.system import system_actor
from liaison.core.models import AuditEvent, Share
from liaison.desk.models import Notice
from liaison.federation import actions, origin
from liaison.federation.choices import Direction, EnvelopeState, PartnerStatus
from liaison.federation.models import Envelope, InboxRefusal, PartnerNode
from liaison.people.models import Person
from tests.federation.helpers import FakeNode, notice_payload

pytestmark = pytest.mark.django_db


def shared_with(agency: Agency) -> list[Notice]:
    from django.contrib.contenttypes.models import ContentType

    ids = Share.objects.filter(content_type=ContentType.objects.get_for_model(Notice), agency=agency).values_list(
        "object_id", flat=True
    )
    return list(Notice.objects.filter(pk__in=[int(i) for i in ids]))


def test_a_shared_notice_is_applied_once_owned_by_the_partner_and_says_where_it_came_from(
    paired: PartnerNode, fake: FakeNode, home: Agency, partner: Agency, post_inbox: Any
) -> None:
    content = fake.content("desk.notice.share", notice_payload())
    message = fake.message(content)

    first = post_inbox(message)
    again = post_inbox(message)

    assert first.status_code == 200, first.json()
    assert first.json()["status"] == "applied"
    assert again.status_code == 200 and again.json()["status"] == "duplicate"
    assert again.json()["receipt"] == first.json()["receipt"]
    notice = Notice.objects.get()
    assert notice.owner == partner and notice.status == "active" and notice.source == "partner"
    assert notice.reference == "KNPA-2026-77" and notice.offences.count() == 1
    assert notice.person.owner == partner
    assert sorted(notice.person.names.values_list("full_name", flat=True)) == ["KIM Min-jun", "김민준"]
    assert notice.person.documents.get().number == "M12345678"
    assert shared_with(home) == [notice]
    share = Share.objects.get(agency=home, object_id=str(notice.pk), content_type__model="notice")
    assert (share.handling_code, share.tlp) == ("H2", "AMBER")
    came_from = origin.of(notice)
    assert came_from is not None and came_from.partner == paired and came_from.remote_id == "501"
    envelope = Envelope.objects.get(direction=Direction.IN)
    assert envelope.state == EnvelopeState.APPLIED and envelope.attempts == 1
    applied = AuditEvent.objects.filter(action="federation.apply")
    assert applied.count() == 1 and applied.get().channel == "federation"
    created = AuditEvent.objects.get(action="notice.create")
    assert created.channel == "federation" and created.actor_name == "node.kr-knpa.kr-knpa"


def test_the_receipt_is_signed_by_this_node_for_this_envelope(
    paired: PartnerNode, fake: FakeNode, post_inbox: Any
) -> None:
    from liaison.federation import envelopes, keys, signing
    from liaison.federation.models import NodeKey

    message = fake.message(fake.content("desk.notice.share", notice_payload()))
    receipt = post_inbox(message).json()["receipt"]

    own = [(k.kid, keys.load_public(k.public_jwk)) for k in NodeKey.objects.all()]
    _kid, content = signing.verify(receipt, own, typ=envelopes.RECEIPT_TYP)
    assert content["node"] == "VN-MPS" and content["digest"] == signing.sha256_hex(message["envelope"].encode())


def test_withdrawing_the_share_takes_the_copy_out_of_the_recipients_reach(
    paired: PartnerNode, fake: FakeNode, home: Agency, post_inbox: Any
) -> None:
    from liaison.core import access
    from tests.factories import UserFactory

    officer = UserFactory(agency=home, roles=["desk_officer"])
    post_inbox(fake.message(fake.content("desk.notice.share", notice_payload())))
    assert access.restrict(Notice.objects.all(), officer).count() == 1
    assert access.restrict(Person.objects.all(), officer).count() == 1

    answer = post_inbox(fake.message(fake.content("desk.notice.unshare", {"id": "501"})))

    assert answer.status_code == 200, answer.json()
    assert access.restrict(Notice.objects.all(), officer).count() == 0
    assert access.restrict(Person.objects.all(), officer).count() == 0
    assert AuditEvent.objects.filter(action="notice.unshare", channel="federation").count() == 1


def test_a_second_share_updates_the_copy(paired: PartnerNode, fake: FakeNode, post_inbox: Any) -> None:
    post_inbox(fake.message(fake.content("desk.notice.share", notice_payload())))
    changed = notice_payload(status="suspended")
    changed["notice"]["summary"] = "Now in Hanoi."

    answer = post_inbox(fake.message(fake.content("desk.notice.share", changed, handling=("H1", "RED"))))

    assert answer.status_code == 200, answer.json()
    notice = Notice.objects.get()
    assert (notice.summary, notice.status) == ("Now in Hanoi.", "suspended")
    assert Share.objects.get(object_id=str(notice.pk), content_type__model="notice").handling_code == "H1"


def refused(answer: Any, status: int, code: str) -> None:
    assert answer.status_code == status, answer.content
    assert answer.json()["code"] == code
    assert InboxRefusal.objects.filter(reason=code).exists()
    assert AuditEvent.objects.filter(action="federation.refuse", after__reason=code).exists()
    assert not Notice.objects.exists()


def test_a_tampered_envelope_is_refused(paired: PartnerNode, fake: FakeNode, post_inbox: Any) -> None:
    message = fake.message(fake.content("desk.notice.share", notice_payload()))
    head, _body, signature = message["envelope"].split(".")
    other = fake.message(fake.content("desk.notice.share", notice_payload(name="박서준")))["envelope"].split(".")[1]
    message["envelope"] = ".".join([head, other, signature])
    refused(post_inbox(message), 403, "bad_signature")


def test_an_unsigned_envelope_is_refused(paired: PartnerNode, fake: FakeNode, post_inbox: Any) -> None:
    import base64

    content = fake.content("desk.notice.share", notice_payload())
    encoded = base64.urlsafe_b64encode(json.dumps(content).encode()).decode().rstrip("=")
    head = base64.urlsafe_b64encode(b'{"alg":"none"}').decode().rstrip("=")
    refused(post_inbox({"envelope": f"{head}.{encoded}."}), 403, "bad_signature")
    refused(post_inbox({"envelope": "not a jws"}), 400, "malformed")


def test_an_unknown_node_is_refused(paired: PartnerNode, post_inbox: Any) -> None:
    stranger = FakeNode(node_id="CN-MPS", agency="CN-MPS")
    refused(post_inbox(stranger.message(stranger.content("desk.notice.share", notice_payload()))), 403, "unknown_node")


def test_a_known_node_signing_with_a_key_it_does_not_have_is_refused(
    paired: PartnerNode, fake: FakeNode, post_inbox: Any
) -> None:
    impostor = FakeNode()  # same node id, other keys
    refused(post_inbox(impostor.message(impostor.content("desk.notice.share", notice_payload()))), 403, "bad_signature")


def test_a_suspended_node_is_refused(paired: PartnerNode, fake: FakeNode, post_inbox: Any) -> None:
    actions.do_set_partner_status(paired, PartnerStatus.SUSPENDED, actor=system_actor())
    refused(post_inbox(fake.message(fake.content("desk.notice.share", notice_payload()))), 403, "suspended_node")


def test_a_replayed_id_with_other_content_is_refused(paired: PartnerNode, fake: FakeNode, post_inbox: Any) -> None:
    first = fake.content("desk.notice.share", notice_payload(), envelope_id="11111111-1111-1111-1111-111111111111")
    assert post_inbox(fake.message(first)).status_code == 200
    replay = fake.content("desk.notice.share", notice_payload("502"), envelope_id=first["id"])
    answer = post_inbox(fake.message(replay))
    assert answer.status_code == 409 and answer.json()["code"] == "replay"
    assert Notice.objects.count() == 1


def test_a_stale_envelope_is_refused(paired: PartnerNode, fake: FakeNode, post_inbox: Any) -> None:
    old = timezone.now() - datetime.timedelta(days=400)
    refused(post_inbox(fake.message(fake.content("desk.notice.share", notice_payload(), created=old))), 422, "stale")


def test_an_oversized_message_is_refused(paired: PartnerNode, fake: FakeNode, post_inbox: Any, settings: Any) -> None:
    settings.LIAISON_FEDERATION_MAX_BYTES = 2000
    refused(post_inbox(fake.message(fake.content("desk.notice.share", notice_payload()))), 413, "too_large")


def test_an_oversized_attachment_is_refused(
    paired: PartnerNode, fake: FakeNode, post_inbox: Any, settings: Any
) -> None:
    settings.LIAISON_FEDERATION_MAX_ATTACHMENT_BYTES = 10
    data = b"x" * 100
    content = fake.content("desk.notice.share", notice_payload(), attachments=[("a.png", data)])
    refused(post_inbox(fake.message(content, {content["attachments"][0]["sha256"]: data})), 413, "too_large")


def test_an_attachment_that_does_not_match_its_sha256_is_refused(
    paired: PartnerNode, fake: FakeNode, post_inbox: Any
) -> None:
    content = fake.content("desk.notice.share", notice_payload(), attachments=[("a.png", b"the photo")])
    message = fake.message(content, {content["attachments"][0]["sha256"]: b"another photo"})
    refused(post_inbox(message), 422, "attachment")


def test_a_malformed_body_is_refused(paired: PartnerNode, post_inbox: Any) -> None:
    refused(post_inbox(b"{not json"), 400, "malformed")
    refused(post_inbox([1, 2]), 400, "malformed")


def test_an_unknown_kind_is_refused(paired: PartnerNode, fake: FakeNode, post_inbox: Any) -> None:
    refused(post_inbox(fake.message(fake.content("desk.notice.explode", {"id": "1"}))), 422, "unknown_kind")


def test_a_malformed_payload_is_refused_by_its_kind(paired: PartnerNode, fake: FakeNode, post_inbox: Any) -> None:
    refused(post_inbox(fake.message(fake.content("desk.notice.share", {"id": "1"}))), 422, "bad_payload")


def test_a_recipient_agency_not_served_here_is_refused(paired: PartnerNode, fake: FakeNode, post_inbox: Any) -> None:
    other = Agency.objects.create(code="RU-MVD", name_native="МВД", name_en="MVD", short_name="MVD", kind="police")
    for code in ("KR-KNPA", other.code, "NOWHERE"):
        answer = post_inbox(fake.message(fake.content("desk.notice.share", notice_payload(), to_agency=code)))
        refused(answer, 422, "recipient_not_served")


def test_a_message_for_another_node_is_refused(paired: PartnerNode, fake: FakeNode, post_inbox: Any) -> None:
    refused(
        post_inbox(fake.message(fake.content("desk.notice.share", notice_payload(), to_node="CN-MPS"))),
        421,
        "not_for_us",
    )


def test_a_sending_agency_the_node_does_not_serve_is_refused(
    paired: PartnerNode, fake: FakeNode, home: Agency, post_inbox: Any
) -> None:
    answer = post_inbox(fake.message(fake.content("desk.notice.share", notice_payload(), from_agency=home.code)))
    refused(answer, 403, "sender_agency")


def test_a_handler_that_fails_leaves_the_envelope_failed_for_a_retry(
    paired: PartnerNode, fake: FakeNode, post_inbox: Any, node_admin: Any
) -> None:
    payload = notice_payload()
    payload["notice"]["legal_basis_kind"] = "none"  # a wanted notice without a legal basis: the desk refuses it
    answer = post_inbox(fake.message(fake.content("desk.notice.share", payload)))
    assert answer.status_code == 500 and answer.json()["code"] == "not_applied"
    envelope = Envelope.objects.get(direction=Direction.IN)
    assert envelope.state == EnvelopeState.FAILED and "legal basis" in envelope.last_error
    assert not Notice.objects.exists() and not Person.objects.exists()

    retried = actions.do_retry_envelope(envelope, actor=node_admin)  # the desk still refuses it
    assert retried.state == EnvelopeState.FAILED and retried.attempts == 2
    assert AuditEvent.objects.filter(action="envelope.retry").count() == 1


def test_the_inbox_answers_get_with_405(client: Any) -> None:
    assert client.get("/federation/inbox/").status_code == 405


def test_a_releasable_photo_arrives_checked_against_its_sha256(
    paired: PartnerNode, fake: FakeNode, post_inbox: Any
) -> None:
    import hashlib

    from tests.people.factories import png_bytes

    data = png_bytes(colour=(10, 20, 30))
    digest = hashlib.sha256(data).hexdigest()
    payload = notice_payload()
    payload["person"]["photos"] = [{"sha256": digest, "caption": "2024 passport photo", "taken_on": "2024"}]
    content = fake.content("desk.notice.share", payload, attachments=[("kim.png", data)])

    answer = post_inbox(fake.message(content, {digest: data}))

    assert answer.status_code == 200, answer.json()
    photo = Person.objects.get().photos.get()
    assert (photo.sha256, photo.caption, photo.releasable) == (digest, "2024 passport photo", True)
    with photo.image.open("rb") as handle:
        assert handle.read() == data


def test_the_copy_follows_the_senders_cancellation(
    paired: PartnerNode, fake: FakeNode, home: Agency, post_inbox: Any
) -> None:
    post_inbox(fake.message(fake.content("desk.notice.share", notice_payload())))
    cancelled = notice_payload(status="cancelled")
    cancelled["notice"]["status_reason"] = "Arrested in Seoul."

    answer = post_inbox(fake.message(fake.content("desk.notice.share", cancelled)))

    assert answer.status_code == 200, answer.json()
    notice = Notice.objects.get()
    assert (notice.status, notice.status_reason) == ("cancelled", "Arrested in Seoul.")
    assert AuditEvent.objects.filter(action="notice.transition", channel="federation", after__status="cancelled")


def test_a_cancelled_notice_that_never_arrived_writes_nothing(
    paired: PartnerNode, fake: FakeNode, post_inbox: Any
) -> None:
    answer = post_inbox(fake.message(fake.content("desk.notice.share", notice_payload(status="cancelled"))))
    assert answer.status_code == 200 and not Notice.objects.exists() and not Person.objects.exists()


def test_a_suspended_notice_arrives_suspended(paired: PartnerNode, fake: FakeNode, post_inbox: Any) -> None:
    suspended = notice_payload(status="suspended")
    suspended["notice"]["status_reason"] = "Identity being checked."
    assert post_inbox(fake.message(fake.content("desk.notice.share", suspended))).status_code == 200
    assert Notice.objects.get().status == "suspended"
