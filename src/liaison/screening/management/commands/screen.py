"""liaison screen FILE --as USERNAME: screen a list in this process, the same run as the pages start.

The file is stored as a screening list of the officer's agency (as an upload would be), its columns mapped
from the header names (or --map FIELD=COLUMN, repeated; `--map name=A --map name=B` maps two name columns),
and screened by the same code the background task runs (engine.execute_run), with a progress bar on a
terminal. The run, its hits and its problems stay in the register, so the hits can be decided on the pages.
Every write is audited as the officer on the channel 'cli'.

Exit status: 0 when the run finished, 1 when it could not start or failed.
"""

from __future__ import annotations

import csv
import os
import sys
import time
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.core.management.base import BaseCommand, CommandError, CommandParser

from liaison.core import context
from liaison.core.tables import export_cell
from liaison.people.explain import evidence_items
from liaison.screening import actions, engine, reading
from liaison.screening.mapping import FIELDS, NAME
from liaison.screening.models import Hit, ListKind, RunStatus


def _messages(error: ValidationError) -> str:
    if hasattr(error, "error_dict"):
        return "; ".join(
            f"{field}: {' '.join(str(m) for m in messages)}" for field, messages in error.message_dict.items()
        )
    return " ".join(str(m) for m in error.messages)


class Command(BaseCommand):
    help = "Screen a list (CSV or XLSX) against the persons of the agency's active notices, in this process."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="The list: CSV (any common encoding) or XLSX.")
        parser.add_argument("--as", dest="username", required=True, help="The officer screening (a user name).")
        parser.add_argument("--name", default="", help="Name of the list (default: the file name).")
        parser.add_argument("--kind", default=ListKind.ARRIVALS, choices=ListKind.values, help="Kind of list.")
        parser.add_argument(
            "--map",
            dest="mapping",
            action="append",
            default=[],
            metavar="FIELD=COLUMN",
            help=f"Which column holds a field ({', '.join(FIELDS)}); repeat for several name columns.",
        )
        parser.add_argument("--threshold", type=float, default=None, help="Score a hit needs (default 0.70).")
        parser.add_argument(
            "--dob-policy",
            choices=["strict", "unreliable"],
            default="strict",
            help="strict (default): a namesake born on another date is not raised; unreliable: the list's dates of "
            "birth may be false (intelligence-led), such hits are kept and ranked lower.",
        )
        parser.add_argument(
            "--encoding",
            default="auto",
            choices=[value for value, _label in reading.ENCODINGS],
            help="Text encoding of a CSV file (default: detect).",
        )
        parser.add_argument("--output", "-o", help="Write the hits to this CSV file.")
        parser.add_argument("--jobs", type=int, default=None, help="Worker processes (default: one per core).")
        parser.add_argument("--no-progress", action="store_true", help="No progress bar.")

    def handle(self, *args: Any, **options: Any) -> None:
        from liaison.agencies.models import User

        path = options["file"]
        if not os.path.isfile(path):
            raise CommandError(f"{path}: no such file")
        try:
            officer = User.objects.select_related("agency").get(username=options["username"], is_active=True)
        except User.DoesNotExist:
            raise CommandError(f"--as: no active user named {options['username']!r}") from None
        overrides = self._overrides(options["mapping"])
        with context.channel(context.CHANNEL_CLI):
            try:
                with open(path, "rb") as handle:
                    screening_list = actions.do_upload_list(
                        File(handle, name=os.path.basename(path)),
                        name=options["name"],
                        kind=options["kind"],
                        encoding=options["encoding"],
                        actor=officer,
                    )
                if overrides:
                    mapping = {**screening_list.mapping, **overrides}
                    screening_list = actions.do_map_list(screening_list, mapping, actor=officer)
                run = actions.do_start_run(
                    screening_list,
                    threshold=options["threshold"],
                    dob_policy=options["dob_policy"],
                    actor=officer,
                    background=False,
                )
            except ValidationError as error:
                raise CommandError(_messages(error)) from None
            except PermissionDenied as error:
                raise CommandError(f"{officer.username} may not screen lists ({error}).") from None
            self._describe(screening_list)
            started = time.monotonic()
            show = sys.stderr.isatty() and not options["no_progress"]
            from tqdm import tqdm

            with tqdm(total=screening_list.row_count, unit="row", disable=not show, desc="screening") as bar:
                run = engine.execute_run(run, on_rows=bar.update, jobs=options["jobs"])
            elapsed = time.monotonic() - started
        self._summary(run, elapsed)
        if options["output"]:
            count = self._write_hits(run, options["output"])
            self.stdout.write(f"Hits written to {options['output']} ({count}).")
        if run.status != RunStatus.FINISHED:
            raise CommandError(f"The run failed: {run.error}")

    def _overrides(self, items: list[str]) -> dict[str, Any]:
        found: dict[str, Any] = {}
        for item in items:
            field, sep, column = item.partition("=")
            field = field.strip()
            if not sep or not field or field not in FIELDS:
                raise CommandError(f"--map {item!r}: use FIELD=COLUMN with FIELD one of {', '.join(FIELDS)}")
            if field == NAME:
                found.setdefault(NAME, []).append(column)
            else:
                found[field] = column
        return found

    def _describe(self, screening_list: Any) -> None:
        self.stdout.write(
            f"List #{screening_list.pk} “{screening_list.name}”: {screening_list.row_count} rows, "
            f"{len(screening_list.columns)} columns"
            + (f", read as {screening_list.encoding}" if screening_list.encoding else "")
            + "."
        )
        for field in FIELDS:
            value = screening_list.mapping.get(field)
            if value:
                self.stdout.write(f"  {field:<16} ← {' + '.join(value) if isinstance(value, list) else value}")

    def _summary(self, run: Any, elapsed: float) -> None:
        rate = run.rows_done / elapsed if elapsed > 0 else 0.0
        screened = run.rows_done - run.rows_skipped
        self.stdout.write(
            f"Run #{run.pk} {run.status}: {run.rows_done} of {run.rows_total} rows "
            f"({screened} screened, {run.rows_skipped} without a name) against {run.references} persons of active "
            f"notices, threshold {run.threshold}, {run.algorithm}."
        )
        self.stdout.write(
            f"  hits {run.hit_count} · left out by earlier 'not the person' decisions {run.suppressed_count} · "
            f"problems in rows {run.bad_row_count} · {elapsed:.1f} s · {rate:,.0f} rows/s"
        )
        for problem in run.bad_rows:
            column = f" ({problem['column']})" if problem.get("column") else ""
            state = "" if problem.get("screened") else " — not screened"
            self.stdout.write(f"  row {problem['row']}, {problem['field']}{column}: {problem['message']}{state}")
        if run.bad_row_count > len(run.bad_rows):
            self.stdout.write(f"  … and {run.bad_row_count - len(run.bad_rows)} more problems")

    def _write_hits(self, run: Any, output: str) -> int:
        hits = Hit.objects.filter(run=run).select_related("person", "notice").order_by("-score", "row_number", "pk")
        count = 0
        with open(output, "w", encoding="utf-8-sig", newline="") as stream:
            writer = csv.writer(stream)
            writer.writerow(
                [
                    "row",
                    "row_id",
                    "listed_names",
                    "listed_birth_date",
                    "listed_nationality",
                    "listed_document",
                    "person_id",
                    "person",
                    "notice_id",
                    "score",
                    "algorithm",
                    "explanation",
                    "hit_id",
                ]
            )
            for hit in hits.iterator(chunk_size=500):
                row = hit.row or {}
                writer.writerow(
                    export_row(
                        hit.row_number,
                        hit.row_id,
                        " | ".join(row.get("names") or []),
                        row.get("birth_date", ""),
                        row.get("nationality", ""),
                        row.get("document_number", ""),
                        hit.person_id,
                        hit.person.display_name,
                        hit.notice_id or "",
                        f"{hit.score:.4f}",
                        hit.algorithm,
                        "; ".join(f"{item['weight']} {item['text']}" for item in evidence_items(hit.explanation)),
                        hit.pk,
                    )
                )
                count += 1
        return count


def export_row(*values: Any) -> list[Any]:
    """A CSV row whose text cells cannot start a formula in a spreadsheet (core.tables.export_cell): the listed
    names come from an uploaded list."""
    return [export_cell(value) for value in values]
