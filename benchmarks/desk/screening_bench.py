"""Screening benchmark: a 100,000-row list against 10,000 persons of active notices, on SQLite.

    .venv/bin/python benchmarks/desk/screening_bench.py                       # the issue's size
    .venv/bin/python benchmarks/desk/screening_bench.py --rows 20000 --persons 5000 --peer-rows 5000

Target (issue 5, deliverable 8): the list screened in under 2 minutes with the progress bar live.

What runs: persons (native-script names from benchmarks/namematch/generate.py: Vietnamese, Korean, Chinese,
Russian, one of each in turn) are bulk-loaded into a fresh SQLite database with an active wanted notice
each; a CSV arrivals list is written with planted variants (renderings of listed persons in other scripts
and spellings, 25 % with a typo or OCR error, dates of birth exact, partial, swapped or missing), hard
negatives (another person sharing the surname and a given syllable) and unrelated travellers. The list is
uploaded with `do_upload_list` (hash, encoding, header, row count), its columns mapped from the Vietnamese
header, and screened by the background task's own code (`tasks.screen_list`, i.e. engine.execute_run with
the default worker count) while a second thread reads the run's progress from its own database connection
as the run page does. Peak memory is the summed PSS of the process and its forked screening workers.

Two lists (``--list``): ``realistic`` (the default; issue 15) is an arrivals list as passports spell it —
benchmarks/namematch/arrivals.py: upper-case passport Latin names (Vietnamese without diacritics, Korean
customary surname + Revised Romanization, pinyin, ICAO 9303 for Russian), full dates of birth, sex and
nationality; 2 % planted wanted persons (date exact, missing, year only, day/month swapped, one digit off),
8 % namesakes of wanted persons born at least 3 years apart, 90 % unrelated travellers — screened against
wanted persons drawn the same way (native-script names, a tenth with the birth year only). ``synthetic`` is
the earlier list from generate.py (renderings in every script, hard negatives). The review workload is
printed as alerts per 1,000 rows, with the recall of planted persons, for namematch and the peer.

Peer (same run, same persons, same rows): anyascii transliteration + rapidfuzz `token_set_ratio` ≥ 85
against every person (`process.extract`, in 2 forked processes) on the first --peer-rows rows; its time is projected
linearly to the whole list.
"""

from __future__ import annotations

import argparse
import csv
import io
import random
import threading
import time
from typing import Any

from common import MemorySampler, header, load_persons, make_agencies, references, setup_django, table, workdir

TARGET_S = 120.0
HEADER = ["STT", "Họ và tên", "Ngày sinh", "Quốc tịch", "Giới tính"]


def build_list(
    persons: list[dict], seen: set[str], rows: int, planted: int, hard: int, rng: random.Random
) -> tuple[bytes, dict[int, str]]:
    """The CSV bytes and, for each planted row (spreadsheet row number), the generator id of its person."""
    from generate import query_of_type

    kinds = ["listed"] * planted + ["hard"] * hard + ["random"] * (rows - planted - hard)
    rng.shuffle(kinds)
    truth: dict[int, str] = {}
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADER)
    for i, kind in enumerate(kinds):
        query = query_of_type(kind, persons, seen, rng, 0.25)
        number = i + 2  # the header is row 1
        if query["truth"]:
            truth[number] = query["truth"]
        writer.writerow(
            [
                f"P{i + 1:06d}",
                query["names"][0],
                query["birth_date"] or "",
                (query["nationalities"] or [""])[0],
                query["sex"] or "",
            ]
        )
    return buffer.getvalue().encode("utf-8"), truth


