"""The background worker: a run queued in the database is picked up by `liaison worker` and screened."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from liaison.screening.models import RunStatus, ScreeningRun
from tests.screening.factories import ARRIVALS, Desk, ScreeningListFactory, csv_bytes

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "screening"]}}


@pytest.mark.django_db
def test_the_worker_is_not_needed_when_tasks_run_at_once() -> None:
    from liaison.core.management.commands.serve import start_worker

    with pytest.raises(CommandError, match="no worker is needed"):
        call_command("worker", "--batch")
    assert start_worker(StringIO()) is None  # `liaison serve` starts none either


def test_serve_stops_its_worker_process() -> None:
    import subprocess
    import sys

    from liaison.core.management.commands.serve import stop_worker

    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    stop_worker(child, timeout=5)
    assert child.returncode is not None


@pytest.mark.django_db(transaction=True)
def test_a_queued_run_waits_for_the_worker_which_screens_it(
    home: Any, partner: Any, officer: Any, page_client: Any, settings: Any
) -> None:
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = DATABASE_QUEUE
    desk = Desk(home, partner, officer)
    screening_list = ScreeningListFactory(
        owner=home, content=csv_bytes(ARRIVALS), columns=ARRIVALS[0], row_count=9, mapping={"name": ["Họ và tên"]}
    )
    client = page_client(officer)
    response = client.post(reverse("screening_list_run", kwargs={"pk": screening_list.pk}), {"threshold": "0.7"})
    run = ScreeningRun.objects.get()
    assert response["Location"] == reverse("screening_run_detail", kwargs={"pk": run.pk})
    task = DBTaskResult.objects.get()
    assert task.queue_name == "screening" and run.task_id == str(task.id)
    run.refresh_from_db()
    assert run.status == RunStatus.QUEUED
    assert "Waiting for the background worker" in client.get(response["Location"]).content.decode()

    out = StringIO()
    call_command("worker", "--batch", "--interval", "0", stdout=out)
    run.refresh_from_db()
    assert run.status == RunStatus.FINISHED and run.hit_count == 4 and run.rows_done == 9
    assert {hit.person_id for hit in run.hits.all()} == {desk.vn.pk, desk.kr.pk, desk.ru.pk, desk.cn.pk}
    task.refresh_from_db()
    assert task.status == "SUCCESSFUL" and task.return_value["hit_count"] == 4
