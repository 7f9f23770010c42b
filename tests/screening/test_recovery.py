"""Runs whose worker died, and runs an officer cancels (screening/recovery.py, actions.do_cancel_run).

The real kill -9 of a worker process is in test_worker_killed.py; here the same paths run in this process."""

from __future__ import annotations

import datetime
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from liaison.core import registry
from liaison.core.models import AuditEvent
from liaison.core.permissions import LEGAL_OFFICER
from liaison.core.registry import worker as sweeps
from liaison.core.tasks import run_sweeps
from liaison.screening import actions, engine, recovery
from liaison.screening.models import RunStatus, ScreeningRun
from tests.screening.factories import ARRIVALS, Desk, ScreeningListFactory, ScreeningRunFactory, csv_bytes

pytestmark = pytest.mark.django_db


def _list(desk: Desk) -> Any:
    return ScreeningListFactory(
        owner=desk.home,
        content=csv_bytes(ARRIVALS),
        columns=ARRIVALS[0],
        row_count=9,
        mapping={"name": ["Họ và tên"], "birth_date": "Ngày sinh"},
    )


def _running(desk: Desk, *, seconds_ago: float, **fields: Any) -> ScreeningRun:
    run = ScreeningRunFactory(
        screening_list=_list(desk), status=RunStatus.RUNNING, requested_by=desk.officer, rows_total=9, **fields
    )
    ScreeningRun.objects.filter(pk=run.pk).update(heartbeat_at=timezone.now() - datetime.timedelta(seconds=seconds_ago))
    run.refresh_from_db()
    return run


def test_screening_registers_its_worker_sweep() -> None:
    assert "screening.stalled_runs" in [item.key for item in registry.worker_sweeps()]


def test_a_run_with_a_fresh_heartbeat_is_left_alone(desk: Desk, settings: Any) -> None:
    settings.LIAISON_SCREENING_STALE_SECONDS = 60
    run = _running(desk, seconds_ago=30, rows_done=4)
    assert run_sweeps() == []
    run.refresh_from_db()
    assert run.status == RunStatus.RUNNING and run.resumed == 0


def test_the_sweep_resumes_a_stale_run_which_screens_only_the_rows_after_its_last_commit(
    desk: Desk, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.LIAISON_SCREENING_STALE_SECONDS = 60
    run = _running(desk, seconds_ago=61, rows_done=3, hit_count=3)
    with django_capture_on_commit_callbacks(execute=True):
        assert run_sweeps() == ["Resumed 1 screening run(s) whose worker had stopped."]
    run.refresh_from_db()
    assert run.status == RunStatus.FINISHED and run.resumed == 1
    assert run.rows_done == 9 and run.hit_count == 4 and [hit.person_id for hit in run.hits.all()] == [desk.cn.pk]
    # the rows passed over are read again for their problems: A1's impossible birth date is still reported
    assert [(problem["row"], problem["field"]) for problem in run.bad_rows] == [(2, "birth_date"), (8, "name")]
    assert run.bad_row_count == 2 and run.rows_skipped == 1
    resume = AuditEvent.objects.get(action="screening_run.resume")
    assert resume.channel == "job" and resume.actor_id == desk.officer.pk and resume.agency_id == desk.home.pk


def test_a_run_whose_worker_died_too_often_is_failed_with_the_reason(desk: Desk, settings: Any) -> None:
    settings.LIAISON_SCREENING_STALE_SECONDS = 60
    run = _running(desk, seconds_ago=61, rows_done=5, resumed=recovery.MAX_RESUMES)
    assert run_sweeps() == ["Marked 1 screening run(s) failed: their worker stopped 4 times."]
    run.refresh_from_db()
    assert run.status == RunStatus.FAILED and run.finished_at is not None
    assert "stopped 4 times, the last time at row 5 of 9" in run.error and "not resumed again" in run.error
    event = AuditEvent.objects.get(action="screening_run.finish")
    assert event.after["status"] == "failed" and event.after["error"] == run.error


def test_a_process_whose_run_was_taken_from_it_stops_without_writing(desk: Desk, monkeypatch: Any) -> None:
    """A worker that was only slow: a sweep re-queued its run meanwhile; at its next commit it stops."""
    monkeypatch.setattr(engine, "FLUSH_ROWS", 1)
    run = ScreeningRunFactory(
        screening_list=_list(desk), status=RunStatus.QUEUED, requested_by=desk.officer, rows_done=0, hit_count=0
    )

    def taken(count: int) -> None:
        ScreeningRun.objects.filter(pk=run.pk, rows_done=2).update(status=RunStatus.QUEUED, resumed=F("resumed") + 1)

    stopped = engine.execute_run(run, on_rows=taken)
    assert stopped.status == RunStatus.QUEUED and stopped.resumed == 1
    assert stopped.rows_done == 2 and stopped.hits.count() == 2  # what it had committed; nothing after


@pytest.mark.django_db(transaction=True)  # the worker closes its database connection when it ends (PostgreSQL)
def test_the_worker_sweeps_on_start(desk: Desk, settings: Any) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "screening"]}}
    settings.LIAISON_SCREENING_STALE_SECONDS = 60
    run = _running(desk, seconds_ago=61, rows_done=3)
    out = StringIO()
    call_command("worker", "--batch", "--interval", "0", stdout=out)
    assert "Resumed 1 screening run(s)" in out.getvalue()
    run.refresh_from_db()
    assert run.resumed == 1