def build_arrivals(
    wanted: list[dict], rows: int, planted: int, namesakes: int, rng: random.Random
) -> tuple[bytes, dict[int, str], set[int]]:
    """The realistic list (arrivals.py): CSV bytes, the planted rows' wanted-person ids, the namesake rows."""
    from arrivals import DATE_VARIANTS, namesake, person_key, unrelated
    from arrivals import planted as plant

    taken = {person_key(p) + p["sex"] for p in wanted}
    swappable = [p for p in wanted if p["dob"].day <= 12 and p["dob"].day != p["dob"].month]
    kinds = ["planted"] * planted + ["namesake"] * namesakes + ["unrelated"] * (rows - planted - namesakes)
    rng.shuffle(kinds)
    truth: dict[int, str] = {}
    namesake_rows: set[int] = set()
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADER)
    for i, kind in enumerate(kinds):
        number = i + 2
        if kind == "planted":
            variant = DATE_VARIANTS[i % len(DATE_VARIANTS)]
            p = rng.choice(swappable if variant == "day-month-swap" else wanted)
            row = plant(p, variant, rng)
            truth[number] = p["id"]
        elif kind == "namesake":
            row = namesake(rng.choice(wanted), rng)
            namesake_rows.add(number)
        else:
            row = unrelated(rng, taken)
        writer.writerow(
            [f"P{i + 1:06d}", row["names"][0], row["birth_date"] or "", row["nationalities"][0], row["sex"]]
        )
    return buffer.getvalue().encode("utf-8"), truth, namesake_rows


def realistic_references(n: int, seed: int) -> tuple[list[dict], list[dict], random.Random]:
    from arrivals import native, wanted_list

    rng = random.Random(seed)
    wanted = wanted_list(n, rng)
    refs = [
        {
            "id": p["id"],
            "names": [native(p)],
            "birth_date": p["dob_written"],
            "nationalities": [p["nat"]],
            "sex": p["sex"],
        }
        for p in wanted
    ]
    return refs, wanted, rng


def per_thousand(alerts: int, rows: int) -> str:
    return f"{1000 * alerts / max(1, rows):8.1f}   ({alerts:,} alerts on {rows:,} rows)"


def share(part: int, whole: int) -> str:
    return f"{part:8,} of {whole:,} ({100 * part / max(1, whole):.1f} %)"


class ProgressReader(threading.Thread):
    """Reads the run's rows_done from its own database connection, as the polled progress fragment does."""

    def __init__(self, run_id: int, every: float = 0.5) -> None:
        super().__init__(daemon=True)
        self.run_id = run_id
        self.every = every
        self.seen: list[tuple[float, int]] = []
        self.stop_event = threading.Event()

    def run(self) -> None:
        from django.db import connection

        from liaison.screening.models import ScreeningRun

        started = time.monotonic()
        try:
            while not self.stop_event.wait(self.every):
                done = ScreeningRun.objects.filter(pk=self.run_id).values_list("rows_done", flat=True).first() or 0
                if not self.seen or self.seen[-1][1] != done:
                    self.seen.append((time.monotonic() - started, done))
        finally:
            connection.close()


_PEER: dict[str, Any] = {}


def _fold(text: str) -> str:
    import re

    from anyascii import anyascii

    return re.sub(r"[^0-9a-z]+", " ", anyascii(text).lower()).strip()


def _peer_chunk(names: list[str]) -> list[list[int]]:
    from rapidfuzz import fuzz, process

    choices = _PEER["choices"]
    out = []
    for name in names:
        found = process.extract(_fold(name), choices, scorer=fuzz.token_set_ratio, score_cutoff=85, limit=None)
        out.append([index for _choice, _score, index in found])
    return out


