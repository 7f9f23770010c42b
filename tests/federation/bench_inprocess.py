"""In-process cost of federation per message (docs/benchmarks.md, "Federation"; not collected by the suite: its
name does not start with test_). The inbox applying batches of PROF_N mixed messages (in ten: six case notes, two
acknowledgements, a notice share and its withdrawal — the mix of benchmarks/federation/run.py) signed by a
partner played by the test, and the desk writing the same mix to a remote partner; each round prints ms and
queries a message. PROF_SHOW=1 adds a cProfile listing (PROF_SORT, PROF_LINES) and the queries by kind.

    LIAISON_TESTING=1 pytest tests/federation/bench_inprocess.py -s -p no:cacheprovider [-k inbox|desk]
"""

from __future__ import annotations

import cProfile
import os
import pstats
import time
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from liaison.agencies.models import Agency
from liaison.core import sharing
from liaison.desk.actions import do_add_case_note, do_create_case
from liaison.desk.models import FugitiveCase
from tests.desk.factories import NoticeFactory
from tests.factories import UserFactory
from tests.federation.helpers import notice_payload
from tests.federation.test_cases import request_payload
from tests.people.factories import PersonFactory

pytestmark = pytest.mark.django_db
N = int(os.environ.get("PROF_N", "50"))


def test_inbox(paired: Any, fake: Any, post_inbox: Any) -> None:
    assert post_inbox(fake.message(fake.content("desk.case.request", request_payload()))).status_code == 200
    assert FugitiveCase.objects.count() == 1

    def batch(start: int) -> list[Any]:
        out = []
        for step in range(start, start + N):
            turn = step % 10
            if turn < 6:
                ev = {"kind": "note", "note": f"Note {step}."}
            elif turn < 8:
                ev = {"kind": "acknowledged", "note": f"Ack {step}."}
            if turn < 8:
                out.append(
                    fake.message(fake.content("desk.case.event", {"reference": "FC-KR-KNPA-2026-0007", "event": ev}))
                )
            elif turn == 8:
                out.append(fake.message(fake.content("desk.notice.share", notice_payload("501"))))
            else:
                out.append(fake.message(fake.content("desk.notice.unshare", {"id": "501"})))
        return out

    warm = batch(0)
    answers = post_inbox(warm).json()["answers"]
    assert all(a["status"] == "applied" for a in answers), answers
    for rnd in range(3):
        msgs = batch(N * (rnd + 1))
        prof = cProfile.Profile()
        with CaptureQueriesContext(connection) as q:
            t = time.perf_counter()
            prof.enable() if os.environ.get("PROF_SHOW") else None
            answers = post_inbox(msgs).json()["answers"]
            prof.disable() if os.environ.get("PROF_SHOW") else None
            dt = time.perf_counter() - t
        assert all(a["status"] == "applied" for a in answers), answers
        print(f"\nINBOX round {rnd}: {dt / N * 1000:.1f} ms/msg, {len(q.captured_queries) / N:.1f} queries/msg")
    if os.environ.get("PROF_SHOW"):
        pstats.Stats(prof).sort_stats(os.environ.get("PROF_SORT", "cumulative")).print_stats(
            int(os.environ.get("PROF_LINES", "45"))
        )
        from collections import Counter

        c = Counter(" ".join(x["sql"].split()[:4])[:90] for x in q.captured_queries)
        for k, v in c.most_common(40):
            print(f"{v / N:6.2f} {k}")


def test_desk(paired: Any, partner: Agency, home: Agency) -> None:
    officer = UserFactory(agency=home, roles=["desk_officer"])
    case = do_create_case(
        {"person": PersonFactory(owner=home), "partner": partner, "direction": "outgoing"}, actor=officer
    )
    notice = NoticeFactory(owner=home, status="active")

    def write(start: int) -> None:
        for step in range(start, start + N):
            turn = step % 10
            if turn < 6:
                do_add_case_note(case, actor=officer, note=f"Note {step}.")
            elif turn < 8:
                do_add_case_note(case, actor=officer, note=f"Ack {step}.", kind="acknowledged")
            elif turn == 8:
                sharing.do_share(notice, partner, handling_code="H2", tlp="AMBER", actor=officer)
            else:
                sharing.do_unshare(notice, partner, actor=officer)

    write(0)
    for rnd in range(3):
        prof = cProfile.Profile()
        with CaptureQueriesContext(connection) as q:
            t = time.perf_counter()
            prof.enable() if os.environ.get("PROF_SHOW") else None
            write(N * (rnd + 1))
            prof.disable() if os.environ.get("PROF_SHOW") else None
            dt = time.perf_counter() - t
        print(f"\nDESK round {rnd}: {dt / N * 1000:.1f} ms/msg, {len(q.captured_queries) / N:.1f} queries/msg")
    if os.environ.get("PROF_SHOW"):
        pstats.Stats(prof).sort_stats(os.environ.get("PROF_SORT", "cumulative")).print_stats(
            int(os.environ.get("PROF_LINES", "45"))
        )
        from collections import Counter

        c = Counter(" ".join(x["sql"].split()[:4])[:90] for x in q.captured_queries)
        for k, v in c.most_common(40):
            print(f"{v / N:6.2f} {k}")
