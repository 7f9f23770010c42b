"""Runs whose worker died: found by their stale heartbeat, resumed from their last committed row.

A worker killed in the middle of a run (kill -9, out of memory, the machine restarted) leaves the run "running"
with nobody screening it. The process screening a run writes its heartbeat (`ScreeningRun.heartbeat_at`) at
every commit (every 500 rows or 2 s) and around the index build; `liaison worker` calls `sweep()` on start and
every LIAISON_WORKER_SWEEP_SECONDS (registration.py registers it with core.registry.register_worker_sweep), and
a new run of a list sweeps that list first. A run whose heartbeat is older than LIAISON_SCREENING_STALE_SECONDS:

- is re-queued (status queued, `resumed` + 1) and a new task enqueued: the worker that takes it goes on after
  the last committed row — its hits and counters were committed together, so no row is screened twice and none
  is lost; the dead worker's task is marked failed with the reason; audited `screening_run.resume`;
- or, once it was resumed MAX_RESUMES times (a row that kills its worker each time), is marked failed with the
  reason; audited `screening_run.finish`. The hits found so far stay.

The bound: a run is taken up again at most STALE + SWEEP seconds after its worker died, as soon as one worker
runs. A process that was only slow and comes back finds at its next commit that the run is no longer its own
(`resumed` changed) and stops without writing.
"""

from __future__ import annotations

import datetime
import functools
import logging

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from liaison.core import audit
from liaison.core.tasks import fail_abandoned_task
from liaison.screening.models import RunStatus, ScreeningList, ScreeningRun

logger = logging.getLogger(__name__)

MAX_RESUMES = 3


def stale_seconds() -> float:
    return float(getattr(settings, "LIAISON_SCREENING_STALE_SECONDS", 120.0))


def _cutoff() -> datetime.datetime:
    return timezone.now() - datetime.timedelta(seconds=stale_seconds())


def stalled_runs(screening_list: ScreeningList | None = None) -> list[int]:
    cutoff = _cutoff()
    runs = ScreeningRun.objects.filter(status=RunStatus.RUNNING).filter(
        Q(heartbeat_at__lt=cutoff) | Q(heartbeat_at__isnull=True, updated_at__lt=cutoff)
    )
    if screening_list is not None:
        runs = runs.filter(screening_list=screening_list)
    return list(runs.values_list("pk", flat=True))


def recover_stalled_runs(screening_list: ScreeningList | None = None) -> tuple[int, int]:
    """Re-queue (or fail) the runs whose worker died; (resumed, failed)."""
    from liaison.screening.actions import enqueue_run

    resumed = failed = 0
    for pk in stalled_runs(screening_list):
        with transaction.atomic():
            run = ScreeningRun.objects.select_for_update().select_related("requested_by", "owner").get(pk=pk)
            last = run.heartbeat_at or run.updated_at
            if run.status != RunStatus.RUNNING or last >= _cutoff():  # another sweep, or the worker, came first
                continue
            when = timezone.localtime(last).isoformat(timespec="seconds")
            reason = _(
                "The worker screening this run stopped (no sign of life since %(when)s) at row %(done)s of %(total)s."
            ) % {"when": when, "done": run.rows_done, "total": run.rows_total}
            fail_abandoned_task(run.task_id, reason)
            if run.resumed < MAX_RESUMES:
                run.status = RunStatus.QUEUED
                run.resumed += 1
                run.task_id = ""
                run.save(update_fields=["status", "resumed", "task_id", "updated_at"])
                audit.record(
                    "screening_run.resume",
                    actor=run.requested_by,
                    obj=run,
                    agency=run.owner,
                    before={"status": RunStatus.RUNNING, "heartbeat_at": when},
                    after={"status": RunStatus.QUEUED, "resumed": run.resumed, "from_row": run.rows_done},
                )
                transaction.on_commit(functools.partial(enqueue_run, run.pk), robust=True)
                resumed += 1
            else:
                error = _(
                    "The worker screening this run stopped %(count)s times, the last time at row %(done)s of "
                    "%(total)s (no sign of life since %(when)s): it is not resumed again."
                ) % {"count": run.resumed + 1, "done": run.rows_done, "total": run.rows_total, "when": when}
                run.status = RunStatus.FAILED
                run.error = error
                run.finished_at = timezone.now()
                run.save(update_fields=["status", "error", "finished_at", "updated_at"])
                audit.record(
                    "screening_run.finish",
                    actor=run.requested_by,
                    obj=run,
                    agency=run.owner,
                    before={"status": RunStatus.RUNNING},
                    after={"status": RunStatus.FAILED, "rows_done": run.rows_done, "error": error},
                )
                failed += 1
    return resumed, failed


def sweep() -> str:
    """The worker sweep of screening (core.registry.register_worker_sweep): a line for the worker's log."""
    resumed, failed = recover_stalled_runs()
    parts = []
    if resumed:
        parts.append(f"resumed {resumed} screening run(s) whose worker had stopped")
    if failed:
        parts.append(f"marked {failed} screening run(s) failed: their worker stopped {MAX_RESUMES + 1} times")
    return "; ".join(parts).capitalize() + "." if parts else ""