def peer(
    names: list[str], person_names: list[str], person_ids: list[str], truth: dict[int, str], n: int
) -> dict[str, Any]:
    """rapidfuzz token-set baseline on the first n rows (names only, as in the namematch benchmark), in two
    forked processes like the screening run."""
    import multiprocessing

    started = time.perf_counter()
    _PEER["choices"] = [_fold(name) for name in person_names]
    prepare_s = time.perf_counter() - started
    sample = names[:n]
    found = planted = alerted_rows = alerts = 0
    started = time.perf_counter()
    chunks = [sample[i : i + 250] for i in range(0, len(sample), 250)]
    with multiprocessing.get_context("fork").Pool(2) as pool:
        results = [hits for part in pool.imap(_peer_chunk, chunks) for hits in part]
    for offset, hits in enumerate(results):
        row = offset + 2
        alerts += len(hits)
        if row in truth:
            planted += 1
            found += any(person_ids[i] == truth[row] for i in hits)
        elif hits:
            alerted_rows += 1
    elapsed = time.perf_counter() - started
    return {
        "rows": len(sample),
        "prepare_s": prepare_s,
        "seconds": elapsed,
        "rows_per_s": len(sample) / elapsed if elapsed else 0.0,
        "planted": planted,
        "found": found,
        "false_alarm_rows": alerted_rows,
        "negatives": len(sample) - planted,
        "alerts": alerts,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--persons", type=int, default=10_000)
    parser.add_argument("--planted", type=float, default=0.02, help="share of rows that are listed persons")
    parser.add_argument(
        "--hard", type=float, default=0.08, help="share of rows that are hard negatives (realistic list: namesakes)"
    )
    parser.add_argument("--list", choices=["realistic", "synthetic"], default="realistic")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--peer-rows", type=int, default=5_000, help="rows the rapidfuzz peer screens (0: none)")
    parser.add_argument("--jobs", type=int, default=None, help="screening processes (default: the task's own)")
    parser.add_argument("--keep", help="work in this folder (kept) instead of a temporary one")
    args = parser.parse_args()

    folder = workdir(args.keep)
    setup_t = time.perf_counter()
    setup_django(folder)
    from django.core.files.base import ContentFile

    from liaison.core import context
    from liaison.core.models import AuditEvent
    from liaison.screening import actions, engine
    from liaison.screening.models import Hit, ScreeningRun
    from liaison.screening.tasks import screen_list

    home, _partner, officer = make_agencies()
    planted = int(args.rows * args.planted)
    hard = int(args.rows * args.hard)
    namesake_rows: set[int] = set()
    if args.list == "realistic":
        refs, wanted, rng = realistic_references(args.persons, args.seed)
        pks = load_persons(refs, home, with_notices=True)
        content, truth, namesake_rows = build_arrivals(wanted, args.rows, planted, hard, rng)
    else:
        refs, persons, seen, rng = references(args.persons, args.seed)
        pks = load_persons(refs, home, with_notices=True)
        content, truth = build_list(persons, seen, args.rows, planted, hard, rng)
    setup_s = time.perf_counter() - setup_t

    memory = MemorySampler()
    memory.start()
    with context.channel(context.CHANNEL_CLI):
        upload_t = time.perf_counter()
        screening_list = actions.do_upload_list(
            ContentFile(content, name="arrivals-bench.csv"), name="Benchmark arrivals", kind="arrivals", actor=officer
        )
        upload_s = time.perf_counter() - upload_t
        if args.jobs is not None:
            from django.conf import settings

            settings.LIAISON_SCREENING_JOBS = args.jobs
        run = actions.do_start_run(screening_list, actor=officer, background=False)
    reader = ProgressReader(run.pk)
    reader.start()
    run_t = time.perf_counter()
    result = screen_list.call(run.pk)  # the background task itself (channel 'job')
    run_s = time.perf_counter() - run_t
    reader.stop_event.set()
    reader.join()
    peak = memory.stop()
    run = ScreeningRun.objects.get(pk=run.pk)
    finish = AuditEvent.objects.get(action="screening_run.finish", object_id=str(run.pk))

    truth_pk = {row: pks[ref_id] for row, ref_id in truth.items()}
    hits = list(Hit.objects.filter(run=run).values_list("row_number", "person_id"))
    by_row: dict[int, set[int]] = {}
    for row, person in hits:
        by_row.setdefault(row, set()).add(person)
    found = sum(1 for row, person in truth_pk.items() if person in by_row.get(row, ()))
    negatives = args.rows - len(truth_pk)
    alarm_rows = sum(1 for row in by_row if row not in truth_pk)
    namesake_alarms = sum(1 for row in by_row if row in namesake_rows)

    header(
        f"screening benchmark: {args.rows:,} rows ({args.list} list) against {args.persons:,} persons of active notices"
    )
    print(f"# mapping guessed from the header: {screening_list.mapping}")
    workers = engine.worker_count(args.rows, args.jobs)
    print(f"# {workers} screening process(es); namematch {run.algorithm}; threshold {run.threshold}")
    verdict = "PASS" if run_s <= TARGET_S else "FAIL"
    gaps = [b[0] - a[0] for a, b in zip(reader.seen, reader.seen[1:], strict=False)]
    largest_gap = max(gaps, default=0.0)
    size_mb = len(content) / 2**20
    index_s = float(finish.after.get("index_seconds", 0))
    table(
        [
            ("set-up (generate, load persons and notices)", f"{setup_s:8.1f} s   (not measured)"),
            ("upload: hash, encoding, header, row count", f"{upload_s:8.1f} s   ({size_mb:.1f} MB)"),
            ("run status", f"{run.status} {run.error}"),
            ("  index of active-notice persons built in", f"{index_s:8.1f} s   ({run.references:,} persons)"),
            ("  screening run, start to finish", f"{run_s:8.1f} s   -> {args.rows / run_s:,.0f} rows/s"),
            ("  target: under 2 minutes", f"{verdict} ({run_s:.0f} s of {TARGET_S:.0f} s)"),
            ("  upload + run", f"{upload_s + run_s:8.1f} s"),
            ("hits stored", f"{run.hit_count:8,}   (problems in rows {run.bad_row_count:,})"),
            ("planted variants found", share(found, len(truth_pk))),
            ("rows of other travellers raising a hit", share(alarm_rows, negatives)),
            ("  of them namesakes (3+ years apart)", share(namesake_alarms, len(namesake_rows))),
            ("review workload: alerts per 1,000 rows", per_thousand(run.hit_count, args.rows)),
            ("peak memory (sum of PSS, with workers)", f"{peak:8,.0f} MB"),
            ("progress seen by a concurrent reader", f"{len(reader.seen):8} updates, largest gap {largest_gap:.1f} s"),
            ("task result", str(result)),
        ]
    )  # fmt: skip
    if args.peer_rows:
        names = [row[1] for row in csv.reader(io.StringIO(content.decode("utf-8")))][1:]
        person_ids = [ref["id"] for ref in refs]
        person_names = [ref["names"][0] for ref in refs]
        p = peer(names, person_names, person_ids, truth, args.peer_rows)
        projected = p["seconds"] * args.rows / max(1, p["rows"])
        within = "within" if projected <= TARGET_S else "OVER"
        print(
            f"\n## peer: anyascii + rapidfuzz token_set_ratio >= 85, names only, first {p['rows']:,} rows, 2 processes"
        )
        table(
            [
                ("prepare (fold the persons' names)", f"{p['prepare_s']:8.2f} s"),
                ("screening", f"{p['seconds']:8.1f} s   -> {p['rows_per_s']:,.0f} rows/s"),
                (f"projected for {args.rows:,} rows", f"{projected:8.1f} s   ({within} the 2-minute target)"),
                ("planted variants found", share(p["found"], p["planted"])),
                ("rows of other travellers raising a hit", share(p["false_alarm_rows"], p["negatives"])),
                ("review workload: alerts per 1,000 rows", per_thousand(p["alerts"], p["rows"])),
            ]
        )
        sample_truth = {row: person for row, person in truth_pk.items() if row < p["rows"] + 2}
        sample_found = sum(1 for row, person in sample_truth.items() if person in by_row.get(row, ()))
        sample_rows = {row for row in by_row if row < p["rows"] + 2 and row not in sample_truth}
        sample_alerts = sum(len(v) for row, v in by_row.items() if row < p["rows"] + 2)
        print(f"namematch on the same {p['rows']:,} rows:")
        table(
            [
                ("planted variants found", share(sample_found, len(sample_truth))),
                ("rows of other travellers raising a hit", share(len(sample_rows), p["rows"] - len(sample_truth))),
                ("review workload: alerts per 1,000 rows", per_thousand(sample_alerts, p["rows"])),
            ]
        )
    print(f"\n(work folder: {folder})")


if __name__ == "__main__":
    main()
