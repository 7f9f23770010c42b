"""Notices through the API: what a wanted notice needs, offences written with the notice, the workflow with
its reasons, and the five-year retention review."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone

from liaison.core.models import AuditEvent
from liaison.core.permissions import ANALYST
from liaison.desk.models import Notice, add_years
from tests.desk.factories import NoticeFactory, OffenceFactory
from tests.factories import UserFactory
from tests.helpers import assert_audited
from tests.people.factories import PersonFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def _wanted(person: Any, **extra: Any) -> dict[str, Any]:
    return {
        "person": person.pk,
        "kind": "wanted",
        "issuing_country": "VN",
        "reference": "TN-2025-0007",
        "legal_basis_kind": "warrant",
        "legal_basis_authority": "Cơ quan CSĐT Công an tỉnh Quảng Ninh",
        "legal_basis_date": "2025-02-14",
        "legal_basis_reference": "12/QĐ-TNA",
        "offences": [
            {
                "description": "Mua bán trái phép chất ma túy",
                "crime_area": "drugs",
                "law": "BLHS 2015, Điều 251",
                "max_penalty": "Tử hình",
                "country": "VN",
            }
        ],
        **extra,
    }


def test_a_notice_is_created_as_a_draft_with_its_offences(home: Any, officer: Any, api_client: Any) -> None:
    person = PersonFactory(owner=home, names=["Lê Thị Hoa"])
    response = api_client(officer).post("/api/notices/", _wanted(person, status="active"), format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "draft" and body["owner"] == home.pk  # status is read-only
    assert [o["law"] for o in body["offences"]] == ["BLHS 2015, Điều 251"]
    assert body["review_due_on"] == add_years(TODAY(), 5).isoformat()
    event = assert_audited("notice.create", actor=officer, channel="api")
    assert event.after["offences"][0]["description"] == "Mua bán trái phép chất ma túy"
    assert event.after["legal_basis_reference"] == "12/QĐ-TNA"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"legal_basis_kind": "none"}, "legal_basis_kind"),
        ({"legal_basis_authority": ""}, "legal_basis_authority"),
        ({"legal_basis_date": None}, "legal_basis_date"),
        ({"legal_basis_reference": ""}, "legal_basis_reference"),
        ({"offences": []}, "offences"),
        ({"offences": [{"description": "Giết người", "law": "Điều 123"}]}, "offences"),  # no maximum penalty
        ({"offences": [{"description": "", "law": "x", "max_penalty": "y"}]}, "offences"),
        ({"valid_until": "2020-01-01", "issued_on": "2024-01-01"}, "valid_until"),
    ],
)
def test_a_wanted_notice_needs_its_legal_basis_and_offences(
    change: dict[str, Any], field: str, home: Any, officer: Any, api_client: Any
) -> None:
    person = PersonFactory(owner=home)
    before = (AuditEvent.objects.count(), Notice.objects.count())
    response = api_client(officer).post("/api/notices/", _wanted(person, **change), format="json")
    assert response.status_code == 400, response.content
    assert field in response.json()["error"]["fields"], response.json()
    assert (AuditEvent.objects.count(), Notice.objects.count()) == before


def test_other_kinds_need_no_legal_basis(home: Any, officer: Any, api_client: Any) -> None:
    payload = {"person": PersonFactory(owner=home).pk, "kind": "missing", "legal_basis_kind": "none"}
    response = api_client(officer).post("/api/notices/", payload, format="json")
    assert response.status_code == 201, response.content


def test_a_notice_about_a_person_one_may_not_see_is_refused(
    home: Any, partner: Any, officer: Any, api_client: Any
) -> None:
    response = api_client(officer).post("/api/notices/", _wanted(PersonFactory(owner=partner)), format="json")
    assert response.status_code == 400 and "person" in response.json()["error"]["fields"]


def test_offences_given_on_change_replace_the_list(home: Any, officer: Any, api_client: Any) -> None:
    notice = NoticeFactory(owner=home, offences=2)
    client = api_client(officer)
    replacement = [
        {"description": "Rửa tiền", "crime_area": "money_laundering", "law": "Điều 324", "max_penalty": "15 năm"}
    ]
    response = client.patch(f"/api/notices/{notice.pk}/", {"offences": replacement}, format="json")
    assert response.status_code == 200, response.content
    assert [o["description"] for o in response.json()["offences"]] == ["Rửa tiền"]
    event = assert_audited("notice.update", obj=notice, actor=officer)
    assert len(event.before["offences"]) == 2 and len(event.after["offences"]) == 1
    response = client.patch(f"/api/notices/{notice.pk}/", {"offences": []}, format="json")
    assert response.status_code == 400 and "offences" in response.json()["error"]["fields"]
    assert notice.offences.count() == 1


def test_the_last_offence_of_a_wanted_notice_cannot_be_removed(home: Any, officer: Any, api_client: Any) -> None:
    notice = NoticeFactory(owner=home, offences=1)
    offence = notice.offences.get()
    response = api_client(officer).delete(f"/api/notice-offences/{offence.pk}/")
    assert response.status_code == 400 and "offences" in response.json()["error"]["fields"]
    assert notice.offences.count() == 1


def test_status_and_review_dates_are_read_only(home: Any, officer: Any, api_client: Any) -> None:
    notice = NoticeFactory(owner=home, status="draft")
    response = api_client(officer).patch(
        f"/api/notices/{notice.pk}/", {"status": "active", "review_due_on": "2099-01-01"}, format="json"
    )
    assert response.status_code == 200
    notice.refresh_from_db()
    assert notice.status == "draft" and notice.review_due_on == add_years(notice.issued_on, 5)


def test_the_notice_workflow_with_reasons(home: Any, officer: Any, api_client: Any) -> None:
    notice = NoticeFactory(owner=home, status="draft")
    client = api_client(officer)
    url = f"/api/notices/{notice.pk}/transition/"
    assert client.post(url, {"to": "active"}, format="json").json()["status"] == "active"
    event = assert_audited("notice.transition", obj=notice, actor=officer, channel="api")
    assert event.before == {"status": "draft"} and event.after == {"status": "active", "note": ""}
    response = client.post(url, {"to": "suspended"}, format="json")
    assert response.status_code == 400 and "reason" in response.json()["error"]["fields"]["note"][0]
    response = client.post(
        url, {"to": "suspended", "note": "Person reported dead; awaiting confirmation"}, format="json"
    )
    assert response.json()["status"] == "suspended"
    assert response.json()["status_reason"] == "Person reported dead; awaiting confirmation"
    response = client.post(url, {"to": "draft"}, format="json")
    message = response.json()["error"]["fields"]["to"][0]
    assert response.status_code == 400 and "Cannot go from suspended to draft" in message
    assert "active" in message and "cancelled" in message and "expired" in message
    assert (
        client.post(url, {"to": "cancelled", "note": "Death confirmed"}, format="json").json()["status"] == "cancelled"
    )
    message = client.post(url, {"to": "active"}, format="json").json()["error"]["fields"]["to"][0]
    assert "none (final state)" in message


def test_a_notice_past_its_validity_is_not_activated(home: Any, officer: Any, api_client: Any) -> None:
    notice = NoticeFactory(owner=home, status="draft", issued_on=TODAY() - datetime.timedelta(days=30))
    Notice.objects.filter(pk=notice.pk).update(valid_until=TODAY() - datetime.timedelta(days=1))
    response = api_client(officer).post(f"/api/notices/{notice.pk}/transition/", {"to": "active"}, format="json")
    assert response.status_code == 400 and "validity" in response.json()["error"]["fields"]["to"][0]


def test_a_notice_issued_four_years_seven_months_ago_is_flagged_for_review(
    home: Any, officer: Any, api_client: Any
) -> None:
    today = TODAY()
    issued = datetime.date(today.year - 4, today.month, 1) - datetime.timedelta(days=7 * 30)
    old = NoticeFactory(owner=home, issued_on=issued)
    recent = NoticeFactory(owner=home, issued_on=today - datetime.timedelta(days=365 * 4))
    client = api_client(officer)
    assert client.get(f"/api/notices/{old.pk}/").json()["review_warning"] is True
    assert client.get(f"/api/notices/{recent.pk}/").json()["review_warning"] is False
    flagged = {row["id"] for row in client.get("/api/notices/?review_due=true").json()["results"]}
    assert flagged == {old.pk}


def test_a_review_moves_the_next_one_five_years_on(home: Any, officer: Any, api_client: Any) -> None:
    issued = TODAY() - datetime.timedelta(days=365 * 4 + 220)
    notice = NoticeFactory(owner=home, issued_on=issued)
    client = api_client(officer)
    response = client.post(f"/api/notices/{notice.pk}/review/", {"note": ""}, format="json")
    assert response.status_code == 400 and "note" in response.json()["error"]["fields"]
    response = client.post(
        f"/api/notices/{notice.pk}/review/", {"note": "Warrant still in force; suspect at large"}, format="json"
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["last_reviewed_on"] == TODAY().isoformat()
    assert body["review_due_on"] == add_years(TODAY(), 5).isoformat()
    assert body["review_warning"] is False
    event = assert_audited("notice.review", obj=notice, actor=officer, channel="api")
    assert event.before["review_due_on"] == add_years(issued, 5).isoformat()
    assert event.after["note"] == "Warrant still in force; suspect at large"


def test_an_expired_notice_is_reviewed_and_activated_again(home: Any, officer: Any, api_client: Any) -> None:
    notice = NoticeFactory(owner=home, status="expired", issued_on=TODAY() - datetime.timedelta(days=400))
    Notice.objects.filter(pk=notice.pk).update(valid_until=TODAY() - datetime.timedelta(days=2))
    client = api_client(officer)
    response = client.post(f"/api/notices/{notice.pk}/transition/", {"to": "active"}, format="json")
    assert response.status_code == 400  # still past its validity
    new_end = (TODAY() + datetime.timedelta(days=365)).isoformat()
    response = client.post(
        f"/api/notices/{notice.pk}/review/",
        {"note": "Renewed by the prosecutor", "valid_until": new_end},
        format="json",
    )
    assert response.status_code == 200 and response.json()["valid_until"] == new_end
    response = client.post(f"/api/notices/{notice.pk}/transition/", {"to": "active"}, format="json")
    assert response.status_code == 200 and response.json()["status"] == "active"


def test_a_draft_is_not_reviewed(home: Any, officer: Any, api_client: Any) -> None:
    notice = NoticeFactory(owner=home, status="draft")
    response = api_client(officer).post(f"/api/notices/{notice.pk}/review/", {"note": "x"}, format="json")
    assert response.status_code == 400


def test_every_notice_write_is_refused_without_the_role(home: Any, partner: Any, api_client: Any) -> None:
    notice = NoticeFactory(owner=home)
    offence = OffenceFactory(notice=notice)
    analyst = api_client(UserFactory(agency=home, roles=[ANALYST]))
    before = AuditEvent.objects.count()
    calls = [
        analyst.post("/api/notices/", _wanted(PersonFactory(owner=home)), format="json"),
        analyst.patch(f"/api/notices/{notice.pk}/", {"summary": "x"}, format="json"),
        analyst.post(f"/api/notices/{notice.pk}/transition/", {"to": "suspended", "note": "x"}, format="json"),
        analyst.post(f"/api/notices/{notice.pk}/review/", {"note": "x"}, format="json"),
        analyst.post(f"/api/notices/{notice.pk}/share/", {"agency": partner.pk, "handling_code": "H0"}, format="json"),
        analyst.post(f"/api/notices/{notice.pk}/unshare/", {"agency": partner.pk}, format="json"),
        analyst.post("/api/notice-offences/", {"notice": notice.pk, "description": "x"}, format="json"),
        analyst.patch(f"/api/notice-offences/{offence.pk}/", {"law": "x"}, format="json"),
        analyst.delete(f"/api/notice-offences/{offence.pk}/"),
    ]
    assert [call.status_code for call in calls] == [403] * len(calls)
    assert all(call.json()["error"]["message"] for call in calls)
    assert AuditEvent.objects.count() == before


def test_the_notice_list_filters(home: Any, officer: Any, api_client: Any) -> None:
    drugs = NoticeFactory(owner=home, issuing_country="KR", offences=[{"crime_area": "drugs"}])
    fraud = NoticeFactory(owner=home, kind="locate", offences=[{"crime_area": "telecom_fraud"}])
    client = api_client(officer)

    def ids(query: str) -> set[int]:
        return {row["id"] for row in client.get(f"/api/notices/?{query}").json()["results"]}

    assert ids("crime_area=drugs") == {drugs.pk}
    assert ids("issuing_country=KR") == {drugs.pk}
    assert ids("kind=locate") == {fraud.pk}
    assert ids("status=active") == {drugs.pk, fraud.pk}
    assert ids(f"person={drugs.person_id}") == {drugs.pk}
