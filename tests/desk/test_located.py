"""desk.actions.do_record_located: a wanted person found (by screening, later by consular work) opens the
person's fugitive case or moves the open one to located; the rules whoever calls it (screening's own tests
check them through a confirmed hit)."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from liaison.core import sharing
from liaison.core.models import AuditEvent
from liaison.core.permissions import ANALYST
from liaison.desk import actions
from liaison.desk.choices import CaseEventKind, CaseStatus
from tests.desk.factories import FugitiveCaseFactory, NoticeFactory
from tests.factories import AgencyFactory, UserFactory
from tests.people.factories import PersonFactory

pytestmark = pytest.mark.django_db

SOURCE = CaseEventKind.SCREENING_HIT


def _located(person: Any, actor: Any, **extra: Any) -> tuple[Any, str]:
    return actions.do_record_located(
        person, source=SOURCE, where="Nội Bài airport", note="Found on the arrivals list", actor=actor, **extra
    )


def test_an_open_case_moves_to_located_at_the_time_it_happened(home: Any, partner: Any, officer: Any) -> None:
    case = FugitiveCaseFactory(
        owner=home,
        partner=partner,
        status=CaseStatus.TRACING,
        received_on=timezone.localdate() - datetime.timedelta(days=2),  # the event 3 hours ago may be yesterday
    )
    when = timezone.now().replace(microsecond=0) - datetime.timedelta(hours=3)
    found, outcome = _located(case.person, officer, when=when, reference={"flight": "VN417"})
    assert (found, outcome) == (case, "updated")
    case.refresh_from_db()
    assert case.status == CaseStatus.LOCATED and case.last_location == "Nội Bài airport"
    entry = case.events.get(kind=SOURCE)
    assert entry.data == {"flight": "VN417"} and entry.note == "Found on the arrivals list"
    assert case.events.get(kind=CaseEventKind.TRANSITION).occurred_at == when
    assert [e.action for e in AuditEvent.objects.order_by("seq")][-2:] == [
        "fugitive_case.note",
        "fugitive_case.transition",
    ]


def test_a_partners_notice_opens_an_accepted_case_dated_when_the_person_was_found(
    home: Any, partner: Any, officer: Any, partner_officer: Any
) -> None:
    notice = NoticeFactory(owner=partner, reference="KNPA-RN-77")
    sharing.do_share(notice, home, handling_code="H0", actor=partner_officer)  # and its person
    person = notice.person
    when = timezone.now().replace(microsecond=0) - datetime.timedelta(days=2)
    case, outcome = _located(person, officer, notice=notice, when=when)
    assert outcome == "opened" and case is not None
    assert (case.partner, case.direction, case.partner_reference, case.notice) == (
        partner,
        "incoming",
        "KNPA-RN-77",
        notice,
    )
    assert case.status == CaseStatus.LOCATED and case.received_on == timezone.localtime(when).date()
    transitions = case.events.filter(kind=CaseEventKind.TRANSITION).order_by("occurred_at", "pk")
    assert [(e.to_status, e.occurred_at) for e in transitions] == [
        (CaseStatus.ACCEPTED, when),
        (CaseStatus.LOCATED, when),
    ]
    assert transitions[0].note == "Accepted: the person was found by screening a list."


def test_without_a_notice_we_may_read_no_case_is_opened(home: Any, partner: Any, officer: Any) -> None:
    person = PersonFactory(owner=home)
    unread = NoticeFactory(owner=AgencyFactory(code="RU-MVD", country="RU"))  # not shared with us
    before = AuditEvent.objects.count()
    assert _located(person, officer) == (None, "no_partner")
    assert _located(person, officer, notice=unread) == (None, "no_partner")
    assert AuditEvent.objects.count() == before


def test_the_source_is_one_the_desk_knows_and_the_case_actions_check_the_role(home: Any, partner: Any) -> None:
    case = FugitiveCaseFactory(owner=home, partner=partner, status=CaseStatus.TRACING)
    with pytest.raises(ValueError, match="Unknown source"):
        actions.do_record_located(case.person, source=CaseEventKind.NOTE, where="", note="x", actor=None)
    analyst = UserFactory(agency=home, roles=[ANALYST])
    before = AuditEvent.objects.count()
    with pytest.raises(PermissionDenied):
        _located(case.person, analyst)
    case.refresh_from_db()
    assert case.status == CaseStatus.TRACING and AuditEvent.objects.count() == before
