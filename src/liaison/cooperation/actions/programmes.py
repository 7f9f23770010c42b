"""Writes of programmes and their action items (with transitions and dated progress updates)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from liaison.cooperation import workflow
from liaison.cooperation.access import MANAGE_PERMISSION
from liaison.cooperation.actions.steps import create_owned, delete_owned, transition, update_owned
from liaison.cooperation.models import ActionItem, ActionItemUpdate, Programme
from liaison.core import actions


# --- programmes ------------------------------------------------------------------------------------------
def do_create_programme(data: Mapping[str, Any], *, actor: Any) -> Programme:
    return create_owned(Programme, data, actor=actor, action="programme.create")


def do_update_programme(programme: Programme, data: Mapping[str, Any], *, actor: Any) -> Programme:
    return update_owned(programme, data, actor=actor, action="programme.update")


def do_delete_programme(programme: Programme, *, actor: Any) -> None:
    delete_owned(programme, actor=actor, action="programme.delete")


# --- action items ----------------------------------------------------------------------------------------
def check_item_programme(data: Mapping[str, Any], actor: Any) -> None:
    """An action item's programme, when given, belongs to the actor's agency."""
    programme = data.get("programme")
    if programme is not None and programme.owner_id != getattr(actor, "agency_id", None):
        raise ValidationError({"programme": _("An action item belongs to a programme of its own agency.")})


def do_create_action_item(data: Mapping[str, Any], *, actor: Any) -> ActionItem:
    check_item_programme(data, actor)
    return create_owned(ActionItem, data, actor=actor, action="action_item.create")


def do_update_action_item(item: ActionItem, data: Mapping[str, Any], *, actor: Any) -> ActionItem:
    check_item_programme(data, actor)
    return update_owned(item, data, actor=actor, action="action_item.update")


def do_delete_action_item(item: ActionItem, *, actor: Any) -> None:
    delete_owned(item, actor=actor, action="action_item.delete")


def do_transition_action_item(item: ActionItem, to: str, *, note: str = "", actor: Any) -> ActionItem:
    """Move an action item along workflow.ACTION_ITEM; delayed and dropped need a reason (kept on the item)."""
    transition(item, workflow.ACTION_ITEM, to, note, actor=actor, action="action_item.transition", keep_reason=True)
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
    return actions.create_child(
        ActionItemUpdate,
        fields,
        parent="action_item",
        permission=MANAGE_PERMISSION,
        actor=actor,
        action="action_item_update.create",
    )
