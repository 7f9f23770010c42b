"""Two real nodes on this machine: separate processes, databases and key directories, HTTP between them.

A (VN-MPS) and B (KR-KNPA) are set up through the command line (migrate, a minimal set-up, `node init`,
`node card`, `node pair` with the fingerprint the other printed), then served with `liaison serve` (web server and
worker). A notice shared on A with KNPA appears in B's API for a KNPA officer; withdrawn, it is gone. A fugitive
case A requests opens the mirrored case on B, linked by both references, and B's status change reaches A's timeline.
With B stopped, a second share waits and retries; once B is back it arrives, once. Edits of the shared notice and
of its person's names then reach B's copy.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]

SETUP = """
import json
from liaison.agencies import actions
from liaison.agencies.models import Agency, Role, User
from liaison.agencies.system import system_actor
from liaison.core import context
spec = json.loads(SPEC)
actor = system_actor("test")
with context.channel(context.CHANNEL_CLI):
    for code, country, home in spec["agencies"]:
        actions.do_create_agency({"code": code, "country": country, "name_native": code, "name_en": code,
                                  "short_name": code, "kind": "police", "is_home": home}, actor=actor)
    Role.objects.get_or_create(code="desk_officer")
    user = actions.do_create_user({"username": spec["user"], "agency": Agency.objects.get(is_home=True),
                                   "roles": list(Role.objects.filter(code="desk_officer"))}, password=None, actor=actor)
    token, key = actions.do_create_api_token(user, name="test", actor=actor)
print(json.dumps({"token": key}))
"""

NOTICE = """
import json
from django.db import transaction
from liaison.agencies.models import User
from liaison.core import context
from liaison.desk.actions import do_create_notice, do_transition_notice
from liaison.people.actions import do_create_person
officer = User.objects.get(username="officer.vn")
ids = []
with context.channel(context.CHANNEL_CLI):
    for name in ("Nguyễn Văn An", "Trần Thị Bình"):
        person = do_create_person({"sex": "M", "fictional": True}, names=[{"full_name": name}],
                                  documents=[{"kind": "passport", "number": "C1234567", "issuing_country": "VN"}],
                                  actor=officer)
        notice = do_create_notice({"person": person, "kind": "wanted", "issuing_country": "VN",
                                   "legal_basis_authority": "Court", "legal_basis_date": "2025-01-02",
                                   "legal_basis_reference": "1/QD"},
                                  offences=[{"description": "Fraud", "crime_area": "telecom_fraud",
                                             "law": "Penal Code art. 174",
                                             "max_penalty": "20 years"}], actor=officer)
        ids.append(do_transition_notice(notice, "active", actor=officer).pk)
