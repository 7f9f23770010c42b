"""What becomes of a case's notice when the case ends (issue 20, item 11; docs/decisions/0022): a handover or a
closure settles the agency's own notice in the same step (cancelled: its purpose is achieved) unless the officer
says otherwise; a withdrawal asks; a partner's notice is the partner's to settle. Through the action, the API
and the page, audited."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError

from liaison.desk import actions
from liaison.desk.models import Notice
from tests.desk.factories import FugitiveCaseFactory, NoticeFactory
from tests.helpers import assert_audited
from tests.people.factories import PersonFactory

pytestmark = pytest.mark.django_db


def _case(owner: Any, status: str, **notice: Any) -> Any:
    person = PersonFactory(owner=notice.pop("person_owner", owner))
    linked = NoticeFactory(owner=notice.pop("notice_owner", owner), person=person, **notice)
    return FugitiveCaseFactory(owner=owner, person=person, notice=linked, status=status)


def test_a_handover_cancels_the_own_notice_in_the_same_step(home: Any, officer: Any, api_client: Any) -> None:
    case = _case(home, "extradited")
    response = api_client(officer).post(
        f"/api/fugitive-cases/{case.pk}/transition/", {"to": "handed_over", "note": "At Nội Bài"}, format="json"
    )
    assert response.status_code == 200, response.content
    notice = Notice.objects.get(pk=case.notice_id)
    assert notice.status == "cancelled" and case.reference in notice.status_reason
    assert not Notice.objects.active().filter(pk=notice.pk).exists()
    assert not Notice.objects.review_due().filter(pk=notice.pk).exists()
    event = assert_audited("fugitive_case.transition", obj=case, actor=officer, channel="api")
    assert event.after["notice_outcome"] == "cancel"
    from liaison.core.models import AuditEvent

    settled = AuditEvent.objects.filter(action="notice.transition", object_id=str(notice.pk)).get()
    assert settled.after["status"] == "cancelled" and settled.request_id == event.request_id


def test_closing_settles_a_notice_kept_at_handover(home: Any, officer: Any) -> None:
    case = _case(home, "deported")
    actions.do_transition_case(case, "handed_over", notice_outcome="keep", actor=officer)
    assert Notice.objects.get(pk=case.notice_id).status == "active"
    actions.do_transition_case(case, "closed", actor=officer)
    assert Notice.objects.get(pk=case.notice_id).status == "cancelled"


def test_a_withdrawal_asks_what_becomes_of_the_notice(home: Any, officer: Any, api_client: Any) -> None:
    case = _case(home, "tracing")
    client = api_client(officer)
    url = f"/api/fugitive-cases/{case.pk}/transition/"
    response = client.post(url, {"to": "withdrawn", "note": "The partner withdrew it"}, format="json")
    assert response.status_code == 400 and "notice_outcome" in response.json()["error"]["fields"]
    case.refresh_from_db()
    assert case.status == "tracing"
    response = client.post(
        url, {"to": "withdrawn", "note": "The partner withdrew it", "notice_outcome": "suspend"}, format="json"
    )
    assert response.status_code == 200, response.content
    notice = Notice.objects.get(pk=case.notice_id)
    assert notice.status == "suspended" and "The partner withdrew it" in notice.status_reason


def test_a_withdrawal_may_keep_the_notice_active(home: Any, officer: Any) -> None:
    case = _case(home, "tracing")
    actions.do_transition_case(case, "withdrawn", note="Withdrawn", notice_outcome="keep", actor=officer)
    assert Notice.objects.get(pk=case.notice_id).status == "active"


def test_a_partners_notice_is_left_to_the_partner(home: Any, partner: Any, officer: Any) -> None:
    """The case's notice may be one a partner shared with us: only its owner settles it."""
    from liaison.core.choices import HandlingCode
    from liaison.core.sharing import do_share

    person = PersonFactory(owner=partner)
    notice = NoticeFactory(owner=partner, person=person)
    from tests.factories import UserFactory

    do_share(notice, home, handling_code=HandlingCode.H0, actor=UserFactory(agency=partner, roles=["desk_officer"]))
    case = FugitiveCaseFactory(owner=home, person=person, notice=notice, partner=partner, status="tracing")
    with pytest.raises(ValidationError) as refused:
        actions.do_transition_case(case, "withdrawn", note="x", notice_outcome="cancel", actor=officer)
    assert "notice_outcome" in refused.value.message_dict
    actions.do_transition_case(case, "withdrawn", note="Withdrawn", actor=officer)  # not asked: not ours
    assert Notice.objects.get(pk=notice.pk).status == "active"


def test_only_an_ending_says_what_becomes_of_the_notice(home: Any, officer: Any) -> None:
    case = _case(home, "accepted")
    with pytest.raises(ValidationError) as refused:
        actions.do_transition_case(case, "tracing", notice_outcome="cancel", actor=officer)
    assert "notice_outcome" in refused.value.message_dict
    actions.do_transition_case(case, "tracing", actor=officer)
    assert Notice.objects.get(pk=case.notice_id).status == "active"


def test_the_page_asks_on_withdrawal_and_settles_on_handover(home: Any, officer: Any, page_client: Any) -> None:
    case = _case(home, "tracing")
    client = page_client(officer)
    html = client.get(f"/desk/cases/{case.pk}/").content.decode()
    assert 'name="notice_outcome"' in html and "What becomes of the notice" in html
    response = client.post(f"/desk/cases/{case.pk}/transition/", {"to": "withdrawn", "note": "x"}, follow=True)
    assert "Say what becomes of the notice" in response.content.decode()
    case.refresh_from_db()
    assert case.status == "tracing"
    response = client.post(
        f"/desk/cases/{case.pk}/transition/", {"to": "withdrawn", "note": "x", "notice_outcome": "cancel"}
    )
    assert response.status_code == 302
    assert Notice.objects.get(pk=case.notice_id).status == "cancelled"
    assert_audited("fugitive_case.transition", obj=case, channel="ui")
