"""The consular notification between two nodes (in process: our node, and a partner node played by the test).

A foreign national arrested here produces a notification due to the partner's consulate; recorded, it travels to
the partner's node as a signed envelope (without the family contact), is delivered, and the partner's
acknowledgement comes back and meets it. The other way round, a partner's notification opens our case about our
national held there, and our node answers with its acknowledgement."""

from __future__ import annotations

import json
from typing import Any

import pytest

from liaison.agencies.models import Agency
from liaison.consular.actions import do_record_notification
from liaison.consular.models import ConsularCase
from liaison.core.models import AuditEvent
from liaison.federation import delivery
from liaison.federation.choices import Direction, EnvelopeState
from liaison.federation.models import Envelope, PartnerNode
from tests.consular.conftest import days_ago
from tests.federation.helpers import FakeNode, notice_payload

pytestmark = pytest.mark.django_db


def sent(kind: str) -> list[Envelope]:
    return list(Envelope.objects.filter(direction=Direction.OUT, kind=kind).order_by("pk"))


def test_a_foreign_national_arrested_here_is_notified_to_the_partner_node_and_acknowledged(
    paired: PartnerNode, fake: FakeNode, partner: Agency, officer: Any, open_case: Any, post_inbox: Any,
    monkeypatch: Any,
) -> None:  # fmt: skip
    case = open_case(occurred_on=days_ago(1), lawyer="Lawyer Tran")
    assert case.notification_due is not None and case.notified_on is None
    assert not sent("consular.notification.send")  # nothing travels before the officer notifies

    do_record_notification(case, actor=officer, note="Faxed and sent through the node.")
    [envelope] = sent("consular.notification.send")
    payload = envelope.payload
    assert payload["reference"] == case.reference and payload["situation"] == "arrested"
    assert payload["person"]["names"][0]["full_name"] == "김민준" and payload["lawyer"] == "Lawyer Tran"
    assert "family_contact" not in json.dumps(payload) and "+82 10" not in json.dumps(payload)
    assert "Internal: picked up" not in json.dumps(payload)  # the summary stays here

    posted: list[dict[str, Any]] = []

    def post(url: str, data: bytes) -> tuple[int, dict[str, Any]]:
        message = json.loads(data)
        posted.append(message)
        return 200, fake.answer(message)

    monkeypatch.setattr(delivery, "post", post)
    assert delivery.deliver(envelope) == delivery.DELIVERED
    envelope.refresh_from_db()
    assert envelope.state == EnvelopeState.DELIVERED and posted[0]["envelope"] == envelope.signed

    ack = {"reference": "CC-KR-KNPA-2026-0042", "partner_reference": case.reference}
    answer = post_inbox(fake.message(fake.content("consular.notification.ack", ack)))
    assert answer.status_code == 200, answer.json()
    case.refresh_from_db()
    assert case.acknowledged_on is not None and case.partner_reference == "CC-KR-KNPA-2026-0042"
    assert case.events.filter(kind="acknowledged").exists()
    assert AuditEvent.objects.filter(action="consular_case.acknowledge", channel="federation").exists()


def test_a_partners_notification_opens_our_case_and_is_acknowledged(
    paired: PartnerNode, fake: FakeNode, home: Agency, partner: Agency, post_inbox: Any
) -> None:
    person = notice_payload()["person"] | {"nationalities": ["VN"]}
    payload = {
        "reference": "CC-KR-KNPA-2026-0007",
        "person": person,
        "situation": "arrested",
        "occurred_on": days_ago(2).isoformat(),
        "place": "Busan",
        "facility": {"name": "Busan Detention Centre", "address": "Sasang-gu", "phone": "+82 51 000"},
        "authority": "Busan Metropolitan Police",
        "charges": "Illegal stay",
        "crime_area": "illegal_migration",
        "lawyer": "",
        "consent_notify": "requested",
    }
    message = fake.message(fake.content("consular.notification.send", payload))
    assert post_inbox(message).status_code == 200
    assert post_inbox(message).json()["status"] == "duplicate"
    case = ConsularCase.objects.get()
    assert (case.owner, case.partner, case.direction, case.status) == (home, partner, "abroad", "notified")
    assert case.partner_reference == "CC-KR-KNPA-2026-0007" and case.notified_on is not None
    assert "Busan Detention Centre" in case.place and case.first_visit_due is not None
    [ack] = sent("consular.notification.ack")
    assert ack.payload == {"reference": case.reference, "partner_reference": "CC-KR-KNPA-2026-0007"}


def test_a_hosted_partner_gets_no_envelope_and_reads_the_case_here(
    node: Any, home: Agency, officer: Any, open_case: Any, api_client: Any
) -> None:
    from tests.factories import UserFactory

    hosted = Agency.objects.create(
        code="RU-MVD", country="RU", name_native="МВД", name_en="MVD", short_name="MVD", kind="police"
    )
    case = open_case(partner=hosted)
    do_record_notification(case, actor=officer)
    assert not Envelope.objects.exists()
    reader = UserFactory(agency=hosted, roles=["desk_officer"])
    body = api_client(reader).get(f"/api/consular-cases/{case.pk}/").json()
    assert body["reference"] == case.reference and "family_contact" not in body


def test_an_acknowledgement_for_no_case_here_fails(paired: PartnerNode, fake: FakeNode, post_inbox: Any) -> None:
    ack = {"reference": "CC-KR-1", "partner_reference": "CC-NONE"}
    answer = post_inbox(fake.message(fake.content("consular.notification.ack", ack)))
    assert answer.status_code == 500 and "No consular case here" in answer.json()["reason"]
