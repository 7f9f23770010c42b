"""Every write to the cooperation registry (audited; see core/actions.py and docs/decisions/0009).

- Top-level records (agreements, programmes, action items, engagements, training courses, capacity projects)
  belong to the actor's agency; `owner` is set here, never taken from the caller.
- Status fields change only through `do_transition_<noun>` (workflow.py); the audit record carries from/to.
- Child records (documents, links, progress updates, participants, outcomes) are written through their own
  actions, each checking that the actor's agency owns the parent, and audited with the child as the object
  (`<child>.create` / `.update` / `.delete`, the parent's id inside the snapshot). An agreement's parties and
  titles are part of the agreement itself: written with it and audited in its record.

One module per aggregate (agreements, programmes, engagements, capacity, the calendar feed), the shared steps in
steps.py; every action is importable from here (`from liaison.cooperation import actions; actions.do_…`).
"""

from liaison.cooperation.actions.agreements import (
    do_add_agreement_document,
    do_create_agreement,
    do_create_agreement_link,
    do_delete_agreement,
    do_delete_agreement_document,
    do_delete_agreement_link,
    do_transition_agreement,
    do_update_agreement,
    do_update_agreement_document,
    do_update_agreement_link,
)
from liaison.cooperation.actions.capacity import (
    do_create_capacity_project,
    do_create_training_course,
    do_delete_capacity_project,
    do_delete_training_course,
    do_transition_capacity_project,
    do_update_capacity_project,
    do_update_training_course,
)
from liaison.cooperation.actions.engagements import (
    do_create_engagement,
    do_create_outcome,
    do_create_participant,
    do_delete_engagement,
    do_delete_outcome,
    do_delete_participant,
    do_turn_outcome_into_action_item,
    do_update_engagement,
    do_update_outcome,
    do_update_participant,
)
from liaison.cooperation.actions.feed import do_revoke_calendar_feed, do_rotate_calendar_feed
from liaison.cooperation.actions.programmes import (
    do_add_action_item_update,
    do_create_action_item,
    do_create_programme,
    do_delete_action_item,
    do_delete_programme,
    do_transition_action_item,
    do_update_action_item,
    do_update_programme,
)

__all__ = [
    "do_add_action_item_update",
    "do_add_agreement_document",
    "do_create_action_item",
    "do_create_agreement",
    "do_create_agreement_link",
    "do_create_capacity_project",
    "do_create_engagement",
    "do_create_outcome",
    "do_create_participant",
    "do_create_programme",
    "do_create_training_course",
    "do_delete_action_item",
    "do_delete_agreement",
    "do_delete_agreement_document",
    "do_delete_agreement_link",
    "do_delete_capacity_project",
    "do_delete_engagement",
    "do_delete_outcome",
    "do_delete_participant",
    "do_delete_programme",
    "do_delete_training_course",
    "do_revoke_calendar_feed",
    "do_rotate_calendar_feed",
    "do_transition_action_item",
    "do_transition_agreement",
    "do_transition_capacity_project",
    "do_turn_outcome_into_action_item",
    "do_update_action_item",
    "do_update_agreement",
    "do_update_agreement_document",
    "do_update_agreement_link",
    "do_update_capacity_project",
    "do_update_engagement",
    "do_update_outcome",
    "do_update_participant",
    "do_update_programme",
    "do_update_training_course",
]
