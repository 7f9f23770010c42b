"""The case page tells an acknowledgement made in time from a late one: green only when it met its deadline
(issue 20, item 15)."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from django.utils import timezone

from liaison.desk.choices import CaseStatus
from tests.desk.factories import FugitiveCaseFactory

pytestmark = pytest.mark.django_db


def met_cell(html: str) -> str:
    row = re.search(r"<tr><td>Acknowledge the request</td>.*?</tr>", html, re.S)
    assert row is not None
    return row.group(0).rsplit("<td>", 1)[1]


@pytest.mark.parametrize(
    ("days_after_deadline", "badge", "late"), [(-1, "badge ok", False), (0, "badge ok", False), (3, "badge warn", True)]
)
def test_the_acknowledgement_badge_says_whether_it_was_late(
    days_after_deadline: int, badge: str, late: bool, home: Any, officer: Any, page_client: Any
) -> None:
    deadline = timezone.localdate() - datetime.timedelta(days=10)
    case = FugitiveCaseFactory(
        owner=home,
        status=CaseStatus.ACCEPTED,
        acknowledge_by=deadline,
        acknowledged_on=deadline + datetime.timedelta(days=days_after_deadline),
    )
    cell = met_cell(page_client(officer).get(f"/desk/cases/{case.pk}/").content.decode())
    assert f'class="{badge}"' in cell, cell
    assert ("late" in cell) is late, cell
