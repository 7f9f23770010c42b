from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from liaison.agencies import actions
from liaison.agencies.models import User
from liaison.agencies.system import system_actor
from liaison.core import context


class Command(BaseCommand):
    help = (
        "Issue an API token for a system client acting as USERNAME (docs/decisions/0018-api-tokens.md) and print "
        "its key once. A user whose role requires a second factor gets one only from a session verified with the "
        "authenticator code (the API tokens page)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--name", required=True, help="What the token is for, e.g. 'import job'.")
        parser.add_argument("--read-only", action="store_true", help="The token only reads.")
        parser.add_argument(
            "--expires-in-days", type=int, default=None, help="Days until it stops working (default: until revoked)."
        )
        parser.add_argument("--key-only", action="store_true", help="Print the key alone (for scripts).")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["username"], is_active=True).first()
        if user is None:
            raise CommandError(f"username: no active user {options['username']!r}.")
        days = options["expires_in_days"]
        expires_at = timezone.now() + timedelta(days=days) if days is not None else None
        with context.channel(context.CHANNEL_CLI):
            try:
                token, key = actions.do_create_api_token(
                    user,
                    name=options["name"],
                    read_only=options["read_only"],
                    expires_at=expires_at,
                    actor=system_actor(),
                )
            except actions.SecondFactorRequired:
                raise CommandError(
                    f"{user.username}'s role requires a second factor: create the token from a session verified "
                    "with the authenticator code (the API tokens page)."
                ) from None
            except ValidationError as error:
                raise CommandError("; ".join(f"{k}: {' '.join(v)}" for k, v in error.message_dict.items())) from None
        if options["key_only"]:
            self.stdout.write(key)
            return
        access = "read only" if token.read_only else "read and write"
        self.stdout.write(self.style.SUCCESS(f"Created the token {token.name!r} for {user.username} ({access})."))
        self.stdout.write(f"Key (shown once): {key}")
