"""In-memory blocking index: an inverted index from phonetic skeleton keys (of every run of 1–3
name parts, in every reading) to records, with one-deletion keys for typo tolerance. A query scores
only the candidates that share the rarest keys."""

from __future__ import annotations

from array import array
from collections.abc import Iterable
from functools import lru_cache, partial
from operator import itemgetter
from typing import Any

from namematch.features import PreparedRecord, birth_deltas
from namematch.model import ALGORITHM, DEFAULT_THRESHOLD, DOB_STRICT, Candidate, Explanation, Record
from namematch.names import prepare
from namematch.scoring import compare_prepared, score_prepared

MIN_DELETE_LEN = 4
MAX_CANDIDATES = 15
POSTINGS_BUDGET = 1500
NUMBER_BLOCK = 4096  # record numbers made at once (see Index._numbers)
CANDIDATE_CACHE = 50_000  # distinct queries whose candidates are remembered (cleared when full)


def _deletions(key: str) -> set[str]:
    return {"~" + key[:i] + key[i + 1 :] for i in range(len(key))}


@lru_cache(maxsize=50_000)  # a record's keys go into the postings: only repeated query names need them again
def name_keys(name: str) -> frozenset[str]:
    """Blocking keys of one name: skeletons of every run of parts in every reading, plus the
    one-deletion variants of single-part skeletons (typo tolerance)."""
    pn = prepare(name)
    keys: set[str] = set(pn.keys)
    for reading in pn.readings:
        for size, skels in zip(reading.seg_size, reading.seg_skels, strict=True):
            if size == 1:
                for k in skels:
                    if len(k) >= MIN_DELETE_LEN:
                        keys.update(_deletions(k))
    return frozenset(keys)


def record_keys(record: PreparedRecord) -> set[str]:
    keys: set[str] = set()
    for name in record.names:
        keys.update(name_keys(name))
    for doc in record.documents:
        keys.add("#" + doc)
    return keys


