"""An engagement's outcome turned into an action item: one link, seen from both ends."""

from __future__ import annotations

from typing import Any

import pytest

from liaison.cooperation.models import ActionItem
from liaison.core.permissions import ANALYST, DESK_OFFICER
from tests.cooperation.factories import EngagementFactory, OutcomeFactory
from tests.factories import UserFactory
from tests.helpers import assert_audited

pytestmark = pytest.mark.django_db


def test_an_outcome_becomes_an_action_item_linked_both_ways(home: Any, partner: Any, api_client: Any) -> None:
    engagement = EngagementFactory(owner=home)
    engagement.partners.set([partner])
    outcome = OutcomeFactory(engagement=engagement, text="Set up a hotline between the Korea and Vietnam desks")
    actor = UserFactory(agency=home, roles=[DESK_OFFICER])
    client = api_client(actor)

    response = client.post(
        f"/api/engagement-outcomes/{outcome.pk}/make-action-item/", {"due_date": "2026-03-31"}, format="json"
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["title"] == outcome.text and body["origin_outcome"] == outcome.pk
    assert body["partner_agency"] == partner.pk  # the engagement's only partner
    item = ActionItem.objects.get(pk=body["id"])
    outcome.refresh_from_db()
    assert outcome.action_item == item and item.origin_outcome == outcome
    assert item.owner == home and item.status == "planned"
    assert client.get(f"/api/engagement-outcomes/{outcome.pk}/").json()["action_item"] == item.pk
    assert client.get(f"/api/engagements/{engagement.pk}/").json()["outcomes"][0]["action_item"] == item.pk
    event = assert_audited("action_item.create_from_outcome", obj=item, actor=actor, channel="api")
    assert event.after["origin_outcome"] == outcome.pk

    again = client.post(f"/api/engagement-outcomes/{outcome.pk}/make-action-item/", {}, format="json")
    assert again.status_code == 400 and "outcome" in again.json()["error"]["fields"]
    assert ActionItem.objects.count() == 1


def test_making_an_action_item_needs_the_role_and_the_outcome(home: Any, partner: Any, api_client: Any) -> None:
    outcome = OutcomeFactory(engagement=EngagementFactory(owner=home))
    analyst = api_client(UserFactory(agency=home, roles=[ANALYST]))
    assert analyst.post(f"/api/engagement-outcomes/{outcome.pk}/make-action-item/", {}).status_code == 403
    foreign = OutcomeFactory(engagement=EngagementFactory(owner=partner))
    officer = api_client(UserFactory(agency=home, roles=[DESK_OFFICER]))
    assert officer.post(f"/api/engagement-outcomes/{foreign.pk}/make-action-item/", {}).status_code == 404
    assert not ActionItem.objects.exists()


def test_deleting_the_outcome_keeps_the_action_item(home: Any, api_client: Any) -> None:
    outcome = OutcomeFactory(engagement=EngagementFactory(owner=home))
    client = api_client(UserFactory(agency=home, roles=[DESK_OFFICER]))
    item_id = client.post(f"/api/engagement-outcomes/{outcome.pk}/make-action-item/", {}).json()["id"]
    assert client.delete(f"/api/engagement-outcomes/{outcome.pk}/").status_code == 204
    assert ActionItem.objects.get(pk=item_id).origin_outcome is None
