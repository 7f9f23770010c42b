"""The consular case (audited; see core/actions.py).

- Opening: about a current person the actor may see, with a partner agency other than one's own; its deadlines
  follow from its facts and the partner's terms (deadlines.py). A foreign national held here whose partner runs its
  own node is told of through `do_record_notification` (an envelope, federation.py).
- The status changes only through `do_transition_case` (workflow.CASE) or the actions that imply a step
  (a notification, a first visit, a release): each a timeline entry and an audit record with from and to.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models.functions import Length
from django.utils import timezone
from django.utils.translation import gettext as _

from liaison.consular import workflow
from liaison.consular.access import FAMILY_PERMISSION, MANAGE_PERMISSION
from liaison.consular.actions.deadlines import refresh_deadlines
from liaison.consular.choices import CaseStatus, Direction, EventKind, Situation
from liaison.consular.models import ConsularCase, ConsularEvent, Facility
from liaison.core import access, actions, audit
from liaison.core.permissions import has_perm

CASE_EDITABLE = (
    "situation", "victim_of", "place", "facility", "authority", "occurred_on", "charges", "crime_area", "lawyer",
    "family_contact", "consent_notify", "consent_share", "transfer_consent", "partner_reference", "summary",
)  # fmt: skip
CASE_FIELDS = ("person", "direction", "partner", *CASE_EDITABLE)


def user_or_none(actor: Any) -> Any:
    is_user = getattr(actor, "is_authenticated", False) and not getattr(actor, "is_system", False)
    return actor if is_user and getattr(actor, "pk", None) else None


def _next_reference(owner: Any, year: int) -> str:
    prefix = f"CC-{owner.code}-{year}-"
    last = (
        ConsularCase.objects.select_for_update()
        .filter(reference__startswith=prefix)
        .annotate(length=Length("reference"))
        .order_by("-length", "-reference")
        .values_list("reference", flat=True)
        .first()
    )
    return f"{prefix}{(int(last.rsplit('-', 1)[1]) + 1) if last else 1:04d}"


def add_event(case: ConsularCase, kind: str, *, actor: Any, **fields: Any) -> ConsularEvent:
    """Append a timeline entry (inside the caller's transaction; the caller audits)."""
    event = ConsularEvent(case=case, kind=kind, actor=user_or_none(actor), **fields)
    event.full_clean(exclude=["case", "actor"])
    event.save()
    return event


def _check_fields(data: Mapping[str, Any], allowed: tuple[str, ...], actor: Any) -> None:
    if data.get("family_contact") and not has_perm(actor, FAMILY_PERMISSION):
        raise PermissionDenied(FAMILY_PERMISSION)  # decision 0044: only the roles that contact families
    for name in data:
        if name == "status":
            raise ValidationError({name: _("The status changes only through a transition.")})
        if name not in allowed:
            raise ValidationError({name: _("This field cannot be set here.")})


def _check_case(case: ConsularCase, actor: Any) -> None:
    from liaison.people.models import Person

    person = case.person if case.person_id else None
    if person is None:
        raise ValidationError({"person": _("Choose the person.")})
    if person.merged_into_id:
        raise ValidationError({"person": _("This person was merged into another record; choose that one.")})
    if not access.restrict(Person.objects.filter(pk=person.pk), actor).exists():
        raise ValidationError({"person": _("No such person.")})
    if case.partner_id == case.owner_id:
        raise ValidationError({"partner": _("The partner is another agency than one's own.")})
    if case.facility_id and not access.restrict(Facility.objects.filter(pk=case.facility_id), actor).exists():
        raise ValidationError({"facility": _("No such facility.")})
    if case.occurred_on and case.occurred_on > timezone.localdate():
        raise ValidationError({"occurred_on": _("The date cannot be in the future.")})
    if case.situation == Situation.VICTIM and not case.victim_of:
        raise ValidationError({"victim_of": _("Say of which crime the person is a victim.")})
    if case.situation != Situation.VICTIM and case.victim_of:
        raise ValidationError({"victim_of": _("Only a victim's case says of which crime.")})


def do_create_case(data: Mapping[str, Any], *, actor: Any, note: str = "") -> ConsularCase:
    """Open a consular case: our national abroad, or a foreign national held here."""
    actions.require(actor, MANAGE_PERMISSION)
    _check_fields(data, CASE_FIELDS, actor)
    agency = getattr(actor, "agency", None)
    if agency is None:
        raise ValidationError({"owner": _("The actor belongs to no agency.")})
    with transaction.atomic():
        case = ConsularCase(owner=agency, **data)
        _check_case(case, actor)
        case.status = workflow.CASE.initial
        case.reference = _next_reference(agency, (case.occurred_on or timezone.localdate()).year)
        refresh_deadlines(case)
        case.full_clean()
        case.save()
        add_event(case, EventKind.OPENED, actor=actor, note=note.strip(), to_status=case.status, place=case.place)
        audit.record("consular_case.create", actor=actor, obj=case, after=audit.snapshot(case))
    return case


def _locked(case: ConsularCase, actor: Any) -> ConsularCase:
    actions.require(actor, MANAGE_PERMISSION)
    actions.require_owner(case, actor, MANAGE_PERMISSION)
    return ConsularCase.objects.select_for_update().get(pk=case.pk)


def _changes(before: dict[str, Any], after: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    changed = [key for key in after if after[key] != before.get(key) and key != "updated_at"]
    return {key: before.get(key) for key in changed}, {key: after[key] for key in changed}


def do_update_case(case: ConsularCase, data: Mapping[str, Any], *, actor: Any) -> ConsularCase:
    """Change the facts of a case (not its person, direction or partner); its deadlines follow."""
    _check_fields(data, CASE_EDITABLE, actor)
    with transaction.atomic():
        stored = _locked(case, actor)
        before = audit.snapshot(stored)
        for name, value in data.items():
            setattr(stored, name, value)
        _check_case(stored, actor)
        refresh_deadlines(stored)
        stored.full_clean()
        stored.save()
        changed_before, changed_after = _changes(before, audit.snapshot(stored))
        audit.record("consular_case.update", actor=actor, obj=stored, before=changed_before, after=changed_after)
    case.refresh_from_db()
    return case


def transition(stored: ConsularCase, to: str, note: str, *, actor: Any, **event: Any) -> ConsularEvent:
    """Move a locked case (inside the caller's transaction): the table's check, a timeline entry, the audit."""
    workflow.CASE.check(stored.status, to, note)
    if stored.status == CaseStatus.CLOSED and not note.strip():
        raise ValidationError({"note": _("A reason is required to reopen a case.")})
    before = stored.status
    stored.status = to
    stored.closed_on = timezone.localdate() if to == CaseStatus.CLOSED else None
    stored.save(update_fields=["status", "closed_on", "updated_at"])
    entry = add_event(
        stored, EventKind.TRANSITION, actor=actor, note=note.strip(), from_status=before, to_status=to, **event
    )
    audit.record(
        "consular_case.transition",
        actor=actor,
        obj=stored,
        before={"status": before},
        after={"status": to, "note": note.strip()},
    )
    return entry


def do_transition_case(case: ConsularCase, to: str, *, actor: Any, note: str = "") -> ConsularCase:
    """Move the case along its workflow; "notified" is reached by recording the notification (its date, and the
    envelope to a partner node), not by a bare transition."""
    if to == CaseStatus.NOTIFIED:
        raise ValidationError({"to": _("Record the notification: it moves the case to “notified”.")})
    with transaction.atomic():
        stored = _locked(case, actor)
        transition(stored, to, note, actor=actor)
    case.refresh_from_db()
    return case


def _day(value: datetime.date | None, field: str, *, not_before: datetime.date) -> datetime.date:
    day = value or timezone.localdate()
    if day > timezone.localdate():
        raise ValidationError({field: _("The date cannot be in the future.")})
    if day < not_before:
        raise ValidationError({field: _("The date is before the arrest or incident.")})
    return day


def do_record_notification(
    case: ConsularCase, *, actor: Any, on: datetime.date | None = None, note: str = ""
) -> ConsularCase:
    """The consulate is told: for a foreign national held here, we notified the partner's consulate (and, when the
    partner runs its own node, the notification travels to it as an envelope); for our national abroad, the partner
    notified us. The notification deadline is met (or met late); the case moves to "notified"."""
    from liaison.consular import federation

    with transaction.atomic():
        stored = _locked(case, actor)
        if stored.notified_on is not None:
            raise ValidationError({"on": _("The notification is already recorded.")})
        day = _day(on, "on", not_before=stored.occurred_on)
        before = audit.snapshot(stored)
        stored.notified_on = day
        refresh_deadlines(stored)
        stored.save()
        moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))
        add_event(stored, EventKind.NOTIFICATION, actor=actor, note=note.strip(), occurred_at=moment)
        if stored.status == CaseStatus.OPEN:
            transition(stored, CaseStatus.NOTIFIED, "", actor=actor)
        changed_before, changed_after = _changes(before, audit.snapshot(stored))
        audit.record("consular_case.notify", actor=actor, obj=stored, before=changed_before, after=changed_after)
        if stored.direction == Direction.FOREIGNER_HERE:
            federation.send_notification(stored)
    case.refresh_from_db()
    return case


def do_record_acknowledgement(
    case: ConsularCase, *, actor: Any, on: datetime.date | None = None, partner_reference: str = "", note: str = ""
) -> ConsularCase:
    """The partner's consulate acknowledged our notification (by its node, or as the officer records it)."""
    with transaction.atomic():
        stored = _locked(case, actor)
        if stored.notified_on is None:
            raise ValidationError({"on": _("Record the notification first.")})
        if stored.acknowledged_on is not None:
            raise ValidationError({"on": _("The acknowledgement is already recorded.")})
        day = _day(on, "on", not_before=stored.notified_on)
        before = audit.snapshot(stored)
        stored.acknowledged_on = day
        if partner_reference.strip():
            stored.partner_reference = partner_reference.strip()[:100]
        stored.save()
        add_event(stored, EventKind.ACKNOWLEDGED, actor=actor, note=note.strip())
        changed_before, changed_after = _changes(before, audit.snapshot(stored))
        audit.record("consular_case.acknowledge", actor=actor, obj=stored, before=changed_before, after=changed_after)
    case.refresh_from_db()
    return case
