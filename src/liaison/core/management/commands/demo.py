from __future__ import annotations

from importlib import import_module
from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from liaison.agencies.system import system_actor
from liaison.core import context


class Command(BaseCommand):
    help = (
        "Load the demo data of every capability (agencies, units, accounts, …). Safe to run again: "
        "existing records are kept; new demo accounts' passwords are printed once."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        actor = system_actor("demo")
        with context.channel(context.CHANNEL_CLI):
            for config in apps.get_app_configs():
                if not config.name.startswith("liaison."):
                    continue
                try:
                    module = import_module(f"{config.name}.demo")
                except ModuleNotFoundError as error:
                    if error.name == f"{config.name}.demo":
                        continue
                    raise
                with transaction.atomic():
                    module.load(actor, self.stdout.write)
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
