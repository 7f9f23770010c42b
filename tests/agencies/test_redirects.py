"""Open redirects: wherever a `next` address is honoured (second factor, sign-in, language switch), only an
address on this node is followed; anything else lands on the dashboard (or the page the view falls back to)."""

from __future__ import annotations

import base64
from typing import Any

import pyotp
import pytest
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from liaison.agencies.models import Role
from liaison.core.permissions import DESK_OFFICER, SUPERVISOR
from tests.factories import UserFactory

PASSWORD = "Correct-Horse-9-battery"

OFF_SITE = [
    "https://evil.example/phish",
    "http://evil.example",
    "//evil.example",
    "///evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "https:evil.example",
    "https:/evil.example",
    " //evil.example",
    "\t//evil.example",
    "javascript:alert(1)",
    "http://testserver.evil.example/",
]


def _signed_in(username: str) -> Client:
    client = Client()
    assert client.post("/account/sign-in/", {"username": username, "password": PASSWORD}).status_code == 302
    return client


def _code(device: TOTPDevice) -> str:
    return pyotp.TOTP(base64.b32encode(device.bin_key).decode()).now()


@pytest.fixture
def second_factor_user(home: Any) -> Any:
    Role.objects.filter(code=SUPERVISOR).update(require_second_factor=True)
    user = UserFactory(agency=home, roles=[SUPERVISOR])
    TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)
    return user


@pytest.mark.parametrize("target", OFF_SITE)
def test_second_factor_never_redirects_off_site(second_factor_user: Any, target: str) -> None:
    client = _signed_in(second_factor_user.username)
    device = TOTPDevice.objects.get(user=second_factor_user)
    response = client.post("/account/second-factor/?" + _query(target), {"token": _code(device)})
    assert response.status_code == 302 and response["Location"] == "/"


def test_second_factor_follows_a_local_next(second_factor_user: Any) -> None:
    client = _signed_in(second_factor_user.username)
    device = TOTPDevice.objects.get(user=second_factor_user)
    response = client.post("/account/second-factor/?next=/units/%3Fkind%3Ddesk", {"token": _code(device)})
    assert response["Location"] == "/units/?kind=desk"
    # Already verified: the page itself sends the user on, by the same rule.
    assert client.get("/account/second-factor/?next=/units/")["Location"] == "/units/"
    assert client.get("/account/second-factor/?next=//evil.example")["Location"] == "/"


@pytest.mark.parametrize("target", OFF_SITE)
def test_sign_in_never_redirects_off_site(home: Any, target: str) -> None:
    user = UserFactory(agency=home, roles=[DESK_OFFICER])
    response = Client().post(
        "/account/sign-in/?" + _query(target), {"username": user.username, "password": PASSWORD, "next": target}
    )
    assert response.status_code == 302 and response["Location"] == "/"


@pytest.mark.parametrize("target", OFF_SITE)
def test_language_switch_never_redirects_off_site(home: Any, target: str) -> None:
    response = Client().post("/i18n/setlang/", {"language": "vi", "next": target})
    assert response.status_code == 302 and response["Location"] == "/"


def test_a_secure_request_refuses_a_plain_http_next_on_this_host(second_factor_user: Any) -> None:
    client = _signed_in(second_factor_user.username)
    device = TOTPDevice.objects.get(user=second_factor_user)
    response = client.post(
        "/account/second-factor/?next=http://testserver/units/", {"token": _code(device)}, secure=True
    )
    assert response["Location"] == "/"


def _query(target: str) -> str:
    from urllib.parse import urlencode

    return urlencode({"next": target})
