"""The consular case's course (core.workflow.Workflow).

open → notified (the consulate is told: by us for a foreign national held here, by the partner for our national
abroad) → under follow-up (visits, hearings) → closed (released, repatriated, deceased, found, or no longer
needed: a reason is required). A closed case may be reopened with a reason. A case may also close before any
notification (the person declined it, or was released at once), with its reason.
"""

from __future__ import annotations

from liaison.consular.choices import CaseStatus
from liaison.core.workflow import Workflow

S = CaseStatus

CASE = Workflow(
    name="consular_case",
    initial=S.OPEN,
    transitions={
        S.OPEN: frozenset({S.NOTIFIED, S.FOLLOW_UP, S.CLOSED}),
        S.NOTIFIED: frozenset({S.FOLLOW_UP, S.CLOSED}),
        S.FOLLOW_UP: frozenset({S.CLOSED}),
        S.CLOSED: frozenset({S.FOLLOW_UP}),
    },
    reason_required=frozenset({S.CLOSED}),
)
OPEN_STATES = frozenset({S.OPEN, S.NOTIFIED, S.FOLLOW_UP})
