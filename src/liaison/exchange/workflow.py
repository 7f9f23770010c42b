"""The course of a message (core.workflow; docs/decisions/0036-exchange-model.md).

A draft is sent at once when its agency's rules need no approval for its handling code and recipients; otherwise
it awaits a supervisor's approval, who approves it (then it is sent) or sends it back to draft with a reason.
A sent message may be recalled by its sender (with a reason: the recipients lose access). At its review date a
sent or recalled message is kept (a later review date) or its content is deleted (the audit keeps that it
existed).
"""

from __future__ import annotations

from liaison.core.workflow import Workflow
from liaison.exchange.choices import MessageStatus

S = MessageStatus

MESSAGE = Workflow(
    name="message",
    initial=S.DRAFT,
    transitions={
        S.DRAFT: frozenset({S.AWAITING_APPROVAL, S.SENT}),
        S.AWAITING_APPROVAL: frozenset({S.APPROVED, S.DRAFT}),
        S.APPROVED: frozenset({S.SENT, S.DRAFT}),
        S.SENT: frozenset({S.RECALLED, S.CONTENT_DELETED}),
        S.RECALLED: frozenset({S.CONTENT_DELETED}),
        S.CONTENT_DELETED: frozenset(),
    },
    reason_required=frozenset({S.DRAFT, S.RECALLED, S.CONTENT_DELETED}),
)
# States in which a message is still being written or approved (only its agency sees it).
UNSENT = frozenset({S.DRAFT, S.AWAITING_APPROVAL, S.APPROVED})
