"""The transition table of a legal request (docs/decisions/0041-legal-requests.md).

drafting → legal review → approved → sent → acknowledged → under execution → partially executed → executed.
Legal review may send the draft back to drafting. An incoming request starts at legal review (received and
being examined) and goes from approved straight to under execution (we execute it); `sent` and `acknowledged` are
the outgoing course (the partner acknowledges). While the partner (or we) ask for additional information the
clock stops; the answer resumes the request where it was and moves its answer deadline by the days it stood.
A request may be refused (with the treaty's grounds and the text), withdrawn or let lapse; each needs a reason.
"""

from __future__ import annotations

from liaison.core.workflow import Workflow
from liaison.legal.choices import RequestStatus

S = RequestStatus
_ENDS = frozenset({S.REFUSED, S.WITHDRAWN, S.LAPSED})
_IN_COURSE = frozenset({S.SENT, S.ACKNOWLEDGED, S.UNDER_EXECUTION, S.PARTIALLY_EXECUTED})

REQUEST = Workflow(
    name="legal_request",
    initial=S.DRAFTING,
    transitions={
        S.DRAFTING: frozenset({S.LEGAL_REVIEW, S.WITHDRAWN}),
        S.LEGAL_REVIEW: frozenset({S.APPROVED, S.DRAFTING, S.REFUSED, S.WITHDRAWN}),
        S.APPROVED: frozenset({S.SENT, S.UNDER_EXECUTION, S.WITHDRAWN}),
        S.SENT: frozenset({S.ACKNOWLEDGED, S.UNDER_EXECUTION, S.INFO_REQUESTED} | _ENDS),
        S.ACKNOWLEDGED: frozenset({S.UNDER_EXECUTION, S.INFO_REQUESTED} | _ENDS),
        S.UNDER_EXECUTION: frozenset({S.PARTIALLY_EXECUTED, S.EXECUTED, S.INFO_REQUESTED} | _ENDS),
        S.PARTIALLY_EXECUTED: frozenset({S.UNDER_EXECUTION, S.EXECUTED, S.INFO_REQUESTED, S.WITHDRAWN}),
        S.INFO_REQUESTED: frozenset(_IN_COURSE | _ENDS),
        S.EXECUTED: frozenset(),
        S.REFUSED: frozenset(),
        S.WITHDRAWN: frozenset(),
        S.LAPSED: frozenset(),
    },
    reason_required=_ENDS | {S.INFO_REQUESTED},
)
FINAL = REQUEST.final_states
OUTGOING_ONLY = frozenset({S.SENT, S.ACKNOWLEDGED})
# The supervisor approves (legal.approve); the rest is the legal officer's (legal.manage).
APPROVAL = frozenset({S.APPROVED})
