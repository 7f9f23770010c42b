"""What the consular pages, the dashboard, the partner page and the calendar read (always through access).

- `overdue_cases(actor, today)`: the actor's agency's open cases with a missed deadline, each with what is late.
- `partner_figures(agency, actor, today)`: for one partner — our nationals held in its country by situation and
  by crime area, its nationals held here, overdue notifications and visits, and the average days from arrest to
  consular notification (both directions).
- `deadline_events(actor, start, end)`: the consular deadlines as calendar events (cooperation.queries.Event).
"""

from __future__ import annotations

import datetime
from collections import Counter
from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from liaison.consular.choices import HELD, Direction, Situation
from liaison.consular.models import ConsularCase
from liaison.consular.workflow import OPEN_STATES
from liaison.core import access
from liaison.core.choices import CrimeArea

LATE_LABELS = {
    "notification": _("consular notification"),
    "first_visit": _("first consular visit"),
    "visit": _("periodic visit"),
}


def visible_cases(actor: Any) -> models.QuerySet[ConsularCase]:
    return access.restrict(ConsularCase.objects.select_related("person", "partner", "facility"), actor)


def open_own_cases(actor: Any) -> models.QuerySet[ConsularCase]:
    return visible_cases(actor).filter(owner_id=actor.agency_id, status__in=OPEN_STATES)


def late_notification_q(today: datetime.date) -> models.Q:
    return models.Q(status__in=OPEN_STATES, notified_on__isnull=True, notification_due__lt=today)


def late_visit_q(today: datetime.date) -> models.Q:
    return models.Q(status__in=OPEN_STATES) & (
        models.Q(last_visit_on__isnull=True, first_visit_due__lt=today)
        | models.Q(last_visit_on__isnull=False, next_visit_due__lt=today)
    )


def overdue_q(today: datetime.date) -> models.Q:
    """Open cases past their notification, first-visit or periodic-visit deadline (as ConsularCase.overdue)."""
    return late_notification_q(today) | late_visit_q(today)


def overdue_cases(actor: Any, today: datetime.date | None = None) -> list[dict[str, Any]]:
    today = today or timezone.localdate()
    rows = []
    for case in open_own_cases(actor).filter(overdue_q(today)).order_by("notification_due", "first_visit_due", "pk"):
        for what, due in case.overdue(today):
            rows.append({"case": case, "url": case.get_absolute_url(), "what": LATE_LABELS[what], "due": due})
    return rows


def _average_days(cases: models.QuerySet[ConsularCase]) -> float | None:
    spans = [
        (notified - occurred).days  # type: ignore[operator]  # filtered: notified_on is set
        for occurred, notified in cases.filter(notified_on__isnull=False).values_list("occurred_on", "notified_on")
    ]
    return round(sum(spans) / len(spans), 1) if spans else None


def partner_figures(agency: Any, actor: Any, today: datetime.date | None = None) -> dict[str, Any] | None:
    """The consular figures with one partner; None for those who may not see consular cases."""
    if not access.can(actor, ConsularCase, access.VIEW):
        return None
    today = today or timezone.localdate()
    cases = visible_cases(actor).filter(owner_id=actor.agency_id, partner=agency)
    held = cases.filter(status__in=OPEN_STATES, situation__in=HELD)
    ours = held.filter(direction=Direction.NATIONAL_ABROAD)
    situations = dict(Situation.choices)
    areas = dict(CrimeArea.choices)
    by_situation = Counter(ours.values_list("situation", flat=True))
    by_area = Counter(ours.values_list("crime_area", flat=True))
    return {
        "partner": agency,
        "held_abroad": ours.count(),
        "held_here": held.filter(direction=Direction.FOREIGNER_HERE).count(),
        "by_situation": [(situations[key], count) for key, count in sorted(by_situation.items())],
        "by_area": [(areas.get(key, _("not recorded")), count) for key, count in sorted(by_area.items())],
        "overdue_notifications": cases.filter(late_notification_q(today)).count(),
        "overdue_visits": cases.filter(late_visit_q(today)).count(),
        "average_days_abroad": _average_days(cases.filter(direction=Direction.NATIONAL_ABROAD)),
        "average_days_here": _average_days(cases.filter(direction=Direction.FOREIGNER_HERE)),
        "open_total": cases.filter(status__in=OPEN_STATES).count(),
    }


def deadline_events(actor: Any, start: datetime.date, end: datetime.date) -> list[Any]:
    """The open cases' deadlines between start and end (and those already missed), as calendar events."""
    from liaison.cooperation.queries import Event

    events = []
    for case in open_own_cases(actor):
        pending = [
            ("consular_notification", case.notification_due if case.notified_on is None else None),
            ("consular_first_visit", case.first_visit_due if case.last_visit_on is None else None),
            ("consular_visit", case.next_visit_due),
            (
                "consular_hearing",
                case.next_hearing_on if case.next_hearing_on and case.next_hearing_on >= start else None,
            ),
        ]
        for kind, day in pending:
            if day is not None and day <= end:
                label = CALENDAR_LABELS[kind]
                events.append(Event(day, None, kind, label, f"{case.reference} {case.person}", case))
    return sorted(events, key=lambda e: (e.date, e.kind, e.title))


CALENDAR_LABELS = {
    "consular_notification": _("Consular notification due"),
    "consular_first_visit": _("First consular visit due"),
    "consular_visit": _("Prisoner visit due"),
    "consular_hearing": _("Hearing"),
}
