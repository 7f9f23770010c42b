"""Every write to the cooperation registry (audited; see core/actions.py and docs/decisions/0009).

- Top-level records (agreements, programmes, action items, engagements, training courses, capacity projects)
  belong to the actor's agency; `owner` is set here, never taken from the caller.
- Status fields change only through `do_transition_<noun>` (workflow.py); the audit record carries from/to.
- Child records (documents, links, progress updates, participants, outcomes) are written through their own
  actions, each checking that the actor's agency owns the parent, and audited with the child as the object
  (`<child>.create` / `.update` / `.delete`, the parent's id inside the snapshot). An agreement's parties and
  titles are part of the agreement itself: written with it and audited in its record.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from liaison.cooperation import workflow
from liaison.cooperation.access import MANAGE_PERMISSION
from liaison.cooperation.models import (
    ActionItem,
    ActionItemUpdate,
    Agreement,
    AgreementDocument,
    AgreementLink,
    AgreementParty,
    AgreementTitle,
    CapacityProject,
    Engagement,
    EngagementParticipant,
    Outcome,
    Programme,
    TrainingCourse,
)
from liaison.core import access, actions, audit
from liaison.core.models import AgencyOwnedModel

M = TypeVar("M", bound=models.Model)
OwnedT = TypeVar("OwnedT", bound=AgencyOwnedModel)

PROTECTED_FIELDS = ("owner", "status", "status_reason", "origin_outcome")


# --- shared steps ----------------------------------------------------------------------------------------
def _require_owner(record: AgencyOwnedModel, actor: Any) -> None:
    """Only the owning agency changes a record (a share gives read access only)."""
    if record.owner_id != getattr(actor, "agency_id", None):
        raise PermissionDenied(MANAGE_PERMISSION)


def _refuse_protected(data: Mapping[str, Any]) -> None:
    for name in PROTECTED_FIELDS:
        if name in data:
            if name in ("status", "status_reason"):
                raise ValidationError({name: _("The status changes only through a transition.")})
            raise ValidationError({name: _("This field cannot be set here.")})


def _create_owned(model: type[OwnedT], data: Mapping[str, Any], *, actor: Any, action: str) -> OwnedT:
    actions.require(actor, MANAGE_PERMISSION)
    _refuse_protected(data)
    agency = getattr(actor, "agency", None)
    if agency is None:
        raise ValidationError({"owner": _("The actor belongs to no agency.")})
    return actions.create(model, {**data, "owner": agency}, actor=actor, action=action)


def _update_owned(record: OwnedT, data: Mapping[str, Any], *, actor: Any, action: str) -> OwnedT:
    actions.require(actor, MANAGE_PERMISSION)
    _require_owner(record, actor)
    _refuse_protected(data)
    return actions.update(record, data, actor=actor, action=action)


def _delete(record: models.Model, *, actor: Any, action: str) -> None:
    try:
        with transaction.atomic():
            actions.delete(record, actor=actor, action=action)
    except models.ProtectedError as error:
        kinds = sorted({str(obj._meta.verbose_name) for obj in error.protected_objects})
        raise ValidationError(
            _("Other records still refer to this one: %(kinds)s. Remove them first.") % {"kinds": ", ".join(kinds)}
        ) from None


def _child_parent(data: Mapping[str, Any], field: str, instance: models.Model | None = None) -> AgencyOwnedModel:
    parent = data.get(field) if field in data else getattr(instance, field, None)
    if parent is None:
        raise ValidationError({field: _("This field is required.")})
    return parent  # type: ignore[no-any-return]


def _create_child(model: type[M], data: Mapping[str, Any], parent_field: str, *, actor: Any, action: str) -> M:
    actions.require(actor, MANAGE_PERMISSION)
    _require_owner(_child_parent(data, parent_field), actor)
    return actions.create(model, data, actor=actor, action=action)


def _update_child(record: M, data: Mapping[str, Any], parent_field: str, *, actor: Any, action: str) -> M:
    actions.require(actor, MANAGE_PERMISSION)
    _require_owner(getattr(record, parent_field), actor)
    if parent_field in data and data[parent_field] != getattr(record, parent_field):
        raise ValidationError({parent_field: _("A record cannot be moved to another parent.")})
    return actions.update(record, data, actor=actor, action=action)


def _delete_child(record: models.Model, parent_field: str, *, actor: Any, action: str) -> None:
    actions.require(actor, MANAGE_PERMISSION)
    _require_owner(getattr(record, parent_field), actor)
    _delete(record, actor=actor, action=action)


def _transition(
    record: Any, flow: workflow.Workflow, to: str, note: str, *, actor: Any, action: str, keep_reason: bool
) -> None:
    actions.require(actor, MANAGE_PERMISSION)
    _require_owner(record, actor)
    with transaction.atomic():
        stored = type(record)._default_manager.select_for_update().get(pk=record.pk)
        flow.check(stored.status, to, note)
        record.status = to
        fields = ["status", "updated_at"]
        if keep_reason:
            record.status_reason = note.strip()
            fields.append("status_reason")
        record.save(update_fields=fields)
        audit.record(
            action,
            actor=actor,
            obj=record,
            before={"status": stored.status},
            after={"status": to, "note": note.strip()},
        )


# --- agreements ------------------------------------------------------------------------------------------
def _agreement_state(agreement: Agreement) -> dict[str, Any]:
    state = audit.snapshot(agreement)
    state["parties"] = [
        {"agency": p.agency_id, "government_country": str(p.government_country or ""), "name_text": p.name_text}
        for p in agreement.parties.order_by("id")
    ]
    state["titles"] = [{"language": t.language, "title": t.title} for t in agreement.titles.order_by("id")]
    return state


def _replace_parties(agreement: Agreement, parties: list[Mapping[str, Any]]) -> None:
    if len(parties) < 2:
        raise ValidationError({"parties": _("An agreement has at least two parties.")})
    seen: set[tuple[Any, str]] = set()
    agreement.parties.all().delete()
    for row in parties:
        party = AgreementParty(agreement=agreement, **row)
        try:
            party.full_clean()
        except ValidationError as error:
            raise ValidationError({"parties": error.messages}) from None
        key = (party.agency_id, str(party.government_country or ""))
        if key in seen:
            raise ValidationError({"parties": _("The same party is listed twice.")})
        seen.add(key)
        party.save()


def _replace_titles(agreement: Agreement, titles: list[Mapping[str, Any]]) -> None:
    languages = [row.get("language") for row in titles]
    if len(set(languages)) != len(languages):
        raise ValidationError({"titles": _("Give one title per language.")})
    agreement.titles.all().delete()
    for row in titles:
        title = AgreementTitle(agreement=agreement, **row)
        try:
            title.full_clean()
        except ValidationError as error:
            raise ValidationError({"titles": error.messages}) from None
        title.save()


def do_create_agreement(data: Mapping[str, Any], *, actor: Any) -> Agreement:
    """Record an agreement with its parties (two or more) and its titles in the parties' languages."""
    actions.require(actor, MANAGE_PERMISSION)
    fields = dict(data)
    _refuse_protected(fields)
    parties = fields.pop("parties", [])
    titles = fields.pop("titles", [])
    if getattr(actor, "agency", None) is None:
        raise ValidationError({"owner": _("The actor belongs to no agency.")})
    with transaction.atomic():
        agreement = Agreement(owner=actor.agency, **fields)
        agreement.full_clean()
        agreement.save()
        _replace_parties(agreement, parties)
        _replace_titles(agreement, titles)
        audit.record("agreement.create", actor=actor, obj=agreement, after=_agreement_state(agreement))
    return agreement


