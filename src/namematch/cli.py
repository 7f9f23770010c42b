"""The ``namematch`` command: compare, screen, explain, bench."""

from __future__ import annotations

import argparse
import contextlib
import csv
import json
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from itertools import chain, islice
from typing import Any, TextIO

from namematch import COMPILED
from namematch.io import FatalInputError, LoadResult, iter_records, load_records
from namematch.model import ALGORITHM, DEFAULT_THRESHOLD, DOB_POLICIES, DOB_STRICT, Candidate, Record


def _nats(values: list[str] | None) -> list[str]:
    out: list[str] = []
    for v in values or []:
        out.extend(x.strip() for x in v.replace(";", ",").split(",") if x.strip())
    return out


def _cmd_compare(args: argparse.Namespace, out: TextIO) -> int:
    from namematch.scoring import compare

    a = Record(
        id="a",
        names=[args.name_a],
        birth_date=args.birth_date_a,
        nationalities=_nats(args.nationality_a),
        sex=args.sex_a,
        documents=args.document_a or [],
        mrz=args.mrz_a,
    )
    b = Record(
        id="b",
        names=[args.name_b],
        birth_date=args.birth_date_b,
        nationalities=_nats(args.nationality_b),
        sex=args.sex_b,
        documents=args.document_b or [],
        mrz=args.mrz_b,
    )
    m = compare(a, b, dob_policy=args.dob_policy)
    if args.json:
        out.write(json.dumps(m.as_dict(), ensure_ascii=False) + "\n")
        return 0
    verdict = "possible match" if m.score >= args.threshold else "no match"
    out.write(f"score {m.score:.3f} ({verdict} at threshold {args.threshold:.2f}; {m.algorithm})\n")
    for ev in m.explanation:
        out.write(f"  {ev}\n")
    return 0


def _cmd_explain(args: argparse.Namespace, out: TextIO) -> int:
    from namematch.names import prepare

    for name in args.names:
        pn = prepare(name)
        if args.json:
            out.write(
                json.dumps(
                    {
                        "name": pn.text,
                        "script": pn.script,
                        "readings": [
                            {
                                "label": r.label,
                                "family": r.family,
                                "parts": [
                                    {"text": a.text, "romanised": list(a.alts), "weight": a.weight} for a in r.atoms
                                ],
                                "keys": sorted({k for s in r.segments for k in s.skels}),
                            }
                            for r in pn.readings
                        ],
                    },
                    ensure_ascii=False,
                )
                + "\n"
            )
            continue
        out.write(f"{pn.text}  [script: {pn.script}]\n")
        for r in pn.readings:
            out.write(f"  {r.label}: {r.describe()}\n")
            parts = ", ".join(f"{a.text}={a.weight:.2f}" for a in r.atoms)
            out.write(f"    weights: {parts}\n")
            out.write("    keys: " + " ".join(sorted({k for s in r.segments for k in s.skels})) + "\n")
    return 0


def _cmd_bench(args: argparse.Namespace, out: TextIO) -> int:
    from namematch.bench import run_bench

    jobs = args.jobs if args.jobs > 0 else (os.cpu_count() or 1)
    r = run_bench(args.records, args.queries, seed=args.seed, jobs=jobs)
    build = "compiled with mypyc" if COMPILED else "plain Python"
    out.write(
        f"{ALGORITHM} ({build}): index of {r.records} records built in {r.build_s:.1f} s; "
        f"{r.queries} queries ({jobs} job(s)) in {r.query_s:.1f} s = {r.queries_per_s:.0f} queries/s; "
        f"{r.hits} hits; elapsed (build + screen) {r.elapsed_s:.1f} s "
        f"(query generation {r.generate_s:.1f} s not counted); "
        f"peak memory {r.peak_mib:.0f} MiB (RSS: parent {r.parent_peak_mib:.0f} MiB"
        + (f" + {jobs} x largest worker {r.worker_peak_mib:.0f} MiB" if r.worker_peak_mib else "")
        + ")\n"
    )
    return 0


def _parse_map(items: list[str] | None) -> dict[str, str]:
    mapping: dict[str, str] = {}
    for item in items or []:
        if "=" not in item:
            raise FatalInputError(f"--map {item!r}: expected FIELD=COLUMN")
        k, v = item.split("=", 1)
        mapping[k.strip().lower()] = v.strip()
    return mapping


def _results(
    index: Any,
    queries: Iterable[Record],
    top: int,
    threshold: float,
    jobs: int,
    progress: Any,
    dob_policy: str = DOB_STRICT,
) -> Iterator[tuple[str, list[Candidate]]]:
    from namematch.parallel import screen_records

    for item in screen_records(index, queries, top=top, threshold=threshold, jobs=jobs, dob_policy=dob_policy):
        yield item
        progress.update(1)


