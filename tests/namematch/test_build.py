"""Which build of namematch the suite runs on: plain Python (the editable install) or compiled with mypyc
(setup.py, NAMEMATCH_USE_MYPYC=1). CI runs the namematch tests a second time on the compiled build with
NAMEMATCH_EXPECT_COMPILED=1, so a build that silently fell back to plain Python fails here."""

import importlib
import os
import re
from pathlib import Path

import namematch

ROOT = Path(__file__).resolve().parents[2]


def _compiled_modules() -> list[str]:
    setup = (ROOT / "setup.py").read_text(encoding="utf-8")
    return [m.replace("/", ".") for m in re.findall(r'"src/(namematch/\w+)\.py"', setup)]


def test_setup_names_existing_modules() -> None:
    mods = _compiled_modules()
    assert "namematch.scoring" in mods and "namematch.names" in mods
    for m in mods:
        assert (ROOT / "src" / (m.replace(".", "/") + ".py")).is_file(), m


def test_build_is_the_expected_one() -> None:
    expect = os.environ.get("NAMEMATCH_EXPECT_COMPILED") == "1"
    assert namematch.COMPILED is expect
    for m in _compiled_modules():
        path = str(importlib.import_module(m).__file__)
        assert path.endswith(".py") is not expect, path
