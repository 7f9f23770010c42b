"""namematch benchmark: accuracy and speed of three matchers side by side.

    python benchmarks/namematch/run.py [--size small|full] [--repeat 3] [--arms ...]

Arms: namematch (indexed and pairwise), nomenklatura logic-v2, and a rapidfuzz
baseline. Data sets: synthetic labelled data from generate.py (a pairwise set
every arm runs on, and a larger set only the indexed/vectorised arms run on)
and the real-world development set data/xscript-dev.tsv. Each arm runs in its
own fresh process (one at a time) so its peak RSS is its own.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import sys
import tempfile
import time
import traceback
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

SIZES = {
    # name: (pairwise refs, pairwise queries, indexed refs, indexed queries)
    "small": (300, 200, 2000, 1000),
    "full": (500, 300, 20000, 4000),
}
ALL_ARMS = ["namematch-index", "namematch-pairwise", "nomenklatura-logic-v2", "rapidfuzz-baseline"]
LARGE_ARMS = ["namematch-index", "rapidfuzz-baseline"]  # pairwise Python arms are too slow there


def _rss_mb() -> float:
    import psutil

    return psutil.Process().memory_info().rss / 2**20


def _load(path: str) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def worker(arm_name: str, refs_path: str, queries_path: str, warm_path: str, timing_paths: list[str]) -> dict:
    """Runs in a fresh process: prepare, warm up, one full labelled (timed) pass, then timing runs on
    fresh query sets (never a query seen before, so no arm profits from its own query caches)."""
    try:
        from arms import ARMS

        refs, queries = _load(refs_path), _load(queries_path)
        warm, timing_sets = _load(warm_path), [_load(p) for p in timing_paths]
        arm = ARMS[arm_name]()
        rss_base = _rss_mb()
        t = time.perf_counter()
        arm.prepare(refs)
        prep_s = time.perf_counter() - t
        for q in warm:  # lazy tables, first-call costs: not timed
            arm.query(q)
        rankings: dict[str, list[tuple[str, float]]] = {}
        batch = getattr(arm, "query_batch", None)  # an arm that screens a whole list at once (nomenklatura's index)
        t, cpu = time.perf_counter(), time.process_time()
        if batch is not None:
            rankings = batch(queries)
        else:
            for q in queries:
                rankings[q["id"]] = arm.query(q)
        pass_s = time.perf_counter() - t
        pass_cpu_s = time.process_time() - cpu  # every thread of the process (DuckDB's included)
        qps_runs = [len(queries) / pass_s]
        for sub in timing_sets:
            t = time.perf_counter()
            if batch is not None:
                batch(sub)
            else:
                for q in sub:
                    arm.query(q)
            qps_runs.append(len(sub) / (time.perf_counter() - t))
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB
        return {
            "ok": True,
            "rankings": rankings,
            "prep_s": prep_s,
            "pass_s": pass_s,
            "pass_cpu_s": pass_cpu_s,
            "qps_runs": qps_runs,
            "rss_base_mb": rss_base,
            "rss_peak_mb": peak,
            "threshold": arm.threshold,
            "version": arm.version,
            "n_refs": len(refs),
        }
    except Exception as e:  # an arm that cannot run is reported, not fatal
        return {"ok": False, "error": f"{type(e).__name__}: {e}", "trace": traceback.format_exc()}


def run_arm(arm: str, refs_path: Path, queries_path: Path, warm_path: Path, timing_paths: list[Path]) -> dict:
    with ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn")) as ex:
        return ex.submit(
            worker, arm, str(refs_path), str(queries_path), str(warm_path), [str(p) for p in timing_paths]
        ).result()


def fresh_queries(persons: list[dict], seen: set[str], n: int, seed: int) -> list[dict]:
    """Queries never seen before (same mix as generate.py), for warm-up and timing runs."""
    import random

    from generate import query_of_type

    rng = random.Random(seed)
    out = []
    for i in range(n):
        r = rng.random()
        t = "listed" if r < 0.6 else ("hard" if r < 0.85 else "random")
        q = query_of_type(t, persons, seen, rng, 0.25)
        q["id"] = f"T{seed}-{i}"
        out.append(q)
    return out


# ---------------------------------------------------------------------------
# metrics
# ---------------------------------------------------------------------------
def evaluate(queries: list[dict], res: dict) -> dict:
    thr = res["threshold"]
    rk = res["rankings"]
    out: dict = {}
    pos = [q for q in queries if q["truth"]]
    neg = [q for q in queries if not q["truth"]]

    def alerts(q: dict) -> list[str]:
        return [rid for rid, s in rk[q["id"]] if s >= thr]

    def hit(q: dict) -> bool:
        return q["truth"] in alerts(q)

    def fa(q: dict) -> bool:
        return bool(alerts(q))

    def rate(items: list[dict], f) -> tuple[float | None, int]:  # type: ignore[no-untyped-def]
        return ((sum(1 for q in items if f(q)) / len(items)) if items else None, len(items))

    out["recall"] = rate(pos, hit)
    out["fa_hard"] = rate([q for q in neg if q["negative"] == "hard"], fa)
    out["fa_random"] = rate([q for q in neg if q["negative"] == "random"], fa)
    out["fa_real"] = rate([q for q in neg if q["negative"] == "real"], fa)
    out["fa_all"] = rate(neg, fa)
    wrong = [len([a for a in alerts(q) if a != q["truth"]]) for q in queries]
    out["wrong_per_q"] = (sum(wrong) / len(wrong), len(wrong))
    n_alerts = sum(len(alerts(q)) for q in queries)
    out["precision"] = ((sum(1 for q in pos if hit(q)) / n_alerts) if n_alerts else None, n_alerts)
    for k in (1, 5, 10):
        out[f"recall@{k}"] = rate(pos, lambda q, k=k: q["truth"] in [r for r, _ in rk[q["id"]][:k]])
    for field, label in (("nat", "nat"), ("kind", "kind"), ("noise", "noise"), ("dob_kind", "dob")):
        groups_p: dict[str, list[dict]] = defaultdict(list)
        groups_n: dict[str, list[dict]] = defaultdict(list)
        for q in queries:
            v = q.get(field)
            if v is None and field != "noise":
                continue
            (groups_p if q["truth"] else groups_n)[str(v or "none")].append(q)
        for g in sorted(set(groups_p) | set(groups_n)):
            out[f"{label}:{g}"] = (rate(groups_p.get(g, []), hit), rate(groups_n.get(g, []), fa))
    return out


# ---------------------------------------------------------------------------
# printing
# ---------------------------------------------------------------------------
def pct(v: float | None) -> str:
    return "    —" if v is None else f"{100 * v:5.1f}"


def print_table(title: str, header: list[str], rows: list[list[str]]) -> None:
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    line = "  ".join("-" * w for w in widths)
    print(f"\n## {title}")
    print("  ".join(h.ljust(w) if i == 0 else h.rjust(w) for i, (h, w) in enumerate(zip(header, widths, strict=False))))
    print(line)
    for r in rows:
        print("  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths, strict=False))))


def report(name: str, queries: list[dict], results: dict[str, dict], n_refs: int) -> dict:
    arms = list(results)
    npos = sum(1 for q in queries if q["truth"])
    nh = sum(1 for q in queries if q["negative"] == "hard")
    nr = sum(1 for q in queries if q["negative"] == "random")
    nreal = sum(1 for q in queries if q["negative"] == "real")
    ev = {a: evaluate(queries, r) for a, r in results.items() if r.get("ok")}
    title = f"{name}: {n_refs} references; {len(queries)} queries ({npos} listed, {nh} hard negatives, {nr} unrelated)"
    if nreal:
        title = title[:-1] + f", {nreal} real near misses)"
    rows: list[list[str]] = []

    def cell(a: str, f) -> str:  # type: ignore[no-untyped-def]
        if not results[a].get("ok"):
            return "n/a"
        return f(a)

    rows.append(["threshold (arm default)"] + [cell(a, lambda a: f"{results[a]['threshold']:.2f}") for a in arms])
    for key, label in (
        ("recall", "recall % (listed found)"),
        ("fa_hard", "false alarms % hard neg"),
        ("fa_random", "false alarms % unrelated"),
        ("fa_real", "false alarms % real near misses"),
        ("fa_all", "false alarms % all neg"),
    ):
        rows.append([label] + [cell(a, lambda a, key=key: pct(ev[a][key][0])) for a in arms])
    rows.append(["wrong alerts / query"] + [cell(a, lambda a: f"{ev[a]['wrong_per_q'][0]:.3f}") for a in arms])
    rows.append(["alert precision %"] + [cell(a, lambda a: pct(ev[a]["precision"][0])) for a in arms])
    for k in (1, 5, 10):
        rows.append([f"candidate recall@{k} %"] + [cell(a, lambda a, k=k: pct(ev[a][f"recall@{k}"][0])) for a in arms])
    rows.append(["prepare / index build s"] + [cell(a, lambda a: f"{results[a]['prep_s']:.2f}") for a in arms])

    def qps(a: str) -> float:
        return float(statistics.median(results[a]["qps_runs"]))

    rows.append(["queries/s (median of runs)"] + [cell(a, lambda a: f"{qps(a):.1f}") for a in arms])
    rows.append(
        ["  runs: labelled pass/fresh"]
        + [cell(a, lambda a: "/".join(f"{x:.0f}" for x in results[a]["qps_runs"])) for a in arms]
    )
    rows.append(
        ["comparisons/s (pairwise)"]
        + [cell(a, lambda a: "—" if a == "namematch-index" else f"{qps(a) * n_refs:,.0f}") for a in arms]
    )
    rows.append(["ms / query (median)"] + [cell(a, lambda a: f"{1000 / qps(a):.2f}") for a in arms])
    rows.append(["peak RSS MB"] + [cell(a, lambda a: f"{results[a]['rss_peak_mb']:.0f}") for a in arms])
    rows.append(["  RSS after import MB"] + [cell(a, lambda a: f"{results[a]['rss_base_mb']:.0f}") for a in arms])
    print_table(title, ["metric", *arms], rows)

    for prefix, head in (
        ("nat:", "by nationality"),
        ("kind:", "by rendering kind"),
        ("noise:", "by noise applied to the query"),
        ("dob:", "by date-of-birth variant"),
    ):
        keys = sorted({k for a in ev for k in ev[a] if k.startswith(prefix)})
        if not keys:
            continue
        rows = []
        for k in keys:
            any_arm = next(iter(ev))
            (_, np_), (_, nn) = ev[any_arm][k]
            row = [f"{k[len(prefix) :]} (n={np_}/{nn})"]
            for a in arms:
                if a not in ev:
                    row.append("n/a")
                    continue
                (rp, _), (rf, _) = ev[a][k]
                row.append(f"{pct(rp)} | {pct(rf)}")
            rows.append(row)
        print_table(f"{name} — {head}: recall % | false-alarm % (n = listed/negative queries)", ["group", *arms], rows)
    for a in arms:
        if not results[a].get("ok"):
            print(f"\n[{a}] could not run: {results[a]['error']}")
    return {
        "title": title,
        "metrics": ev,
        "timing": {a: {k: v for k, v in r.items() if k != "rankings"} for a, r in results.items()},
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size", choices=sorted(SIZES), default="small")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--repeat", type=int, default=3, help="timing runs per arm (median reported)")
    ap.add_argument("--timing-queries", type=int, default=100, help="fresh queries in each extra timing run")
    ap.add_argument("--arms", nargs="*", default=ALL_ARMS, choices=ALL_ARMS)
    ap.add_argument(
        "--skip",
        nargs="*",
        default=[],
        choices=["pairwise", "large", "xscript", "heldout", "fresh", "realistic"],
        help="sets left out; fresh: the newest held-out part of the real-name set (until it is reported on)",
    )
    ap.add_argument("--plot", type=Path, default=None, help="write the realistic set's precision–recall curve here")
    ap.add_argument("--json", type=Path, default=None, help="also write all figures as JSON here")
    a = ap.parse_args()

    import random

    from generate import build_references, generate, write_jsonl
    from xscript import DEV as XSCRIPT_DEV
    from xscript import DEV_NEGATIVES as XSCRIPT_DEV_NEGATIVES
    from xscript import HELD_OUT_PARTS
    from xscript import load as load_xscript

    pr, pq, ir, iq = SIZES[a.size]
    print(
        f"# namematch benchmark — size={a.size} seed={a.seed} repeat={a.repeat} "
        f"timing-queries={a.timing_queries} python={platform.python_version()} cpus={os.cpu_count()}"
    )
    from importlib.metadata import version as _v

    import nmimport

    vers = []
    for pkg in ("nomenklatura", "followthemoney", "rapidfuzz", "anyascii"):
        try:
            vers.append(f"{pkg} {_v(pkg)}")
        except Exception:
            vers.append(f"{pkg} missing")
    print(f"# namematch {nmimport.describe()}; " + ", ".join(vers))
    tmp = Path(tempfile.mkdtemp(prefix="nm-bench-"))

    def pool(n: int, seed: int) -> tuple[list[dict], set[str]]:
        _, persons, seen = build_references(n, random.Random(seed))  # same draw as generate(n, .., seed)
        return persons, seen

    datasets = []
    if "pairwise" not in a.skip:
        datasets.append(("synthetic pairwise set", generate(pr, pq, a.seed), a.arms, pool(pr, a.seed)))
    if "xscript" not in a.skip:
        # timing runs here use generated persons (not on the list) rendered the same ways
        datasets.append(
            (
                "xscript-dev (real renderings)",
                load_xscript(paths=XSCRIPT_DEV, negatives=XSCRIPT_DEV_NEGATIVES),
                a.arms,
                pool(200, a.seed + 99),
            )
        )
    if "xscript" not in a.skip and "heldout" not in a.skip:
        for k, (path, seed, status) in enumerate(HELD_OUT_PARTS, start=1):
            if k == len(HELD_OUT_PARTS) and "fresh" in a.skip:
                continue  # the newest part, left out until it is reported on
            label = f"xscript held-out {k} (real renderings; {status})"
            datasets.append((label, load_xscript(seed=seed, paths=(path,)), a.arms, pool(200, a.seed + 99 - k)))
    if "large" not in a.skip:
        datasets.append(
            (
                "synthetic large set",
                generate(ir, iq, a.seed + 1),
                [x for x in a.arms if x in LARGE_ARMS],
                pool(ir, a.seed + 1),
            )
        )
    all_out = {}
    for di, (name, (refs, queries), arms, (persons, seen)) in enumerate(datasets):
        rp, qp = tmp / f"{di}-refs.jsonl", tmp / f"{di}-queries.jsonl"
        write_jsonl(rp, refs)
        write_jsonl(qp, queries)
        wp = tmp / f"{di}-warm.jsonl"
        write_jsonl(wp, fresh_queries(persons, seen, 20, 10_000 + di))
        tps = []
        for rep in range(a.repeat - 1):
            tp = tmp / f"{di}-timing-{rep}.jsonl"
            write_jsonl(tp, fresh_queries(persons, seen, a.timing_queries, 20_000 + 100 * di + rep))
            tps.append(tp)
        results = {}
        for arm in arms:
            t = time.perf_counter()
            results[arm] = run_arm(arm, rp, qp, wp, tps)
            print(f"  [{name}] {arm}: {time.perf_counter() - t:.1f}s", file=sys.stderr, flush=True)
        all_out[name] = report(name, queries, results, len(refs))
    if "realistic" not in a.skip:
        # issue 15: arrivals with passport spellings against a native-script wanted list, held-out seeds only
        import realistic
        from arrivals import HELD_OUT_SEEDS

        seeds = list(HELD_OUT_SEEDS[:2] if a.size == "small" else HELD_OUT_SEEDS)
        # logic-v2 as yente runs it (against every entry) and behind nomenklatura's own blocking index
        arms = [x for x in realistic.ARMS if x in a.arms or not x.startswith("nomenklatura-logic")]
        res = realistic.run(seeds, "small", arms)
        all_out["realistic arrivals (held-out)"] = realistic.report(res, seeds, "held-out")
        if a.plot:
            realistic.plot(all_out["realistic arrivals (held-out)"], a.plot, "held-out")
    if a.json:
        a.json.parent.mkdir(parents=True, exist_ok=True)
        a.json.write_text(json.dumps(all_out, ensure_ascii=False, indent=1, default=str), encoding="utf-8")


if __name__ == "__main__":
    main()
