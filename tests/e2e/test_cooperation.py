"""Issue 4's browser test: record an engagement, turn an outcome into an action item, find it on the partner page."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from liaison.core.permissions import DESK_OFFICER
from tests.e2e.test_shell import sign_in
from tests.factories import AgencyFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_engagement_outcome_becomes_an_action_item_on_the_partner_page(page: Any, live_server: Any) -> None:
    home = AgencyFactory(code="VN-MPS", country="VN", short_name="MPS Vietnam", is_home=True)
    knpa = AgencyFactory(code="KR-KNPA", country="KR", short_name="KNPA", name_en="Korean National Police Agency")
    UserFactory(username="desk.e2e", agency=home, roles=[DESK_OFFICER])
    sign_in(page, live_server.url, "desk.e2e")

    page.goto(live_server.url + "/cooperation/engagements/new/")
    page.select_option("#id_kind", "conference")
    page.fill("#id_title", "6th Vietnam–Korea police cooperation conference")
    page.fill("#id_edition", "6")
    page.fill("#id_start_date", "2024-11-20")
    page.select_option("#id_partners", str(knpa.pk))
    page.click("main form button[type=submit]")
    expect(page.locator("h1")).to_contain_text("6th Vietnam–Korea police cooperation conference")

    page.fill("textarea[name=text]", "Exchange liaison officers on telecom fraud cases")
    page.click("form.child-form:has(textarea[name=text]) button[type=submit]")
    expect(page.locator("ol.outcomes")).to_contain_text("Exchange liaison officers")

    page.click("ol.outcomes button:has-text('Make action item')")
    expect(page.locator(".messages .success")).to_contain_text("Action item created")
    item_url = page.url
    assert "/cooperation/action-items/" in item_url
    expect(page.locator("main")).to_contain_text("6th Vietnam–Korea police cooperation conference")  # link back

    page.goto(live_server.url + f"/partners/{knpa.pk}/")
    expect(page.locator("main")).to_contain_text("Exchange liaison officers on telecom fraud cases")
    page.click("main a:has-text('Exchange liaison officers')")
    assert page.url == item_url
