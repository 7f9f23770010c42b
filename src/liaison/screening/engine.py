"""Running a screening: the one code path of the background task (tasks.py) and of `liaison screen`.

`execute_run(run)`:
1. takes the queued run (a run already started is left alone, so a task delivered twice screens once) and
   marks it running;
2. checks that the officer who asked may still screen, that the stored file still has the SHA-256 recorded
   on upload and that its header is the one mapped;
3. builds a `namematch.Index` of the persons of the active notices the officer's agency may see (its own
   and those shared with it), which the desk names (`desk.queries.wanted_person_ids`, and the notice each
   hit cites: `desk.queries.notices_to_cite`), one record per person as `people.matching` builds it;
4. reads the rows lazily and screens them (`namematch.parallel.screen_records`, forked workers sharing the
   index when the list is long enough and the machine has more than one core); each row's problems are
   collected while the row is still screened;
5. every few hundred rows (or two seconds) commits the new hits, the progress counters and the heartbeat
   together, so the run page's progress bar moves and what it shows is always committed; at each commit it
   stops (RunStopped, writing nothing) when the run was cancelled or re-queued by a worker's sweep
   (recovery.py: its heartbeat went stale); a re-queued run resumes after its last committed row;
6. leaves out hits on a (person, listed identity) pair the agency already ruled "not the person"
   (`suppressed_count`);
7. finishes the run (or marks it failed with the error; hits already written stay, the run says failed)
   and audits the finish, as the requesting officer on the caller's channel (job or cli).
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import closing
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

import namematch
from liaison.core import audit
from liaison.core.actions import sha256_of
from liaison.core.permissions import has_perm
from liaison.desk import queries as desk_queries
from liaison.people import matching
from liaison.people.models import Person
from liaison.screening import reading
from liaison.screening.access import RUN_PERMISSION
from liaison.screening.mapping import ParsedRow, RowReader, is_usable
from liaison.screening.models import Decision, Hit, HitDecision, RunStatus, ScreeningList, ScreeningRun

logger = logging.getLogger(__name__)

TOP = 5  # persons kept per row at most
FLUSH_ROWS = 500
FLUSH_SECONDS = 2.0
MAX_BAD_ROWS = 10_000
PARALLEL_MIN_ROWS = 2_000
CHUNK_ROWS = 250  # rows sent to a worker process at a time
MAX_AHEAD = 8_000  # rows read and parsed ahead of their results


class RunError(Exception):
    """A run cannot go on; the message is for the officer."""


@dataclass(frozen=True, slots=True)
class Reference:
    person_id: int
    notice_id: int


def worker_count(rows: int, requested: int | None = None) -> int:
    """Processes to screen `rows` rows with: `requested`, else LIAISON_SCREENING_JOBS, else the CPU count
    (at most 4); one below PARALLEL_MIN_ROWS rows or where processes cannot be forked."""
    from namematch.parallel import fork_available

    jobs = requested if requested is not None else int(getattr(settings, "LIAISON_SCREENING_JOBS", 0) or 0)
    if jobs <= 0:
        jobs = min(os.cpu_count() or 1, 4)
    if rows < PARALLEL_MIN_ROWS or not fork_available():
        return 1
    return jobs


def build_index(actor: Any) -> tuple[namematch.Index, dict[str, Reference]]:
    """The index of the persons of the active notices `actor` may see, and each record's person and notice."""
    cited = desk_queries.notices_to_cite(actor)
    wanted = Person.objects.filter(pk__in=desk_queries.wanted_person_ids(actor))
    index = namematch.Index()
    references: dict[str, Reference] = {}
    for pk, record in matching.person_records(wanted).records.items():
        if pk not in cited:
            continue  # its notice was recorded after `cited` was read
        index.add(record)
        references[record.id] = Reference(person_id=pk, notice_id=cited[pk])
    index.seal()  # compact postings, out of the garbage collector's way (namematch.Index.seal)
    return index, references


def file_sha256(screening_list: ScreeningList) -> str:
    with screening_list.file.open("rb") as handle:
        return sha256_of(handle)[0]


class RunStopped(Exception):
    """The run was cancelled, or taken from this process (its heartbeat went stale and a sweep re-queued it):
    stop at this commit point without writing."""


def _claim(run_id: int) -> ScreeningRun | None:
    with transaction.atomic():
        run = ScreeningRun.objects.select_for_update().select_related("screening_list", "requested_by").get(pk=run_id)
        if run.status != RunStatus.QUEUED:
            return None
        now = timezone.now()
        run.status = RunStatus.RUNNING
        if not run.rows_done:  # a resumed run keeps its start
            run.started_at = now
        run.heartbeat_at = now
        run.rows_total = run.screening_list.row_count
        run.save(update_fields=["status", "started_at", "heartbeat_at", "rows_total", "updated_at"])
    return run


