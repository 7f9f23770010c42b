"""The legal request (audited; see core/actions.py and docs/decisions/0041-legal-requests.md).

- A request rests on treaty terms of its owner with its partner that cover its kind; an outgoing request starts in
  drafting, an incoming one at legal review with its acknowledgement and answer deadlines counted from its date.
- Its status changes only through `do_transition_request` (workflow.REQUEST): a RequestEvent and an audit record
  with from and to, in one transaction. Approval needs `legal.approve` (a supervisor) and is refused while a
  mandatory refusal ground or an unmet transfer condition remains (queries.blocking_grounds).
- Sending starts the clock (acknowledge and answer deadlines from the treaty); "additional information requested"
  stops it and the answer resumes the request where it was, moving its deadlines by the days the clock stood.
- A provisional arrest carried out (`do_record_arrest`) sets the day by which the formal request must be presented;
  sending the formal request that follows it meets that deadline.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models.functions import Length
from django.utils import timezone
from django.utils.translation import gettext as _

from liaison.core import access, actions, audit
from liaison.desk.queries import visible_case_ids, visible_notice_ids
from liaison.legal import workflow
from liaison.legal.access import APPROVE_PERMISSION, MANAGE_PERMISSION
from liaison.legal.choices import (
    PERSON_KINDS,
    SUBKINDS,
    Direction,
    EventKind,
    RequestKind,
    RequestStatus,
    RequestSubkind,
)
from liaison.legal.models import LegalOffence, LegalRequest, RequestEvent
from liaison.legal.queries import blocking_grounds, treaty_for

S = RequestStatus
REQUEST_PROTECTED = (
    *(f.name for f in LegalRequest._meta.get_fields() if getattr(f, "editable", True) is False and f.name != "id"),
    "owner",
)
# What `do_update_request` may change while the request is being drafted or reviewed.
REQUEST_EDITABLE = (
    "partner_reference",
    "subkind",
    "person",
    "fugitive_case",
    "notice",
    "follows",
    "facts",
    "death_penalty_assurance",
    "court",
    "judgment_reference",
    "judgment_date",
    "judgment_final",
    "sentence_days",
    "life_sentence",
    "served_days",
    "consent",
    "other_persons",
)
EDITABLE_STATES = frozenset({S.DRAFTING, S.LEGAL_REVIEW})
OFFENCE_FIELDS = tuple(f.name for f in LegalOffence._meta.fields if f.name not in ("id", "request"))


def user_or_none(actor: Any) -> Any:
    is_user = getattr(actor, "is_authenticated", False) and not getattr(actor, "is_system", False)
    return actor if is_user and getattr(actor, "pk", None) else None


def add_event(request: LegalRequest, kind: str, *, actor: Any, note: str = "", **data: Any) -> RequestEvent:
    """Append a timeline entry (inside the caller's transaction; the caller audits)."""
    from_status, to_status = data.pop("from_status", ""), data.pop("to_status", "")
    return RequestEvent.objects.create(
        request=request,
        kind=kind,
        note=note.strip(),
        from_status=from_status,
        to_status=to_status,
        actor=user_or_none(actor),
        data=audit.to_json(data),
    )


def _next_reference(owner: Any, year: int) -> str:
    prefix = f"LR-{owner.code}-{year}-"
    last = (
        LegalRequest.objects.select_for_update()
        .filter(reference__startswith=prefix)
        .annotate(length=Length("reference"))
        .order_by("-length", "-reference")
        .values_list("reference", flat=True)
        .first()
    )
    number = int(last.rsplit("-", 1)[1]) + 1 if last else 1
    return f"{prefix}{number:04d}"


def _visible(queryset: Any, record: Any, field: str, actor: Any) -> None:
    if record is not None and not queryset.filter(pk=record.pk).exists():
        raise ValidationError({field: _("No such record.")})


def _check_links(request: LegalRequest, actor: Any) -> None:
    """The kind's sub-kind, the person, case, notice and the request followed are ones the actor may see."""
    from liaison.people.models import Person

    if request.subkind not in SUBKINDS.get(request.kind, ()):
        allowed = ", ".join(SUBKINDS.get(request.kind, ()))
        raise ValidationError({"subkind": _("A request of this kind is one of: %(allowed)s.") % {"allowed": allowed}})
    if request.person is not None:
        if request.person.merged_into_id:
            raise ValidationError({"person": _("This person was merged into another record; choose that one.")})
        _visible(access.restrict(Person.objects.all(), actor), request.person, "person", actor)
    if request.fugitive_case_id is not None and not visible_case_ids(actor).filter(pk=request.fugitive_case_id):
        raise ValidationError({"fugitive_case": _("No such fugitive case.")})
    if request.notice_id is not None and not visible_notice_ids(actor).filter(pk=request.notice_id):
        raise ValidationError({"notice": _("No such notice.")})
    followed = request.follows
    if followed is not None:
        if followed.owner_id != request.owner_id or followed.subkind != RequestSubkind.PROVISIONAL_ARREST:
            raise ValidationError({"follows": _("A formal request follows a provisional-arrest request of ours.")})
        if request.subkind != RequestSubkind.FORMAL_REQUEST:
            raise ValidationError({"follows": _("Only a formal extradition request follows a provisional arrest.")})


def _check_ready(request: LegalRequest) -> None:
    if request.kind in PERSON_KINDS and request.person_id is None:
        raise ValidationError({"person": _("A request of this kind is about a person: choose the person.")})


def _check_others(request: LegalRequest, others: list[Any], actor: Any) -> None:
    """Further persons: only for MLA and verification, after a first person, each once and visible to the actor."""
    from liaison.people.models import Person

    if not others:
        return
    if request.kind in PERSON_KINDS:
        raise ValidationError(
            {"other_persons": _("An extradition or a transfer is about one person: make one request per person.")}
        )
    if request.person_id is None:
        raise ValidationError({"other_persons": _("Choose the first person in “person”, then the others.")})
    ids = [person.pk for person in others]
    if request.person_id in ids or len(set(ids)) != len(ids):
        raise ValidationError({"other_persons": _("Each person is named once.")})
    visible = access.restrict(Person.objects.filter(pk__in=ids), actor)
    if visible.count() != len(ids):
        raise ValidationError({"other_persons": _("No such record.")})
    if any(person.merged_into_id for person in others):
        raise ValidationError({"other_persons": _("This person was merged into another record; choose that one.")})


def do_create_request(
    data: Mapping[str, Any], *, actor: Any, offences: Iterable[Mapping[str, Any]] = (), note: str = ""
) -> LegalRequest:
    """Record a request (see the module) with its offences."""
    actions.require(actor, MANAGE_PERMISSION)
    fields = dict(data)
    others = list(fields.pop("other_persons", None) or [])
    for name in REQUEST_PROTECTED:
        if name in fields:
            raise ValidationError({name: _("This field cannot be set here.")})
    agency = getattr(actor, "agency", None)
    if agency is None:
        raise ValidationError({"owner": _("The actor belongs to no agency.")})
    today = timezone.localdate()
    with transaction.atomic():
        request = LegalRequest(owner=agency, **fields)
        if request.partner_id == agency.pk:
            raise ValidationError({"partner": _("The partner is another agency than one's own.")})
        if request.partner_id is not None and request.treaty_id is None:
            request.treaty = treaty_for(agency, request.partner, request.kind)
            if request.treaty_id is None:
                raise ValidationError(
                    {"treaty": _("No treaty terms with %(partner)s cover this kind of request: record them first.")
                     % {"partner": request.partner}}
                )  # fmt: skip
        elif request.treaty_id is not None:
            if request.treaty.owner_id != agency.pk or request.treaty.partner_id != request.partner_id:
                raise ValidationError({"treaty": _("Choose treaty terms of one's own agency with this partner.")})
            if not request.treaty.covers(request.kind):
                raise ValidationError({"treaty": _("These treaty terms do not cover this kind of request.")})
        if request.received_on and request.received_on > today:
            raise ValidationError({"received_on": _("The date of the request cannot be in the future.")})
        _check_links(request, actor)
        _check_ready(request)
        _check_others(request, others, actor)
        if request.direction == Direction.INCOMING:
            request.status = S.LEGAL_REVIEW
            received = request.received_on or today
            request.acknowledge_by = received + datetime.timedelta(days=request.treaty.acknowledge_days)
            request.answer_by = received + datetime.timedelta(days=request.treaty.answer_days)
        request.reference = _next_reference(agency, (request.received_on or today).year)
        request.full_clean()
        request.save()
        request.other_persons.set(others)
        for row in offences:
            _save_offence(request, row)
        opened: dict[str, Any] = {}
        if request.direction == Direction.INCOMING and request.follows is not None:
            opened["formal_request_in_time"] = _formal_request_made(request.follows, request.received_on or today)
        add_event(request, EventKind.OPENED, actor=actor, note=note, to_status=request.status, **opened)
        after = {**audit.snapshot(request), "other_persons": [person.pk for person in others]}
        audit.record("legal_request.create", actor=actor, obj=request, after=after)
    return request


def _editable(request: LegalRequest, actor: Any) -> None:
    actions.require(actor, MANAGE_PERMISSION)
    actions.require_owner(request, actor, MANAGE_PERMISSION)
    if request.status not in EDITABLE_STATES:
        raise ValidationError(
            _("A request is changed only while it is drafted or under legal review; it is %(status)s.")
            % {"status": request.get_status_display()}
        )


def do_update_request(request: LegalRequest, data: Mapping[str, Any], *, actor: Any) -> LegalRequest:
    _editable(request, actor)
    for name in data:
        if name not in REQUEST_EDITABLE:
            raise ValidationError({name: _("This field cannot be changed once the request is recorded.")})
    fields = dict(data)
    others = list(fields.pop("other_persons")) if "other_persons" in fields else None
    with transaction.atomic():
        stored = LegalRequest.objects.select_for_update().get(pk=request.pk)
        before = {**audit.snapshot(stored), "other_persons": sorted(stored.other_persons.values_list("pk", flat=True))}
        for name, value in fields.items():
            setattr(stored, name, value)
        _check_links(stored, actor)
        _check_ready(stored)
        if others is None:
            others = list(stored.other_persons.all())
        _check_others(stored, others, actor)
        stored.full_clean()
        stored.save()
        stored.other_persons.set(others)
        after = {**audit.snapshot(stored), "other_persons": sorted(person.pk for person in others)}
        changed = [key for key in after if after[key] != before.get(key) and key != "updated_at"]
        audit.record(
            "legal_request.update",
            actor=actor,
            obj=stored,
            before={key: before.get(key) for key in changed},
            after={key: after[key] for key in changed},
        )
    request.refresh_from_db()
    return request


def _save_offence(request: LegalRequest, row: Mapping[str, Any]) -> LegalOffence:
    unknown = set(row) - set(OFFENCE_FIELDS)
    if unknown:
        raise ValidationError({"offences": _("Unknown fields: %(fields)s.") % {"fields": ", ".join(sorted(unknown))}})
    offence = LegalOffence(request=request, **row)
    offence.full_clean()
    offence.save()
    return offence


def do_add_legal_offence(data: Mapping[str, Any], *, actor: Any) -> LegalOffence:
    """Add an offence to `data["request"]` while it is drafted or reviewed."""
    request = data.get("request")
    if request is None:
        raise ValidationError({"request": _("This field is required.")})
    _editable(request, actor)
    with transaction.atomic():
        offence = _save_offence(request, {k: v for k, v in data.items() if k != "request"})
        audit.record("legal_offence.create", actor=actor, obj=offence, after=audit.snapshot(offence))
    return offence


def do_update_legal_offence(offence: LegalOffence, data: Mapping[str, Any], *, actor: Any) -> LegalOffence:
    _editable(offence.request, actor)
    if "request" in data and data["request"] != offence.request:
        raise ValidationError({"request": _("A record cannot be moved to another parent.")})
    fields = {k: v for k, v in data.items() if k != "request"}
    return actions.update(offence, fields, actor=actor, action="legal_offence.update")


def do_remove_legal_offence(offence: LegalOffence, *, actor: Any) -> None:
    _editable(offence.request, actor)
    actions.delete(offence, actor=actor, action="legal_offence.delete")


def _formal_request_made(followed: LegalRequest, on: datetime.date) -> bool:
    """The formal request following `followed` was sent (ours) or received (the partner's) on `on`: the provisional
    arrest's deadline is met; returns whether in time."""
    LegalRequest.objects.filter(pk=followed.pk).update(formal_request_made=True)
    return followed.formal_request_due is None or on <= followed.formal_request_due


def _apply_transition(
    request: LegalRequest, current: str, to: str, grounds: list[str], note: str, today: Any
) -> dict[str, Any]:
    """Set the dates and fields the move brings (inside the transaction); returns what the event records."""
    terms = request.treaty
    data: dict[str, Any] = {}
    if current == S.INFO_REQUESTED:
        if to not in (request.resume_status, *workflow.REQUEST.reason_required) or to == S.INFO_REQUESTED:
            raise ValidationError(
                {"to": _("The answer resumes the request at %(status)s.") % {"status": S(request.resume_status).label}}
            )
        stood = (today - request.clock_stopped_on).days if request.clock_stopped_on else 0
        request.days_stopped += stood
        for name in ("answer_by", "acknowledge_by"):
            if getattr(request, name) is not None:
                setattr(request, name, getattr(request, name) + datetime.timedelta(days=stood))
        request.clock_stopped_on, request.resume_status = None, ""
        data["clock_stood_days"] = stood
    if to == S.INFO_REQUESTED:
        request.resume_status, request.clock_stopped_on = current, today
    if to == S.SENT:
        request.sent_on = today
        request.acknowledge_by = today + datetime.timedelta(days=terms.acknowledge_days)
        request.answer_by = today + datetime.timedelta(days=terms.answer_days)
        if request.follows is not None:
            data["formal_request_in_time"] = _formal_request_made(request.follows, today)
    if to == S.ACKNOWLEDGED:
        request.acknowledged_on = today
    if to == S.REFUSED:
        if not grounds:
            raise ValidationError({"grounds": _("Tick the treaty's grounds on which the request is refused.")})
        outside = sorted(set(grounds) - set(terms.refusal_grounds))
        if outside:
            raise ValidationError(
                {"grounds": _("The treaty does not allow refusal on: %(grounds)s.") % {"grounds": ", ".join(outside)}}
            )
        request.refusal_grounds = list(grounds)
        data["grounds"] = list(grounds)
    if to in workflow.FINAL:
        request.closed_on = today
    if to in workflow.REQUEST.reason_required:
        request.status_reason = note.strip()
    return data


def _case_follows(request: LegalRequest, to: str, text: str, actor: Any) -> str:
    """Move the request's fugitive case of ours to `to` through the desk's action (a provisional arrest carried out:
    detained; an extradition executed: extradited, after which the desk officer records the handover), or note it
    on the case when the case cannot move there now. Returns what was done ("moved", "noted", or "" when there is
    no case or it is not ours to change)."""
    from liaison.desk import actions as desk_actions

    case: Any = request.fugitive_case
    if case is None:
        return ""
    try:
        desk_actions.do_transition_case(case, to, note=text, actor=actor)
        return "moved"
    except ValidationError:
        desk_actions.do_add_case_note(case, note=text, actor=actor)
        return "noted"
    except PermissionDenied:
        return ""


def do_transition_request(
    request: LegalRequest, to: str, *, actor: Any, note: str = "", grounds: Iterable[str] = ()
) -> LegalRequest:
    """Move the request through its workflow (see the module)."""
    actions.require(actor, APPROVE_PERMISSION if to in workflow.APPROVAL else MANAGE_PERMISSION)
    actions.require_owner(request, actor, MANAGE_PERMISSION)
    today = timezone.localdate()
    with transaction.atomic():
        stored = LegalRequest.objects.select_for_update().get(pk=request.pk)
        current = stored.status
        workflow.REQUEST.check(current, to, note)
        if to in workflow.OUTGOING_ONLY and stored.direction != Direction.OUTGOING:
            raise ValidationError({"to": _("An incoming request is not sent or acknowledged by its partner here.")})
        if to == S.APPROVED:
            blocking = blocking_grounds(stored)
            if blocking:
                raise ValidationError({"to": [_("The request cannot be approved:"), *blocking]})
        data = _apply_transition(stored, current, to, list(grounds), note, today)
        stored.status = to
        stored.save()
        if to == S.EXECUTED and stored.subkind == RequestSubkind.FORMAL_REQUEST and stored.fugitive_case_id:
            text = _("Extradition executed under legal request %(reference)s.") % {"reference": stored.reference}
            data["fugitive_case"] = _case_follows(stored, "extradited", text, actor)
        add_event(stored, EventKind.STATUS, actor=actor, note=note, from_status=current, to_status=to, **data)
        audit.record(
            "legal_request.transition",
            actor=actor,
            obj=stored,
            before={"status": current},
            after={"status": to, **data},
        )
    request.refresh_from_db()
    return request


def do_acknowledge_request(request: LegalRequest, *, actor: Any, note: str = "") -> LegalRequest:
    """We acknowledge an incoming request: meets its acknowledgement deadline."""
    actions.require(actor, MANAGE_PERMISSION)
    actions.require_owner(request, actor, MANAGE_PERMISSION)
    if request.direction != Direction.INCOMING:
        raise ValidationError(_("The partner acknowledges an outgoing request: move it to acknowledged."))
    if request.acknowledged_on is not None:
        raise ValidationError(_("The request was already acknowledged."))
    with transaction.atomic():
        request.acknowledged_on = timezone.localdate()
        request.save(update_fields=["acknowledged_on", "updated_at"])
        add_event(request, EventKind.ACKNOWLEDGEMENT, actor=actor, note=note)
        audit.record(
            "legal_request.acknowledge", actor=actor, obj=request, after={"acknowledged_on": request.acknowledged_on}
        )
    return request


def do_record_arrest(request: LegalRequest, arrested_on: datetime.date, *, actor: Any, note: str = "") -> LegalRequest:
    """A provisional arrest was carried out: the formal request is due within the treaty's days."""
    actions.require(actor, MANAGE_PERMISSION)
    actions.require_owner(request, actor, MANAGE_PERMISSION)
    if request.subkind != RequestSubkind.PROVISIONAL_ARREST:
        raise ValidationError(_("Only a provisional-arrest request records an arrest."))
    if arrested_on > timezone.localdate():
        raise ValidationError({"arrested_on": _("The date of the arrest cannot be in the future.")})
    days = request.treaty.formal_request_days
    if days is None:
        raise ValidationError(
            {"arrested_on": _("The treaty terms give no time limit for the formal request: record it first.")}
        )
    with transaction.atomic():
        request.arrested_on = arrested_on
        request.formal_request_due = arrested_on + datetime.timedelta(days=days)
        request.save(update_fields=["arrested_on", "formal_request_due", "updated_at"])
        text = _("Provisionally arrested on %(date)s under legal request %(reference)s.") % {
            "date": arrested_on.isoformat(),
            "reference": request.reference,
        }
        case = _case_follows(request, "detained", text, actor) if request.fugitive_case_id else ""
        add_event(request, EventKind.ARREST, actor=actor, note=note, due=request.formal_request_due, case=case)
        audit.record(
            "legal_request.arrest",
            actor=actor,
            obj=request,
            after={"arrested_on": arrested_on, "formal_request_due": request.formal_request_due},
        )
    return request


def do_add_request_note(request: LegalRequest, note: str, *, actor: Any) -> RequestEvent:
    actions.require(actor, MANAGE_PERMISSION)
    actions.require_owner(request, actor, MANAGE_PERMISSION)
    if not note.strip():
        raise ValidationError({"note": _("Write the note.")})
    with transaction.atomic():
        event = add_event(request, EventKind.NOTE, actor=actor, note=note)
        audit.record("legal_request.note", actor=actor, obj=request, after={"note": event.note})
    return event


def do_start_transfer_request(
    *,
    person: Any,
    partner_agency: Any,
    actor: Any,
    court: str = "",
    judgment_reference: str = "",
    judgment_date: datetime.date | None = None,
    judgment_final: bool = False,
    sentence_days: int | None = None,
    served_days: int | None = None,
    consent: bool | None = None,
    facts: str = "",
    life_sentence: bool = False,
    direction: str = Direction.OUTGOING,
) -> LegalRequest:
    """A draft transfer request about `person` with the judgment filled in (citizens abroad opens it)."""
    return do_create_request(
        {
            "direction": direction,
            "kind": RequestKind.TRANSFER,
            "subkind": RequestSubkind.TRANSFER,
            "partner": partner_agency,
            "person": person,
            "court": court,
            "judgment_reference": judgment_reference,
            "judgment_date": judgment_date,
            "judgment_final": judgment_final,
            "sentence_days": None if life_sentence else sentence_days,
            "life_sentence": life_sentence,
            "served_days": served_days,
            "consent": consent,
            "facts": facts,
        },
        actor=actor,
    )
