"""The multi-process screen (fork workers sharing the index) returns exactly what one process does."""

from __future__ import annotations

import pickle

import pytest

from namematch import Candidate, Index, Record, compare
from namematch.bench import synthetic_queries, synthetic_records
from namematch.parallel import fork_available, screen_records


def _plain(results: list[tuple[str, list[Candidate]]]) -> list[tuple[str, list[tuple[str, float, str, str]]]]:
    return [(qid, [(c.record_id, c.score, c.algorithm, str(c.explanation)) for c in cands]) for qid, cands in results]


@pytest.mark.skipif(not fork_available(), reason="fork start method not available")
def test_parallel_screen_equals_single_process() -> None:
    records = synthetic_records(400, seed=11)
    index = Index(records)
    queries = synthetic_queries(records, 300, seed=11)
    queries.append(Record(id="doc", names=["Nguyen Van Bao"], documents=["B7654321"], birth_date="1970"))
    one = list(screen_records(index, queries, top=5, threshold=0.5, jobs=1))
    two = list(screen_records(index, queries, top=5, threshold=0.5, jobs=2, chunk_size=37))
    assert [qid for qid, _ in two] == [q.id for q in queries]
    assert _plain(two) == _plain(one)
    streamed = list(screen_records(index, iter(queries), top=5, threshold=0.5, jobs=2, chunk_size=64))
    assert _plain(streamed) == _plain(one)
    assert sum(len(c) for _, c in one) > 100  # the comparison is not vacuous
    direct = [(q.id, index.query(q, top=5, threshold=0.5)) for q in queries]
    assert _plain(direct) == _plain(one)


def test_results_pickle_round_trip() -> None:
    m = compare(Record(id="a", names=["Kim Young-sam"]), Record(id="b", names=["김영삼"]))
    c = Candidate(record_id="b", score=m.score, explanation=m.explanation)
    assert pickle.loads(pickle.dumps(c)) == c
    assert pickle.loads(pickle.dumps(m)) == m
