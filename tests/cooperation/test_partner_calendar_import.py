"""Partner page, calendar and iCalendar feed, import, demo data (issue 4 items 5–8)."""

from __future__ import annotations

import datetime
import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from liaison.agencies.system import system_actor
from liaison.cooperation import ical
from liaison.cooperation.actions import feed as feed_actions
from liaison.cooperation.choices import AgreementStatus
from liaison.cooperation.models import ActionItem, Agreement, Engagement, Programme
from liaison.core.models import AuditEvent
from tests.cooperation.factories import ActionItemFactory, AgreementFactory, EngagementFactory
from tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
YESTERDAY = TODAY - datetime.timedelta(days=1)


def _in_force(agency: Any, partner: Any, title: str) -> Agreement:
    agreement = AgreementFactory(
        owner=agency, title_en=title, with_parties=False, signed_date=datetime.date(2019, 1, 29)
    )
    agreement.parties.create(agency=agency)
    agreement.parties.create(agency=partner)
    Agreement.objects.filter(pk=agreement.pk).update(status=AgreementStatus.IN_FORCE)
    return agreement


# --- partner page ----------------------------------------------------------------------------------------
def test_partner_page_shows_agreements_overdue_items_and_timeline(home, partner, officer, page_client) -> None:
    other = AgencyFactory(code="XX-OTH", short_name="Other")
    _in_force(home, partner, "Own MoU in force")
    _in_force(other, partner, "SECRET foreign MoU")
    ActionItemFactory(owner=home, partner_agency=partner, title="Late item", due_date=YESTERDAY)
    ActionItemFactory(owner=other, partner_agency=partner, title="SECRET foreign item", due_date=YESTERDAY)
    engagement = EngagementFactory(owner=home, title="Talks in Seoul", start_date=datetime.date(2019, 7, 8))
    engagement.partners.set([partner])

    response = page_client(officer).get(reverse("partner_detail", kwargs={"pk": partner.pk}))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Own MoU in force" in body
    assert "Late item" in body and "overdue" in body
    assert "Talks in Seoul" in body
    assert "SECRET" not in body
    timeline = [row["event"].date for row in response.context["timeline"]]
    assert timeline == sorted(timeline, reverse=True)  # newest first
    assert response.context["overdue_count"] == 1


def test_partner_index_counts(home, partner, officer, page_client) -> None:
    ActionItemFactory(owner=home, partner_agency=partner, due_date=YESTERDAY)
    ActionItemFactory(owner=home, partner_agency=partner, due_date=None)
    response = page_client(officer).get(reverse("partners"))
    row = next(r for r in response.context["rows"] if r["agency"] == partner)
    assert (row["open"], row["overdue"]) == (2, 1)
    assert all(r["agency"] != home for r in response.context["rows"])


# --- calendar --------------------------------------------------------------------------------------------
def test_calendar_month_view(home, partner, officer, page_client) -> None:
    EngagementFactory(owner=home, title="Conference day", start_date=datetime.date(2026, 11, 12))
    ActionItemFactory(owner=home, title="Report due", due_date=datetime.date(2026, 11, 3))
    EngagementFactory(owner=partner, title="SECRET partner talks", start_date=datetime.date(2026, 11, 12))
    response = page_client(officer).get(reverse("calendar") + "?month=2026-11")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Conference day" in body and "Report due" in body and "SECRET" not in body
    assert response.context["previous_month"] == "2026-10" and response.context["next_month"] == "2026-12"
    cells = {cell["date"]: cell for week in response.context["weeks"] for cell in week}
    due = cells[datetime.date(2026, 11, 3)]["entries"][0]
    assert due["overdue"] == (datetime.date(2026, 11, 3) < TODAY)
    if TODAY in cells:
        assert cells[TODAY]["is_today"]
    assert page_client(officer).get(reverse("calendar") + "?month=garbage").status_code == 200


def test_ical_feed_content_wrong_and_revoked_token_and_rotation(home, partner, officer, client, page_client) -> None:
    soon = TODAY + datetime.timedelta(days=5)
    EngagementFactory(owner=home, title="Talks; with, commas", start_date=soon, place="Hà Nội")
    EngagementFactory(owner=partner, title="SECRET partner talks", start_date=soon)
    key = feed_actions.do_rotate_calendar_feed(actor=officer)
    url = reverse("calendar_feed", kwargs={"token": key})
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    text = response.content.decode()
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert "Talks\\; with\\, commas" in text.replace("\r\n ", "")
    assert f"DTSTART;VALUE=DATE:{soon:%Y%m%d}" in text
    assert "SECRET" not in text
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    assert client.get(reverse("calendar_feed", kwargs={"token": "wrong"})).status_code == 404

    new_key = feed_actions.do_rotate_calendar_feed(actor=officer)  # rotation: the old URL stops working
    assert client.get(url).status_code == 404
    assert client.get(reverse("calendar_feed", kwargs={"token": new_key})).status_code == 200
    assert AuditEvent.objects.filter(action="calendar_feed.rotate").exists()

    page = page_client(officer)
    page.post(reverse("calendar_feed_revoke"))
    assert client.get(reverse("calendar_feed", kwargs={"token": new_key})).status_code == 404

    page.post(reverse("calendar_feed_rotate"))
    shown = page.get(reverse("calendar")).context["feed_url"]
    assert shown and client.get(shown).status_code == 200
    assert page.get(reverse("calendar")).context["feed_url"] is None  # shown once


