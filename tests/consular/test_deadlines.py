"""Deadlines that protect: per-partner rules with their source, overdue notifications and visits on the dashboard,
in the calendar (page and iCalendar) and in the partner page's figures."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from liaison.consular.actions import do_create_notification_rule, do_record_event, do_record_notification
from tests.consular.conftest import days_ago
from tests.helpers import assert_audited

pytestmark = pytest.mark.django_db


def test_a_partners_rule_sets_the_days_and_makes_notification_mandatory_with_its_source(
    partner: Any, supervisor: Any, officer: Any, open_case: Any, api_client: Any
) -> None:
    answer = api_client(officer).post(
        reverse("consular-rule-list"),
        {
            "partner": partner.pk,
            "basis": "mandatory",
            "notify_within_days": 1,
            "first_visit_within_days": 4,
            "visit_every_days": 30,
            "source": "Consular Agreement, art. 39",
        },
        format="json",
    )
    assert answer.status_code == 403  # the supervisor sets the terms
    answer = api_client(supervisor).post(
        reverse("consular-rule-list"),
        {
            "partner": partner.pk,
            "basis": "mandatory",
            "notify_within_days": 1,
            "first_visit_within_days": 4,
            "visit_every_days": 30,
            "source": "  ",
        },
        format="json",
    )
    assert answer.status_code == 400 and "source" in str(answer.json())
    rule = do_create_notification_rule(
        {
            "partner": partner,
            "basis": "mandatory",
            "notify_within_days": 1,
            "first_visit_within_days": 4,
            "visit_every_days": 30,
            "source": "Consular Agreement, art. 39",
        },
        actor=supervisor,
    )
    assert_audited("notification_rule.create", obj=rule, actor=supervisor)
    case = open_case(consent_notify="declined", occurred_on=days_ago(2))
    assert case.notification_due == days_ago(1) and case.notification_source == "Consular Agreement, art. 39"
    assert [what for what, _due in case.overdue()] == ["notification"]
    abroad = open_case(direction="abroad", situation="imprisoned", occurred_on=days_ago(2))
    assert abroad.first_visit_due == days_ago(2) + datetime.timedelta(days=4)


def test_an_overdue_visit_shows_on_the_dashboard_and_in_the_calendar(
    officer: Any, open_case: Any, page_client: Any
) -> None:
    case = open_case(direction="abroad", situation="imprisoned", occurred_on=days_ago(40))
    do_record_notification(case, on=days_ago(38), actor=officer)
    case.refresh_from_db()
    assert case.first_visit_due == days_ago(38) + datetime.timedelta(days=14)
    client = page_client(officer)
    page = client.get("/").content.decode()
    assert "Consular deadlines missed" in page and case.reference in page and "first consular visit" in page
    calendar = client.get(reverse("consular:calendar")).content.decode()
    assert case.reference in calendar and "First consular visit due" in calendar
    ics = client.get(reverse("consular:calendar_file"))
    assert ics["Content-Type"].startswith("text/calendar")
    text = ics.content.decode()
    assert "BEGIN:VEVENT" in text and case.reference in text
    assert "DTSTART;VALUE=DATE:" + (days_ago(38) + datetime.timedelta(days=14)).strftime("%Y%m%d") in text

    do_record_event(case, {"kind": "visit", "visitors": "Consul Kim"}, actor=officer)
    page = client.get("/").content.decode()
    assert "No consular deadline missed." in page
    case.refresh_from_db()
    assert case.next_visit_due == timezone.localdate() + datetime.timedelta(days=90)


def test_the_partner_page_shows_the_nationals_held_and_the_average_days_to_notification(
    partner: Any, officer: Any, open_case: Any, page_client: Any, analyst: Any
) -> None:
    url = reverse("partner_detail", kwargs={"pk": partner.pk})
    client = page_client(analyst)
    page = client.get(url).content.decode()
    assert "Citizens abroad" in page
    abroad = open_case(direction="abroad", situation="imprisoned", occurred_on=days_ago(10), crime_area="drugs")
    here = open_case(occurred_on=days_ago(6))
    do_record_notification(abroad, on=days_ago(6), actor=officer)
    do_record_notification(here, on=days_ago(4), actor=officer)
    from liaison.consular import queries

    figures = queries.partner_figures(partner, analyst)
    assert figures is not None
    assert (figures["held_abroad"], figures["held_here"]) == (1, 1)
    assert figures["average_days_abroad"] == 4.0 and figures["average_days_here"] == 2.0
    assert figures["overdue_visits"] == 0 and figures["overdue_notifications"] == 0
    page = client.get(url).content.decode()
    assert 'class="held-abroad">1<' in page and "Imprisoned: 1" in page
