"""The consular pages: each opens for an officer; a case is opened, notified and visited through the forms; bad input
comes back on the form with nothing written; a hosted partner reads a notified case's page without the family
contact."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from liaison.agencies.models import Agency
from liaison.consular.actions import do_create_facility, do_create_incident, do_record_notification
from liaison.consular.models import ConsularCase
from tests.consular.conftest import days_ago
from tests.factories import UserFactory
from tests.helpers import assert_audited
from tests.people.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_every_consular_page_opens(officer: Any, supervisor: Any, open_case: Any, page_client: Any) -> None:
    case = open_case()
    facility = do_create_facility({"name": "Trại giam Chí Hòa", "country": "VN"}, actor=officer)
    incident = do_create_incident(
        {"title": "Fraud ring", "kind": "fraud_ring", "direction": "abroad", "country": "KR", "affected": "students"},
        actor=officer,
    )
    client = page_client(supervisor)
    for url in (
        reverse("consular:case_list"),
        reverse("consular:case_create"),
        case.get_absolute_url(),
        reverse("consular:case_edit", kwargs={"pk": case.pk}),
        reverse("consular:calendar"),
        reverse("consular:facility_list"),
        reverse("consular:facility_create"),
        facility.get_absolute_url(),
        reverse("consular:facility_edit", kwargs={"pk": facility.pk}),
        reverse("consular:rule_list"),
        reverse("consular:rule_create"),
        reverse("consular:incident_list"),
        incident.get_absolute_url(),
        reverse("consular:incident_create"),
        reverse("consular:case_list") + "?overdue=true&direction=held_here",
    ):
        assert client.get(url).status_code == 200, url


def test_a_case_through_the_forms(home: Any, partner: Any, officer: Any, page_client: Any) -> None:
    person = PersonFactory(owner=home, names=["Ли Мин"], nationalities=["RU"])
    client = page_client(officer)
    form = {
        "person": person.pk, "direction": "held_here", "partner": partner.pk, "situation": "victim",
        "occurred_on": days_ago(3).isoformat(), "consent_notify": "requested", "transfer_consent": "unknown",
    }  # fmt: skip
    answer = client.post(reverse("consular:case_create"), form)
    assert answer.status_code == 200 and "Say of which crime the person is a victim." in answer.content.decode()
    assert not ConsularCase.objects.exists()
    answer = client.post(reverse("consular:case_create"), form | {"situation": "arrested"})
    case = ConsularCase.objects.get()
    assert answer.status_code == 302 and answer["Location"] == case.get_absolute_url()
    assert_audited("consular_case.create", obj=case, actor=officer)
    answer = client.post(reverse("consular:case_notify", kwargs={"pk": case.pk}), {"on": days_ago(1).isoformat()})
    case.refresh_from_db()
    assert case.notified_on == days_ago(1) and case.status == "notified"
    answer = client.post(reverse("consular:case_event", kwargs={"pk": case.pk}), {"kind": "visit"}, follow=True)
    assert "Say who visited." in answer.content.decode()
    client.post(reverse("consular:case_event", kwargs={"pk": case.pk}), {"kind": "visit", "visitors": "Consul Ivanov"})
    assert case.events.filter(kind="visit", visitors="Consul Ivanov").exists()
    answer = client.post(reverse("consular:case_transition", kwargs={"pk": case.pk}), {"to": "closed"}, follow=True)
    assert "A reason is required" in answer.content.decode()


def test_a_hosted_partner_reads_the_notified_case_page_without_the_family_contact(
    node: Any, home: Agency, officer: Any, open_case: Any, page_client: Any
) -> None:
    hosted = Agency.objects.create(
        code="CN-MPS", country="CN", name_native="公安部", name_en="MPS", short_name="MPS CN", kind="police"
    )
    case = open_case(partner=hosted)
    reader = UserFactory(agency=hosted, roles=["desk_officer"])
    assert page_client(reader).get(case.get_absolute_url()).status_code == 404  # not yet notified
    do_record_notification(case, actor=officer)
    page = page_client(reader).get(case.get_absolute_url()).content.decode()
    assert case.reference in page and "+82 10 1234 5678" not in page and "Internal: picked up" not in page
    assert "Change the status" not in page  # read only
