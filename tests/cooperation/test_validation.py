"""Invalid input is refused with the field named, and nothing is written."""

from __future__ import annotations

from typing import Any

import pytest

from liaison.cooperation.models import Agreement
from liaison.core.models import AuditEvent
from liaison.core.permissions import DESK_OFFICER
from tests.cooperation.factories import AgreementFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(home: Any, api_client: Any) -> Any:
    return api_client(UserFactory(agency=home, roles=[DESK_OFFICER]))


def _agreement(home: Any, **changes: Any) -> dict[str, Any]:
    return {
        "kind": "agreement",
        "title_en": "Agreement on cooperation in combating crime",
        "parties": [{"agency": home.pk}, {"government_country": "RU"}],
        **changes,
    }


def _refused(response: Any, field: str) -> dict[str, Any]:
    assert response.status_code == 400, response.content
    fields = response.json()["error"]["fields"]
    assert field in fields, fields
    return fields  # type: ignore[no-any-return]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"parties": [{"government_country": "RU"}]}, "parties"),
        ({"parties": [{"government_country": "RU"}, {"government_country": "RU"}]}, "parties"),
        ({"parties": [{"government_country": "RU"}, {"name_text": "Someone"}]}, "parties"),
        ({"crime_areas": ["drugs", "piracy"]}, "crime_areas"),
        ({"titles": [{"language": "vi", "title": "A"}, {"language": "vi", "title": "B"}]}, "titles"),
        ({"titles": [{"language": "Vietnamese", "title": "A"}]}, "titles"),
        ({"signed_date": "2020-05-01", "entry_into_force_date": "2020-04-01"}, "entry_into_force_date"),
        ({"renewal": "by_agreement", "renewal_period_years": 5}, "renewal_period_years"),
    ],
)
def test_agreement_validation(changes: dict[str, Any], field: str, home: Any, client: Any) -> None:
    before = AuditEvent.objects.count()
    _refused(client.post("/api/agreements/", _agreement(home, **changes), format="json"), field)
    assert AuditEvent.objects.count() == before and not Agreement.objects.exists()


def test_a_government_and_an_unrecorded_signing_place_are_fine(home: Any, client: Any) -> None:
    response = client.post(
        "/api/agreements/",
        _agreement(
            home, renewal="automatic", renewal_period_years=5, titles=[{"language": "ru", "title": "Соглашение"}]
        ),
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["signed_date"] is None and body["signed_place"] == "" and body["status"] == "negotiating"
    assert body["owner"] == home.pk
    assert [p["government_country"] for p in body["parties"]] == ["", "RU"]


def test_an_agreement_cannot_be_linked_to_itself(home: Any, client: Any) -> None:
    agreement = AgreementFactory(owner=home)
    response = client.post(
        "/api/agreement-links/",
        {"from_agreement": agreement.pk, "to_agreement": agreement.pk, "kind": "amends"},
        format="json",
    )
    _refused(response, "to_agreement")


def test_links_are_visible_from_both_agreements(home: Any, client: Any) -> None:
    old, new = AgreementFactory(owner=home, title_en="MoU 2012"), AgreementFactory(owner=home, title_en="MoU 2022")
    response = client.post(
        "/api/agreement-links/", {"from_agreement": new.pk, "to_agreement": old.pk, "kind": "replaces"}, format="json"
    )
    assert response.status_code == 201
    assert client.get(f"/api/agreements/{new.pk}/").json()["links"] == [
        {
            "id": response.json()["id"],
            "kind": "replaces",
            "label": "replaces",
            "agreement": old.pk,
            "agreement_title": "MoU 2012",
        }
    ]
    assert client.get(f"/api/agreements/{old.pk}/").json()["linked_from"][0]["label"] == "replaced by"


def test_a_link_to_another_agencys_agreement_is_refused(home: Any, partner: Any, client: Any) -> None:
    response = client.post(
        "/api/agreement-links/",
        {
            "from_agreement": AgreementFactory(owner=home).pk,
            "to_agreement": AgreementFactory(owner=partner).pk,
            "kind": "implements",
        },
        format="json",
    )
    _refused(response, "to_agreement")


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"currency": "XX", "budget": "100.00"}, "currency"),
        ({"currency": "usd", "budget": "100.00"}, "currency"),
        ({"budget": "100.00"}, "currency"),
        ({"start_year": 2028, "end_year": 2025}, "end_year"),
    ],
)
def test_capacity_project_validation(payload: dict[str, Any], field: str, client: Any) -> None:
    base = {"title": "Equipment support", "kind": "equipment"}
    _refused(client.post("/api/capacity-projects/", {**base, **payload}, format="json"), field)


def test_engagement_and_training_periods(client: Any) -> None:
    engagement = {"kind": "talks", "title": "Talks", "start_date": "2025-05-02", "end_date": "2025-05-01"}
    _refused(client.post("/api/engagements/", engagement, format="json"), "end_date")
    course = {"title": "Course", "topic": "language", "language": "Korean"}
    _refused(client.post("/api/training-courses/", course, format="json"), "language")


def test_an_action_item_belongs_to_a_programme_of_its_own_agency(partner: Any, client: Any) -> None:
    from tests.cooperation.factories import ProgrammeFactory

    response = client.post(
        "/api/action-items/", {"title": "X", "programme": ProgrammeFactory(owner=partner).pk}, format="json"
    )
    _refused(response, "programme")
