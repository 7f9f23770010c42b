"""`liaison createtoken`: a system client's token issued from the node's command line (the fuzzing run in CI uses
one), audited on the channel 'cli', under the same rules as the API tokens page."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from liaison.agencies.models import ApiToken, Role
from liaison.core.permissions import ANALYST, DESK_OFFICER
from tests.helpers import assert_audited

pytestmark = pytest.mark.django_db


def test_the_key_is_printed_once_and_works(make_user: Any, client: Any) -> None:
    user = make_user(DESK_OFFICER, username="gateway")
    out = io.StringIO()
    call_command("createtoken", "gateway", "--name", "import job", "--key-only", stdout=out)
    key = out.getvalue().strip()
    token = ApiToken.objects.get(user=user)
    assert token.name == "import job" and not token.read_only and token.expires_at is None
    assert_audited("api_token.create", obj=token, channel="cli")
    response = client.get("/api/me/", HTTP_AUTHORIZATION=f"Token {key}")
    assert response.status_code == 200 and response.json()["username"] == "gateway"


def test_read_only_and_expiring(make_user: Any) -> None:
    make_user(ANALYST, username="reader")
    out = io.StringIO()
    call_command("createtoken", "reader", "--name", "r", "--read-only", "--expires-in-days", "2", stdout=out)
    token = ApiToken.objects.get()
    assert token.read_only and token.expires_at is not None
    assert "read only" in out.getvalue() and "Key (shown once):" in out.getvalue()


def test_refused_for_an_unknown_user_a_past_expiry_and_a_role_that_needs_a_second_factor(make_user: Any) -> None:
    with pytest.raises(CommandError, match="no active user 'nobody'"):
        call_command("createtoken", "nobody", "--name", "x")
    make_user(DESK_OFFICER, username="officer")
    with pytest.raises(CommandError, match="expires_at: "):
        call_command("createtoken", "officer", "--name", "x", "--expires-in-days", "-1")
    Role.objects.filter(code=DESK_OFFICER).update(require_second_factor=True)
    with pytest.raises(CommandError, match="requires a second factor"):
        call_command("createtoken", "officer", "--name", "x")
    assert not ApiToken.objects.exists()
