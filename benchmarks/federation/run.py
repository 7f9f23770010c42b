"""Two real nodes, many messages, restarts and killed workers: does federation lose or repeat anything, and how
fast does it deliver? (issue 16; docs/benchmarks.md, "Federation".)

Node A (VN-MPS) and node B (KR-KNPA) are set up as tests/federation/test_two_nodes.py does: their own
LIAISON_VAR_DIR, database and home agency, set up and paired through the command line, served by
`liaison serve` (B: web server and worker; A: web server, with A's worker started apart so it can be killed).
A then writes N messages to B — case notes and other timeline entries of one fugitive case with KNPA (each a
`desk.case.event`), notice shares and withdrawals (`desk.notice.share` / `.unshare`) — while B is restarted every
1,000 messages applied and A's worker is killed with SIGKILL twice (and started again). When A's outbox has
drained, it prints: messages lost (sent on A, never applied on B), messages applied twice (B's audit trail of
applications, per envelope id), and messages per second end to end (first message written to last applied).

Two modes (docs/decisions/0055-federation-throughput-3.md): `concurrent` (the default, as before) times from the
first message written while A's worker delivers — its rate cannot exceed how fast A's desk writes; `prewritten`
writes the N messages on A through the desk's actions first, then starts A's worker and times from then to the
last applied on B, with the same restarts and kills. Report both, labelled.

    python benchmarks/federation/run.py [--messages 10000] [--database sqlite|postgresql] [--mode prewritten]

PostgreSQL: two databases of its own (liaison_bench_a and liaison_bench_b on 127.0.0.1:5432, user postgres, or
--postgres URL), created at the start and dropped at the end.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]

SETUP = """
import json
from liaison.agencies import actions
from liaison.agencies.models import Agency, Role
from liaison.agencies.system import system_actor
from liaison.core import context
spec = json.loads(SPEC)
actor = system_actor("bench")
with context.channel(context.CHANNEL_CLI):
    actions.do_create_agency({"code": spec["agency"], "country": spec["agency"][:2], "name_native": spec["agency"],
                              "name_en": spec["agency"], "short_name": spec["agency"], "kind": "police",
                              "is_home": True}, actor=actor)
    Role.objects.get_or_create(code="desk_officer")
    actions.do_create_user({"username": spec["user"], "agency": Agency.objects.get(is_home=True),
                            "roles": list(Role.objects.filter(code="desk_officer"))}, password=None, actor=actor)
"""

# The messages, written on A: a fugitive case with KNPA (its request travels first), then a cycle of ten:
# six notes, two acknowledgements (timeline entries of other kinds), a notice share and its withdrawal.
GENERATE = """
import json, sys, time
from liaison.agencies.models import Agency, User
from liaison.core import context, sharing
from liaison.desk.actions import do_create_notice, do_transition_notice
from liaison.desk.actions.cases import do_add_case_note, do_create_case
from liaison.federation.models import Envelope
from liaison.people.actions import do_create_person
total = TOTAL
officer = User.objects.get(username="officer.vn")
knpa = Agency.objects.get(code="KR-KNPA")
with context.channel(context.CHANNEL_CLI):
    person = do_create_person({"sex": "M", "fictional": True}, names=[{"full_name": "Nguyễn Văn An"}],
                              documents=[{"kind": "passport", "number": "C1234567", "issuing_country": "VN"}],
                              actor=officer)
    notice = do_create_notice({"person": person, "kind": "wanted", "issuing_country": "VN",
                               "legal_basis_authority": "Court", "legal_basis_date": "2025-01-02",
                               "legal_basis_reference": "1/QD"},
                              offences=[{"description": "Fraud", "crime_area": "telecom_fraud",
                                         "law": "Penal Code art. 174", "max_penalty": "20 years"}], actor=officer)
    notice = do_transition_notice(notice, "active", actor=officer)
    print(json.dumps({"started": time.time()}), flush=True)
    case = do_create_case({"person": person, "partner": knpa, "direction": "outgoing",
                           "summary": "Believed in Busan."}, actor=officer)
    written = Envelope.objects.filter(direction="out").count()
    step = 0
    while written < total:
        turn = step % 10
        if turn < 6:
            do_add_case_note(case, actor=officer, note=f"Note {step}.")
        elif turn < 8:
            do_add_case_note(case, actor=officer, note=f"Acknowledged {step}.", kind="acknowledged")
        elif turn == 8:
            sharing.do_share(notice, knpa, handling_code="H2", tlp="AMBER", actor=officer)
        else:
            sharing.do_unshare(notice, knpa, actor=officer)
        step += 1
        # Each step sends one message: count the outbox every hundred steps and at every step near the end.
        near_end = total - written <= 100
        written = Envelope.objects.filter(direction="out").count() if near_end or step % 100 == 0 else written + 1
