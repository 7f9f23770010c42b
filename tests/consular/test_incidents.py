"""Protection incidents and the register of facilities through the API: created, linked to persons and a fugitive
case the officer may see, audited; another agency's are like missing ones."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from liaison.consular.models import Facility, ProtectionIncident
from tests.desk.factories import FugitiveCaseFactory
from tests.factories import AgencyFactory
from tests.helpers import assert_audited
from tests.people.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_an_incident_links_persons_and_a_fugitive_case_the_officer_sees(
    home: Any, partner: Any, officer: Any, partner_officer: Any, api_client: Any
) -> None:
    victim = PersonFactory(owner=home, names=["Đỗ Văn Tâm"])
    ours = FugitiveCaseFactory(owner=home, partner=partner)
    theirs = FugitiveCaseFactory(owner=partner, partner=AgencyFactory(code="RU-MVD", country="RU"))
    base = {"title": "Recruitment fraud ring in Ansan", "kind": "fraud_ring", "direction": "abroad", "country": "KR",
            "affected": "workers", "victims_count": 14, "persons": [victim.pk]}  # fmt: skip
    client = api_client(officer)
    refused = client.post(
        reverse("protection-incident-list"), base | {"fugitive_case_reference": theirs.reference}, format="json"
    )
    assert refused.status_code == 400 and "fugitive_case_reference" in str(refused.json())
    answer = client.post(
        reverse("protection-incident-list"), base | {"fugitive_case_reference": ours.reference}, format="json"
    )
    assert answer.status_code == 201, answer.json()
    incident = ProtectionIncident.objects.get()
    assert list(incident.persons.all()) == [victim]
    assert_audited("protection_incident.create", obj=incident, actor=officer)
    url = reverse("protection-incident-detail", kwargs={"pk": incident.pk})
    assert api_client(partner_officer).get(url).status_code == 404


def test_the_register_of_facilities(officer: Any, analyst: Any, api_client: Any) -> None:
    data = {"name": "Trại giam Thủ Đức", "kind": "prison", "country": "VN", "address": "Bình Dương", "phone": "+84"}
    assert api_client(analyst).post(reverse("consular-facility-list"), data, format="json").status_code == 403
    answer = api_client(officer).post(reverse("consular-facility-list"), data, format="json")
    assert answer.status_code == 201
    facility = Facility.objects.get()
    assert_audited("facility.create", obj=facility, actor=officer)
    assert (
        api_client(analyst).get(reverse("consular-facility-detail", kwargs={"pk": facility.pk})).json()["address"]
        == "Bình Dương"
    )


def test_an_exchange_message_may_be_about_a_protection_incident(
    home: Any, partner: Any, officer: Any, api_client: Any, page_client: Any
) -> None:
    from tests.consular import factories as consular_factories

    incident = consular_factories.incident(home, title="Fraud ring recruiting students")
    body = {
        "recipients": [partner.pk], "kind": "information", "subject": "Students defrauded", "body": "Details.",
        "language": "en", "handling_code": "H0", "tlp": "GREEN",
        "links": [{"kind": "consular.protectionincident", "id": str(incident.pk)}],
    }  # fmt: skip
    answer = api_client(officer).post("/api/messages/", body, format="json")
    assert answer.status_code == 201, answer.json()
    assert answer.json()["links"][0]["label"] == str(incident)
    page = page_client(officer).get(f"/messages/{answer.json()['id']}/").content.decode()
    assert f"/consular/incidents/{incident.pk}/" in page
