"""Transfer eligibility without the treaty (consular/transfer.py): what is met, what fails and why, what the legal
requests domain must still settle, and what a transfer request is opened with."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse

from liaison.consular import transfer
from liaison.consular.actions import do_set_imprisonment, do_update_case
from tests.consular.conftest import days_ago
from tests.helpers import assert_audited
from tests.people.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def prisoner(home: Any, open_case: Any) -> Any:
    person = PersonFactory(owner=home, names=["Nguyễn Văn Hùng"], nationalities=["VN"])
    return open_case(person=person, direction="abroad", situation="imprisoned", occurred_on=days_ago(400))


def test_a_prisoner_whose_remaining_sentence_is_below_the_minimum_is_not_eligible_with_the_reason(
    prisoner: Any, officer: Any
) -> None:
    record = do_set_imprisonment(
        prisoner,
        {
            "court": "Seoul Central District Court",
            "judgment_date": days_ago(300),
            "judgment_final": True,
            "sentence_days": 500,
            "sentence_start": days_ago(400),
        },
        actor=officer,
    )
    assert_audited("consular_case.imprisonment", obj=prisoner, actor=officer)
    assert record.expected_release == days_ago(400) + datetime.timedelta(days=500)
    do_update_case(prisoner, {"transfer_consent": "given"}, actor=officer)
    prisoner.refresh_from_db()
    result = transfer.eligibility(prisoner, minimum_remaining_days=180)
    assert result.remaining_days == 100 and result.eligible is False
    failed = [c for c in result.conditions if c.met is False]
    assert [c.code for c in failed] == ["remaining_sentence"]
    assert "Only 100 days remain; the treaty asks at least 180." in failed[0].reason
    assert result.treaty_pending == ["dual_criminality"]


def test_an_eligible_prisoner_gives_what_the_transfer_request_is_opened_with(
    prisoner: Any, officer: Any, api_client: Any
) -> None:
    do_set_imprisonment(
        prisoner,
        {
            "court": "Seoul Central District Court",
            "judgment_date": days_ago(300),
            "judgment_final": True,
            "sentence_days": 2000,
            "sentence_start": days_ago(400),
            "offence": "Fraud",
        },
        actor=officer,
    )
    do_update_case(prisoner, {"transfer_consent": "given"}, actor=officer)
    prisoner.refresh_from_db()
    result = transfer.eligibility(prisoner, minimum_remaining_days=365)
    assert [c.met for c in result.conditions] == [True, True, True, True, None]  # dual criminality: the treaty's
    assert result.eligible is None and result.missing[0].code == "dual_criminality"
    assert (result.sentencing_country, result.receiving_country) == ("KR", "VN")
    data = transfer.request_data(prisoner)
    assert data["person"] == prisoner.person_id and data["court"] == "Seoul Central District Court"
    assert data["judgment_final"] is True and data["offence"] == "Fraud" and data["consular_case"] == prisoner.reference
    body = api_client(officer).get(reverse("consular-case-eligibility", kwargs={"pk": prisoner.pk})).json()
    assert body["remaining_days"] == 1600 and body["request_data"]["person"] == prisoner.person_id
    assert "remaining_sentence" in body["treaty_pending"]  # no minimum known without the treaty


def test_what_is_missing_is_spelled_out(prisoner: Any) -> None:
    result = transfer.eligibility(prisoner)
    reasons = {c.code: c.reason for c in result.missing}
    assert reasons["final_judgment"] == "No judgment is recorded." and "consent" in reasons
    assert result.conditions[0].met is True  # a Vietnamese national, Vietnam receives


def test_a_bad_sentence_is_refused_with_the_field_named(prisoner: Any, officer: Any) -> None:
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as refused:
        do_set_imprisonment(
            prisoner, {"court": "C", "judgment_date": days_ago(1), "sentence_start": days_ago(1)}, actor=officer
        )
    assert "sentence_days" in refused.value.message_dict
    from liaison.consular.models import ImprisonmentRecord

    assert not ImprisonmentRecord.objects.exists()


@pytest.mark.parametrize(
    ("days", "start"),
    [(549_755_813_887, None), (365_251, None), (365_000, datetime.date(9990, 1, 1))],
    ids=["beyond-an-integer", "beyond-1000-years", "ends-after-9999"],
)
def test_a_sentence_too_long_for_the_calendar_is_refused_on_its_field_not_a_server_error(
    prisoner: Any, officer: Any, api_client: Any, days: int, start: datetime.date | None
) -> None:
    """Found by the API fuzzing: 549,755,813,887 days overflowed the date arithmetic (a 500)."""
    from liaison.consular.models import ImprisonmentRecord

    payload = {
        "court": "Seoul Central District Court",
        "judgment_date": days_ago(10).isoformat(),
        "judgment_final": True,
        "sentence_days": days,
        "sentence_start": (start or days_ago(10)).isoformat(),
    }
    response = api_client(officer).post(
        reverse("consular-case-imprisonment", kwargs={"pk": prisoner.pk}), payload, format="json"
    )
    assert response.status_code == 400, response.content
    assert "sentence_days" in response.json()["error"]["fields"]
    assert not ImprisonmentRecord.objects.exists()
