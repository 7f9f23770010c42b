"""Screening many queries against one :class:`~namematch.Index` on several CPU cores.

The index is built once in the calling process; worker processes are *forked* so that they inherit it
copy-on-write (nothing is pickled but the query positions and the results). Where ``fork`` is not
available (Windows, macOS spawn default) or ``jobs <= 1`` the queries run in this process. Results come
back in query order and are identical to ``index.query(q, top=top, threshold=threshold)`` for each query.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
from collections.abc import Iterable, Iterator, Sized
from contextlib import contextmanager
from itertools import islice

from namematch.index import Index
from namematch.model import DEFAULT_THRESHOLD, DOB_STRICT, Candidate, Record

# state inherited by forked workers (set in the parent just before the pool is created)
_STATE: dict[str, object] = {}

MIN_PARALLEL = 200  # fewer queries than this are not worth starting processes for


def _run_chunk(queries: list[Record]) -> list[tuple[str, list[Candidate]]]:
    index = _STATE["index"]
    top = _STATE["top"]
    threshold = _STATE["threshold"]
    policy = _STATE["dob_policy"]
    assert isinstance(index, Index) and isinstance(top, int) and isinstance(threshold, float)
    assert isinstance(policy, str)
    return [(q.id, index.query(q, top=top, threshold=threshold, dob_policy=policy)) for q in queries]


def _init_worker() -> None:
    """A forked worker inherits the parent's signal handlers. A parent that handles SIGTERM gracefully (the
    background task worker: "stop after this task") would make its screening workers ignore the SIGTERM that
    ends a pool, and the run would wait for them for ever: workers take the default actions back."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.default_int_handler)


def _chunks(queries: Iterable[Record], size: int) -> Iterator[list[Record]]:
    it = iter(queries)
    while chunk := list(islice(it, size)):
        yield chunk


# container allocations between two young-generation collections during a run: a query allocates a few
# thousand, so the default of 700 collects several times a query, each time walking what it keeps (the
# caches' new entries). With the index frozen the collections still took about 8 % of a screening's CPU time;
# this saves about 2 % (decision 0057)
YOUNG_THRESHOLD = 20_000


@contextmanager
def screening_gc() -> Iterator[None]:
    """A screening run: objects that exist now (the index, the caches) are frozen out of the garbage collector's
    view, and young collections run less often; both undone afterwards, also when the run stops early (a
    generator closed) or fails. Freezing takes no time; a full collection first would take about 90 ms with a
    2,000-entry index in the process (a quarter of a 1,000-row run), and the garbage it would free is only
    kept until the run ends, when the collector sees it again."""
    gc.freeze()
    before = gc.get_threshold()
    gc.set_threshold(max(before[0], YOUNG_THRESHOLD), *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)
        gc.unfreeze()


def fork_available() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def screen_records(
    index: Index,
    queries: Iterable[Record],
    *,
    top: int = 10,
    threshold: float = DEFAULT_THRESHOLD,
    jobs: int = 1,
    chunk_size: int = 0,
    dob_policy: str = DOB_STRICT,
) -> Iterator[tuple[str, list[Candidate]]]:
    """``(query id, candidates)`` for every query, in order. ``jobs`` worker processes (0 = one per
    CPU) share the index copy-on-write; the queries are read lazily and sent to the workers in chunks
    of ``chunk_size`` (0: about 8 chunks per worker for a list, at most 500 queries), so a stream of
    any length screens in bounded memory. ``dob_policy`` as for :meth:`namematch.Index.query`."""
    if jobs <= 0:
        jobs = os.cpu_count() or 1
    n = len(queries) if isinstance(queries, Sized) else None
    if n is not None and n < MIN_PARALLEL:
        for q in queries:
            yield q.id, index.query(q, top=top, threshold=threshold, dob_policy=dob_policy)
        return
    if jobs <= 1 or not fork_available():
        # a long run in this process: objects that exist now (the index) are left out of the garbage
        # collector's full collections while it lasts (about a sixth faster at 100,000 records)
        with screening_gc():
            for q in queries:
                yield q.id, index.query(q, top=top, threshold=threshold, dob_policy=dob_policy)
        return
    size = chunk_size or (max(50, min(500, n // (jobs * 8) or 1)) if n is not None else 500)
    _STATE.update(index=index, top=top, threshold=float(threshold), dob_policy=dob_policy)
    # objects that exist now are never collected in the workers: freezing them keeps the garbage
    # collector from writing to (and so copying) the pages of the shared index
    try:
        with screening_gc(), multiprocessing.get_context("fork").Pool(jobs, initializer=_init_worker) as pool:
            for part in pool.imap(_run_chunk, _chunks(queries, size)):
                yield from part
            # every chunk is back: the workers are told to finish and leave (leaving the block terminates
            # them with SIGTERM, which stays the way out when the caller stops early or fails)
            pool.close()
            pool.join()
    finally:
        _STATE.clear()
