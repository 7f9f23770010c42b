from __future__ import annotations

import re
from typing import Any

import pytest

from liaison.core.permissions import NODE_ADMIN, SUPERVISOR
from tests.factories import AgencyFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "Correct-Horse-9-battery"


def sign_in(page: Any, base: str, username: str, password: str = PASSWORD) -> None:
    page.goto(base + "/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click(".auth-card button[type=submit]")
    page.wait_for_selector("nav.sidebar", state="attached")
    page.wait_for_load_state("load")  # app.js (deferred) handles the menu and language switcher


def test_sign_in_walk_the_navigation_and_switch_language(page: Any, live_server: Any) -> None:
    home = AgencyFactory(
        code="VN-MPS", country="VN", short_name="MPS Vietnam", name_en="Ministry of Public Security", is_home=True
    )
    AgencyFactory(code="KR-KNPA", short_name="KNPA", name_native="경찰청")
    UserFactory(username="admin.e2e", agency=home, roles=[NODE_ADMIN, SUPERVISOR], first_name="Lan")

    page.goto(live_server.url + "/")
    assert "/account/sign-in/" in page.url
    page.fill("#id_username", "admin.e2e")
    page.fill("#id_password", "wrong password")
    page.click("main button[type=submit], .auth-card button[type=submit]")
    assert page.locator(".errorlist").is_visible()

    sign_in(page, live_server.url, "admin.e2e")
    page.wait_for_selector("h1:has-text('Dashboard')")
    assert page.locator("text=KNPA").first.is_visible()

    links = page.locator("nav.sidebar a")
    targets = [(links.nth(i).inner_text(), links.nth(i).get_attribute("href")) for i in range(links.count())]
    assert {"Agencies", "Units", "Users", "Audit trail", "API documentation"} <= {label for label, _ in targets}
    for label, href in targets:
        page.goto(live_server.url + href)
        if href.startswith("/api/"):
            page.wait_for_selector(".swagger-ui .info", timeout=15000)  # Swagger UI, served by the application
            continue
        assert page.locator("h1").first.is_visible(), label
        assert page.locator("nav.sidebar a.active").inner_text() == label

    page.goto(live_server.url + "/audit/")
    assert page.locator("td:has-text('auth.sign_in')").first.is_visible()

    with page.expect_navigation():
        page.select_option("#language-switcher", "vi")
    assert page.locator("html").get_attribute("lang") == "vi"
    assert page.locator("nav.sidebar a:has-text('Bảng điều khiển')").is_visible()
    with page.expect_navigation():
        page.select_option("#language-switcher", "en")
    assert page.locator("nav.sidebar a:has-text('Dashboard')").is_visible()


def test_create_a_unit_with_a_mistake_then_fix_it(page: Any, live_server: Any) -> None:
    home = AgencyFactory(code="VN-MPS", country="VN", short_name="MPS Vietnam", is_home=True)
    UserFactory(username="sup.e2e", agency=home, roles=[SUPERVISOR])
    sign_in(page, live_server.url, "sup.e2e")
    page.goto(live_server.url + "/units/new/")
    page.click("main button[type=submit]")
    assert page.locator(".field.invalid").first.is_visible()
    page.fill("#id_name", "Bàn Hàn Quốc")
    page.fill("#id_name_en", "Korea Desk")
    page.select_option("#id_kind", "desk")
    page.click("main button[type=submit]")
    page.wait_for_selector("h1:has-text('Bàn Hàn Quốc')")
    assert page.locator(".messages .success").is_visible()


def test_tablet_width_has_a_menu_button(page: Any, live_server: Any) -> None:
    home = AgencyFactory(code="VN-MPS", country="VN", short_name="MPS Vietnam", is_home=True)
    UserFactory(username="tab.e2e", agency=home, roles=[SUPERVISOR])
    page.set_viewport_size({"width": 800, "height": 1100})
    sign_in(page, live_server.url, "tab.e2e")
    page.wait_for_selector("h1:has-text('Dashboard')")
    box = page.locator("nav.sidebar").bounding_box()
    assert box is not None and box["x"] + box["width"] <= 0  # the menu is folded away off-screen
    page.click("[data-nav-toggle]")
    page.click("nav.sidebar a:has-text('Units')")
    page.wait_for_selector("h1:has-text('Units')")


def test_list_filters_as_you_type_and_sorts_in_place(page: Any, live_server: Any) -> None:
    from playwright.sync_api import expect

    from tests.factories import UnitFactory

    home = AgencyFactory(code="VN-MPS", country="VN", short_name="MPS Vietnam", is_home=True)
    UserFactory(username="list.e2e", agency=home, roles=[SUPERVISOR])
    for name in ["Bàn Hàn Quốc", "Bàn Nga", "Bàn Trung Quốc", "Cục Hợp tác quốc tế"]:
        UnitFactory(agency=home, name=name)
    sign_in(page, live_server.url, "list.e2e")
    page.goto(live_server.url + "/units/")
    page.wait_for_load_state("load")
    page.fill("#id_q", "Quốc")
    rows = page.locator("#results tbody tr")
    expect(rows).to_have_count(3)
    assert "q=Qu" in page.url  # the filter is in the address, so the view can be shared or reloaded
    expect(rows.first).to_contain_text("Bàn Hàn Quốc")  # sorted by name, ascending, by default
    page.click("#results thead a:has-text('Name')")
    expect(page).to_have_url(re.compile(r"sort=-name"))
    expect(rows.first).to_contain_text("Cục Hợp tác")
    page.click("#results thead a:has-text('Name')")
    expect(page).to_have_url(re.compile(r"sort=name"))
    expect(rows.first).to_contain_text("Bàn Hàn Quốc")
    assert page.locator("#results .list-toolbar").inner_text().startswith("3 records")
