from __future__ import annotations

import getpass
import sys
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from liaison.agencies import actions
from liaison.agencies.management.commands.createuser import generate_password
from liaison.agencies.models import User
from liaison.agencies.system import system_actor
from liaison.core import context


class Command(BaseCommand):
    help = "Set a user's password (audited; signs the user out of every session)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--password-stdin", action="store_true", help="Read the password from standard input.")
        parser.add_argument("--generate-password", action="store_true", help="Generate a password and print it once.")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"username: no user {options['username']!r}.")
        if options["generate_password"]:
            password = generate_password()
        elif options["password_stdin"]:
            password = sys.stdin.readline().rstrip("\n")
        elif sys.stdin.isatty():
            password = getpass.getpass("New password: ")
            if password != getpass.getpass("New password (again): "):
                raise CommandError("The two passwords differ.")
        else:
            raise CommandError("No password: use --password-stdin, --generate-password, or run in a terminal.")
        with context.channel(context.CHANNEL_CLI):
            try:
                actions.do_set_password(user, password, actor=system_actor())
            except ValidationError as error:
                raise CommandError("password: " + " ".join(error.messages)) from None
        self.stdout.write(self.style.SUCCESS(f"Password of {user.username} changed; their sessions are ended."))
        if options["generate_password"]:
            self.stdout.write(f"Password (shown once): {password}")