def do_update_agreement(agreement: Agreement, data: Mapping[str, Any], *, actor: Any) -> Agreement:
    """Change an agreement; `parties` or `titles`, when given, replace the whole list."""
    actions.require(actor, MANAGE_PERMISSION)
    _require_owner(agreement, actor)
    fields = dict(data)
    _refuse_protected(fields)
    parties = fields.pop("parties", None)
    titles = fields.pop("titles", None)
    with transaction.atomic():
        before = _agreement_state(Agreement.objects.select_for_update().get(pk=agreement.pk))
        for name, value in fields.items():
            setattr(agreement, name, value)
        agreement.full_clean()
        agreement.save()
        if parties is not None:
            _replace_parties(agreement, parties)
        if titles is not None:
            _replace_titles(agreement, titles)
        after = _agreement_state(agreement)
        changed = [key for key in after if after[key] != before.get(key)]
        audit.record(
            "agreement.update",
            actor=actor,
            obj=agreement,
            before={key: before.get(key) for key in changed},
            after={key: after[key] for key in changed},
        )
    return agreement


def do_delete_agreement(agreement: Agreement, *, actor: Any) -> None:
    actions.require(actor, MANAGE_PERMISSION)
    _require_owner(agreement, actor)
    try:
        with transaction.atomic():
            before = _agreement_state(agreement)
            pk, text = str(agreement.pk), str(agreement)
            agreement.delete()
            audit.record(
                "agreement.delete",
                actor=actor,
                before=before,
                object_type=Agreement._meta.label_lower,
                object_id=pk,
                object_repr=text,
            )
    except models.ProtectedError as error:
        kinds = sorted({str(obj._meta.verbose_name) for obj in error.protected_objects})
        raise ValidationError(
            _("Other records still refer to this one: %(kinds)s. Remove them first.") % {"kinds": ", ".join(kinds)}
        ) from None


