"""CPU time of namematch's query path alone, to compare two builds (speed work; decision 0056): the index is
built from a development seed's wanted list (arrivals.py), warmed up, then every arrival is queried as
speed.py's index arm does (full rankings, top 10 at threshold 0, the explanation of each hit written out).

    PYTHONPATH=/tmp/build-a python benchmarks/namematch/querycpu.py   # one line: the build and its CPU seconds
    PYTHONPATH=/tmp/build-b python benchmarks/namematch/querycpu.py

Run the builds alternately, several times each, and compare minima and medians: on a shared machine single
runs move by 10 %. The namematch imported is the one on ``PYTHONPATH`` (no check that it is this tree's code:
the point is to time other builds).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def main() -> None:
    from arms import nm_record
    from arrivals import DEV_SEEDS, generate

    import namematch as nm

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seed", type=int, default=DEV_SEEDS[1])
    ap.add_argument("--wanted", type=int, default=2000)
    ap.add_argument("--arrivals", type=int, default=4000)
    a = ap.parse_args()
    n = a.arrivals
    refs, rows = generate(a.seed, a.wanted, n // 5, n // 5, n - 2 * (n // 5))
    warm = generate(a.seed + 50_000, 50, 5, 5, 10)[1]

    def rec(d: dict) -> object:
        return nm_record(nm, d)

    index = nm.Index([rec(r) for r in refs])

    def query(d: dict) -> None:
        for c in index.query(rec(d), top=10, threshold=0.0):
            if c.score >= nm.DEFAULT_THRESHOLD:
                str(c.explanation)

    for d in warm:
        query(d)
    t = time.process_time()
    for d in rows:
        query(d)
    print(f"{Path(nm.__file__).parent} {nm.ALGORITHM} compiled={nm.COMPILED} cpu {time.process_time() - t:.3f} s")


if __name__ == "__main__":
    main()
