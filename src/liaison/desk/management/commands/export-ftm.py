"""liaison export-ftm --as USERNAME [--output FILE.jsonl]

Write the FollowTheMoney export (desk/ftm/export.py) of what the officer may see: every person as a `Person`, their
identity documents as `Passport` or `Identification`, their issued notices as `Sanction`, one JSON entity a
line, for Aleph and yente. To standard output unless --output names a file (written whole, then moved into
place). The export is recorded in the audit trail as the officer on the channel 'cli'.
"""

from __future__ import annotations

import os
import tempfile
from collections import Counter
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from liaison.core import access, audit, context
from liaison.desk.ftm import export as ftm
from liaison.desk.models import Notice


class Command(BaseCommand):
    help = "Export persons, identity documents and notices as FollowTheMoney entities (JSON lines)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--as", dest="username", required=True, help="The officer exporting (a user name).")
        parser.add_argument("--output", "-o", help="Write to this file (default: standard output).")

    def handle(self, *args: Any, **options: Any) -> None:
        from liaison.agencies.models import User

        try:
            officer = User.objects.select_related("agency").get(username=options["username"], is_active=True)
        except User.DoesNotExist:
            raise CommandError(f"--as: no active user named {options['username']!r}") from None
        if not access.can(officer, Notice, access.VIEW):
            raise CommandError(f"{officer.username} may not see notices (desk.view).")
        counts: Counter[str] = Counter()
        output = options["output"]
        with context.channel(context.CHANNEL_CLI):
            if output:
                folder = os.path.dirname(os.path.abspath(output))
                handle, temporary = tempfile.mkstemp(dir=folder, prefix=".ftm-", suffix=".jsonl")
                try:
                    with os.fdopen(handle, "w", encoding="utf-8") as out:
                        self._write(officer, out, counts)
                    os.replace(temporary, output)
                except BaseException:
                    os.unlink(temporary)
                    raise
            else:
                self._write(officer, self.stdout, counts)
            with transaction.atomic():
                audit.record(
                    "ftm.export",
                    actor=officer,
                    after={"format": "followthemoney", "file": output or "-", "entities": dict(sorted(counts.items()))},
                )
        summary = ", ".join(f"{count} {schema}" for schema, count in sorted(counts.items())) or "nothing"
        self.stderr.write(f"FollowTheMoney export: {summary}{f' written to {output}' if output else ''}.")

    def _write(self, officer: Any, out: Any, counts: Counter[str]) -> None:
        import json

        for entity in ftm.entities(officer):
            counts[entity["schema"]] += 1
            out.write(json.dumps(entity, ensure_ascii=False, sort_keys=True) + "\n")