print(json.dumps({"written": written}), flush=True)
"""

# B's applications, per envelope id, from its audit trail (the inbox records each application there).
COUNT = """
import json
from collections import Counter
from liaison.core.models import AuditEvent
from liaison.federation.models import Envelope
applied = Counter(str(e.after.get("id")) for e in AuditEvent.objects.filter(action="federation.apply").only("after"))
ids = list(Envelope.objects.filter(direction="in", state="applied").values_list("envelope_id", flat=True))
done = Envelope.objects.filter(direction="in", state="applied").order_by("-done_at")
last = done.values_list("done_at", flat=True).first()
print(json.dumps({"applications": applied, "applied": ids, "last": last.timestamp() if last else None}))
"""

SENT = """
import json
from liaison.federation.models import Envelope
rows = Envelope.objects.filter(direction="out", recipient_agency="KR-KNPA")
print(json.dumps({"sent": list(rows.values_list("envelope_id", flat=True)),
                  "states": {s: rows.filter(state=s).count() for s in ("pending", "delivered", "refused", "failed")}}))
"""


def json_line(read: Callable[[], str], key: str) -> Any:
    """The value under `key` of the first line read that is a JSON object holding it (Django may print first)."""
    while line := read():
        try:
            value = json.loads(line)
        except ValueError:
            continue
        if isinstance(value, dict) and key in value:
            return value[key]
    raise SystemExit(f"no {key!r} in the generator's output")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Node:
    def __init__(self, name: str, agency: str, base: Path, database: str) -> None:
        self.name, self.agency, self.var = name, agency, base / name
        self.var.mkdir()
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.database = database
        self.server: subprocess.Popen[bytes] | None = None
        self.worker: subprocess.Popen[bytes] | None = None
        self.log = (self.var / "serve.log").open("ab")
        env = {k: v for k, v in os.environ.items() if not k.startswith("LIAISON_") and k != "DJANGO_SETTINGS_MODULE"}
        self.env = env | {
            "PYTHONPATH": str(ROOT / "src"),
            "LIAISON_DEV": "1",
            "LIAISON_INSECURE_HTTP": "1",
            "LIAISON_VAR_DIR": str(self.var),
            "LIAISON_DATABASE_URL": database,
            "LIAISON_HOME_AGENCY": agency,
            "LIAISON_FEDERATION_RETRY_SECONDS": "1",
            "LIAISON_FEDERATION_RETRY_MAX_SECONDS": "2",
            "LIAISON_FEDERATION_TIMEOUT": "10",
            "LIAISON_FEDERATION_STALLED_SECONDS": "5",
            "LIAISON_WORKER_SWEEP_SECONDS": "2",
        }

    def cli(self, *args: str, timeout: float = 600) -> str:
        done = subprocess.run(
            [sys.executable, "-m", "liaison.cli", *args], env=self.env, capture_output=True, text=True, timeout=timeout
        )
        if done.returncode != 0:
            raise SystemExit(f"{self.name}: liaison {args[0]} failed:\n{done.stdout}\n{done.stderr}")
        return done.stdout

    def shell(self, code: str) -> Any:
        return json.loads(self.cli("shell", "-c", code).strip().splitlines()[-1])

    def start(self, *, worker: bool = True) -> None:
        command = [sys.executable, "-m", "liaison.cli", "serve", f"127.0.0.1:{self.port}"]
        if not worker:
            command.append("--no-worker")
        self.server = subprocess.Popen(
            command, env=self.env, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True
        )
        wait_for(self.reachable, f"{self.name} to start", timeout=60)

    def start_worker(self) -> None:
        self.worker = subprocess.Popen(
            [sys.executable, "-m", "liaison.cli", "worker", "--interval", "0.1"],
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def kill_worker(self) -> None:
        assert self.worker is not None
        os.killpg(self.worker.pid, signal.SIGKILL)
        self.worker.wait()

    def reachable(self) -> bool:
        try:
            urllib.request.urlopen(self.url + "/login/", timeout=2)
            return True
        except urllib.error.HTTPError:
            return True
        except OSError:
            return False

    def stop(self) -> None:
        for process in (self.server, self.worker):
            if process is not None and process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)
                    process.wait()
        self.server = self.worker = None


def set_up(node: Node, user: str) -> None:
    """The node's home agency and a desk officer of it."""
    node.cli("shell", "-c", SETUP.replace("SPEC", repr(json.dumps({"agency": node.agency, "user": user}))))


