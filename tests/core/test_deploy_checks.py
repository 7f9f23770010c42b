"""The public development key: `check --deploy` reports it as an error and `serve --production` refuses to start
with it, whatever LIAISON_DEV says; development (`make run`) keeps working with it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

import liaison

SOURCE = str(Path(liaison.__file__).resolve().parents[1])  # this checkout's src/, not an installed copy


def _liaison(*args: str, tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {"PATH": "/usr/bin:/bin", "PYTHONPATH": SOURCE, "LIAISON_VAR_DIR": str(tmp_path), **env}
    return subprocess.run(
        [sys.executable, "-m", "liaison.cli", *args], env=environment, capture_output=True, text=True, check=False
    )


@pytest.mark.parametrize("flags", [{"LIAISON_DEV": "1"}, {"LIAISON_DEV": "1", "LIAISON_DEBUG": "1"}])
def test_check_deploy_fails_on_the_development_key(tmp_path: Path, flags: dict[str, str]) -> None:
    result = _liaison("check", "--deploy", tmp_path=tmp_path, LIAISON_ALLOWED_HOSTS="liaison.example", **flags)
    assert result.returncode != 0
    assert "liaison.E001" in result.stderr and "LIAISON_SECRET_KEY" in result.stderr


def test_check_deploy_passes_with_a_real_key(tmp_path: Path) -> None:
    key = "k" * 64 + "-production-secret-key-material-0123456789"
    result = _liaison(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        tmp_path=tmp_path,
        LIAISON_SECRET_KEY=key,
        LIAISON_ALLOWED_HOSTS="liaison.example",
        LIAISON_DEV="1",
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_development_commands_still_run_with_the_development_key(tmp_path: Path) -> None:
    result = _liaison("check", tmp_path=tmp_path, LIAISON_DEV="1", LIAISON_DEBUG="1")
    assert result.returncode == 0, result.stdout + result.stderr


def test_serve_production_refuses_the_development_key(monkeypatch: Any, settings: Any) -> None:
    from liaison.core.management.commands import serve

    settings.SECRET_KEY = settings.DEVELOPMENT_SECRET_KEY  # what a node without LIAISON_SECRET_KEY runs with
    started: list[Any] = []
    monkeypatch.setattr(serve, "call_command", lambda *args, **kwargs: started.append(args))
    monkeypatch.setattr(serve.subprocess, "call", lambda command: started.append(command) or 0)
    with pytest.raises(CommandError, match="LIAISON_SECRET_KEY"):
        call_command("serve", "127.0.0.1:8999", "--production")
    assert started == []  # neither static files collected nor gunicorn started


def test_serve_production_starts_with_a_real_key(monkeypatch: Any, settings: Any) -> None:
    from liaison.core.management.commands import serve

    settings.SECRET_KEY = "a-real-secret-" + "x" * 50
    started: list[Any] = []
    monkeypatch.setattr(serve, "call_command", lambda *args, **kwargs: started.append(args))
    monkeypatch.setattr(serve.subprocess, "call", lambda command: started.append(command) or 0)
    with pytest.raises(SystemExit):
        call_command("serve", "127.0.0.1:8999", "--production")
    assert "gunicorn" in started[-1]


def test_a_missing_secret_key_is_one_clear_line_not_a_traceback(tmp_path: Path) -> None:
    result = _liaison("check", tmp_path=tmp_path)  # neither LIAISON_SECRET_KEY nor LIAISON_DEV
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.strip() == (
        "liaison: configuration error: LIAISON_SECRET_KEY must be set (see README, Configuration)."
    )
