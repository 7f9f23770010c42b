"""Every write to the liaison desk (audited; see core/actions.py and docs/decisions/0010-desk-model.md).

Notices
- A notice belongs to the actor's agency (`owner` set here) and starts as a draft. A wanted notice needs a
  legal basis (warrant, judgment or decision, with the issuing authority, its date and reference) and at least
  one offence; offences are written with the notice (create, or update with `offences=` replacing the list)
  or one by one (`do_add_offence`, `do_update_offence`, `do_remove_offence`).
- Its status changes only through `do_transition_notice` (workflow.NOTICE); `do_review_notice` records the
  five-year retention review (INTERPOL RPD art. 49–51); `desk-check` expires notices past their validity.
- `do_share_notice` gives a partner read access under a handling code, and shares the notice's subject with
  the same agency under the same code (the partner must be able to read who the notice is about).

Fugitive cases
- A case's status changes only through `do_transition_case` (workflow.CASE): a CaseEvent on the timeline
  (who, when, where, note) and an audit record with from and to, in one transaction.
- Deadlines: an incoming request must be acknowledged within the partner's `acknowledge_days`; while a
  case is in a reporting state, a progress report is due every `report_every_days` (PartnerDeadlines, or
  the node defaults LIAISON_ACKNOWLEDGE_DAYS / LIAISON_REPORT_EVERY_DAYS). Recording an acknowledgement
  or a progress report (`do_add_case_note`) meets the deadline; accepting a request acknowledges it.
"""

from __future__ import annotations

import datetime
import hashlib
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models.functions import Length
from django.utils import timezone
from django.utils.translation import gettext as _

from liaison.core import access, actions, audit
from liaison.core.choices import TLP, HandlingCode
from liaison.core.models import Share
from liaison.desk import workflow
from liaison.desk.access import CONFIGURE_PERMISSION, MANAGE_PERMISSION
from liaison.desk.choices import (
    CaseDirection,
    CaseDocumentKind,
    CaseEventKind,
    CaseStatus,
    LegalBasisKind,
    NoticeKind,
    NoticeSource,
    NoticeStatus,
)
from liaison.desk.models import CaseDocument, CaseEvent, FugitiveCase, Notice, Offence, PartnerDeadlines

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
NOTICE_PROTECTED = ("owner", "status", "status_reason", "last_reviewed_on", "review_due_on")
OFFENCE_FIELDS = ("description", "description_translation", "crime_area", "law", "max_penalty", "country")


# --- shared steps ----------------------------------------------------------------------------------------
def _require_owner(record: Any, actor: Any) -> None:
    """Only the owning agency changes a record (a share gives read access only)."""
    if record.owner_id != getattr(actor, "agency_id", None):
        raise PermissionDenied(MANAGE_PERMISSION)


def _actor_agency(actor: Any) -> Any:
    agency = getattr(actor, "agency", None)
    if agency is None:
        raise ValidationError({"owner": _("The actor belongs to no agency.")})
    return agency


def _user_or_none(actor: Any) -> Any:
    is_user = getattr(actor, "is_authenticated", False) and not getattr(actor, "is_system", False)
    return actor if is_user and getattr(actor, "pk", None) else None


def _check_person(person: Any, actor: Any) -> None:
    """A notice or case is about a current person the actor may see."""
    from liaison.people.models import Person

    if person is None:
        raise ValidationError({"person": _("Choose the person.")})
    if getattr(person, "merged_into_id", None):
        raise ValidationError({"person": _("This person was merged into another record; choose that one.")})
    if not access.restrict(Person.objects.filter(pk=person.pk), actor).exists():
        raise ValidationError({"person": _("No such person.")})


