"""`liaison desk-check`: the daily check expires notices past their validity (audited, as the system actor
on the command-line channel), lists overdue cases and reviews due, and changes nothing when run again; the
dashboard shows the agency's own overdue cases and reviews due."""

from __future__ import annotations

import datetime
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone

from liaison.core.models import AuditEvent
from liaison.desk.models import Notice
from tests.desk.factories import FugitiveCaseFactory, NoticeFactory
from tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def _run(*args: str) -> str:
    out = StringIO()
    call_command("desk-check", *args, stdout=out)
    return out.getvalue()


def test_desk_check_expires_notices_past_their_validity_once(home: Any, partner: Any) -> None:
    yesterday = TODAY() - datetime.timedelta(days=1)
    lapsed = NoticeFactory(owner=home, issued_on=TODAY() - datetime.timedelta(days=100), valid_until=yesterday)
    suspended = NoticeFactory(owner=partner, status="suspended", valid_until=yesterday, issued_on=yesterday)
    still_valid = NoticeFactory(owner=home, valid_until=TODAY())
    draft = NoticeFactory(owner=home, status="draft", valid_until=yesterday, issued_on=yesterday)

    output = _run()
    assert "notices expired: 2" in output and f"#{lapsed.pk}" in output
    assert {n.pk: n.status for n in Notice.objects.all()} == {
        lapsed.pk: "expired",
        suspended.pk: "expired",
        still_valid.pk: "active",
        draft.pk: "draft",
    }
    events = AuditEvent.objects.filter(action="notice.transition").order_by("seq")
    assert [e.object_id for e in events] == [str(lapsed.pk), str(suspended.pk)]
    for event, owner in zip(events, (home, partner), strict=True):
        assert event.actor_name == "system:desk-check" and event.channel == "cli" and event.actor_id is None
        assert event.after["status"] == "expired" and yesterday.isoformat() in event.after["note"]
        assert event.agency_id == owner.pk
    lapsed.refresh_from_db()
    assert yesterday.isoformat() in lapsed.status_reason

    count = AuditEvent.objects.count()
    assert "notices expired: 0" in _run()  # idempotent
    assert AuditEvent.objects.count() == count


def test_dry_run_changes_nothing(home: Any) -> None:
    notice = NoticeFactory(
        owner=home, issued_on=TODAY() - datetime.timedelta(days=9), valid_until=TODAY() - datetime.timedelta(days=1)
    )
    output = _run("--dry-run")
    assert "notices would expire: 1" in output
    notice.refresh_from_db()
    assert notice.status == "active" and not AuditEvent.objects.exists()


def test_desk_check_lists_overdue_cases_and_reviews_due(home: Any, partner: Any) -> None:
    past = TODAY() - datetime.timedelta(days=2)
    late = FugitiveCaseFactory(owner=home, partner=partner, acknowledge_by=past)
    report = FugitiveCaseFactory(owner=home, partner=partner, status="located", next_report_due=past)
    FugitiveCaseFactory(owner=home, partner=partner, status="closed", next_report_due=past)
    old = NoticeFactory(owner=home, issued_on=TODAY() - datetime.timedelta(days=365 * 5 - 30))
    output = _run()
    assert "overdue fugitive cases: 2" in output
    assert f"{late.reference} " in output and f"acknowledgement due {past.isoformat()}" in output
    assert f"{report.reference} " in output and f"progress report due {past.isoformat()}" in output
    assert "notices due for review: 1" in output and f"#{old.pk}" in output


def test_fail_on_overdue_gives_a_status_for_monitoring(home: Any, partner: Any) -> None:
    assert "overdue fugitive cases: 0" in _run("--fail-on-overdue")
    FugitiveCaseFactory(owner=home, partner=partner, acknowledge_by=TODAY() - datetime.timedelta(days=1))
    with pytest.raises(SystemExit) as exit_info:
        _run("--fail-on-overdue")
    assert exit_info.value.code == 3


def test_a_bad_date_is_named(home: Any) -> None:
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="--date"):
        _run("--date", "2025-13-40")


def test_the_dashboard_shows_the_agencys_overdue_cases_and_reviews_due(
    home: Any, partner: Any, officer: Any, page_client: Any
) -> None:
    past = TODAY() - datetime.timedelta(days=3)
    late = FugitiveCaseFactory(owner=home, partner=partner, acknowledge_by=past)
    report = FugitiveCaseFactory(owner=home, partner=partner, status="tracing", next_report_due=past)
    on_time = FugitiveCaseFactory(owner=home, partner=partner)
    theirs = FugitiveCaseFactory(owner=partner, partner=home, acknowledge_by=past)
    today = TODAY()
    due = NoticeFactory(
        owner=home, issued_on=datetime.date(today.year - 5, today.month, 1) + datetime.timedelta(days=150)
    )
    fresh = NoticeFactory(owner=home)
    shared_theirs = NoticeFactory(owner=AgencyFactory(), issued_on=today - datetime.timedelta(days=365 * 5))
    page = page_client(officer).get("/").content.decode()
    # The partner's case in which we are the partner is on its own panel (decision 0022), not among ours.
    html, as_partner = page.split("Partner desks’ cases with your agency")
    assert f"/desk/cases/{theirs.pk}/" in as_partner
    assert "Overdue fugitive cases" in html and "Notices due for review" in html
    assert f"/desk/cases/{late.pk}/" in html and f"/desk/cases/{report.pk}/" in html
    assert f"/desk/cases/{on_time.pk}/" not in html and f"/desk/cases/{theirs.pk}/" not in html
    assert f"/desk/notices/{due.pk}/" in html
    assert f"/desk/notices/{fresh.pk}/" not in html and f"/desk/notices/{shared_theirs.pk}/" not in html