def do_transition_agreement(agreement: Agreement, to: str, *, note: str = "", actor: Any) -> Agreement:
    """Move an agreement along its workflow (workflow.AGREEMENT); audited with from and to."""
    _transition(agreement, workflow.AGREEMENT, to, note, actor=actor, action="agreement.transition", keep_reason=False)
    return agreement


# --- agreement documents ---------------------------------------------------------------------------------
def _sha256(file: Any) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    file.seek(0)
    for chunk in file.chunks() if hasattr(file, "chunks") else iter(lambda: file.read(65536), b""):
        digest.update(chunk)
        size += len(chunk)
    file.seek(0)
    return digest.hexdigest(), size


def do_add_agreement_document(data: Mapping[str, Any], *, actor: Any) -> AgreementDocument:
    """Store a text of an agreement; its SHA-256 and size are computed from the uploaded bytes."""
    actions.require(actor, MANAGE_PERMISSION)
    agreement = _child_parent(data, "agreement")
    _require_owner(agreement, actor)
    upload = data.get("file")
    if not upload:
        raise ValidationError({"file": _("Choose a file to upload.")})
    sha256, size = _sha256(upload)
    name = os.path.basename(str(upload.name))[:255]
    is_user = getattr(actor, "is_authenticated", False) and not getattr(actor, "is_system", False)
    document = AgreementDocument(
        **{k: v for k, v in data.items() if k != "file"},
        original_name=name,
        size=size,
        sha256=sha256,
        uploaded_by=actor if is_user else None,
    )
    document.full_clean(exclude=["file"])
    document.file.save(name, upload, save=False)  # written to storage before the transaction …
    try:
        with transaction.atomic():
            document.save()
            audit.record("agreement_document.create", actor=actor, obj=document, after=audit.snapshot(document))
    except BaseException:
        document.file.storage.delete(document.file.name)  # … and removed again if it does not commit
        raise
    return document


def do_update_agreement_document(
    document: AgreementDocument, data: Mapping[str, Any], *, actor: Any
) -> AgreementDocument:
    """Change a document's language, kind or authoritative flag (the file itself never changes)."""
    if "file" in data:
        raise ValidationError({"file": _("Upload a new document instead of replacing the file.")})
    return _update_child(document, data, "agreement", actor=actor, action="agreement_document.update")


def do_delete_agreement_document(document: AgreementDocument, *, actor: Any) -> None:
    storage, name = document.file.storage, document.file.name
    _delete_child(document, "agreement", actor=actor, action="agreement_document.delete")
    transaction.on_commit(lambda: storage.delete(name))


