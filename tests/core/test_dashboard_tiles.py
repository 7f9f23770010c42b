"""The dashboard's tiles count what an officer acts on — open fugitive cases, cases past a deadline, notices due
for review, screening hits to decide, missed consular deadlines, overdue action items — each registered by its
app, each shown only to those who may see its records, each leading to the list it counts, filtered (issue 20,
item 15). The directory's counts (agencies, units, users, tokens) are for the node administrator only."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from django.utils import timezone

from liaison.core import registry
from liaison.core.permissions import DESK_OFFICER, NODE_ADMIN, SUPERVISOR
from tests.consular import factories as consular_factories
from tests.cooperation.factories import ActionItemFactory
from tests.desk.factories import FugitiveCaseFactory, NoticeFactory
from tests.factories import UserFactory
from tests.legal.factories import LegalRequestFactory
from tests.screening.factories import HitFactory, ScreeningListFactory, ScreeningRunFactory

pytestmark = pytest.mark.django_db

OFFICER_TILES = [
    "open_cases", "overdue_cases", "notices_review_due", "hits_to_decide", "consular_overdue", "overdue_action_items",
]  # fmt: skip
OFFICER_TILES += ["legal_open", "legal_overdue"]  # legal requests (issue 18)
DIRECTORY_TILES = ["agencies", "units", "users", "api_tokens"]


def tiles_of(html: str) -> list[tuple[str, int, str]]:
    """(key, count, link) of each tile on the dashboard, in order."""
    return [
        (key, int(count), link.replace("&amp;", "&"))
        for key, link, count in re.findall(r'<a class="stat tile-([a-z_]+)" href="([^"]+)"><b>(\d+)</b>', html)
    ]


def listed(client: Any, link: str) -> int:
    """How many records the linked page lists."""
    return int(client.get(link).context["page_obj"].paginator.count)


def make_work(agency: Any) -> None:
    today = timezone.localdate()
    case = FugitiveCaseFactory(owner=agency)  # open, its acknowledgement due in a few days
    FugitiveCaseFactory(owner=agency, acknowledge_by=today - datetime.timedelta(days=3))  # open, overdue
    FugitiveCaseFactory(owner=agency, status="closed")
    NoticeFactory(owner=agency, issued_on=today - datetime.timedelta(days=5 * 365))  # review due
    NoticeFactory(owner=agency)
    run = ScreeningRunFactory(screening_list=ScreeningListFactory(owner=agency))
    HitFactory(run=run)
    HitFactory(run=run)
    HitFactory(run=run, decision="confirmed")
    ActionItemFactory(owner=agency, due_date=today - datetime.timedelta(days=1))
    ActionItemFactory(owner=agency, due_date=today + datetime.timedelta(days=1))
    # Legal requests linked to the case (a desk officer sees these), one past its answer deadline; one not linked.
    LegalRequestFactory(owner=agency, fugitive_case=case, status="sent", answer_by=today - datetime.timedelta(days=1))
    LegalRequestFactory(owner=agency, fugitive_case=case, status="sent", answer_by=today + datetime.timedelta(days=9))
    LegalRequestFactory(owner=agency, status="sent", answer_by=today - datetime.timedelta(days=1))
    consular_factories.case(agency, notification_due=today - datetime.timedelta(days=2))  # notification overdue
    consular_factories.case(agency, notification_due=today + datetime.timedelta(days=2))


def test_the_apps_register_the_tiles_in_order() -> None:
    assert [tile.key for tile in registry.dashboard_tiles()] == OFFICER_TILES + DIRECTORY_TILES


def test_an_officer_sees_what_to_act_on_each_leading_to_its_list(
    home: Any, partner: Any, officer: Any, page_client: Any
) -> None:
    make_work(home)
    make_work(partner)  # another agency's work is neither counted nor listed
    client = page_client(officer)
    tiles = tiles_of(client.get("/").content.decode())
    assert [(key, count) for key, count, _link in tiles] == [
        ("open_cases", 2),
        ("overdue_cases", 1),
        ("notices_review_due", 1),
        ("hits_to_decide", 2),
        ("consular_overdue", 1),
        ("overdue_action_items", 1),
        ("legal_open", 2),
        ("legal_overdue", 1),
    ]
    for key, count, link in tiles:
        assert listed(client, link) == count, (key, link)


def test_the_directory_counts_are_for_the_node_administrator(home: Any, page_client: Any) -> None:
    admin = UserFactory(agency=home, roles=[NODE_ADMIN, SUPERVISOR])
    keys = [key for key, _count, _link in tiles_of(page_client(admin).get("/").content.decode())]
    assert keys[-4:] == DIRECTORY_TILES


def test_a_user_sees_only_the_tiles_of_records_they_may_see(home: Any, make_user: Any, page_client: Any) -> None:
    make_work(home)
    nobody = UserFactory(agency=home, roles=[])
    assert tiles_of(page_client(nobody).get("/").content.decode()) == []
    officer = make_user(DESK_OFFICER)
    assert {key for key, _c, _l in tiles_of(page_client(officer).get("/").content.decode())} == set(OFFICER_TILES)
