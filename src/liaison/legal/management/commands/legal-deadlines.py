"""liaison legal-deadlines: the calendar of legal deadlines of the home agency's open legal requests (the
acknowledgement, answer and formal-request dates), soonest first, the past ones marked OVERDUE.

Reads only. Exit status 0; with --fail-on-overdue, 3 when any deadline is past (for monitoring).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from liaison.agencies.system import system_actor
from liaison.legal.deadlines import deadlines


class Command(BaseCommand):
    help = "List the legal deadlines of the open legal requests (acknowledgement, answer, formal request)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--within", type=int, default=None, help="Only deadlines due within this many days.")
        parser.add_argument(
            "--fail-on-overdue", action="store_true", help="Exit with status 3 when a deadline is past."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        actor = system_actor("legal-deadlines")
        if actor.agency is None:
            raise CommandError("No home agency on this node: set LIAISON_HOME_AGENCY and load the directory.")
        within = options["within"]
        if within is not None and within < 0:
            raise CommandError(f"--within: {within} is negative; give a number of days, 0 or more.")
        until = datetime.date.today() + datetime.timedelta(days=within) if within is not None else None
        rows = deadlines(actor, until=until)
        overdue = [row for row in rows if row.overdue]
        self.stdout.write(f"Legal deadlines of {actor.agency.code}: {len(rows)} ({len(overdue)} overdue)")
        for row in rows:
            mark = " OVERDUE" if row.overdue else ""
            request = row.request
            self.stdout.write(f"  {row.due.isoformat()}{mark}  {row.what}  {request.reference}  {request.partner.code}")
        if overdue and options["fail_on_overdue"]:
            raise SystemExit(3)
