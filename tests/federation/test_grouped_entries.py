"""A partner's consecutive entries of one case in a batch are applied together (docs/decisions/0055): one lock of
the case, the timeline entries inserted together, an audit record each — exactly once per envelope, in their
order, a failing entry failing alone, the audit chain intact."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from liaison.core import audit
from liaison.core.models import AuditEvent
from liaison.desk.federation import cases
from liaison.desk.models import FugitiveCase
from liaison.federation import origin
from liaison.federation.choices import Direction, EnvelopeState
from liaison.federation.models import Envelope, PartnerNode
from tests.federation.helpers import FakeNode, notice_payload
from tests.federation.test_cases import request_payload

pytestmark = pytest.mark.django_db

REFERENCE = "FC-KR-KNPA-2026-0007"


def entry(fake: FakeNode, text: str, kind: str = "note") -> dict[str, Any]:
    return fake.message(
        fake.content("desk.case.event", {"reference": REFERENCE, "event": {"kind": kind, "note": text}})
    )


@pytest.fixture
def case(paired: PartnerNode, fake: FakeNode, post_inbox: Any) -> FugitiveCase:
    assert post_inbox(fake.message(fake.content("desk.case.request", request_payload(REFERENCE)))).status_code == 200
    return FugitiveCase.objects.get()


def timeline(case: FugitiveCase) -> list[str]:
    return [e.data["partner_event"]["note"] for e in case.events.order_by("pk") if "partner_event" in e.data]


def applications() -> dict[str, int]:
    counted: dict[str, int] = {}
    for event in AuditEvent.objects.filter(action="federation.apply"):
        counted[event.after["id"]] = counted.get(event.after["id"], 0) + 1
    return counted


def test_a_cases_entries_in_one_batch_are_applied_once_in_order_with_fewer_queries(
    case: FugitiveCase, fake: FakeNode, post_inbox: Any
) -> None:
    texts = [f"Entry {n}." for n in range(12)]
    batch = [entry(fake, text, "acknowledged" if n == 3 else "note") for n, text in enumerate(texts)]
    with CaptureQueriesContext(connection) as queries:
        answers = post_inbox(batch).json()["answers"]
    assert [a["status"] for a in answers] == ["applied"] * 12
    assert len(queries.captured_queries) < 8 * 12  # one message alone costs more than 15
    assert timeline(case) == texts
    assert AuditEvent.objects.filter(action="fugitive_case.note", channel="federation").count() == 12
    stored = Envelope.objects.filter(direction=Direction.IN, kind="desk.case.event")
    assert stored.count() == 12 and set(stored.values_list("state", flat=True)) == {EnvelopeState.APPLIED}
    assert {row.envelope_id: row.receipt for row in stored} == {
        Envelope.objects.get(signed=m["envelope"]).envelope_id: a["receipt"]
        for m, a in zip(batch, answers, strict=True)
    }
    came_from = origin.of(case)
    assert came_from is not None and came_from.envelope_id == stored.order_by("-created", "-pk")[0].envelope_id
    assert audit.verify().ok

    again = post_inbox(batch).json()["answers"]  # the sender had no answer: the same batch again
    assert [a["status"] for a in again] == ["duplicate"] * 12
    assert [a["receipt"] for a in again] == [a["receipt"] for a in answers]
    assert timeline(case) == texts
    assert set(applications().values()) == {1} and len(applications()) == 13  # the request and the 12 entries
    assert audit.verify().ok


def test_a_failing_entry_in_a_group_fails_alone_and_the_others_are_applied_in_order(
    case: FugitiveCase, fake: FakeNode, post_inbox: Any, monkeypatch: Any
) -> None:
    describe = cases._describe

    def failing(event: dict[str, Any], partner: Any) -> str:
        if event.get("note") == "Bad.":
            raise ValidationError("this entry cannot be written")
        return describe(event, partner)

    monkeypatch.setattr(cases, "_describe", failing)
    batch = [entry(fake, text) for text in ("One.", "Two.", "Bad.", "Four.", "Five.")]
    answers = post_inbox(batch).json()["answers"]
    assert [a["status"] for a in answers] == ["applied", "applied", "failed", "applied", "applied"]
    assert timeline(case) == ["One.", "Two.", "Four.", "Five."]
    failed = Envelope.objects.get(direction=Direction.IN, state=EnvelopeState.FAILED)
    assert "cannot be written" in failed.last_error
    assert AuditEvent.objects.filter(action="federation.fail").count() == 1
    assert audit.verify().ok

    monkeypatch.setattr(cases, "_describe", describe)  # fixed: the sender's next attempt applies it
    again = post_inbox(batch).json()["answers"]
    assert [a["status"] for a in again] == ["duplicate", "duplicate", "applied", "duplicate", "duplicate"]
    assert timeline(case) == ["One.", "Two.", "Four.", "Five.", "Bad."]
    assert set(applications().values()) == {1}
    assert audit.verify().ok


def test_a_batch_with_entries_applied_before_applies_only_the_new_ones_once(
    case: FugitiveCase, fake: FakeNode, post_inbox: Any
) -> None:
    batch = [entry(fake, f"Entry {n}.") for n in range(6)]
    assert [a["status"] for a in post_inbox(batch[:3]).json()["answers"]] == ["applied"] * 3
    answers = post_inbox(batch).json()["answers"]
    assert [a["status"] for a in answers] == ["duplicate"] * 3 + ["applied"] * 3
    assert timeline(case) == [f"Entry {n}." for n in range(6)]
    assert set(applications().values()) == {1}
    assert audit.verify().ok


def test_entries_of_several_cases_and_other_kinds_keep_the_batchs_order(
    case: FugitiveCase, fake: FakeNode, post_inbox: Any
) -> None:
    other = request_payload("FC-KR-KNPA-2026-0008")
    assert post_inbox(fake.message(fake.content("desk.case.request", other))).status_code == 200
    second = FugitiveCase.objects.exclude(pk=case.pk).get()
    to_second = fake.content(
        "desk.case.event", {"reference": other["reference"], "event": {"kind": "note", "note": "B1."}}
    )
    batch = [
        entry(fake, "A1."),
        entry(fake, "A2."),
        fake.message(to_second),
        entry(fake, "A3."),
        fake.message(fake.content("desk.notice.share", notice_payload("601"))),
        fake.message(fake.content("desk.case.event", {"reference": "FC-NONE", "event": {"kind": "note"}})),
        entry(fake, "A4."),
        entry(fake, "A5."),
    ]
    answers = post_inbox(batch).json()["answers"]
    assert [a["status"] for a in answers] == ["applied"] * 5 + ["failed", "applied", "applied"]
    assert timeline(case) == ["A1.", "A2.", "A3.", "A4.", "A5."]
    assert timeline(second) == ["B1."]
    seqs = {
        event.after["id"]: event.seq for event in AuditEvent.objects.filter(action="federation.apply")
    }  # applied in the batch's order
    ids = [Envelope.objects.get(signed=m["envelope"]).envelope_id for m in batch]
    applied = [seqs[i] for i in ids if i in seqs]
    assert applied == sorted(applied)
    assert audit.verify().ok
