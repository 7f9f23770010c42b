"""Deciding hits: the reason, the remembered decision, and the fugitive case a confirmed hit opens or updates."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from liaison.core.models import AuditEvent
from liaison.core.permissions import ANALYST
from liaison.desk.choices import CaseDirection, CaseEventKind, CaseStatus
from liaison.desk.models import FugitiveCase
from liaison.screening.models import Decision, Hit, HitDecision
from tests.desk.factories import FugitiveCaseFactory
from tests.helpers import assert_audited
from tests.screening.factories import Desk, HitFactory, ScreeningListFactory, ScreeningRunFactory

pytestmark = pytest.mark.django_db


def make_hit(desk: Desk, person: Any, notice: Any, **kwargs: Any) -> Hit:
    screening_list = ScreeningListFactory(owner=desk.home, name="Nội Bài arrivals 12 May", uploaded_by=desk.officer)
    run = ScreeningRunFactory(screening_list=screening_list, requested_by=desk.officer)
    return HitFactory(run=run, person=person, notice=notice, **kwargs)  # type: ignore[no-any-return]


def decide(
    client: Any, hit: Hit, decision: str, reason: str = "Same face on the passport photo", follow: bool = False
) -> Any:
    url = reverse("screening_hit_decide", kwargs={"pk": hit.pk})
    return client.post(url, {"decision": decision, "reason": reason}, follow=follow)


def test_confirming_a_hit_on_a_partners_notice_opens_an_incoming_case_located(desk: Desk, page_client: Any) -> None:
    hit = make_hit(desk, desk.kr, desk.kr_notice, row={"names": ["김민준"], "birth_date": "1990-11-02"}, row_number=14)
    client = page_client(desk.officer)
    response = decide(client, hit, "confirmed")
    assert response.status_code == 302
    assert response["Location"] == reverse("screening_run_detail", kwargs={"pk": hit.run_id}) + f"#hit-{hit.pk}"
    hit.refresh_from_db()
    case = FugitiveCase.objects.get()
    assert hit.case == case and hit.decision == Decision.CONFIRMED and hit.decided_by == desk.officer
    assert case.owner == desk.home and case.person == desk.kr and case.notice == desk.kr_notice
    assert case.partner == desk.partner and case.direction == CaseDirection.INCOMING
    assert case.status == CaseStatus.LOCATED and case.acknowledged_on is not None
    assert case.last_location == "List “Nội Bài arrivals 12 May”, row 14"
    kinds = list(case.events.values_list("kind", "to_status"))
    assert kinds[0] == (CaseEventKind.OPENED, CaseStatus.RECEIVED)
    assert (CaseEventKind.SCREENING_HIT, "") in kinds and kinds[-1] == (CaseEventKind.TRANSITION, CaseStatus.LOCATED)
    note = case.events.get(kind=CaseEventKind.SCREENING_HIT)
    assert "row 14" in note.note and "김민준" in note.note and "Same face on the passport photo" in note.note
    assert note.data["hit"] == hit.pk and note.data["listed"]["names"] == ["김민준"]
    event = assert_audited("hit.decide", obj=hit, actor=desk.officer, channel="ui")
    assert event.after["case"] == case.pk and event.after["case_outcome"] == "opened"
    assert AuditEvent.objects.filter(action="fugitive_case.create", object_id=str(case.pk)).exists()
    remembered = HitDecision.objects.get()
    assert (remembered.owner, remembered.person, remembered.fingerprint, remembered.decision) == (
        desk.home,
        desk.kr,
        hit.fingerprint,
        Decision.CONFIRMED,
    )
    page = client.get(response["Location"].split("#")[0]).content.decode()
    assert case.reference in page and reverse("fugitive_case_detail", kwargs={"pk": case.pk}) in page
    follow = client.get(reverse("fugitive_case_detail", kwargs={"pk": case.pk}))
    assert follow.status_code == 200 and "Screening hit confirmed" in follow.content.decode()


def test_a_second_confirmed_hit_updates_the_open_case(desk: Desk, page_client: Any) -> None:
    client = page_client(desk.officer)
    first = make_hit(desk, desk.kr, desk.kr_notice, row_number=3)
    decide(client, first, "confirmed")
    case = FugitiveCase.objects.get()
    second = make_hit(desk, desk.kr, desk.kr_notice, row_number=41, row={"names": ["KIM MIN-JUN"]})
    response = decide(client, second, "confirmed", reason="Seen at the hotel desk", follow=True)
    assert f"Fugitive case {case.reference} updated." in response.content.decode()
    second.refresh_from_db()
    assert FugitiveCase.objects.count() == 1 and second.case == case
    notes = case.events.filter(kind=CaseEventKind.SCREENING_HIT).order_by("pk")
    assert notes.count() == 2 and "row 41" in notes[1].note and "KIM MIN-JUN" in notes[1].note
    case.refresh_from_db()
    assert case.status == CaseStatus.LOCATED
    assert assert_audited("hit.decide", obj=second).after["case_outcome"] == "updated"


def test_an_open_case_in_tracing_moves_to_located(desk: Desk, page_client: Any) -> None:
    case = FugitiveCaseFactory(
        owner=desk.home, person=desk.vn, partner=desk.partner, status=CaseStatus.TRACING, direction="outgoing"
    )
    hit = make_hit(desk, desk.vn, desk.vn_notice)
    decide(page_client(desk.officer), hit, "confirmed")
    case.refresh_from_db()
    assert case.status == CaseStatus.LOCATED and "row" in case.last_location
    assert FugitiveCase.objects.count() == 1
    assert case.events.filter(kind=CaseEventKind.SCREENING_HIT).count() == 1


def test_a_received_case_gets_the_note_but_keeps_its_state(desk: Desk, page_client: Any) -> None:
    case = FugitiveCaseFactory(owner=desk.home, person=desk.kr, partner=desk.partner, status=CaseStatus.RECEIVED)
    hit = make_hit(desk, desk.kr, desk.kr_notice)
    decide(page_client(desk.officer), hit, "confirmed")
    case.refresh_from_db()
    assert case.status == CaseStatus.RECEIVED
    assert case.events.filter(kind=CaseEventKind.SCREENING_HIT).count() == 1


def test_our_own_notice_shared_with_a_partner_opens_an_outgoing_case(desk: Desk, api_client: Any) -> None:
    desk.share_vn_notice()
    hit = make_hit(desk, desk.vn, desk.vn_notice)
    response = api_client(desk.officer).post(
        reverse("screening-hit-decide", kwargs={"pk": hit.pk}),
        {"decision": "confirmed", "reason": "Fingerprints match"},
        format="json",
    )
    assert response.status_code == 200, response.content
    body = response.json()
    case = FugitiveCase.objects.get()
    assert body["case"] == case.pk and body["case_outcome"] == "opened" and body["decision"] == "confirmed"
    assert case.partner == desk.partner and case.direction == CaseDirection.OUTGOING
    assert case.status == CaseStatus.LOCATED
    assert_audited("hit.decide", obj=hit, actor=desk.officer, channel="api")


def test_a_partner_notice_in_our_register_opens_a_case_with_its_issuing_agency(desk: Desk, page_client: Any) -> None:
    hit = make_hit(desk, desk.ru, desk.ru_notice)
    decide(page_client(desk.officer), hit, "confirmed")
    case = FugitiveCase.objects.get()
    assert case.partner == desk.russia and case.direction == CaseDirection.INCOMING
    assert case.partner_reference == ""


def test_our_notice_shared_with_nobody_records_the_decision_without_a_case(desk: Desk, page_client: Any) -> None:
    hit = make_hit(desk, desk.cn, desk.cn_notice)
    response = decide(page_client(desk.officer), hit, "confirmed", follow=True)
    assert "No fugitive case was opened" in response.content.decode()
    hit.refresh_from_db()
    assert hit.decision == Decision.CONFIRMED and hit.case is None
    assert not FugitiveCase.objects.exists()
    assert assert_audited("hit.decide", obj=hit).after["case_outcome"] == "no_partner"


def test_the_reason_is_required_and_nothing_is_written_without_it(desk: Desk, page_client: Any) -> None:
    hit = make_hit(desk, desk.kr, desk.kr_notice)
    client = page_client(desk.officer)
    before = AuditEvent.objects.count()
    response = decide(client, hit, "confirmed", reason="   ", follow=True)
    assert "Reason: This field is required." in response.content.decode()
    response = decide(client, hit, "maybe", follow=True)
    assert "Select a valid choice" in response.content.decode()
    hit.refresh_from_db()
    assert hit.decision == Decision.PENDING and not HitDecision.objects.exists() and not FugitiveCase.objects.exists()
    assert AuditEvent.objects.count() == before


def test_deciding_needs_the_role(desk: Desk, make_user: Any, page_client: Any, api_client: Any) -> None:
    hit = make_hit(desk, desk.kr, desk.kr_notice)
    analyst = make_user(ANALYST)
    client, api = page_client(analyst), api_client(analyst)
    before = AuditEvent.objects.count()
    assert decide(client, hit, "confirmed").status_code == 404
    response = api.post(
        reverse("screening-hit-decide", kwargs={"pk": hit.pk}), {"decision": "confirmed", "reason": "x"}, format="json"
    )
    assert response.status_code == 403 and response.json()["error"]["message"]
    assert AuditEvent.objects.count() == before and not FugitiveCase.objects.exists()
    page = client.get(reverse("screening_run_detail", kwargs={"pk": hit.run_id})).content.decode()
    assert "screening_hit_decide" not in page and 'name="decision"' not in page  # the analyst sees no buttons


def test_a_decision_changed_later_updates_the_remembered_one(desk: Desk, page_client: Any) -> None:
    hit = make_hit(desk, desk.cn, desk.cn_notice)
    client = page_client(desk.officer)
    decide(client, hit, "unsure", reason="Needs the photo")
    decide(client, hit, "not_match", reason="Photo shows another man")
    remembered = HitDecision.objects.get()
    assert remembered.decision == Decision.NOT_MATCH and remembered.reason == "Photo shows another man"
    event = assert_audited("hit.decide", obj=hit, actor=desk.officer)
    assert event.before["decision"] == "unsure" and event.after["decision"] == "not_match"


def test_the_hits_page_filters_by_decision(desk: Desk, page_client: Any) -> None:
    first = make_hit(desk, desk.kr, desk.kr_notice)
    second = HitFactory(run=first.run, person=desk.cn, notice=desk.cn_notice, row={"names": ["张晓明"]})
    client = page_client(desk.officer)
    decide(client, second, "not_match", reason="Different person")
    url = reverse("screening_run_detail", kwargs={"pk": first.run_id})
    pending = client.get(url + "?decision=pending").context["hits"]
    ruled_out = client.get(url + "?decision=not_match").context["hits"]
    assert [item["hit"].pk for item in pending] == [first.pk]
    assert [item["hit"].pk for item in ruled_out] == [second.pk]
    counts = {d["value"]: d["count"] for d in client.get(url).context["decisions"]}
    assert counts == {"pending": 1, "confirmed": 0, "not_match": 1, "unsure": 0}
    api = client.get(reverse("screening-hit-list") + f"?run={first.run_id}&decision=not_match")
    assert api.status_code == 200 and [row["id"] for row in api.json()["results"]] == [second.pk]
