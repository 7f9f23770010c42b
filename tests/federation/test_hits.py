"""A hit confirmed by screening on one side notifies the other side's case (issue 16, item 5): a hit on the copy of
a partner's notice opens our incoming case and, on the partner's node, its request about its own person (or
links the one it has); the hit itself reaches the partner's timeline as "confirmed a screening hit at <list, row>,
<date>"."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from liaison.agencies.models import Agency
from liaison.desk.actions import do_create_case, do_share_notice
from liaison.desk.models import FugitiveCase, Notice
from liaison.federation import origin
from liaison.federation.choices import Direction
from liaison.federation.models import Envelope, PartnerNode
from liaison.screening.actions import do_decide_hit
from tests.desk.factories import NoticeFactory
from tests.federation.helpers import FakeNode, notice_payload
from tests.screening.factories import HitFactory, ScreeningListFactory, ScreeningRunFactory

pytestmark = pytest.mark.django_db


def sent(kind: str) -> list[Envelope]:
    return list(Envelope.objects.filter(direction=Direction.OUT, kind=kind).order_by("pk"))


def confirm_hit(officer: Any, notice: Notice, row: int = 14) -> Any:
    screening_list = ScreeningListFactory(owner=officer.agency, name="Nội Bài arrivals 12 May", uploaded_by=officer)
    run = ScreeningRunFactory(screening_list=screening_list, requested_by=officer)
    hit = HitFactory(run=run, person=notice.person, notice=notice, row_number=row, row={"names": ["KIM MIN JUN"]})
    return do_decide_hit(hit, "confirmed", reason="Same passport number", actor=officer)


def test_a_hit_on_a_partners_notice_tells_the_partners_node(
    paired: PartnerNode, fake: FakeNode, officer: Any, post_inbox: Any, settings: Any, tmp_path: Any
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    assert post_inbox(fake.message(fake.content("desk.notice.share", notice_payload()))).status_code == 200
    copy = Notice.objects.get()

    hit = confirm_hit(officer, copy)

    case = FugitiveCase.objects.get()
    assert hit.case == case and (case.direction, case.status) == ("incoming", "located")
    [opened] = sent("desk.case.opened")
    assert opened.payload["reference"] == case.reference
    assert (opened.payload["person"], opened.payload["notice"]) == ("9001", "501")
    events = [e.payload["event"] for e in sent("desk.case.event")]
    hit_entry = next(e for e in events if e["kind"] == "screening_hit")
    assert hit_entry["place"] == "List “Nội Bài arrivals 12 May”, row 14"
    assert "Same passport number" in hit_entry["note"]
    assert [e["to_status"] for e in events if e["kind"] == "transition"] == ["accepted", "located"]
    assert all("listed" not in e and "data" not in e for e in events)  # the row as listed stays here

    # the partner's node links its case: our case takes its reference
    linked = {"reference": "FC-KR-KNPA-2026-0042", "partner_reference": case.reference, "event": {"kind": "linked"}}
    assert post_inbox(fake.message(fake.content("desk.case.event", linked))).status_code == 200
    case.refresh_from_db()
    assert case.partner_reference == "FC-KR-KNPA-2026-0042"


def test_a_hit_on_a_person_of_no_partner_node_sends_no_case(paired: PartnerNode, officer: Any, home: Agency) -> None:
    hosted = Agency.objects.create(code="RU-MVD", name_native="МВД", name_en="MVD", short_name="MVD", kind="police")
    notice = NoticeFactory(owner=hosted, issuing_agency=hosted)
    from tests.people.factories import share_with

    share_with(notice, home)
    confirm_hit(officer, notice)
    assert not Envelope.objects.exists()


def opened_payload(person: Any, notice: Any, reference: str = "FC-KR-KNPA-2026-0042") -> dict[str, Any]:
    return {
        "reference": reference,
        "person": str(person.pk),
        "notice": str(notice.pk),
        "notice_reference": notice.reference,
        "priority": 2,
        "crime_area": "economic",
        "received_on": str(timezone.localdate()),
        "note": "Found by screening.",
    }


def hit_entry(place: str = "List “Incheon arrivals”, row 7") -> dict[str, Any]:
    return {
        "kind": "screening_hit",
        "from_status": "",
        "to_status": "",
        "note": "Screening hit confirmed: row 7.",
        "place": place,
        "occurred_at": "2026-12-01T03:30:00+00:00",
    }


def test_the_partners_hit_on_our_person_opens_our_request_and_reaches_its_timeline(
    paired: PartnerNode, fake: FakeNode, partner: Agency, officer: Any, post_inbox: Any
) -> None:
    notice = NoticeFactory(owner=officer.agency)
    do_share_notice(notice, partner, handling_code="H1", actor=officer)
    message = fake.message(fake.content("desk.case.opened", opened_payload(notice.person, notice)))
    assert post_inbox(message).status_code == 200
    assert post_inbox(message).json()["status"] == "duplicate"

    case = FugitiveCase.objects.get()
    assert (case.owner, case.partner, case.direction) == (officer.agency, partner, "outgoing")
    assert (case.person, case.notice, case.partner_reference) == (notice.person, notice, "FC-KR-KNPA-2026-0042")
    assert [e.payload["event"] for e in sent("desk.case.event")] == [{"kind": "linked"}]

    event = {"reference": "FC-KR-KNPA-2026-0042", "partner_reference": case.reference, "event": hit_entry()}
    assert post_inbox(fake.message(fake.content("desk.case.event", event))).status_code == 200
    note = case.events.order_by("pk").last()
    assert note is not None and note.note.startswith(
        "KNPA confirmed a screening hit at List “Incheon arrivals”, row 7, "
    )
    assert "2026-12-01" in note.note and "Screening hit confirmed: row 7." in note.note
    assert len(sent("desk.case.event")) == 1  # nothing echoed back


def test_the_partners_hit_links_our_open_request(
    paired: PartnerNode, fake: FakeNode, partner: Agency, officer: Any, post_inbox: Any
) -> None:
    notice = NoticeFactory(owner=officer.agency)
    do_share_notice(notice, partner, handling_code="H1", actor=officer)
    ours = do_create_case({"person": notice.person, "partner": partner, "direction": "outgoing"}, actor=officer)
    Envelope.objects.all().delete()  # what was sent before: not under test here

    post_inbox(fake.message(fake.content("desk.case.opened", opened_payload(notice.person, notice))))

    ours.refresh_from_db()
    assert FugitiveCase.objects.count() == 1 and ours.partner_reference == "FC-KR-KNPA-2026-0042"
    assert "KNPA opened its case FC-KR-KNPA-2026-0042" in ours.events.order_by("pk").last().note  # type: ignore[union-attr]
    came_from = origin.of(ours)
    assert came_from is not None and came_from.remote_id == "FC-KR-KNPA-2026-0042"


def test_a_case_opened_on_a_person_not_ours_fails(
    paired: PartnerNode, fake: FakeNode, partner: Agency, post_inbox: Any
) -> None:
    theirs = NoticeFactory(owner=partner)
    answer = post_inbox(fake.message(fake.content("desk.case.opened", opened_payload(theirs.person, theirs))))
    assert answer.status_code == 500 and "No person of ours" in answer.json()["reason"]
    assert not FugitiveCase.objects.exists()
