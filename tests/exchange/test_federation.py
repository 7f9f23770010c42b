"""A message to a remote partner travels as federation envelopes; one from a partner node arrives in our inbox;
receipts, replies, permission requests and recalls travel back (the partner node played by the test)."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from liaison.agencies.models import Agency
from liaison.core import access
from liaison.core.models import AuditEvent
from liaison.exchange import actions, queries
from liaison.exchange.models import Message, PermissionRequest, Recipient
from liaison.federation.choices import Direction
from liaison.federation.models import Envelope, PartnerNode
from tests.federation.helpers import FakeNode

pytestmark = pytest.mark.django_db


def sent(kind: str) -> list[Envelope]:
    return list(Envelope.objects.filter(direction=Direction.OUT, kind=kind).order_by("pk"))


def incoming(reference: str = "MSG-KR-KNPA-2026-0042", **extra: Any) -> dict[str, Any]:
    return {
        "reference": reference, "in_reply_to": "", "thread": "", "recipients": ["VN-MPS"],
        "sent_at": timezone.now().isoformat(), "kind": "request", "subject": "보이스피싱 조직 정보 요청",
        "body": "하노이 콜센터에 관한 정보를 요청합니다.", "language": "ko", "crime_areas": ["telecom_fraud"],
        "source_reliability": "B", "information_accuracy": "2", "priority": "urgent",
        "reply_by": (timezone.localdate() + datetime.timedelta(days=7)).isoformat(),
        "translations": [{"language": "vi", "subject": "Yêu cầu thông tin", "body": "Đề nghị cung cấp thông tin.",
                          "translator": "KNPA", "translated_at": timezone.now().isoformat(), "certified": False}],
        "links": [], "indicators": [{"kind": "phone", "value": "+82 10 0000 0000"}], **extra,
    }  # fmt: skip


def test_our_h2_request_travels_to_the_remote_partner_and_its_receipts_come_back(
    paired: PartnerNode, fake: FakeNode, home: Agency, partner: Agency, officer: Any, post_inbox: Any
) -> None:
    data = {"kind": "request", "subject": "Số điện thoại", "body": "Xin xác minh.", "language": "vi",
            "handling_code": "H2", "tlp": "AMBER"}  # fmt: skip
    message = actions.do_create_message(data, recipients=[partner], actor=officer)
    actions.do_add_attachment(message, SimpleUploadedFile("n.txt", b"+84 912"), actor=officer)
    actions.do_submit_message(message, actor=officer)
    [envelope] = sent("exchange.message.send")
    assert envelope.payload["reference"] == message.reference and envelope.handling_code == "H2"
    assert envelope.attachments.get().data == b"+84 912"
    assert Recipient.objects.get(message=message).delivered_at is None  # until the partner says so

    for what in ("delivered", "acknowledged", "read"):
        payload = {"reference": message.reference, "what": what, "at": timezone.now().isoformat()}
        answer = post_inbox(fake.message(fake.content("exchange.message.receipt", payload)))
        assert answer.status_code == 200, answer.json()
    row = Recipient.objects.get(message=message)
    assert row.delivered_at and row.acknowledged_at and row.read_at
    assert AuditEvent.objects.filter(action="message.receipt_read", channel="federation").exists()

    reply = incoming("MSG-KR-KNPA-2026-0043", kind="reply", in_reply_to=message.reference, thread=message.reference)
    assert post_inbox(fake.message(fake.content("exchange.message.send", reply))).status_code == 200
    answered = Message.objects.get(reference="MSG-KR-KNPA-2026-0043")
    assert answered.in_reply_to == message and answered.thread == message
    assert Recipient.objects.get(message=message).replied_at is not None

    actions.do_recall_message(message, note="Sent in error.", actor=officer)
    assert sent("exchange.message.recall")[0].payload == {"reference": message.reference}


def test_a_partners_message_arrives_in_our_inbox_and_our_steps_travel_back(
    paired: PartnerNode, fake: FakeNode, home: Agency, partner: Agency, officer: Any, post_inbox: Any
) -> None:
    message_in = fake.message(fake.content("exchange.message.send", incoming()))
    assert post_inbox(message_in).status_code == 200
    assert post_inbox(message_in).json()["status"] == "duplicate"
    message = Message.objects.get()
    assert message.owner == partner and message.handling_code == "H2" and message.translations.get().language == "vi"
    assert access.restrict(Message.objects.all(), officer).get() == message
    assert [(i.kind, i.value) for i in message.indicators.all()] == [("phone", "+82 10 0000 0000")]
    assert [e.payload["what"] for e in sent("exchange.message.receipt")] == ["delivered"]
    found = lambda q: list(queries.search_messages(access.restrict(Message.objects.all(), officer), q))  # noqa: E731
    assert found("콜센터") == found("yeu cau thong tin") == found("+82 10 0000 0000") == [message]  # indexed

    actions.record_read(message, actor=officer)
    actions.do_acknowledge_message(message, actor=officer)
    assert [e.payload["what"] for e in sent("exchange.message.receipt")] == ["delivered", "read", "acknowledged"]
    reply = actions.do_submit_message(actions.do_reply_message(message, {"body": "Đã xác minh."}, actor=officer),
                                      actor=officer)  # fmt: skip
    [out] = sent("exchange.message.send")
    assert out.payload["in_reply_to"] == message.reference and out.payload["reference"] == reply.reference

    third = Agency.objects.create(code="RU-MVD", name_native="МВД", name_en="MVD", short_name="MVD", kind="police")
    request = actions.do_request_permission(message, purpose="forward", third_agency=third, reason="Suspect moved.",
                                            actor=officer)  # fmt: skip
    [asked] = sent("exchange.permission.request")
    assert asked.payload["third_agency"] == "RU-MVD" and asked.payload["request"] == str(request.pk)
    answer = {"reference": message.reference, "request": str(request.pk), "status": "granted", "answer": "OK"}
    assert post_inbox(fake.message(fake.content("exchange.permission.answer", answer))).status_code == 200
    assert PermissionRequest.objects.get().status == "granted"
    assert actions.forward_refusal(message, home.pk, third) == ""

    recall = fake.message(fake.content("exchange.message.recall", {"reference": message.reference}))
    assert post_inbox(recall).status_code == 200
    assert not access.restrict(Message.objects.filter(pk=message.pk), officer).exists()


def test_a_partners_permission_request_reaches_our_message(
    paired: PartnerNode, fake: FakeNode, home: Agency, partner: Agency, officer: Any, post_inbox: Any
) -> None:
    message = actions.do_create_message({"subject": "s", "handling_code": "H1", "tlp": "AMBER"}, recipients=[partner],
                                        actor=officer)  # fmt: skip
    actions.do_submit_message(message, actor=officer)
    payload = {"reference": message.reference, "request": "77", "purpose": "court", "reason": "Trial in Seoul."}
    assert post_inbox(fake.message(fake.content("exchange.permission.request", payload))).status_code == 200
    request = PermissionRequest.objects.get()
    assert request.agency == partner and request.message == message
    actions.do_answer_permission(request, grant=True, answer="Granted.", actor=officer)
    [answer] = sent("exchange.permission.answer")
    assert answer.payload["request"] == "77" and answer.payload["status"] == "granted"
