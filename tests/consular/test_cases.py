"""The consular case through its API and pages: opening with its deadline, the protected family contact, the
workflow, events and their audit records."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse

from liaison.consular.models import ConsularCase
from liaison.core.models import AuditEvent
from tests.consular.conftest import days_ago
from tests.helpers import assert_audited
from tests.people.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_a_foreign_national_arrested_here_owes_a_notification_under_the_vccr_default(
    home: Any, partner: Any, officer: Any, api_client: Any
) -> None:
    person = PersonFactory(owner=home, names=["Ли Мин"], nationalities=["KR"])
    answer = api_client(officer).post(
        reverse("consular-case-list"),
        {
            "person": person.pk,
            "direction": "held_here",
            "partner": partner.pk,
            "situation": "arrested",
            "occurred_on": days_ago(1).isoformat(),
            "consent_notify": "requested",
            "authority": "Hanoi police",
            "family_contact": "Wife, Seoul",
            "charges": "Drug trafficking",
        },
        format="json",
    )
    assert answer.status_code == 201, answer.json()
    body = answer.json()
    assert body["status"] == "open" and body["reference"].startswith("CC-VN-MPS-")
    assert body["notification_due"] == (days_ago(1) + datetime.timedelta(days=3)).isoformat()
    assert "VCCR 1963, art. 36(1)(b)" in body["notification_source"]
    assert body["first_visit_due"] is None  # the partner's consul visits a national held here
    assert_audited("consular_case.create", obj=ConsularCase.objects.get(), actor=officer)


def test_no_notification_is_due_when_the_person_declined_and_no_agreement_makes_it_mandatory(open_case: Any) -> None:
    case = open_case(consent_notify="declined")
    assert case.notification_due is None and case.notification_source == ""


def test_bad_input_is_refused_with_the_field_named(home: Any, partner: Any, officer: Any, api_client: Any) -> None:
    person = PersonFactory(owner=home)
    base = {"person": person.pk, "direction": "abroad", "partner": partner.pk, "situation": "victim"}
    answer = api_client(officer).post(reverse("consular-case-list"), base, format="json")
    assert answer.status_code == 400 and "victim_of" in str(answer.json())
    answer = api_client(officer).post(reverse("consular-case-list"), base | {"partner": home.pk}, format="json")
    assert answer.status_code == 400 and "partner" in str(answer.json())
    assert not ConsularCase.objects.exists()


def test_the_family_contact_is_shown_only_to_the_roles_that_need_it(
    open_case: Any, officer: Any, analyst: Any, legal_officer: Any, api_client: Any, page_client: Any
) -> None:
    case = open_case()
    url = reverse("consular-case-detail", kwargs={"pk": case.pk})
    assert api_client(officer).get(url).json()["family_contact"] == "Mother: +82 10 1234 5678"
    for user in (analyst, legal_officer):
        body = api_client(user).get(url).json()
        assert body["reference"] == case.reference and "family_contact" not in body
        listed = api_client(user).get(reverse("consular-case-list")).json()["results"][0]
        assert "family_contact" not in listed
        page = page_client(user).get(case.get_absolute_url()).content.decode()
        assert case.reference in page and "+82 10 1234 5678" not in page
        export = page_client(user).get(reverse("consular:case_list") + "?export=csv")
        exported = b"".join(export.streaming_content).decode("utf-8-sig")
        assert case.reference in exported and "+82 10 1234 5678" not in exported
    assert "+82 10 1234 5678" in page_client(officer).get(case.get_absolute_url()).content.decode()


def test_a_role_without_the_family_contact_cannot_record_one(open_case: Any, analyst: Any, api_client: Any) -> None:
    case = open_case()
    answer = api_client(analyst).patch(
        reverse("consular-case-detail", kwargs={"pk": case.pk}), {"family_contact": "x"}, format="json"
    )
    assert answer.status_code in (403, 404)


def test_another_agencys_case_is_like_a_missing_one(open_case: Any, partner_officer: Any, api_client: Any) -> None:
    case = open_case()  # not notified yet: the partner does not see it
    assert api_client(partner_officer).get(reverse("consular-case-detail", kwargs={"pk": case.pk})).status_code == 404


def test_the_notified_partner_reads_the_case_without_family_contact_or_summary(
    open_case: Any, officer: Any, partner_officer: Any, api_client: Any
) -> None:
    case = open_case()
    api_client(officer).post(reverse("consular-case-notify", kwargs={"pk": case.pk}), {}, format="json")
    body = api_client(partner_officer).get(reverse("consular-case-detail", kwargs={"pk": case.pk})).json()
    assert body["status"] == "notified" and "family_contact" not in body and "summary" not in body
    answer = api_client(partner_officer).post(
        reverse("consular-case-transition", kwargs={"pk": case.pk}), {"to": "closed", "note": "x"}
    )
    assert answer.status_code == 403  # read only


def test_the_workflow_refuses_what_the_table_refuses_and_audits_each_step(
    open_case: Any, officer: Any, api_client: Any
) -> None:
    case = open_case()
    url = reverse("consular-case-transition", kwargs={"pk": case.pk})
    client = api_client(officer)
    refused = client.post(url, {"to": "closed"}, format="json")
    assert refused.status_code == 400 and "reason" in str(refused.json()).lower()
    assert client.post(url, {"to": "open"}, format="json").status_code == 400
    refused = client.post(url, {"to": "notified"}, format="json")  # by recording the notification only
    assert refused.status_code == 400 and "Record the notification" in str(refused.json())
    assert (
        client.post(url, {"to": "closed", "note": "Released on bail, left the country."}, format="json").status_code
        == 200
    )
    event = assert_audited("consular_case.transition", obj=case, actor=officer)
    assert event.before == {"status": "open"} and event.after["status"] == "closed"
    assert client.post(url, {"to": "follow_up"}, format="json").status_code == 400  # reopening needs a reason
    assert client.post(url, {"to": "follow_up", "note": "Arrested again."}, format="json").status_code == 200
    case.refresh_from_db()
    assert case.status == "follow_up" and case.closed_on is None


def test_a_write_without_the_role_is_refused(open_case: Any, analyst: Any, api_client: Any) -> None:
    case = open_case()
    client = api_client(analyst)
    assert client.post(
        reverse("consular-case-transition", kwargs={"pk": case.pk}), {"to": "closed", "note": "x"}
    ).status_code in (403, 404)
    assert client.post(
        reverse("consular-case-events", kwargs={"pk": case.pk}), {"kind": "note", "note": "x"}
    ).status_code in (403, 404)
    before = AuditEvent.objects.count()
    assert client.post(reverse("consular-case-list"), {}, format="json").status_code == 403
    assert AuditEvent.objects.count() == before


def test_events_go_on_the_timeline_audited_and_an_ending_closes_the_case(
    home: Any, partner: Any, officer: Any, open_case: Any, api_client: Any
) -> None:
    case = open_case(direction="abroad", situation="pre_trial", occurred_on=days_ago(10))
    client = api_client(officer)
    events_url = reverse("consular-case-events", kwargs={"pk": case.pk})
    answer = client.post(events_url, {"kind": "visit", "note": "First visit."}, format="json")
    assert answer.status_code == 400 and "visitors" in str(answer.json())
    answer = client.post(
        events_url,
        {"kind": "visit", "visitors": "Consul Park", "condition": "Healthy", "needs": "Glasses", "ill_treatment": True},
        format="json",
    )
    assert answer.status_code == 201, answer.json()
    audit = assert_audited("consular_case.visit", obj=case, actor=officer)
    assert audit.after["event"]["visitors"] == "Consul Park" and audit.after["event"]["ill_treatment"] is True
    case.refresh_from_db()
    assert case.status == "follow_up" and case.last_visit_on is not None
    assert case.next_visit_due == case.last_visit_on + datetime.timedelta(days=90)
    answer = client.post(events_url, {"kind": "hearing", "next_hearing_on": "2099-01-15"}, format="json")
    assert answer.status_code == 201
    answer = client.post(events_url, {"kind": "death", "note": "Died in hospital."}, format="json")
    assert answer.status_code == 201
    case.refresh_from_db()
    assert (case.status, case.situation, str(case.next_hearing_on)) == ("closed", "deceased", "2099-01-15")
    kinds = list(case.events.values_list("kind", flat=True))
    assert kinds == ["opened", "visit", "transition", "hearing", "death", "transition"]


def test_a_transfer_names_a_facility_the_actor_sees(
    open_case: Any, officer: Any, partner_officer: Any, api_client: Any
) -> None:
    from liaison.consular.actions import do_create_facility

    case = open_case(direction="abroad", situation="imprisoned")
    theirs = do_create_facility({"name": "Prison 1", "country": "KR"}, actor=partner_officer)
    answer = api_client(officer).post(
        reverse("consular-case-events", kwargs={"pk": case.pk}),
        {"kind": "transfer", "facility": theirs.pk},
        format="json",
    )
    assert answer.status_code == 400
    ours = do_create_facility({"name": "Seoul Detention Centre", "country": "KR", "address": "Uiwang"}, actor=officer)
    answer = api_client(officer).post(
        reverse("consular-case-events", kwargs={"pk": case.pk}),
        {"kind": "transfer", "facility": ours.pk},
        format="json",
    )
    assert answer.status_code == 201, answer.content
    case.refresh_from_db()
    assert case.facility == ours