class _Progress:
    """Counters of a running screening, written to the run with the hits found since the last write."""

    def __init__(self, run: ScreeningRun, on_rows: Callable[[int], object] | None) -> None:
        self.run = run
        self.on_rows = on_rows
        self.attempt = run.resumed  # a sweep that re-queues the run raises it: this process then stops
        # A resumed run goes on from what was committed; its skipped rows and problems are counted again as the
        # rows before the resume point are read (resume_from).
        self.rows_done = run.rows_done
        self.hits = run.hit_count
        self.suppressed = run.suppressed_count
        self.skipped = 0
        self.bad_rows: list[dict[str, Any]] = []
        self.bad_count = 0
        self.pending: list[Hit] = []
        self.unflushed = 0
        self.last_flush = time.monotonic()
        self.index_seconds = 0.0

    def problems(self, parsed: ParsedRow) -> None:
        if parsed.record is None:
            self.skipped += 1
        for problem in parsed.problems:
            self.bad_count += 1
            if len(self.bad_rows) < MAX_BAD_ROWS:
                self.bad_rows.append(problem.as_dict())

    def row_done(self) -> None:
        self.rows_done += 1
        self.unflushed += 1
        if self.on_rows is not None:
            self.on_rows(1)
        if self.unflushed >= FLUSH_ROWS or time.monotonic() - self.last_flush >= FLUSH_SECONDS:
            self.flush()

    def fields(self) -> dict[str, Any]:
        return {
            "rows_done": self.rows_done,
            "hit_count": self.hits,
            "suppressed_count": self.suppressed,
            "rows_skipped": self.skipped,
            "bad_row_count": self.bad_count,
        }

    def flush(self, **extra: Any) -> None:
        """Commit the new hits, the counters and the heartbeat together, unless the run was cancelled or taken
        from this process since the last commit (RunStopped: nothing is written)."""
        with transaction.atomic():
            status, attempt = (
                ScreeningRun.objects.select_for_update().filter(pk=self.run.pk).values_list("status", "resumed").get()
            )
            if status != RunStatus.RUNNING or attempt != self.attempt:
                self.pending = []
                raise RunStopped(status)
            if self.pending:
                Hit.objects.bulk_create(self.pending, batch_size=500)
                self.pending = []
            now = timezone.now()
            ScreeningRun.objects.filter(pk=self.run.pk).update(
                **self.fields(), heartbeat_at=now, updated_at=now, **extra
            )
        self.unflushed = 0
        self.last_flush = time.monotonic()

    def beat(self) -> None:
        """A sign of life between commits (before and after building the index)."""
        ScreeningRun.objects.filter(pk=self.run.pk, status=RunStatus.RUNNING, resumed=self.attempt).update(
            heartbeat_at=timezone.now()
        )


def _check_actor(run: ScreeningRun) -> Any:
    actor = run.requested_by
    if not actor.is_active or not has_perm(actor, RUN_PERMISSION) or actor.agency_id != run.owner_id:
        raise RunError(_("The officer who started the run may no longer screen lists of this agency."))
    return actor


def _open_rows(screening_list: ScreeningList, handle: Any) -> reading.TableInfo:
    info = reading.locate_header(handle, screening_list.original_name, encoding=screening_list.encoding)
    if info.columns != list(screening_list.columns):
        raise RunError(_("The stored file's columns are not the ones mapped on upload."))
    return info


def execute_run(
    run: ScreeningRun | int,
    *,
    on_rows: Callable[[int], object] | None = None,
    jobs: int | None = None,
) -> ScreeningRun:
    """Screen a queued run to its end (see the module docstring) and return it, finished or failed."""
    run_id = run if isinstance(run, int) else run.pk
    claimed = _claim(run_id)
    if claimed is None:
        logger.info("screening run %s is not queued any more; left alone", run_id)
        return ScreeningRun.objects.get(pk=run_id)
    run = claimed
    progress = _Progress(run, on_rows)
    try:
        _screen_to_end(run, progress, jobs)
    except RunStopped as stop:
        logger.info("screening run %s stopped at row %s: %s", run.pk, progress.rows_done, stop)
    run.refresh_from_db()
    return run


def _screen_to_end(run: ScreeningRun, progress: _Progress, jobs: int | None) -> None:
    started = time.monotonic()
    try:
        actor = _check_actor(run)
        screening_list = run.screening_list
        if not is_usable(screening_list.mapping):
            raise RunError(_("Map the column (or columns) holding the name before screening."))
        try:
            if file_sha256(screening_list) != screening_list.sha256:
                raise RunError(_("The stored file does not match the SHA-256 recorded on upload: it was altered."))
        except (FileNotFoundError, OSError) as error:
            raise RunError(_("The stored file cannot be read: %(error)s") % {"error": error}) from error
        progress.beat()
        index_started = time.monotonic()
        index, references = build_index(actor)
        progress.index_seconds = round(time.monotonic() - index_started, 2)
        progress.beat()
        ScreeningRun.objects.filter(pk=run.pk).update(references=len(references))
        run.references = len(references)
        ruled_out: set[tuple[int, str]] = set(
            HitDecision.objects.filter(owner_id=run.owner_id, decision=Decision.NOT_MATCH).values_list(
                "person_id", "fingerprint"
            )
        )
        reader = RowReader(list(screening_list.columns), screening_list.mapping)
        with screening_list.file.open("rb") as handle:
            info = _open_rows(screening_list, handle)
            workers = worker_count(screening_list.row_count, jobs)
            with closing(reading.data_rows(handle, info)) as rows:
                _resume_from(run, rows, reader, progress)
                _screen(run, rows, reader, index, references, ruled_out, progress, workers)
    except Exception as error:
        message = (
            str(error)
            if isinstance(error, RunError | reading.UnreadableFile)
            else _("The run stopped on an unexpected error (%(kind)s: %(error)s); the node's log has the details.")
            % {"kind": type(error).__name__, "error": error}
        )
        if not isinstance(error, RunError | reading.UnreadableFile):
            logger.exception("screening run %s failed", run.pk)
        _finish(run, progress, RunStatus.FAILED, started, error=message)
    else:
        _finish(run, progress, RunStatus.FINISHED, started)


