"""Writes of engagements, their participants and outcomes, and the action item an outcome calls for."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from liaison.cooperation.access import MANAGE_PERMISSION
from liaison.cooperation.actions.programmes import check_item_programme
from liaison.cooperation.actions.steps import (
    create_owned,
    delete_owned,
    refuse_protected,
    require_manager_owner,
    update_owned,
)
from liaison.cooperation.models import ActionItem, Engagement, EngagementParticipant, Outcome
from liaison.core import actions, audit


# --- engagements -----------------------------------------------------------------------------------------
def do_create_engagement(data: Mapping[str, Any], *, actor: Any) -> Engagement:
    return create_owned(Engagement, data, actor=actor, action="engagement.create")


def do_update_engagement(engagement: Engagement, data: Mapping[str, Any], *, actor: Any) -> Engagement:
    return update_owned(engagement, data, actor=actor, action="engagement.update")


def do_delete_engagement(engagement: Engagement, *, actor: Any) -> None:
    delete_owned(engagement, actor=actor, action="engagement.delete")


# --- participants ----------------------------------------------------------------------------------------
def do_create_participant(data: Mapping[str, Any], *, actor: Any) -> EngagementParticipant:
    return actions.create_child(
        EngagementParticipant,
        data,
        parent="engagement",
        permission=MANAGE_PERMISSION,
        actor=actor,
        action="participant.create",
    )


def do_update_participant(
    participant: EngagementParticipant, data: Mapping[str, Any], *, actor: Any
) -> EngagementParticipant:
    return actions.update_child(
        participant, data, parent="engagement", permission=MANAGE_PERMISSION, actor=actor, action="participant.update"
    )


def do_delete_participant(participant: EngagementParticipant, *, actor: Any) -> None:
    actions.delete_child(
        participant, parent="engagement", permission=MANAGE_PERMISSION, actor=actor, action="participant.delete"
    )


# --- outcomes --------------------------------------------------------------------------------------------
def do_create_outcome(data: Mapping[str, Any], *, actor: Any) -> Outcome:
    return actions.create_child(
        Outcome, data, parent="engagement", permission=MANAGE_PERMISSION, actor=actor, action="outcome.create"
    )


def do_update_outcome(outcome: Outcome, data: Mapping[str, Any], *, actor: Any) -> Outcome:
    return actions.update_child(
        outcome, data, parent="engagement", permission=MANAGE_PERMISSION, actor=actor, action="outcome.update"
    )


def do_delete_outcome(outcome: Outcome, *, actor: Any) -> None:
    actions.delete_child(
        outcome, parent="engagement", permission=MANAGE_PERMISSION, actor=actor, action="outcome.delete"
    )


def do_turn_outcome_into_action_item(outcome: Outcome, data: Mapping[str, Any], *, actor: Any) -> ActionItem:
    """Create the action item an outcome calls for, linked to it (ActionItem.origin_outcome, seen from the
    outcome as `outcome.action_item`). The title defaults to the outcome's text; the partner agency to the
    engagement's only partner."""
    engagement = outcome.engagement
    require_manager_owner(engagement, actor)
    refuse_protected(data)
    check_item_programme(data, actor)
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
