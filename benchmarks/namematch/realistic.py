"""The realistic evaluation of issue 15: arrivals (passport spellings, full dates of birth) screened against a
native-script wanted list (``arrivals.py``), namematch and nomenklatura's logic-v2 on the same data in the same
run, on **held-out seeds** (``arrivals.HELD_OUT_SEEDS``) unless told otherwise.

    python benchmarks/namematch/realistic.py                    # held-out seeds, the figures we report
    python benchmarks/namematch/realistic.py --dev              # development seeds (may be looked at and tuned on)
    python benchmarks/namematch/realistic.py --plot docs/img/namematch-pr.svg

Prints, per arm at its default threshold: planted wanted persons found (overall and per date variant),
namesakes alerted, unrelated travellers alerted, alerts per 1,000 arrivals and alert precision; then
namematch's calibration (share of alerts in each score band that were the person) and its precision–recall
curve, with logic-v2's point. ``--plot`` draws that curve (matplotlib, benchmark environment only).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

ARMS = ["namematch-index", "namematch-index-dob-unreliable", "nomenklatura-logic-v2", "nomenklatura-index-logic-v2"]
SIZES = {
    # wanted, planted, namesakes, unrelated (per seed)
    "small": (400, 200, 200, 600),
    "full": (1000, 500, 500, 2000),
}
BANDS = [(0.0, 0.5), (0.5, 0.6), (0.6, 0.7), (0.7, 0.8), (0.8, 0.9), (0.9, 0.95), (0.95, 1.01)]


def alerts(ranking: list[tuple[str, float]], thr: float) -> list[str]:
    return [rid for rid, s in ranking if s >= thr]


def evaluate(rows: list[dict], rankings: dict[str, list], thr: float) -> dict:
    """The figures of one arm at threshold ``thr``."""
    out: dict = {}
    groups: dict[str, list[dict]] = {"planted": [], "namesake": [], "unrelated": []}
    for r in rows:
        groups[r["group"]].append(r)
    found = [r for r in groups["planted"] if r["truth"] in alerts(rankings[r["id"]], thr)]
    out["planted found"] = (len(found), len(groups["planted"]))
    variants = sorted({r["dob_kind"] for r in groups["planted"]})
    for v in variants:
        rs = [r for r in groups["planted"] if r["dob_kind"] == v]
        out[f"  date {v}"] = (sum(1 for r in rs if r["truth"] in alerts(rankings[r["id"]], thr)), len(rs))
    for g in ("namesake", "unrelated"):
        out[f"{g}s alerted" if g == "namesake" else "unrelated alerted"] = (
            sum(1 for r in groups[g] if alerts(rankings[r["id"]], thr)),
            len(groups[g]),
        )
    n_alerts = sum(len(alerts(rankings[r["id"]], thr)) for r in rows)
    correct = sum(1 for r in groups["planted"] if r["truth"] in alerts(rankings[r["id"]], thr))
    out["alerts per 1,000 arrivals"] = (1000 * n_alerts, len(rows))
    out["alert precision"] = (correct, n_alerts)
    return out


def merge(a: dict, b: dict) -> dict:
    return {k: (a.get(k, (0, 0))[0] + v[0], a.get(k, (0, 0))[1] + v[1]) for k, v in b.items()}


def curve(
    rows: list[dict], rankings: dict[str, list], thresholds: list[float]
) -> list[tuple[float, float, float, float]]:
    """``(threshold, recall of planted persons, alert precision, alerts per 1,000 arrivals)``."""
    out = []
    for t in thresholds:
        ev = evaluate(rows, rankings, t)
        found, n = ev["planted found"]
        correct, n_alerts = ev["alert precision"]
        out.append((t, found / n if n else 0.0, correct / n_alerts if n_alerts else 1.0, 1000 * n_alerts / len(rows)))
    return out


def calibration(rows: list[dict], rankings: dict[str, list]) -> list[tuple[float, float, int, int]]:
    """Per score band of the candidates returned (top 10): how many were the person."""
    bins = {b: [0, 0] for b in BANDS}
    for r in rows:
        for rid, s in rankings[r["id"]]:
            for lo, hi in BANDS:
                if lo <= s < hi:
                    bins[(lo, hi)][1] += 1
                    if rid == r["truth"]:
                        bins[(lo, hi)][0] += 1
    return [(lo, hi, c, n) for (lo, hi), (c, n) in bins.items()]


def run(seeds: list[int], size: str, arms: list[str]) -> dict:
    from arrivals import generate
    from generate import write_jsonl
    from run import run_arm

    w, p, n, u = SIZES[size]
    tmp = Path(tempfile.mkdtemp(prefix="nm-realistic-"))
    all_rows: list[dict] = []
    rankings: dict[str, dict[str, list]] = {a: {} for a in arms}
    meta: dict[str, dict] = {}
    for seed in seeds:
        refs, rows = generate(seed, w, p, n, u)
        rp, qp, wp = tmp / f"{seed}-wanted.jsonl", tmp / f"{seed}-arrivals.jsonl", tmp / f"{seed}-warm.jsonl"
        write_jsonl(rp, refs)
        write_jsonl(qp, rows)
        _refs, warm = generate(seed + 50_000, 50, 5, 5, 10)  # first-call costs, not timed
        write_jsonl(wp, warm)
        for arm in arms:
            t = time.perf_counter()
            res = run_arm(arm, rp, qp, wp, [])
            if not res.get("ok"):
                raise SystemExit(f"{arm} could not run: {res.get('error')}\n{res.get('trace')}")
            rankings[arm].update(res["rankings"])
            m = meta.setdefault(arm, {"threshold": res["threshold"], "version": res["version"], "qps": []})
            m["qps"].append(res["qps_runs"][0])
            print(f"  [seed {seed}] {arm}: {time.perf_counter() - t:.1f} s", file=sys.stderr, flush=True)
        all_rows += rows
    return {"rows": all_rows, "rankings": rankings, "meta": meta, "refs_per_seed": w}


def pct(k: int, n: int) -> str:
    return "—" if not n else f"{100 * k / n:5.1f} % ({k}/{n})"


def report(res: dict, seeds: list[int], label: str) -> dict:
    rows, rankings, meta = res["rows"], res["rankings"], res["meta"]
    arms = list(rankings)
    evs = {a: evaluate(rows, rankings[a], meta[a]["threshold"]) for a in arms}
    print(
        f"\n## realistic arrivals ({label} seeds {', '.join(map(str, seeds))}): {res['refs_per_seed']} wanted persons "
        f"per seed (native script); {len(rows)} arrivals (passport spellings)"
    )
    head = ["figure", *[f"{a} (≥ {meta[a]['threshold']:.2f})" for a in arms]]
    table = []
    for key in evs[arms[0]]:
        cells = [key]
        for a in arms:
            k, n = evs[a][key]
            cells.append(f"{k / n:.1f}" if key.startswith("alerts per") else pct(k, n))
        table.append(cells)
    table.append(
        ["queries/s (labelled pass, per seed)", *[" / ".join(f"{x:.0f}" for x in meta[a]["qps"]) for a in arms]]
    )
    widths = [max(len(r[i]) for r in [head, *table]) for i in range(len(head))]
    print("  ".join(h.ljust(w) for h, w in zip(head, widths, strict=True)))
    print("  ".join("-" * w for w in widths))
    for r in table:
        print("  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths, strict=True))))

    nm = "namematch-index"
    print(f"\n### {nm}: what a score means (candidates in the top 10, {label} seeds)")
    print("score band     share that was the wanted person")
    cal = calibration(rows, rankings[nm])
    for lo, hi, c, n in cal:
        print(f"[{lo:.2f}, {min(hi, 1.0):.2f}{']' if hi > 1 else ')'}  {pct(c, n)}")
    grid = [round(0.30 + 0.02 * i, 2) for i in range(36)]
    cur = curve(rows, rankings[nm], grid)
    print(f"\n### {nm}: precision–recall by threshold ({label} seeds)")
    print("threshold  planted found  alert precision  alerts / 1,000")
    for t, r, p, apk in cur:
        print(f"{t:9.2f}  {100 * r:12.1f} %  {100 * p:14.1f} %  {apk:14.1f}")
    lv = "nomenklatura-logic-v2"
    point = None
    if lv in evs:
        (f, n), (c, na) = evs[lv]["planted found"], evs[lv]["alert precision"]
        point = (f / n if n else 0.0, c / na if na else 1.0)
        print(
            f"{lv} at {meta[lv]['threshold']:.2f}: planted found {100 * point[0]:.1f} %, "
            f"precision {100 * point[1]:.1f} %"
        )
    return {"evaluation": evs, "calibration": cal, "curve": cur, "peer_point": point, "meta": meta}


def plot(out: dict, path: Path, label: str) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import nmimport

    nm = nmimport.load()
    default = float(nm.DEFAULT_THRESHOLD)
    cur = out["curve"]
    fig, ax = plt.subplots(figsize=(6, 4.5))
    ax.plot([r for _t, r, _p, _a in cur], [p for _t, _r, p, _a in cur], "-", color="#1f77b4", label=str(nm.ALGORITHM))
    marked: list[tuple[float, float]] = []
    # the default threshold first, then every tenth whose point is not already marked (several thresholds often
    # give the same recall and precision: their labels would be written over each other)
    ranked = sorted(cur, key=lambda c: abs(c[0] - default) > 1e-6)
    for t, r, p, _a in ranked:
        if abs(t - default) < 1e-6:
            ax.annotate(
                f"{t:.2f} (default)",
                (r, p),
                textcoords="offset points",
                xytext=(-95, -45),
                fontsize=7,
                arrowprops={"arrowstyle": "->", "lw": 0.6, "color": "#444444"},
            )
            ax.plot([r], [p], "D", color="#1f77b4", ms=5)
        elif abs(t * 100 % 10) < 1e-6 and all(abs(r - x) > 0.01 or abs(p - y) > 0.02 for x, y in marked):
            ax.annotate(f"{t:.2f}", (r, p), textcoords="offset points", xytext=(4, -10), fontsize=7)
            ax.plot([r], [p], "o", color="#1f77b4", ms=3)
        else:
            continue
        marked.append((r, p))
    if out["peer_point"]:
        r, p = out["peer_point"]
        ax.plot([r], [p], "s", color="#d62728", label="nomenklatura logic-v2 (0.70)")
    ax.set_xlabel("wanted persons found (recall)")
    ax.set_ylabel("alerts that were the person (precision)")
    ax.set_xlim(0, 1.02)
    ax.set_ylim(0, 1.02)
    ax.grid(alpha=0.3)
    ax.legend(loc="lower left")
    ax.set_title(f"Realistic arrivals, {label} seeds (threshold marked)", fontsize=10)
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.tight_layout()
    fig.savefig(path, metadata={"Date": None} if path.suffix == ".svg" else None)
    print(f"wrote {path}")


def main() -> None:
    from arrivals import DEV_SEEDS, HELD_OUT_SEEDS

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dev", action="store_true", help="development seeds instead of the held-out ones")
    ap.add_argument("--seeds", type=int, nargs="*", default=None)
    ap.add_argument("--size", choices=sorted(SIZES), default="small")
    ap.add_argument("--arms", nargs="*", default=ARMS)
    ap.add_argument("--plot", type=Path, default=None, help="write the precision–recall curve (.svg or .png)")
    ap.add_argument("--json", type=Path, default=None)
    a = ap.parse_args()
    seeds = a.seeds or list(DEV_SEEDS if a.dev else HELD_OUT_SEEDS)
    label = "held-out" if set(seeds) <= set(HELD_OUT_SEEDS) else "development"
    res = run(seeds, a.size, a.arms)
    out = report(res, seeds, label)
    if a.plot:
        plot(out, a.plot, label)
    if a.json:
        a.json.parent.mkdir(parents=True, exist_ok=True)
        a.json.write_text(json.dumps(out, default=str, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