def _snapshot_changes(before: Mapping[str, Any], after: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    changed = [key for key in after if after[key] != before.get(key) and key != "updated_at"]
    return {key: before.get(key) for key in changed}, {key: after[key] for key in changed}


def _sha256(file: Any) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    file.seek(0)
    for chunk in file.chunks() if hasattr(file, "chunks") else iter(lambda: file.read(65536), b""):
        digest.update(chunk)
        size += len(chunk)
    file.seek(0)
    return digest.hexdigest(), size


# --- notices ---------------------------------------------------------------------------------------------
def notice_state(notice: Notice) -> dict[str, Any]:
    """The audited state of a notice with its offences."""
    state = audit.snapshot(notice)
    state["offences"] = [audit.snapshot(offence, list(OFFENCE_FIELDS)) for offence in notice.offences.order_by("pk")]
    return state


def _refuse_notice_protected(data: Mapping[str, Any]) -> None:
    for name in NOTICE_PROTECTED:
        if name in data:
            if name in ("status", "status_reason"):
                raise ValidationError({name: _("The status changes only through a transition.")})
            if name in ("last_reviewed_on", "review_due_on"):
                raise ValidationError({name: _("The review date changes only by recording a review.")})
            raise ValidationError({name: _("This field cannot be set here.")})


def _full_legal_basis_required(notice: Notice) -> bool:
    """A wanted notice of this node or a partner names its warrant in full. INTERPOL's public extracts give the
    charges and the issuing country but not the warrant's authority, date and reference."""
    return notice.kind == NoticeKind.WANTED and notice.source != NoticeSource.INTERPOL


def _check_notice(notice: Notice) -> None:
    """The rules a notice meets whatever its status (run after its offences are written)."""
    if notice.kind != NoticeKind.WANTED:
        return
    errors: dict[str, list[str]] = {}
    if notice.legal_basis_kind == LegalBasisKind.NONE:
        errors["legal_basis_kind"] = [
            _("A wanted notice needs a legal basis: an arrest warrant, judgment or decision.")
        ]
    if _full_legal_basis_required(notice):
        if not notice.legal_basis_authority.strip():
            errors["legal_basis_authority"] = [_("Name the court or authority that issued the warrant or judgment.")]
        if notice.legal_basis_date is None:
            errors["legal_basis_date"] = [_("Give the date of the warrant or judgment.")]
        if not notice.legal_basis_reference.strip():
            errors["legal_basis_reference"] = [_("Give the reference of the warrant or judgment.")]
    offences = list(notice.offences.all())
    # INTERPOL's list pages publish no charges: a notice imported from one names them once its detail is imported.
    if not offences and notice.source != NoticeSource.INTERPOL:
        errors["offences"] = [_("A wanted notice names at least one offence.")]
    elif _full_legal_basis_required(notice):
        for number, offence in enumerate(offences, start=1):
            if not offence.law.strip() or not offence.max_penalty.strip():
                errors.setdefault("offences", []).append(
                    _("Offence %(n)s: a wanted notice gives the law and article and the maximum penalty.")
                    % {"n": number}
                )
    if errors:
        raise ValidationError(errors)


def _build_offence(notice: Notice, row: Mapping[str, Any], number: int) -> Offence:
    unknown = sorted(set(row) - set(OFFENCE_FIELDS) - {"id", "notice"})
    if unknown:
        raise ValidationError(
            {"offences": _("Offence %(n)s: unknown fields %(fields)s.") % {"n": number, "fields": ", ".join(unknown)}}
        )
    offence = Offence(notice=notice, **{key: value for key, value in row.items() if key in OFFENCE_FIELDS})
    try:
        offence.full_clean(exclude=["notice"])
    except ValidationError as error:
        messages = "; ".join(f"{key}: {'; '.join(values)}" for key, values in error.message_dict.items())
        raise ValidationError({"offences": _("Offence %(n)s: %(error)s") % {"n": number, "error": messages}}) from None
    return offence


def _replace_offences(notice: Notice, offences: Iterable[Mapping[str, Any]]) -> None:
    built = [_build_offence(notice, row, number) for number, row in enumerate(offences, start=1)]
    notice.offences.all().delete()
    Offence.objects.bulk_create(built)


def _check_validity_for_activation(notice: Notice, today: datetime.date) -> None:
    if notice.valid_until is not None and notice.valid_until < today:
        raise ValidationError(
            {
                "to": _("The notice was valid until %(date)s: extend its validity (edit, or record a review) first.")
                % {"date": notice.valid_until.isoformat()}
            }
        )
    if notice.review_due_on is not None and notice.review_due_on < today:
        raise ValidationError(
            {
                "to": _("The five-year review was due on %(date)s: record the review before activating the notice.")
                % {"date": notice.review_due_on.isoformat()}
            }
        )


def do_create_notice(data: Mapping[str, Any], *, offences: Iterable[Mapping[str, Any]] = (), actor: Any) -> Notice:
    """Record a notice about a person (a draft of the actor's agency) with its offences."""
    actions.require(actor, MANAGE_PERMISSION)
    fields = dict(data)
    _refuse_notice_protected(fields)
    if "offences" in fields:  # the API passes them inside the data
        offences = fields.pop("offences") or ()
    agency = _actor_agency(actor)
    _check_person(fields.get("person"), actor)
    with transaction.atomic():
        notice = Notice(owner=agency, **fields)
        notice.status = NoticeStatus.DRAFT
        notice.full_clean()
        notice.save()
        _replace_offences(notice, offences)
        _check_notice(notice)
        audit.record("notice.create", actor=actor, obj=notice, after=notice_state(notice))
    return notice


def do_update_notice(
    notice: Notice, data: Mapping[str, Any], *, offences: Iterable[Mapping[str, Any]] | None = None, actor: Any
) -> Notice:
    """Change a notice; `offences`, when given, replace the whole list. The person changes only on a draft."""
    actions.require(actor, MANAGE_PERMISSION)
    _require_owner(notice, actor)
    fields = dict(data)
    _refuse_notice_protected(fields)
    if "offences" in fields:
        offences = fields.pop("offences")
    with transaction.atomic():
        stored = Notice.objects.select_for_update().get(pk=notice.pk)
        before = notice_state(stored)
        person = fields.get("person")
        if person is not None and person.pk != stored.person_id:
            if stored.status != NoticeStatus.DRAFT:
                raise ValidationError({"person": _("The person of a notice changes only while it is a draft.")})
            _check_person(person, actor)
        for name, value in fields.items():
            setattr(notice, name, value)
        notice.status = stored.status
        notice.last_reviewed_on = stored.last_reviewed_on
        notice.full_clean()
        notice.save()
        if offences is not None:
            _replace_offences(notice, offences)
        _check_notice(notice)
        changed_before, changed_after = _snapshot_changes(before, notice_state(notice))
        audit.record("notice.update", actor=actor, obj=notice, before=changed_before, after=changed_after)
    return notice


def do_transition_notice(notice: Notice, to: str, *, note: str = "", actor: Any) -> Notice:
    """Move a notice along workflow.NOTICE; suspending and cancelling need a reason (kept on the notice).
    Activating needs the notice to be within its validity and its five-year review."""
    actions.require(actor, MANAGE_PERMISSION)
    _require_owner(notice, actor)
    with transaction.atomic():
        stored = Notice.objects.select_for_update().get(pk=notice.pk)
        _transition_notice(stored, to, note, actor=actor)
    notice.refresh_from_db()
    return notice


def _transition_notice(stored: Notice, to: str, note: str, *, actor: Any) -> None:
    """The transition itself, on a locked notice, inside the caller's transaction."""
    workflow.NOTICE.check(stored.status, to, note)
    if to == NoticeStatus.ACTIVE:
        _check_validity_for_activation(stored, timezone.localdate())
        _check_notice(stored)
    before = stored.status
    stored.status = to
    stored.status_reason = note.strip()
    stored.save(update_fields=["status", "status_reason", "updated_at"])
    audit.record(
        "notice.transition",
        actor=actor,
        obj=stored,
        agency=stored.owner,
        before={"status": before},
        after={"status": to, "note": note.strip()},
    )


def do_review_notice(notice: Notice, *, note: str = "", actor: Any, valid_until: datetime.date | None = None) -> Notice:
    """Record the retention review: the source confirms the notice is still needed (the reason in `note`).
    The next review falls five years later; `valid_until`, when given, extends the notice's validity. An
    expired notice can be reviewed, and then activated again."""
    actions.require(actor, MANAGE_PERMISSION)
    _require_owner(notice, actor)
    if not note.strip():
        raise ValidationError({"note": _("Say why the notice is still needed.")})
    if notice.status in (NoticeStatus.DRAFT, NoticeStatus.CANCELLED):
        raise ValidationError({"status": _("Only an issued notice (active, suspended or expired) is reviewed.")})
    today = timezone.localdate()
    if valid_until is not None and valid_until < today:
        raise ValidationError({"valid_until": _("The new end of validity cannot be in the past.")})
    with transaction.atomic():
        stored = Notice.objects.select_for_update().get(pk=notice.pk)
        before = {
            "last_reviewed_on": stored.last_reviewed_on,
            "review_due_on": stored.review_due_on,
            "valid_until": stored.valid_until,
        }
        stored.last_reviewed_on = today
        if valid_until is not None:
            stored.valid_until = valid_until
        stored.full_clean()  # recomputes review_due_on
        stored.save()
        after = {
            "last_reviewed_on": stored.last_reviewed_on,
            "review_due_on": stored.review_due_on,
            "valid_until": stored.valid_until,
            "note": note.strip(),
        }
        audit.record("notice.review", actor=actor, obj=stored, before=audit.to_json(before), after=audit.to_json(after))
    notice.refresh_from_db()
    return notice


def _notice_content_type() -> ContentType:
    return ContentType.objects.get_for_model(Notice)


def notice_shares(notice: Notice) -> models.QuerySet[Share]:
    return Share.objects.filter(content_type=_notice_content_type(), object_id=str(notice.pk)).select_related(
        "agency", "shared_by"
    )


def share_for(notice: Notice, agency_id: Any) -> Share | None:
    """The share through which `agency_id` reads the notice (None for the owner or an agency without one)."""
    return notice_shares(notice).filter(agency_id=agency_id).first()


def do_share_notice(
    notice: Notice,
    agency: Any,
    *,
    handling_code: str,
    tlp: str = TLP.AMBER,
    note: str = "",
    actor: Any,
) -> Share:
    """Give `agency` read access to the notice, and to the person it is about, under a handling code and a TLP
    label. Sharing again with the same agency changes the code."""
    from liaison.people.actions import share_person

    actions.require(actor, MANAGE_PERMISSION)
    _require_owner(notice, actor)
    if agency is None:
        raise ValidationError({"agency": _("Choose the agency to share with.")})
    if agency.pk == notice.owner_id:
        raise ValidationError({"agency": _("The notice already belongs to that agency.")})
    if not agency.is_active:
        raise ValidationError({"agency": _("That agency is no longer active.")})
    if handling_code not in HandlingCode.values:
        raise ValidationError({"handling_code": _("Choose a handling code H0–H3.")})
    if tlp not in TLP.values:
        raise ValidationError({"tlp": _("Choose a TLP label.")})
    if handling_code == HandlingCode.H3 and not note.strip():
        raise ValidationError({"handling_note": _("H3 needs the restrictions written out.")})
    if notice.status not in (NoticeStatus.ACTIVE, NoticeStatus.SUSPENDED):
        raise ValidationError({"status": _("Activate the notice before sharing it.")})
    person = notice.person
    if person.owner_id not in (notice.owner_id, agency.pk):
        # The subject was shared with us by another agency: passing it on is that agency's decision.
        raise ValidationError(
            {
                "agency": _(
                    "The person this notice is about belongs to %(owner)s; it cannot be passed on to another agency."
                )
                % {"owner": person.owner}
            }
        )
    with transaction.atomic():
        share, created = Share.objects.update_or_create(
            content_type=_notice_content_type(),
            object_id=str(notice.pk),
            agency=agency,
            defaults={
                "handling_code": handling_code,
                "tlp": tlp,
                "handling_note": note.strip(),
                "shared_by": actor,
                "shared_at": timezone.now(),
            },
        )
        person_shared = person.owner_id != agency.pk
        if person_shared:
            share_person(person, agency, handling_code=handling_code, actor=actor, tlp=tlp, note=note)
            audit.record(
                "person.share",
                actor=actor,
                obj=person,
                after={"agency": agency.pk, "handling_code": handling_code, "tlp": tlp, "via_notice": notice.pk},
            )
        audit.record(
            "notice.share",
            actor=actor,
            obj=notice,
            after={
                "agency": agency.pk,
                "handling_code": handling_code,
                "tlp": tlp,
                "note": note.strip(),
                "new": created,
                "person": person.pk if person_shared else None,
            },
        )
    return share


def do_unshare_notice(notice: Notice, agency: Any, *, actor: Any) -> None:
    """Withdraw the partner's access to the notice. The person it is about stops being shared with that agency
    as well, unless another of the owner's notices about the person is still shared with it."""
    from liaison.people.models import Person

    actions.require(actor, MANAGE_PERMISSION)
    _require_owner(notice, actor)
    with transaction.atomic():
        share = notice_shares(notice).select_for_update().filter(agency=agency).first()
        if share is None:
            raise ValidationError({"agency": _("The notice is not shared with that agency.")})
        before = {"agency": agency.pk, "handling_code": share.handling_code, "tlp": share.tlp}
        share.delete()
        other_notices = Notice.objects.filter(person_id=notice.person_id, owner_id=notice.owner_id).exclude(
            pk=notice.pk
        )
        still_shared = Share.objects.filter(
            content_type=_notice_content_type(),
            agency=agency,
            object_id__in=[str(pk) for pk in other_notices.values_list("pk", flat=True)],
        ).exists()
        person_unshared = False
        if not still_shared and notice.person.owner_id == notice.owner_id:
            deleted, _rows = Share.objects.filter(
                content_type=ContentType.objects.get_for_model(Person),
                object_id=str(notice.person_id),
                agency=agency,
            ).delete()
            person_unshared = bool(deleted)
            if person_unshared:
                audit.record(
                    "person.unshare",
                    actor=actor,
                    obj=notice.person,
                    before={"agency": agency.pk, "via_notice": notice.pk},
                )
        audit.record(
            "notice.unshare", actor=actor, obj=notice, before=before, after={"person_unshared": person_unshared}
        )


# --- offences --------------------------------------------------------------------------------------------
def _offence_parent(data: Mapping[str, Any]) -> Notice:
    notice = data.get("notice")
    if not isinstance(notice, Notice):
        raise ValidationError({"notice": _("This field is required.")})
    return notice


def do_add_offence(data: Mapping[str, Any], *, actor: Any) -> Offence:
    actions.require(actor, MANAGE_PERMISSION)
    notice = _offence_parent(data)
    _require_owner(notice, actor)
    with transaction.atomic():
        offence = actions.create(Offence, data, actor=actor, action="offence.create")
        _check_notice(notice)
    return offence


def do_update_offence(offence: Offence, data: Mapping[str, Any], *, actor: Any) -> Offence:
    actions.require(actor, MANAGE_PERMISSION)
    _require_owner(offence.notice, actor)
    if "notice" in data and data["notice"] != offence.notice:
        raise ValidationError({"notice": _("An offence cannot be moved to another notice.")})
    with transaction.atomic():
        offence = actions.update(offence, data, actor=actor, action="offence.update")
        _check_notice(offence.notice)
    return offence


def do_remove_offence(offence: Offence, *, actor: Any) -> None:
    actions.require(actor, MANAGE_PERMISSION)
    notice = offence.notice
    _require_owner(notice, actor)
    with transaction.atomic():
        actions.delete(offence, actor=actor, action="offence.delete")
        _check_notice(notice)


# --- the daily check -------------------------------------------------------------------------------------
@dataclass
class DeskCheck:
    """What `desk-check` found and did."""

    today: datetime.date
    expired: list[Notice] = field(default_factory=list)
    overdue_cases: list[FugitiveCase] = field(default_factory=list)
    review_due: list[Notice] = field(default_factory=list)


def do_desk_check(*, actor: Any, today: datetime.date | None = None, dry_run: bool = False) -> DeskCheck:
    """The daily check of the node (every agency): active or suspended notices whose validity ended are moved
    to expired (audited, one transition each); open cases past a deadline and notices due for their five-year
    review are reported. Running it again the same day changes nothing."""
    if not getattr(actor, "is_system", False):
        raise PermissionDenied(_("The daily check runs from the command line."))
    today = today or timezone.localdate()
    result = DeskCheck(today=today)
    due = Notice.objects.filter(
        status__in=[NoticeStatus.ACTIVE, NoticeStatus.SUSPENDED], valid_until__lt=today
    ).order_by("valid_until", "pk")
    for pk in list(due.values_list("pk", flat=True)):
        if dry_run:
            result.expired.append(Notice.objects.get(pk=pk))
            continue
        with transaction.atomic():
            stored = Notice.objects.select_for_update().get(pk=pk)
            if stored.status not in (NoticeStatus.ACTIVE, NoticeStatus.SUSPENDED) or not (
                stored.valid_until and stored.valid_until < today
            ):
                continue  # changed meanwhile
            note = _("Validity ended on %(date)s (daily check).") % {"date": stored.valid_until.isoformat()}
            _transition_notice(stored, NoticeStatus.EXPIRED, note, actor=actor)
            result.expired.append(stored)
    result.overdue_cases = list(
        FugitiveCase.objects.overdue(today).select_related("owner", "partner", "person").order_by("owner", "pk")
    )
    result.review_due = list(
        Notice.objects.review_due(today).select_related("owner", "person").order_by("review_due_on", "pk")
    )
    return result


# --- partner deadlines -----------------------------------------------------------------------------------
def _check_deadline_partner(data: Mapping[str, Any], owner_id: Any) -> None:
    partner = data.get("partner")
    if partner is not None and partner.pk == owner_id:
        raise ValidationError({"partner": _("The partner is another agency than one's own.")})


def do_create_partner_deadlines(data: Mapping[str, Any], *, actor: Any) -> PartnerDeadlines:
    """Set how soon this agency acknowledges a partner's requests and how often it reports progress."""
    actions.require(actor, CONFIGURE_PERMISSION)
    if "owner" in data:
        raise ValidationError({"owner": _("This field cannot be set here.")})
    agency = _actor_agency(actor)
    _check_deadline_partner(data, agency.pk)
    if PartnerDeadlines.objects.filter(owner=agency, partner=data.get("partner")).exists():
        raise ValidationError({"partner": _("Deadlines for this partner are already set; change them instead.")})
    return actions.create(PartnerDeadlines, {**data, "owner": agency}, actor=actor, action="partner_deadlines.create")


def do_update_partner_deadlines(row: PartnerDeadlines, data: Mapping[str, Any], *, actor: Any) -> PartnerDeadlines:
    actions.require(actor, CONFIGURE_PERMISSION)
    _require_owner(row, actor)
    if "owner" in data:
        raise ValidationError({"owner": _("This field cannot be set here.")})
    _check_deadline_partner(data, row.owner_id)
    partner = data.get("partner")
    if (
        partner is not None
        and PartnerDeadlines.objects.filter(owner_id=row.owner_id, partner=partner).exclude(pk=row.pk).exists()
    ):
        raise ValidationError({"partner": _("Deadlines for this partner are already set; change them instead.")})
    return actions.update(row, data, actor=actor, action="partner_deadlines.update")


def do_delete_partner_deadlines(row: PartnerDeadlines, *, actor: Any) -> None:
    """Remove a partner's deadlines: the node defaults apply to that partner again (for new deadlines)."""
    actions.require(actor, CONFIGURE_PERMISSION)
    _require_owner(row, actor)
    actions.delete(row, actor=actor, action="partner_deadlines.delete")


def deadlines_for(owner: Any, partner: Any) -> tuple[int, int]:
    """(acknowledge within, report every) in days for requests between `owner` and `partner`."""
    row = PartnerDeadlines.objects.filter(owner=owner, partner=partner).first()
    if row is not None:
        return row.acknowledge_days, row.report_every_days
    return settings.LIAISON_ACKNOWLEDGE_DAYS, settings.LIAISON_REPORT_EVERY_DAYS


# --- fugitive cases --------------------------------------------------------------------------------------
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
        actor=_user_or_none(actor),
        data=audit.to_json(dict(data or {})),
    )
    event.full_clean(exclude=["case", "actor"])
    event.save()
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
    agency = _actor_agency(actor)
    _check_person(fields.get("person"), actor)
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
    _require_owner(case, actor)
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
        changed_before, changed_after = _snapshot_changes(before, audit.snapshot(stored))
        audit.record("fugitive_case.update", actor=actor, obj=stored, before=changed_before, after=changed_after)
    case.refresh_from_db()
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
        add_event(
            stored,
            CaseEventKind.TRANSITION,
            actor=actor,
            note=note,
            place=place,
            occurred_at=when,
            from_status=before,
            to_status=to,
        )
        audit.record(
            "fugitive_case.transition",
            actor=actor,
            obj=stored,
            before={"status": before},
            after={"status": to, "note": note.strip(), "place": place.strip(), "occurred_at": when.isoformat()},
        )
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
    actions.require(actor, MANAGE_PERMISSION)
    _require_owner(case, actor)
    if kind not in NOTE_KINDS:
        raise ValidationError({"kind": _("Choose note, acknowledgement or progress report.")})
    if not note.strip():
        raise ValidationError({"note": _("Write the note.")})
    with transaction.atomic():
        stored = FugitiveCase.objects.select_for_update().get(pk=case.pk)
        if stored.status in workflow.CASE_FINAL and kind != CaseEventKind.NOTE:
            raise ValidationError({"kind": _("The case is closed: only notes can be added.")})
        if kind == CaseEventKind.PROGRESS_REPORT and stored.status not in workflow.CASE_REPORTING:
            raise ValidationError(
                {
                    "kind": _("No progress report is due while the case is %(status)s.")
                    % {"status": stored.get_status_display()}
                }
            )
        today = timezone.localdate()
        _ack_days, report_days = deadlines_for(stored.owner, stored.partner)
        changed: dict[str, Any] = {}
        if kind == CaseEventKind.ACKNOWLEDGED and stored.acknowledged_on is None:
            stored.acknowledged_on = today
            changed["acknowledged_on"] = today.isoformat()
        if kind == CaseEventKind.PROGRESS_REPORT:
            stored.next_report_due = today + datetime.timedelta(days=report_days)
            changed["next_report_due"] = stored.next_report_due.isoformat()
        if changed:
            stored.save()
        event = add_event(stored, kind, actor=actor, note=note, place=place, data=data)
        audit.record(
            "fugitive_case.note", actor=actor, obj=stored, after={"kind": kind, "note": note.strip(), **changed}
        )
    case.refresh_from_db()
    return event


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
    _require_owner(case, actor)
    if not uploaded_file:
        raise ValidationError({"file": _("Choose a file to upload.")})
    sha256, size = _sha256(uploaded_file)
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
        added_by=_user_or_none(actor),
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
