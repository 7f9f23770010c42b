"""liaison worker: run the background worker (django-tasks-db's `db_worker`) for Liaison's queues.

Production runs it as a service of its own beside the web server (systemd, a container); `liaison serve`
starts one beside the development server. It takes queued tasks (screening runs first) from the database
queue, one at a time, and stops cleanly on SIGTERM / Ctrl+C after the task in hand. On start it marks failed
the screening runs a stopped worker left "running" (no progress for ten minutes).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser


def queues() -> list[str]:
    return list(settings.TASKS.get("default", {}).get("QUEUES") or ["default"])


def uses_worker() -> bool:
    """True when tasks wait in the database queue (False: they run at once, in the caller)."""
    return str(settings.TASKS.get("default", {}).get("BACKEND", "")).startswith("django_tasks_db.")


class Command(BaseCommand):
    help = "Run the background worker for the task queues (screening runs)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--queues", default=",".join(queues()), help="Comma-separated queue names (default: every queue)."
        )
        parser.add_argument("--interval", type=float, default=1.0, help="Seconds between looks at an empty queue.")
        parser.add_argument("--batch", action="store_true", help="Run what is queued now, then exit.")
        parser.add_argument("--max-tasks", type=int, default=None, help="Exit after this many tasks.")
        parser.add_argument("--reload", action="store_true", help="Restart on code changes (development).")

    def handle(self, *args: Any, **options: Any) -> None:
        if not uses_worker():
            raise CommandError(
                "Tasks run at once here (LIAISON_TASKS_IMMEDIATE or the test settings): no worker is needed."
            )
        from liaison.core import context
        from liaison.screening.engine import fail_stalled_runs

        with context.channel(context.CHANNEL_JOB):
            stalled = fail_stalled_runs()
        if stalled:
            self.stdout.write(f"Marked {stalled} screening run(s) failed: their worker had stopped mid-run.")
        kwargs: dict[str, Any] = {
            "queue_name": options["queues"],
            "interval": options["interval"],
            "batch": options["batch"],
            "reload": options["reload"],
            "verbosity": options["verbosity"],
        }
        if options["max_tasks"]:
            kwargs["max_tasks"] = options["max_tasks"]
        call_command("db_worker", **kwargs)
