"""Reads for the partner page, the dashboard and the calendar. Every function takes the actor and goes
through access.restrict, so it returns only what the actor may see (own records and records shared with
their agency)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any, cast

from django.db import models
from django.utils.translation import gettext_lazy as _

from liaison.cooperation.models import (
    ActionItem,
    ActionItemQuerySet,
    Agreement,
    AgreementQuerySet,
    CapacityProject,
    Engagement,
    EngagementQuerySet,
    Programme,
    TrainingCourse,
)
from liaison.core import access


def visible(model: type[Any], actor: Any) -> models.QuerySet[Any]:
    return access.restrict(model._default_manager.all(), actor, access.VIEW)


def _agreements(actor: Any) -> AgreementQuerySet:
    return cast(AgreementQuerySet, visible(Agreement, actor))


def _action_items(actor: Any) -> ActionItemQuerySet:
    return cast(ActionItemQuerySet, visible(ActionItem, actor))


def _engagements(actor: Any) -> EngagementQuerySet:
    return cast(EngagementQuerySet, visible(Engagement, actor))


# --- one partner agency ----------------------------------------------------------------------------------
def agreements_in_force(agency: Any, *, actor: Any) -> models.QuerySet[Agreement]:
    return _agreements(actor).in_force().with_party(agency)


def action_items(agency: Any, *, actor: Any) -> ActionItemQuerySet:
    return _action_items(actor).for_partner(agency)


def open_action_items(agency: Any, *, actor: Any) -> models.QuerySet[ActionItem]:
    return action_items(agency, actor=actor).open()


def overdue_action_items(agency: Any, *, actor: Any, today: datetime.date) -> models.QuerySet[ActionItem]:
    return action_items(agency, actor=actor).overdue(today)


def engagements(agency: Any, *, actor: Any) -> EngagementQuerySet:
    return _engagements(actor).with_partner(agency)


def last_engagement(agency: Any, *, actor: Any, today: datetime.date) -> Engagement | None:
    return engagements(agency, actor=actor).past(today).first()


def next_engagement(agency: Any, *, actor: Any, today: datetime.date) -> Engagement | None:
    return engagements(agency, actor=actor).upcoming(today).first()


def training_courses(agency: Any, *, actor: Any) -> models.QuerySet[TrainingCourse]:
    condition = models.Q(partners=agency) | models.Q(host_agency=agency)
    return visible(TrainingCourse, actor).filter(pk__in=TrainingCourse.objects.filter(condition).values("pk"))


def capacity_projects(agency: Any, *, actor: Any) -> models.QuerySet[CapacityProject]:
    return visible(CapacityProject, actor).filter(partner_agency=agency)


def programmes(agency: Any, *, actor: Any) -> models.QuerySet[Programme]:
    return visible(Programme, actor).filter(partners=agency).distinct()


# --- dated events ----------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Event:
    """One dated thing for the timeline and the calendar. `kind` is stable (for icons and filters);
    `label` is the translated name of the kind; `record` is the model instance (its page is the lead's)."""

    date: datetime.date
    end_date: datetime.date | None
    kind: str
    label: Any
    title: str
    record: Any


EVENT_LABELS = {
    "agreement_signed": _("Agreement signed"),
    "agreement_in_force": _("Agreement entered into force"),
    "agreement_expires": _("Agreement valid until"),
    "engagement": _("Engagement"),
    "action_item_due": _("Action item due"),
    "training": _("Training course"),
}


def _event(kind: str, date: datetime.date | None, record: Any, end: datetime.date | None = None) -> Event:
    assert date is not None, "only dated records become events"
    return Event(date=date, end_date=end, kind=kind, label=EVENT_LABELS[kind], title=str(record), record=record)


def _agreement_events(agreements: models.QuerySet[Agreement]) -> list[Event]:
    events = []
    for agreement in agreements:
        if agreement.signed_date:
            events.append(_event("agreement_signed", agreement.signed_date, agreement))
        if agreement.entry_into_force_date:
            events.append(_event("agreement_in_force", agreement.entry_into_force_date, agreement))
        if agreement.valid_until:
            events.append(_event("agreement_expires", agreement.valid_until, agreement))
    return events


def _sorted(events: list[Event]) -> list[Event]:
    return sorted(events, key=lambda e: (e.date, e.kind, e.title))


def timeline(agency: Any, *, actor: Any) -> list[Event]:
    """Every dated event of the cooperation with `agency` the actor may see, oldest first. Records whose
    dates are not recorded are left out (they have no place on a time line)."""
    events = _agreement_events(_agreements(actor).with_party(agency))
    events += [
        _event("engagement", e.start_date, e, e.end_date)
        for e in engagements(agency, actor=actor).filter(start_date__isnull=False)
    ]
    events += [
        _event("action_item_due", item.due_date, item)
        for item in action_items(agency, actor=actor).filter(due_date__isnull=False)
    ]
    events += [
        _event("training", course.start_date, course, course.end_date)
        for course in training_courses(agency, actor=actor).filter(start_date__isnull=False)
    ]
    return _sorted(events)


def calendar_events(actor: Any, start: datetime.date, end: datetime.date) -> list[Event]:
    """Engagements and training courses overlapping [start, end] and open action items due in it, visible to
    the actor, in date order."""
    events = [_event("engagement", e.start_date, e, e.end_date) for e in _engagements(actor).between(start, end)]
    courses = (
        visible(TrainingCourse, actor)
        .filter(start_date__lte=end)
        .filter(models.Q(end_date__gte=start) | models.Q(end_date__isnull=True, start_date__gte=start))
    )
    events += [_event("training", c.start_date, c, c.end_date) for c in courses]
    events += [
        _event("action_item_due", item.due_date, item)
        for item in _action_items(actor).open().filter(due_date__range=(start, end))
    ]
    return _sorted(events)