# --- agreement links -------------------------------------------------------------------------------------
def _check_link_target(data: Mapping[str, Any], actor: Any) -> None:
    target = data.get("to_agreement")
    if target is not None and not access.restrict(Agreement.objects.filter(pk=target.pk), actor).exists():
        raise ValidationError({"to_agreement": _("No such agreement.")})


def do_create_agreement_link(data: Mapping[str, Any], *, actor: Any) -> AgreementLink:
    _check_link_target(data, actor)
    return _create_child(AgreementLink, data, "from_agreement", actor=actor, action="agreement_link.create")


def do_update_agreement_link(link: AgreementLink, data: Mapping[str, Any], *, actor: Any) -> AgreementLink:
    _check_link_target(data, actor)
    return _update_child(link, data, "from_agreement", actor=actor, action="agreement_link.update")


def do_delete_agreement_link(link: AgreementLink, *, actor: Any) -> None:
    _delete_child(link, "from_agreement", actor=actor, action="agreement_link.delete")


# --- programmes ------------------------------------------------------------------------------------------
def do_create_programme(data: Mapping[str, Any], *, actor: Any) -> Programme:
    return _create_owned(Programme, data, actor=actor, action="programme.create")


def do_update_programme(programme: Programme, data: Mapping[str, Any], *, actor: Any) -> Programme:
    return _update_owned(programme, data, actor=actor, action="programme.update")


def do_delete_programme(programme: Programme, *, actor: Any) -> None:
    actions.require(actor, MANAGE_PERMISSION)
    _require_owner(programme, actor)
    _delete(programme, actor=actor, action="programme.delete")


# --- action items ----------------------------------------------------------------------------------------
def _check_item_programme(data: Mapping[str, Any], actor: Any) -> None:
    programme = data.get("programme")
    if programme is not None and programme.owner_id != getattr(actor, "agency_id", None):
        raise ValidationError({"programme": _("An action item belongs to a programme of its own agency.")})


def do_create_action_item(data: Mapping[str, Any], *, actor: Any) -> ActionItem:
    _check_item_programme(data, actor)
    return _create_owned(ActionItem, data, actor=actor, action="action_item.create")


def do_update_action_item(item: ActionItem, data: Mapping[str, Any], *, actor: Any) -> ActionItem:
    _check_item_programme(data, actor)
    return _update_owned(item, data, actor=actor, action="action_item.update")


def do_delete_action_item(item: ActionItem, *, actor: Any) -> None:
    actions.require(actor, MANAGE_PERMISSION)
    _require_owner(item, actor)
    _delete(item, actor=actor, action="action_item.delete")


def do_transition_action_item(item: ActionItem, to: str, *, note: str = "", actor: Any) -> ActionItem:
    """Move an action item along workflow.ACTION_ITEM; delayed and dropped need a reason (kept on the item)."""
    _transition(item, workflow.ACTION_ITEM, to, note, actor=actor, action="action_item.transition", keep_reason=True)
    return item


def do_add_action_item_update(item: ActionItem, data: Mapping[str, Any], *, actor: Any) -> ActionItemUpdate:
    """Add a dated progress note (the date defaults to today; the author is the acting user)."""
    is_user = getattr(actor, "is_authenticated", False) and not getattr(actor, "is_system", False)
    fields = {
        "date": data.get("date") or timezone.localdate(),
        "text": data.get("text", ""),
        "action_item": item,
        "author": actor if is_user else None,
    }
    return _create_child(ActionItemUpdate, fields, "action_item", actor=actor, action="action_item_update.create")


# --- engagements, participants, outcomes -----------------------------------------------------------------
def do_create_engagement(data: Mapping[str, Any], *, actor: Any) -> Engagement:
    return _create_owned(Engagement, data, actor=actor, action="engagement.create")


def do_update_engagement(engagement: Engagement, data: Mapping[str, Any], *, actor: Any) -> Engagement:
    return _update_owned(engagement, data, actor=actor, action="engagement.update")


def do_delete_engagement(engagement: Engagement, *, actor: Any) -> None:
    actions.require(actor, MANAGE_PERMISSION)
    _require_owner(engagement, actor)
    _delete(engagement, actor=actor, action="engagement.delete")


