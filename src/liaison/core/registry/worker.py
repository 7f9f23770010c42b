"""The background worker's sweeps (run on start and every few seconds by `liaison worker`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured

from liaison.core.registry.base import Registry


# --- the background worker's sweeps -------------------------------------------------------------------------
@dataclass(frozen=True)
class WorkerSweep:
    """Work that `liaison worker` (core/management/commands/worker.py) does on start and at every sweep of its
    loop, whatever task it is running: typically finding work whose worker died and resuming or failing it.
    `sweep()` returns a line for the worker's log, or "" when it found nothing to do."""

    key: str
    sweep: Callable[[], str]


_worker_sweeps: Registry[WorkerSweep] = Registry("worker sweep")


def register_worker_sweep(key: str, sweep: Callable[[], str]) -> WorkerSweep:
    if not callable(sweep):
        raise ImproperlyConfigured(f"The worker sweep {key!r} is not callable.")
    return _worker_sweeps.add(key, WorkerSweep(key, sweep))


def worker_sweeps() -> list[WorkerSweep]:
    return list(_worker_sweeps)
