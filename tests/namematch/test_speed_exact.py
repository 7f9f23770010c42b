"""The query path's speed work (decision 0053) changes no candidate, score or ranking: each shortcut against the
plain code it replaces."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from operator import itemgetter

from namematch import Index
from namematch.bench import synthetic_queries, synthetic_records
from namematch.features import BirthDate, PreparedRecord, _typo
from namematch.index import POSTINGS_BUDGET, record_keys


def _typo_as_text(a: BirthDate, b: BirthDate) -> bool:
    """The earlier test: both dates written YYYYMMDD, one digit differs or two neighbouring ones are swapped."""
    x = f"{a.year:04d}{a.month or 0:02d}{a.day or 0:02d}"
    y = f"{b.year:04d}{b.month or 0:02d}{b.day or 0:02d}"
    diff = [i for i in range(8) if x[i] != y[i]]
    if len(diff) == 1:
        return True
    return len(diff) == 2 and diff[1] == diff[0] + 1 and x[diff[0]] == y[diff[1]] and x[diff[1]] == y[diff[0]]


def test_typo_by_numbers_is_the_typo_as_written() -> None:
    rng = random.Random(53)
    typos = 0
    for n in range(60_000):
        d = dt.date(1900, 1, 1) + dt.timedelta(days=rng.randrange(45_000))
        a = BirthDate(d.year, d.month, d.day)
        if n % 3 == 0:  # a keying error or two: one digit changed, or two neighbours swapped
            s = list(f"{d.year:04d}{d.month:02d}{d.day:02d}")
            i = rng.randrange(7)
            if rng.random() < 0.5:
                s[i], s[i + 1] = s[i + 1], s[i]
            else:
                s[i] = str(rng.randrange(10))
            if rng.random() < 0.3:
                s[rng.randrange(8)] = str(rng.randrange(10))
            b = BirthDate(int("".join(s[:4])), int("".join(s[4:6])), int("".join(s[6:])))
        else:
            e = dt.date(1900, 1, 1) + dt.timedelta(days=rng.randrange(45_000))
            b = a if n % 3 == 1 and n % 2 else BirthDate(e.year, e.month, e.day)
        assert _typo(a, b) == _typo_as_text(a, b), (a, b)
        typos += _typo(a, b)
    assert 10_000 < typos < 40_000  # both outcomes were exercised
    for a, b in (
        (BirthDate(1980, 1, 2), BirthDate(1980, 1, 2)),
        (BirthDate(1980, 12, 3), BirthDate(1980, 12, 30)),  # 03 / 30: neighbours swapped
        (BirthDate(1980, 12, 3), BirthDate(1908, 12, 3)),  # 80 / 08
        (BirthDate(1980, 1, 2), BirthDate(1908, 1, 20)),  # two swaps
        (BirthDate(12345, 1, 2), BirthDate(12345, 1, 3)),  # not eight digits: compared as written
        (BirthDate(5, 1, 2), BirthDate(15, 1, 2)),
    ):
        assert _typo(a, b) == _typo_as_text(a, b), (a, b)


def _candidates_with_counter(index: Index, keys: set[str], limit: int, year: int) -> list[int]:
    """Index._candidates as written before the speed work (Counter, sorted counts)."""
    n = len(index._records)
    cap = max(200, n // 200)
    found = [(len(lst), k, lst) for k in keys if (lst := index._postings.get(k))]
    if not found:
        return []
    found.sort(key=itemgetter(0, 1))
    acc: Counter[int] = Counter()
    read = 0
    for df, _k, lst in found:
        if df > cap:
            if not acc:
                acc.update(lst[:cap])
            break
        acc.update(lst)
        read += df
        if read > POSTINGS_BUDGET:
            break
    if len(acc) > limit + 1:
        least = sorted(acc.values(), reverse=True)[limit]
        top = [(i, c) for i, c in acc.items() if c >= least]
    else:
        top = list(acc.items())
    top.sort(key=itemgetter(1), reverse=True)
    ranked = top[: limit + 1]
    if len(ranked) > limit:
        cut = ranked[limit - 1][1]
        if year and ranked[limit][1] == cut:
            head = [t for t in ranked if t[1] > cut]
            tied = [i for i, c in top if c == cut]
            near = [i for i in tied if abs(index._years[i] - year) <= 1]
            if near:
                tied = near + [i for i in tied if i not in set(near)]
            ranked = head + [(i, cut) for i in tied[: limit - len(head)]]
        else:
            ranked.pop()
    floor = ranked[0][1] * 0.5
    return [i for i, c in ranked if c >= floor]


def test_candidates_are_those_of_the_counter_version() -> None:
    records = synthetic_records(3000, seed=53)
    index = Index(records)
    queries = synthetic_queries(records, 400, seed=53)
    many = 0
    for q in queries:
        pq = PreparedRecord(q)
        keys = record_keys(pq)
        for year in (0, pq.birth.year if pq.birth else 1975):
            for limit in (15, 20, 40):
                got = index._candidates(keys, limit, year)
                assert got == _candidates_with_counter(index, keys, limit, year), (q, year, limit)
                many += len(got) >= limit
    assert many > 100  # the cut at the limit (and its ties) was exercised


def test_candidates_after_adding_to_a_sealed_index_and_from_threads() -> None:
    # the count list is borrowed from a pool and grows with the index: records added after the index was
    # sealed (lists in the postings again) are counted, and threads querying at once get the same answers
    import threading

    records = synthetic_records(1200, seed=59)
    index = Index(records[:1000])
    for r in records[1000:]:
        index.add(r)
    queries = synthetic_queries(records, 150, seed=59)
    keys = [record_keys(PreparedRecord(q)) for q in queries]
    want = [_candidates_with_counter(index, k, 20, 1975) for k in keys]
    assert [index._candidates(k, 20, 1975) for k in keys] == want
    assert any(i >= 1000 for got in want for i in got)  # records added after sealing were found
    bad: list[int] = []

    def run() -> None:
        for _ in range(3):
            bad.extend(n for n, k in enumerate(keys) if index._candidates(k, 20, 1975) != want[n])

    threads = [threading.Thread(target=run) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not bad
