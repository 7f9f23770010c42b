"""Legal requests through the API: the extradition course from provisional arrest to execution, the clock of an MLA
request stopped by a request for information, approval blocked by a mandatory ground, every transition audited."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from liaison.agencies.models import Agency, User
from liaison.core.models import AuditEvent
from liaison.legal.models import LegalRequest, TreatyTerms
from tests.helpers import assert_audited
from tests.people.factories import PersonFactory

pytestmark = pytest.mark.django_db
LIST = reverse("legal-request-list")
FRAUD = {"description": "Fraud", "law": "Criminal Code", "article": "174", "max_penalty": "20 years",
         "partner_law": "Criminal Act", "partner_article": "347"}  # fmt: skip


def _url(pk: int, action: str = "") -> str:
    if action:
        return reverse(f"legal-request-{action}", kwargs={"pk": pk})
    return reverse("legal-request-detail", kwargs={"pk": pk})


def _fields(response: Any) -> dict[str, Any]:
    return response.json()["error"]["fields"]  # type: ignore[no-any-return]


def _move(client: Any, pk: int, to: str, note: str = "", **extra: Any) -> Any:
    return client.post(_url(pk, "transition"), {"to": to, "note": note, **extra}, format="json")


def _create(client: Any, partner: Agency, **data: Any) -> dict[str, Any]:
    payload = {"direction": "outgoing", "kind": "mla", "subkind": "taking_evidence", "partner": partner.pk, **data}
    response = client.post(LIST, payload, format="json")
    assert response.status_code == 201, response.json()
    return response.json()  # type: ignore[no-any-return]


def test_extradition_from_provisional_arrest_to_execution(
    api: Any, api_client: Callable[[User], Any], approver: User, home: Agency, partner: Agency, treaty: TreatyTerms
) -> None:
    person = PersonFactory(owner=home, nationalities=["VN"])
    arrest = _create(api, partner, kind="extradition", subkind="provisional_arrest", person=person.pk,
                     offences=[FRAUD])  # fmt: skip
    assert arrest["treaty"] == treaty.pk and arrest["status"] == "drafting"
    assert arrest["reference"].startswith(f"LR-{home.code}-")
    boss = api_client(approver)
    assert _move(api, arrest["id"], "legal_review").status_code == 200
    refused = _move(api, arrest["id"], "approved")
    assert refused.status_code == 403  # the legal officer reviews; the supervisor approves
    assert _move(boss, arrest["id"], "approved").status_code == 200
    sent = _move(api, arrest["id"], "sent").json()
    today = timezone.localdate()
    assert sent["acknowledge_by"] == str(today + datetime.timedelta(days=14))
    arrested = api.post(_url(arrest["id"], "arrest"), {"arrested_on": str(today)}, format="json")
    assert arrested.status_code == 200, arrested.json()
    assert arrested.json()["formal_request_due"] == str(today + datetime.timedelta(days=60))
    assert_audited("legal_request.arrest")

    formal = _create(api, partner, kind="extradition", subkind="formal_request", person=person.pk,
                     follows=arrest["id"], offences=[FRAUD])  # fmt: skip
    for step, client in (("legal_review", api), ("approved", boss), ("sent", api), ("acknowledged", api),
                         ("under_execution", api), ("executed", api)):  # fmt: skip
        response = _move(client, formal["id"], step)
        assert response.status_code == 200, (step, response.json())
    events = AuditEvent.objects.filter(action="legal_request.transition", object_id=str(formal["id"]))
    event = events.order_by("seq").last()
    assert event is not None and event.before == {"status": "under_execution"} and event.after["status"] == "executed"
    stored = LegalRequest.objects.get(pk=arrest["id"])
    assert stored.formal_request_made
    sent_event = stored.followed_by.get().events.get(to_status="sent")
    assert sent_event.data["formal_request_in_time"] is True
    assert LegalRequest.objects.get(pk=formal["id"]).closed_on == today
    assert not LegalRequest.objects.overdue().filter(pk=arrest["id"]).exists()


def test_an_mla_request_stops_its_clock_while_information_is_requested(
    api: Any, api_client: Callable[[User], Any], approver: User, partner: Agency, treaty: TreatyTerms
) -> None:
    request = _create(api, partner)
    _move(api, request["id"], "legal_review")
    _move(api_client(approver), request["id"], "approved")
    answer_by = _move(api, request["id"], "sent").json()["answer_by"]
    _move(api, request["id"], "acknowledged")
    missing_reason = _move(api, request["id"], "info_requested")
    assert missing_reason.status_code == 400 and "note" in _fields(missing_reason)
    stopped = _move(api, request["id"], "info_requested", note="Bank account holder's name").json()
    assert stopped["clock_stopped_on"] == str(timezone.localdate()) and stopped["resume_status"] == "acknowledged"
    assert not LegalRequest.objects.overdue(timezone.localdate() + datetime.timedelta(days=400)).exists()
    # Ten days pass while the partner waits for our answer.
    ten_days_ago = timezone.localdate() - datetime.timedelta(days=10)
    LegalRequest.objects.filter(pk=request["id"]).update(clock_stopped_on=ten_days_ago)
    wrong = _move(api, request["id"], "under_execution")
    assert wrong.status_code == 400 and "Acknowledged" in str(_fields(wrong))
    resumed = _move(api, request["id"], "acknowledged", note="Answered")
    assert resumed.status_code == 200, resumed.json()
    body = resumed.json()
    expected = datetime.date.fromisoformat(answer_by) + datetime.timedelta(days=10)
    assert body["answer_by"] == str(expected) and body["days_stopped"] == 10 and body["clock_stopped_on"] is None
    event = assert_audited("legal_request.transition")
    assert event.after["clock_stood_days"] == 10


def test_approval_is_blocked_when_the_treaty_bars_extraditing_own_nationals(
    api: Any, api_client: Callable[[User], Any], approver: User, home: Agency, partner: Agency, treaty: TreatyTerms
) -> None:
    national = PersonFactory(owner=home, nationalities=["VN"], names=["Nguyễn Văn An"])
    request = _create(api, partner, direction="incoming", kind="extradition", subkind="formal_request",
                      person=national.pk, offences=[FRAUD])  # fmt: skip
    assert request["status"] == "legal_review" and request["acknowledge_by"]
    response = _move(api_client(approver), request["id"], "approved")
    assert response.status_code == 400
    text = str(_fields(response))
    assert "Nguyễn Văn An" in text and "own nationals" in text
    assert LegalRequest.objects.get(pk=request["id"]).status == "legal_review"
    refused = _move(api, request["id"], "refused", note="Own national", grounds=["own_nationals"])
    assert refused.status_code == 200 and refused.json()["refusal_grounds"] == ["own_nationals"]
    assert_audited("legal_request.transition")


def test_refusal_grounds_must_be_the_treatys(api: Any, partner: Agency, treaty: TreatyTerms) -> None:
    request = _create(api, partner)
    _move(api, request["id"], "legal_review")
    none = _move(api, request["id"], "refused", note="No")
    assert none.status_code == 400 and "grounds" in _fields(none)
    outside = _move(api, request["id"], "refused", note="No", grounds=["lapse_of_time"])
    assert outside.status_code == 400 and "lapse_of_time" in str(_fields(outside))


def test_death_penalty_without_assurance_and_political_offence_block_approval(
    api: Any, api_client: Callable[[User], Any], approver: User, home: Agency, partner: Agency, treaty: TreatyTerms
) -> None:
    person = PersonFactory(owner=home, nationalities=["KR"])
    drugs = {"description": "Drug trafficking", "death_penalty": True, "partner_law": "Act", "partner_article": "58"}
    rebellion = {"description": "Rebellion", "political": True, "partner_law": "Act", "partner_article": "87"}
    request = _create(api, partner, direction="incoming", kind="extradition", subkind="formal_request",
                      person=person.pk, offences=[drugs, rebellion])  # fmt: skip
    text = str(_move(api_client(approver), request["id"], "approved").json())
    assert "Drug trafficking" in text and "Rebellion" in text and "assurance" in text
    api.patch(_url(request["id"]), {"death_penalty_assurance": True}, format="json")
    text = str(_move(api_client(approver), request["id"], "approved").json())
    assert "Drug trafficking" not in text and "Rebellion" in text


def test_a_request_needs_treaty_terms_covering_its_kind(api: Any, partner: Agency, treaty: TreatyTerms) -> None:
    TreatyTerms.objects.filter(pk=treaty.pk).update(kinds=["mla"])
    response = api.post(LIST, {"direction": "outgoing", "kind": "verification", "subkind": "identity",
                               "partner": partner.pk}, format="json")  # fmt: skip
    assert response.status_code == 400 and "treaty" in _fields(response)
    wrong_subkind = api.post(LIST, {"direction": "outgoing", "kind": "mla", "subkind": "identity",
                                    "partner": partner.pk}, format="json")  # fmt: skip
    assert wrong_subkind.status_code == 400 and "subkind" in _fields(wrong_subkind)
    assert not LegalRequest.objects.exists()


def test_an_incoming_request_is_not_sent(
    api: Any, api_client: Callable[[User], Any], approver: User, partner: Agency, treaty: TreatyTerms
) -> None:
    request = _create(api, partner, direction="incoming")
    _move(api_client(approver), request["id"], "approved")
    response = _move(api, request["id"], "sent")
    assert response.status_code == 400 and "incoming" in str(_fields(response))
    acknowledged = api.post(_url(request["id"], "acknowledge"), {}, format="json")
    assert acknowledged.status_code == 200 and acknowledged.json()["acknowledged_on"]
    assert_audited("legal_request.acknowledge")
    assert _move(api, request["id"], "under_execution").status_code == 200


def test_a_request_is_changed_only_while_drafted_or_reviewed(
    api: Any, api_client: Callable[[User], Any], approver: User, partner: Agency, treaty: TreatyTerms
) -> None:
    request = _create(api, partner)
    assert api.patch(_url(request["id"]), {"facts": "Changed"}, format="json").status_code == 200
    assert_audited("legal_request.update")
    _move(api, request["id"], "legal_review")
    _move(api_client(approver), request["id"], "approved")
    response = api.patch(_url(request["id"]), {"facts": "Again"}, format="json")
    assert response.status_code == 400 and "drafted" in str(response.json())


def test_an_executed_extradition_moves_its_fugitive_case_to_extradited(
    api: Any, api_client: Callable[[User], Any], approver: User, home: Agency, partner: Agency, treaty: TreatyTerms
) -> None:
    from tests.desk.factories import FugitiveCaseFactory

    person = PersonFactory(owner=home, nationalities=["KR"])
    case = FugitiveCaseFactory(owner=home, partner=partner, person=person, status="detained")
    request = _create(api, partner, direction="incoming", kind="extradition", subkind="formal_request",
                      person=person.pk, fugitive_case=case.pk, offences=[FRAUD])  # fmt: skip
    _move(api_client(approver), request["id"], "approved")
    _move(api, request["id"], "under_execution")
    assert _move(api, request["id"], "executed").status_code == 200
    case.refresh_from_db()
    assert case.status == "extradited"
    assert request["reference"] in case.events.order_by("pk").last().note  # type: ignore[union-attr]
    event = AuditEvent.objects.filter(action="legal_request.transition").order_by("seq").last()
    assert event is not None and event.after["fugitive_case"] == "moved"
