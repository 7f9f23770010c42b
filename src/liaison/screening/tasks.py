"""Background tasks of screening (django-tasks; docs/decisions/0011-task-queue.md).

`screen_list` runs on the `screening` queue: `liaison worker` (or the worker `liaison serve` starts) picks it
up; tests and LIAISON_TASKS_IMMEDIATE=1 run it at once. It acts on the channel 'job' (the audit trail shows
the finish as the requesting officer's, through a background job).
"""

from __future__ import annotations

from django_tasks import task

from liaison.core import context

QUEUE = "screening"


@task(queue_name=QUEUE)
def screen_list(run_id: int) -> dict[str, int | str]:
    """Screen one queued run (engine.execute_run) and return its counters."""
    from liaison.screening.engine import execute_run

    with context.channel(context.CHANNEL_JOB):
        run = execute_run(run_id)
    return {
        "run": run.pk,
        "status": run.status,
        "rows_done": run.rows_done,
        "hit_count": run.hit_count,
        "suppressed_count": run.suppressed_count,
    }
