from __future__ import annotations

import getpass
import secrets
import sys
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from liaison.agencies import actions
from liaison.agencies.models import Agency, Role, User
from liaison.agencies.system import system_actor
from liaison.core import context
from liaison.core.permissions import ROLE_CHOICES


class Command(BaseCommand):
    help = "Add a user to an agency with roles. The password is asked for, read from standard input, or generated."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument(
            "--agency", required=True, help="Agency code, e.g. VN-MPS (see 'liaison demo' or the agency list)."
        )
        parser.add_argument(
            "--role",
            action="append",
            default=[],
            choices=[code for code, _ in ROLE_CHOICES],
            help="Role to grant (repeat for several).",
        )
        parser.add_argument("--first-name", default="")
        parser.add_argument("--last-name", default="")
        parser.add_argument("--email", default="")
        parser.add_argument("--password-stdin", action="store_true", help="Read the password from standard input.")
        parser.add_argument("--generate-password", action="store_true", help="Generate a password and print it once.")

    def handle(self, *args: Any, **options: Any) -> None:
        agency = Agency.objects.filter(code=options["agency"]).first()
        if agency is None:
            known = (
                ", ".join(Agency.objects.values_list("code", flat=True)) or "none yet: run 'liaison demo' or add one"
            )
            raise CommandError(f"--agency: no agency with code {options['agency']!r} (known: {known}).")
        if User.objects.filter(username=options["username"]).exists():
            raise CommandError(f"username: {options['username']!r} is already taken.")
        if options["generate_password"]:
            password = generate_password()
        elif options["password_stdin"]:
            password = sys.stdin.readline().rstrip("\n")
        elif sys.stdin.isatty():
            password = getpass.getpass("Password: ")
            if password != getpass.getpass("Password (again): "):
                raise CommandError("The two passwords differ.")
        else:
            raise CommandError("No password: use --password-stdin, --generate-password, or run in a terminal.")
        roles = list(Role.objects.filter(code__in=options["role"]))
        data = {
            "username": options["username"],
            "agency": agency,
            "first_name": options["first_name"],
            "last_name": options["last_name"],
            "email": options["email"],
            "roles": roles,
        }
        with context.channel(context.CHANNEL_CLI), transaction.atomic():
            try:
                user = actions.do_create_user(data, password=password, actor=system_actor())
            except ValidationError as error:
                raise CommandError(
                    "; ".join(f"{k}: {' '.join(v)}" for k, v in error.message_dict.items())
                    if hasattr(error, "error_dict")
                    else "password: " + " ".join(error.messages)
                ) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Created {user.username} ({agency.code}; roles: {', '.join(options['role']) or 'none'})."
            )
        )
        if options["generate_password"]:
            self.stdout.write(f"Password (shown once): {password}")


def generate_password() -> str:
    # Four character classes guaranteed, 20 characters.
    alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    body = "".join(secrets.choice(alphabet) for _ in range(17))
    return body + secrets.choice("ABCDEFGHJKLMNPQRSTUVWXYZ") + secrets.choice("23456789") + secrets.choice("-_.!")
