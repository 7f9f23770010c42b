"""Who is acting, through which channel, in which request: carried to the audit trail.

Views and API requests set it in middleware; CLI commands and background jobs set it with `acting_as`.
"""

from __future__ import annotations

import contextvars
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

CHANNEL_UI = "ui"
CHANNEL_API = "api"
CHANNEL_CLI = "cli"
CHANNEL_JOB = "job"
CHANNEL_FEDERATION = "federation"  # a message from a partner node, applied by federation's inbox


@dataclass(frozen=True, slots=True)
class ActionContext:
    channel: str
    request_id: str
    ip_address: str = ""


_current: contextvars.ContextVar[ActionContext | None] = contextvars.ContextVar("liaison_action_context", default=None)


def new_request_id() -> str:
    return uuid.uuid4().hex


def current() -> ActionContext:
    ctx = _current.get()
    if ctx is None:
        # Code running outside a request or a declared command (a shell, a test calling actions directly).
        return ActionContext(channel=CHANNEL_CLI, request_id="")
    return ctx


@contextmanager
def channel(name: str, request_id: str | None = None, ip_address: str = "") -> Iterator[ActionContext]:
    ctx = ActionContext(channel=name, request_id=request_id or new_request_id(), ip_address=ip_address)
    token = _current.set(ctx)
    try:
        yield ctx
    finally:
        _current.reset(token)


def set_channel(name: str) -> None:
    """Switch the channel of the current request (the API views call it: same request, other channel)."""
    ctx = current()
    _current.set(ActionContext(channel=name, request_id=ctx.request_id, ip_address=ctx.ip_address))
