from __future__ import annotations

import csv
import json
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from liaison.core import audit
from liaison.core.models import AuditEvent
from liaison.core.tables import export_cell


class Command(BaseCommand):
    help = (
        "Audit trail. 'verify' recomputes the hash chain and names the first broken record; 'export' writes the trail."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="operation", required=True, metavar="{verify,export}")
        sub.add_parser("verify", help="Recompute the hash chain; exit status 1 and the first broken record if altered.")
        export = sub.add_parser(
            "export", help="Write the audit trail (CSV or JSON lines) to a file or standard output."
        )
        export.add_argument("--format", choices=["csv", "jsonl"], default="jsonl")
        export.add_argument("--output", "-o", default="-", help="File to write ('-' for standard output).")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["operation"] == "verify":
            self.verify()
        else:
            self.export(options["format"], options["output"])

    def verify(self) -> None:
        total = AuditEvent.objects.count()
        show = sys.stderr.isatty()
        with tqdm(total=total, unit="rec", disable=not show, desc="verifying") as bar:
            result = audit.verify(progress=bar.update)
        if result.ok:
            self.stdout.write(self.style.SUCCESS(f"Audit trail intact: {result.checked} records verified."))
            return
        raise CommandError(
            f"Audit trail BROKEN at record #{result.broken_seq}: {result.reason}. "
            f"{result.checked} records before it verified."
        )

    def export(self, fmt: str, output: str) -> None:
        stream = sys.stdout if output == "-" else open(output, "w", encoding="utf-8", newline="")  # noqa: SIM115
        fields = [
            "seq",
            "occurred_at",
            "actor_name",
            "agency_id",
            "action",
            "object_type",
            "object_id",
            "object_repr",
            "before",
            "after",
            "request_id",
            "channel",
            "ip_address",
            "prev_hash",
            "hash",
        ]
        try:
            writer = csv.writer(stream) if fmt == "csv" else None
            if writer:
                writer.writerow(fields)
            for event in AuditEvent.objects.order_by("seq").iterator(chunk_size=2000):
                row = {f: getattr(event, f) for f in fields}
                row["occurred_at"] = event.occurred_at.isoformat()
                if writer:
                    writer.writerow(
                        [
                            export_cell(json.dumps(row[f], ensure_ascii=False) if f in {"before", "after"} else row[f])
                            for f in fields
                        ]
                    )
                else:
                    stream.write(json.dumps(row, ensure_ascii=False) + "\n")
        finally:
            if stream is not sys.stdout:
                stream.close()
