"""Status changes only through the transition tables (workflow.py), each audited with from and to."""

from __future__ import annotations

from typing import Any

import pytest

from liaison.cooperation import workflow
from liaison.cooperation.models import ActionItem, Agreement, CapacityProject
from liaison.core.models import AuditEvent
from liaison.core.permissions import ANALYST, DESK_OFFICER
from tests.cooperation.factories import ActionItemFactory, AgreementFactory, CapacityProjectFactory
from tests.factories import UserFactory
from tests.helpers import assert_audited

pytestmark = pytest.mark.django_db

CASES = [
    ("agreement", AgreementFactory, Agreement, workflow.AGREEMENT),
    ("action-item", ActionItemFactory, ActionItem, workflow.ACTION_ITEM),
    ("capacity-project", CapacityProjectFactory, CapacityProject, workflow.CAPACITY_PROJECT),
]
ALLOWED = [
    (basename, factory, model, flow, current, to)
    for basename, factory, model, flow in CASES
    for current, targets in flow.transitions.items()
    for to in sorted(targets)
]

AUDIT_NOUN = {"agreement": "agreement", "action-item": "action_item", "capacity-project": "capacity_project"}


def _url(basename: str, pk: int) -> str:
    return f"/api/{basename}s/{pk}/transition/"


@pytest.mark.parametrize(
    ("basename", "factory", "model", "flow", "current", "to"),
    ALLOWED,
    ids=[f"{c[0]}:{c[4]}->{c[5]}" for c in ALLOWED],
)
def test_every_allowed_transition_is_audited_with_from_and_to(
    basename: str, factory: Any, model: Any, flow: Any, current: str, to: str, home: Any, api_client: Any
) -> None:
    record = factory(owner=home)
    model.objects.filter(pk=record.pk).update(status=current)  # set-up only: the start state
    actor = UserFactory(agency=home, roles=[DESK_OFFICER])
    response = api_client(actor).post(_url(basename, record.pk), {"to": to, "note": "per the minutes"}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["status"] == to
    record.refresh_from_db()
    assert record.status == to
    event = assert_audited(f"{AUDIT_NOUN[basename]}.transition", obj=record)
    assert event.before == {"status": current}
    assert event.after == {"status": to, "note": "per the minutes"}
    assert event.actor_id == actor.pk and event.channel == "api"


@pytest.mark.parametrize(
    ("basename", "factory", "current", "to"),
    [
        ("agreement", AgreementFactory, "negotiating", "in_force"),
        ("agreement", AgreementFactory, "terminated", "in_force"),
        ("action-item", ActionItemFactory, "done", "in_progress"),
        ("capacity-project", CapacityProjectFactory, "planned", "completed"),
        ("agreement", AgreementFactory, "negotiating", "no_such_state"),
    ],
)
def test_a_forbidden_transition_is_refused_with_a_clear_message_and_nothing_written(
    basename: str, factory: Any, current: str, to: str, home: Any, api_client: Any
) -> None:
    record = factory(owner=home)
    type(record).objects.filter(pk=record.pk).update(status=current)
    before = AuditEvent.objects.count()
    response = api_client(UserFactory(agency=home, roles=[DESK_OFFICER])).post(
        _url(basename, record.pk), {"to": to}, format="json"
    )
    assert response.status_code == 400
    message = response.json()["error"]["fields"]["to"][0]
    assert current in message and to in message and "Allowed from" in message
    record.refresh_from_db()
    assert record.status == current
    assert AuditEvent.objects.count() == before


@pytest.mark.parametrize("to", ["delayed", "dropped"])
def test_delayed_and_dropped_need_a_reason(to: str, home: Any, api_client: Any) -> None:
    item = ActionItemFactory(owner=home)
    client = api_client(UserFactory(agency=home, roles=[DESK_OFFICER]))
    before = AuditEvent.objects.count()
    response = client.post(_url("action-item", item.pk), {"to": to, "note": "  "}, format="json")
    assert response.status_code == 400
    assert "reason" in response.json()["error"]["fields"]["note"][0]
    assert AuditEvent.objects.count() == before
    response = client.post(_url("action-item", item.pk), {"to": to, "note": "Partner unit reorganised"}, format="json")
    assert response.status_code == 200
    assert response.json()["status_reason"] == "Partner unit reorganised"


def test_a_delayed_item_goes_back_in_progress(home: Any, api_client: Any) -> None:
    item = ActionItemFactory(owner=home)
    client = api_client(UserFactory(agency=home, roles=[DESK_OFFICER]))
    assert client.post(_url("action-item", item.pk), {"to": "in_progress"}, format="json").status_code == 200
    assert (
        client.post(_url("action-item", item.pk), {"to": "delayed", "note": "Budget"}, format="json").status_code == 200
    )
    assert client.post(_url("action-item", item.pk), {"to": "in_progress"}, format="json").status_code == 200
    item.refresh_from_db()
    assert item.status == "in_progress"


def test_cancelling_a_capacity_project_needs_a_reason(home: Any, api_client: Any) -> None:
    project = CapacityProjectFactory(owner=home)
    client = api_client(UserFactory(agency=home, roles=[DESK_OFFICER]))
    response = client.post(_url("capacity-project", project.pk), {"to": "cancelled"}, format="json")
    assert response.status_code == 400 and "note" in response.json()["error"]["fields"]


def test_the_status_cannot_be_edited_directly(home: Any, api_client: Any) -> None:
    agreement = AgreementFactory(owner=home)
    client = api_client(UserFactory(agency=home, roles=[DESK_OFFICER]))
    response = client.patch(f"/api/agreements/{agreement.pk}/", {"status": "in_force"}, format="json")
    assert response.status_code == 200  # read-only in the API: ignored
    agreement.refresh_from_db()
    assert agreement.status == "negotiating"


def test_the_action_refuses_a_status_in_its_data(home: Any) -> None:
    from django.core.exceptions import ValidationError

    from liaison.cooperation import actions

    actor = UserFactory(agency=home, roles=[DESK_OFFICER])
    item = ActionItemFactory(owner=home)
    with pytest.raises(ValidationError) as error:
        actions.do_update_action_item(item, {"status": "done"}, actor=actor)
    assert "status" in error.value.message_dict


def test_a_role_without_cooperation_manage_cannot_move_a_record(home: Any, api_client: Any) -> None:
    agreement = AgreementFactory(owner=home)
    before = AuditEvent.objects.count()
    response = api_client(UserFactory(agency=home, roles=[ANALYST])).post(
        _url("agreement", agreement.pk), {"to": "signed"}, format="json"
    )
    assert response.status_code == 403
    assert AuditEvent.objects.count() == before


def test_another_agencys_record_cannot_be_moved(home: Any, partner: Any, api_client: Any) -> None:
    agreement = AgreementFactory(owner=partner)
    response = api_client(UserFactory(agency=home, roles=[DESK_OFFICER])).post(
        _url("agreement", agreement.pk), {"to": "signed"}, format="json"
    )
    assert response.status_code == 404
