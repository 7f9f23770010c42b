"""A transfer request opened from a consular case (legal/consular_transfer.py, docs/decisions/0046): eligibility
against the treaty on the case's page and through the API, the request it opens, and who may open it."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from liaison.consular.actions import do_create_case, do_set_imprisonment, do_update_case
from liaison.legal.choices import RequestKind, RequestStatus
from liaison.legal.models import LegalRequest
from tests.helpers import assert_audited
from tests.people.factories import PersonFactory

pytestmark = pytest.mark.django_db


def days_ago(n: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=n)


@pytest.fixture
def prisoner(home: Any, partner: Any, officer: Any, treaty: Any) -> Any:
    """Our national imprisoned in Korea, consenting, judgment final; the sentence is set by each test."""
    person = PersonFactory(owner=home, names=["Nguyễn Văn Hùng"], nationalities=["VN"])
    case = do_create_case(
        {
            "person": person,
            "direction": "abroad",
            "partner": partner,
            "situation": "imprisoned",
            "occurred_on": days_ago(400),
            "charges": "Fraud",
        },
        actor=officer,
    )
    do_update_case(case, {"transfer_consent": "given"}, actor=officer)
    case.refresh_from_db()
    return case


def sentence(case: Any, days: int, actor: Any) -> None:
    do_set_imprisonment(
        case,
        {
            "court": "Seoul Central District Court",
            "judgment_date": days_ago(300),
            "judgment_final": True,
            "sentence_days": days,
            "sentence_start": days_ago(400),
            "offence": "Fraud (art. 347 Criminal Act)",
        },
        actor=actor,
    )


def page(client: Any, case: Any) -> str:
    return str(client.get(reverse("consular:case_detail", kwargs={"pk": case.pk})).content.decode())


def test_below_the_treaty_minimum_is_not_eligible_with_the_reason_and_nothing_is_opened(
    prisoner: Any, officer: Any, legal_officer: Any, page_client: Any, api_client: Any
) -> None:
    sentence(prisoner, 500, officer)  # 100 days remain; the treaty asks 365
    reason = "The remaining sentence is 100 days; the treaty requires at least 365 days."
    html = page(page_client(legal_officer), prisoner)
    assert "Not eligible for a transfer under the treaty" in html and reason in html
    assert "Start a transfer request" not in html
    api = api_client(legal_officer)
    url = reverse("legal-request-start-transfer")
    body = api.get(url, {"consular_case": prisoner.pk}).json()
    assert body["eligible"] is False and body["failed"] == [reason] and body["minimum_remaining_days"] == 365
    refused = api.post(url, {"consular_case": prisoner.pk}, format="json")
    assert refused.status_code == 400 and reason in str(refused.json())
    response = page_client(legal_officer).post(reverse("legal:transfer_from_consular", kwargs={"pk": prisoner.pk}))
    assert response.status_code == 302 and response["Location"] == prisoner.get_absolute_url()
    assert not LegalRequest.objects.exists()


def test_an_eligible_prisoner_opens_a_transfer_request_from_the_page(
    prisoner: Any, officer: Any, legal_officer: Any, page_client: Any
) -> None:
    sentence(prisoner, 2000, officer)
    client = page_client(legal_officer)
    html = page(client, prisoner)
    assert "Eligible for a transfer under the treaty." in html and "Start a transfer request" in html
    assert "Dual criminality: enter in the request, before approval" in html
    response = client.post(reverse("legal:transfer_from_consular", kwargs={"pk": prisoner.pk}))
    request = LegalRequest.objects.get()
    assert response.status_code == 302 and response["Location"] == request.get_absolute_url()
    assert_audited("legal_request.transfer_from_consular", obj=request, actor=legal_officer)
    assert request.kind == RequestKind.TRANSFER and request.status == RequestStatus.DRAFTING
    assert request.person_id == prisoner.person_id and request.partner_id == prisoner.partner_id
    assert request.court == "Seoul Central District Court" and request.judgment_date == days_ago(300)
    assert request.judgment_final is True and request.sentence_days == 2000 and request.served_days == 400
    assert request.consent is True and prisoner.reference in request.facts and "art. 347" in request.facts
    html = page(client, prisoner)  # the case now links to the open request and offers no second one
    assert request.reference in html and "Start a transfer request" not in html
    again = client.post(reverse("legal:transfer_from_consular", kwargs={"pk": prisoner.pk}), follow=True)
    assert f"Transfer request {request.reference} is already open for this case." in again.content.decode()
    assert LegalRequest.objects.count() == 1


def test_an_eligible_prisoner_opens_a_transfer_request_through_the_api(
    prisoner: Any, officer: Any, legal_officer: Any, api_client: Any
) -> None:
    sentence(prisoner, 2000, officer)
    api = api_client(legal_officer)
    url = reverse("legal-request-start-transfer")
    assert api.get(url, {"consular_case": prisoner.pk}).json()["eligible"] is True
    response = api.post(url, {"consular_case": prisoner.pk}, format="json")
    assert response.status_code == 201, response.content
    request = LegalRequest.objects.get()
    assert response.json()["reference"] == request.reference and request.person_id == prisoner.person_id
    assert_audited("legal_request.transfer_from_consular", obj=request, actor=legal_officer)
    assert api.get(url, {"consular_case": prisoner.pk}).json()["open_request"] == request.reference
    assert api.post(url, {"consular_case": prisoner.pk}, format="json").status_code == 400
    assert api.post(url, {"consular_case": "x"}, format="json").status_code == 400
    assert api.post(url, {"consular_case": 999999}, format="json").status_code == 404


def test_a_user_without_legal_manage_sees_no_button_and_is_refused(
    prisoner: Any, officer: Any, page_client: Any, api_client: Any
) -> None:
    sentence(prisoner, 2000, officer)
    html = page(page_client(officer), prisoner)  # a desk officer: consular.manage, not legal.manage
    assert "Eligible for a transfer under the treaty." in html and "Start a transfer request" not in html
    response = page_client(officer).post(reverse("legal:transfer_from_consular", kwargs={"pk": prisoner.pk}))
    assert response.status_code == 403
    refused = api_client(officer).post(
        reverse("legal-request-start-transfer"), {"consular_case": prisoner.pk}, format="json"
    )
    assert refused.status_code == 403
    assert not LegalRequest.objects.exists()


def test_without_a_treaty_covering_transfers_the_case_says_so(
    prisoner: Any, officer: Any, legal_officer: Any, treaty: Any, page_client: Any
) -> None:
    treaty.kinds = [RequestKind.EXTRADITION]
    treaty.save()
    sentence(prisoner, 2000, officer)
    html = page(page_client(legal_officer), prisoner)
    assert "covers the transfer of sentenced persons" in html and "Start a transfer request" not in html
