"""Generic tests for an API resource and its pages: list, detail, create, update, delete, each with a
permission-denied case, another agency's record answered like a missing one, and an audit assertion.

A later model gets the whole set in a few lines:

    class TestUnitApi(ApiResourceTests):
        basename = "unit"
        allowed_roles = [SUPERVISOR]          # may write
        denied_roles = [DESK_OFFICER]         # may read, may not write
        audit_prefix = "unit"

        def make(self, agency): return UnitFactory(agency=agency)
        def create_payload(self, agency): return {"agency": agency.pk, "name": "Desk"}
        update_payload = {"name_en": "Changed"}
"""

from __future__ import annotations

from typing import Any, ClassVar

import pytest
from django.db import models
from django.urls import reverse

from liaison.core.models import AuditEvent
from tests.factories import UserFactory


def assert_audited(
    action: str, *, obj: models.Model | None = None, actor: Any = None, channel: str | None = None
) -> AuditEvent:
    event = AuditEvent.objects.order_by("-seq").first()
    assert event is not None, f"no audit record; expected {action}"
    assert event.action == action, f"last audit record is {event.action}, expected {action}"
    if obj is not None:
        assert event.object_type == obj._meta.label_lower and event.object_id == str(obj.pk)
    if actor is not None:
        assert event.actor_id == actor.pk
    if channel is not None:
        assert event.channel == channel
    return event


class _ResourceTests:
    """What the API and page test sets share: the roles, the audit prefix, the factory, optional tests."""

    allowed_roles: ClassVar[list[str]]  # may write
    denied_roles: ClassVar[list[str]]  # may read, may not write
    audit_prefix: ClassVar[str]
    can_create: ClassVar[bool] = True
    can_delete: ClassVar[bool] = True

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        # A resource that is never created or deleted this way has no such tests (pytest ignores None).
        if not cls.can_create:
            cls.test_create_is_audited = None  # type: ignore[attr-defined]
            cls.test_create_denied_without_role = None  # type: ignore[attr-defined]
        if not cls.can_delete:
            cls.test_delete_is_audited = None  # type: ignore[attr-defined]

    def make(self, agency: Any) -> models.Model:
        """A record owned by (or belonging to) `agency`."""
        raise NotImplementedError


@pytest.mark.django_db
class ApiResourceTests(_ResourceTests):
    basename: ClassVar[str]
    update_payload: ClassVar[dict[str, Any]] = {}

    def create_payload(self, agency: Any) -> dict[str, Any]:
        raise NotImplementedError

    def url(self, obj: models.Model | None = None) -> str:
        if obj is None:
            return reverse(f"{self.basename}-list")
        return reverse(f"{self.basename}-detail", kwargs={"pk": obj.pk})

    def user(self, agency: Any, roles: list[str]) -> Any:
        return UserFactory(agency=agency, roles=roles)

    def test_list_and_detail(self, home: Any, api_client: Any) -> None:
        obj = self.make(home)
        client = api_client(self.user(home, self.denied_roles))
        listing = client.get(self.url())
        assert listing.status_code == 200, listing.content
        assert obj.pk in [row["id"] for row in listing.json()["results"]]
        detail = client.get(self.url(obj))
        assert detail.status_code == 200 and detail.json()["id"] == obj.pk

    def test_other_agency_record_is_like_a_missing_one(self, home: Any, partner: Any, api_client: Any) -> None:
        foreign = self.make(partner)
        client = api_client(self.user(home, self.allowed_roles))
        missing = client.get(self.url().rstrip("/") + "/99999999/")
        answer = client.get(self.url(foreign))
        assert answer.status_code == missing.status_code == 404
        assert foreign.pk not in [row["id"] for row in client.get(self.url()).json()["results"]]
        before = AuditEvent.objects.count()
        assert client.patch(self.url(foreign), self.update_payload or {}, format="json").status_code == 404
        if self.can_delete:
            assert client.delete(self.url(foreign)).status_code == 404
        assert AuditEvent.objects.count() == before

    def test_create_is_audited(self, home: Any, api_client: Any) -> None:
        actor = self.user(home, self.allowed_roles)
        response = api_client(actor).post(self.url(), self.create_payload(home), format="json")
        assert response.status_code == 201, response.content
        event = assert_audited(f"{self.audit_prefix}.create", actor=actor, channel="api")
        assert event.object_id == str(response.json()["id"])

    def test_create_denied_without_role(self, home: Any, api_client: Any) -> None:
        before = AuditEvent.objects.count()
        response = api_client(self.user(home, self.denied_roles)).post(
            self.url(), self.create_payload(home), format="json"
        )
        assert response.status_code in (403, 404)
        assert response.json()["error"]["message"]
        assert AuditEvent.objects.count() == before

    def test_update_is_audited(self, home: Any, api_client: Any) -> None:
        obj = self.make(home)
        actor = self.user(home, self.allowed_roles)
        response = api_client(actor).patch(self.url(obj), self.update_payload, format="json")
        assert response.status_code == 200, response.content
        event = assert_audited(f"{self.audit_prefix}.update", obj=obj, actor=actor, channel="api")
        for key in self.update_payload:
            assert key in (event.after or {})

    def test_update_denied_without_role(self, home: Any, api_client: Any) -> None:
        obj = self.make(home)
        before = AuditEvent.objects.count()
        response = api_client(self.user(home, self.denied_roles)).patch(
            self.url(obj), self.update_payload, format="json"
        )
        assert response.status_code in (403, 404)
        assert AuditEvent.objects.count() == before

    def test_delete_is_audited(self, home: Any, api_client: Any) -> None:
        obj = self.make(home)
        pk = obj.pk
        actor = self.user(home, self.allowed_roles)
        assert api_client(self.user(home, self.denied_roles)).delete(self.url(obj)).status_code in (403, 404)
        response = api_client(actor).delete(self.url(obj))
        assert response.status_code == 204, response.content
        assert not type(obj)._default_manager.filter(pk=pk).exists()
        event = assert_audited(f"{self.audit_prefix}.delete", actor=actor, channel="api")
        assert event.object_id == str(pk) and event.before


