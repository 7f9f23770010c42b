"""The partner's page shows the legal requests with that partner: by kind and status, the median days to
acknowledge and to execute per kind, refusals by ground; only what the reader may see."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from liaison.agencies.models import Agency, User
from liaison.core.permissions import LEGAL_OFFICER
from liaison.legal.models import TreatyTerms
from tests.legal.factories import LegalRequestFactory

pytestmark = pytest.mark.django_db


def test_the_partner_page_gives_the_legal_figures(
    legal_officer: User, make_user: Callable[..., User], page_client: Callable[[User], Any], home: Agency,
    partner: Agency, treaty: TreatyTerms,
) -> None:  # fmt: skip
    today = timezone.localdate()

    def days(n: int) -> datetime.date:
        return today - datetime.timedelta(days=n)

    common = {"owner": home, "partner": partner, "treaty": treaty, "kind": "mla", "direction": "outgoing"}
    LegalRequestFactory(**common, status="executed", sent_on=days(40), acknowledged_on=days(36), closed_on=days(10))
    LegalRequestFactory(**common, status="executed", sent_on=days(30), acknowledged_on=days(20), closed_on=days(2))
    LegalRequestFactory(**common, status="refused", sent_on=days(5), refusal_grounds=["political"])
    LegalRequestFactory(owner=partner, partner=home, kind="mla", refusal_grounds=["sovereignty"], status="refused")
    url = reverse("partner_detail", kwargs={"pk": partner.pk})
    page = page_client(legal_officer).get(url).content.decode()
    assert "Median days to acknowledge" in page
    assert "<td>Mutual legal assistance</td><td>3</td>" in page
    assert "Executed: 2" in page and "Refused: 1" in page
    assert "<td>7.0</td><td>29.0</td>" in page  # acknowledged in 4 and 10 days; executed in 30 and 28
    assert "Political offence: 1" in page and "Sovereignty" not in page
    other = make_user(LEGAL_OFFICER, agency=partner)
    theirs = page_client(other).get(reverse("partner_detail", kwargs={"pk": home.pk})).content.decode()
    assert "Sovereignty, security or public order: 1" in theirs and "Political offence" not in theirs
    assert "<td>Mutual legal assistance</td><td>1</td>" in theirs