def test_a_failing_sweep_does_not_stop_the_others(monkeypatch: Any, caplog: Any) -> None:
    fresh: registry.Registry[registry.WorkerSweep] = registry.Registry("worker sweep")
    monkeypatch.setattr(sweeps, "_worker_sweeps", fresh)

    def broken() -> str:
        raise RuntimeError("database away")

    registry.register_worker_sweep("a.broken", broken)
    registry.register_worker_sweep("b.fine", lambda: "done")
    assert run_sweeps() == ["done"]
    assert "worker sweep a.broken failed" in caplog.text
    with pytest.raises(registry.AlreadyRegistered):
        registry.register_worker_sweep("b.fine", lambda: "")
    with pytest.raises(registry.ImproperlyConfigured, match="not callable"):
        registry.register_worker_sweep("c.bad", "sweep")  # type: ignore[arg-type]


# --- cancelling ---------------------------------------------------------------------------------------------
def test_an_officer_cancels_a_running_run_which_stops_at_its_next_commit_and_keeps_its_hits(
    desk: Desk, monkeypatch: Any, page_client: Any
) -> None:
    monkeypatch.setattr(engine, "FLUSH_ROWS", 1)
    run = ScreeningRunFactory(
        screening_list=_list(desk), status=RunStatus.QUEUED, requested_by=desk.officer, rows_done=0, hit_count=0
    )
    client = page_client(desk.officer)
    url = reverse("screening_run_cancel", kwargs={"pk": run.pk})

    def cancel_at_row_three(count: int) -> None:
        if ScreeningRun.objects.filter(pk=run.pk, rows_done=3, status=RunStatus.RUNNING).exists():
            page = client.get(reverse("screening_run_detail", kwargs={"pk": run.pk})).content.decode()
            assert url in page and "Cancel the run" in page
            answer = client.post(url, follow=True)
            assert "The run is cancelled at row 3 of 9; the hits found so far are kept." in answer.content.decode()

    cancelled = engine.execute_run(run, on_rows=cancel_at_row_three)
    assert cancelled.status == RunStatus.CANCELLED and cancelled.cancelled_by == desk.officer
    assert cancelled.rows_done == 3 and cancelled.hit_count == 3 and cancelled.hits.count() == 3
    event = AuditEvent.objects.get(action="screening_run.cancel")
    assert event.actor_id == desk.officer.pk and event.channel == "ui"
    assert event.before["status"] == "running" and event.after == {
        "status": "cancelled",
        "rows_done": 3,
        "hits_kept": 3,
    }
    page = client.get(reverse("screening_run_detail", kwargs={"pk": run.pk})).content.decode()
    assert "Cancelled by" in page and "the hits found up to then are kept" in page and "Cancel the run" not in page
    # the list may be screened again
    assert actions.do_start_run(cancelled.screening_list, actor=desk.officer).status == RunStatus.QUEUED


def test_a_queued_run_is_cancelled_through_the_api_and_its_task_then_leaves_it_alone(
    desk: Desk, api_client: Any
) -> None:
    run = ScreeningRunFactory(
        screening_list=_list(desk), status=RunStatus.QUEUED, requested_by=desk.officer, rows_done=0, hit_count=0
    )
    answer = api_client(desk.officer).post(f"/api/screening-runs/{run.pk}/cancel/")
    assert answer.status_code == 200, answer.content
    assert answer.json()["status"] == "cancelled" and answer.json()["cancelled_by"] == str(desk.officer)
    assert engine.execute_run(run.pk).status == RunStatus.CANCELLED and not run.hits.exists()
    again = api_client(desk.officer).post(f"/api/screening-runs/{run.pk}/cancel/")
    assert again.status_code == 400 and "only a queued or running run can be cancelled" in again.content.decode()
    assert AuditEvent.objects.filter(action="screening_run.cancel").count() == 1


def test_only_an_officer_of_the_agency_who_may_screen_cancels(
    desk: Desk, api_client: Any, page_client: Any, make_user: Any, partner_officer: Any
) -> None:
    run = ScreeningRunFactory(
        screening_list=_list(desk), status=RunStatus.QUEUED, requested_by=desk.officer, rows_done=0, hit_count=0
    )
    legal = make_user(LEGAL_OFFICER)
    assert api_client(legal).post(f"/api/screening-runs/{run.pk}/cancel/").status_code == 403
    assert api_client(partner_officer).post(f"/api/screening-runs/{run.pk}/cancel/").status_code == 404
    assert page_client(partner_officer).post(reverse("screening_run_cancel", kwargs={"pk": run.pk})).status_code == 404
    run.refresh_from_db()
    assert run.status == RunStatus.QUEUED and not AuditEvent.objects.filter(action="screening_run.cancel").exists()
