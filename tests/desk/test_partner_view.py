"""The requesting partner sees its request (issue 20, item 10; docs/decisions/0022): a hosted partner's officers
see, read-only, the cases in which their agency is the partner — status, references, the person and notice as
the owner shares them, the timeline entries meant for the partner — on every page, API, export and search, and
are told of changes on their dashboard. Internal notes, documents, the summary and the officer in charge stay
with the owner; a third agency sees nothing; the owner's view is unchanged."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone

from liaison.core.models import AuditEvent
from liaison.desk import actions
from tests.desk.factories import CaseDocumentFactory, FugitiveCaseFactory, NoticeFactory
from tests.factories import AgencyFactory, UserFactory
from tests.people.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def request_case(home: Any, partner: Any, officer: Any) -> Any:
    """KNPA's request about a person, recorded by the MPS: accepted, tracing, an internal note, a progress report
    and a document."""
    person = PersonFactory(owner=home, names=["Đàm Quang Thịnh"])
    case = FugitiveCaseFactory(
        owner=home,
        person=person,
        partner=partner,
        partner_reference="KNPA-2026-77",
        summary="INTERNAL-SUMMARY",
        assigned_to=officer,
        received_on=timezone.localdate() - datetime.timedelta(days=5),
    )
    actions.do_transition_case(case, "accepted", actor=officer)
    actions.do_transition_case(case, "tracing", place="Hải Phòng", note="Tracing started", actor=officer)
    actions.do_add_case_note(case, note="INTERNAL-NOTE informant in Hải Phòng", actor=officer)
    actions.do_add_case_note(case, kind="progress_report", note="Progress: addresses checked", actor=officer)
    CaseDocumentFactory(case=case, title="INTERNAL-DOCUMENT")
    return case


def test_the_partner_lists_its_request_on_the_page_the_api_and_the_exports(
    request_case: Any, partner_officer: Any, page_client: Any, api_client: Any
) -> None:
    page = page_client(partner_officer)
    html = page.get("/desk/cases/").content.decode()
    assert request_case.reference in html and "Đàm Quang Thịnh" in html
    csv = b"".join(page.get("/desk/cases/?export=csv").streaming_content).decode("utf-8-sig")
    assert request_case.reference in csv
    rows = api_client(partner_officer).get("/api/fugitive-cases/").json()["results"]
    assert [row["reference"] for row in rows] == [request_case.reference]
    assert rows[0]["status"] == "tracing" and rows[0]["partner_reference"] == "KNPA-2026-77"


def test_the_partner_reads_the_case_without_what_is_internal(
    request_case: Any, partner_officer: Any, page_client: Any, api_client: Any
) -> None:
    html = page_client(partner_officer).get(f"/desk/cases/{request_case.pk}/").content.decode()
    assert request_case.reference in html and "KNPA-2026-77" in html and "Tracing started" in html
    assert "Progress: addresses checked" in html
    for internal in ("INTERNAL-SUMMARY", "INTERNAL-NOTE", "INTERNAL-DOCUMENT", "Change the status", "Edit"):
        assert internal not in html, internal
    client = api_client(partner_officer)
    body = client.get(f"/api/fugitive-cases/{request_case.pk}/").json()
    assert body["status"] == "tracing" and body["summary"] == "" and body["assigned_to"] is None
    timeline = client.get(f"/api/case-events/?case={request_case.pk}").json()["results"]
    assert [(row["kind"], row["to_status"]) for row in timeline] == [
        ("opened", "received"),
        ("transition", "accepted"),
        ("transition", "tracing"),
        ("progress_report", ""),
    ]
    notes = client.get(f"/api/fugitive-cases/{request_case.pk}/notes/").json()
    assert [row["note"] for row in notes] == ["Progress: addresses checked"]
    assert client.get(f"/api/case-documents/?case={request_case.pk}").json()["results"] == []


def test_the_partner_changes_nothing(request_case: Any, partner_officer: Any, api_client: Any) -> None:
    client = api_client(partner_officer)
    before = AuditEvent.objects.count()
    url = f"/api/fugitive-cases/{request_case.pk}/"
    # Read only for the partner: refused as such (decision 0031), the record being one it reads.
    for refused in (
        client.post(f"{url}transition/", {"to": "located"}, format="json"),
        client.post(f"{url}notes/", {"note": "x"}, format="json"),
        client.patch(url, {"priority": 1}, format="json"),
    ):
        assert refused.status_code == 403 and refused.json()["error"]["message"].startswith("Read only")
    assert AuditEvent.objects.count() == before
    request_case.refresh_from_db()
    assert request_case.status == "tracing"


def test_the_owner_sees_everything_and_a_third_agency_nothing(
    request_case: Any, officer: Any, api_client: Any, page_client: Any
) -> None:
    body = api_client(officer).get(f"/api/fugitive-cases/{request_case.pk}/").json()
    assert body["summary"] == "INTERNAL-SUMMARY" and body["assigned_to"] == officer.pk
    timeline = api_client(officer).get(f"/api/case-events/?case={request_case.pk}").json()["results"]
    assert [row["kind"] for row in timeline] == ["opened", "transition", "transition", "note", "progress_report"]
    third = UserFactory(agency=AgencyFactory(code="RU-MVD"), roles=["desk_officer"])
    assert api_client(third).get("/api/fugitive-cases/").json()["results"] == []
    assert page_client(third).get(f"/desk/cases/{request_case.pk}/").status_code == 404


def test_the_partner_sees_the_person_and_notice_only_as_shared(
    home: Any, partner: Any, officer: Any, request_case: Any, partner_officer: Any, page_client: Any
) -> None:
    page = page_client(partner_officer)
    html = page.get(f"/desk/cases/{request_case.pk}/").content.decode()
    assert f"/people/{request_case.person_id}/" not in html
    # Searching the person's other names finds nothing while the person is not shared …
    from liaison.people.models import PersonName

    PersonName.objects.create(person=request_case.person, full_name="SECRET ALIAS", script="latn")
    assert request_case.reference not in page.get("/desk/cases/?q=SECRET+ALIAS").content.decode()
    # … and once the owner shares the notice (and so the person), the case links both.
    notice = NoticeFactory(owner=home, person=request_case.person)
    actions.do_update_case(request_case, {"notice": notice}, actor=officer)
    actions.do_share_notice(notice, partner, handling_code="H0", actor=officer)
    html = page.get(f"/desk/cases/{request_case.pk}/").content.decode()
    assert f"/people/{request_case.person_id}/" in html and f"/desk/notices/{notice.pk}/" in html
    assert request_case.reference in page.get("/desk/cases/?q=SECRET+ALIAS").content.decode()


def test_the_partners_dashboard_tells_of_changes(
    request_case: Any, officer: Any, partner_officer: Any, page_client: Any
) -> None:
    page = page_client(partner_officer)
    html = page.get("/").content.decode()
    assert "Partner desks’ cases with your agency" in html
    assert request_case.reference in html and "Tracing" in html and "INTERNAL-NOTE" not in html
    # The owner's own dashboard has no such panel.
    assert "Partner desks’ cases with your agency" not in page_client(officer).get("/").content.decode()


def test_the_dashboard_marks_what_is_new_since_the_last_visit(
    request_case: Any, officer: Any, partner_officer: Any, page_client: Any
) -> None:
    page_client(partner_officer).get("/")  # a first visit (signing in)
    actions.do_transition_case(request_case, "located", place="Kiến An, Hải Phòng", actor=officer)
    html = page_client(partner_officer).get("/").content.decode()  # the next visit
    rows = [row for row in html.split("<tr") if request_case.reference in row]
    located = [row for row in rows if "Located" in row]
    earlier = [row for row in rows if "Located" not in row]
    assert located and all("badge new" in row for row in located)
    assert earlier and not any("badge new" in row for row in earlier)
