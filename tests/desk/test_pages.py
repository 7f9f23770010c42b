"""The desk's pages: lists with filters, sort and export; notice and case forms; the case page with its
timeline, deadlines and transition forms; offences and partner deadlines pages. Every write is audited on the
'ui' channel and refused (404) without the role."""

from __future__ import annotations

import datetime
import io
from typing import Any

import pytest
from django.utils import timezone

from liaison.core.models import AuditEvent
from liaison.core.permissions import ANALYST, DESK_OFFICER, SUPERVISOR
from liaison.desk.models import CaseEvent, FugitiveCase, Notice, PartnerDeadlines
from tests.desk.factories import FugitiveCaseFactory, NoticeFactory, OffenceFactory, PartnerDeadlinesFactory
from tests.factories import AgencyFactory, UserFactory
from tests.helpers import assert_audited
from tests.people.factories import PersonFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def _logged_in(page_client: Any, user: Any) -> Any:
    client = page_client(user)
    client.get("/")  # signing in is audited; tests count from here
    return client


# --- notices ---------------------------------------------------------------------------------------------
def test_notice_list_filters_sorts_and_exports(home: Any, officer: Any, page_client: Any) -> None:
    today = TODAY()
    due = NoticeFactory(
        owner=home,
        person=PersonFactory(owner=home, names=["Võ Thanh Sơn"]),
        issued_on=datetime.date(today.year - 5, today.month, 1) + datetime.timedelta(days=120),
        offences=[{"crime_area": "drugs"}],
    )
    other = NoticeFactory(owner=home, person=PersonFactory(owner=home, names=["Hoàng Thị Mai"]), kind="missing")
    client = page_client(officer)
    html = client.get("/desk/notices/?review_due=true").content.decode()
    assert "Võ Thanh Sơn" in html and "Hoàng Thị Mai" not in html and "⚠" in html
    html = client.get("/desk/notices/?kind=missing").content.decode()
    assert "Hoàng Thị Mai" in html and "Võ Thanh Sơn" not in html
    html = client.get("/desk/notices/?crime_area=drugs&issuing_country=VN").content.decode()
    assert "Võ Thanh Sơn" in html and "Hoàng Thị Mai" not in html
    html = client.get("/desk/notices/?sort=person").content.decode()
    assert html.index("Hoàng Thị Mai") < html.index("Võ Thanh Sơn")
    csv = b"".join(client.get("/desk/notices/?export=csv").streaming_content).decode("utf-8-sig")
    assert csv.splitlines()[0].startswith("Person,Kind,Status") and "Võ Thanh Sơn" in csv and "Hoàng Thị Mai" in csv
    xlsx = client.get("/desk/notices/?export=xlsx&status=active")
    from openpyxl import load_workbook

    rows = list(load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(values_only=True))
    assert len(rows) == 3 and {rows[1][0], rows[2][0]} == {"Võ Thanh Sơn", "Hoàng Thị Mai"}
    assert due.pk and other.pk


