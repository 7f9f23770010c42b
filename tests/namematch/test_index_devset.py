"""Index queries, and the real-world dev set target (>= 95% top-1 at the default threshold)."""

from __future__ import annotations

from pathlib import Path

import pytest

from namematch import ALGORITHM, ALGORITHM_NAME, ALGORITHM_VERSION, DEFAULT_THRESHOLD, Index, Record

DEV = Path("/work/shared/data/xscript-dev.tsv")
for _parent in Path(__file__).resolve().parents:
    if (_parent / "shared" / "data" / "xscript-dev.tsv").exists():
        DEV = _parent / "shared" / "data" / "xscript-dev.tsv"
        break


def test_algorithm_names() -> None:
    assert f"{ALGORITHM_NAME}/{ALGORITHM_VERSION}" == ALGORITHM


def test_index_query_add_and_order() -> None:
    idx = Index(
        [
            Record(id="kys", names=["김영삼"], birth_date="1927-12-20", sex="M"),
            Record(id="kyn", names=["김영남"], birth_date="1928-02-04", sex="M"),
            Record(id="tvt", names=["Trần Văn Thanh", "陈文清"], birth_date="1961-10-12"),
        ]
    )
    cands = idx.query(Record(id="q", names=["KIM YOUNGSAM"], birth_date="1927"))
    assert [c.record_id for c in cands] == ["kys"]
    assert cands[0].explanation.algorithm == ALGORITHM and cands[0].algorithm == ALGORITHM
    assert idx.query(Record(id="q", names=["Nguyen Van Bao"])) == []
    idx.add(Record(id="nvb", names=["Nguyễn Văn Bảo"]))
    assert [c.record_id for c in idx.query(Record(id="q", names=["Nguyen Van Bao"]))] == ["nvb"]
    assert len(idx) == 4
    low = idx.query(Record(id="q", names=["Kim Young"]), threshold=0.0, top=2)
    assert len(low) <= 2 and all(low[i].score >= low[i + 1].score for i in range(len(low) - 1))


def test_index_finds_by_document_number_key() -> None:
    idx = Index([Record(id="a", names=["Pham Van Dong"], documents=["B7654321"])])
    c = idx.query(Record(id="q", names=["PHAM V DONG"], documents=["B7654321"]), threshold=0.5)
    assert c and c[0].record_id == "a"


def test_unknown_algorithm_rejected() -> None:
    with pytest.raises(ValueError):
        Index([], algorithm="other/9")


def _dev_rows() -> list[tuple[str, str, str, list[str]]]:
    rows = []
    for line in DEV.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        key, nat, native, others = line.split("\t")
        rows.append((key, nat, native, [o for o in others.split("|") if o]))
    return rows


@pytest.mark.skipif(not DEV.exists(), reason="shared/data/xscript-dev.tsv is not present")
def test_dev_set_top1_both_directions_and_no_false_alarms() -> None:
    rows = _dev_rows()
    natives = Index([Record(id=k, names=[native]) for k, _n, native, _o in rows])
    found = total = 0
    false_alarms = []
    for key, _nat, _native, others in rows:
        for other in others:
            total += 1
            cands = natives.query(Record(id="q", names=[other]), top=1)
            found += bool(cands) and cands[0].record_id == key
    assert found / total >= 0.95, f"native list: {found}/{total}"
    # reverse: the list holds every rendering, the query is the native name
    renderings = Index([Record(id=f"{k}:{i}", names=[o]) for k, _n, _nv, others in rows for i, o in enumerate(others)])
    found_rev = 0
    for key, _nat, native, _others in rows:
        cands = renderings.query(Record(id="q", names=[native]), top=1)
        found_rev += bool(cands) and cands[0].record_id.split(":")[0] == key
    assert found_rev / len(rows) >= 0.95, f"renderings list: {found_rev}/{len(rows)}"
    # persons not on the list: leave each person out and query with their renderings
    for key, _nat, _native, others in rows:
        idx = Index([Record(id=k, names=[nv]) for k, _n, nv, _o in rows if k != key])
        for other in others:
            hits = idx.query(Record(id="q", names=[other]), threshold=DEFAULT_THRESHOLD)
            if hits:
                false_alarms.append((other, hits[0].record_id, hits[0].score))
    assert not false_alarms, false_alarms