def _resume_from(
    run: ScreeningRun, rows: Iterator[tuple[int, list[str]]], reader: RowReader, progress: _Progress
) -> None:
    """Pass over the rows a resumed run screened before its worker stopped (their hits are committed), reading
    them again only to count their skipped rows and problems, which are written with the finish."""
    for _done in range(run.rows_done):
        item = next(rows, None)
        if item is None:
            break
        progress.problems(reader.read(*item))


def _screen(
    run: ScreeningRun,
    rows: Iterator[tuple[int, list[str]]],
    reader: RowReader,
    index: namematch.Index,
    references: dict[str, Reference],
    ruled_out: set[tuple[int, str]],
    progress: _Progress,
    workers: int,
) -> None:
    """Screen the rows, collecting problems and hits into `progress` (which writes them every few hundred)."""
    from namematch.parallel import screen_records

    in_flight: dict[str, ParsedRow] = {}
    # At most MAX_AHEAD rows are read ahead of their results: bounds memory and keeps the reader thread from
    # taking the parent's time all at once. `stop` releases a reader waiting for room when the run ends early.
    ahead = threading.BoundedSemaphore(MAX_AHEAD)
    stop = threading.Event()

    def queries() -> Iterator[namematch.Record]:
        # Runs in the pool's feeder thread when screening in parallel: it only reads and parses.
        for number, cells in rows:
            parsed = reader.read(number, cells)
            while not ahead.acquire(timeout=0.2):
                if stop.is_set():
                    return
            key = str(number)
            in_flight[key] = parsed
            yield parsed.record or namematch.Record(id=key, names=[])

    if workers > 1 and not connection.in_atomic_block:
        connection.close()  # forked workers must not share the database connection
    results = screen_records(index, queries(), top=TOP, threshold=run.threshold, jobs=workers, chunk_size=CHUNK_ROWS)
    try:
        for key, candidates in results:
            parsed = in_flight.pop(key)
            ahead.release()
            progress.problems(parsed)
            for candidate in candidates:
                reference = references.get(candidate.record_id)
                if reference is None:
                    continue
                if (reference.person_id, parsed.fingerprint) in ruled_out:
                    progress.suppressed += 1
                    continue
                progress.pending.append(
                    Hit(
                        run_id=run.pk,
                        row_number=parsed.number,
                        row_id=parsed.row_id[:100],
                        row=parsed.listed,
                        fingerprint=parsed.fingerprint,
                        person_id=reference.person_id,
                        notice_id=reference.notice_id,
                        score=round(candidate.score, 4),
                        explanation=candidate.explanation.as_dict(),
                        algorithm=candidate.algorithm,
                    )
                )
                progress.hits += 1
            progress.row_done()
    finally:
        stop.set()
        close = getattr(results, "close", None)
        if close is not None:
            close()  # stops the worker processes when the run ends early


def _finish(run: ScreeningRun, progress: _Progress, status: str, started: float, error: str = "") -> None:
    try:
        progress.flush(status=status, finished_at=timezone.now(), bad_rows=progress.bad_rows, error=error)
    except Exception:
        if status != RunStatus.FAILED:
            raise
        # The failure may be the very write that failed: keep the hits written so far, record the failure.
        logger.exception("screening run %s: the last hits could not be written", run.pk)
        progress.hits -= len(progress.pending)
        progress.pending = []
        progress.flush(status=status, finished_at=timezone.now(), bad_rows=progress.bad_rows, error=error)
    seconds = round(time.monotonic() - started, 2)
    with transaction.atomic():
        stored = ScreeningRun.objects.get(pk=run.pk)
        audit.record(
            "screening_run.finish",
            actor=run.requested_by,
            obj=stored,
            agency=run.owner,
            before={"status": RunStatus.RUNNING},
            after={
                "status": status,
                "rows_total": stored.rows_total,
                **progress.fields(),
                "references": stored.references,
                "index_seconds": progress.index_seconds,
                "seconds": seconds,
                "error": error,
            },
        )
