"""API tokens are for system clients, created by a signed-in session (verified with a second factor where the
user's role requires one) — docs/decisions/0018-api-tokens.md. A token is never created already expired, a
token cannot create tokens, and a read-only token may call an action that only reads even when it is POSTed."""

from __future__ import annotations

import base64
from datetime import timedelta
from typing import Any

import pyotp
from django.test import Client
from django.urls import include, path
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import SimpleRouter
from rest_framework.test import APIClient

from liaison.agencies.models import ApiToken, Role, Unit
from liaison.core.api.viewsets import ReadOnlyViewSet
from liaison.core.models import AuditEvent
from liaison.core.permissions import DESK_OFFICER, SUPERVISOR
from tests.factories import UserFactory, make_token

PASSWORD = "Correct-Horse-9-battery"


def bearer(key: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    return client


def test_a_token_already_expired_is_refused(home: Any, api_client: Any, page_client: Any) -> None:
    user = UserFactory(agency=home, roles=[DESK_OFFICER])
    past = (timezone.now() - timedelta(minutes=5)).isoformat()
    response = api_client(user).post("/api/api-tokens/", {"name": "late", "expires_at": past}, format="json")
    assert response.status_code == 400
    assert "in the past" in response.json()["error"]["fields"]["expires_at"][0]
    page = page_client(user).post("/api-tokens/new/", {"name": "late", "expires_at": "2001-01-01T10:00"})
    assert page.status_code == 200 and "in the past" in page.content.decode()
    assert not ApiToken.objects.filter(name="late").exists()
    future = (timezone.now() + timedelta(days=1)).isoformat()
    assert api_client(user).post("/api/api-tokens/", {"name": "ok", "expires_at": future}).status_code == 201


def test_a_token_cannot_create_tokens(home: Any) -> None:
    user = UserFactory(agency=home, roles=[DESK_OFFICER])
    _, key = make_token(user, name="five minutes", expires_at=timezone.now() + timedelta(minutes=5))
    before = AuditEvent.objects.count()
    response = bearer(key).post("/api/api-tokens/", {"name": "for ever"}, format="json")
    assert response.status_code == 403
    assert "signed-in session" in response.json()["error"]["message"]
    assert not ApiToken.objects.filter(name="for ever").exists() and AuditEvent.objects.count() == before
    assert bearer(key).get("/api/api-tokens/").status_code == 200  # it still reads its own tokens


def _verified_session(user: Any) -> Client:
    device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)
    client = Client()
    client.post("/account/sign-in/", {"username": user.username, "password": PASSWORD})
    code = pyotp.TOTP(base64.b32encode(device.bin_key).decode()).now()
    assert client.post("/account/second-factor/", {"token": code}).status_code == 302
    return client


def test_a_role_requiring_a_second_factor_gets_tokens_only_from_a_verified_session(home: Any, api_client: Any) -> None:
    Role.objects.filter(code=SUPERVISOR).update(require_second_factor=True)
    user = UserFactory(agency=home, roles=[SUPERVISOR])
    unverified = api_client(user).post("/api/api-tokens/", {"name": "unverified"}, format="json")
    assert unverified.status_code == 403 and "second factor" in unverified.json()["error"]["message"]

    created = _verified_session(user).post("/api/api-tokens/", {"name": "nightly"}, content_type="application/json")
    assert created.status_code == 201
    assert ApiToken.objects.get(name="nightly").second_factor
    assert bearer(created.json()["key"]).get("/api/units/").status_code == 200


def test_a_token_made_without_a_second_factor_stops_when_the_role_requires_one(home: Any, api_client: Any) -> None:
    user = UserFactory(agency=home, roles=[SUPERVISOR])
    created = api_client(user).post("/api/api-tokens/", {"name": "before the rule"}, format="json")
    key = created.json()["key"]
    assert bearer(key).get("/api/units/").status_code == 200
    Role.objects.filter(code=SUPERVISOR).update(require_second_factor=True)
    refused = bearer(key).get("/api/units/")
    assert refused.status_code == 401 and "second factor" in refused.json()["error"]["message"]


# --- actions that only read, whatever their method ---------------------------------------------------------
class _Units(ReadOnlyViewSet):
    access_model = Unit

    @action(detail=False, methods=["post"], reads_only=True)
    def count(self, request: Request) -> Response:
        return Response({"count": self.get_queryset().count()})

    @action(detail=False, methods=["post"])
    def touch(self, request: Request) -> Response:
        return Response({"touched": True})


_router = SimpleRouter()
_router.register("units", _Units, basename="test-unit")
urlpatterns = [path("api/", include(_router.urls))]


def test_a_read_only_token_may_post_to_an_action_that_only_reads(home: Any, settings: Any) -> None:
    settings.ROOT_URLCONF = __name__
    user = UserFactory(agency=home, roles=[SUPERVISOR])
    _, key = make_token(user, read_only=True)
    assert bearer(key).post("/api/units/count/").status_code == 200
    refused = bearer(key).post("/api/units/touch/")
    assert refused.status_code == 403
    _, writer = make_token(user)
    assert bearer(writer).post("/api/units/touch/").status_code == 200