def do_create_participant(data: Mapping[str, Any], *, actor: Any) -> EngagementParticipant:
    return _create_child(EngagementParticipant, data, "engagement", actor=actor, action="participant.create")


def do_update_participant(
    participant: EngagementParticipant, data: Mapping[str, Any], *, actor: Any
) -> EngagementParticipant:
    return _update_child(participant, data, "engagement", actor=actor, action="participant.update")


def do_delete_participant(participant: EngagementParticipant, *, actor: Any) -> None:
    _delete_child(participant, "engagement", actor=actor, action="participant.delete")


def do_create_outcome(data: Mapping[str, Any], *, actor: Any) -> Outcome:
    return _create_child(Outcome, data, "engagement", actor=actor, action="outcome.create")


def do_update_outcome(outcome: Outcome, data: Mapping[str, Any], *, actor: Any) -> Outcome:
    return _update_child(outcome, data, "engagement", actor=actor, action="outcome.update")


def do_delete_outcome(outcome: Outcome, *, actor: Any) -> None:
    _delete_child(outcome, "engagement", actor=actor, action="outcome.delete")


def do_turn_outcome_into_action_item(outcome: Outcome, data: Mapping[str, Any], *, actor: Any) -> ActionItem:
    """Create the action item an outcome calls for, linked to it (ActionItem.origin_outcome, seen from the
    outcome as `outcome.action_item`). The title defaults to the outcome's text; the partner agency to the
    engagement's only partner."""
    actions.require(actor, MANAGE_PERMISSION)
    engagement = outcome.engagement
    _require_owner(engagement, actor)
    _refuse_protected(data)
    _check_item_programme(data, actor)
    with transaction.atomic():
        locked = Outcome.objects.select_for_update().get(pk=outcome.pk)
        if ActionItem.objects.filter(origin_outcome=locked).exists():
            raise ValidationError({"outcome": _("This outcome already has its action item.")})
        fields: dict[str, Any] = {"title": outcome.text[:500], **data}
        if "partner_agency" not in fields:
            partners = list(engagement.partners.all()[:2])
            fields["partner_agency"] = partners[0] if len(partners) == 1 else None
        item = ActionItem(**fields, owner=engagement.owner, origin_outcome=locked)
        item.full_clean()
        item.save()
        audit.record("action_item.create_from_outcome", actor=actor, obj=item, after=audit.snapshot(item))
    return item


# --- capacity building -----------------------------------------------------------------------------------
def do_create_training_course(data: Mapping[str, Any], *, actor: Any) -> TrainingCourse:
    return _create_owned(TrainingCourse, data, actor=actor, action="training_course.create")


def do_update_training_course(course: TrainingCourse, data: Mapping[str, Any], *, actor: Any) -> TrainingCourse:
    return _update_owned(course, data, actor=actor, action="training_course.update")


def do_delete_training_course(course: TrainingCourse, *, actor: Any) -> None:
    actions.require(actor, MANAGE_PERMISSION)
    _require_owner(course, actor)
    _delete(course, actor=actor, action="training_course.delete")


def do_create_capacity_project(data: Mapping[str, Any], *, actor: Any) -> CapacityProject:
    return _create_owned(CapacityProject, data, actor=actor, action="capacity_project.create")


def do_update_capacity_project(project: CapacityProject, data: Mapping[str, Any], *, actor: Any) -> CapacityProject:
    return _update_owned(project, data, actor=actor, action="capacity_project.update")


def do_delete_capacity_project(project: CapacityProject, *, actor: Any) -> None:
    actions.require(actor, MANAGE_PERMISSION)
    _require_owner(project, actor)
    _delete(project, actor=actor, action="capacity_project.delete")


def do_transition_capacity_project(project: CapacityProject, to: str, *, note: str = "", actor: Any) -> CapacityProject:
    """Move a capacity project along workflow.CAPACITY_PROJECT; cancelling needs a reason."""
    _transition(
        project,
        workflow.CAPACITY_PROJECT,
        to,
        note,
        actor=actor,
        action="capacity_project.transition",
        keep_reason=True,
    )
    return project
