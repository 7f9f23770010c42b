"""Transition tables of the liaison desk.

The fugitive case follows the bilateral desk's course: received → accepted → tracing → located → detained →
deported or extradited → handed over → closed, or ends as withdrawn, not found or expired. A case may be
located without tracing (the person is found by a screening hit or presents themselves), and tracing may
start again when a located person moves on. Closing early (withdrawn, not found, expired) needs a reason.

A case's notice is settled when the case ends (docs/decisions/0022): a handover or a closure cancels the
agency's own notice (its purpose is achieved) unless the officer says otherwise; a withdrawal asks what becomes
of it (leave it, suspend it, cancel it); a case that ends otherwise leaves it as it is unless told. A partner's
notice is the partner's to settle.

A notice is drafted, then active; it may be suspended (with a reason) and cancelled (with a reason). It expires
when its validity ends (the daily `desk-check`, from active or suspended) or when its source lets it lapse;
an expired notice that its source reviews and renews becomes active again.
"""

from __future__ import annotations

from liaison.core.workflow import Workflow
from liaison.desk.choices import CaseStatus, NoticeOutcome, NoticeStatus

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
# The case states at which the officer says what becomes of the case's notice, the default outcome of each
# (None: the officer must say), and what each outcome moves the notice to.
CASE_NOTICE_OUTCOME: dict[str, str | None] = {
    C.HANDED_OVER: NoticeOutcome.CANCEL,
    C.CLOSED: NoticeOutcome.CANCEL,
    C.WITHDRAWN: None,
    C.NOT_FOUND: NoticeOutcome.KEEP,
    C.EXPIRED: NoticeOutcome.KEEP,
}
NOTICE_OUTCOME_STATUS = {NoticeOutcome.SUSPEND: NoticeStatus.SUSPENDED, NoticeOutcome.CANCEL: NoticeStatus.CANCELLED}

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
NOTICE_LIVE = frozenset({N.DRAFT, N.ACTIVE, N.SUSPENDED})  # states a case's ending may settle
