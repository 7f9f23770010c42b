"""The split rule (docs/adding-a-domain.md): a module past about 400 lines becomes a package of the same name with
one module per aggregate; none of Liaison's modules may pass 500 lines (migrations excepted: Django writes them)."""

from __future__ import annotations

from pathlib import Path

SOURCE = Path(__file__).resolve().parents[1] / "src" / "liaison"
LIMIT = 500


def test_no_module_of_liaison_is_longer_than_500_lines() -> None:
    too_long = []
    for path in sorted(SOURCE.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > LIMIT:
            too_long.append(f"{path.relative_to(SOURCE)}: {lines} lines")
    assert too_long == [], "split these into packages, one module per aggregate: " + ", ".join(too_long)


def test_no_overflow_modules() -> None:
    """No `*_extra.py` or similar overflow files beside a module that grew too long: the module becomes a package."""
    overflow = [
        str(path.relative_to(SOURCE))
        for path in SOURCE.rglob("*.py")
        if path.stem.endswith(("_extra", "_more", "_interop")) or path.stem.startswith("extra_")
    ]
    assert overflow == []
