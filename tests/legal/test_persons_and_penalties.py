"""Several persons per request (an MLA request about three suspects, a verification of two identities; an extradition
or a transfer stays about one person), the maximum penalty as years or life imprisonment, and a life sentence in
the transfer's remaining-sentence check."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from liaison.agencies.models import Agency, User
from liaison.core.models import AuditEvent
from liaison.legal import actions
from liaison.legal.federation import _request_payload
from liaison.legal.models import LegalOffence, LegalRequest, TreatyTerms
from tests.factories import AgencyFactory
from tests.legal.factories import LegalOffenceFactory
from tests.people.factories import PersonFactory

pytestmark = pytest.mark.django_db


def _mla(officer: User, partner: Agency, persons: list[Any], **extra: Any) -> LegalRequest:
    first, *others = persons
    data = {"direction": "outgoing", "kind": "mla", "subkind": "taking_evidence", "partner": partner,
            "person": first, "other_persons": others, **extra}  # fmt: skip
    return actions.do_create_request(data, actor=officer)


def test_an_mla_request_about_three_suspects(
    legal_officer: User, home: Agency, partner: Agency, treaty: TreatyTerms
) -> None:
    suspects = [PersonFactory(owner=home, names=[name]) for name in ("Lý Văn A", "Lý Văn B", "Lý Thị C")]
    request = _mla(legal_officer, partner, suspects)
    assert request.persons[0] == suspects[0] and set(request.persons) == set(suspects) and len(request.persons) == 3
    created = AuditEvent.objects.get(action="legal_request.create", object_id=str(request.pk))
    assert sorted(created.after["other_persons"]) == [suspects[1].pk, suspects[2].pk]
    payload, _files = _request_payload(request)
    assert sorted(p["names"][0]["full_name"] for p in payload["other_persons"]) == ["Lý Thị C", "Lý Văn B"]

    actions.do_update_request(request, {"other_persons": [suspects[2]]}, actor=legal_officer)
    request.refresh_from_db()
    assert request.persons == [suspects[0], suspects[2]]
    changed = AuditEvent.objects.filter(action="legal_request.update", object_id=str(request.pk)).get()
    assert changed.before["other_persons"] == [suspects[1].pk, suspects[2].pk]
    assert changed.after["other_persons"] == [suspects[2].pk]


def test_a_verification_of_two_identities_through_the_api(
    api_client: Callable[[User], Any], legal_officer: User, home: Agency, partner: Agency, treaty: TreatyTerms
) -> None:
    one, two = PersonFactory(owner=home), PersonFactory(owner=home)
    client = api_client(legal_officer)
    data = {"direction": "outgoing", "kind": "verification", "subkind": "identity", "partner": partner.pk,
            "person": one.pk, "other_persons": [two.pk]}  # fmt: skip
    response = client.post(reverse("legal-request-list"), data, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["other_persons"] == [two.pk]
    listed = client.get(reverse("legal-request-list"), {"person": two.pk}).json()
    assert [row["id"] for row in listed["results"]] == [response.json()["id"]]


def test_an_extradition_or_a_transfer_names_one_person(
    api_client: Callable[[User], Any], legal_officer: User, home: Agency, partner: Agency, treaty: TreatyTerms
) -> None:
    one, two = PersonFactory(owner=home), PersonFactory(owner=home)
    for kind, subkind in (("extradition", "provisional_arrest"), ("transfer", "transfer")):
        data = {"direction": "outgoing", "kind": kind, "subkind": subkind, "partner": partner.pk, "person": one.pk,
                "other_persons": [two.pk]}  # fmt: skip
        response = api_client(legal_officer).post(reverse("legal-request-list"), data, format="json")
        assert response.status_code == 400, response.json()
        assert "one request per person" in str(response.json()["error"]["fields"]["other_persons"])
    assert not LegalRequest.objects.exists()


def test_other_persons_need_a_first_one_each_once_and_visible(
    legal_officer: User, home: Agency, partner: Agency, treaty: TreatyTerms
) -> None:
    one = PersonFactory(owner=home)
    with pytest.raises(ValidationError, match="first person"):
        _mla(legal_officer, partner, [None, one])
    with pytest.raises(ValidationError, match="named once"):
        _mla(legal_officer, partner, [one, one])
    hidden = PersonFactory(owner=AgencyFactory())
    with pytest.raises(ValidationError, match="No such record"):
        _mla(legal_officer, partner, [one, hidden])
    assert not LegalRequest.objects.exists()


def test_the_page_lists_every_person(
    page_client: Callable[[User], Any], legal_officer: User, home: Agency, partner: Agency, treaty: TreatyTerms
) -> None:
    suspects = [PersonFactory(owner=home, names=[name]) for name in ("Hồ Văn Một", "Hồ Văn Hai")]
    request = _mla(legal_officer, partner, suspects)
    page = page_client(legal_officer).get(request.get_absolute_url()).content.decode()
    assert "Hồ Văn Một" in page and "Hồ Văn Hai" in page and "Persons" in page


def test_the_maximum_penalty_is_years_or_life(legal_officer: User, home: Agency, partner: Agency) -> None:
    life = LegalOffenceFactory(max_penalty_life=True)
    assert life.penalty_text == "life imprisonment"
    assert LegalOffenceFactory(max_penalty_years=20).penalty_text == "20 years of imprisonment"
    assert LegalOffenceFactory(max_penalty_years=1, death_penalty=True).penalty_text == (
        "death penalty; 1 year of imprisonment"
    )
    worded = LegalOffenceFactory(max_penalty="7 to 15 years", max_penalty_years=15)
    assert worded.penalty_text == "7 to 15 years"  # the law's wording is shown as written
    both = LegalOffence(request=life.request, description="x", max_penalty_years=20, max_penalty_life=True)
    with pytest.raises(ValidationError, match="either a number of years or life"):
        both.full_clean()


def test_a_life_sentence_meets_the_remaining_sentence_condition(
    legal_officer: User, approver: User, home: Agency, partner: Agency, treaty: TreatyTerms
) -> None:
    person = PersonFactory(owner=home, nationalities=["VN"])
    request = actions.do_start_transfer_request(
        person=person, partner_agency=partner, judgment_final=True, sentence_days=5000, life_sentence=True,
        served_days=4900, consent=True, actor=legal_officer,
    )  # fmt: skip
    assert request.life_sentence and request.sentence_days is None and request.remaining_days is None
    LegalOffenceFactory(request=request, max_penalty_life=True)
    actions.do_transition_request(request, "legal_review", actor=legal_officer)
    actions.do_transition_request(request, "approved", actor=approver)
    assert LegalRequest.objects.get(pk=request.pk).status == "approved"

    short = actions.do_start_transfer_request(
        person=person, partner_agency=partner, judgment_final=True, sentence_days=5000, served_days=4900,
        consent=True, actor=legal_officer,
    )  # fmt: skip
    LegalOffenceFactory(request=short)
    actions.do_transition_request(short, "legal_review", actor=legal_officer)
    with pytest.raises(ValidationError, match="remaining sentence is 100 days"):
        actions.do_transition_request(short, "approved", actor=approver)
    with pytest.raises(ValidationError, match="no length in days"):
        actions.do_update_request(short, {"life_sentence": True}, actor=legal_officer)


def test_the_new_request_form_takes_other_persons_and_refuses_them_for_an_extradition(
    page_client: Callable[[User], Any], legal_officer: User, home: Agency, partner: Agency, treaty: TreatyTerms
) -> None:
    one, two = PersonFactory(owner=home), PersonFactory(owner=home)
    client = page_client(legal_officer)
    form = {"direction": "outgoing", "partner": partner.pk, "person": one.pk, "other_persons": [two.pk],
            "received_on": str(timezone.localdate())}  # fmt: skip
    refused = client.post(
        reverse("legal:request_create"), {**form, "kind": "extradition", "subkind": "provisional_arrest"}
    )
    assert refused.status_code == 200 and "make one request per person" in refused.content.decode()
    assert not LegalRequest.objects.exists()
    made = client.post(reverse("legal:request_create"), {**form, "kind": "verification", "subkind": "identity"})
    assert made.status_code == 302, made.content.decode()[:2000]
    assert LegalRequest.objects.get().persons[1] == two


def test_an_offence_is_added_from_the_page_with_its_structured_penalty(
    page_client: Callable[[User], Any], legal_officer: User, home: Agency, partner: Agency, treaty: TreatyTerms
) -> None:
    request = _mla(legal_officer, partner, [PersonFactory(owner=home)])
    client = page_client(legal_officer)
    page = client.get(request.get_absolute_url()).content.decode()
    assert "Add an offence" in page and 'name="max_penalty_life"' in page
    url = reverse("legal:request_offence_add", kwargs={"pk": request.pk})
    offence = {"description": "Money laundering", "law": "Criminal Code", "article": "324", "max_penalty_life": "on",
               "partner_law": "Criminal Act", "partner_article": "355"}  # fmt: skip
    assert client.post(url, offence).status_code == 302
    stored = request.offences.get()
    assert stored.max_penalty_life and stored.dual_criminality and stored.penalty_text == "life imprisonment"
    assert "life imprisonment" in client.get(request.get_absolute_url()).content.decode()
    refused = client.post(url, {**offence, "max_penalty_years": "20"}, follow=True).content.decode()
    assert "either a number of years or life imprisonment" in refused and request.offences.count() == 1
    assert client.post(url, {"law": "no description"}, follow=True).status_code == 200
    assert request.offences.count() == 1
