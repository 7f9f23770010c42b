"""The steps every cooperation action shares: owned records (create, update, delete) and status transitions.
Child records are written with core.actions.create_child / update_child / delete_child."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from liaison.cooperation import workflow
from liaison.cooperation.access import MANAGE_PERMISSION
from liaison.core import actions, audit
from liaison.core.models import AgencyOwnedModel

OwnedT = TypeVar("OwnedT", bound=AgencyOwnedModel)

PROTECTED_FIELDS = ("owner", "status", "status_reason", "origin_outcome")


def refuse_protected(data: Mapping[str, Any]) -> None:
    for name in PROTECTED_FIELDS:
        if name in data:
            if name in ("status", "status_reason"):
                raise ValidationError({name: _("The status changes only through a transition.")})
            raise ValidationError({name: _("This field cannot be set here.")})


def require_manager_owner(record: AgencyOwnedModel, actor: Any) -> None:
    """The actor may manage the cooperation registry and its agency owns the record (a share gives read
    access only)."""
    actions.require(actor, MANAGE_PERMISSION)
    actions.require_owner(record, actor, MANAGE_PERMISSION)


def create_owned(model: type[OwnedT], data: Mapping[str, Any], *, actor: Any, action: str) -> OwnedT:
    actions.require(actor, MANAGE_PERMISSION)
    refuse_protected(data)
    agency = getattr(actor, "agency", None)
    if agency is None:
        raise ValidationError({"owner": _("The actor belongs to no agency.")})
    return actions.create(model, {**data, "owner": agency}, actor=actor, action=action)


def update_owned(record: OwnedT, data: Mapping[str, Any], *, actor: Any, action: str) -> OwnedT:
    require_manager_owner(record, actor)
    refuse_protected(data)
    return actions.update(record, data, actor=actor, action=action)


def delete_owned(record: AgencyOwnedModel, *, actor: Any, action: str) -> None:
    require_manager_owner(record, actor)
    actions.delete_unreferenced(record, actor=actor, action=action)


def transition(
    record: Any, flow: workflow.Workflow, to: str, note: str, *, actor: Any, action: str, keep_reason: bool
) -> None:
    require_manager_owner(record, actor)
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
