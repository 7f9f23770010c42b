"""The staged import: parse → validate → preview → apply, one pipeline for every kind of import.

1. **Parse** (the domain's reader: core/tabular/ for spreadsheets, desk/interpol/format.py for INTERPOL's
   JSON): the uploaded files become a `Staged`, plain records and the problems of the files themselves. It
   waits in the session between the upload and the confirmation (`stage`, `staged`, `unstage`: the one place
   that knows how), never on disk.
2. **Validate** (`Importer.validate`): each record becomes an `Entry` holding the data the domain's actions
   take, or its problems by file, row (or position and the record's own id) and field. Reads only.
3. **Preview** (`preview`): validate, then `Importer.plan` says what applying would do with each record
   (created, updated and which fields, unchanged) by reading the stored records and comparing, never by
   writing. It runs under a guard (`read_only`) that refuses any write, savepoint, transaction or row lock
   with `PreviewWrote`: a preview holds no lock, so previewing thousands of records never holds up the audited
   writes of the node (each of which locks the audit trail's head).
4. **Apply** (`apply`): validate and plan again (the register may have changed since the preview), then
   write each record through the domain's actions: all or nothing in one transaction (the default; a record
   an action refuses undoes the others and `Invalid` carries the report), or, where the importer says so
   (`all_or_nothing = False`), each record in its own transaction, a refused one left out and reported.
   `Importer.record_run` audits the run.

Importing this module does not import Django, so a reader without Django (desk/interpol/format.py) shares its
`Problem`; the functions that use the database import what they need when called.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator, Mapping, MutableMapping
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from typing import Any, ClassVar, TypeVar

ERROR, WARNING = "error", "warning"
CREATED, UPDATED, UNCHANGED, FAILED = "created", "updated", "unchanged", "failed"
OUTCOMES = (CREATED, UPDATED, UNCHANGED, FAILED)

Progress = Callable[["Entry"], None]
P = TypeVar("P", bound="Problem")


@dataclass
class Problem:
    """Something wrong in an input file: `row` is the record's row (a spreadsheet's row number, or a record's
    position in its file), 0 for the file itself; `key` the record's own id where it has one; `severity`
    error (the record is not imported) or warning (imported without that value)."""

    file: str
    row: int
    field: str
    message: str
    key: str = ""
    severity: str = ERROR

    unit: ClassVar[str] = "row"  # what `row` counts, in the plain-text form

    def __str__(self) -> str:
        where = self.file
        if self.row:
            where += f", {self.unit} {self.row}"
            if self.key:
                where += f" ({self.key})"
        return f"{where}, {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


@dataclass
class Staged:
    """What the upload read, as plain data: the files' names, their records (each a JSON object the importer
    understands), the problems of the files themselves, and what the officer chose on upload."""

    files: list[str]
    records: list[dict[str, Any]]
    problems: list[Problem] = field(default_factory=list)
    options: dict[str, Any] = field(default_factory=dict)


@dataclass
class Entry:
    """One record on its way through the stages."""

    file: str
    row: int
    key: str = ""  # the record's own id (an INTERPOL entity_id)
    kind: str = ""
    label: str = ""  # what the pages show of it (a name, a title)
    record: Mapping[str, Any] = field(default_factory=dict)  # the staged record, as read
    data: Any = None  # what validate made of it: the data the actions take
    outcome: str = ""  # CREATED, UPDATED, UNCHANGED or FAILED; "would be" in a preview
    changes: list[str] = field(default_factory=list)  # the fields an update changes
    problems: list[Problem] = field(default_factory=list)
    object_id: int | None = None  # the record written (after apply)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == WARNING]

    @property
    def failed(self) -> bool:
        return self.outcome == FAILED or bool(self.errors)

    def fail(self, problems: Iterable[Problem] = ()) -> None:
        """Mark the record as not imported (adding the problems that say why)."""
        self.problems += problems
        self.outcome = FAILED
        self.changes = []
        self.object_id = None


@dataclass
class Report:
    """What a preview found, or what an import did."""

    entries: list[Entry]
    file_problems: list[Problem] = field(default_factory=list)
    applied: bool = False

    @property
    def counts(self) -> dict[str, int]:
        found = dict.fromkeys(OUTCOMES, 0)
        for entry in self.entries:
            found[entry.outcome] += 1
        return found

    @property
    def problems(self) -> list[Problem]:
        return self.file_problems + [p for entry in self.entries for p in entry.problems]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == ERROR]

    @property
    def writes(self) -> int:
        """How many records the import creates or updates."""
        counts = self.counts
        return counts[CREATED] + counts[UPDATED]

    @property
    def ok(self) -> bool:
        """No file was refused and no record failed."""
        return not self.file_problems and not any(entry.failed for entry in self.entries)


class Invalid(Exception):
    """An all-or-nothing import wrote nothing: the report names the problems."""

    def __init__(self, report: Report) -> None:
        super().__init__("; ".join(str(p) for p in report.errors))
        self.report = report


class PreviewWrote(RuntimeError):
    """A preview (or a plan) tried to write, open a transaction or lock a row."""


class Importer(ABC):
    """One kind of import: how its records are checked, compared with the register and written."""

    all_or_nothing: ClassVar[bool] = True

    def check_allowed(self, actor: Any) -> None:  # noqa: B027 (most importers leave it to the actions)
        """Refuse (PermissionDenied) an actor who may not run this import at all, before anything is read."""

    @abstractmethod
    def validate(self, staged: Staged, *, actor: Any) -> list[Entry]:
        """Every staged record as an Entry: its data, or its problems by file, row and field. Reads only."""

    @abstractmethod
    def plan(self, entries: list[Entry], *, actor: Any) -> Iterator[Entry]:
        """Set each entry's outcome (and changes) as applying would, by reading and comparing; an entry that
        cannot be applied fails with its problems. Yields each entry once planned. Reads only."""

    @abstractmethod
    def write(self, entry: Entry, *, actor: Any) -> None:
        """Write one entry through the domain's actions (inside the transaction `apply` opens): set its
        outcome, changes and object_id."""

    @abstractmethod
    def record_run(self, report: Report, staged: Staged, *, actor: Any) -> None:
        """Audit the run (inside a transaction)."""

    def refusal(self, entry: Entry, error: Exception) -> list[Problem] | None:
        """The problems of an entry an action refused (by default: a ValidationError, by field), or None for
        an error that is no refusal of this record (it propagates)."""
        from django.core.exceptions import ValidationError

        if isinstance(error, ValidationError):
            return list(validation_problems(error, entry, problem=Problem))
        return None


def validation_problems(error: Any, entry: Entry, *, problem: type[P], field_of: Callable[[str], str] = str) -> list[P]:
    """A ValidationError as problems of the entry, by field (`field_of` names the field as the file does)."""
    if hasattr(error, "error_dict"):
        items = [(name, message) for name, messages in error.message_dict.items() for message in messages]
    else:
        items = [("__all__", message) for message in error.messages]
    return [problem(entry.file, entry.row, field_of(name), message, key=entry.key) for name, message in items]


# --- the stages ------------------------------------------------------------------------------------------
WRITES = re.compile(
    r"^\s*(?:INSERT|UPDATE|DELETE|REPLACE|MERGE|CREATE|DROP|ALTER|TRUNCATE|SAVEPOINT|RELEASE|ROLLBACK|BEGIN"
    r"|START|COMMIT|LOCK)\b|\bFOR\s+(?:NO\s+KEY\s+)?UPDATE\b|\bFOR\s+(?:KEY\s+)?SHARE\b",
    re.IGNORECASE,
)


@contextmanager
def read_only() -> Iterator[None]:
    """Refuse (PreviewWrote) every statement on this thread's connection that writes, opens a transaction or
    a savepoint, or locks rows: what runs inside holds no lock any writer could wait for."""
    from django.db import connection

    def guard(execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any) -> Any:
        if WRITES.search(sql):
            raise PreviewWrote(sql[:200])
        return execute(sql, params, many, context)

    with connection.execute_wrapper(guard):
        yield


def _validated(importer: Importer, staged: Staged, actor: Any, progress: Progress | None) -> list[Entry]:
    """Validate and plan, reading only; entries with errors are failed."""
    with read_only():
        entries = importer.validate(staged, actor=actor)
        for entry in entries:
            if entry.errors:
                entry.fail()
                if progress is not None:
                    progress(entry)
        for entry in importer.plan([e for e in entries if not e.failed], actor=actor):
            if progress is not None:
                progress(entry)
    return entries


def preview(importer: Importer, staged: Staged, *, actor: Any, progress: Progress | None = None) -> Report:
    """What applying the staged records would do, found by reading only (see the module docstring)."""
    importer.check_allowed(actor)
    return Report(_validated(importer, staged, actor, progress), list(staged.problems))


def _write(importer: Importer, entry: Entry, actor: Any) -> None:
    """Write one entry in its own transaction (a savepoint inside `apply`'s): a refused one leaves nothing."""
    from django.db import transaction

    try:
        with transaction.atomic():
            importer.write(entry, actor=actor)
    except Exception as error:
        problems = importer.refusal(entry, error)
        if problems is None:
            raise
        entry.fail(problems)


def apply(importer: Importer, staged: Staged, *, actor: Any, progress: Progress | None = None) -> Report:
    """Validate, plan and write the staged records through the importer; audited (see the module docstring)."""
    from django.db import transaction

    importer.check_allowed(actor)
    report = Report([], list(staged.problems))
    if importer.all_or_nothing:
        report.entries = _validated(importer, staged, actor, None)
        if not report.ok:
            raise Invalid(report)
        try:
            with transaction.atomic():
                for entry in report.entries:
                    _write(importer, entry, actor)
                    if progress is not None:
                        progress(entry)
                if not report.ok:
                    raise Invalid(report)
                importer.record_run(report, staged, actor=actor)
        except Invalid:
            for entry in report.entries:
                entry.object_id = None  # rolled back
            raise
    else:
        report.entries = _validated(importer, staged, actor, None)
        for entry in report.entries:
            if not entry.failed:
                _write(importer, entry, actor)
            if progress is not None:
                progress(entry)
        with transaction.atomic():
            importer.record_run(report, staged, actor=actor)
    report.applied = True
    return report


# --- the session between preview and confirmation --------------------------------------------------------
def stage(session: MutableMapping[str, Any], key: str, staged_: Staged) -> None:
    """Keep what the upload read in the session until the officer confirms (or uploads again)."""
    session[key] = {
        "files": list(staged_.files),
        "records": list(staged_.records),
        "problems": [asdict(problem) for problem in staged_.problems],
        "options": dict(staged_.options),
    }


def staged(session: Mapping[str, Any], key: str, *, problem: type[Problem] = Problem) -> Staged | None:
    """What `stage` kept, or None when there is nothing (or nothing usable) in the session."""
    stored = session.get(key)
    if not isinstance(stored, dict) or not {"files", "records", "problems", "options"} <= stored.keys():
        return None
    try:
        problems = [problem(**item) for item in stored["problems"]]
    except TypeError:
        return None
    return Staged(
        files=list(stored["files"]),
        records=list(stored["records"]),
        problems=problems,
        options=dict(stored["options"]),
    )


def unstage(session: MutableMapping[str, Any], key: str) -> None:
    """Forget what was staged (after the import, or when it is abandoned)."""
    session.pop(key, None)
