from __future__ import annotations

import subprocess
import sys
from typing import Any

import pyotp
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from liaison.agencies.models import Role
from liaison.core.models import AuditEvent
from liaison.core.permissions import DESK_OFFICER, SUPERVISOR
from tests.factories import UserFactory

PASSWORD = "Correct-Horse-9-battery"


def sign_in(client: Client, username: str, password: str = PASSWORD) -> Any:
    return client.post("/account/sign-in/", {"username": username, "password": password})


def test_sign_in_shows_the_dashboard_and_is_audited(home: Any) -> None:
    user = UserFactory(agency=home, roles=[DESK_OFFICER])
    client = Client()
    assert client.get("/").status_code == 302
    response = sign_in(client, user.username)
    assert response.status_code == 302 and response["Location"] == "/"
    page = client.get("/")
    assert page.status_code == 200 and "Dashboard" in page.content.decode()
    assert AuditEvent.objects.filter(action="auth.sign_in", actor=user).exists()


def test_wrong_password_is_refused_with_a_message_and_audited(home: Any) -> None:
    user = UserFactory(agency=home)
    response = sign_in(Client(), user.username, "wrong")
    assert response.status_code == 200 and "correct username and password" in response.content.decode()
    assert AuditEvent.objects.filter(action="auth.sign_in_failed", object_repr=user.username).exists()


def test_repeated_failures_lock_the_account_out(home: Any, settings: Any) -> None:
    user = UserFactory(agency=home)
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, user.username, "wrong")
    locked = sign_in(client, user.username)  # even the right password is refused while locked
    assert locked.status_code == 429
    assert "Too many failed sign-ins" in locked.content.decode()


def test_role_requiring_a_second_factor_enrols_then_verifies(home: Any) -> None:
    Role.objects.filter(code=SUPERVISOR).update(require_second_factor=True)
    user = UserFactory(agency=home, roles=[SUPERVISOR])
    client = Client()
    sign_in(client, user.username)
    assert client.get("/units/")["Location"] == "/account/second-factor/"
    enrol = client.get("/account/second-factor/")
    assert "Set up your authenticator" in enrol.content.decode() and "<svg" in enrol.content.decode()
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    code = pyotp.TOTP(_b32(device)).now()
    assert client.post("/account/second-factor/", {"token": code})["Location"] == "/"
    assert client.get("/units/").status_code == 200
    assert AuditEvent.objects.filter(action="user.totp_confirm", actor=user).exists()

    # Next sign-in asks for a code, not a new enrolment; the API refuses the unverified session too.
    second = Client()
    sign_in(second, user.username)
    assert "Enter your code" in second.get("/account/second-factor/").content.decode()
    assert second.get("/api/units/").status_code in (401, 403)
    wrong = second.post("/account/second-factor/", {"token": "000000" if code != "000000" else "111111"})
    assert wrong.status_code == 200 and "not right" in wrong.content.decode()
    assert second.get("/units/")["Location"] == "/account/second-factor/"


def _b32(device: TOTPDevice) -> str:
    import base64

    return base64.b32encode(device.bin_key).decode()


def test_officer_without_the_requirement_needs_no_second_factor(home: Any) -> None:
    Role.objects.filter(code=SUPERVISOR).update(require_second_factor=True)
    user = UserFactory(agency=home, roles=[DESK_OFFICER])
    client = Client()
    sign_in(client, user.username)
    assert client.get("/units/").status_code == 200


def test_sign_out_everywhere_ends_other_sessions(home: Any) -> None:
    user = UserFactory(agency=home, roles=[DESK_OFFICER])
    laptop, phone = Client(), Client()
    sign_in(laptop, user.username)
    sign_in(phone, user.username)
    assert phone.get("/").status_code == 200
    laptop.post("/account/sign-out-everywhere/")
    assert phone.get("/").status_code == 302
    assert laptop.get("/").status_code == 302
    assert AuditEvent.objects.filter(action="user.sign_out_everywhere").exists()


def test_password_change_keeps_this_session_and_ends_the_others(home: Any) -> None:
    user = UserFactory(agency=home, roles=[DESK_OFFICER])
    here, elsewhere = Client(), Client()
    sign_in(here, user.username)
    sign_in(elsewhere, user.username)
    weak = here.post("/account/password/", {"old_password": PASSWORD, "new_password1": "abc", "new_password2": "abc"})
    assert weak.status_code == 400 and "too short" in weak.content.decode()
    new = "Another-Good-7-phrase"
    ok = here.post("/account/password/", {"old_password": PASSWORD, "new_password1": new, "new_password2": new})
    assert ok.status_code == 302
    assert here.get("/").status_code == 200 and elsewhere.get("/").status_code == 302


def test_logout_is_post_only(home: Any) -> None:
    user = UserFactory(agency=home)
    client = Client()
    sign_in(client, user.username)
    assert client.get("/account/sign-out/").status_code == 405
    assert client.post("/account/sign-out/").status_code == 302
    assert client.get("/").status_code == 302


def test_security_headers(home: Any) -> None:
    response = Client().get("/account/sign-in/")
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Request-ID"]


def test_csrf_is_enforced_on_sign_in(home: Any) -> None:
    client = Client(enforce_csrf_checks=True)
    response = client.post("/account/sign-in/", {"username": "x", "password": "y"})
    assert response.status_code == 403 and "expired" in response.content.decode()


def test_production_settings_pass_the_deployment_check(tmp_path: Any) -> None:
    env = {
        "PATH": "/usr/bin:/bin",
        "LIAISON_SECRET_KEY": "k" * 64 + "-production-secret-key-material-0123456789",
        "LIAISON_ALLOWED_HOSTS": "liaison.example",
        "LIAISON_VAR_DIR": str(tmp_path),
    }
    result = subprocess.run(
        [sys.executable, "-m", "liaison.cli", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key(tmp_path: Any) -> None:
    env = {"PATH": "/usr/bin:/bin", "LIAISON_VAR_DIR": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-m", "liaison.cli", "check"], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode != 0 and "LIAISON_SECRET_KEY must be set" in result.stderr