def test_create_a_notice_on_the_page_choosing_the_person_by_name(home: Any, officer: Any, page_client: Any) -> None:
    person = PersonFactory(owner=home, names=["Bùi Đức Anh", "BUI DUC ANH"])
    PersonFactory(owner=home, names=["Someone Else"])
    client = _logged_in(page_client, officer)
    page = client.get("/desk/notices/new/?person_q=duc anh").content.decode()
    assert "Bùi Đức Anh" in page and "Someone Else" not in page
    assert f'<option value="{person.pk}" selected>' in page  # the only match is chosen
    assert "Bùi Đức Anh" in client.get(f"/desk/notices/new/?person={person.pk}").content.decode()
    data = {
        "person": person.pk,
        "kind": "wanted",
        "source": "own",
        "issuing_country": "VN",
        "legal_basis_kind": "warrant",
        "legal_basis_authority": "Cơ quan CSĐT Bộ Công an",
        "legal_basis_date": "2024-11-02",
        "legal_basis_reference": "77/QĐ",
        "issued_on": TODAY().isoformat(),
        "offence_description": "Tổ chức đánh bạc",
        "offence_crime_area": "economic",
        "offence_law": "BLHS 2015, Điều 322",
        "offence_max_penalty": "10 năm tù",
    }
    missing = client.post("/desk/notices/new/", {**data, "legal_basis_reference": "", "offence_description": ""})
    assert missing.status_code == 200
    text = missing.content.decode()
    assert (
        "Give the reference of the warrant or judgment." in text
        and "A wanted notice names at least one offence." in text
    )
    before = AuditEvent.objects.count()
    response = client.post("/desk/notices/new/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    notice = Notice.objects.get()
    assert response["Location"] == f"/desk/notices/{notice.pk}/"
    assert AuditEvent.objects.count() == before + 1
    assert_audited("notice.create", obj=notice, actor=officer, channel="ui")
    assert notice.status == "draft" and notice.offences.get().law == "BLHS 2015, Điều 322"


def test_a_person_of_another_agency_is_not_offered_or_accepted(
    home: Any, partner: Any, officer: Any, page_client: Any
) -> None:
    theirs = PersonFactory(owner=partner, names=["Kim Min-jun"])
    client = page_client(officer)
    assert "Kim Min-jun" not in client.get("/desk/notices/new/?person_q=Kim").content.decode()
    response = client.post("/desk/notices/new/", {"person": theirs.pk, "kind": "missing", "legal_basis_kind": "none"})
    assert response.status_code == 200 and not Notice.objects.exists()


def test_edit_transition_and_review_a_notice_on_its_page(home: Any, officer: Any, page_client: Any) -> None:
    notice = NoticeFactory(owner=home, status="draft", issued_on=TODAY() - datetime.timedelta(days=10))
    client = _logged_in(page_client, officer)
    page = client.get(f"/desk/notices/{notice.pk}/").content.decode()
    assert 'value="active"' in page and 'value="cancelled"' in page and 'value="suspended"' not in page
    form = client.get(f"/desk/notices/{notice.pk}/edit/")
    assert form.status_code == 200 and "offence_description" not in form.content.decode()
    data = {
        "person": notice.person_id,
        "kind": "wanted",
        "source": "own",
        "issuing_country": "KR",
        "reference": notice.reference,
        "legal_basis_kind": "warrant",
        "legal_basis_authority": notice.legal_basis_authority,
        "legal_basis_date": "2023-05-12",
        "legal_basis_reference": notice.legal_basis_reference,
        "issued_on": notice.issued_on.isoformat(),
        "summary": "Changed by the page test",
    }
    assert client.post(f"/desk/notices/{notice.pk}/edit/", data).status_code == 302
    event = assert_audited("notice.update", obj=notice, actor=officer, channel="ui")
    assert event.after == {"issuing_country": "KR", "summary": "Changed by the page test"}

    assert client.post(f"/desk/notices/{notice.pk}/transition/", {"to": "active"}).status_code == 302
    assert_audited("notice.transition", obj=notice, channel="ui")
    response = client.post(f"/desk/notices/{notice.pk}/transition/", {"to": "suspended", "note": ""}, follow=True)
    assert "A reason is required to move to suspended." in response.content.decode()
    response = client.post(f"/desk/notices/{notice.pk}/review/", {"note": "Still wanted"}, follow=True)
    assert "Review recorded" in response.content.decode()
    assert_audited("notice.review", obj=notice, actor=officer, channel="ui")
    notice.refresh_from_db()
    assert notice.last_reviewed_on == TODAY()


def test_the_notice_page_flags_a_review_due_within_six_months(home: Any, officer: Any, page_client: Any) -> None:
    today = TODAY()
    issued = datetime.date(today.year - 4, today.month, 1) - datetime.timedelta(days=7 * 31)
    notice = NoticeFactory(owner=home, issued_on=issued)
    html = page_client(officer).get(f"/desk/notices/{notice.pk}/").content.decode()
    assert "review due" in html and "within six months" in html
    recent = NoticeFactory(owner=home)
    assert "within six months" not in page_client(officer).get(f"/desk/notices/{recent.pk}/").content.decode()


def test_offence_pages(home: Any, officer: Any, page_client: Any) -> None:
    notice = NoticeFactory(owner=home, offences=1)
    client = _logged_in(page_client, officer)
    data = {"description": "Rửa tiền", "crime_area": "money_laundering", "law": "Điều 324", "max_penalty": "15 năm"}
    assert client.get(f"/desk/notices/{notice.pk}/offences/new/").status_code == 200
    assert client.post(f"/desk/notices/{notice.pk}/offences/new/", data).status_code == 302
    offence = notice.offences.get(description="Rửa tiền")
    assert_audited("offence.create", obj=offence, actor=officer, channel="ui")
    response = client.post(f"/desk/offences/{offence.pk}/edit/", {**data, "max_penalty": "20 năm"})
    assert response.status_code == 302 and response["Location"] == f"/desk/notices/{notice.pk}/"
    assert assert_audited("offence.update", obj=offence, channel="ui").after == {"max_penalty": "20 năm"}
    assert client.post(f"/desk/offences/{offence.pk}/delete/").status_code == 302
    assert_audited("offence.delete", channel="ui")
    last = notice.offences.get()
    response = client.post(f"/desk/offences/{last.pk}/delete/", follow=True)
    assert "A wanted notice names at least one offence." in response.content.decode()
    assert notice.offences.count() == 1


def test_notice_and_offence_pages_are_refused_without_the_role(home: Any, page_client: Any) -> None:
    notice = NoticeFactory(owner=home)
    offence = OffenceFactory(notice=notice)
    client = _logged_in(page_client, UserFactory(agency=home, roles=[ANALYST]))
    before = AuditEvent.objects.count()
    assert client.get("/desk/notices/new/").status_code == 404
    assert client.get(f"/desk/notices/{notice.pk}/").status_code == 200  # reading is allowed
    for url, data in [
        ("/desk/notices/new/", {"person": notice.person_id, "kind": "missing"}),
        (f"/desk/notices/{notice.pk}/edit/", {"summary": "x"}),
        (f"/desk/notices/{notice.pk}/transition/", {"to": "suspended", "note": "x"}),
        (f"/desk/notices/{notice.pk}/review/", {"note": "x"}),
        (f"/desk/notices/{notice.pk}/offences/new/", {"description": "x"}),
        (f"/desk/offences/{offence.pk}/edit/", {"description": "x"}),
        (f"/desk/offences/{offence.pk}/delete/", {}),
    ]:
        assert client.post(url, data).status_code == 404, url
    assert AuditEvent.objects.count() == before


# --- fugitive cases --------------------------------------------------------------------------------------
def test_open_a_case_on_the_page_from_its_notice(home: Any, partner: Any, officer: Any, page_client: Any) -> None:
    notice = NoticeFactory(owner=home)
    client = _logged_in(page_client, officer)
    form = client.get(f"/desk/cases/new/?notice={notice.pk}").content.decode()
    assert str(notice.person) in form
    response = client.post(
        "/desk/cases/new/",
        {
            "person": notice.person_id,
            "notice": notice.pk,
            "partner": partner.pk,
            "direction": "incoming",
            "priority": 1,
            "received_on": TODAY().isoformat(),
            "note": "Request by diplomatic note",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    case = FugitiveCase.objects.get()
    assert_audited("fugitive_case.create", obj=case, actor=officer, channel="ui")
    assert case.notice == notice and case.status == "received" and case.priority == 1
    assert CaseEvent.objects.get(case=case).note == "Request by diplomatic note"


def test_the_case_page_shows_the_timeline_deadlines_and_only_the_allowed_transitions(
    home: Any, partner: Any, officer: Any, page_client: Any
) -> None:
    # received two days ago, so that "two hours ago" below is never before it (at 01:00 it is yesterday)
    case = FugitiveCaseFactory(
        owner=home,
        partner=partner,
        received_on=TODAY() - datetime.timedelta(days=2),
        acknowledge_by=TODAY() - datetime.timedelta(days=1),
        notice=None,
    )
    client = _logged_in(page_client, officer)
    html = client.get(f"/desk/cases/{case.pk}/").content.decode()
    assert "Timeline" in html and "Opened" in html and "overdue" in html
    targets = {line.split('value="')[1].split('"')[0] for line in html.splitlines() if 'name="to"' in line}
    assert targets == {"accepted", "withdrawn", "expired"}
    assert 'name="place"' in html and 'name="occurred_at"' in html

    when = (timezone.localtime() - datetime.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        f"/desk/cases/{case.pk}/transition/",
        {"to": "accepted", "place": "Hà Nội", "occurred_at": when, "note": "Accepted by the director"},
    )
    assert response.status_code == 302
    event = assert_audited("fugitive_case.transition", obj=case, actor=officer, channel="ui")
    assert event.after["place"] == "Hà Nội" and event.after["note"] == "Accepted by the director"
    html = client.get(f"/desk/cases/{case.pk}/").content.decode()
    assert "Received → Accepted" in html and "Hà Nội" in html and "Accepted by the director" in html
    assert "overdue" not in html  # accepting acknowledged the request

    response = client.post(f"/desk/cases/{case.pk}/transition/", {"to": "handed_over"}, follow=True)
    text = response.content.decode()
    assert "Cannot go from accepted to handed_over" in text and "Allowed from accepted" in text
    response = client.post(f"/desk/cases/{case.pk}/transition/", {"to": "not_found", "note": ""}, follow=True)
    assert "A reason is required to move to not_found." in response.content.decode()

    response = client.post(
        f"/desk/cases/{case.pk}/notes/", {"kind": "progress_report", "note": "First report sent", "place": ""}
    )
    assert response.status_code == 302
    assert_audited("fugitive_case.note", obj=case, channel="ui")
    case.refresh_from_db()
    assert case.next_report_due == TODAY() + datetime.timedelta(days=30)


def test_a_final_case_offers_no_transition(home: Any, officer: Any, page_client: Any) -> None:
    case = FugitiveCaseFactory(owner=home, status="closed")
    html = page_client(officer).get(f"/desk/cases/{case.pk}/").content.decode()
    assert 'name="to"' not in html and "This is a final state." in html


def test_case_list_filters_and_export(home: Any, partner: Any, officer: Any, page_client: Any) -> None:
    other_partner = AgencyFactory(short_name="MVD")
    late = FugitiveCaseFactory(
        owner=home, partner=partner, reference="FC-LATE", acknowledge_by=TODAY() - datetime.timedelta(days=1)
    )
    FugitiveCaseFactory(owner=home, partner=other_partner, reference="FC-FINE", direction="outgoing", status="accepted")
    FugitiveCaseFactory(owner=home, partner=partner, reference="FC-DONE", status="closed", priority=3)
    client = page_client(officer)

    def shown(query: str) -> set[str]:
        html = client.get(f"/desk/cases/?{query}").content.decode()
        return {ref for ref in ("FC-LATE", "FC-FINE", "FC-DONE") if ref in html}

    assert shown("overdue=true") == {"FC-LATE"}
    assert shown("open=true") == {"FC-LATE", "FC-FINE"}
    assert shown(f"partner={partner.pk}") == {"FC-LATE", "FC-DONE"}
    assert shown("direction=outgoing") == {"FC-FINE"}
    assert shown("priority=3") == {"FC-DONE"}
    assert shown("status=closed") == {"FC-DONE"}
    csv = b"".join(client.get("/desk/cases/?export=csv&overdue=true").streaming_content).decode("utf-8-sig")
    assert "FC-LATE" in csv and "FC-FINE" not in csv and late.reference in csv


def test_edit_a_case_on_its_page(home: Any, officer: Any, page_client: Any) -> None:
    case = FugitiveCaseFactory(owner=home)
    client = _logged_in(page_client, officer)
    form = client.get(f"/desk/cases/{case.pk}/edit/").content.decode()
    assert 'name="priority"' in form and 'name="partner"' not in form and 'name="person"' not in form
    response = client.post(
        f"/desk/cases/{case.pk}/edit/", {"priority": 3, "summary": "Changed by the page test", "crime_area": "drugs"}
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    event = assert_audited("fugitive_case.update", obj=case, actor=officer, channel="ui")
    assert event.after == {"priority": 3, "summary": "Changed by the page test", "crime_area": "drugs"}


def test_case_pages_are_refused_without_the_role_and_to_another_agency(
    home: Any, partner: Any, page_client: Any
) -> None:
    case = FugitiveCaseFactory(owner=home, partner=partner)
    for user in (UserFactory(agency=home, roles=[ANALYST]), UserFactory(agency=partner, roles=[DESK_OFFICER])):
        client = _logged_in(page_client, user)
        before = AuditEvent.objects.count()
        assert client.get("/desk/cases/new/").status_code == (404 if user.agency == home else 200)
        for url, data in [
            (f"/desk/cases/{case.pk}/edit/", {"priority": 1}),
            (f"/desk/cases/{case.pk}/transition/", {"to": "accepted"}),
            (f"/desk/cases/{case.pk}/notes/", {"kind": "note", "note": "x"}),
            (f"/desk/cases/{case.pk}/documents/new/", {}),
        ]:
            assert client.post(url, data).status_code == 404, (user, url)
        assert AuditEvent.objects.count() == before


# --- partner deadlines -----------------------------------------------------------------------------------
def test_partner_deadlines_pages(home: Any, partner: Any, page_client: Any) -> None:
    supervisor = UserFactory(agency=home, roles=[SUPERVISOR])
    client = _logged_in(page_client, supervisor)
    assert client.get("/desk/partner-deadlines/new/").status_code == 200
    response = client.post(
        "/desk/partner-deadlines/new/", {"partner": partner.pk, "acknowledge_days": 4, "report_every_days": 20}
    )
    assert response.status_code == 302 and response["Location"] == "/desk/partner-deadlines/"
    row = PartnerDeadlines.objects.get()
    assert row.owner == home
    assert_audited("partner_deadlines.create", obj=row, actor=supervisor, channel="ui")
    again = client.post(
        "/desk/partner-deadlines/new/", {"partner": partner.pk, "acknowledge_days": 9, "report_every_days": 9}
    )
    assert again.status_code == 200 and "already set" in again.content.decode()
    html = client.get("/desk/partner-deadlines/").content.decode()
    assert partner.short_name in html and f"/desk/partner-deadlines/{row.pk}/edit/" in html
    response = client.post(
        f"/desk/partner-deadlines/{row.pk}/edit/",
        {"partner": partner.pk, "acknowledge_days": 2, "report_every_days": 20},
    )
    assert response.status_code == 302
    event = assert_audited("partner_deadlines.update", obj=row, channel="ui")
    assert event.before["acknowledge_days"] == 4 and event.after["acknowledge_days"] == 2
    assert "report_every_days" not in event.after
    bad = client.post(
        f"/desk/partner-deadlines/{row.pk}/edit/",
        {"partner": partner.pk, "acknowledge_days": 0, "report_every_days": 20},
    )
    assert bad.status_code == 200
    assert client.post(f"/desk/partner-deadlines/{row.pk}/delete/").status_code == 302
    assert_audited("partner_deadlines.delete", channel="ui")
    assert not PartnerDeadlines.objects.exists()


def test_partner_deadlines_are_set_by_supervisors_and_seen_by_their_agency_only(
    home: Any, partner: Any, page_client: Any
) -> None:
    row = PartnerDeadlinesFactory(owner=home, partner=AgencyFactory(short_name="SPO Korea"))
    officer_client = _logged_in(page_client, UserFactory(agency=home, roles=[DESK_OFFICER]))
    before = AuditEvent.objects.count()
    assert "SPO Korea" in officer_client.get("/desk/partner-deadlines/").content.decode()
    assert officer_client.get("/desk/partner-deadlines/new/").status_code == 404
    data = {"partner": partner.pk, "acknowledge_days": 1, "report_every_days": 1}
    assert officer_client.post("/desk/partner-deadlines/new/", data).status_code == 404
    assert officer_client.post(f"/desk/partner-deadlines/{row.pk}/edit/", data).status_code == 404
    assert officer_client.post(f"/desk/partner-deadlines/{row.pk}/delete/").status_code == 404
    assert AuditEvent.objects.count() == before
    outsider = page_client(UserFactory(agency=partner, roles=[SUPERVISOR]))
    assert "SPO Korea" not in outsider.get("/desk/partner-deadlines/").content.decode()
    assert outsider.get(f"/desk/partner-deadlines/{row.pk}/edit/").status_code == 404


def test_notice_list_links_the_followthemoney_export(home: Any, officer: Any, page_client: Any) -> None:
    """The README promises *Export (FollowTheMoney)* on the notices page: the link is there for whoever may
    export (who may see the notices), and it downloads the export."""
    NoticeFactory(owner=home, person=PersonFactory(owner=home, names=["Võ Thanh Sơn"]))
    client = page_client(officer)
    html = client.get("/desk/notices/").content.decode()
    assert 'href="/desk/export/ftm/"' in html and "Export (FollowTheMoney)" in html
    response = client.get("/desk/export/ftm/")
    assert response.status_code == 200 and "Võ Thanh Sơn" in b"".join(response.streaming_content).decode()
