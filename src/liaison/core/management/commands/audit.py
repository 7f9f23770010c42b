from __future__ import annotations

import csv
import json
import os
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from tqdm import tqdm

from liaison.agencies.system import system_actor
from liaison.core import audit, audit_anchor, context
from liaison.core.models import AuditEvent
from liaison.core.tables import export_cell


class Command(BaseCommand):
    help = (
        "Audit trail. 'verify' recomputes the hash chain and the keyed hashes and names the first broken record "
        "(--checkpoint FILE: and checks that the chain still holds the checkpoint's record); 'checkpoint' writes a "
        "signed checkpoint for the supervisors' archive; 'seal' keys the records written before keyed hashing "
        "(once, after upgrading); 'export' writes the trail."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="operation", required=True, metavar="{verify,checkpoint,seal,export}")
        verify = sub.add_parser(
            "verify", help="Recompute the hash chain; exit status 1 and the first broken record if altered."
        )
        verify.add_argument(
            "--checkpoint",
            action="append",
            default=[],
            metavar="FILE",
            help="A checkpoint written by 'audit checkpoint': the chain must still hold its record (repeatable).",
        )
        checkpoint = sub.add_parser(
            "checkpoint", help="Verify the chain, then write a signed checkpoint of its last record to a file."
        )
        checkpoint.add_argument("--output", "-o", required=True, help="File to write ('-' for standard output).")
        sub.add_parser("seal", help="Key the records written before keyed hashing (once, after the upgrade).")
        export = sub.add_parser(
            "export", help="Write the audit trail (CSV or JSON lines) to a file or standard output."
        )
        export.add_argument("--format", choices=["csv", "jsonl"], default="jsonl")
        export.add_argument("--output", "-o", default="-", help="File to write ('-' for standard output).")

    def handle(self, *args: Any, **options: Any) -> None:
        operation = options["operation"]
        if operation == "verify":
            self.verify(options["checkpoint"])
        elif operation == "checkpoint":
            self.checkpoint(options["output"])
        elif operation == "seal":
            self.seal()
        else:
            self.export(options["format"], options["output"])

    def _verified(self, *, unkeyed_prefix: bool = False) -> audit.VerifyResult:
        total = AuditEvent.objects.count()
        show = sys.stderr.isatty()
        with tqdm(total=total, unit="rec", disable=not show, desc="verifying") as bar:
            result = audit.verify(progress=bar.update, unkeyed_prefix=unkeyed_prefix)
        if not result.ok:
            raise CommandError(
                f"Audit trail BROKEN at record #{result.broken_seq}: {result.reason}. "
                f"{result.checked} records before it verified."
            )
        return result

    def verify(self, checkpoints: list[str]) -> None:
        # The checkpoints are read (and their signatures checked) before the long walk through the chain.
        anchors = [(path, self._read_checkpoint(path)) for path in checkpoints]
        result = self._verified()
        self.stdout.write(self.style.SUCCESS(f"Audit trail intact: {result.checked} records verified."))
        for path, anchor in anchors:
            if not audit.holds(anchor["seq"], anchor["hash"]):
                raise CommandError(
                    f"Audit trail BROKEN: it no longer holds record #{anchor['seq']} with the hash of checkpoint "
                    f"{path} (made {anchor.get('created_at', '?')}): the chain was rewritten or cut after the "
                    "checkpoint."
                )
            self.stdout.write(
                self.style.SUCCESS(f"Checkpoint {path}: the chain still holds record #{anchor['seq']} with its hash.")
            )

    def _read_checkpoint(self, path: str) -> dict[str, Any]:
        try:
            with open(path, encoding="utf-8") as stream:
                return audit_anchor.read_checkpoint(stream.read())
        except OSError as error:
            raise CommandError(f"Checkpoint {path}: {error.strerror or error}.") from None
        except audit_anchor.CheckpointError as error:
            raise CommandError(f"Checkpoint {path} refused: {error}.") from None

    def checkpoint(self, output: str) -> None:
        self._verified()
        head = AuditEvent.objects.order_by("-seq").first()
        if head is None:
            raise CommandError("The audit trail is empty: there is nothing to checkpoint yet.")
        text = json.dumps(audit_anchor.make_checkpoint(head.seq, head.hash), indent=2, sort_keys=True) + "\n"
        if output == "-":
            self.stdout.write(text, ending="")
        else:
            try:
                with open(output, "x", encoding="utf-8") as stream:  # never over an archived checkpoint
                    stream.write(text)
            except OSError as error:
                raise CommandError(f"Cannot write the checkpoint to {output}: {error.strerror or error}.") from None
        with context.channel(context.CHANNEL_CLI), transaction.atomic():
            audit.record(
                "audit.checkpoint",
                actor=system_actor(),
                after={"seq": head.seq, "hash": head.hash, "file": os.path.basename(output)},
            )
        self.stderr.write(f"Checkpoint of record #{head.seq} written to {output}: keep it off this machine.")

    def seal(self) -> None:
        result = self._verified(unkeyed_prefix=True)
        if not result.unkeyed:
            raise CommandError("Every audit record carries its keyed hash already: nothing to seal.")
        with context.channel(context.CHANNEL_CLI):
            keyed = audit.seal(result.unkeyed, actor=system_actor())
        self.stdout.write(
            self.style.SUCCESS(f"Keyed {keyed} records written before keyed hashing (#1–#{result.unkeyed}).")
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
            "mac",
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
