"""The events of a consular case's timeline (audited): visits, hearings, transfers between facilities, release,
repatriation, death and notes.

- A visit needs who visited; it meets the first-visit deadline and sets the next periodic one (deadlines.py); the
  first visit of an open or notified case moves it to "under follow-up".
- A hearing may set the next hearing's date; a transfer names the facility the person was moved to (the case's
  facility follows); a release, a repatriation or a death closes the case (a death also records the person as
  deceased).
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from liaison.consular.actions.cases import _changes, _locked, add_event, transition
from liaison.consular.actions.deadlines import refresh_deadlines
from liaison.consular.choices import RECORDED_EVENTS, CaseStatus, EventKind, Situation
from liaison.consular.models import ConsularCase, ConsularEvent, Facility
from liaison.consular.workflow import OPEN_STATES
from liaison.core import access, audit

EVENT_FIELDS = (
    "kind", "occurred_at", "place", "visitors", "condition", "needs", "ill_treatment", "facility",
    "next_hearing_on", "note",
)  # fmt: skip
ENDING = {EventKind.RELEASE, EventKind.REPATRIATION, EventKind.DEATH}


def _check_event(case: ConsularCase, data: dict[str, Any], actor: Any) -> None:
    kind = data.get("kind")
    if kind not in RECORDED_EVENTS:
        raise ValidationError({"kind": _("Choose what happened: a visit, a hearing, a transfer, a release or a note.")})
    when = data.get("occurred_at") or timezone.now()
    if when > timezone.now() + datetime.timedelta(minutes=5):
        raise ValidationError({"occurred_at": _("The date cannot be in the future.")})
    if timezone.localdate(when) < case.occurred_on:
        raise ValidationError({"occurred_at": _("The date is before the arrest or incident.")})
    if kind == EventKind.VISIT and not str(data.get("visitors") or "").strip():
        raise ValidationError({"visitors": _("Say who visited.")})
    if kind == EventKind.TRANSFER:
        facility = data.get("facility")
        if facility is None:
            raise ValidationError({"facility": _("Choose the facility the person was moved to.")})
        if not access.restrict(Facility.objects.filter(pk=facility.pk), actor).exists():
            raise ValidationError({"facility": _("No such facility.")})
    elif data.get("facility") is not None:
        raise ValidationError({"facility": _("Only a transfer names a facility.")})
    if data.get("next_hearing_on") is not None and kind != EventKind.HEARING:
        raise ValidationError({"next_hearing_on": _("Only a hearing sets the next hearing.")})
    if kind == EventKind.NOTE and not str(data.get("note") or "").strip():
        raise ValidationError({"note": _("Write the note.")})
    if kind in ENDING and case.status not in OPEN_STATES:
        raise ValidationError({"kind": _("The case is closed: reopen it first.")})


def do_record_event(case: ConsularCase, data: Mapping[str, Any], *, actor: Any) -> ConsularEvent:
    """Put a visit, hearing, transfer, release, repatriation, death or note on the case's timeline."""
    fields = dict(data)
    for name in fields:
        if name not in EVENT_FIELDS:
            raise ValidationError({name: _("This field cannot be set here.")})
    with transaction.atomic():
        stored = _locked(case, actor)
        _check_event(stored, fields, actor)
        fields.setdefault("occurred_at", timezone.now())
        fields["occurred_at"] = fields["occurred_at"] or timezone.now()
        before = audit.snapshot(stored)
        kind = fields.pop("kind")
        event = add_event(stored, kind, actor=actor, **fields)
        day = timezone.localdate(event.occurred_at)
        if kind == EventKind.VISIT:
            stored.last_visit_on = max(day, stored.last_visit_on or day)
        elif kind == EventKind.HEARING and event.next_hearing_on is not None:
            stored.next_hearing_on = event.next_hearing_on
        elif kind == EventKind.TRANSFER:
            stored.facility = event.facility
            stored.place = event.place or stored.place
        elif kind == EventKind.DEATH:
            stored.situation = Situation.DECEASED
        refresh_deadlines(stored)
        stored.save()
        if kind == EventKind.VISIT and stored.status in (CaseStatus.OPEN, CaseStatus.NOTIFIED):
            transition(stored, CaseStatus.FOLLOW_UP, "", actor=actor)
        elif kind in ENDING:
            transition(stored, CaseStatus.CLOSED, event.get_kind_display(), actor=actor)
        changed_before, changed_after = _changes(before, audit.snapshot(stored))
        audit.record(
            f"consular_case.{kind}",
            actor=actor,
            obj=stored,
            before=changed_before,
            after=changed_after | {"event": audit.snapshot(event)},
        )
    case.refresh_from_db()
    return event
