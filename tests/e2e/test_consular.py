"""Issue 19's browser test: record the arrest of a national abroad, record the partner's notification, see the
missed first visit on the partner page, log the first visit, and see the partner page's figures change."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from liaison.consular.models import ConsularCase
from liaison.core.permissions import DESK_OFFICER
from tests.e2e.test_shell import sign_in
from tests.factories import AgencyFactory, UserFactory
from tests.people.factories import PersonFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_record_an_arrest_abroad_log_the_first_visit_and_see_the_partner_figures(page: Any, live_server: Any) -> None:
    home = AgencyFactory(code="VN-MPS", country="VN", short_name="MPS Vietnam", is_home=True)
    knpa = AgencyFactory(code="KR-KNPA", country="KR", short_name="KNPA", name_en="Korean National Police Agency")
    UserFactory(username="consul.e2e", agency=home, roles=[DESK_OFFICER])
    person = PersonFactory(owner=home, names=["Phạm Thị Lan"], nationalities=["VN"])
    today = timezone.localdate()
    arrested, notified = today - datetime.timedelta(days=20), today - datetime.timedelta(days=18)
    sign_in(page, live_server.url, "consul.e2e")

    # 1. the partner page before: nothing held
    partner_page = f"{live_server.url}/partners/{knpa.pk}/"
    page.goto(partner_page)
    expect(page.locator(".consular-figures .held-abroad")).to_have_text("0")

    # 2. record the arrest of our national in Korea
    page.goto(f"{live_server.url}/consular/cases/new/?person={person.pk}")
    page.select_option("#id_direction", "abroad")
    page.select_option("#id_partner", str(knpa.pk))
    page.select_option("#id_situation", "arrested")
    page.fill("#id_occurred_on", arrested.isoformat())
    page.fill("#id_place", "서울특별시")
    page.fill("#id_authority", "서울중앙지방검찰청")
    page.fill("#id_charges", "전기통신금융사기")
    page.fill("#id_family_contact", "Mẹ: bà Phạm Thị Hoa")
    page.select_option("#id_consent_notify", "requested")
    page.click("main form button[type=submit]")
    case = ConsularCase.objects.get()
    expect(page.locator("h1")).to_contain_text(case.reference)
    expect(page.locator(".case-status")).to_have_text("Open")
    expect(page.locator(".family-contact")).to_contain_text("Phạm Thị Hoa")

    # 3. the partner notified us two days later: the first visit falls due 14 days after
    page.fill("#notify-on", notified.isoformat())
    page.click("form.notify-form button[type=submit]")
    expect(page.locator(".messages .success")).to_contain_text("consular notification is recorded")
    expect(page.locator(".case-status")).to_have_text("Consulate notified")
    expect(page.locator("tr.deadline-first-visit")).to_contain_text("overdue")

    page.goto(partner_page)
    figures = page.locator(".consular-figures")
    expect(figures.locator(".held-abroad")).to_have_text("1")
    expect(figures.locator(".overdue-visits")).to_have_text("1")
    expect(figures.locator(".average-abroad")).to_have_text("2.0")

    # 4. log the first visit
    page.goto(f"{live_server.url}/consular/cases/{case.pk}/")
    form = page.locator("form.event-form")
    form.locator("#id_kind").select_option("visit")
    form.locator("#id_visitors").fill("Consul Nguyễn Minh")
    form.locator("#id_condition").fill("Healthy; interpreter provided")
    form.locator("#id_needs").fill("Vietnamese books")
    form.locator("button[type=submit]").click()
    expect(page.locator(".messages .success")).to_contain_text("Consular visit")
    expect(page.locator(".case-status")).to_have_text("Under follow-up")
    expect(page.locator("table.timeline")).to_contain_text("Consul Nguyễn Minh")

    # 5. the partner page's figures changed: no overdue visit left
    page.goto(partner_page)
    expect(figures.locator(".overdue-visits")).to_have_text("0")
    expect(figures.locator(".held-abroad")).to_have_text("1")
