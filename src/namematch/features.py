"""Evidence beyond names: date of birth, sex, nationality, identity documents, MRZ."""

from __future__ import annotations

import re
from dataclasses import dataclass

from namematch.model import Evidence, Record
from namematch.mrz import MRZ, parse_mrz


@dataclass(slots=True, frozen=True)
class BirthDate:
    year: int
    month: int | None
    day: int | None

    @property
    def full(self) -> bool:
        return self.month is not None and self.day is not None

    def __str__(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"


_ISO = re.compile(r"^(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?$")
_DMY = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")


def _valid(y: int, m: int | None, d: int | None) -> bool:
    if not 1800 <= y <= 2200:
        return False
    if m is None:
        return d is None
    if not 1 <= m <= 12:
        return False
    if d is None:
        return True
    mdays = [31, 29 if (y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)) else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    return 1 <= d <= mdays[m - 1]


def parse_birth_date(value: str | None) -> BirthDate | None:
    """Parse ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``, ``YYYYMMDD``, ``DD.MM.YYYY``, ``DD/MM/YYYY``.
    ``00`` day or month means unknown. Raises ValueError for anything else."""
    if value is None:
        return None
    v = str(value).strip()
    if not v:
        return None
    if "T" in v:
        v = v.split("T", 1)[0]
    m = _ISO.match(v) or _COMPACT.match(v)
    if m:
        y = int(m.group(1))
        mo = int(m.group(2)) if m.group(2) else None
        d = int(m.group(3)) if m.group(3) else None
    else:
        m2 = _DMY.match(v)
        if not m2:
            raise ValueError(f"{value!r} is not a date")
        d, mo, y = int(m2.group(1)), int(m2.group(2)), int(m2.group(3))
    if mo == 0:
        mo, d = None, None
    if d == 0:
        d = None
    if not _valid(y, mo, d):
        raise ValueError(f"{value!r} is not a date")
    return BirthDate(y, mo, d)


def normalise_document(number: str) -> str:
    return re.sub(r"[^0-9A-Z]", "", number.upper())


def normalise_sex(value: str | None) -> str | None:
    if value is None:
        return None
    v = str(value).strip().upper()
    if not v:
        return None
    if v in ("M", "MALE", "MAN", "NAM", "남", "男", "М", "МУЖ"):
        return "M"
    if v in ("F", "FEMALE", "WOMAN", "W", "NU", "NỮ", "여", "女", "Ж", "ЖЕН"):
        return "F"
    if v in ("X", "U", "UNKNOWN", "<"):
        return None
    raise ValueError(f"{value!r} is not a sex (M, F or empty)")


def normalise_nationality(value: str) -> str:
    from namematch.mrz import ALPHA3_TO_ALPHA2

    v = value.strip().upper()
    if len(v) == 3 and v in ALPHA3_TO_ALPHA2:
        return ALPHA3_TO_ALPHA2[v]
    if len(v) != 2 or not v.isalpha():
        raise ValueError(f"{value!r} is not an ISO 3166 alpha-2 country code")
    return v


class PreparedRecord:
    """A record with its fields parsed once (names are prepared lazily through the name cache)."""

    __slots__ = ("birth", "documents", "mrz", "names", "nationalities", "notes", "record", "sex")

    def __init__(self, record: Record) -> None:
        self.record = record
        self.notes: list[Evidence] = []
        names = [n for n in record.names if n and n.strip()]
        try:
            self.birth = parse_birth_date(record.birth_date)
        except ValueError:
            self.birth = None
            self.notes.append(Evidence("birth date", 0.0, f"{record.birth_date!r} ignored: not a date"))
        try:
            self.sex = normalise_sex(record.sex)
        except ValueError:
            self.sex = None
        nats: set[str] = set()
        for n in record.nationalities:
            try:
                nats.add(normalise_nationality(n))
            except ValueError:
                continue
        docs = {normalise_document(d) for d in record.documents if d}
        self.mrz: MRZ | None = None
        if record.mrz:
            try:
                mrz = parse_mrz(record.mrz)
            except ValueError as exc:
                self.notes.append(Evidence("mrz", 0.0, f"MRZ ignored: {exc}"))
            else:
                self.mrz = mrz
                failed = [k for k, ok in mrz.checks.items() if not ok]
                if failed:
                    self.notes.append(Evidence("mrz", 0.0, f"MRZ {mrz.kind} check digit failed: " + ", ".join(failed)))
                if mrz.name and mrz.name not in names:
                    names.append(mrz.name)
                if mrz.checks.get("document number") and mrz.document_number:
                    docs.add(normalise_document(mrz.document_number))
                if self.birth is None and mrz.birth_date and mrz.checks.get("birth date"):
                    self.birth = parse_birth_date(mrz.birth_date)
                if self.sex is None and mrz.sex:
                    self.sex = mrz.sex
                if mrz.nationality:
                    nats.add(mrz.nationality_alpha2)
        self.names = names
        self.nationalities = frozenset(nats)
        self.documents = frozenset(d for d in docs if d)


def _placeholder(b: BirthDate) -> bool:
    return b.month == 1 and b.day == 1


def birth_evidence(a: BirthDate | None, b: BirthDate | None) -> Evidence | None:
    if a is None or b is None:
        return None
    if a.year != b.year:
        diff = abs(a.year - b.year)
        if diff == 1:
            return Evidence("birth date", -0.08, f"birth years differ by one ({a.year} / {b.year})")
        return Evidence("birth date", -0.30, f"birth years differ ({a.year} / {b.year})")
    if a.full and b.full and not _placeholder(a) and not _placeholder(b):
        if (a.month, a.day) == (b.month, b.day):
            return Evidence("birth date", 0.10, f"birth date equal ({a})")
        if (a.month, a.day) == (b.day, b.month):
            return Evidence("birth date", 0.06, f"birth date equal with day and month swapped ({a} / {b})")
        if a.month == b.month or a.day == b.day:
            return Evidence("birth date", 0.0, f"birth year equal, one of day/month differs ({a} / {b})")
        return Evidence("birth date", -0.05, f"birth year equal, day and month differ ({a} / {b})")
    if (
        a.month is not None
        and b.month is not None
        and not _placeholder(a)
        and not _placeholder(b)
        and a.month != b.month
        and a.month != b.day
        and (b.day is None or a.day is None)
    ):
        return Evidence("birth date", 0.0, f"birth year equal, months differ ({a} / {b})")
    note = " (01-01 placeholder)" if _placeholder(a) or _placeholder(b) else ""
    return Evidence("birth date", 0.05, f"birth year equal ({a.year}){note}")


def other_evidence(a: PreparedRecord, b: PreparedRecord) -> list[Evidence]:
    out: list[Evidence] = []
    ev = birth_evidence(a.birth, b.birth)
    if ev:
        out.append(ev)
    if a.sex and b.sex:
        if a.sex == b.sex:
            out.append(Evidence("sex", 0.0, f"sex equal ({a.sex})"))
        else:
            out.append(Evidence("sex", -0.20, f"sex differs ({a.sex} / {b.sex})"))
    if a.nationalities and b.nationalities:
        common = a.nationalities & b.nationalities
        if common:
            out.append(Evidence("nationality", 0.03, "nationality equal (" + ", ".join(sorted(common)) + ")"))
        else:
            out.append(
                Evidence(
                    "nationality",
                    -0.05,
                    "nationalities differ ("
                    + ", ".join(sorted(a.nationalities))
                    + " / "
                    + ", ".join(sorted(b.nationalities))
                    + ")",
                )
            )
    if a.documents and b.documents:
        common_docs = a.documents & b.documents
        if common_docs:
            out.append(
                Evidence("document", 0.30, "identity document number equal (" + ", ".join(sorted(common_docs)) + ")")
            )
        else:
            near = _near_document(a.documents, b.documents)
            if near:
                out.append(Evidence("document", 0.10, f"identity document numbers differ by one character ({near})"))
            else:
                out.append(Evidence("document", 0.0, "identity document numbers differ (may be other documents)"))
    return out


def _near_document(a: frozenset[str], b: frozenset[str]) -> str | None:
    from rapidfuzz.distance import Levenshtein

    for x in a:
        for y in b:
            if len(x) >= 6 and Levenshtein.distance(x, y, score_cutoff=1) <= 1:
                return f"{x} / {y}"
    return None
