"""Every write of the citizens-abroad domain: `do_<verb>_<noun>(…, *, actor)`, atomic, audited."""

from liaison.consular.actions.cases import (
    do_create_case,
    do_record_acknowledgement,
    do_record_notification,
    do_transition_case,
    do_update_case,
)
from liaison.consular.actions.deadlines import (
    do_create_notification_rule,
    do_delete_notification_rule,
    do_update_notification_rule,
    terms_for,
)
from liaison.consular.actions.events import do_record_event
from liaison.consular.actions.imprisonment import do_set_imprisonment
from liaison.consular.actions.records import (
    do_create_facility,
    do_create_incident,
    do_delete_facility,
    do_delete_incident,
    do_update_facility,
    do_update_incident,
)

__all__ = [
    "do_create_case",
    "do_create_facility",
    "do_create_incident",
    "do_create_notification_rule",
    "do_delete_facility",
    "do_delete_incident",
    "do_delete_notification_rule",
    "do_record_acknowledgement",
    "do_record_event",
    "do_record_notification",
    "do_set_imprisonment",
    "do_transition_case",
    "do_update_case",
    "do_update_facility",
    "do_update_incident",
    "do_update_notification_rule",
    "terms_for",
]
