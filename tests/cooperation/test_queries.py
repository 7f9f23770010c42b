"""What the dashboard, the partner page and the calendar read: overdue items, the timeline, calendar events."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType

from liaison.cooperation import queries
from liaison.cooperation.models import ActionItem, Agreement, AgreementParty
from liaison.core.choices import HandlingCode
from liaison.core.models import Share
from liaison.core.permissions import ANALYST, DESK_OFFICER
from tests.cooperation.factories import (
    ActionItemFactory,
    AgreementFactory,
    EngagementFactory,
    ProgrammeFactory,
    TrainingCourseFactory,
)
from tests.factories import AgencyFactory, UserFactory
from tests.helpers import assert_audited

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 1, 15)
D = datetime.date


def _item(owner: Any, status: str = "planned", **kwargs: Any) -> ActionItem:
    item = ActionItemFactory(owner=owner, **kwargs)
    ActionItem.objects.filter(pk=item.pk).update(status=status)
    return item


def test_overdue_means_due_before_today_and_not_done_or_dropped(home: Any) -> None:
    late = _item(home, due_date=D(2026, 1, 14))
    late_in_progress = _item(home, "in_progress", due_date=D(2025, 12, 1))
    late_delayed = _item(home, "delayed", due_date=D(2025, 12, 1))
    _item(home, due_date=TODAY)  # due today: not yet overdue
    _item(home, "done", due_date=D(2025, 1, 1))
    _item(home, "dropped", due_date=D(2025, 1, 1))
    _item(home)  # no due date recorded
    overdue = set(ActionItem.objects.overdue(TODAY))
    assert overdue == {late, late_in_progress, late_delayed}


def test_partner_helpers(home: Any, partner: Any) -> None:
    actor = UserFactory(agency=home, roles=[ANALYST])
    in_force = AgreementFactory(owner=home)
    AgreementParty.objects.create(agreement=in_force, agency=partner)
    Agreement.objects.filter(pk=in_force.pk).update(status="in_force")
    AgreementParty.objects.create(agreement=AgreementFactory(owner=home), agency=partner)  # still negotiating
    programme = ProgrammeFactory(owner=home)
    programme.partners.set([partner])
    through_programme = _item(home, programme=programme, due_date=D(2025, 6, 1))
    direct = _item(home, partner_agency=partner, due_date=D(2026, 6, 1))
    _item(home, "done", partner_agency=partner)
    _item(home, partner_agency=AgencyFactory())  # another partner
    past = EngagementFactory(owner=home, start_date=D(2025, 10, 1))
    older = EngagementFactory(owner=home, start_date=D(2024, 10, 1))
    upcoming = EngagementFactory(owner=home, start_date=D(2026, 3, 1))
    for engagement in (past, older, upcoming):
        engagement.partners.set([partner])
    hosted = TrainingCourseFactory(owner=home, host_agency=partner)

    assert list(queries.agreements_in_force(partner, actor=actor)) == [in_force]
    assert set(queries.open_action_items(partner, actor=actor)) == {through_programme, direct}
    assert list(queries.overdue_action_items(partner, actor=actor, today=TODAY)) == [through_programme]
    assert queries.last_engagement(partner, actor=actor, today=TODAY) == past
    assert queries.next_engagement(partner, actor=actor, today=TODAY) == upcoming
    assert list(queries.training_courses(partner, actor=actor)) == [hosted]


def test_timeline_is_sorted_and_leaves_out_what_has_no_date(home: Any, partner: Any) -> None:
    actor = UserFactory(agency=home, roles=[ANALYST])
    agreement = AgreementFactory(owner=home, signed_date=D(2019, 11, 20), entry_into_force_date=D(2020, 1, 1))
    AgreementParty.objects.create(agreement=agreement, agency=partner)
    engagement = EngagementFactory(owner=home, start_date=D(2025, 9, 10), end_date=D(2025, 9, 12))
    undated = EngagementFactory(owner=home)  # date not recorded
    for e in (engagement, undated):
        e.partners.set([partner])
    item = _item(home, partner_agency=partner, due_date=D(2024, 5, 1))
    course = TrainingCourseFactory(owner=home, start_date=D(2023, 4, 1))
    course.partners.set([partner])
    foreign = EngagementFactory(owner=AgencyFactory(), start_date=D(2025, 1, 1))  # another agency's record
    foreign.partners.set([partner])

    events = queries.timeline(partner, actor=actor)
    assert [(e.date, e.kind, e.record) for e in events] == [
        (D(2019, 11, 20), "agreement_signed", agreement),
        (D(2020, 1, 1), "agreement_in_force", agreement),
        (D(2023, 4, 1), "training", course),
        (D(2024, 5, 1), "action_item_due", item),
        (D(2025, 9, 10), "engagement", engagement),
    ]
    assert events[-1].end_date == D(2025, 9, 12) and str(events[-1].label) == "Engagement"


def test_calendar_events_are_those_the_actor_may_see_in_the_period(home: Any, partner: Any) -> None:
    actor = UserFactory(agency=home, roles=[DESK_OFFICER])
    inside = EngagementFactory(owner=home, start_date=D(2026, 2, 27), end_date=D(2026, 3, 2))  # overlaps
    one_day = EngagementFactory(owner=home, start_date=D(2026, 3, 10))
    EngagementFactory(owner=home, start_date=D(2026, 4, 1))  # after
    EngagementFactory(owner=partner, start_date=D(2026, 3, 5))  # another agency's, not shared
    shared = EngagementFactory(owner=partner, start_date=D(2026, 3, 6))
    Share.objects.create(
        content_type=ContentType.objects.get_for_model(shared),
        object_id=str(shared.pk),
        agency=home,
        handling_code=HandlingCode.H0,
        shared_by=UserFactory(agency=partner),
    )
    due = _item(home, due_date=D(2026, 3, 31))
    _item(home, "done", due_date=D(2026, 3, 15))  # done: not on the calendar
    events = queries.calendar_events(actor, D(2026, 3, 1), D(2026, 3, 31))
    assert [e.record for e in events] == [inside, shared, one_day, due]


def test_progress_updates_are_added_through_the_action_and_audited(home: Any, api_client: Any) -> None:
    item = _item(home)
    actor = UserFactory(agency=home, roles=[DESK_OFFICER])
    client = api_client(actor)
    response = client.post(f"/api/action-items/{item.pk}/updates/", {"text": "Curriculum agreed"}, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["author"] == actor.pk and response.json()["date"]
    assert_audited("action_item_update.create", actor=actor, channel="api")
    listing = client.get(f"/api/action-items/{item.pk}/updates/").json()
    assert [row["text"] for row in listing] == ["Curriculum agreed"]
    analyst = api_client(UserFactory(agency=home, roles=[ANALYST]))
    assert analyst.get(f"/api/action-items/{item.pk}/updates/").status_code == 200
    assert analyst.post(f"/api/action-items/{item.pk}/updates/", {"text": "x"}, format="json").status_code == 403


def test_api_filters_overdue_and_partner(home: Any, partner: Any, api_client: Any) -> None:
    late = _item(home, partner_agency=partner, due_date=D(2020, 1, 1))
    _item(home, due_date=D(2020, 1, 1))
    client = api_client(UserFactory(agency=home, roles=[ANALYST]))
    rows = client.get(f"/api/action-items/?overdue=true&partner={partner.pk}").json()["results"]
    assert [row["id"] for row in rows] == [late.pk] and rows[0]["overdue"] is True


def test_agreement_crime_area_filter(home: Any, api_client: Any) -> None:
    drugs = AgreementFactory(owner=home, crime_areas=["drugs", "money_laundering"])
    AgreementFactory(owner=home, crime_areas=["terrorism"])
    client = api_client(UserFactory(agency=home, roles=[ANALYST]))
    rows = client.get("/api/agreements/?crime_area=drugs").json()["results"]
    assert [row["id"] for row in rows] == [drugs.pk]
