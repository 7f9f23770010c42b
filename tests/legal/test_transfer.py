"""Transfer of sentenced persons: the eligibility check citizens abroad calls (legal.queries.transfer_eligibility),
the draft it opens (legal.actions.do_start_transfer_request), and a transfer refused at legal review when the
treaty's remaining-sentence condition is not met."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from liaison.agencies.models import Agency, User
from liaison.legal import actions
from liaison.legal.models import LegalRequest, TreatyTerms
from liaison.legal.queries import transfer_eligibility
from tests.factories import AgencyFactory
from tests.helpers import assert_audited
from tests.legal.factories import LegalOffenceFactory
from tests.people.factories import PersonFactory

pytestmark = pytest.mark.django_db


def _check(actor: User, partner: Agency, **overrides: Any) -> Any:
    values: dict[str, Any] = {
        "person": None, "nationality": "VN", "sentence_days": 3650, "served_days": 1000, "judgment_final": True,
        "consent": True, "dual_criminality": True, "partner_agency": partner, "actor": actor,
    }  # fmt: skip
    values.update(overrides)
    return transfer_eligibility(**values)


def test_an_eligible_prisoner(legal_officer: User, partner: Agency, treaty: TreatyTerms) -> None:
    result = _check(legal_officer, partner)
    assert result.eligible and result.failed == [] and result.treaty == treaty


def test_what_is_missing_is_spelled_out(legal_officer: User, partner: Agency, treaty: TreatyTerms) -> None:
    result = _check(
        legal_officer, partner, served_days=3500, judgment_final=False, consent=None, dual_criminality=False
    )
    assert not result.eligible
    assert result.failed == [
        "The judgment is not final.",
        "The remaining sentence is 150 days; the treaty requires at least 365 days.",
        "The person's consent has not been obtained.",
        "Dual criminality is not established: enter the offence in the other state's law for the same conduct.",
    ]
    refused = _check(legal_officer, partner, consent=False, nationality="CN")
    assert "The person does not consent to the transfer." in refused.failed
    assert any("neither of the two states" in reason for reason in refused.failed)


def test_the_nationality_comes_from_the_person_when_not_given(
    legal_officer: User, home: Agency, partner: Agency, treaty: TreatyTerms
) -> None:
    person = PersonFactory(owner=home, nationalities=["FR", "VN"])
    assert _check(legal_officer, partner, person=person, nationality="").eligible
    stateless = PersonFactory(owner=home, nationalities=[])
    assert (
        "The person's nationality is not recorded."
        in _check(legal_officer, partner, person=stateless, nationality="").failed
    )


def test_no_treaty_no_transfer(legal_officer: User, treaty: TreatyTerms) -> None:
    other = AgencyFactory(short_name="MVD", country="RU")
    result = _check(legal_officer, other)
    assert not result.eligible and result.treaty is None
    assert "covers the transfer of sentenced persons" in result.failed[0]


def test_start_a_transfer_request_opens_a_filled_in_draft(
    legal_officer: User, home: Agency, partner: Agency, treaty: TreatyTerms
) -> None:
    person = PersonFactory(owner=home, nationalities=["VN"])
    request = actions.do_start_transfer_request(
        person=person, partner_agency=partner, court="Seoul Central District Court", judgment_reference="2024-77",
        judgment_final=True, sentence_days=2000, served_days=500, consent=True, actor=legal_officer,
    )  # fmt: skip
    assert request.status == "drafting" and request.kind == "transfer" and request.treaty == treaty
    assert request.person == person and request.remaining_days == 1500
    assert_audited("legal_request.create", obj=request, actor=legal_officer)


def test_a_transfer_below_the_remaining_sentence_is_refused_at_legal_review(
    legal_officer: User, approver: User, api_client: Callable[[User], Any], home: Agency, partner: Agency,
    treaty: TreatyTerms,
) -> None:  # fmt: skip
    person = PersonFactory(owner=home, nationalities=["VN"])
    request = actions.do_start_transfer_request(
        person=person, partner_agency=partner, judgment_final=True, sentence_days=400, served_days=300,
        consent=True, actor=legal_officer,
    )  # fmt: skip
    LegalOffenceFactory(request=request)
    actions.do_transition_request(request, "legal_review", actor=legal_officer)
    with pytest.raises(ValidationError) as refused:
        actions.do_transition_request(request, "approved", actor=approver)
    assert "The remaining sentence is 100 days; the treaty requires at least 365 days." in str(refused.value)
    response = api_client(approver).post(
        reverse("legal-request-transition", kwargs={"pk": request.pk}), {"to": "approved"}, format="json"
    )
    assert response.status_code == 400 and "remaining sentence" in str(response.json())
    actions.do_transition_request(
        request, "refused", note="Below the minimum", grounds=["transfer_conditions"], actor=legal_officer
    )
    stored = LegalRequest.objects.get(pk=request.pk)
    assert stored.status == "refused" and stored.refusal_grounds == ["transfer_conditions"]
    assert stored.closed_on is not None
    assert_audited("legal_request.transition", obj=stored, actor=legal_officer)
