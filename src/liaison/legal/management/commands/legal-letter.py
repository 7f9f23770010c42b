"""liaison legal-letter REF [--language ru] [--format pdf] -o FILE: the request letter of the home agency's outgoing
legal request REF (our reference), generated now as a draft in the language (the treaty's first by default) and
format asked, written to FILE ("-" for standard output). Signing off is done by an officer, on the request's page
or through the API (docs/decisions/0047-request-letter.md).

Reads only. Exit status 0, or an error that says what is wrong.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from liaison.agencies.system import system_actor
from liaison.core.views import error_messages
from liaison.legal import letter
from liaison.legal.models import LegalRequest


class Command(BaseCommand):
    help = "Write the request letter of an outgoing legal request as PDF or DOCX (a draft, not signed off)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("reference", help="Our reference of the request, e.g. LR-VN-MPS-2026-0001.")
        parser.add_argument("--language", choices=letter.LANGUAGES, default=None,
                            help="Language of the letter; the first the treaty accepts when left out.")  # fmt: skip
        parser.add_argument("--format", choices=sorted(letter.FORMATS), default="pdf", dest="fmt")
        parser.add_argument("-o", "--output", required=True, help="File to write, or - for standard output.")

    def handle(self, *args: Any, **options: Any) -> None:
        actor = system_actor("legal-letter")
        if actor.agency is None:
            raise CommandError("No home agency on this node: set LIAISON_HOME_AGENCY and load the directory.")
        reference = options["reference"].strip()
        legal_request = LegalRequest.objects.filter(owner=actor.agency, reference=reference).first()
        if legal_request is None:
            raise CommandError(f"{reference}: no legal request of {actor.agency.code} has this reference.")
        try:
            content, _name, _type = letter.generate(legal_request, options["language"], options["fmt"], actor=actor)
        except ValidationError as error:
            raise CommandError(f"{reference}: " + " ".join(error_messages(error))) from error
        output = options["output"]
        if output == "-":
            sys.stdout.buffer.write(content)
            return
        try:
            Path(output).write_bytes(content)
        except OSError as error:
            raise CommandError(f"{output}: cannot write the letter ({error.strerror}).") from error
        self.stderr.write(f"{reference}: {len(content)} bytes written to {output}")
