"""Message search as the inbox and the API run it, with 100,000 exchange messages stored (issue 17: under 300 ms at
the 95th percentile), on SQLite and PostgreSQL, beside the naive peer.

    /work/main/.venv/bin/python benchmarks/exchange/search_bench.py                  # both databases, 100,000
    /work/main/.venv/bin/python benchmarks/exchange/search_bench.py --db sqlite --messages 20000 --queries 50

Per database, in a process of its own, on a fresh database migrated from scratch:
1. six agencies (ours, VN-MPS, and five partners); --messages exchange.Message rows (subject and body from
   benchmarks/fulltext/corpus.py, six languages in turn) with their Recipient rows: 40 % ours to a partner, 40 % a
   partner's to us, 20 % between partners (which we must never find); 2 % of those to us recalled;
2. indexed with `liaison fulltext rebuild --kind exchange.message` (exchange/searching.py's source; timed);
3. --queries queries (benchmarks/fulltext/corpus.py: Vietnamese without diacritics, Korean, Chinese, Russian,
   English; a word, two words, a word and a place, a full name), each timed --repeat times (its median kept), as
   the list page runs it for an officer of VN-MPS: `search_messages(access.restrict(Message, officer), q)`,
   newest first (the list's default order, -created_at), its count and its first page of 25 with the owner and
   the recipients (the list's columns); then the same page best match first (relevance: ts_rank_cd or BM25 over
   every readable match). Checked: every message found is one the officer may read, and a name
   query finds its message when the officer may read it;
4. the naive peer on the first --peer-queries queries: the same page with the search exchange had before
   (core.search.fold_q over subject, body and the translations: a scan), against core.fulltext on the same.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks" / "fulltext"))

from run import QUERY_LANGUAGES, TARGET_MS, database_size, percentile, setup  # noqa: E402

PAGE = 25


def store(count: int, seed: int) -> tuple[Any, list[tuple[int, Any]]]:
    """The agencies, an officer of ours and `count` messages; (officer, [(message id, corpus message)])."""
    from corpus import LANGUAGES, message
    from django.utils import timezone

    from liaison.agencies.models import Agency, Role, User
    from liaison.exchange.models import Message, Recipient

    codes = ["VN-MPS", "KR-KNPA", "RU-MVD", "CN-MPS", "APICC", "KH-NP"]
    agencies = [Agency.objects.create(code=c, country=c[:2] if c != "APICC" else "VN", name_en=c, short_name=c,
                                      name_native=c, is_home=c == "VN-MPS") for c in codes]  # fmt: skip
    ours, partners = agencies[0], agencies[1:]
    officer = User.objects.create(username="bench-officer", agency=ours)
    officer.roles.set([Role.objects.get_or_create(code="desk_officer")[0]])
    rng = random.Random(seed)
    corpus = [message(rng, LANGUAGES[i % len(LANGUAGES)]) for i in range(count)]
    now = timezone.now()
    stored: list[tuple[int, Any]] = []
    for start in range(0, count, 5000):
        chunk = corpus[start : start + 5000]
        rows, routes = [], []
        for offset, text in enumerate(chunk):
            number = start + offset
            roll = rng.random()
            owner, to = (ours, rng.choice(partners)) if roll < 0.4 else (
                (rng.choice(partners), ours) if roll < 0.8 else tuple(rng.sample(partners, 2)))  # fmt: skip
            rows.append(Message(owner=owner, reference=f"BENCH-{number:07d}", kind="information", status="sent",
                                subject=text.subject[:500], body=text.body, language=text.language,
                                crime_areas=["telecom_fraud"], handling_code="H2", tlp="AMBER",
                                source_reliability="B", information_accuracy="2", priority="normal",
                                sent_at=now))  # fmt: skip
            routes.append((to, to == ours and rng.random() < 0.02))
        created = Message.objects.bulk_create(rows)
        Recipient.objects.bulk_create(
            Recipient(message=m, agency=to, delivered_at=now, recalled_at=now if recalled else None)
            for m, (to, recalled) in zip(created, routes, strict=True)
        )
        stored += [(m.pk, text) for m, text in zip(created, chunk, strict=True)]
    return officer, stored


def old_search(queryset: Any, q: str) -> Any:
    """The search exchange had before core.fulltext (queries.search_messages until this change): a scan."""
    from django.db import models

    from liaison.core.search import fold_q
    from liaison.exchange.models import Message

    fields = ("subject", "body", "translations__subject", "translations__body")
    matching = Message.objects.filter(fold_q(fields, q) | models.Q(reference__iexact=q)).values("pk")
    return queryset.filter(pk__in=matching)


def list_page(officer: Any, q: str, search: Any, relevance: bool = False) -> tuple[int, list[int]]:
    """What the list page (and /api/messages/?q=) runs: the restricted queryset, the search, newest first (or
    best match first: `sort=relevance`, `ordering=relevance`), the count and the first page with its columns'
    related rows."""
    from liaison.core import access
    from liaison.exchange.models import Message
    from liaison.exchange.queries import BY_RELEVANCE

    base = Message.objects.select_related("owner").prefetch_related("recipients__agency")
    if relevance:
        found = search(access.restrict(base, officer), q, relevance=True).order_by(*BY_RELEVANCE)
    else:
        found = search(access.restrict(base, officer), q).order_by("-created_at", "-pk")
    count = found.count()
    page = list(found[:PAGE])
    for message in page:
        [row.agency.code for row in message.recipients.all()]
    return count, [m.pk for m in page]


def timed(repeat: int, run: Any) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = run()
        times.append(1000 * (time.perf_counter() - t0))
    return statistics.median(times), result


def run_one(args: argparse.Namespace) -> dict[str, Any]:
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="exchange-search-bench-"))
    started = time.perf_counter()
    setup(args.db, folder, args.pg)
    from corpus import query
    from django.core.management import call_command
    from django.db import connection

    from liaison.core import access
    from liaison.exchange import queries as exchange_queries
    from liaison.exchange.models import Message

    officer, stored = store(args.messages, args.seed)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    setup_s = time.perf_counter() - started
    size_before = database_size()
    t0 = time.perf_counter()
    call_command("fulltext", "rebuild", "--kind", "exchange.message", stdout=open(os.devnull, "w"))  # noqa: SIM115
    index_s = time.perf_counter() - t0
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE core_fulltextentry")
    size_after = database_size()

    readable = set(access.restrict(Message.objects.all(), officer).values_list("pk", flat=True))
    by_text = {id(text): pk for pk, text in stored}
    corpus = [text for _pk, text in stored]
    qrng = random.Random(args.seed + 1)
    asked = [query(qrng, QUERY_LANGUAGES[i % len(QUERY_LANGUAGES)], corpus) for i in range(args.queries)]
    search = exchange_queries.search_messages
    for _kind, text, _source in asked[:5]:  # warm the caches
        list_page(officer, text, search)
    page: list[float] = []
    ranked: list[float] = []
    per_language: dict[str, list[float]] = {}
    counts: list[int] = []
    names = [0, 0]
    for number, (_kind, text, source) in enumerate(asked):
        ms, (count, first) = timed(args.repeat, lambda text=text: list_page(officer, text, search))
        page.append(ms)
        per_language.setdefault(QUERY_LANGUAGES[number % len(QUERY_LANGUAGES)], []).append(ms)
        counts.append(count)
        assert set(first) <= readable, f"{text!r} found a message the officer may not read"
        if args.relevance:
            ms, (ranked_count, best) = timed(args.repeat, lambda text=text: list_page(officer, text, search, True))
            ranked.append(ms)
            assert ranked_count == count and set(best) <= readable, f"{text!r} ranked differently"
        if source is not None and by_text[id(source)] in readable:
            names[1] += 1
            found = search(access.restrict(Message.objects.all(), officer), text)
            names[0] += found.filter(pk=by_text[id(source)]).exists()
    peer: list[float] = []
    peer_fulltext: list[float] = []
    peer_counts = [0, 0]
    for _kind, text, _source in asked[: args.peer_queries]:
        for side, position, how in ((peer, 0, old_search), (peer_fulltext, 1, search)):
            ms, (count, _first) = timed(1, lambda text=text, how=how: list_page(officer, text, how))
            side.append(ms)
            peer_counts[position] += count
    vendor = connection.vendor
    connection.close()
    if vendor == "postgresql" and not args.keep:
        import psycopg
        from run import PG_DATABASE

        with psycopg.connect(f"{args.pg}/postgres", autocommit=True) as server:
            server.execute(f"DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)")
    return {"db": vendor, "messages": len(stored), "readable": len(readable), "queries": len(asked),
            "repeat": args.repeat, "setup_s": setup_s, "index_s": index_s, "size_before": size_before,
            "size_after": size_after, "page": page, "ranked": ranked, "per_language": per_language,
            "matches_median": percentile([float(c) for c in counts], 0.5), "matches_max": max(counts),
            "names": names, "peer": peer, "peer_fulltext": peer_fulltext, "peer_counts": peer_counts,
            "load": os.getloadavg()}  # fmt: skip


def report(r: dict[str, Any]) -> None:
    def line(label: str, values: list[float], target: bool = False) -> None:
        p95 = percentile(values, 0.95)
        verdict = f"   target {TARGET_MS:.0f} ms: {'PASS' if p95 < TARGET_MS else 'FAIL'}" if target else ""
        print(f"  {label:<36} p50 {percentile(values, 0.5):8.1f}  p95 {p95:8.1f}  p99 {percentile(values, 0.99):8.1f}"
              f"  max {max(values):8.1f} ms{verdict}")  # fmt: skip

    mib = 1024 * 1024
    print(f"\n# message search on {r['db']}: {r['messages']:,} messages ({r['readable']:,} readable by the officer), "
          f"{r['queries']} queries, median of {r['repeat']} runs each; load average at the end "
          f"{' '.join(f'{x:.1f}' for x in r['load'])}")  # fmt: skip
    print(f"  set-up {r['setup_s']:.1f} s; fulltext rebuild {r['index_s']:.1f} s "
          f"({r['messages'] / r['index_s']:,.0f} messages/s); database {r['size_before'] / mib:.0f} MiB → "
          f"{r['size_after'] / mib:.0f} MiB")  # fmt: skip
    print(f"  matches per query (readable): median {r['matches_median']:.0f}, max {r['matches_max']:,}; "
          f"name queries that found their message: {r['names'][0]}/{r['names'][1]}")  # fmt: skip
    line(f"list page (restricted, count + {PAGE})", r["page"], target=True)
    for language, values in sorted(r["per_language"].items()):
        line(f"  {language}", values)
    if r["ranked"]:
        line("best match first (count + 25)", r["ranked"], target=True)
    if r["peer"]:
        print(f"  first {len(r['peer'])} queries, one run each; matches in all: {r['peer_counts'][0]:,} as "
              f"substrings, {r['peer_counts'][1]:,} as words")  # fmt: skip
        line("  naive peer: fold_q (the old search)", r["peer"])
        line("  core.fulltext, same queries", r["peer_fulltext"])
        ratio = percentile(r["peer"], 0.5) / max(percentile(r["peer_fulltext"], 0.5), 1e-9)
        print(f"  median ratio peer / fulltext: {ratio:.0f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", choices=["both", "sqlite", "postgresql"], default="both")
    parser.add_argument("--pg", default="postgres://postgres@127.0.0.1:5432", help="PostgreSQL server (no database)")
    parser.add_argument("--messages", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each query (the median is kept)")
    parser.add_argument("--peer-queries", type=int, default=3)
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument(
        "--no-relevance",
        dest="relevance",
        action="store_false",
        help="skip the list page by relevance (measured after each query's newest-first page)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the PostgreSQL database")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if args.db == "both":
        for db in ("sqlite", "postgresql"):
            subprocess.run([sys.executable, __file__, "--db", db, *sys.argv[1:]], check=True)
        return
    result = run_one(args)
    print(json.dumps(result)) if args.json else report(result)


if __name__ == "__main__":
    main()
