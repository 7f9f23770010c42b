from __future__ import annotations

import os
import subprocess
import sys
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Run the web application: Django's development server, or gunicorn with --production."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("address", nargs="?", default="127.0.0.1:8000", help="host:port (default 127.0.0.1:8000)")
        parser.add_argument(
            "--production", action="store_true", help="Serve with gunicorn (collect static files first)."
        )
        parser.add_argument("--workers", type=int, default=int(os.environ.get("LIAISON_WORKERS", "3")))

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["production"]:
            call_command("runserver", options["address"], use_reloader=False)
            return
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
