"""Speed against the peer, like for like (issue 15), on the realistic arrivals data (arrivals.py, a held-out
seed), each arm in a fresh process, the arms alternated round after round (the order reversed every other round).
Each ratio is taken within a round (both arms measured minutes apart under the same load): the median of
the rounds' ratios is reported with their minimum and maximum.

    python benchmarks/namematch/speed.py [--rounds 5] [--wanted 2000] [--arrivals 2000] [--pairwise 100]

* pairwise: ``namematch.compare`` against logic-v2's ``compare``, every arrival of a sample against every
  wanted person (comparisons per second);
* screening: ``namematch.Index`` against nomenklatura's own pipeline (its blocking index, then logic-v2 on the
  candidates), the whole arrivals list against the whole wanted list (arrivals per second, index build apart):
  both scoring every candidate (full rankings), and namematch asked only for hits at its default threshold,
  as ``namematch screen`` runs (``namematch-index-screening``).

Both arms do the same job on the same data: the same wanted list, arrivals and warm-up rows; index builds
excluded for both (printed apart); full rankings for both (namematch top 10 at threshold 0, nomenklatura every
candidate of its index scored by logic-v2); namematch also writes out the explanation of each hit at its
threshold. namematch's index arms screen the list through ``namematch.parallel.screen_records`` in one
process (the path of ``namematch screen`` and of the desk), which freezes what exists out of the garbage
collector's view and collects young objects less often for the run; nomenklatura's batch call runs under the
same settings (decision 0057). Each rate is also given per second of CPU time (all the arm's threads: DuckDB's
included), with the load average beside it: on a shared machine a burst of another job during namematch's
short pass moves the wall-clock ratio far more than the CPU one (decision 0053).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def _load() -> str:
    with open("/proc/loadavg", encoding="ascii") as f:
        return f.read().split()[0]


def main() -> None:
    import nmimport
    from arrivals import HELD_OUT_SEEDS, generate
    from generate import write_jsonl
    from run import run_arm

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--wanted", type=int, default=2000)
    ap.add_argument("--arrivals", type=int, default=2000)
    ap.add_argument("--pairwise", type=int, default=100, help="arrivals compared with every wanted person")
    ap.add_argument("--seed", type=int, default=HELD_OUT_SEEDS[0])
    a = ap.parse_args()
    print(f"# speed, like for like: namematch {nmimport.describe()}")
    n = a.arrivals
    refs, rows = generate(a.seed, a.wanted, n // 5, n // 5, n - 2 * (n // 5))
    tmp = Path(tempfile.mkdtemp(prefix="nm-speed-"))
    rp, qp, sp, wp = tmp / "wanted.jsonl", tmp / "arrivals.jsonl", tmp / "sample.jsonl", tmp / "warm.jsonl"
    write_jsonl(rp, refs)
    write_jsonl(qp, rows)
    write_jsonl(sp, rows[: a.pairwise])
    write_jsonl(wp, generate(a.seed + 50_000, 50, 5, 5, 10)[1])
    runs: dict[str, list[float]] = {}
    cpu_runs: dict[str, list[float]] = {}  # queries per second of CPU time (all the arm's threads)
    builds: dict[str, list[float]] = {}
    plan = [("namematch-pairwise", sp), ("nomenklatura-logic-v2", sp), ("namematch-index", qp)]
    plan += [("nomenklatura-index-logic-v2", qp), ("namematch-index-screening", qp)]
    for r in range(a.rounds):
        for arm, path in plan if r % 2 == 0 else plan[::-1]:
            res = run_arm(arm, rp, path, wp, [])
            if not res.get("ok"):
                raise SystemExit(f"{arm}: {res.get('error')}")
            runs.setdefault(arm, []).append(res["qps_runs"][0])
            cpu_runs.setdefault(arm, []).append(len(rows if path == qp else rows[: a.pairwise]) / res["pass_cpu_s"])
            builds.setdefault(arm, []).append(res["prep_s"])
            print(
                f"  round {r + 1}: {arm} {res['qps_runs'][0]:,.1f} queries/s "
                f"({cpu_runs[arm][-1]:,.1f} per CPU second; load {_load()})",
                file=sys.stderr,
                flush=True,
            )
    med = {k: statistics.median(v) for k, v in runs.items()}
    w = len(refs)
    print(f"\n{w:,} wanted persons; {len(rows):,} arrivals (pairwise: the first {a.pairwise}); {a.rounds} rounds")
    print(f"{'arm':32s} {'queries/s (median)':>20s} {'comparisons/s':>15s}  runs                 prepare s (median)")
    for arm in runs:
        comps = f"{med[arm] * w:,.0f}" if "index" not in arm else "—"
        shown = " / ".join(f"{x:,.1f}" for x in runs[arm])
        print(f"{arm:32s} {med[arm]:20,.1f} {comps:>15s}  {shown:20s} {statistics.median(builds[arm]):.1f}")
    print(f"\nratios of paired rounds: median (min–max over {a.rounds} rounds)")
    for label, num, den, target in (
        ("pairwise: namematch.compare / logic-v2 compare", "namematch-pairwise", "nomenklatura-logic-v2", 3),
        (
            "screening: namematch.Index / nomenklatura blocking index + logic-v2 (full rankings)",
            "namematch-index",
            "nomenklatura-index-logic-v2",
            10,
        ),
        (
            "screening: the same at namematch's default threshold, as `namematch screen` runs",
            "namematch-index-screening",
            "nomenklatura-index-logic-v2",
            10,
        ),
    ):
        paired = sorted(x / y for x, y in zip(runs[num], runs[den], strict=True))
        lo, hi = paired[0], paired[-1]
        print(f"{label} = {statistics.median(paired):.1f}x ({lo:.1f}–{hi:.1f}x; target >= {target}x)")
        paired = sorted(x / y for x, y in zip(cpu_runs[num], cpu_runs[den], strict=True))
        print(f"    the same per CPU second: {statistics.median(paired):.1f}x ({paired[0]:.1f}–{paired[-1]:.1f}x)")


if __name__ == "__main__":
    main()