print(json.dumps(ids))
"""

EDIT = """
from liaison.agencies.models import User
from liaison.core import context
from liaison.desk.actions import do_update_notice
from liaison.desk.models import Notice
from liaison.people.actions import do_add_name
officer = User.objects.get(username="officer.vn")
notice = Notice.objects.get(pk=NOTICE_ID)
with context.channel(context.CHANNEL_CLI):
    do_update_notice(notice, {"summary": "Seen in Busan, December."}, actor=officer)
    do_add_name({"person": notice.person, "full_name": "TRAN THI BINH", "kind": "passport"}, actor=officer)
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Node:
    def __init__(self, name: str, agency: str, base: Path) -> None:
        self.name, self.agency, self.var = name, agency, base / name
        self.var.mkdir()
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen[bytes] | None = None
        self.log = self.var / "serve.log"
        env = {k: v for k, v in os.environ.items() if not k.startswith("LIAISON_") and k != "DJANGO_SETTINGS_MODULE"}
        self.env = env | {
            "PYTHONPATH": str(ROOT / "src"),
            "LIAISON_DEV": "1",
            "LIAISON_INSECURE_HTTP": "1",
            "LIAISON_VAR_DIR": str(self.var),
            "LIAISON_DATABASE_URL": f"sqlite:///{self.var / 'db.sqlite3'}",
            "LIAISON_HOME_AGENCY": agency,
            "LIAISON_FEDERATION_RETRY_SECONDS": "1",
            "LIAISON_FEDERATION_RETRY_MAX_SECONDS": "2",
            "LIAISON_FEDERATION_TIMEOUT": "5",
        }

    def cli(self, *args: str) -> str:
        done = subprocess.run(
            [sys.executable, "-m", "liaison.cli", *args], env=self.env, capture_output=True, text=True, timeout=120
        )
        assert done.returncode == 0, f"{self.name} liaison {args[0]}: {done.stdout}\n{done.stderr}"
        return done.stdout

    def set_up(self, *, user: str) -> str:
        """The home agency, a desk officer and an API token for them (printed once by the action)."""
        spec = json.dumps({"agencies": [[self.agency, self.agency[:2], True]], "user": user})
        return str(json.loads(self.cli("shell", "-c", SETUP.replace("SPEC", repr(spec))).splitlines()[-1])["token"])

    def start(self) -> None:
        handle = self.log.open("ab")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "liaison.cli", "serve", f"127.0.0.1:{self.port}"],
            env=self.env,
            stdout=handle,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        wait_for(lambda: self.reachable(), f"{self.name} to start", timeout=30)

    def reachable(self) -> bool:
        try:
            urllib.request.urlopen(self.url + "/login/", timeout=2)
            return True
        except urllib.error.HTTPError:
            return True
        except OSError:
            return False

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.process = None

    def api(self, token: str, path: str, data: dict[str, Any] | None = None) -> Any:
        request = urllib.request.Request(
            self.url + path,
            data=json.dumps(data).encode() if data is not None else None,
            method="POST" if data is not None else "GET",
            headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.loads(response.read() or b"null")


def wait_for(check: Callable[[], Any], what: str, timeout: float = 20) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        time.sleep(0.3)
    raise AssertionError(f"timed out waiting for {what}")


def both(first: Callable[[], Any], second: Callable[[], Any]) -> tuple[Any, Any]:
    """Run the same step on both nodes at once (each in its own process)."""
    with ThreadPoolExecutor(2) as pool:
        one, two = pool.submit(first), pool.submit(second)
        return one.result(), two.result()


@pytest.fixture
def nodes(tmp_path: Path) -> Iterator[tuple[Node, Node]]:
    a, b = Node("a", "VN-MPS", tmp_path), Node("b", "KR-KNPA", tmp_path)
    try:
        yield a, b
    finally:
        a.stop()
        b.stop()


def test_two_nodes_exchange_a_notice_and_its_withdrawal_and_survive_the_receiver_down(
    nodes: tuple[Node, Node],
) -> None:
    a, b = nodes
    a.cli("migrate", "--no-input", "-v0")
    shutil.copy(a.var / "db.sqlite3", b.var / "db.sqlite3")  # the same empty schema: one migration run for both
    key_a, key_b = both(lambda: a.set_up(user="officer.vn"), lambda: b.set_up(user="officer.kr"))
    both(lambda: a.cli("node", "init", "--url", a.url), lambda: b.cli("node", "init", "--url", b.url))
    fingerprint_a, fingerprint_b = (
        out.strip().splitlines()[-1]
        for out in both(
            lambda: a.cli("node", "card", "-o", str(a.var / "card.json")),
            lambda: b.cli("node", "card", "-o", str(b.var / "card.json")),
        )
    )
    both(
        lambda: a.cli("node", "pair", str(b.var / "card.json"), "--fingerprint", fingerprint_b),
        lambda: b.cli("node", "pair", str(a.var / "card.json"), "--fingerprint", fingerprint_a),
    )
    first, second = json.loads(a.cli("shell", "-c", NOTICE).splitlines()[-1])
    both(a.start, b.start)

    agencies_on_a = {row["code"]: row for row in a.api(key_a, "/api/agencies/")["results"]}
    knpa_on_a = agencies_on_a["KR-KNPA"]  # created by the pairing, from B's card
    assert knpa_on_a["is_home"] is False and agencies_on_a["VN-MPS"]["is_home"] is True
    a.api(key_a, f"/api/notices/{first}/share/", {"agency": knpa_on_a["id"], "handling_code": "H2", "tlp": "AMBER"})
    arrived = wait_for(lambda: b.api(key_b, "/api/notices/")["results"], "the notice on B")
    assert len(arrived) == 1 and arrived[0]["reference"] == ""
    assert arrived[0]["shares"][0]["handling_code"] == "H2"
    people = b.api(key_b, "/api/persons/")["results"]
    assert [p["display_name"] for p in people] == ["Nguyễn Văn An"]

    a.api(key_a, f"/api/notices/{first}/unshare/", {"agency": knpa_on_a["id"]})
    wait_for(lambda: b.api(key_b, "/api/notices/")["count"] == 0, "the withdrawal on B")
    assert b.api(key_b, "/api/persons/")["count"] == 0

    person = a.api(key_a, f"/api/notices/{first}/")["person"]
    request = {"person": person, "partner": knpa_on_a["id"], "direction": "outgoing", "summary": "Believed in Busan."}
    case_a = a.api(key_a, "/api/fugitive-cases/", request)
    mirrored = wait_for(lambda: b.api(key_b, "/api/fugitive-cases/")["results"], "the case request on B")[0]
    assert (mirrored["direction"], mirrored["partner_reference"]) == ("incoming", case_a["reference"])
    assert mirrored["summary"] == "Believed in Busan." and mirrored["status"] == "received"
    wait_for(
        lambda: a.api(key_a, f"/api/fugitive-cases/{case_a['id']}/")["partner_reference"] == mirrored["reference"],
        "B's reference on A's case",
    )
    b.api(key_b, f"/api/fugitive-cases/{mirrored['id']}/transition/", {"to": "accepted", "note": "Accepted by KNPA."})
    wait_for(
        lambda: any(
            "Accepted by KNPA." in n["note"] for n in a.api(key_a, f"/api/fugitive-cases/{case_a['id']}/notes/")
        ),
        "B's transition on A's timeline",
    )

    b.stop()
    a.api(key_a, f"/api/notices/{second}/share/", {"agency": knpa_on_a["id"], "handling_code": "H1", "tlp": "GREEN"})
    time.sleep(3)  # A tries, finds nobody, and waits a little longer each time
    problems = a.cli("federation", "problems")
    assert "no answer" in problems, problems
    b.start()
    wait_for(lambda: b.api(key_b, "/api/notices/")["count"] == 1, "the notice after B came back", timeout=30)
    time.sleep(2)  # a late duplicate attempt would show now
    notices = b.api(key_b, "/api/notices/")["results"]
    assert len(notices) == 1 and notices[0]["shares"][0]["handling_code"] == "H1"

    # an edit of the shared notice and of its person travels; the copy follows
    a.cli("shell", "-c", EDIT.replace("NOTICE_ID", str(second)))
    wait_for(
        lambda: b.api(key_b, "/api/notices/")["results"][0]["summary"] == "Seen in Busan, December.",
        "the edited notice on B",
    )
    wait_for(
        lambda: "TRAN THI BINH" in json.dumps(b.api(key_b, "/api/persons/")["results"], ensure_ascii=False),
        "the person's new name on B",
    )
    assert "No refused or failed message" in b.cli("federation", "problems")
    assert "No refused or failed message" in a.cli("federation", "problems")
