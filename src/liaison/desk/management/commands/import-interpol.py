"""liaison import-interpol FILE [FILE ...] --as USERNAME [--kind red|yellow] [--dry-run]

Import INTERPOL public notices (red: wanted persons; yellow: missing persons) from JSON files saved from
INTERPOL's public notice pages: list pages, notice details, or arrays of details (desk/interpol/). Each
notice becomes a person and an active notice of the officer's agency, through the people and desk actions,
audited as the officer on the channel 'cli'. Importing the same files again changes nothing; a notice whose
published data changed is updated. --dry-run is the preview: it compares, reading only, and writes nothing.

Every problem is printed with its file, record (position and entity_id) and field; the good records are
imported all the same, each in its own transaction. Exit status: 0 when every record was imported (or was
unchanged), 1 when a file could not be read or a record was left out.
"""

from __future__ import annotations

import os
import sys
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError, CommandParser

from liaison.core import context, importing
from liaison.desk.interpol.format import KINDS, MAX_FILE_BYTES, Problem
from liaison.desk.interpol.importer import InterpolImport, stage


def _advance(bar: Any) -> None:
    bar.update(1)


class Command(BaseCommand):
    help = "Import INTERPOL public notices (red or yellow, list pages or details, JSON) as notices of an agency."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", metavar="FILE", help="JSON files saved from INTERPOL's public notices.")
        parser.add_argument("--as", dest="username", required=True, help="The officer importing (a user name).")
        parser.add_argument("--kind", choices=KINDS, default="", help="Red or yellow, for files that do not say it.")
        parser.add_argument("--dry-run", action="store_true", help="Say what would be imported; write nothing.")
        parser.add_argument("--no-progress", action="store_true", help="No progress bar.")

    def handle(self, *args: Any, **options: Any) -> None:
        from tqdm import tqdm

        from liaison.agencies.models import User

        try:
            officer = User.objects.select_related("agency").get(username=options["username"], is_active=True)
        except User.DoesNotExist:
            raise CommandError(f"--as: no active user named {options['username']!r}") from None
        files: list[tuple[str, bytes]] = []
        problems: list[Problem] = []
        for path in options["files"]:
            try:
                with open(path, "rb") as handle:
                    files.append((os.path.basename(path), handle.read(MAX_FILE_BYTES + 1)))
            except OSError as error:
                problems.append(Problem(path, 0, "", error.strerror or str(error)))
        staged = stage(files, kind=options["kind"])
        staged.problems[:0] = problems
        records, names = staged.records, staged.files
        show = sys.stderr.isatty() and not options["no_progress"]
        desc = "checking" if options["dry_run"] else "importing"
        with (
            context.channel(context.CHANNEL_CLI),
            tqdm(total=len(records), unit="notice", disable=not show, desc=desc, file=sys.stderr) as bar,
        ):
            run = importing.preview if options["dry_run"] else importing.apply
            try:
                result = run(InterpolImport(options["kind"]), staged, actor=officer, progress=lambda _e: _advance(bar))
            except PermissionDenied as error:
                raise CommandError(f"{officer.username} may not import INTERPOL notices ({error}).") from None
        for problem in result.problems:
            label = "warning" if problem.severity == "warning" else "error"
            self.stderr.write(f"{label}: {problem}")
        counts = InterpolImport.notice_counts(result)
        prefix = "Dry run, nothing written: would have" if options["dry_run"] else "Imported:"
        verbs = (
            ("created", "created"),
            ("updated", "updated"),
            ("unchanged", "unchanged"),
            ("failed", "not imported"),
        )
        summary = ", ".join(f"{counts[key]} {label}" for key, label in verbs)
        self.stdout.write(f"{prefix} {summary} ({len(records)} records in {len(names)} files).")
        if not result.ok:
            raise CommandError("Some records or files were not imported (see the errors above).")
