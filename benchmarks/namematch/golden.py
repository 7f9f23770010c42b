"""Rankings before and after a change that must not change them (speed work, decision 0053): every query's
full ranking (top 10 at threshold 0, the records and their scores) and its hits at the default threshold, over
the realistic development seeds (arrivals.py), written by one build and compared by another.

    PYTHONPATH=/tmp/nm-before python benchmarks/namematch/golden.py write /tmp/golden.json
    PYTHONPATH=/tmp/nm-after  python benchmarks/namematch/golden.py check /tmp/golden.json

(``PYTHONPATH`` names a build: a ``pip install --target`` of the code before and of the code after, or the two
source trees' ``src``.) ``check`` prints how many queries differ, with the first few, and exits 1 if any do.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def rankings(seeds: tuple[int, ...], wanted: int, arrivals: int) -> dict[str, list[list[list[object]]]]:
    import nmimport
    from arms import nm_record
    from arrivals import generate

    nm = nmimport.load()
    out: dict[str, list[list[list[object]]]] = {}
    for seed in seeds:
        n = arrivals
        refs, rows = generate(seed, wanted, n // 5, n // 5, n - 2 * (n // 5))

        def rec(d: dict) -> object:
            return nm_record(nm, d)

        index = nm.Index([rec(r) for r in refs])
        for q in rows:
            full = index.query(rec(q), top=10, threshold=0.0)
            hits = index.query(rec(q), top=10)
            out[f"{seed}:{q['id']}"] = [
                [[c.record_id, round(c.score, 9)] for c in full],
                [[c.record_id, round(c.score, 9)] for c in hits],
            ]
    return out


def main() -> None:
    from arrivals import DEV_SEEDS

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("mode", choices=("write", "check"))
    ap.add_argument("file", type=Path)
    ap.add_argument("--wanted", type=int, default=2000)
    ap.add_argument("--arrivals", type=int, default=2000)
    a = ap.parse_args()
    t = time.perf_counter()
    got = rankings(DEV_SEEDS, a.wanted, a.arrivals)
    took = time.perf_counter() - t
    if a.mode == "write":
        a.file.write_text(json.dumps(got), encoding="utf-8")
        print(f"wrote the rankings of {len(got):,} queries (seeds {DEV_SEEDS}) to {a.file} in {took:.1f} s")
        return
    gold = json.loads(a.file.read_text(encoding="utf-8"))
    if set(gold) != set(got):
        raise SystemExit(f"{a.file} holds other queries ({len(gold):,}) than this run ({len(got):,}): other options?")
    bad = [k for k in gold if gold[k] != got[k]]
    print(f"{len(gold):,} queries (seeds {DEV_SEEDS}), full rankings and hits: {len(bad)} differ ({took:.1f} s)")
    for k in bad[:5]:
        print(f"  {k}: before {gold[k]}\n  {' ' * len(k)}  after  {got[k]}")
    if bad:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
