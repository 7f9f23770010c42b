"""The fugitive case (audited; see core/actions.py and docs/decisions/0010-desk-model.md).

- A case's status changes only through `do_transition_case` (workflow.CASE): a CaseEvent on the timeline
  (who, when, where, note) and an audit record with from and to, in one transaction.
- Deadlines: an incoming request must be acknowledged within the partner's `acknowledge_days`; while a
  case is in a reporting state, a progress report is due every `report_every_days` (deadlines.py).
  Recording an acknowledgement or a progress report (`do_add_case_note`) meets the deadline; accepting a
  request acknowledges it.
- A handover or an ending settles the case's own notice in the same step (`_settle_notice`, workflow.
  CASE_NOTICE_OUTCOME, docs/decisions/0022): cancelled by default at handover and closure, asked at withdrawal.
- A person found (by screening, later by consular work) opens or moves the case through `do_record_located`
  (located.py).
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ForeignKey
from django.db.models.functions import Length
from django.utils import timezone
from django.utils.translation import gettext as _

from liaison.core import access, actions, audit, bulk
from liaison.desk import workflow
from liaison.desk.access import MANAGE_PERMISSION
from liaison.desk.actions.common import actor_agency, check_person, snapshot_changes, user_or_none
from liaison.desk.actions.deadlines import deadlines_for
from liaison.desk.actions.notices import transition_notice
from liaison.desk.choices import CaseDirection, CaseDocumentKind, CaseEventKind, CaseStatus, NoticeOutcome
from liaison.desk.models import CaseDocument, CaseEvent, FugitiveCase, Notice

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
# What `do_update_case` may change: the rest is fixed at opening (person, partner, direction, date of the
# request), moved by the workflow (status) or derived from it (deadlines, location, closing date).
CASE_EDITABLE = ("priority", "summary", "partner_reference", "assigned_to", "crime_area", "notice")


def _next_reference(owner: Any, year: int) -> str:
    prefix = f"FC-{owner.code}-{year}-"
    last = (
        FugitiveCase.objects.select_for_update()
        .filter(reference__startswith=prefix)
        .annotate(length=Length("reference"))
        .order_by("-length", "-reference")  # FC-…-10000 comes after FC-…-9999
        .values_list("reference", flat=True)
        .first()
    )
    number = int(last.rsplit("-", 1)[1]) + 1 if last else 1
    return f"{prefix}{number:04d}"


def add_event(case: FugitiveCase, kind: str, *, actor: Any, **fields: Any) -> CaseEvent:
    """Append a timeline entry (inside the caller's transaction; the caller audits); `fields` as `_event` takes
    them (note, place, occurred_at, from_status, to_status, data)."""
    event = _event(case, kind, actor, **fields)
    event.save()
    return event


def _event(
    case: FugitiveCase,
    kind: str,
    actor: Any,
    *,
    note: str = "",
    place: str = "",
    occurred_at: datetime.datetime | None = None,
    from_status: str = "",
    to_status: str = "",
    data: Mapping[str, Any] | None = None,
) -> CaseEvent:
    """A timeline entry, checked, not saved yet."""
    event = CaseEvent(
        case=case,
        kind=kind,
        note=note.strip(),
        place=place.strip(),
        occurred_at=occurred_at or timezone.now(),
        from_status=from_status,
        to_status=to_status,
        actor=user_or_none(actor),
        data=audit.to_json(dict(data or {})),
    )
    event.full_clean(exclude=["case", "actor"])
    return event


def _check_case_links(case: FugitiveCase, actor: Any) -> None:
    """The notice is one the actor may see, about the case's person; the officer in charge is one of ours."""
    if case.notice_id is not None:
        if not access.restrict(Notice.objects.filter(pk=case.notice_id), actor).exists():
            raise ValidationError({"notice": _("No such notice.")})
        if case.notice is not None and case.notice.person_id != case.person_id:
            raise ValidationError({"notice": _("The notice is about another person than the case.")})
    officer = case.assigned_to if case.assigned_to_id is not None else None
    if officer is not None and (officer.agency_id != case.owner_id or not officer.is_active):
        raise ValidationError({"assigned_to": _("The officer in charge is an active user of one's own agency.")})


def do_create_case(data: Mapping[str, Any], *, actor: Any, note: str = "") -> FugitiveCase:
    """Open a fugitive case about a person with a partner agency: an incoming request starts received, with its
    acknowledgement deadline; an outgoing one (ours: nothing to acknowledge) starts accepted. In a reporting
    state a progress report is due every `report_every_days`."""
    actions.require(actor, MANAGE_PERMISSION)
    fields = dict(data)
    for name in CASE_PROTECTED:
        if name in fields:
            if name == "status":
                raise ValidationError({name: _("The status changes only through a transition.")})
            raise ValidationError({name: _("This field cannot be set here.")})
    agency = actor_agency(actor)
    check_person(fields.get("person"), actor)
    today = timezone.localdate()
    with transaction.atomic():
        case = FugitiveCase(owner=agency, **fields)
        if case.partner_id == agency.pk:
            raise ValidationError({"partner": _("The partner is another agency than one's own.")})
        if case.received_on and case.received_on > today:
            raise ValidationError({"received_on": _("The date of the request cannot be in the future.")})
        _check_case_links(case, actor)
        ack_days, report_days = deadlines_for(agency, case.partner) if case.partner_id else (0, 0)
        received = case.received_on or today
        if case.direction == CaseDirection.INCOMING:
            case.status = CaseStatus.RECEIVED
            case.acknowledge_by = received + datetime.timedelta(days=ack_days)
        else:
            case.status = CaseStatus.ACCEPTED
            case.next_report_due = today + datetime.timedelta(days=report_days)
        case.reference = _next_reference(agency, received.year)
        case.full_clean()
        case.save()
        # The opening entry is dated the request (a case recorded after the fact keeps its course in order).
        opened_at = timezone.now()
        if received < today:
            opened_at = timezone.make_aware(datetime.datetime.combine(received, datetime.time()))
        add_event(case, CaseEventKind.OPENED, actor=actor, note=note, to_status=case.status, occurred_at=opened_at)
        audit.record("fugitive_case.create", actor=actor, obj=case, after=audit.snapshot(case))
    return case


def do_update_case(case: FugitiveCase, data: Mapping[str, Any], *, actor: Any) -> FugitiveCase:
    """Change a case's priority, summary, partner reference, officer in charge, crime area or notice. Its
    status moves through transitions and its deadlines follow from them."""
    actions.require(actor, MANAGE_PERMISSION)
    actions.require_owner(case, actor, MANAGE_PERMISSION)
    for name in data:
        if name == "status":
            raise ValidationError({name: _("The status changes only through a transition.")})
        if name not in CASE_EDITABLE:
            raise ValidationError({name: _("This field cannot be changed once the case is open.")})
    with transaction.atomic():
        stored = FugitiveCase.objects.select_for_update().get(pk=case.pk)
        before = audit.snapshot(stored)
        for name, value in data.items():
            setattr(stored, name, value)
        _check_case_links(stored, actor)
        stored.full_clean()
        stored.save()
        changed_before, changed_after = snapshot_changes(before, audit.snapshot(stored))
        audit.record("fugitive_case.update", actor=actor, obj=stored, before=changed_before, after=changed_after)
    case.refresh_from_db()
    return case


def _settle_notice(case: FugitiveCase, to: str, outcome: str, note: str, *, actor: Any) -> str:
    """Move the case's notice as `outcome` says (or the default of workflow.CASE_NOTICE_OUTCOME for `to`), inside
    the caller's transaction. Returns the outcome applied ("" when the notice did not move)."""
    if outcome and outcome not in NoticeOutcome.values:
        raise ValidationError({"notice_outcome": _("Choose to leave the notice as it is, suspend it or cancel it.")})
    if to not in workflow.CASE_NOTICE_OUTCOME:
        if outcome:
            raise ValidationError(
                {"notice_outcome": _("What becomes of the notice is said only when the case ends or is handed over.")}
            )
        return ""
    notice = Notice.objects.select_for_update().filter(pk=case.notice_id).first() if case.notice_id else None
    if notice is None or notice.status not in workflow.NOTICE_LIVE:
        return ""
    if notice.owner_id != case.owner_id:  # a partner's notice: the partner settles it
        if outcome not in ("", NoticeOutcome.KEEP):
            raise ValidationError(
                {
                    "notice_outcome": _("The notice belongs to %(agency)s: only that agency can suspend or cancel it.")
                    % {"agency": notice.owner}
                }
            )
        return ""
    if not outcome:
        outcome = workflow.CASE_NOTICE_OUTCOME.get(to) or ""
        if not outcome:
            raise ValidationError(
                {
                    "notice_outcome": _(
                        "Say what becomes of the notice (%(notice)s): leave it as it is, suspend it or cancel it."
                    )
                    % {"notice": notice}
                }
            )
    target = workflow.NOTICE_OUTCOME_STATUS.get(NoticeOutcome(outcome))
    if target is None or notice.status == target:
        return ""
    reason = _("Case %(reference)s: %(status)s.") % {
        "reference": case.reference,
        "status": CaseStatus(to).label,
    }
    try:
        transition_notice(notice, target, f"{reason} {note.strip()}".strip(), actor=actor)
    except ValidationError as error:
        raise ValidationError({"notice_outcome": error.messages}) from None
    return outcome


def do_transition_case(
    case: FugitiveCase,
    to: str,
    *,
    actor: Any,
    note: str = "",
    place: str = "",
    occurred_at: datetime.datetime | None = None,
    notice_outcome: str = "",
) -> FugitiveCase:
    """Move a case along workflow.CASE, recording who, when, where and why on its timeline. A handover or an
    ending settles the case's own notice in the same step (`notice_outcome`: keep, suspend or cancel; by default
    cancelled at handover and closure, to be said at withdrawal; see workflow.CASE_NOTICE_OUTCOME)."""
    actions.require(actor, MANAGE_PERMISSION)
    actions.require_owner(case, actor, MANAGE_PERMISSION)
    now = timezone.now()
    when = occurred_at or now
    if timezone.is_naive(when):
        when = timezone.make_aware(when)
    if when > now + datetime.timedelta(minutes=5):
        raise ValidationError({"occurred_at": _("The time of the event cannot be in the future.")})
    with transaction.atomic():
        stored = FugitiveCase.objects.select_for_update().get(pk=case.pk)
        workflow.CASE.check(stored.status, to, note)
        if timezone.localtime(when).date() < stored.received_on:
            raise ValidationError({"occurred_at": _("The event cannot be before the request was made.")})
        last = stored.events.filter(kind=CaseEventKind.TRANSITION).order_by("-occurred_at").first()
        if last is not None and when < last.occurred_at:
            raise ValidationError(
                {
                    "occurred_at": _("The event cannot be before the previous status change (%(status)s, %(when)s).")
                    % {
                        "status": last.get_to_status_display(),
                        "when": timezone.localtime(last.occurred_at).strftime("%Y-%m-%d %H:%M"),
                    }
                }
            )
        before = stored.status
        day = timezone.localtime(when).date()  # deadlines run from the day it happened, not the day it was recorded
        _ack_days, report_days = deadlines_for(stored.owner, stored.partner)
        stored.status = to
        if to in workflow.CASE_REPORTING:
            if stored.next_report_due is None or before not in workflow.CASE_REPORTING:
                stored.next_report_due = day + datetime.timedelta(days=report_days)
        else:
            stored.next_report_due = None
        if to == CaseStatus.ACCEPTED and stored.acknowledged_on is None:
            stored.acknowledged_on = day  # accepting a request acknowledges it
        if to in (CaseStatus.LOCATED, CaseStatus.DETAINED) and place.strip():
            stored.last_location = place.strip()
        if to in workflow.CASE_FINAL:
            stored.closed_on = day
        stored.save()
        settled = _settle_notice(stored, to, notice_outcome, note, actor=actor)
        add_event(
            stored,
            CaseEventKind.TRANSITION,
            actor=actor,
            note=note,
            place=place,
            occurred_at=when,
            from_status=before,
            to_status=to,
            data={"notice": stored.notice_id, "notice_outcome": settled} if settled else None,
        )
        after = {"status": to, "note": note.strip(), "place": place.strip(), "occurred_at": when.isoformat()}
        if settled:
            after["notice_outcome"] = settled
        audit.record("fugitive_case.transition", actor=actor, obj=stored, before={"status": before}, after=after)
    case.refresh_from_db()
    return case


NOTE_KINDS = (
    CaseEventKind.NOTE,
    CaseEventKind.ACKNOWLEDGED,
    CaseEventKind.PROGRESS_REPORT,
    CaseEventKind.SCREENING_HIT,
)


def do_add_case_note(
    case: FugitiveCase,
    *,
    actor: Any,
    note: str,
    kind: str = CaseEventKind.NOTE,
    place: str = "",
    data: Mapping[str, Any] | None = None,
) -> CaseEvent:
    """Add a note to a case's timeline; kind `acknowledged` meets the acknowledgement deadline and
    `progress_report` sets the next report due `report_every_days` from today."""
    return do_add_case_notes(case, [{"note": note, "kind": kind, "place": place, "data": data}], actor=actor)[0]


def do_add_case_notes(case: FugitiveCase, notes: Sequence[Mapping[str, Any]], *, actor: Any) -> list[CaseEvent]:
    """Add several notes to a case's timeline, in their order, in one transaction: each as `do_add_case_note`
    would (`note`, and optionally `kind`, `place`, `data`) — its checks, its deadline, its timeline entry and its
    audit record — with the case read and locked once and the timeline entries inserted together (a partner's
    entries arriving in one batch; docs/decisions/0055-federation-throughput-3.md). One note refused refuses all."""
    actions.require(actor, MANAGE_PERMISSION)
    actions.require_owner(case, actor, MANAGE_PERMISSION)
    wanted = [(str(item.get("kind") or CaseEventKind.NOTE), str(item.get("note") or "")) for item in notes]
    for kind, note in wanted:
        if kind not in NOTE_KINDS:
            raise ValidationError({"kind": _("Choose note, acknowledgement or progress report.")})
        if not note.strip():
            raise ValidationError({"note": _("Write the note.")})
    with transaction.atomic():
        # The case locked (not its agencies and person, read with it for the deadlines and the audit record).
        stored = (
            FugitiveCase.objects.select_for_update(of=("self",))
            .select_related("owner", "partner", "person")
            .get(pk=case.pk)
        )
        today = timezone.localdate()
        events, changes, saved = [], [], False
        for item, (kind, note) in zip(notes, wanted, strict=True):
            if stored.status in workflow.CASE_FINAL and kind != CaseEventKind.NOTE:
                raise ValidationError({"kind": _("The case is closed: only notes can be added.")})
            if kind == CaseEventKind.PROGRESS_REPORT and stored.status not in workflow.CASE_REPORTING:
                raise ValidationError(
                    {
                        "kind": _("No progress report is due while the case is %(status)s.")
                        % {"status": stored.get_status_display()}
                    }
                )
            changed: dict[str, Any] = {}
            if kind == CaseEventKind.ACKNOWLEDGED and stored.acknowledged_on is None:
                stored.acknowledged_on = today
                changed["acknowledged_on"] = today.isoformat()
            if kind == CaseEventKind.PROGRESS_REPORT:
                _ack_days, report_days = deadlines_for(stored.owner, stored.partner)
                stored.next_report_due = today + datetime.timedelta(days=report_days)
                changed["next_report_due"] = stored.next_report_due.isoformat()
            saved = saved or bool(changed)
            event = _event(stored, kind, actor, note=note, place=str(item.get("place") or ""), data=item.get("data"))
            events.append(event)
            changes.append(changed)
        if saved:
            stored.save()
        bulk.insert_as_saved(CaseEvent, events)  # federation's listener sends each on, as after a save
        audit.records(
            [
                audit.Entry("fugitive_case.note", actor, stored, after={"kind": kind, "note": note.strip(), **changed})
                for (kind, note), changed in zip(wanted, changes, strict=True)
            ]
        )
    for field in FugitiveCase._meta.concrete_fields:  # the caller's case as stored (what refresh_from_db reads)
        value = getattr(stored, field.attname)
        if isinstance(field, ForeignKey) and getattr(case, field.attname) != value and field.is_cached(case):
            field.delete_cached_value(case)
        setattr(case, field.attname, value)
    return events


def do_add_case_document(
    case: FugitiveCase,
    uploaded_file: Any,
    *,
    kind: str = CaseDocumentKind.OTHER,
    title: str = "",
    dated: datetime.date | None = None,
    actor: Any,
) -> CaseDocument:
    """Attach a document to a case: its SHA-256 and size are computed from the uploaded bytes, and the
    timeline shows it (an event of kind `document`)."""
    actions.require(actor, MANAGE_PERMISSION)
    actions.require_owner(case, actor, MANAGE_PERMISSION)
    if not uploaded_file:
        raise ValidationError({"file": _("Choose a file to upload.")})
    sha256, size = actions.sha256_of(uploaded_file)
    if size == 0:
        raise ValidationError({"file": _("The file is empty.")})
    name = os.path.basename(str(uploaded_file.name)).strip()[:255] or "document"
    document = CaseDocument(
        case=case,
        kind=kind,
        title=(title or "").strip() or name,
        original_name=name,
        size=size,
        sha256=sha256,
        dated=dated,
        added_by=user_or_none(actor),
    )
    if document.added_by is None:
        raise ValidationError({"added_by": _("Documents are added by a signed-in officer.")})
    document.full_clean(exclude=["file", "case", "added_by"])
    document.file.save(name, uploaded_file, save=False)  # written to storage before the transaction …
    try:
        with transaction.atomic():
            document.save()
            add_event(
                case,
                CaseEventKind.DOCUMENT,
                actor=actor,
                note=document.title,
                data={"document": document.pk, "sha256": sha256, "kind": kind},
            )
            audit.record("case_document.create", actor=actor, obj=document, after=audit.snapshot(document))
    except BaseException:
        document.file.storage.delete(document.file.name)  # … and removed again if it does not commit
        raise
    return document
