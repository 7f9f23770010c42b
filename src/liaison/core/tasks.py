"""The task queue's machinery shared by every app (django-tasks; docs/decisions/0011-task-queue.md).

- `uses_worker()`: whether tasks wait in the database queue for `liaison worker` (False: they run at once);
- `queues()`: the queues a worker takes tasks from;
- `run_sweeps()`: the worker sweeps the apps registered (core.registry.register_worker_sweep), each in its own
  transaction and audited on the channel 'job'; one that fails is logged and the others still run;
- `fail_abandoned_task(task_id, reason)`: marks failed a task whose worker died while running it, so the queue's
  own record says what happened (the app resumes or fails its own record of the work).
"""

from __future__ import annotations

import logging

from django.conf import settings

from liaison.core import context, registry

logger = logging.getLogger(__name__)


class WorkerStopped(Exception):
    """Recorded on a task whose worker stopped while running it (killed, machine restarted)."""


def queues() -> list[str]:
    return list(settings.TASKS.get("default", {}).get("QUEUES") or ["default"])


def uses_worker() -> bool:
    """True when tasks wait in the database queue (False: they run at once, in the caller)."""
    return str(settings.TASKS.get("default", {}).get("BACKEND", "")).startswith("django_tasks_db.")


def run_sweeps() -> list[str]:
    """Run every registered worker sweep; the lines they report (one per sweep that did something)."""
    lines = []
    with context.channel(context.CHANNEL_JOB):
        for item in registry.worker_sweeps():
            try:
                line = item.sweep()
            except Exception:
                logger.exception("worker sweep %s failed", item.key)
                continue
            if line:
                lines.append(line)
    return lines


def fail_abandoned_task(task_id: str, reason: str) -> bool:
    """Mark the queue's record of a task failed with `reason` when it still says RUNNING (its worker died)."""
    if not task_id or not uses_worker():
        return False
    from django_tasks_db.models import DBTaskResult

    task = DBTaskResult.objects.filter(pk=task_id, status="RUNNING").first()
    if task is None:
        return False
    task.set_failed(WorkerStopped(reason))
    logger.warning("task %s (%s) marked failed: %s", task_id, task.task_path, reason)
    return True


def sweep_seconds() -> float:
    return float(getattr(settings, "LIAISON_WORKER_SWEEP_SECONDS", 15.0))
