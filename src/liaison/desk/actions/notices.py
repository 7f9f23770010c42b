"""The desk's notices and their offences (audited; see core/actions.py and docs/decisions/0010-desk-model.md).

- A notice belongs to the actor's agency (`owner` set here) and starts as a draft. A wanted notice needs a
  legal basis (warrant, judgment or decision, with the issuing authority, its date and reference) and at least
  one offence; offences are written with the notice (create, or update with `offences=` replacing the list)
  or one by one (`do_add_offence`, `do_update_offence`, `do_remove_offence`).
- Its status changes only through `do_transition_notice` (workflow.NOTICE); `do_review_notice` records the
  five-year retention review (INTERPOL RPD art. 49–51); `desk-check` expires notices past their validity.
- `do_share_notice` gives a partner read access under a handling code (core/sharing.py), and shares the
  notice's subject with the same agency under the same code (the cascade registered in desk/sharing.py: the
  partner must be able to read who the notice is about).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from liaison.core import actions, audit, sharing
from liaison.core.choices import TLP
from liaison.core.models import Share
from liaison.desk import workflow
from liaison.desk.access import MANAGE_PERMISSION
from liaison.desk.actions.common import actor_agency, check_person, snapshot_changes
from liaison.desk.choices import LegalBasisKind, NoticeKind, NoticeSource, NoticeStatus
from liaison.desk.models import Notice, Offence

NOTICE_PROTECTED = ("owner", "status", "status_reason", "last_reviewed_on", "review_due_on")
OFFENCE_FIELDS = ("description", "description_translation", "crime_area", "law", "max_penalty", "country")


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
    agency = actor_agency(actor)
    check_person(fields.get("person"), actor)
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
    actions.require_owner(notice, actor, MANAGE_PERMISSION)
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
            check_person(person, actor)
        for name, value in fields.items():
            setattr(notice, name, value)
        notice.status = stored.status
        notice.last_reviewed_on = stored.last_reviewed_on
        notice.full_clean()
        notice.save()
        if offences is not None:
            _replace_offences(notice, offences)
        _check_notice(notice)
        changed_before, changed_after = snapshot_changes(before, notice_state(notice))
        audit.record("notice.update", actor=actor, obj=notice, before=changed_before, after=changed_after)
    return notice


def do_transition_notice(notice: Notice, to: str, *, note: str = "", actor: Any) -> Notice:
    """Move a notice along workflow.NOTICE; suspending and cancelling need a reason (kept on the notice).
    Activating needs the notice to be within its validity and its five-year review."""
    actions.require(actor, MANAGE_PERMISSION)
    actions.require_owner(notice, actor, MANAGE_PERMISSION)
    with transaction.atomic():
        stored = Notice.objects.select_for_update().get(pk=notice.pk)
        transition_notice(stored, to, note, actor=actor)
    notice.refresh_from_db()
    return notice


def transition_notice(stored: Notice, to: str, note: str, *, actor: Any) -> None:
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
    actions.require_owner(notice, actor, MANAGE_PERMISSION)
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


def notice_shares(notice: Notice) -> models.QuerySet[Share]:
    return sharing.shares_of(notice)


def share_for(notice: Notice, agency_id: Any) -> Share | None:
    """The share through which `agency_id` reads the notice (None for the owner or an agency without one)."""
    return sharing.share_for(notice, agency_id)


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
    label. Sharing again with the same agency changes the code. Only an issued notice is shared."""
    actions.require(actor, MANAGE_PERMISSION)
    actions.require_owner(notice, actor, MANAGE_PERMISSION)
    if notice.status not in (NoticeStatus.ACTIVE, NoticeStatus.SUSPENDED):
        raise ValidationError({"status": _("Activate the notice before sharing it.")})
    return sharing.do_share(notice, agency, handling_code=handling_code, tlp=tlp, note=note, actor=actor)


def do_unshare_notice(notice: Notice, agency: Any, *, actor: Any) -> None:
    """Withdraw the partner's access to the notice. The person it is about stops being shared with that agency
    as well, unless another of the owner's notices about the person is still shared with it."""
    actions.require(actor, MANAGE_PERMISSION)
    actions.require_owner(notice, actor, MANAGE_PERMISSION)
    sharing.do_unshare(notice, agency, actor=actor)


# --- offences --------------------------------------------------------------------------------------------
def do_add_offence(data: Mapping[str, Any], *, actor: Any) -> Offence:
    with transaction.atomic():
        offence = actions.create_child(
            Offence, data, parent="notice", permission=MANAGE_PERMISSION, actor=actor, action="offence.create"
        )
        _check_notice(offence.notice)
    return offence


def do_update_offence(offence: Offence, data: Mapping[str, Any], *, actor: Any) -> Offence:
    if "notice" in data and data["notice"] != offence.notice:
        actions.require(actor, MANAGE_PERMISSION)
        actions.require_owner(offence.notice, actor, MANAGE_PERMISSION)
        raise ValidationError({"notice": _("An offence cannot be moved to another notice.")})
    with transaction.atomic():
        offence = actions.update_child(
            offence, data, parent="notice", permission=MANAGE_PERMISSION, actor=actor, action="offence.update"
        )
        _check_notice(offence.notice)
    return offence


def do_remove_offence(offence: Offence, *, actor: Any) -> None:
    notice = offence.notice
    with transaction.atomic():
        actions.delete_child(
            offence, parent="notice", permission=MANAGE_PERMISSION, actor=actor, action="offence.delete"
        )
        _check_notice(notice)
