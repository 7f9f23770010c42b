"""Every write through the pages, the API and the CLI lands in the audit trail with its channel."""

from __future__ import annotations

import io
from typing import Any

from django.core.management import call_command

from liaison.agencies.models import Unit, User
from liaison.core.models import AuditEvent
from tests.helpers import assert_audited


def test_page_write_is_audited_with_request_id(home: Any, supervisor: Any, page_client: Any) -> None:
    response = page_client(supervisor).post(
        "/units/new/", {"agency": home.pk, "name": "Bàn Nga", "kind": "desk", "is_active": "on"}
    )
    assert response.status_code == 302, response.content
    unit = Unit.objects.get(name="Bàn Nga")
    event = assert_audited("unit.create", obj=unit, actor=supervisor, channel="ui")
    assert event.request_id and response["X-Request-ID"] == event.request_id
    assert event.after["name"] == "Bàn Nga"


def test_page_update_records_before_and_after(home: Any, supervisor: Any, page_client: Any) -> None:
    unit = Unit.objects.create(agency=home, name="Old name")
    page_client(supervisor).post(
        f"/units/{unit.pk}/edit/", {"agency": home.pk, "name": "New name", "kind": "desk", "is_active": "on"}
    )
    event = assert_audited("unit.update", obj=unit, channel="ui")
    assert event.before["name"] == "Old name" and event.after["name"] == "New name"


def test_page_form_errors_write_nothing(home: Any, supervisor: Any, page_client: Any) -> None:
    client = page_client(supervisor)
    before = AuditEvent.objects.count()
    response = client.post("/units/new/", {"agency": home.pk, "name": ""})
    assert response.status_code == 200 and "This field is required" in response.content.decode()
    assert AuditEvent.objects.count() == before and not Unit.objects.exists()


def test_cli_createuser_is_audited(home: Any) -> None:
    out = io.StringIO()
    call_command(
        "createuser", "analyst.one", "--agency", "VN-MPS", "--role", "analyst", "--generate-password", stdout=out
    )
    user = User.objects.get(username="analyst.one")
    assert user.role_codes == {"analyst"}
    event = assert_audited("user.create", obj=user, channel="cli")
    assert event.actor_id is None and event.actor_name.startswith("system:")
    assert "Password (shown once):" in out.getvalue()


def test_cli_createuser_says_what_is_wrong(home: Any) -> None:
    import pytest
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="--agency: no agency with code 'XX'"):
        call_command("createuser", "x", "--agency", "XX", "--generate-password")
    with pytest.raises(CommandError, match="password: "):
        import sys

        sys_stdin = sys.stdin
        sys.stdin = io.StringIO("short\n")
        try:
            call_command("createuser", "x", "--agency", "VN-MPS", "--password-stdin")
        finally:
            sys.stdin = sys_stdin
    assert not User.objects.filter(username="x").exists()


def test_demo_is_idempotent_and_prints_logins_once(db: Any) -> None:
    first, second = io.StringIO(), io.StringIO()
    call_command("demo", stdout=first)
    call_command("demo", stdout=second)
    assert "admin" in first.getvalue() and "shown only this once" in first.getvalue()
    assert "already exist" in second.getvalue()
    from liaison.agencies.models import Agency

    assert Agency.objects.get(is_home=True).code == "VN-MPS"
    assert Agency.objects.count() == 7 and User.objects.filter(username__startswith="officer.").count() == 7
    assert AuditEvent.objects.filter(channel="cli", action="agency.create").count() == 7
    call_command("audit", "verify", stdout=io.StringIO())


def test_cli_changepassword_is_audited_and_django_superuser_is_refused(home: Any) -> None:
    import pytest
    from django.core.management.base import CommandError

    call_command("createuser", "pw.user", "--agency", "VN-MPS", "--generate-password", stdout=io.StringIO())
    out = io.StringIO()
    call_command("changepassword", "pw.user", "--generate-password", stdout=out)
    assert "shown once" in out.getvalue()
    assert_audited("user.set_password", obj=User.objects.get(username="pw.user"), channel="cli")
    with pytest.raises(CommandError, match="no superuser"):
        call_command("createsuperuser")
