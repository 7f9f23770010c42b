"""A record another agency shared with the caller's is read only for it: every write on it through the API
(PUT, PATCH, DELETE, and the custom write actions) answers 403 saying so, naming the owner and the handling code —
never 404, which would say the record does not exist. A record it may not see still answers 404
(tests/test_access_enumeration.py). Walks every API URL that names a record, so a new endpoint is covered."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import models

from liaison.agencies.models import Agency
from liaison.core import access
from liaison.core.models import AuditEvent, Share
from tests.conftest import ALL_AGENCY_ROLES
from tests.factories import UserFactory
from tests.test_access_enumeration import ALL, PRIVATE_FACTORIES, WRITE_METHODS, _url, is_api, view_model


def owned_root(record: models.Model) -> models.Model | None:
    """The agency-owned record whose share makes `record` visible (itself, or the parent it is reached through)."""
    policy = access.policy_for(type(record))
    while isinstance(policy, access.ThroughParent):
        record = getattr(record, policy.path)
        policy = access.policy_for(type(record))
    return record if isinstance(policy, access.Owned) else None


def shareable(name: str) -> bool:
    pattern = ALL[name]
    if not is_api(pattern) or "pk" not in pattern.pattern.regex.groupindex:
        return False
    model = view_model(pattern)
    policy = access.policy_for(model)  # type: ignore[arg-type]
    while isinstance(policy, access.ThroughParent):
        model = policy.parent_model(model)  # type: ignore[arg-type]
        policy = access.policy_for(model)
    return isinstance(policy, access.Owned)


SHAREABLE = sorted(name for name in ALL if shareable(name))


def test_the_walk_covers_the_shareable_records() -> None:
    assert {"person-detail", "notice-detail", "notice-transition", "person-name-detail", "agreement-detail"} <= set(
        SHAREABLE
    )


@pytest.mark.django_db
@pytest.mark.parametrize("name", SHAREABLE)
def test_a_write_on_a_shared_record_is_refused_as_read_only(
    name: str, home: Agency, partner: Agency, api_client: Any
) -> None:
    model = view_model(ALL[name])
    assert model is not None
    record = PRIVATE_FACTORIES[model](home)
    if hasattr(record, "releasable"):  # a photo: the partner sees the releasable ones only
        type(record)._default_manager.filter(pk=record.pk).update(releasable=True)
    root = owned_root(record)
    assert root is not None
    Share.objects.create(
        content_type=ContentType.objects.get_for_model(type(root)),
        object_id=str(root.pk),
        agency=partner,
        handling_code="H2",
        shared_by=UserFactory(agency=home),
    )
    client = api_client(UserFactory(agency=partner, roles=ALL_AGENCY_ROLES))
    audit_before = AuditEvent.objects.count()
    for method in WRITE_METHODS:
        response = getattr(client, method)(_url(name, record.pk), {}, format="json")
        if response.status_code == 405:
            continue
        assert response.status_code == 403, (name, method, response.status_code, response.content[:300])
        message = response.json()["error"]["message"]
        assert message.startswith("Read only") and home.short_name in message and "H2" in message, (name, message)
    assert AuditEvent.objects.count() == audit_before
