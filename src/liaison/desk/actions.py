"""Every write to the liaison desk (audited; see core/actions.py and docs/decisions/0010-desk-model.md).

- Notices and fugitive cases belong to the actor's agency (`owner` set here).
- A case's status changes only through `do_transition_case` (workflow.CASE): a CaseEvent on the timeline
  (who, when, where, note) and an audit record with from and to, in one transaction.
- Deadlines: an incoming request must be acknowledged within the partner's `acknowledge_days`; while a
  case is in a reporting state, a progress report is due every `report_every_days` (PartnerDeadlines, or
  the node defaults LIAISON_ACKNOWLEDGE_DAYS / LIAISON_REPORT_EVERY_DAYS).
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from liaison.core import actions, audit
from liaison.desk import workflow
from liaison.desk.access import MANAGE_PERMISSION
from liaison.desk.choices import CaseDirection, CaseEventKind, CaseStatus
from liaison.desk.models import CaseEvent, FugitiveCase, PartnerDeadlines

CASE_PROTECTED = (
    "owner",
    "status",
    "reference",
    "acknowledge_by",
    "acknowledged_on",
    "next_report_due",
    "last_location",
    "closed_on",
)


def _require_owner(record: Any, actor: Any) -> None:
    if record.owner_id != getattr(actor, "agency_id", None):
        raise PermissionDenied(MANAGE_PERMISSION)


def deadlines_for(owner: Any, partner: Any) -> tuple[int, int]:
    """(acknowledge within, report every) in days for requests between `owner` and `partner`."""
    row = PartnerDeadlines.objects.filter(owner=owner, partner=partner).first()
    if row is not None:
        return row.acknowledge_days, row.report_every_days
    return settings.LIAISON_ACKNOWLEDGE_DAYS, settings.LIAISON_REPORT_EVERY_DAYS


def _next_reference(owner: Any, year: int) -> str:
    prefix = f"FC-{owner.code}-{year}-"
    last = (
        FugitiveCase.objects.select_for_update()
        .filter(reference__startswith=prefix)
        .order_by("-reference")
        .values_list("reference", flat=True)
        .first()
    )
    number = int(last.rsplit("-", 1)[1]) + 1 if last else 1
    return f"{prefix}{number:04d}"


def add_event(
    case: FugitiveCase,
    kind: str,
    *,
    actor: Any,
    note: str = "",
    place: str = "",
    occurred_at: datetime.datetime | None = None,
    from_status: str = "",
    to_status: str = "",
    data: Mapping[str, Any] | None = None,
) -> CaseEvent:
    """Append a timeline entry (inside the caller's transaction; the caller audits)."""
    event = CaseEvent(
        case=case,
        kind=kind,
        note=note.strip(),
        place=place.strip(),
        occurred_at=occurred_at or timezone.now(),
        from_status=from_status,
        to_status=to_status,
        actor=actor if getattr(actor, "pk", None) else None,
        data=dict(data or {}),
    )
    event.full_clean(exclude=["case", "actor"])
    event.save()
    return event


def do_create_case(data: Mapping[str, Any], *, actor: Any, note: str = "") -> FugitiveCase:
    """Open a fugitive case about a person with a partner agency, in state received (an incoming request,
    with its acknowledgement deadline) or accepted (an outgoing request: ours, nothing to acknowledge)."""
    actions.require(actor, MANAGE_PERMISSION)
    fields = dict(data)
    for name in CASE_PROTECTED:
        if name in fields:
            raise ValidationError({name: _("This field cannot be set here.")})
    agency = getattr(actor, "agency", None)
    if agency is None:
        raise ValidationError({"owner": _("The actor belongs to no agency.")})
    person = fields.get("person")
    if person is not None and getattr(person, "merged_into_id", None):
        raise ValidationError({"person": _("This person was merged into another record; choose that one.")})
    with transaction.atomic():
        case = FugitiveCase(owner=agency, **fields)
        if case.partner_id == agency.pk:
            raise ValidationError({"partner": _("The partner is another agency than one's own.")})
        today = timezone.localdate()
        ack_days, _report_days = deadlines_for(agency, case.partner) if case.partner_id else (0, 0)
        if case.direction == CaseDirection.INCOMING:
            case.status = CaseStatus.RECEIVED
            case.acknowledge_by = (case.received_on or today) + datetime.timedelta(days=ack_days)
        else:
            case.status = CaseStatus.ACCEPTED
            case.next_report_due = None
        case.reference = _next_reference(agency, (case.received_on or today).year)
        case.full_clean()
        case.save()
        add_event(case, CaseEventKind.OPENED, actor=actor, note=note, to_status=case.status)
        audit.record("fugitive_case.create", actor=actor, obj=case, after=audit.snapshot(case))
    return case


def do_transition_case(
    case: FugitiveCase,
    to: str,
    *,
    actor: Any,
    note: str = "",
    place: str = "",
    occurred_at: datetime.datetime | None = None,
) -> FugitiveCase:
    """Move a case along workflow.CASE, recording who, when, where and why on its timeline."""
    actions.require(actor, MANAGE_PERMISSION)
    _require_owner(case, actor)
    with transaction.atomic():
        stored = FugitiveCase.objects.select_for_update().get(pk=case.pk)
        workflow.CASE.check(stored.status, to, note)
        when = occurred_at or timezone.now()
        if when > timezone.now() + datetime.timedelta(minutes=5):
            raise ValidationError({"occurred_at": _("The time of the event cannot be in the future.")})
        case.status = to
        today = timezone.localdate()
        _ack_days, report_days = deadlines_for(case.owner, case.partner)
        if to in workflow.CASE_REPORTING:
            if stored.next_report_due is None or stored.status not in workflow.CASE_REPORTING:
                case.next_report_due = today + datetime.timedelta(days=report_days)
        else:
            case.next_report_due = None
        if to == CaseStatus.ACCEPTED and case.acknowledged_on is None:
            case.acknowledged_on = today  # accepting a request acknowledges it
        if to in (CaseStatus.LOCATED, CaseStatus.DETAINED) and place.strip():
            case.last_location = place.strip()
        if to in workflow.CASE_FINAL:
            case.closed_on = today
        case.save()
        add_event(
            case,
            CaseEventKind.TRANSITION,
            actor=actor,
            note=note,
            place=place,
            occurred_at=when,
            from_status=stored.status,
            to_status=to,
        )
        audit.record(
            "fugitive_case.transition",
            actor=actor,
            obj=case,
            before={"status": stored.status},
            after={"status": to, "note": note.strip(), "place": place.strip(), "occurred_at": when.isoformat()},
        )
    return case


def do_add_case_note(
    case: FugitiveCase,
    *,
    actor: Any,
    note: str,
    kind: str = CaseEventKind.NOTE,
    place: str = "",
    data: Mapping[str, Any] | None = None,
) -> CaseEvent:
    """Add a note to a case's timeline; kind `acknowledged` or `progress_report` also meets that deadline."""
    actions.require(actor, MANAGE_PERMISSION)
    _require_owner(case, actor)
    allowed = {
        CaseEventKind.NOTE,
        CaseEventKind.ACKNOWLEDGED,
        CaseEventKind.PROGRESS_REPORT,
        CaseEventKind.SCREENING_HIT,
    }
    if kind not in allowed:
        raise ValidationError({"kind": _("Choose note, acknowledgement or progress report.")})
    if not note.strip():
        raise ValidationError({"note": _("Write the note.")})
    with transaction.atomic():
        case = FugitiveCase.objects.select_for_update().get(pk=case.pk)
        if case.status in workflow.CASE_FINAL and kind != CaseEventKind.NOTE:
            raise ValidationError({"kind": _("The case is closed: only notes can be added.")})
        today = timezone.localdate()
        _ack_days, report_days = deadlines_for(case.owner, case.partner)
        changed: dict[str, Any] = {}
        if kind == CaseEventKind.ACKNOWLEDGED and case.acknowledged_on is None:
            case.acknowledged_on = today
            changed["acknowledged_on"] = today.isoformat()
        if kind == CaseEventKind.PROGRESS_REPORT and case.status in workflow.CASE_REPORTING:
            case.next_report_due = today + datetime.timedelta(days=report_days)
            changed["next_report_due"] = case.next_report_due.isoformat()
        if changed:
            case.save()
        event = add_event(case, kind, actor=actor, note=note, place=place, data=data)
        audit.record("fugitive_case.note", actor=actor, obj=case, after={"kind": kind, "note": note.strip(), **changed})
    return event
