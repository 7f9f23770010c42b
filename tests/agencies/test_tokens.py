from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone
from rest_framework.test import APIClient

from liaison.agencies.models import ApiToken
from liaison.core.permissions import DESK_OFFICER, NODE_ADMIN, SUPERVISOR
from tests.factories import UnitFactory, UserFactory, make_token
from tests.helpers import assert_audited


def bearer(key: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    return client


def test_token_is_created_once_listed_used_and_revoked(home: Any, api_client: Any) -> None:
    user = UserFactory(agency=home, roles=[DESK_OFFICER])
    created = api_client(user).post("/api/api-tokens/", {"name": "case import"}, format="json")
    assert created.status_code == 201
    key = created.json()["key"]
    assert key.startswith("lia_")
    assert_audited("api_token.create", actor=user)
    token = ApiToken.objects.get(pk=created.json()["id"])
    assert key not in (token.key_hash, token.prefix)  # only a hash is stored

    me = bearer(key).get("/api/me/")
    assert me.status_code == 200 and me.json()["username"] == user.username
    listed = api_client(user).get("/api/api-tokens/").json()["results"]
    assert [row["name"] for row in listed] == ["case import"] and "key" not in listed[0]

    assert bearer(key).post(f"/api/api-tokens/{token.pk}/revoke/").status_code == 200
    assert_audited("api_token.revoke", obj=token)
    refused = bearer(key).get("/api/me/")
    assert refused.status_code == 401 and "revoked" in refused.json()["error"]["message"]


def test_expired_and_unknown_tokens_are_refused(home: Any) -> None:
    user = UserFactory(agency=home, roles=[DESK_OFFICER])
    _, key = make_token(user, expires_at=timezone.now() - timedelta(minutes=1))
    assert bearer(key).get("/api/me/").status_code == 401
    assert bearer("lia_not-a-token").get("/api/me/").status_code == 401


def test_read_only_token_cannot_write(home: Any) -> None:
    user = UserFactory(agency=home, roles=[SUPERVISOR])
    _, key = make_token(user, read_only=True)
    client = bearer(key)
    assert client.get("/api/units/").status_code == 200
    assert client.post("/api/units/", {"agency": home.pk, "name": "X"}, format="json").status_code == 403


def test_token_acts_with_its_users_agency_scope(home: Any, partner: Any) -> None:
    UnitFactory(agency=home, name="home-secret-unit")
    user = UserFactory(agency=partner, roles=[SUPERVISOR])
    _, key = make_token(user)
    names = [row["name"] for row in bearer(key).get("/api/units/").json()["results"]]
    assert "home-secret-unit" not in names


def test_users_see_only_their_own_tokens_unless_token_managers(home: Any, api_client: Any) -> None:
    alice = UserFactory(agency=home, roles=[DESK_OFFICER])
    bob = UserFactory(agency=home, roles=[DESK_OFFICER])
    token, _ = make_token(alice, name="alice-client")
    assert api_client(bob).get(f"/api/api-tokens/{token.pk}/").status_code == 404
    assert api_client(bob).post(f"/api/api-tokens/{token.pk}/revoke/").status_code == 404
    admin = UserFactory(agency=home, roles=[NODE_ADMIN])
    assert api_client(admin).post(f"/api/api-tokens/{token.pk}/revoke/").status_code == 200


def test_token_pages_show_the_key_once(home: Any, page_client: Any) -> None:
    user = UserFactory(agency=home, roles=[DESK_OFFICER])
    client = page_client(user)
    response = client.post("/api-tokens/new/", {"name": "nightly export"})
    assert response.status_code == 200
    token = ApiToken.objects.get(name="nightly export")
    body = response.content.decode()
    assert "lia_" + token.prefix in body
    detail = client.get(f"/api-tokens/{token.pk}/").content.decode()
    assert "lia_" + token.prefix + "…" in detail
    key_start = body.index("lia_" + token.prefix)
    assert body[key_start : key_start + 40] not in detail
    assert client.post(f"/api-tokens/{token.pk}/revoke/").status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
