"""Evidence beyond names: date of birth, sex, nationality, identity documents, MRZ."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from namematch.model import DOB_POLICIES, DOB_STRICT, DOB_UNRELIABLE, Evidence, Record
from namematch.mrz import MRZ, parse_mrz
from namematch.names import PreparedName, prepare


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


@lru_cache(maxsize=100_000)
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
    """A record with its fields parsed once. Its names are prepared when first compared, through the name
    cache, unless the record keeps them (:meth:`hold`, as an index's records do)."""

    __slots__ = ("birth", "documents", "held", "id", "mrz", "names", "nationalities", "notes", "sex")

    def __init__(self, record: Record) -> None:
        # only the id of the record is kept: an index holds one of these per listed person, and
        # tuples and shared sets keep it small and out of the cyclic garbage collector's way
        self.id = record.id
        notes: list[Evidence] = []
        names = [n for n in record.names if n and n.strip()]
        try:
            self.birth = parse_birth_date(record.birth_date)
        except ValueError:
            self.birth = None
            notes.append(
                Evidence(
                    "birth date",
                    0.0,
                    f"{record.birth_date!r} ignored: not a date",
                    "dob_ignored",
                    (("value", str(record.birth_date)),),
                )
            )
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
                notes.append(Evidence("mrz", 0.0, f"MRZ ignored: {exc}", "mrz_ignored", (("reason", str(exc)),)))
            else:
                self.mrz = mrz
                failed = [k for k, ok in mrz.checks.items() if not ok]
                if failed:
                    notes.append(
                        Evidence(
                            "mrz",
                            0.0,
                            f"MRZ {mrz.kind} check digit failed: " + ", ".join(failed),
                            "mrz_check_failed",
                            (("fields", ", ".join(failed)),),
                        )
                    )
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
        self.names: tuple[str, ...] = tuple(names)
        self.notes: tuple[Evidence, ...] = tuple(notes)
        self.nationalities = _shared(frozenset(nats))
        self.documents = _shared(frozenset(d for d in docs if d)) if docs else _NO_DOCUMENTS
        # the prepared names, where the record keeps them (see hold())
        self.held: dict[str, PreparedName] | None = None

    def hold(self) -> None:
        """Keep the prepared form of every name with the record. An index's records do: they are scored
        again and again for as long as the index lives, while the name cache (:func:`namematch.names.prepare`)
        only needs to hold the names of recent queries, and so stays small over a long screening run."""
        self.held = {n: prepare(n) for n in self.names}


_NO_DOCUMENTS: frozenset[str] = frozenset()
_SHARED: dict[frozenset[str], frozenset[str]] = {}


def _shared(value: frozenset[str]) -> frozenset[str]:
    """One object for equal small sets (nationalities repeat across a whole list)."""
    if len(value) > 3 or len(_SHARED) >= 10_000:
        return value
    return _SHARED.setdefault(value, value)


def _placeholder(b: BirthDate) -> bool:
    return b.month == 1 and b.day == 1


# the cases of two birth dates
(
    _YEAR_OFF_BY_ONE,
    _YEARS_APART,
    _DATE_EQUAL,
    _DAY_MONTH_SWAPPED,
    _ONE_DIGIT,
    _DATES_APART,
    _MONTHS_DIFFER,
    _YEAR_EQUAL,
) = range(8)
# what each case adds to the score, under the two birth-date policies (DOB_POLICIES). "strict": two
# full dates that differ beyond a typo (one digit, or two neighbouring digits swapped) or a day/month swap,
# or two years at least 2 apart, are two persons: -0.40 brings even a perfect name with an equal
# nationality (1.00 + 0.03) below the default threshold (0.70). "unreliable" (dates of birth may be false:
# intelligence-led lists, forged documents): such a hit is kept and ranked lower (-0.12).
DOB_APART_STRICT = -0.40
DOB_APART_UNRELIABLE = -0.12
_BIRTH_DELTA = (-0.08, DOB_APART_STRICT, 0.10, 0.06, -0.03, DOB_APART_STRICT, 0.0, 0.05)
_BIRTH_DELTA_UNRELIABLE = (-0.08, DOB_APART_UNRELIABLE, 0.10, 0.06, -0.03, DOB_APART_UNRELIABLE, 0.0, 0.05)
_POLICY_DELTAS = {DOB_STRICT: _BIRTH_DELTA, DOB_UNRELIABLE: _BIRTH_DELTA_UNRELIABLE}
_BIRTH_CODE = (
    "dob_year_off_by_one",
    "dob_apart",
    "dob_equal",
    "dob_day_month_swapped",
    "dob_one_digit",
    "dob_apart",
    "dob_months_differ",
    "dob_year_equal",
)


def birth_deltas(policy: str) -> tuple[float, ...]:
    """The score each birth-date case adds under ``policy`` ("strict" or "unreliable")."""
    try:
        return _POLICY_DELTAS[policy]
    except KeyError:
        raise ValueError(f"unknown birth-date policy {policy!r}; expected one of {DOB_POLICIES}") from None


def _digits(b: BirthDate) -> str:
    return f"{b.year:04d}{b.month or 0:02d}{b.day or 0:02d}"


def _typo(a: BirthDate, b: BirthDate) -> bool:
    """Two full dates written alike but for one digit, or two neighbouring digits swapped (a keying error).
    Compared as numbers YYYYMMDD digit by digit (no text is built: screening asks this of most candidates)."""
    am, ad, bm, bd = a.month or 0, a.day or 0, b.month or 0, b.day or 0
    if not (0 <= a.year <= 9999 and 0 <= b.year <= 9999 and min(am, ad, bm, bd) >= 0 and max(am, ad, bm, bd) <= 99):
        return _typo_written(a, b)  # not written in eight digits: compared as written
    x = (a.year * 100 + am) * 100 + ad
    y = (b.year * 100 + bm) * 100 + bd
    n = 0  # digits that differ, from the last: the first two found, at places p1 < p2
    p = p1 = p2 = x1 = y1 = x2 = y2 = 0
    while x != y:
        dx, dy = x % 10, y % 10
        if dx != dy:
            n += 1
            if n == 1:
                p1, x1, y1 = p, dx, dy
            elif n == 2:
                p2, x2, y2 = p, dx, dy
            else:
                return False
        x //= 10
        y //= 10
        p += 1
    return n == 1 or (n == 2 and p2 == p1 + 1 and x1 == y2 and x2 == y1)


def _typo_written(a: BirthDate, b: BirthDate) -> bool:
    x, y = _digits(a), _digits(b)
    diff = [i for i in range(8) if x[i] != y[i]]
    if len(diff) == 1:
        return True
    return len(diff) == 2 and diff[1] == diff[0] + 1 and x[diff[0]] == y[diff[1]] and x[diff[1]] == y[diff[0]]


def _birth_case(a: BirthDate, b: BirthDate) -> int:
    full = a.full and b.full and not _placeholder(a) and not _placeholder(b)
    if full:
        if (a.month, a.day) == (b.month, b.day):
            if a.year == b.year:
                return _DATE_EQUAL
            if _typo(a, b):
                return _ONE_DIGIT
            return _YEAR_OFF_BY_ONE if abs(a.year - b.year) == 1 else _YEARS_APART
        if a.year == b.year and (a.month, a.day) == (b.day, b.month):
            return _DAY_MONTH_SWAPPED
        if _typo(a, b):
            return _ONE_DIGIT
        return _DATES_APART
    if a.year != b.year:
        return _YEAR_OFF_BY_ONE if abs(a.year - b.year) == 1 else _YEARS_APART
    if (
        a.month is not None
        and b.month is not None
        and not _placeholder(a)
        and not _placeholder(b)
        and a.month != b.month
        and a.month != b.day
        and (b.day is None or a.day is None)
    ):
        return _MONTHS_DIFFER
    return _YEAR_EQUAL


def birth_evidence(a: BirthDate | None, b: BirthDate | None, policy: str = DOB_STRICT) -> Evidence | None:
    if a is None or b is None:
        return None
    case = _birth_case(a, b)
    delta = birth_deltas(policy)[case]
    code = _BIRTH_CODE[case]
    params: list[tuple[str, str | int | float]] = [("a", str(a)), ("b", str(b))]
    if case == _DATE_EQUAL:
        text = f"birth date equal ({a})"
    elif case == _DAY_MONTH_SWAPPED:
        text = f"birth date equal with day and month swapped ({a} / {b})"
    elif case == _ONE_DIGIT:
        text = f"birth dates differ by one digit, a typo? ({a} / {b})"
    elif case == _YEAR_OFF_BY_ONE:
        text = f"birth years differ by one ({a.year} / {b.year})"
    elif case in (_YEARS_APART, _DATES_APART):
        years = abs(a.year - b.year)
        params.append(("years", years))
        if years:
            text = f"born {years} years apart ({a} / {b})"
        else:
            code = "dob_same_year_other_day"
            text = f"born the same year on different days ({a} / {b})"
        if policy == DOB_UNRELIABLE:
            params.append(("policy", DOB_UNRELIABLE))
            text += ": dates of birth may be false, kept and ranked lower"
        else:
            text += ": different persons unless a date is false"
    elif case == _MONTHS_DIFFER:
        text = f"birth year equal, months differ ({a} / {b})"
    else:
        placeholder = _placeholder(a) or _placeholder(b)
        if placeholder:
            code = "dob_year_equal_placeholder"
        text = f"birth year equal ({a.year})" + (" (01-01 placeholder)" if placeholder else "")
    return Evidence("birth date", delta, text, code, tuple(params))


_SEX_DIFFERS = -0.20
_NATIONALITY_EQUAL = 0.03
_NATIONALITIES_DIFFER = -0.05
_DOCUMENT_EQUAL = 0.30
_DOCUMENT_NEAR = 0.10


def extra_delta(a: PreparedRecord, b: PreparedRecord, policy: str = DOB_STRICT) -> float:
    """The sum of the deltas of :func:`other_evidence`, added in the same order, without building the
    evidence and its texts (the screening hot path needs only the number)."""
    total = 0.0
    if a.birth is not None and b.birth is not None:
        total += birth_deltas(policy)[_birth_case(a.birth, b.birth)]
    if a.sex and b.sex and a.sex != b.sex:
        total += _SEX_DIFFERS
    if a.nationalities and b.nationalities:
        total += _NATIONALITIES_DIFFER if a.nationalities.isdisjoint(b.nationalities) else _NATIONALITY_EQUAL
    if a.documents and b.documents:
        if not a.documents.isdisjoint(b.documents):
            total += _DOCUMENT_EQUAL
        elif _near_document(a.documents, b.documents):
            total += _DOCUMENT_NEAR
    return total


def other_evidence(a: PreparedRecord, b: PreparedRecord, policy: str = DOB_STRICT) -> list[Evidence]:
    out: list[Evidence] = []
    ev = birth_evidence(a.birth, b.birth, policy)
    if ev:
        out.append(ev)
    if a.sex and b.sex:
        if a.sex == b.sex:
            out.append(Evidence("sex", 0.0, f"sex equal ({a.sex})", "sex_equal", (("sex", a.sex),)))
        else:
            out.append(
                Evidence(
                    "sex", _SEX_DIFFERS, f"sex differs ({a.sex} / {b.sex})", "sex_differs", (("a", a.sex), ("b", b.sex))
                )
            )
    if a.nationalities and b.nationalities:
        common = a.nationalities & b.nationalities
        if common:
            shown = ", ".join(sorted(common))
            out.append(
                Evidence(
                    "nationality",
                    _NATIONALITY_EQUAL,
                    f"nationality equal ({shown})",
                    "nationality_equal",
                    (("nationality", shown),),
                )
            )
        else:
            out.append(
                Evidence(
                    "nationality",
                    _NATIONALITIES_DIFFER,
                    "nationalities differ ("
                    + ", ".join(sorted(a.nationalities))
                    + " / "
                    + ", ".join(sorted(b.nationalities))
                    + ")",
                    "nationalities_differ",
                    (("a", ", ".join(sorted(a.nationalities))), ("b", ", ".join(sorted(b.nationalities)))),
                )
            )
    if a.documents and b.documents:
        common_docs = a.documents & b.documents
        if common_docs:
            out.append(
                Evidence(
                    "document",
                    _DOCUMENT_EQUAL,
                    "identity document number equal (" + ", ".join(sorted(common_docs)) + ")",
                    "document_equal",
                    (("number", ", ".join(sorted(common_docs))),),
                )
            )
        else:
            near = _near_document(a.documents, b.documents)
            if near:
                out.append(
                    Evidence(
                        "document",
                        _DOCUMENT_NEAR,
                        f"identity document numbers differ by one character ({near})",
                        "document_near",
                        (("numbers", near),),
                    )
                )
            else:
                out.append(
                    Evidence(
                        "document", 0.0, "identity document numbers differ (may be other documents)", "documents_differ"
                    )
                )
    return out


def _near_document(a: frozenset[str], b: frozenset[str]) -> str | None:
    from rapidfuzz.distance import Levenshtein

    for x in a:
        for y in b:
            if len(x) >= 6 and Levenshtein.distance(x, y, score_cutoff=1) <= 1:
                return f"{x} / {y}"
    return None
