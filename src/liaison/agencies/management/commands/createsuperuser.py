from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Not used in Liaison: use 'liaison createuser NAME --agency CODE --role node_admin'."

    def handle(self, *args: Any, **options: Any) -> None:
        raise CommandError(
            "Liaison has no superuser. Create a node administrator, which is audited and belongs to an agency:\n"
            "  liaison createuser NAME --agency VN-MPS --role node_admin --role supervisor"
        )
