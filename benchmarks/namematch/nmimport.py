"""Which namematch the benchmarks measure.

The one the running Python imports: in `.venv-bench`, ``make bench`` installs it compiled with mypyc, as it
is deployed (docs/decisions/0016-namematch-compiled-with-mypyc.md); in the development `.venv` it is the
source tree itself, plain Python. An installed copy must hold the same code as ``src/namematch`` (a stale
build would measure old code): otherwise the benchmark stops and says how to rebuild it. Where no namematch
is installed, the source tree is put on the path.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path
from types import ModuleType

SRC = Path(__file__).resolve().parents[2] / "src"


def _sources(pkg: Path) -> dict[str, bytes]:
    return {p.relative_to(pkg).as_posix(): p.read_bytes() for p in sorted(pkg.rglob("*.py"))}


def load() -> ModuleType:
    try:
        import namematch
    except ImportError:
        sys.path.insert(0, str(SRC))
        import namematch
    here = Path(namematch.__file__).resolve().parent
    if here != SRC / "namematch" and _sources(here) != _sources(SRC / "namematch"):
        raise SystemExit(
            f"the namematch installed at {here} is not the code in {SRC / 'namematch'}: "
            "run `make bench` (it rebuilds the compiled install whenever the source changes)"
        )
    return namematch


def describe() -> str:
    nm = load()
    src = _sources(SRC / "namematch")
    digest = hashlib.sha256(b"".join(src.values())).hexdigest()[:12]
    build = "compiled with mypyc" if nm.COMPILED else "plain Python"
    return f"{nm.ALGORITHM} ({build}), source sha256[:12]={digest} ({len(src)} files)"
