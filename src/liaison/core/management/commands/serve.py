"""liaison serve: the web application.

Development (the default): Django's development server, and beside it one background worker
(`liaison worker`) when tasks wait in the database queue, so `make run` needs nothing else; the worker stops
when the server does. Production (--production): gunicorn only; run `liaison worker` as its own service.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from liaison.core.checks import development_key_errors
from liaison.core.tasks import uses_worker


class Command(BaseCommand):
    help = "Run the web application: Django's development server, or gunicorn with --production."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("address", nargs="?", default="127.0.0.1:8000", help="host:port (default 127.0.0.1:8000)")
        parser.add_argument(
            "--production", action="store_true", help="Serve with gunicorn (collect static files first)."
        )
        parser.add_argument("--workers", type=int, default=int(os.environ.get("LIAISON_WORKERS", "3")))
        parser.add_argument("--no-worker", action="store_true", help="Development: do not start the background worker.")

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["production"]:
            worker = None if options["no_worker"] else start_worker(self.stdout)
            if worker is not None:
                # Stopped with SIGTERM (a process manager, `kill`): leave through `finally`, taking the worker along.
                signal.signal(signal.SIGTERM, _leave)
            try:
                # The system checks ran once already, before this command (BaseCommand.execute): not twice.
                call_command("runserver", options["address"], use_reloader=False, skip_checks=True)
            finally:
                if worker is not None:
                    stop_worker(worker)
            return
        for error in development_key_errors():
            raise CommandError(f"Refusing to serve in production: {error.msg} {error.hint}")
        call_command("collectstatic", interactive=False, verbosity=0)
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            "liaison.wsgi:application",
            "--bind",
            options["address"],
            "--workers",
            str(options["workers"]),
            "--access-logfile",
            "-",
        ]
        raise SystemExit(subprocess.call(command))  # noqa: S603


def _leave(signum: int, frame: Any) -> None:
    raise SystemExit(0)


def start_worker(stdout: Any) -> subprocess.Popen[bytes] | None:
    """One `liaison worker` process beside the development server (None when tasks run at once)."""
    if not uses_worker():
        return None
    command = [sys.executable, "-m", "liaison.cli", "worker"]
    stdout.write("Starting the background worker (liaison worker) beside the development server.")
    return subprocess.Popen(command, env=os.environ.copy())  # noqa: S603


def stop_worker(worker: subprocess.Popen[bytes], timeout: float = 10.0) -> None:
    """Ask the worker to stop (it finishes the task in hand), then make sure it has."""
    if worker.poll() is not None:
        return
    worker.send_signal(signal.SIGTERM)
    try:
        worker.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        worker.kill()
        worker.wait()
