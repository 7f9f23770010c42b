"""The INTERPOL public notice import on the staged import (core/importing.py): upload → preview → confirm, and
the `import-interpol` command.

`stage()` reads the files (format.py) into plain records for the session. `InterpolImport` converts each
record (convert.py), plans it by comparing with the recorded notices (reading.py, compare.py: reading only, so a
preview holds no lock) and writes it through the people and desk actions (apply.py). Re-importing is
idempotent: a record that says nothing new is unchanged and writes nothing. Each record is written in its own
transaction: a bad record is left out whole, the good ones are imported. The run is audited as
`notice.interpol_import`, every write by its action.

A notice may come in several records of one run (its entry on a list page, then its detail): the first creates
it, the later ones fill it in, and each of them is part of the creation (outcome "created", not "updated"). The
counts the pages, the command and the audit record give are of notices (`InterpolImport.notice_counts`): a
notice created from two records counts once; records not imported count each.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import asdict
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.utils.translation import gettext as _

from liaison.core import actions, audit, importing
from liaison.core.importing import CREATED, FAILED, UNCHANGED, UPDATED, Entry, Report, Staged
from liaison.desk.access import IMPORT_PERMISSION
from liaison.desk.interpol import apply, reading
from liaison.desk.interpol.compare import after, compare
from liaison.desk.interpol.convert import convert
from liaison.desk.interpol.format import Converted, Problem, RawRecord, RecordInvalid, read_file

SESSION_KEY = "desk.interpol_import"


def stage(files: Iterable[tuple[str, bytes]], *, kind: str = "") -> Staged:
    """Read the files (name, content): their records and problems as plain data, for the session."""
    terms = reading.terms()
    staged = Staged(files=[], records=[], options={"kind": kind})
    for name, content in files:
        parsed = read_file(name, content, kind=kind, terms=terms)
        staged.files.append(name)
        staged.records += [asdict(record) for record in parsed.records]
        staged.problems += parsed.problems
    return staged


class InterpolImport(importing.Importer):
    """Red and yellow notices of the importing officer's agency; `kind` is used where a file does not tell."""

    all_or_nothing = False

    def __init__(self, kind: str = "") -> None:
        self.kind = kind
        self.terms = reading.terms()
        self.duplicate_warnings: set[int] = set()  # ids of the warnings that only hold for a new record
        self.created_in_run: set[str] = set()  # the INTERPOL ids of the notices this run creates

    @staticmethod
    def notice_counts(report: Report) -> dict[str, int]:
        """What the run does, by notice: each INTERPOL id counted once, under the most it does to the notice
        (created, else updated, else unchanged); each record not imported counted."""
        rank = {CREATED: 3, UPDATED: 2, UNCHANGED: 1}
        by_notice: dict[str, str] = {}
        counts = dict.fromkeys(importing.OUTCOMES, 0)
        for entry in report.entries:
            if entry.outcome not in rank:
                counts[FAILED] += 1
            elif rank[entry.outcome] > rank.get(by_notice.get(entry.key, ""), 0):
                by_notice[entry.key] = entry.outcome
        for outcome in by_notice.values():
            counts[outcome] += 1
        return counts

    def check_allowed(self, actor: Any) -> None:
        actions.require(actor, IMPORT_PERMISSION)
        if getattr(actor, "agency_id", None) is None:
            raise PermissionDenied(_("The importing user belongs to no agency."))

    def validate(self, staged: Staged, *, actor: Any) -> list[Entry]:
        entries = []
        for item in staged.records:
            raw = RawRecord(**item)
            entry = Entry(file=raw.file, row=raw.index, key=raw.entity_id, kind=raw.kind, label=raw.label, record=item)
            try:
                converted = convert(raw, hint=self.kind, terms=self.terms)
            except RecordInvalid as invalid:
                entry.problems += invalid.problems
            else:
                entry.kind, entry.label, entry.data = converted.kind, converted.full_name, converted
                entry.problems += converted.warnings
            entries.append(entry)
        return entries

    def plan(self, entries: list[Entry], *, actor: Any) -> Iterator[Entry]:
        """Each record compared with the notice recorded under its id, or with the one an earlier record of
        the run creates or changes (as the import will find it)."""
        stored = reading.load(actor.agency_id, (entry.key for entry in entries))
        duplicates = reading.possible_duplicates([e for e in entries if e.key not in stored], actor=actor)
        for entry in entries:
            converted: Converted = entry.data
            current = stored.get(converted.entity_id)
            if current is None:
                problems = reading.model_problems(entry, converted, None, None)
                if not problems:
                    entry.outcome = CREATED
                    self.created_in_run.add(converted.entity_id)
                    found = duplicates.get((entry.file, entry.row), [])
                    self.duplicate_warnings.update(map(id, found))
                    entry.problems += found
                    stored[converted.entity_id] = reading.created(converted)
            else:
                changes = compare(current, converted)
                kind_problem = reading.kind_problem(entry, converted, current)
                problems = (
                    [kind_problem] if kind_problem else reading.model_problems(entry, converted, changes, current)
                )
                if not problems:
                    entry.changes = changes.fields
                    entry.outcome = self._outcome(entry, UPDATED if entry.changes else UNCHANGED)
                    stored[converted.entity_id] = after(current, converted, changes)
            if problems:
                entry.fail(problems)
            yield entry

    def _outcome(self, entry: Entry, outcome: str) -> str:
        """A record of a notice that an earlier record of this run creates is part of that creation."""
        return CREATED if entry.key in self.created_in_run else outcome

    def write(self, entry: Entry, *, actor: Any) -> None:
        apply.write(entry, actor)
        entry.outcome = self._outcome(entry, entry.outcome)
        if entry.outcome != CREATED:
            entry.problems = [p for p in entry.problems if id(p) not in self.duplicate_warnings]

    def refusal(self, entry: Entry, error: Exception) -> list[importing.Problem] | None:
        if isinstance(error, RecordInvalid):
            return list(error.problems)
        if isinstance(error, ValidationError):
            return list(importing.validation_problems(error, entry, problem=Problem, field_of=reading.source_field))
        if isinstance(error, IntegrityError):
            message = _("The notice was recorded meanwhile by another import: import the file again.")
            return [Problem(entry.file, entry.row, "entity_id", message, key=entry.key)]
        if isinstance(error, PermissionDenied):
            message = _("Not allowed: %(what)s") % {"what": error}
            return [Problem(entry.file, entry.row, "", message, key=entry.key)]
        return None

    def record_run(self, report: Report, staged: Staged, *, actor: Any) -> None:
        audit.record(
            "notice.interpol_import",
            actor=actor,
            after={
                "files": list(staged.files),
                "kind": self.kind,
                **self.notice_counts(report),
                "created_ids": sorted({e.object_id for e in report.entries if e.outcome == CREATED and e.object_id}),
                "updated_ids": sorted({e.object_id for e in report.entries if e.outcome == UPDATED and e.object_id}),
                "problems": [str(p) for p in report.problems][:200],
            },
        )
