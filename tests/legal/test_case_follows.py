"""The fugitive case follows its extradition: a provisional arrest carried out moves it to detained, the executed
formal request to extradited (the executed provisional arrest moves nothing); a partner's formal request received
here meets the deadline of the provisional arrest it follows."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from liaison.agencies.models import Agency, User
from liaison.legal import actions
from liaison.legal.models import LegalRequest, TreatyTerms
from tests.desk.factories import FugitiveCaseFactory
from tests.legal.factories import LegalOffenceFactory
from tests.people.factories import PersonFactory

pytestmark = pytest.mark.django_db


def _incoming(officer: User, partner: Agency, subkind: str, **extra: object) -> LegalRequest:
    data = {"direction": "incoming", "kind": "extradition", "subkind": subkind, "partner": partner, **extra}
    request = actions.do_create_request(data, actor=officer)
    LegalOffenceFactory(request=request)
    return request


def test_the_case_follows_the_arrest_and_the_extradition(
    legal_officer: User, approver: User, home: Agency, partner: Agency, treaty: TreatyTerms
) -> None:
    person = PersonFactory(owner=home, nationalities=["KR"])
    case = FugitiveCaseFactory(owner=home, partner=partner, person=person, status="located")
    arrest = _incoming(legal_officer, partner, "provisional_arrest", person=person, fugitive_case=case)
    actions.do_transition_request(arrest, "approved", actor=approver)
    actions.do_transition_request(arrest, "under_execution", actor=legal_officer)
    arrested_on = timezone.localdate() - datetime.timedelta(days=3)
    actions.do_record_arrest(arrest, arrested_on, actor=legal_officer)
    case.refresh_from_db()
    assert case.status == "detained" and arrest.reference in case.events.order_by("pk").last().note  # type: ignore[union-attr]
    assert arrest.events.get(kind="arrest").data["case"] == "moved"

    formal = _incoming(legal_officer, partner, "formal_request", person=person, fugitive_case=case, follows=arrest)
    arrest.refresh_from_db()
    assert arrest.formal_request_made and formal.events.get(kind="opened").data["formal_request_in_time"] is True
    actions.do_transition_request(arrest, "executed", actor=legal_officer)
    case.refresh_from_db()
    assert case.status == "detained"  # the provisional arrest's end is not the surrender
    actions.do_transition_request(formal, "approved", actor=approver)
    actions.do_transition_request(formal, "under_execution", actor=legal_officer)
    actions.do_transition_request(formal, "executed", actor=legal_officer)
    case.refresh_from_db()
    assert case.status == "extradited"


def test_a_late_formal_request_is_recorded_as_late(
    legal_officer: User, home: Agency, partner: Agency, treaty: TreatyTerms
) -> None:
    person = PersonFactory(owner=home, nationalities=["KR"])
    arrest = _incoming(legal_officer, partner, "provisional_arrest", person=person)
    actions.do_record_arrest(arrest, timezone.localdate() - datetime.timedelta(days=70), actor=legal_officer)
    assert LegalRequest.objects.overdue().filter(pk=arrest.pk).exists()
    formal = _incoming(legal_officer, partner, "formal_request", person=person, follows=arrest)
    assert formal.events.get(kind="opened").data["formal_request_in_time"] is False
    assert not LegalRequest.objects.overdue().filter(pk=arrest.pk).exists()
