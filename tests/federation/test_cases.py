"""The fugitive case between two desks: our request opens the mirrored case on the partner's node, linked by both
references; each side's timeline entries reach the other side's timeline."""

from __future__ import annotations

from typing import Any

import pytest

from liaison.agencies.models import Agency
from liaison.core.models import AuditEvent
from liaison.desk.actions import do_add_case_note, do_create_case, do_transition_case
from liaison.desk.models import CaseEvent, FugitiveCase
from liaison.federation import origin
from liaison.federation.choices import Direction
from liaison.federation.models import Envelope, PartnerNode
from liaison.people.models import Person
from tests.factories import UserFactory
from tests.federation.helpers import FakeNode, notice_payload
from tests.people.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(home: Agency) -> Any:
    return UserFactory(agency=home, roles=["desk_officer"])


def sent(kind: str) -> list[Envelope]:
    return list(Envelope.objects.filter(direction=Direction.OUT, kind=kind).order_by("pk"))


def test_our_request_and_its_timeline_travel_to_the_partner(
    paired: PartnerNode, partner: Agency, home: Agency, officer: Any
) -> None:
    person = PersonFactory(owner=home, names=["Lê Văn Cường"])
    case = do_create_case(
        {"person": person, "partner": partner, "direction": "outgoing", "summary": "Fled to Busan."},
        actor=officer,
        note="Request sent by the desk.",
    )
    do_transition_case(case, "tracing", actor=officer, note="Tracing started.")
    do_add_case_note(case, note="Phone number passed on.", actor=officer)

    request = sent("desk.case.request")
    assert len(request) == 1 and request[0].payload["reference"] == case.reference
    assert request[0].payload["person"]["names"][0]["full_name"] == "Lê Văn Cường"
    assert (
        request[0].payload["summary"] == "Fled to Busan." and request[0].payload["note"] == "Request sent by the desk."
    )
    events = [e.payload["event"] for e in sent("desk.case.event")]
    assert [(e["kind"], e["to_status"], e["note"]) for e in events] == [
        ("transition", "tracing", "Tracing started."),
        ("note", "", "Phone number passed on."),
    ]


def test_a_case_with_a_hosted_partner_sends_nothing(node: Any, home: Agency, officer: Any) -> None:
    hosted = Agency.objects.create(code="RU-MVD", name_native="МВД", name_en="MVD", short_name="MVD", kind="police")
    do_create_case({"person": PersonFactory(owner=home), "partner": hosted, "direction": "outgoing"}, actor=officer)
    assert not Envelope.objects.exists()


def request_payload(reference: str = "FC-KR-KNPA-2026-0007") -> dict[str, Any]:
    return {
        "reference": reference,
        "person": notice_payload()["person"],
        "priority": 1,
        "crime_area": "telecom_fraud",
        "summary": "Believed in Ho Chi Minh City.",
        "received_on": "2026-11-30",
        "note": "Please locate.",
    }


def test_a_partners_request_opens_the_mirrored_case_linked_by_both_references(
    paired: PartnerNode, fake: FakeNode, home: Agency, partner: Agency, post_inbox: Any
) -> None:
    message = fake.message(fake.content("desk.case.request", request_payload()))
    assert post_inbox(message).status_code == 200
    assert post_inbox(message).json()["status"] == "duplicate"

    case = FugitiveCase.objects.get()
    assert (case.owner, case.partner, case.direction, case.status) == (home, partner, "incoming", "received")
    assert case.partner_reference == "FC-KR-KNPA-2026-0007" and case.priority == 1
    assert case.person.owner == partner and str(case.person) == "김민준"
    assert case.events.get().note == "Please locate."
    officer = UserFactory(agency=home, roles=["desk_officer"])
    from liaison.core import access

    assert access.restrict(Person.objects.all(), officer).get() == case.person
    linked = sent("desk.case.event")
    assert len(linked) == 1 and linked[0].payload == {
        "reference": case.reference,
        "partner_reference": "FC-KR-KNPA-2026-0007",
        "event": {"kind": "linked"},
    }
    assert not sent("desk.case.request")  # the opening entry written for the partner is not sent back


def test_the_partners_entries_reach_our_timeline_and_ours_theirs(
    paired: PartnerNode, fake: FakeNode, home: Agency, post_inbox: Any
) -> None:
    post_inbox(fake.message(fake.content("desk.case.request", request_payload())))
    case = FugitiveCase.objects.get()
    event = {"kind": "transition", "from_status": "accepted", "to_status": "located", "note": "Seen in Busan."}
    answer = post_inbox(
        fake.message(
            fake.content("desk.case.event", {"reference": "FC-KR-KNPA-2026-0007", "event": event | {"place": "Busan"}})
        )
    )
    assert answer.status_code == 200, answer.json()
    note = case.events.order_by("pk").last()
    assert note is not None and note.kind == "note"
    assert "KNPA" in note.note and "Located" in note.note and "Seen in Busan. Busan" in note.note
    assert note.data["from_node"] == "KR-KNPA"
    assert AuditEvent.objects.filter(action="fugitive_case.note", channel="federation").exists()
    assert len(sent("desk.case.event")) == 1  # only "linked": the partner's entry is not echoed


def test_the_partners_reference_links_our_request(
    paired: PartnerNode, fake: FakeNode, partner: Agency, home: Agency, officer: Any, post_inbox: Any
) -> None:
    case = do_create_case(
        {"person": PersonFactory(owner=home), "partner": partner, "direction": "outgoing"}, actor=officer
    )
    linked = {"reference": "FC-KR-KNPA-2026-0099", "partner_reference": case.reference, "event": {"kind": "linked"}}
    assert post_inbox(fake.message(fake.content("desk.case.event", linked))).status_code == 200
    case.refresh_from_db()
    assert case.partner_reference == "FC-KR-KNPA-2026-0099"
    came_from = origin.of(case)
    assert came_from is not None and came_from.remote_id == "FC-KR-KNPA-2026-0099"


def test_an_entry_for_no_case_here_fails_and_can_be_retried(
    paired: PartnerNode, fake: FakeNode, post_inbox: Any
) -> None:
    orphan = {"reference": "FC-KR-KNPA-2026-0001", "partner_reference": "FC-NONE", "event": {"kind": "note"}}
    answer = post_inbox(fake.message(fake.content("desk.case.event", orphan)))
    assert answer.status_code == 500 and "No case here" in answer.json()["reason"]
    assert not CaseEvent.objects.exists()


def test_a_case_recorded_before_the_pairing_sends_nothing_after_it(
    node: Any, fake: FakeNode, partner: Agency, home: Agency, officer: Any
) -> None:
    from liaison.agencies.system import system_actor
    from liaison.federation import actions, nodes

    case = do_create_case(
        {"person": PersonFactory(owner=home), "partner": partner, "direction": "outgoing"}, actor=officer
    )
    actions.do_pair_node(fake.card(), fingerprint=nodes.fingerprint(fake.card()), actor=system_actor())
    do_transition_case(case, "tracing", actor=officer, note="Tracing started.")
    assert not Envelope.objects.exists()  # the partner's node has no case to put it on
