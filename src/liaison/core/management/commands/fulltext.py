from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from liaison.core import fulltext
from liaison.core.fulltext import sources
from liaison.core.registry import NotRegistered


class Command(BaseCommand):
    help = (
        "Full-text search index. 'rebuild' indexes again every document of the kinds the apps register "
        "(--kind KIND: of that kind only), e.g. after restoring a backup or changing the text processing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="operation", required=True, metavar="{rebuild,kinds}")
        rebuild = sub.add_parser("rebuild", help="Index again every registered document (or those of --kind).")
        rebuild.add_argument("--kind", help="Only this kind of document (e.g. exchange.message).")
        sub.add_parser("kinds", help="List the kinds of document the installed apps index.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["operation"] == "kinds":
            for source in sources.sources():
                self.stdout.write(source.kind)
            return
        try:
            counts = fulltext.rebuild(options.get("kind"))
        except NotRegistered:
            known = ", ".join(source.kind for source in sources.sources()) or "none"
            raise CommandError(f"No app indexes documents of the kind {options['kind']!r} (known: {known}).") from None
        for kind, count in counts.items():
            self.stdout.write(f"{kind}: {count} documents indexed")
        if not counts:
            self.stdout.write("No app registers documents for full-text search.")