def test_ical_folding_keeps_characters_whole() -> None:
    folded = ical.fold("SUMMARY:" + "Hợp tác quốc tế " * 20)
    for line in folded.split("\r\n"):
        assert len(line.encode()) <= 75
        line.encode().decode()  # no character split


# --- import ----------------------------------------------------------------------------------------------
CSV_BAD = (
    "title,partner,due_date,number\n"
    "Good item,KR-KNPA,2026-12-01,1\n"
    ",KNPA,2026-12-01,2\n"
    "Bad date,KNPA,2025-13-40,3\n"
    "Unknown partner,NOPE,,4\n"
)


def _upload(client: Any, kind: str, name: str, content: bytes) -> Any:
    return client.post(reverse("import_upload"), {"kind": kind, "file": SimpleUploadedFile(name, content)})


def test_import_preview_lists_errors_by_row_and_field_and_writes_nothing(home, partner, officer, page_client) -> None:
    client = page_client(officer)
    response = _upload(client, "action_items", "items.csv", ("\ufeff" + CSV_BAD).encode())
    assert response.status_code == 302 and response["Location"] == reverse("import_preview")
    preview = client.get(reverse("import_preview"))
    body = preview.content.decode()
    assert "row 3, field title: this field is required" in body
    assert "row 4, field due_date: &#x27;2025-13-40&#x27; is not a date (YYYY-MM-DD)" in body
    assert "row 5, field partner:" in body and "NOPE" in body
    assert "Good item" in body
    response = client.post(reverse("import_preview"))  # confirm refused: re-validated
    assert response.status_code == 200
    assert ActionItem.objects.count() == 0


def test_import_confirm_writes_all_rows_in_one_transaction_and_is_audited(home, partner, officer, page_client) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["kind", "title", "partner", "start_date", "place", "country"])
    sheet.append(["talks", "Imported talks", "KNPA", datetime.datetime(2026, 12, 3), "Seoul", "kr"])
    sheet.append(["conference", "Imported conference", "kr-knpa", None, None, None])
    buffer = io.BytesIO()
    workbook.save(buffer)
    client = page_client(officer)
    _upload(client, "engagements", "engagements.xlsx", buffer.getvalue())
    assert client.get(reverse("import_preview")).context["ok"]
    response = client.post(reverse("import_preview"))
    assert response.status_code == 302
    talks = Engagement.objects.get(title="Imported talks")
    assert talks.start_date == datetime.date(2026, 12, 3) and talks.country == "KR" and talks.owner == home
    assert list(talks.partners.all()) == [partner]
    assert Engagement.objects.count() == 2
    assert AuditEvent.objects.filter(action="engagement.create").count() == 2
    assert AuditEvent.objects.get(action="cooperation.import").after["rows"] == 2


def test_import_is_all_or_nothing_when_an_action_refuses_a_row(home, partner, officer, page_client) -> None:
    from liaison.cooperation import importing

    records = [
        {"row": 2, "values": {"kind": "mou", "title_en": "First", "partner": "KNPA"}},
        {"row": 3, "values": {"kind": "mou", "title_en": "Second", "partner": "KNPA"}},
    ]
    original = importing.CREATE["agreements"]
    calls = []

    def failing(data: Any, *, actor: Any) -> Any:
        calls.append(data)
        if len(calls) == 2:
            from django.core.exceptions import ValidationError

            raise ValidationError({"title_en": "refused"})
        return original(data, actor=actor)

    importing.CREATE["agreements"] = failing
    try:
        with pytest.raises(importing.RowsInvalid) as error:
            importing.write("agreements", records, officer)
    finally:
        importing.CREATE["agreements"] = original
    assert error.value.result.errors[0].row == 3
    assert Agreement.objects.count() == 0


def test_import_template_download(home, officer, page_client) -> None:
    response = page_client(officer).get(reverse("import_template") + "?kind=action_items&format=csv")
    assert response.content.decode("utf-8-sig").startswith("title,number,partner,due_date")
    xlsx = page_client(officer).get(reverse("import_template") + "?kind=agreements&format=xlsx")
    assert xlsx.content[:2] == b"PK"


# --- demo data -------------------------------------------------------------------------------------------
def test_demo_loader_is_idempotent_and_true_to_the_record(db: Any) -> None:
    from liaison.agencies import demo as agencies_demo
    from liaison.cooperation import demo

    actor = system_actor("demo")
    out: list[str] = []
    agencies_demo.load(actor, out.append)
    demo.load(actor, out.append)
    models = (Agreement, Programme, ActionItem, Engagement)
    counts = [m.objects.count() for m in models]
    demo.load(actor, out.append)
    assert [m.objects.count() for m in models] == counts
    mou = Agreement.objects.get(signed_date=datetime.date(2019, 1, 29))
    assert mou.status == AgreementStatus.IN_FORCE
    assert {p.agency.code for p in mou.parties.all()} == {"VN-MPS", "KR-SPO"}
    assert "shared/seeds/001" in mou.notes
    programme = Programme.objects.get(start_year=2022, end_year=2024)
    assert programme.agreement is not None and "2022–2024" in programme.agreement.title_en
    assert Engagement.objects.filter(start_date=datetime.date(2022, 10, 31), place="Hanoi").exists()
    negotiating = Agreement.objects.get(title_en__icontains="transfer of sentenced persons")
    assert negotiating.status == AgreementStatus.NEGOTIATING
    undated = Engagement.objects.get(edition=6)
    assert undated.start_date is None and undated.place == ""  # not in the record: not invented
