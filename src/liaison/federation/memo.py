"""What federation looks up once per batch of messages instead of once per message.

A POST to the inbox carries up to LIAISON_FEDERATION_BATCH_SIZE messages from one partner node, and the sender
records up to as many answers at once: this node's identity, the partner, its keys, the agencies named and the
partner's account do not change within one batch, so `batch()` opens a memo that `once(key, compute)` fills on
first use and that is dropped when the batch ends (nothing outlives the request or the task). Outside a batch,
`once` computes every time, as before. Only what a refusal or a handler cannot change is kept: a lookup that
raises is not kept, so a refusal is found again for the next message.
"""

from __future__ import annotations

import contextvars
import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, ParamSpec, TypeVar

P = ParamSpec("P")
T = TypeVar("T")

_memo: contextvars.ContextVar[dict[Any, Any] | None] = contextvars.ContextVar("federation_memo", default=None)


@contextmanager
def batch() -> Iterator[None]:
    """A memo for the messages handled inside (nested batches share the outer one)."""
    if _memo.get() is not None:
        yield
        return
    token = _memo.set({})
    try:
        yield
    finally:
        _memo.reset(token)


def batched(function: Callable[P, T]) -> Callable[P, T]:
    """Run `function` inside a batch: what it and the functions it calls look up is looked up once (a domain's
    listener that sends a message reads the partner and this node's row once, not in each function it calls)."""

    @functools.wraps(function)
    def inside(*args: P.args, **kwargs: P.kwargs) -> T:
        with batch():
            return function(*args, **kwargs)

    return inside


def once(key: Any, compute: Callable[[], T]) -> T:
    """`compute()` once per batch for `key` (every time outside a batch)."""
    memo = _memo.get()
    if memo is None:
        return compute()
    if key not in memo:
        memo[key] = compute()
    return memo[key]  # type: ignore[no-any-return]


def forget(key: Any) -> None:
    """Drop what the batch keeps for `key` (it was written in a transaction rolled back since)."""
    memo = _memo.get()
    if memo is not None:
        memo.pop(key, None)
