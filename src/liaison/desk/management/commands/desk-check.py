"""liaison desk-check: the liaison desk's daily check (run it once a day, e.g. from cron or a systemd timer).

- Notices whose validity ended (`valid_until` before today) move from active or suspended to expired; each
  move is audited as `notice.transition` by `system:desk-check` on the channel 'cli'.
- Open fugitive cases past their acknowledgement or progress-report deadline are listed, per agency.
- Active notices whose five-year review is due within six months (or past) are listed.

Running it again the same day changes nothing. Exit status 0; with --fail-on-overdue, 3 when anything is
overdue (for monitoring).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from liaison.agencies.system import system_actor
from liaison.core import context
from liaison.desk.actions import do_desk_check


class Command(BaseCommand):
    help = (
        "Daily check of the liaison desk: expire notices past their validity (audited), list overdue fugitive "
        "cases and notices due for their five-year review."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Report what would expire; change nothing.")
        parser.add_argument(
            "--date", help="Check as of this day (YYYY-MM-DD) instead of today (to catch up after a pause)."
        )
        parser.add_argument(
            "--fail-on-overdue", action="store_true", help="Exit with status 3 when a case or a review is overdue."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        today = None
        if options["date"]:
            try:
                today = datetime.date.fromisoformat(options["date"])
            except ValueError:
                raise CommandError(f"--date: {options['date']!r} is not a date (YYYY-MM-DD).") from None
        with context.channel(context.CHANNEL_CLI):
            result = do_desk_check(actor=system_actor("desk-check"), today=today, dry_run=options["dry_run"])
        verb = "would expire" if options["dry_run"] else "expired"
        self.stdout.write(f"Desk check of {result.today.isoformat()}:")
        self.stdout.write(f"  notices {verb}: {len(result.expired)}")
        for notice in result.expired:
            self.stdout.write(
                f"    #{notice.pk} {notice} ({notice.owner.code}), valid until {notice.valid_until.isoformat()}"
                if notice.valid_until
                else f"    #{notice.pk} {notice} ({notice.owner.code})"
            )
        self.stdout.write(f"  overdue fugitive cases: {len(result.overdue_cases)}")
        for case in result.overdue_cases:
            late = []
            if case.acknowledged_on is None and case.acknowledge_by and case.acknowledge_by < result.today:
                late.append(f"acknowledgement due {case.acknowledge_by.isoformat()}")
            if case.next_report_due and case.next_report_due < result.today:
                late.append(f"progress report due {case.next_report_due.isoformat()}")
            self.stdout.write(
                f"    {case.reference} ({case.owner.code} ⇄ {case.partner.code}, {case.status}): {'; '.join(late)}"
            )
        self.stdout.write(f"  notices due for review: {len(result.review_due)}")
        for notice in result.review_due:
            due = notice.review_due_on.isoformat() if notice.review_due_on else "?"
            state = "overdue" if notice.review_due_on and notice.review_due_on < result.today else "due"
            self.stdout.write(f"    #{notice.pk} {notice} ({notice.owner.code}): review {state} {due}")
        reviews_overdue = [n for n in result.review_due if n.review_due_on and n.review_due_on < result.today]
        if options["fail_on_overdue"] and (result.overdue_cases or reviews_overdue):
            raise SystemExit(3)
