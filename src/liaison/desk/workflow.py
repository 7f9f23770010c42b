"""Transition tables of the liaison desk.

The fugitive case follows the bilateral desk's course: received → accepted → tracing → located → detained →
deported or extradited → handed over → closed, or ends as withdrawn, not found or expired. A case may be
located without tracing (the person is found by a screening hit or presents themselves), and tracing may
start again when a located person moves on. Closing early (withdrawn, not found, expired) needs a reason.

A notice is drafted, then active; it may be suspended (with a reason) and cancelled (with a reason). It expires
when its validity ends (the daily `desk-check`, from active or suspended) or when its source lets it lapse;
an expired notice that its source reviews and renews becomes active again.
"""

from __future__ import annotations

from liaison.core.workflow import Workflow
from liaison.desk.choices import CaseStatus, NoticeStatus

C = CaseStatus
_EARLY_END = frozenset({C.WITHDRAWN, C.NOT_FOUND, C.EXPIRED})

CASE = Workflow(
    name="fugitive_case",
    initial=C.RECEIVED,
    transitions={
        C.RECEIVED: frozenset({C.ACCEPTED, C.WITHDRAWN, C.EXPIRED}),
        C.ACCEPTED: frozenset({C.TRACING, C.LOCATED} | _EARLY_END),
        C.TRACING: frozenset({C.LOCATED} | _EARLY_END),
        C.LOCATED: frozenset({C.DETAINED, C.TRACING, C.WITHDRAWN, C.EXPIRED}),
        C.DETAINED: frozenset({C.DEPORTED, C.EXTRADITED, C.WITHDRAWN}),
        C.DEPORTED: frozenset({C.HANDED_OVER}),
        C.EXTRADITED: frozenset({C.HANDED_OVER}),
        C.HANDED_OVER: frozenset({C.CLOSED}),
        C.CLOSED: frozenset(),
        C.WITHDRAWN: frozenset(),
        C.NOT_FOUND: frozenset(),
        C.EXPIRED: frozenset(),
    },
    reason_required=_EARLY_END,
)
CASE_FINAL = CASE.final_states
# States in which the partner expects periodic progress reports.
CASE_REPORTING = frozenset({C.ACCEPTED, C.TRACING, C.LOCATED, C.DETAINED, C.DEPORTED, C.EXTRADITED})

N = NoticeStatus
NOTICE = Workflow(
    name="notice",
    initial=N.DRAFT,
    transitions={
        N.DRAFT: frozenset({N.ACTIVE, N.CANCELLED}),
        N.ACTIVE: frozenset({N.SUSPENDED, N.CANCELLED, N.EXPIRED}),
        N.SUSPENDED: frozenset({N.ACTIVE, N.CANCELLED, N.EXPIRED}),
        N.CANCELLED: frozenset(),
        N.EXPIRED: frozenset({N.ACTIVE}),  # reviewed and renewed by its source
    },
    reason_required=frozenset({N.SUSPENDED, N.CANCELLED}),
)