def wait_for(check: Callable[[], Any], what: str, timeout: float = 60) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        time.sleep(0.2)
    raise SystemExit(f"timed out waiting for {what}")


def both(first: Callable[[], Any], second: Callable[[], Any]) -> tuple[Any, Any]:
    with ThreadPoolExecutor(2) as pool:
        one, two = pool.submit(first), pool.submit(second)
        return one.result(), two.result()


class Counter:
    """Counts rows of a node's envelope table straight from its database (no Django start-up per look)."""

    def __init__(self, url: str) -> None:
        self.url = url

    def query(self, sql: str) -> int:
        if self.url.startswith("sqlite:///"):
            with sqlite3.connect(self.url.removeprefix("sqlite:///"), timeout=30) as db:
                return int(db.execute(sql).fetchone()[0])
        import psycopg

        with psycopg.connect(self.url.replace("postgresql://", "postgres://", 1)) as db:
            return int(db.execute(sql).fetchone()[0])

    def applied(self) -> int:
        return self.query("SELECT COUNT(*) FROM federation_envelope WHERE direction = 'in' AND state = 'applied'")

    def outbox(self) -> tuple[int, int]:
        total = self.query("SELECT COUNT(*) FROM federation_envelope WHERE direction = 'out'")
        pending = self.query("SELECT COUNT(*) FROM federation_envelope WHERE direction = 'out' AND state = 'pending'")
        return total, pending


def postgres_databases(server: str) -> tuple[str, str]:
    import psycopg

    names = ("liaison_bench_a", "liaison_bench_b")
    with psycopg.connect(server + "/postgres", autocommit=True) as db:
        for name in names:
            db.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
            db.execute(f"CREATE DATABASE {name}")
    return server + "/" + names[0], server + "/" + names[1]


