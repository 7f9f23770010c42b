"""The Makefile's targets as the README describes them (read with `make -n`, which runs nothing)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


def planned(target: str, **env: str) -> str:
    """What `make -n target` would run, with `env` in the environment (as `PORT=8001 make run` gives it)."""
    environment = {key: value for key, value in os.environ.items() if key not in {"PORT", "HOST", "MAKEFLAGS"}}
    result = subprocess.run(
        ["make", "-n", "-C", str(ROOT), target], env={**environment, **env}, capture_output=True, text=True, check=True
    )
    return result.stdout


def test_make_run_serves_on_8000_by_default() -> None:
    plan = planned("run")
    assert "liaison serve 127.0.0.1:8000" in plan and "http://127.0.0.1:8000" in plan


def test_make_run_takes_another_port_and_host_from_the_environment() -> None:
    plan = planned("run", PORT="8001")
    assert "liaison serve 127.0.0.1:8001" in plan and "http://127.0.0.1:8001" in plan and ":8000" not in plan
    plan = planned("run", PORT="9000", HOST="0.0.0.0")
    assert "liaison serve 0.0.0.0:9000" in plan
