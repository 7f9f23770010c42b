"""A worker killed in the middle of a run (kill -9): the next worker resumes the run from its last committed row.

Real processes on a real database file: `liaison migrate`, a set-up script that records the desk's wanted persons
and queues a run of a generated list, `liaison worker` killed with SIGKILL once it has committed some progress,
and a second `liaison worker` that finds the run's heartbeat stale, re-queues it and screens the rest.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
ROWS = 30_000
PLANTED = (10, 15_000, 29_990)  # data rows holding a wanted person's name
STALE_SECONDS = 2

SETUP = f"""
import django
django.setup()
from liaison.core.permissions import DESK_OFFICER
from liaison.screening import actions
from tests.factories import AgencyFactory, UserFactory
from tests.screening.factories import Desk, ScreeningListFactory, csv_bytes

home = AgencyFactory(code="VN-MPS", country="VN", short_name="MPS Vietnam", is_home=True)
partner = AgencyFactory(code="KR-KNPA", country="KR", short_name="KNPA")
officer = UserFactory(agency=home, roles=[DESK_OFFICER], username="officer")
Desk(home, partner, officer)
given = ["An", "Binh", "Cuong", "Dung", "Giang", "Hai", "Khanh", "Linh", "Minh", "Nam", "Phuc", "Quang", "Son"]
family = ["TRAN", "PHAM", "HOANG", "VU", "DANG", "BUI", "DO", "HO", "NGO", "DUONG"]
rows = [["STT", "Ho va ten"]]
for n in range({ROWS}):
    other = f"{{family[n % 10]}} {{given[n % 13]}} {{given[(n // 13) % 13]}} X{{n}}"
    rows.append([f"R{{n}}", "NGUYEN VAN HUNG" if n in {PLANTED!r} else other])
listed = ScreeningListFactory(
    owner=home, content=csv_bytes(rows), columns=rows[0], row_count={ROWS}, mapping={{"name": ["Ho va ten"]}}
)
run = actions.do_start_run(listed, threshold=0.7, actor=officer)
print(run.pk)
"""


def _env(var: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("LIAISON_")}
    env.update(
        PYTHONPATH=os.pathsep.join([str(ROOT / "src"), str(ROOT)]),
        DJANGO_SETTINGS_MODULE="liaison.settings",
        LIAISON_DEV="1",
        LIAISON_VAR_DIR=str(var),
        LIAISON_DATABASE_URL=f"sqlite:///{var / 'liaison.sqlite3'}",
        LIAISON_SCREENING_JOBS="1",
        LIAISON_SCREENING_STALE_SECONDS=str(STALE_SECONDS),
        LIAISON_WORKER_SWEEP_SECONDS="0.5",
    )
    return env


def _run_row(database: Path, run_id: int) -> dict[str, Any]:
    with sqlite3.connect(database, timeout=10) as db:
        db.row_factory = sqlite3.Row
        row = db.execute("SELECT * FROM screening_screeningrun WHERE id = ?", (run_id,)).fetchone()
        return dict(row)


def _ended(row: dict[str, Any]) -> dict[str, Any] | None:
    return row if row["status"] not in {"queued", "running"} else None


def _wait(what: str, condition: Any, timeout: float) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_a_run_whose_worker_was_killed_resumes_from_its_last_committed_row(tmp_path: Path) -> None:
    env = _env(tmp_path)
    database = tmp_path / "liaison.sqlite3"
    cli = [sys.executable, "-m", "liaison.cli"]
    subprocess.run([*cli, "migrate", "--verbosity", "0"], env=env, cwd=ROOT, check=True, timeout=120)
    setup = subprocess.run(
        [sys.executable, "-c", SETUP], env=env, cwd=ROOT, check=True, timeout=120, capture_output=True, text=True
    )
    run_id = int(setup.stdout.split()[-1])

    first = subprocess.Popen([*cli, "worker", "--interval", "0.2"], env=env, cwd=ROOT)
    try:
        _wait("progress", lambda: _run_row(database, run_id)["rows_done"] >= 1_000, timeout=60)
    finally:
        first.send_signal(signal.SIGKILL)
        first.wait()
    killed = _run_row(database, run_id)
    assert killed["status"] == "running" and 0 < killed["rows_done"] < ROWS, killed

    second = subprocess.Popen([*cli, "worker", "--interval", "0.2"], env=env, cwd=ROOT)
    try:
        done = _wait("the end of the run", lambda: _ended(_run_row(database, run_id)), timeout=60)
    finally:
        second.send_signal(signal.SIGTERM)
        second.wait(timeout=20)
    assert done["status"] == "finished", done
    assert done["rows_done"] == ROWS and done["resumed"] == 1
    with sqlite3.connect(database) as db:
        hit_rows = sorted(
            row for (row,) in db.execute("SELECT row_number FROM screening_hit WHERE run_id = ?", (run_id,))
        )
        tasks = dict(
            db.execute("SELECT status, count(*) FROM django_tasks_database_dbtaskresult GROUP BY status").fetchall()
        )
        actions = [a for (a,) in db.execute("SELECT action FROM core_auditevent ORDER BY seq")]
    # every planted row once (rows are numbered from the header's 1), none twice for being screened again
    assert hit_rows == [n + 2 for n in PLANTED]
    assert done["hit_count"] == len(PLANTED)
    assert tasks == {"FAILED": 1, "SUCCESSFUL": 1}  # the killed worker's task says so; the resumed one finished
    assert actions[-2:] == ["screening_run.resume", "screening_run.finish"]
