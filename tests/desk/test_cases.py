"""The fugitive case through the API: opening with its deadlines, the whole course of the case, refused
transitions, reasons, acknowledgement and progress reports, overdue cases, and the timeline."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.test import override_settings
from django.utils import timezone

from liaison.core.models import AuditEvent
from liaison.core.permissions import ANALYST, DESK_OFFICER
from liaison.desk import workflow
from liaison.desk.models import CaseEvent, FugitiveCase
from tests.desk.factories import FugitiveCaseFactory, NoticeFactory, PartnerDeadlinesFactory
from tests.factories import AgencyFactory, UserFactory
from tests.helpers import assert_audited
from tests.people.factories import PersonFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def _open(client: Any, person: Any, partner: Any, **extra: Any) -> Any:
    payload = {"person": person.pk, "partner": partner.pk, "direction": "incoming", **extra}
    return client.post("/api/fugitive-cases/", payload, format="json")


def _move(client: Any, case_id: int, to: str, **extra: Any) -> Any:
    return client.post(f"/api/fugitive-cases/{case_id}/transition/", {"to": to, **extra}, format="json")


def test_the_whole_course_of_an_incoming_case_is_on_its_timeline_and_in_the_audit_trail(
    home: Any, partner: Any, officer: Any, api_client: Any
) -> None:
    client = api_client(officer)
    person = PersonFactory(owner=home, names=["Nguyễn Văn Nam", "NGUYEN VAN NAM"])
    notice = NoticeFactory(owner=home, person=person)
    received = TODAY() - datetime.timedelta(days=40)
    now = timezone.now().replace(microsecond=0)
    detained_at = now - datetime.timedelta(days=2)
    opened = _open(
        client,
        person,
        partner,
        notice=notice.pk,
        partner_reference="KNPA-2025-118",
        received_on=received.isoformat(),
        note="Letter received",
    )
    assert opened.status_code == 201, opened.content
    body = opened.json()
    assert body["status"] == "received"
    assert body["reference"].startswith(f"FC-VN-MPS-{TODAY().year}-")
    assert body["acknowledge_by"] == (received + datetime.timedelta(days=7)).isoformat()  # node default
    assert body["next_report_due"] is None
    case_id = body["id"]
    assert_audited("fugitive_case.create", actor=officer, channel="api")

    course = [
        ("accepted", {"occurred_at": (now - datetime.timedelta(days=35)).isoformat()}),
        (
            "tracing",
            {"note": "Known to live in Gyeonggi-do", "occurred_at": (now - datetime.timedelta(days=20)).isoformat()},
        ),
        (
            "located",
            {
                "place": "Ansan, Gyeonggi-do",
                "note": "Seen at his employer's",
                "occurred_at": (now - datetime.timedelta(days=3)).isoformat(),
            },
        ),
        ("detained", {"place": "Ansan police station", "occurred_at": detained_at.isoformat()}),
        ("deported", {"note": "Deportation order of the immigration office"}),
        ("handed_over", {"place": "Nội Bài airport"}),
        ("closed", {}),
    ]
    previous = "received"
    for to, extra in course:
        response = _move(client, case_id, to, **extra)
        assert response.status_code == 200, (to, response.content)
        assert response.json()["status"] == to
        event = assert_audited("fugitive_case.transition", actor=officer, channel="api")
        assert event.before == {"status": previous} and event.after["status"] == to
        previous = to
    case = FugitiveCase.objects.get(pk=case_id)
    # Accepting acknowledges the request, on the day it was accepted (recorded later: backdated).
    assert case.acknowledged_on == timezone.localtime(now - datetime.timedelta(days=35)).date()
    assert case.last_location == "Ansan police station"
    assert case.closed_on == TODAY() and case.next_report_due is None

    timeline = client.get(f"/api/case-events/?case={case_id}").json()["results"]
    kinds = [(row["kind"], row["from_status"], row["to_status"]) for row in timeline]
    assert kinds[0] == ("opened", "", "received")
    assert [k[2] for k in kinds[1:]] == [to for to, _extra in course]
    detained = next(row for row in timeline if row["to_status"] == "detained")
    assert detained["place"] == "Ansan police station"
    assert datetime.datetime.fromisoformat(detained["occurred_at"]) == detained_at
    assert detained["actor"] == officer.pk


def test_an_outgoing_case_starts_accepted_with_a_progress_report_due(
    home: Any, partner: Any, officer: Any, api_client: Any
) -> None:
    response = _open(api_client(officer), PersonFactory(owner=home), partner, direction="outgoing")
    assert response.status_code == 201
    body = response.json()
    assert body["status"] == "accepted" and body["acknowledge_by"] is None
    assert body["next_report_due"] == (TODAY() + datetime.timedelta(days=30)).isoformat()


def test_the_partners_deadlines_replace_the_node_defaults(
    home: Any, partner: Any, officer: Any, api_client: Any
) -> None:
    PartnerDeadlinesFactory(owner=home, partner=partner, acknowledge_days=3, report_every_days=10)
    client = api_client(officer)
    received = TODAY() - datetime.timedelta(days=1)
    body = _open(client, PersonFactory(owner=home), partner, received_on=received.isoformat()).json()
    assert body["acknowledge_by"] == (received + datetime.timedelta(days=3)).isoformat()
    body = _move(client, body["id"], "accepted").json()
    assert body["next_report_due"] == (TODAY() + datetime.timedelta(days=10)).isoformat()


@override_settings(LIAISON_ACKNOWLEDGE_DAYS=2, LIAISON_REPORT_EVERY_DAYS=45)
def test_without_partner_deadlines_the_node_defaults_apply(
    home: Any, partner: Any, officer: Any, api_client: Any
) -> None:
    client = api_client(officer)
    body = _open(client, PersonFactory(owner=home), partner).json()
    assert body["acknowledge_by"] == (TODAY() + datetime.timedelta(days=2)).isoformat()
    assert (
        _move(client, body["id"], "accepted").json()["next_report_due"]
        == (TODAY() + datetime.timedelta(days=45)).isoformat()
    )


def test_an_acknowledgement_meets_its_deadline_and_a_progress_report_resets_the_next(
    home: Any, partner: Any, officer: Any, api_client: Any
) -> None:
    client = api_client(officer)
    late = TODAY() - datetime.timedelta(days=3)
    case = FugitiveCaseFactory(owner=home, partner=partner, acknowledge_by=late)
    assert case.is_overdue
    response = client.post(
        f"/api/fugitive-cases/{case.pk}/notes/",
        {"kind": "acknowledged", "note": "Receipt confirmed by fax"},
        format="json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["kind"] == "acknowledged"
    event = assert_audited("fugitive_case.note", obj=case, actor=officer, channel="api")
    assert event.after["acknowledged_on"] == TODAY().isoformat()
    case.refresh_from_db()
    assert case.acknowledged_on == TODAY() and not case.is_overdue

    FugitiveCase.objects.filter(pk=case.pk).update(
        status="tracing", next_report_due=TODAY() - datetime.timedelta(days=1)
    )
    case.refresh_from_db()
    assert case.is_overdue
    response = client.post(
        f"/api/fugitive-cases/{case.pk}/notes/",
        {"kind": "progress_report", "note": "Report no. 2 sent to KNPA"},
        format="json",
    )
    assert response.status_code == 201
    case.refresh_from_db()
    assert case.next_report_due == TODAY() + datetime.timedelta(days=30) and not case.is_overdue
    notes = client.get(f"/api/fugitive-cases/{case.pk}/notes/").json()
    assert [row["kind"] for row in notes] == ["acknowledged", "progress_report"]


def test_no_progress_report_on_a_case_not_yet_accepted(home: Any, partner: Any, officer: Any, api_client: Any) -> None:
    case = FugitiveCaseFactory(owner=home, partner=partner)
    before = AuditEvent.objects.count()
    response = api_client(officer).post(
        f"/api/fugitive-cases/{case.pk}/notes/", {"kind": "progress_report", "note": "x"}, format="json"
    )
    assert response.status_code == 400 and "kind" in response.json()["error"]["fields"]
    assert AuditEvent.objects.count() == before


@pytest.mark.parametrize(
    ("current", "to"),
    [
        ("received", "located"),
        ("received", "closed"),
        ("tracing", "handed_over"),
        ("closed", "tracing"),
        ("received", "bogus"),
    ],
)
def test_a_forbidden_transition_names_the_allowed_states_and_writes_nothing(
    current: str, to: str, home: Any, officer: Any, api_client: Any
) -> None:
    case = FugitiveCaseFactory(owner=home, status=current)
    before = (AuditEvent.objects.count(), CaseEvent.objects.count())
    response = _move(api_client(officer), case.pk, to, note="because")
    assert response.status_code == 400
    message = response.json()["error"]["fields"]["to"][0]
    assert f"Cannot go from {current} to {to}" in message
    allowed = sorted(workflow.CASE.allowed(current))
    assert ("none (final state)" in message) if not allowed else all(state in message for state in allowed)
    case.refresh_from_db()
    assert case.status == current
    assert (AuditEvent.objects.count(), CaseEvent.objects.count()) == before


@pytest.mark.parametrize("to", ["withdrawn", "not_found", "expired"])
def test_ending_a_case_early_needs_a_reason(to: str, home: Any, officer: Any, api_client: Any) -> None:
    case = FugitiveCaseFactory(owner=home, status="tracing")
    client = api_client(officer)
    before = AuditEvent.objects.count()
    response = _move(client, case.pk, to, note="   ")
    assert response.status_code == 400
    assert "reason" in response.json()["error"]["fields"]["note"][0]
    assert AuditEvent.objects.count() == before
    response = _move(client, case.pk, to, note="The partner withdrew its request (letter of 3 March)")
    assert response.status_code == 200 and response.json()["status"] == to
    assert response.json()["closed_on"] == TODAY().isoformat()


def test_an_event_is_dated_between_the_request_the_previous_change_and_now(
    home: Any, officer: Any, api_client: Any
) -> None:
    case = FugitiveCaseFactory(owner=home, received_on=TODAY() - datetime.timedelta(days=10))
    client = api_client(officer)
    future = (timezone.now() + datetime.timedelta(days=2)).isoformat()
    response = _move(client, case.pk, "accepted", occurred_at=future)
    assert response.status_code == 400 and "future" in response.json()["error"]["fields"]["occurred_at"][0]
    too_early = (timezone.now() - datetime.timedelta(days=12)).isoformat()
    response = _move(client, case.pk, "accepted", occurred_at=too_early)
    assert response.status_code == 400 and "request" in response.json()["error"]["fields"]["occurred_at"][0]
    assert (
        _move(
            client, case.pk, "accepted", occurred_at=(timezone.now() - datetime.timedelta(days=2)).isoformat()
        ).status_code
        == 200
    )
    response = _move(client, case.pk, "tracing", occurred_at=(timezone.now() - datetime.timedelta(days=5)).isoformat())
    assert (
        response.status_code == 400 and "previous status change" in response.json()["error"]["fields"]["occurred_at"][0]
    )


def test_status_deadlines_and_reference_are_read_only(home: Any, officer: Any, api_client: Any) -> None:
    case = FugitiveCaseFactory(owner=home)
    client = api_client(officer)
    response = client.patch(
        f"/api/fugitive-cases/{case.pk}/",
        {"status": "closed", "acknowledge_by": "2030-01-01", "reference": "X", "summary": "Updated"},
        format="json",
    )
    assert response.status_code == 200
    case.refresh_from_db()
    assert case.status == "received" and case.acknowledge_by == TODAY() + datetime.timedelta(days=7)
    assert case.reference.startswith("FC-TEST-") and case.summary == "Updated"


def test_the_case_notice_must_be_about_the_same_person(home: Any, partner: Any, officer: Any, api_client: Any) -> None:
    notice = NoticeFactory(owner=home)
    response = _open(api_client(officer), PersonFactory(owner=home), partner, notice=notice.pk)
    assert response.status_code == 400 and "notice" in response.json()["error"]["fields"]


def test_a_case_about_another_agencys_person_or_with_oneself_is_refused(
    home: Any, partner: Any, officer: Any, api_client: Any
) -> None:
    client = api_client(officer)
    response = _open(client, PersonFactory(owner=partner), partner)
    assert response.status_code == 400 and "person" in response.json()["error"]["fields"]
    response = _open(client, PersonFactory(owner=home), home)
    assert response.status_code == 400 and "partner" in response.json()["error"]["fields"]


def test_overdue_and_open_filters(home: Any, partner: Any, officer: Any, api_client: Any) -> None:
    past = TODAY() - datetime.timedelta(days=1)
    late_ack = FugitiveCaseFactory(owner=home, partner=partner, acknowledge_by=past)
    late_report = FugitiveCaseFactory(owner=home, partner=partner, status="tracing", next_report_due=past)
    on_time = FugitiveCaseFactory(owner=home, partner=partner)
    closed = FugitiveCaseFactory(
        owner=home, partner=partner, status="closed", next_report_due=past, acknowledge_by=past
    )
    client = api_client(officer)

    def ids(query: str) -> set[int]:
        return {row["id"] for row in client.get(f"/api/fugitive-cases/?{query}").json()["results"]}

    assert ids("overdue=true") == {late_ack.pk, late_report.pk}
    assert ids("overdue=false") == {on_time.pk, closed.pk}
    assert ids("open=false") == {closed.pk}
    assert ids(f"partner={partner.pk}&status=tracing") == {late_report.pk}


def test_update_changes_only_the_editable_fields(home: Any, officer: Any, api_client: Any) -> None:
    case = FugitiveCaseFactory(owner=home)
    colleague = UserFactory(agency=home, roles=[DESK_OFFICER])
    outsider = UserFactory(agency=AgencyFactory(), roles=[DESK_OFFICER])
    client = api_client(officer)
    response = client.patch(
        f"/api/fugitive-cases/{case.pk}/", {"assigned_to": colleague.pk, "priority": 1}, format="json"
    )
    assert response.status_code == 200, response.content
    event = assert_audited("fugitive_case.update", obj=case, actor=officer)
    assert event.after == {"assigned_to": colleague.pk, "priority": 1} and event.before == {
        "assigned_to": None,
        "priority": 2,
    }
    response = client.patch(f"/api/fugitive-cases/{case.pk}/", {"assigned_to": outsider.pk}, format="json")
    assert response.status_code == 400
    original_partner = case.partner_id
    response = client.patch(f"/api/fugitive-cases/{case.pk}/", {"partner": AgencyFactory().pk}, format="json")
    assert response.status_code == 200  # fixed once the case is open: ignored, as read-only fields are
    case.refresh_from_db()
    assert case.partner_id == original_partner


def test_every_case_write_is_refused_without_the_role(home: Any, partner: Any, api_client: Any) -> None:
    case = FugitiveCaseFactory(owner=home, partner=partner)
    analyst = api_client(UserFactory(agency=home, roles=[ANALYST]))
    before = AuditEvent.objects.count()
    assert _open(analyst, PersonFactory(owner=home), partner).status_code == 403
    assert analyst.patch(f"/api/fugitive-cases/{case.pk}/", {"priority": 1}, format="json").status_code == 403
    assert _move(analyst, case.pk, "accepted").status_code == 403
    assert analyst.post(f"/api/fugitive-cases/{case.pk}/notes/", {"note": "x"}, format="json").status_code == 403
    assert analyst.get(f"/api/fugitive-cases/{case.pk}/notes/").status_code == 200  # reading is allowed
    assert AuditEvent.objects.count() == before


def test_another_agencys_case_is_unreachable(home: Any, partner: Any, partner_officer: Any, api_client: Any) -> None:
    """A case *with* the partner is still ours: the partner reads it (decision 0022) but changes nothing; a third
    agency does not even see it."""
    case = FugitiveCaseFactory(owner=home, partner=partner)
    CaseEvent.objects.create(case=case, kind="note", note="internal")
    client = api_client(partner_officer)
    before = AuditEvent.objects.count()
    assert client.get(f"/api/fugitive-cases/{case.pk}/").status_code == 200
    # Its writes are refused as read only, naming the owner (decision 0031), not answered "not found".
    for refused in (
        _move(client, case.pk, "accepted"),
        client.post(f"/api/fugitive-cases/{case.pk}/notes/", {"note": "x"}, format="json"),
    ):
        assert refused.status_code == 403
        assert refused.json()["error"]["message"].startswith(f"Read only: this record belongs to {home}.")
    assert [row["kind"] for row in client.get(f"/api/case-events/?case={case.pk}").json()["results"]] == ["opened"]
    third = api_client(UserFactory(agency=AgencyFactory(), roles=[DESK_OFFICER]))
    assert third.get(f"/api/fugitive-cases/{case.pk}/").status_code == 404
    assert third.get(f"/api/case-events/?case={case.pk}").json()["results"] == []
    assert AuditEvent.objects.count() == before


def test_deadlines_run_from_the_day_a_change_happened(home: Any, partner: Any, officer: Any, api_client: Any) -> None:
    case = FugitiveCaseFactory(owner=home, partner=partner, received_on=TODAY() - datetime.timedelta(days=60))
    accepted_at = timezone.now() - datetime.timedelta(days=40)
    body = _move(api_client(officer), case.pk, "accepted", occurred_at=accepted_at.isoformat()).json()
    accepted_day = timezone.localtime(accepted_at).date()
    assert body["acknowledged_on"] == accepted_day.isoformat()
    assert body["next_report_due"] == (accepted_day + datetime.timedelta(days=30)).isoformat()
    assert body["overdue"] is True  # the first progress report was due ten days ago


def test_several_notes_at_once_are_written_in_order_each_with_its_deadline_and_audit_record(
    home: Any, partner: Any, officer: Any
) -> None:
    from django.core.exceptions import ValidationError

    from liaison.desk.actions import do_add_case_notes

    case = FugitiveCaseFactory(owner=home, partner=partner, status="received")
    notes = [{"note": "First."}, {"note": "Seen.", "kind": "acknowledged"}, {"note": "Third.", "data": {"x": 1}}]
    events = do_add_case_notes(case, notes, actor=officer)
    assert [(e.kind, e.note) for e in case.events.order_by("pk")][-3:] == [
        ("note", "First."),
        ("acknowledged", "Seen."),
        ("note", "Third."),
    ]
    assert [e.pk for e in events] == list(case.events.order_by("pk").values_list("pk", flat=True))[-3:]
    case.refresh_from_db()
    assert case.acknowledged_on == TODAY()
    records = list(AuditEvent.objects.filter(action="fugitive_case.note").order_by("seq"))
    assert [r.after["note"] for r in records] == ["First.", "Seen.", "Third."]
    assert records[1].after["acknowledged_on"] == TODAY().isoformat()

    closed = FugitiveCaseFactory(owner=home, partner=partner, status="closed")
    with pytest.raises(ValidationError):
        do_add_case_notes(closed, [{"note": "Fine."}, {"note": "Late.", "kind": "acknowledged"}], actor=officer)
    assert not closed.events.filter(note__in=["Fine.", "Late."]).exists()  # one refused: none written
