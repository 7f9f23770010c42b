"""Every write to the liaison desk (audited; see core/actions.py and docs/decisions/0010-desk-model.md), one
module per aggregate: notices.py (notices, their offences and sharing), cases.py (the fugitive case),
deadlines.py (partner deadlines and the daily check), located.py (a wanted person found: the case rules that
screening, and later consular work, trigger). `from liaison.desk import actions; actions.do_x` reaches them all.
"""

from liaison.desk.actions.cases import (
    CASE_EDITABLE,
    CASE_PROTECTED,
    NOTE_KINDS,
    add_event,
    do_add_case_document,
    do_add_case_note,
    do_create_case,
    do_transition_case,
    do_update_case,
)
from liaison.desk.actions.deadlines import (
    DeskCheck,
    deadlines_for,
    do_create_partner_deadlines,
    do_delete_partner_deadlines,
    do_desk_check,
    do_update_partner_deadlines,
)
from liaison.desk.actions.located import LOCATED_SOURCES, case_partner, do_record_located
from liaison.desk.actions.notices import (
    NOTICE_PROTECTED,
    OFFENCE_FIELDS,
    do_add_offence,
    do_create_notice,
    do_remove_offence,
    do_review_notice,
    do_share_notice,
    do_transition_notice,
    do_unshare_notice,
    do_update_notice,
    do_update_offence,
    notice_shares,
    notice_state,
    share_for,
    transition_notice,
)

__all__ = [
    "CASE_EDITABLE",
    "CASE_PROTECTED",
    "LOCATED_SOURCES",
    "NOTE_KINDS",
    "NOTICE_PROTECTED",
    "OFFENCE_FIELDS",
    "DeskCheck",
    "add_event",
    "case_partner",
    "deadlines_for",
    "do_add_case_document",
    "do_add_case_note",
    "do_add_offence",
    "do_create_case",
    "do_create_notice",
    "do_create_partner_deadlines",
    "do_delete_partner_deadlines",
    "do_desk_check",
    "do_record_located",
    "do_remove_offence",
    "do_review_notice",
    "do_share_notice",
    "do_transition_case",
    "do_transition_notice",
    "do_unshare_notice",
    "do_update_case",
    "do_update_notice",
    "do_update_offence",
    "do_update_partner_deadlines",
    "notice_shares",
    "notice_state",
    "share_for",
    "transition_notice",
]