def drop_postgres(server: str) -> None:
    import psycopg

    with psycopg.connect(server + "/postgres", autocommit=True) as db:
        for name in ("liaison_bench_a", "liaison_bench_b"):
            db.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def run(
    messages: int, database: str, server: str, base: Path, restart_every: int = 1000, mode: str = "concurrent"
) -> dict[str, Any]:
    if database == "postgresql":
        url_a, url_b = postgres_databases(server)
    else:
        url_a, url_b = f"sqlite:///{base / 'a' / 'db.sqlite3'}", f"sqlite:///{base / 'b' / 'db.sqlite3'}"
    a, b = Node("a", "VN-MPS", base, url_a), Node("b", "KR-KNPA", base, url_b)
    try:
        if database == "sqlite":
            a.cli("migrate", "--no-input", "-v0")
            shutil.copy(base / "a" / "db.sqlite3", base / "b" / "db.sqlite3")
        else:
            both(lambda: a.cli("migrate", "--no-input", "-v0"), lambda: b.cli("migrate", "--no-input", "-v0"))
        both(lambda: set_up(a, "officer.vn"), lambda: set_up(b, "officer.kr"))
        both(lambda: a.cli("node", "init", "--url", a.url), lambda: b.cli("node", "init", "--url", b.url))
        card_a, card_b = (
            out.strip().splitlines()[-1]
            for out in both(
                lambda: a.cli("node", "card", "-o", str(a.var / "card.json")),
                lambda: b.cli("node", "card", "-o", str(b.var / "card.json")),
            )
        )
        both(
            lambda: a.cli("node", "pair", str(b.var / "card.json"), "--fingerprint", card_b),
            lambda: b.cli("node", "pair", str(a.var / "card.json"), "--fingerprint", card_a),
        )
        both(lambda: a.start(worker=False), b.start)
        if mode == "concurrent":
            a.start_worker()
        counter_a, counter_b = Counter(url_a), Counter(url_b)
        generator_log = (a.var / "generator.log").open("w")
        generator = subprocess.Popen(
            [sys.executable, "-m", "liaison.cli", "shell", "-c", GENERATE.replace("TOTAL", str(messages))],
            env=a.env,
            stdout=subprocess.PIPE,
            stderr=generator_log,
            text=True,
        )
        assert generator.stdout is not None
        started = first_written = json_line(generator.stdout.readline, "started")
        written_at: float | None = None  # when the generator had written the last message
        if mode == "prewritten":  # every message written through the desk's actions first, then delivered
            if generator.wait() != 0:
                generator_log.close()
                raise SystemExit("the generator failed:\n" + (a.var / "generator.log").read_text()[-3000:])
            written_at = time.time()
            print(f"  written {counter_a.outbox()[0]} in {written_at - started:.1f} s", file=sys.stderr, flush=True)
            a.start_worker()
            started = time.time()
        kills = {messages // 3, 2 * messages // 3}
        restarts = kills_done = 0
        next_restart = restart_every
        last_report = time.monotonic()
        while True:
            applied = counter_b.applied()
            if applied >= next_restart and next_restart < messages:
                b.stop()
                b.start()
                restarts += 1
                next_restart += restart_every
            for mark in sorted(kills):
                if applied >= mark:
                    kills.discard(mark)
                    a.kill_worker()
                    kills_done += 1
                    a.start_worker()
            if generator.poll() is not None:
                written_at = written_at or time.time()
                total, pending = counter_a.outbox()
                if pending == 0 and counter_b.applied() >= total:
                    break
            if time.monotonic() - last_report > 10:
                total, pending = counter_a.outbox()
                print(f"  written {total}, waiting {pending}, applied on B {applied}", file=sys.stderr, flush=True)
                last_report = time.monotonic()
            time.sleep(0.2)
        if generator.returncode != 0:
            generator_log.close()
            raise SystemExit("the generator failed:\n" + (a.var / "generator.log").read_text()[-3000:])
        time.sleep(3)  # a late second delivery would show now
        received, sent = b.shell(COUNT), a.shell(SENT)
        applied_ids, sent_ids = set(received["applied"]), set(sent["sent"])
        lost = len(sent_ids - applied_ids)
        twice = sum(count - 1 for count in received["applications"].values() if count > 1)
        seconds = float(received["last"]) - started
        writing = (written_at or time.time()) - (first_written if mode == "prewritten" else started)
        return {
            "mode": mode,
            "database": database,
            "messages": len(sent_ids),
            "lost": lost,
            "applied_twice": twice,
            "seconds": round(seconds, 1),
            "messages_per_second": round(len(sent_ids) / seconds, 1),
            "written_per_second": round(len(sent_ids) / writing, 1),
            "restarts_of_b": restarts,
            "workers_killed": kills_done,
            "outbox": sent["states"],
        }
    finally:
        a.stop()
        b.stop()
        if database == "postgresql":
            drop_postgres(server)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--messages", type=int, default=10_000)
    parser.add_argument("--database", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--postgres", default="postgresql://postgres@127.0.0.1:5432", help="the PostgreSQL server")
    parser.add_argument("--restart-every", type=int, default=1000, help="restart B after this many messages applied")
    parser.add_argument("--keep", action="store_true", help="keep the nodes' directories (logs, databases)")
    parser.add_argument(
        "--mode",
        choices=("concurrent", "prewritten"),
        default="concurrent",
        help="concurrent: A's desk writes while A's worker delivers (timed from the first message written); "
        "prewritten: A's desk writes every message first, then its worker starts (timed from then)",
    )
    options = parser.parse_args()
    base = Path(tempfile.mkdtemp(prefix="liaison-bench-federation-"))
    try:
        result = run(options.messages, options.database, options.postgres, base, options.restart_every, options.mode)
    finally:
        if not options.keep:
            shutil.rmtree(base, ignore_errors=True)
        else:
            print(f"kept {base}", file=sys.stderr)
    print(f"mode:                   {result['mode']} ({result['database']})")
    print(f"messages sent:          {result['messages']}")
    print(f"messages lost:          {result['lost']}")
    print(f"messages applied twice: {result['applied_twice']}")
    since = "first message written" if result["mode"] == "concurrent" else "A's worker started, all written"
    print(f"end to end:             {result['messages_per_second']} messages/s ({result['seconds']} s since {since})")
    print(f"written on A:           {result['written_per_second']} messages/s (the desk's actions alone)")
    print(f"B restarted {result['restarts_of_b']} times; A's worker killed {result['workers_killed']} times")
    print(json.dumps(result))
    if result["lost"] or result["applied_twice"]:
        sys.exit(1)


if __name__ == "__main__":
    main()
