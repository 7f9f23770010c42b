"""liaison federation: messages between this node and its partner nodes.

liaison federation export --to NODE -o FILE    every pending message for NODE (its id or the code of an agency
                                               it serves) in one signed, encrypted package
liaison federation import FILE [-o REPLY]      apply a package (idempotent); a package of messages writes the
                                               receipts package to carry back (default FILE.receipts)
liaison federation deliver                     attempt every message due now (the worker does this by itself)
liaison federation problems                    refused and failed messages, with the reason
liaison federation retry ID                    send (or apply) a refused or failed message again
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import Q

from liaison.agencies.system import system_actor
from liaison.core import context
from liaison.federation import actions, delivery, keys, packages
from liaison.federation.choices import Direction, EnvelopeState
from liaison.federation.management.commands.node import _errors, find_partner
from liaison.federation.models import Envelope


class Command(BaseCommand):
    help = "Messages between nodes: export, import (offline packages), deliver, problems, retry."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="operation", required=True)
        export = sub.add_parser("export", help="Write every pending message for a partner node into one package.")
        export.add_argument("--to", required=True, help="Partner node id or the code of an agency it serves.")
        export.add_argument("-o", "--output", required=True)
        imported = sub.add_parser("import", help="Apply a package; write the receipts package to carry back.")
        imported.add_argument("file")
        imported.add_argument("-o", "--output", default="", help="Receipts package (default: FILE.receipts).")
        sub.add_parser("deliver", help="Attempt every message due now.")
        sub.add_parser("problems", help="Refused and failed messages, with the reason.")
        retry = sub.add_parser("retry", help="Send or apply a refused or failed message again.")
        retry.add_argument("id", help="The message id (or its number on this node).")

    def handle(self, *args: Any, **options: Any) -> None:
        actor = system_actor("federation")
        try:
            with context.channel(context.CHANNEL_CLI):
                getattr(self, "do_" + options["operation"])(options, actor)
        except ValidationError as error:
            raise CommandError(_errors(error)) from None
        except (keys.NodeNotInitialised, packages.PackageError) as error:
            raise CommandError(str(error)) from None

    def do_export(self, options: dict[str, Any], actor: Any) -> None:
        partner = find_partner(options["to"])
        text, count = actions.do_export_package(partner, actor=actor)
        Path(options["output"]).write_text(text, encoding="ascii")
        self.stdout.write(
            self.style.SUCCESS(f"{count} message(s) for {partner.node_id} written to {options['output']}.")
        )

    def do_import(self, options: dict[str, Any], actor: Any) -> None:
        try:
            text = Path(options["file"]).read_text(encoding="ascii")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"{options['file']}: not a readable package ({error}).") from None
        result = actions.do_import_package(text, actor=actor)
        if result.kind == packages.MESSAGES:
            output = options["output"] or options["file"] + ".receipts"
            Path(output).write_text(result.reply, encoding="ascii")
            self.stdout.write(
                self.style.SUCCESS(
                    f"From {result.partner.node_id}: {result.applied} applied, {result.duplicates} already applied, "
                    f"{result.refused} refused. Carry {output} back to {result.partner.node_id}."
                )
            )
            for problem in result.problems:
                self.stdout.write(f"  refused {problem}")
        else:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Receipts from {result.partner.node_id}: {result.receipts} delivered, {result.refused} refused."
                )
            )

    def do_deliver(self, options: dict[str, Any], actor: Any) -> None:
        with context.channel(context.CHANNEL_JOB):
            counts = delivery.sweep()
        self.stdout.write(", ".join(f"{n} {what}" for what, n in sorted(counts.items())) or "Nothing due.")

    def do_problems(self, options: dict[str, Any], actor: Any) -> None:
        problems = Envelope.objects.filter(
            Q(state__in=[EnvelopeState.REFUSED, EnvelopeState.FAILED])
            | Q(direction=Direction.OUT, state=EnvelopeState.PENDING, attempts__gt=0)
        ).order_by("created")
        for envelope in problems:
            self.stdout.write(
                f"{envelope.envelope_id} {envelope.direction} {envelope.kind} {envelope.partner.node_id} "
                f"[{envelope.state}, {envelope.attempts} attempt(s)] {envelope.last_error}"
            )
        if not problems:
            self.stdout.write("No refused or failed message.")

    def do_retry(self, options: dict[str, Any], actor: Any) -> None:
        text = options["id"]
        envelope = Envelope.objects.filter(envelope_id=text).order_by("direction").first()
        if envelope is None and text.isdigit():
            envelope = Envelope.objects.filter(pk=int(text)).first()
        if envelope is None:
            raise CommandError(f"No message {text!r}.")
        envelope = actions.do_retry_envelope(envelope, actor=actor)
        self.stdout.write(self.style.SUCCESS(f"{envelope.envelope_id}: {envelope.state}."))
