"""Transition tables of the cooperation registry's records.

A status changes only through `do_transition_<noun>` (actions.py), which checks the table here, requires a
reason where the table says so, and writes an audit record carrying the from and to states. Nothing else
writes a status field (the serializers and the update actions refuse it).
"""

from __future__ import annotations

from liaison.cooperation.choices import ActionItemStatus, AgreementStatus, CapacityProjectStatus
from liaison.core.workflow import Workflow

__all__ = ["ACTION_ITEM", "ACTION_ITEM_CLOSED", "AGREEMENT", "CAPACITY_PROJECT", "Workflow"]


A = AgreementStatus
AGREEMENT = Workflow(
    name="agreement",
    initial=A.NEGOTIATING,
    transitions={
        A.NEGOTIATING: frozenset({A.SIGNED, A.ABANDONED}),
        A.SIGNED: frozenset({A.IN_FORCE, A.TERMINATED}),  # terminated: signed but never entered into force
        A.IN_FORCE: frozenset({A.EXPIRED, A.TERMINATED}),
        A.EXPIRED: frozenset({A.IN_FORCE}),  # renewed after its term ran out
        A.TERMINATED: frozenset(),
        A.ABANDONED: frozenset(),
    },
)

S = ActionItemStatus
ACTION_ITEM = Workflow(
    name="action_item",
    initial=S.PLANNED,
    transitions={
        S.PLANNED: frozenset({S.IN_PROGRESS, S.DONE, S.DELAYED, S.DROPPED}),
        S.IN_PROGRESS: frozenset({S.DONE, S.DELAYED, S.DROPPED}),
        S.DELAYED: frozenset({S.IN_PROGRESS, S.DONE, S.DROPPED}),
        S.DONE: frozenset(),
        S.DROPPED: frozenset(),
    },
    reason_required=frozenset({S.DELAYED, S.DROPPED}),
)
# Action items in these states are no longer expected to be delivered (never overdue).
ACTION_ITEM_CLOSED = frozenset({S.DONE, S.DROPPED})

P = CapacityProjectStatus
CAPACITY_PROJECT = Workflow(
    name="capacity_project",
    initial=P.PLANNED,
    transitions={
        P.PLANNED: frozenset({P.ONGOING, P.CANCELLED}),
        P.ONGOING: frozenset({P.COMPLETED, P.CANCELLED}),
        P.COMPLETED: frozenset(),
        P.CANCELLED: frozenset(),
    },
    reason_required=frozenset({P.CANCELLED}),
)
