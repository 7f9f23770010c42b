"""The `liaison` command: the operator's entry point (wraps Django's management commands).

liaison serve            run the web application
liaison migrate          create or upgrade the database
liaison createuser       add a user to an agency with roles
liaison createtoken      issue an API token for a system client acting as a user
liaison demo             load the demo agencies, units and accounts
liaison screen FILE      screen a list against the active notices (--as USERNAME)
liaison worker           run the background worker (screening runs)
liaison audit verify     recompute the audit chain and name the first broken record
liaison audit export     write the audit trail as CSV or JSON lines
liaison node …           this node's identity and keys, pairing and suspending partner nodes
liaison federation …     messages between nodes: offline packages (export, import), deliver, problems, retry
liaison fulltext rebuild  index again the documents of full-text search (--kind KIND)
liaison messages export  a message as a MISP event or a STIX 2.1 bundle (--format, --as USERNAME)
liaison <django command> any other Django management command (check, shell, createcachetable, …)
"""

from __future__ import annotations

import os
import sys

OPERATOR_COMMANDS = [
    ("serve", "Run the web application (development server, or gunicorn with --production)."),
    ("migrate", "Create or upgrade the database schema."),
    ("createuser", "Add a user to an agency, with roles; asks for or generates the password."),
    ("createtoken", "Issue an API token for a system client acting as a user (--read-only, --expires-in-days)."),
    ("demo", "Load the demo agencies, units and accounts (prints new logins once)."),
    ("audit", "Audit trail: 'verify' recomputes the hash chain, 'export' writes it out."),
    ("screen", "Screen a list (CSV or XLSX) against the active notices: liaison screen FILE --as USERNAME."),
    ("worker", "Run the background worker for the task queues (screening runs)."),
    ("desk-check", "Daily liaison-desk check: expire notices past validity, list overdue cases and reviews due."),
    ("legal-deadlines", "List the legal deadlines of open legal requests (--within DAYS, --fail-on-overdue)."),
    ("import-interpol", "Import INTERPOL public notices (JSON): liaison import-interpol FILE... --as USERNAME."),
    ("export-ftm", "Export persons, documents and notices as FollowTheMoney JSON lines: --as USERNAME."),
    ("node", "This node's identity and partners: init, card, pair, rotate-keys, suspend, resume, show."),
    ("federation", "Messages between nodes: export/import offline packages, deliver, problems, retry."),
    ("fulltext", "Full-text search index: 'rebuild' indexes again every document (--kind KIND), 'kinds' lists them."),
    ("messages", "Exchange messages: 'export REF --format misp|stix [-o FILE] --as USERNAME'."),
    ("check", "Check the configuration ('--deploy' for production settings)."),
]


def _usage() -> str:
    lines = ["usage: liaison <command> [options]   (liaison <command> --help for its options)", "", "commands:"]
    lines += [f"  {name:<16} {text}" for name, text in OPERATOR_COMMANDS]
    lines += ["", "Any other Django management command also works (liaison help --commands lists them)."]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    args = list(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "liaison.settings")
    if not args or args[0] in {"-h", "--help"}:
        print(_usage())
        return
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        execute_from_command_line(["liaison", *args])
    except ImproperlyConfigured as error:
        # a configuration mistake (a missing LIAISON_SECRET_KEY, a bad LIAISON_DATABASE_URL) is the operator's to
        # fix: say what is wrong, without a traceback
        print(f"liaison: configuration error: {error}", file=sys.stderr)
        sys.exit(2)


if __name__ == "__main__":
    main()
