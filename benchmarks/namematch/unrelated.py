"""Generated unrelated persons without nationality against the real-name development set (issue 15, 2.2).

The held-out parts of the real-name set raised their false alarms among the generated unrelated persons, whose
queries carry no nationality (every reading of the listed names may then be evidence). That class is studied
here on development data only: the development list (data/xscript-dev*.tsv) against many more such persons,
drawn with **development seeds** (21–28 by default; the held-out parts use 12, 13 and 14). Prints each alert
with its explanation and the share alerted; may be looked at and tuned on.

    PYTHONPATH=src python benchmarks/namematch/unrelated.py [--seeds 21 22 ...] [--per-seed 500] [--explain]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import nmimport
from xscript import DEV, HELD_OUT_PARTS, load

HELD_OUT_SEEDS = tuple(seed for _path, seed, _status in HELD_OUT_PARTS)  # never here


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seeds", type=int, nargs="*", default=list(range(21, 29)))
    ap.add_argument("--per-seed", type=int, default=500, help="generated unrelated persons per seed")
    ap.add_argument("--explain", action="store_true", help="print each alert's explanation")
    a = ap.parse_args()
    if set(a.seeds) & set(HELD_OUT_SEEDS) or 11 in a.seeds:
        raise SystemExit(f"seeds {sorted(set(a.seeds) & {11, *HELD_OUT_SEEDS})} are the real-name set's own seeds")
    nm = nmimport.load()

    def record(d: dict) -> object:
        return nm.Record(id=d["id"], names=list(d["names"]), nationalities=list(d.get("nationalities") or []))

    refs, _ = load(seed=a.seeds[0], n_random=0, hard_per_person=0, paths=DEV)
    index = nm.Index([record(r) for r in refs])
    total = alerted = 0
    for seed in a.seeds:
        _refs, queries = load(seed=seed, n_random=a.per_seed, hard_per_person=0, paths=DEV)
        for q in queries:
            if q["negative"] != "random":
                continue
            total += 1
            hits = [c for c in index.query(record(q), top=3, threshold=nm.DEFAULT_THRESHOLD)]
            if hits:
                alerted += 1
                print(f"seed {seed}  {q['nat']}  {q['names'][0]}  ->  {hits[0].record_id}  {hits[0].score:.3f}")
                if a.explain:
                    print("    ", hits[0].explanation)
    print(
        f"{nm.ALGORITHM}: {alerted} of {total} generated unrelated persons (no nationality) alerted "
        f"({100.0 * alerted / max(total, 1):.2f} %), seeds {a.seeds}, {a.per_seed} per seed, {len(refs)} listed"
    )


if __name__ == "__main__":
    main()
