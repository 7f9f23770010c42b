"""liaison worker: run the background worker (django-tasks-db's `db_worker`) for Liaison's queues.

Production runs it as a service of its own beside the web server (systemd, a container); `liaison serve`
starts one beside the development server. It takes queued tasks (screening runs first) from the database
queue, one at a time, and stops cleanly on SIGTERM / Ctrl+C after the task in hand.

It also sweeps: on start, then every LIAISON_WORKER_SWEEP_SECONDS (--sweep-every) in a thread of its own, so
the sweeps go on while a long task runs, it calls the worker sweeps the apps registered
(core.registry.register_worker_sweep) — screening resumes there the runs whose worker died (their heartbeat is
stale). Several workers may sweep at once: each sweep locks and re-checks what it changes.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from liaison.core.tasks import queues, run_sweeps, sweep_seconds, uses_worker

logger = logging.getLogger(__name__)


class Sweeper(threading.Thread):
    """Runs the worker sweeps every `every` seconds until stopped."""

    def __init__(self, every: float, report: Any) -> None:
        super().__init__(name="liaison-worker-sweeps", daemon=True)
        self.every = every
        self.report = report
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.wait(self.every):
            try:
                for line in run_sweeps():
                    self.report(line)
            except Exception:  # the database is away for a moment: the next sweep tries again
                logger.exception("the worker sweeps failed")
            finally:
                connection.close()  # this thread's own connection

    def stop(self) -> None:
        self.stopped.set()


class Command(BaseCommand):
    help = "Run the background worker for the task queues (screening runs)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--queues", default=",".join(queues()), help="Comma-separated queue names (default: every queue)."
        )
        parser.add_argument("--interval", type=float, default=1.0, help="Seconds between looks at an empty queue.")
        parser.add_argument(
            "--sweep-every",
            type=float,
            default=None,
            help="Seconds between sweeps for work whose worker died (default: LIAISON_WORKER_SWEEP_SECONDS).",
        )
        parser.add_argument("--batch", action="store_true", help="Run what is queued now, then exit.")
        parser.add_argument("--max-tasks", type=int, default=None, help="Exit after this many tasks.")
        parser.add_argument("--reload", action="store_true", help="Restart on code changes (development).")

    def handle(self, *args: Any, **options: Any) -> None:
        if not uses_worker():
            raise CommandError(
                "Tasks run at once here (LIAISON_TASKS_IMMEDIATE or the test settings): no worker is needed."
            )
        for line in run_sweeps():
            self.stdout.write(line)
        every = options["sweep_every"] if options["sweep_every"] is not None else sweep_seconds()
        sweeper = None
        if every > 0 and not options["batch"]:
            sweeper = Sweeper(every, self.stdout.write)
            sweeper.start()
        kwargs: dict[str, Any] = {
            "queue_name": options["queues"],
            "interval": options["interval"],
            "batch": options["batch"],
            "reload": options["reload"],
            "verbosity": options["verbosity"],
        }
        if options["max_tasks"]:
            kwargs["max_tasks"] = options["max_tasks"]
        try:
            call_command("db_worker", **kwargs)
        finally:
            if sweeper is not None:
                sweeper.stop()
