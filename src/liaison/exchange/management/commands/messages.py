"""liaison messages export REFERENCE --format misp|stix [-o FILE] --as USERNAME

Write a message of the information exchange as a MISP event or a STIX 2.1 bundle (JSON): its codes as TLP / PAP
markings, its indicators and the linked persons the officer may see (exchange/actions/exporting.py). The officer
must be able to read the message; the export is recorded in the audit trail on the channel 'cli'. To standard
output unless -o names a file (written whole, then moved into place: a refused export leaves no file).
"""

from __future__ import annotations

import json
import os
import tempfile
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from liaison.core import context
from liaison.exchange.actions import do_export_message
from liaison.exchange.actions.exporting import FORMATS
from liaison.exchange.models import Message


def _text(error: ValidationError) -> str:
    return " ".join(str(message) for message in error.messages)


class Command(BaseCommand):
    help = "Exchange messages: 'export' writes a message as a MISP event or a STIX 2.1 bundle."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="operation", required=True, metavar="{export}")
        export = sub.add_parser("export", help="Write a message as a MISP event or a STIX 2.1 bundle (JSON).")
        export.add_argument("reference", help="The message's reference (as its page shows it).")
        export.add_argument("--format", dest="fmt", required=True, choices=sorted(FORMATS))
        export.add_argument("--output", "-o", help="Write to this file (default: standard output).")
        export.add_argument("--as", dest="username", required=True, help="The officer exporting (a user name).")

    def handle(self, *args: Any, **options: Any) -> None:
        from liaison.agencies.models import User

        try:
            officer = User.objects.select_related("agency").get(username=options["username"], is_active=True)
        except User.DoesNotExist:
            raise CommandError(f"--as: no active user named {options['username']!r}") from None
        reference = options["reference"]
        message = Message.objects.select_related("owner").filter(reference=reference).first()
        refused = CommandError(f"{officer.username} may not read a message {reference!r} (or there is none).")
        if message is None:
            raise refused
        with context.channel(context.CHANNEL_CLI):
            try:
                document = do_export_message(message, options["fmt"], actor=officer)
            except PermissionDenied:
                raise refused from None
            except ValidationError as error:
                raise CommandError(_text(error)) from None
        text = json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
        output = options["output"]
        if not output:
            self.stdout.write(text, ending="")
            return
        folder = os.path.dirname(os.path.abspath(output))
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".export-", suffix=".json")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(text)
            os.replace(temporary, output)
        except BaseException:
            os.unlink(temporary)
            raise
        self.stderr.write(f"{reference} exported as {options['fmt'].upper()} to {output}.")