def _cmd_screen(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from tqdm import tqdm

    from namematch.index import Index
    from namematch.parallel import MIN_PARALLEL

    mapping = _parse_map(args.map)
    fmt = os.path.splitext(args.output)[1].lower()
    if fmt not in (".csv", ".jsonl", ".ndjson"):
        raise FatalInputError(f"{args.output}: output must be .csv or .jsonl")
    lst = load_records(args.against, mapping)
    for p in lst.problems:
        err.write(f"{p}\n")
    # the queries are read as they are screened, never held all at once (a list of a million arrivals
    # would take about 600 MiB more, and 15-20 s of reading before the first was screened); their first
    # rows are read now, so that a file that cannot be screened stops the command before anything is built
    qs = LoadResult()
    stream = iter_records(args.queries, mapping, qs)
    head = list(islice(stream, MIN_PARALLEL))
    counted = [0]

    def queries() -> Iterator[Record]:
        for q in chain(head, stream):
            counted[0] += 1
            yield q

    index = Index(lst.records)
    n_list_problems, n_list_skipped = len(lst.problems), lst.skipped
    del lst
    jobs = args.jobs if args.jobs > 0 else (os.cpu_count() or 1)
    tty = hasattr(err, "isatty") and err.isatty() and not args.quiet
    n_hits = 0
    # fewer queries than MIN_PARALLEL: a list (sized), which screen_records screens in this process
    todo: Iterable[Record] = head if len(head) < MIN_PARALLEL else queries()
    with (
        open(args.output, "w", encoding="utf-8", newline="") as f,
        tqdm(total=None, disable=not tty, file=err, unit="q") as bar,
    ):
        writer = csv.writer(f) if fmt == ".csv" else None
        if writer:
            writer.writerow(["query_id", "candidate_id", "score", "algorithm", "explanation"])
        for qid, cands in _results(index, todo, args.top, args.threshold, jobs, bar, args.dob_policy):
            for c in cands:
                n_hits += 1
                if writer:
                    writer.writerow([qid, c.record_id, f"{c.score:.4f}", c.algorithm, str(c.explanation)])
                else:
                    f.write(
                        json.dumps(
                            {
                                "query_id": qid,
                                "candidate_id": c.record_id,
                                "score": round(c.score, 4),
                                "algorithm": c.algorithm,
                                "explanation": c.explanation.as_dict(),
                            },
                            ensure_ascii=False,
                        )
                        + "\n"
                    )
    for p in qs.problems:  # the queries' problems, met while they were screened
        err.write(f"{p}\n")
    n_queries = len(head) if todo is head else counted[0]
    n_bad = n_list_problems + len(qs.problems)
    err.write(
        f"screened {n_queries} queries against {len(index)} records: {n_hits} hit(s) at "
        f"threshold {args.threshold:.2f} ({ALGORITHM}, dates of birth: {args.dob_policy}); "
        f"{n_bad} problem(s) reported, "
        f"{n_list_skipped + qs.skipped} row(s) skipped\n"
    )
    return 0


_DOB_HELP = (
    "strict (default): full dates of birth that differ beyond a typo or a day/month swap mean different "
    "persons; unreliable: dates of birth may be false (intelligence-led lists), such hits are kept, ranked lower"
)


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="namematch", description="Cross-script person-name matching.")
    p.add_argument("--version", action="version", version=ALGORITHM)
    sub = p.add_subparsers(dest="command", required=True)

    c = sub.add_parser("compare", help="score two persons and explain the score")
    c.add_argument("name_a")
    c.add_argument("name_b")
    for side in ("a", "b"):
        c.add_argument(f"--birth-date-{side}")
        c.add_argument(f"--nationality-{side}", action="append", help="ISO 3166 alpha-2; repeatable")
        c.add_argument(f"--sex-{side}")
        c.add_argument(f"--document-{side}", action="append", help="identity-document number; repeatable")
        c.add_argument(f"--mrz-{side}", help="machine-readable zone, lines separated by newlines")
    c.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD)
    c.add_argument("--dob-policy", choices=DOB_POLICIES, default=DOB_STRICT, help=_DOB_HELP)
    c.add_argument("--json", action="store_true", help="print the result as JSON")

    s = sub.add_parser("screen", help="screen a list of queries against a list of persons")
    s.add_argument("queries", help="CSV, XLSX or JSONL with id and name columns")
    s.add_argument("--against", required=True, help="the list to screen against (CSV, XLSX or JSONL)")
    s.add_argument("--output", "-o", required=True, help="output file, .csv or .jsonl")
    s.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD)
    s.add_argument("--top", type=int, default=10, help="at most K candidates per query")
    s.add_argument("--dob-policy", choices=DOB_POLICIES, default=DOB_STRICT, help=_DOB_HELP)
    s.add_argument(
        "--map",
        action="append",
        metavar="FIELD=COLUMN",
        help="read FIELD (id, name, birth_date, nationality, sex, document_number, mrz) from COLUMN",
    )
    s.add_argument("--jobs", "-j", type=int, default=1, help="worker processes (0 = one per CPU)")
    s.add_argument("--quiet", "-q", action="store_true", help="no progress bar")

    e = sub.add_parser("explain", help="show the romanised readings and keys derived from names")
    e.add_argument("names", nargs="+")
    e.add_argument("--json", action="store_true")

    b = sub.add_parser("bench", help="quick self-benchmark on synthetic records")
    b.add_argument("--records", type=int, default=20_000)
    b.add_argument("--queries", type=int, default=2_000)
    b.add_argument("--seed", type=int, default=1)
    b.add_argument("--jobs", "-j", type=int, default=1, help="worker processes (0 = one per CPU)")
    return p


def main(argv: Sequence[str] | None = None, *, stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    out = stdout or sys.stdout
    err = stderr or sys.stderr
    args = build_parser().parse_args(argv)
    try:
        if args.command == "compare":
            return _cmd_compare(args, out)
        if args.command == "explain":
            return _cmd_explain(args, out)
        if args.command == "bench":
            return _cmd_bench(args, out)
        return _cmd_screen(args, out, err)
    except FatalInputError as exc:
        err.write(f"namematch: error: {exc}\n")
        return 2
    except BrokenPipeError:
        # the reader went away (`namematch compare … | head -1`): stop quietly, as other Unix tools do
        with contextlib.suppress(OSError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except OSError as exc:
        err.write(f"namematch: error: {exc}\n")
        return 2