@pytest.mark.django_db
class PageResourceTests(_ResourceTests):
    """The same set for a model's pages (`<prefix>_list`, `_detail`, `_create`, `_update`, `_delete`):

    class TestUnitPages(PageResourceTests):
        url_prefix = "unit"
        allowed_roles = [SUPERVISOR]
        denied_roles = [DESK_OFFICER]
        audit_prefix = "unit"

        def make(self, agency): return UnitFactory(agency=agency)
        def form_data(self, agency): return {"agency": agency.pk, "name": "Desk", "kind": "desk"}
    """

    url_prefix: ClassVar[str]

    def form_data(self, agency: Any) -> dict[str, Any]:
        """A valid create form; the update test changes one text field of it."""
        raise NotImplementedError

    changed_field: ClassVar[str] = "name"

    def client_for(self, agency: Any, roles: list[str]) -> Any:
        from django.test import Client

        client = Client()
        client.force_login(UserFactory(agency=agency, roles=roles))
        return client

    def url(self, kind: str, obj: models.Model | None = None) -> str:
        return reverse(f"{self.url_prefix}_{kind}", kwargs={"pk": obj.pk} if obj is not None else None)

    def test_list_and_detail(self, home: Any) -> None:
        obj = self.make(home)
        client = self.client_for(home, self.denied_roles)
        assert str(obj) in client.get(self.url("list")).content.decode()
        assert client.get(self.url("detail", obj)).status_code == 200

    def test_other_agency_record_is_like_a_missing_one(self, home: Any, partner: Any) -> None:
        foreign = self.make(partner)
        client = self.client_for(home, self.allowed_roles)
        assert str(foreign) not in client.get(self.url("list")).content.decode()
        assert client.get(self.url("detail", foreign)).status_code == 404
        before = AuditEvent.objects.count()
        assert client.post(self.url("update", foreign), self.form_data(home)).status_code == 404
        assert AuditEvent.objects.count() == before

    def test_create_is_audited(self, home: Any) -> None:
        client = self.client_for(home, self.allowed_roles)
        before = AuditEvent.objects.count()
        response = client.post(self.url("create"), self.form_data(home))
        assert response.status_code == 302, response.content.decode()[:2000]
        assert AuditEvent.objects.count() == before + 1
        assert_audited(f"{self.audit_prefix}.create", channel="ui")

    def test_create_denied_without_role(self, home: Any) -> None:
        client = self.client_for(home, self.denied_roles)
        before = AuditEvent.objects.count()
        assert client.get(self.url("create")).status_code == 404
        assert client.post(self.url("create"), self.form_data(home)).status_code == 404
        assert AuditEvent.objects.count() == before

    def test_update_is_audited(self, home: Any) -> None:
        obj = self.make(home)
        client = self.client_for(home, self.allowed_roles)
        data = {**self.form_data(home), self.changed_field: "Changed by the page test"}
        response = client.post(self.url("update", obj), data)
        assert response.status_code == 302, response.content.decode()[:2000]
        event = assert_audited(f"{self.audit_prefix}.update", obj=obj, channel="ui")
        assert (event.after or {}).get(self.changed_field) == "Changed by the page test"

    def test_update_denied_without_role(self, home: Any) -> None:
        obj = self.make(home)
        client = self.client_for(home, self.denied_roles)
        before = AuditEvent.objects.count()
        assert client.post(self.url("update", obj), self.form_data(home)).status_code == 404
        assert AuditEvent.objects.count() == before

    def test_delete_is_audited(self, home: Any) -> None:
        obj = self.make(home)
        pk = obj.pk
        assert self.client_for(home, self.denied_roles).post(self.url("delete", obj)).status_code == 404
        response = self.client_for(home, self.allowed_roles).post(self.url("delete", obj))
        assert response.status_code == 302
        assert not type(obj)._default_manager.filter(pk=pk).exists()
        event = assert_audited(f"{self.audit_prefix}.delete", channel="ui")
        assert event.object_id == str(pk)