class Index:
    """Records to screen against. ``algorithm`` must be :data:`namematch.ALGORITHM` (the only one)."""

    def __init__(self, records: Iterable[Record] = (), *, algorithm: str = ALGORITHM) -> None:
        if algorithm != ALGORITHM:
            raise ValueError(f"unknown algorithm {algorithm!r}; this library provides {ALGORITHM!r}")
        self.algorithm = algorithm
        self._records: list[PreparedRecord] = []
        self._years = array("H")  # birth year per record (0 = unknown), for tie-breaking candidates
        # key -> record numbers: lists while records are added, tuples once sealed (see seal()). Every posting
        # of a record holds the same int object, taken from _numbers (made in blocks, so they lie side by side
        # in memory), and typed ``Any`` where they are stored: compiled code would otherwise unbox the number and
        # box it again, a new int object per posting, scattered over the heap (a cache miss for each posting
        # a query reads, and 32 bytes more per posting)
        self._postings: dict[str, list[Any] | tuple[Any, ...]] = {}
        self._numbers: list[Any] = []
        # candidates per (names, documents, birth year) of a query: queries repeat names heavily
        self._cand_cache: dict[tuple[object, ...], list[int]] = {}
        self._scratch: list[list[int]] = []  # zeroed count lists for _candidates, one per concurrent query
        for r in records:
            self.add(r)
        self.seal()

    def __len__(self) -> int:
        return len(self._records)

    def add(self, record: Record) -> None:
        """Add one record (incremental)."""
        pr = PreparedRecord(record)
        pr.hold()
        if self._cand_cache:
            self._cand_cache.clear()
        numbers = self._numbers
        n = len(self._records)
        if n >= len(numbers):
            numbers.extend(range(len(numbers), len(numbers) + NUMBER_BLOCK))
        i: Any = numbers[n]  # the record's number, one object for all its postings
        self._records.append(pr)
        self._years.append(pr.birth.year if pr.birth else 0)
        postings = self._postings
        for k in record_keys(pr):
            lst = postings.get(k)
            if lst is None:
                postings[k] = [i]
            elif type(lst) is list:
                lst.append(i)
            else:  # sealed: back to a list until the next seal()
                postings[k] = [*lst, i]

    def seal(self) -> None:
        """Turn the postings into tuples: smaller, and not tracked by Python's cyclic garbage collector
        (a 100,000-record index holds about a million posting lists; a collector walking them all
        costs seconds per full collection). The constructor seals; call it again after many
        :meth:`add` calls. Adding after sealing stays correct."""
        postings = self._postings
        for k, lst in postings.items():
            if type(lst) is list:
                postings[k] = tuple(lst)

    def _candidates(self, keys: set[str], limit: int, year: int = 0) -> list[int]:
        """Records sharing the query's rarest keys, most shared first. Keys are taken rarest first
        until enough postings have been read; keys held by more than 0.5% of the list are used only
        when nothing rarer exists. Among records that share equally many keys at the cut, those born
        within a year of the query's birth year go first (many persons share a common name)."""
        n = len(self._records)
        cap = max(200, n // 200)
        postings = self._postings
        found: list[tuple[int, str, tuple[int, ...]]] = []
        for k in keys:
            lst = postings.get(k)
            if lst:
                found.append((len(lst), k, lst if isinstance(lst, tuple) else tuple(lst)))
        if not found:
            return []
        found.sort(key=itemgetter(0, 1))
        # how many of the keys read each record shares, counted in a list indexed by record number (a
        # dict's hashing and boxing cost most of this function), with the records in the order first met;
        # the list is borrowed from a pool (list.pop and append are atomic: threads each get their own)
        try:
            counts = self._scratch.pop()
        except IndexError:
            counts = []
        if len(counts) < n:
            counts.extend([0] * (n - len(counts)))
        seen: list[int] = []
        read = 0
        for df, _k, tl in found:
            if df > cap:
                if not seen:
                    for i in tl[:cap]:
                        c = counts[i]
                        if not c:
                            seen.append(i)
                        counts[i] = c + 1
                break
            for i in tl:
                c = counts[i]
                if not c:
                    seen.append(i)
                counts[i] = c + 1
            read += df
            if read > POSTINGS_BUDGET:
                break
        acc = [(i, counts[i]) for i in seen]
        for i in seen:
            counts[i] = 0
        self._scratch.append(counts)
        # the most counted limit + 1 (Counter.most_common without its heap walk over every record read): the
        # records counted at least as often as the (limit + 1)-th most counted, sorted by count (stable: ties
        # in the order first met, which is posting order)
        if len(acc) > limit + 1:
            least = sorted([c for _i, c in acc], reverse=True)[limit]
            top = [(i, c) for i, c in acc if c >= least]
        else:
            top = acc
        top.sort(key=itemgetter(1), reverse=True)
        ranked = top[: limit + 1]
        if len(ranked) > limit:
            cut = ranked[limit - 1][1]
            if year and ranked[limit][1] == cut:
                # ties at the cut: prefer records born within a year of the query
                years = self._years
                head = [t for t in ranked if t[1] > cut]
                tied = [i for i, c in top if c == cut]  # every record counted `cut` times, in posting order
                near = [i for i in tied if abs(years[i] - year) <= 1]  # unknown year (0) is never near
                if near:
                    near_set = set(near)
                    tied = near + [i for i in tied if i not in near_set]
                ranked = head + [(i, cut) for i in tied[: limit - len(head)]]
            else:
                ranked.pop()
        floor = ranked[0][1] * 0.5
        return [i for i, c in ranked if c >= floor]

    def query(
        self, record: Record, top: int = 10, threshold: float = DEFAULT_THRESHOLD, *, dob_policy: str = DOB_STRICT
    ) -> list[Candidate]:
        """The best ``top`` records scoring at least ``threshold``, best first. ``dob_policy``: "strict" (the
        default) or "unreliable" (dates of birth may be false: a listed person born years apart from the
        query is kept, ranked lower; see :func:`namematch.compare`)."""
        birth_deltas(dob_policy)  # an unknown policy is an error
        q = PreparedRecord(record)
        out: list[Candidate] = []
        scored: list[tuple[float, int]] = []
        records = self._records
        year = q.birth.year if q.birth else 0
        limit = max(MAX_CANDIDATES, 2 * top)
        ck = (tuple(q.names), q.documents, year, limit)
        cands = self._cand_cache.get(ck)
        if cands is None:
            cands = self._candidates(record_keys(q), limit, year)
            if len(self._cand_cache) >= CANDIDATE_CACHE:
                self._cand_cache.clear()
            self._cand_cache[ck] = cands
        for i in cands:
            s = score_prepared(q, records[i], threshold, dob_policy)
            if s >= threshold:
                scored.append((s, i))
        scored.sort(key=lambda t: (-t[0], t[1]))
        for s, i in scored[:top]:
            rec = records[i]
            out.append(
                Candidate(
                    record_id=rec.id,
                    score=s,
                    algorithm=self.algorithm,
                    explain=partial(_explain, q, rec, dob_policy),
                )
            )
        return out


def _explain(q: PreparedRecord, rec: PreparedRecord, dob_policy: str = DOB_STRICT) -> Explanation:
    return compare_prepared(q, rec, explain=True, dob_policy=dob_policy).explanation
