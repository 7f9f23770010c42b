"""The page holds what it shows: a long unbroken name wraps instead of widening the page or its tables (issue 20,
item 15)."""

from __future__ import annotations

from typing import Any

import pytest

from liaison.core.permissions import DESK_OFFICER
from tests.e2e.test_shell import sign_in
from tests.factories import AgencyFactory, UserFactory
from tests.people.factories import PersonFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WIDER_THAN_ITS_BOX = """() => [...document.querySelectorAll('main, main .table-wrap, main .panel')]
    .filter(el => el.scrollWidth > el.clientWidth + 1).map(el => el.className || el.tagName)"""


def test_a_long_unbroken_name_wraps_on_the_list_and_the_record(page: Any, live_server: Any) -> None:
    home = AgencyFactory(code="VN-MPS", country="VN", short_name="MPS Vietnam", is_home=True)
    UserFactory(username="officer.e2e", agency=home, roles=[DESK_OFFICER])
    person = PersonFactory(owner=home, names=["N" * 300], nationalities=["VN"])
    sign_in(page, live_server.url, "officer.e2e")
    for path in ("/people/", f"/people/{person.pk}/"):
        page.goto(live_server.url + path)
        page.wait_for_selector("main h1")
        assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth"), path
        assert page.evaluate(WIDER_THAN_ITS_BOX) == [], path
