"""Shared set-up of the liaison-desk benchmarks: a fresh SQLite database, bulk-loaded persons with active
notices (names from benchmarks/namematch/generate.py), memory sampling and table printing.

Set-up (generating and loading data) is timed and printed apart from what is measured.
"""

from __future__ import annotations

import datetime
import os
import platform
import random
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks" / "namematch"))

NATIVE_SCRIPT = {"VN": "Latn", "KR": "Hang", "CN": "Hans", "RU": "Cyrl"}


def setup_django(workdir: Path) -> None:
    """Django on a fresh SQLite file in `workdir`, tasks run in this process, media in `workdir`."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "liaison.settings"
    os.environ["LIAISON_DEV"] = "1"
    os.environ["LIAISON_DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ["LIAISON_MEDIA_ROOT"] = str(workdir / "media")
    os.environ["LIAISON_VAR_DIR"] = str(workdir)
    os.environ["LIAISON_TASKS_IMMEDIATE"] = "1"
    os.environ.setdefault("LIAISON_LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def workdir(keep: str | None) -> Path:
    if keep:
        path = Path(keep)
        path.mkdir(parents=True, exist_ok=True)
        for name in ("bench.sqlite3", "bench.sqlite3-wal", "bench.sqlite3-shm"):
            (path / name).unlink(missing_ok=True)
        return path
    return Path(tempfile.mkdtemp(prefix="liaison-bench-"))


@dataclass
class Register:
    home: Any
    partner: Any
    officer: Any
    person_pks: dict[str, int] = field(default_factory=dict)  # generator id → Person pk


def make_agencies() -> tuple[Any, Any, Any]:
    from liaison.agencies.models import Agency, Role, User

    home = Agency.objects.create(
        code="VN-MPS", country="VN", name_en="Ministry of Public Security", short_name="MPS", is_home=True
    )
    partner = Agency.objects.create(code="KR-KNPA", country="KR", name_en="Korean National Police", short_name="KNPA")
    officer = User.objects.create_user(username="bench.officer", agency=home, password=None)
    officer.roles.set([Role.objects.get_or_create(code="desk_officer")[0]])
    return home, partner, officer


def load_persons(refs: list[dict], owner: Any, *, with_notices: bool, batch: int = 5000) -> dict[str, int]:
    """Bulk-insert persons (one native name each) and, when asked, an active wanted notice about each."""
    from liaison.desk.models import RETENTION_YEARS, Notice, add_years
    from liaison.people.models import Person, PersonName

    today = datetime.date.today()
    pks: dict[str, int] = {}
    for start in range(0, len(refs), batch):
        chunk = refs[start : start + batch]
        persons = Person.objects.bulk_create(
            [
                Person(
                    owner=owner,
                    display_name=ref["names"][0],
                    sex=ref.get("sex") or "U",
                    birth_date=ref.get("birth_date") or "",
                    nationalities=list(ref.get("nationalities") or []),
                    fictional=True,
                )
                for ref in chunk
            ]
        )
        PersonName.objects.bulk_create(
            [
                PersonName(
                    person=person,
                    full_name=ref["names"][0],
                    script=NATIVE_SCRIPT.get((ref.get("nationalities") or ["VN"])[0], "Latn"),
                    language="",
                    kind="native",
                    is_primary=True,
                )
                for person, ref in zip(persons, chunk, strict=True)
            ]
        )
        if with_notices:
            Notice.objects.bulk_create(
                [
                    Notice(
                        owner=owner,
                        person=person,
                        kind="wanted",
                        status="active",
                        issuing_country="VN",
                        reference=f"BENCH-{person.pk}",
                        legal_basis_kind="warrant",
                        legal_basis_authority="Cơ quan Cảnh sát điều tra",
                        legal_basis_date=today,
                        legal_basis_reference=f"{person.pk}/QĐ",
                        issued_on=today,
                        review_due_on=add_years(today, RETENTION_YEARS),
                    )
                    for person in persons
                ]
            )
        for person, ref in zip(persons, chunk, strict=True):
            pks[ref["id"]] = person.pk
    return pks


def references(n: int, seed: int) -> tuple[list[dict], list[dict], set[str], random.Random]:
    from generate import build_references

    rng = random.Random(seed)
    refs, persons, seen = build_references(n, rng, unique=False)
    return refs, persons, seen, rng


# --- memory ------------------------------------------------------------------------------------------------
def _pss_kib(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as stream:
            for line in stream:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _children(pid: int) -> list[int]:
    found: list[int] = []
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as stream:
            direct = [int(p) for p in stream.read().split()]
    except OSError:
        return found
    for child in direct:
        found.append(child)
        found.extend(_children(child))
    return found


class MemorySampler(threading.Thread):
    """Peak of the summed proportional set size (PSS) of this process and its children (forked screening
    workers share the index copy-on-write; PSS counts shared pages once). Falls back to ru_maxrss."""

    def __init__(self, every: float = 0.25) -> None:
        super().__init__(daemon=True)
        self.every = every
        self.peak_mib = 0.0
        self.stop_event = threading.Event()
        self.available = os.path.exists("/proc/self/smaps_rollup")

    def sample(self) -> None:
        if not self.available:
            import resource

            self.peak_mib = max(self.peak_mib, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
            return
        pid = os.getpid()
        total = _pss_kib(pid) + sum(_pss_kib(child) for child in _children(pid))
        self.peak_mib = max(self.peak_mib, total / 1024)

    def run(self) -> None:
        while not self.stop_event.wait(self.every):
            self.sample()

    def stop(self) -> float:
        self.stop_event.set()
        self.sample()
        return self.peak_mib


# --- output ------------------------------------------------------------------------------------------------
def header(title: str) -> None:
    cpus = os.cpu_count()
    print(f"\n# {title}")
    print(
        f"# python {platform.python_version()}, {platform.machine()}, {cpus} CPU(s), "
        f"{time.strftime('%Y-%m-%d %H:%M')}, SQLite (a fresh database file)"
    )


def table(rows: list[tuple[str, str]]) -> None:
    width = max(len(label) for label, _value in rows)
    for label, value in rows:
        print(f"{label:<{width}}  {value}")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    k = (len(ordered) - 1) * q
    low = int(k)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (k - low)
