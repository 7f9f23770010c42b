"""ICAO 9303 machine-readable zones: TD3 (passports), TD2 and TD1 (ID cards), with check digits."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field

ALPHA3_TO_ALPHA2 = {
    "VNM": "VN",
    "KOR": "KR",
    "PRK": "KP",
    "CHN": "CN",
    "RUS": "RU",
    "USA": "US",
    "GBR": "GB",
    "D": "DE",
    "DEU": "DE",
    "FRA": "FR",
    "JPN": "JP",
    "THA": "TH",
    "LAO": "LA",
    "KHM": "KH",
    "MNG": "MN",
    "KAZ": "KZ",
    "UZB": "UZ",
    "UKR": "UA",
    "BLR": "BY",
    "TWN": "TW",
    "HKG": "HK",
    "MAC": "MO",
    "PHL": "PH",
    "IDN": "ID",
    "MYS": "MY",
    "SGP": "SG",
    "IND": "IN",
    "AUS": "AU",
    "CAN": "CA",
    "ITA": "IT",
    "ESP": "ES",
    "POL": "PL",
    "TUR": "TR",
    "MMR": "MM",
    "KGZ": "KG",
    "TJK": "TJ",
    "ARM": "AM",
    "GEO": "GE",
    "AZE": "AZ",
    "MDA": "MD",
    "NLD": "NL",
    "BEL": "BE",
    "CHE": "CH",
    "AUT": "AT",
    "SWE": "SE",
    "NOR": "NO",
    "FIN": "FI",
    "DNK": "DK",
    "CZE": "CZ",
    "HUN": "HU",
    "ROU": "RO",
    "BGR": "BG",
    "GRC": "GR",
    "PRT": "PT",
    "IRL": "IE",
    "ISR": "IL",
    "BRA": "BR",
    "MEX": "MX",
    "ARG": "AR",
    "NZL": "NZ",
    "ZAF": "ZA",
    "EGY": "EG",
    "PAK": "PK",
    "BGD": "BD",
    "NPL": "NP",
    "LKA": "LK",
    "TKM": "TM",
    "LVA": "LV",
    "LTU": "LT",
    "EST": "EE",
    "SRB": "RS",
    "HRV": "HR",
}


def check_digit(data: str) -> int:
    total = 0
    for i, ch in enumerate(data):
        if ch.isdigit():
            v = int(ch)
        elif "A" <= ch <= "Z":
            v = ord(ch) - 55
        else:
            v = 0
        total += v * (7, 3, 1)[i % 3]
    return total % 10


def _ok(data: str, digit: str) -> bool:
    return digit.isdigit() and check_digit(data) == int(digit)


@dataclass(slots=True)
class MRZ:
    kind: str
    document_type: str
    issuer: str
    surname: str
    given_names: str
    document_number: str
    nationality: str
    birth_date: str | None
    sex: str | None
    expiry_date: str | None
    checks: dict[str, bool] = field(default_factory=dict)

    @property
    def valid(self) -> bool:
        return all(self.checks.values())

    @property
    def name(self) -> str:
        return " ".join(p for p in (self.surname, self.given_names) if p)

    @property
    def nationality_alpha2(self) -> str:
        return ALPHA3_TO_ALPHA2.get(self.nationality, self.nationality)


def _date(yymmdd: str, birth: bool) -> str | None:
    if len(yymmdd) != 6 or not yymmdd.isdigit():
        return None
    yy, mm, dd = int(yymmdd[:2]), int(yymmdd[2:4]), int(yymmdd[4:])
    now = _dt.date.today().year % 100
    century = (1900 if yy > now else 2000) if birth else 2000
    try:
        return _dt.date(century + yy, mm, dd).isoformat()
    except ValueError:
        return None


def _names(field_: str) -> tuple[str, str]:
    parts = field_.strip("<").split("<<", 1)
    surname = parts[0].replace("<", " ").strip()
    given = parts[1].replace("<", " ").strip() if len(parts) > 1 else ""
    return surname, " ".join(given.split())


def _sex(c: str) -> str | None:
    return c if c in ("M", "F") else None


def parse_mrz(text: str) -> MRZ:
    """Parse an MRZ (lines separated by newlines; TD3 may also be given as one 88-character string).
    Raises ValueError when the layout is not recognised; check-digit results are in ``.checks``."""
    raw = text.strip().upper().replace(" ", "")
    lines = [ln for ln in raw.replace("\r", "\n").split("\n") if ln]
    if len(lines) == 1 and len(lines[0]) == 88:
        lines = [lines[0][:44], lines[0][44:]]
    if len(lines) == 1 and len(lines[0]) == 72:
        lines = [lines[0][:36], lines[0][36:]]
    if len(lines) == 1 and len(lines[0]) == 90:
        lines = [lines[0][:30], lines[0][30:60], lines[0][60:]]
    if len(lines) == 2 and all(len(x) == 44 for x in lines):
        l1, l2 = lines
        surname, given = _names(l1[5:])
        checks = {
            "document number": _ok(l2[0:9], l2[9]),
            "birth date": _ok(l2[13:19], l2[19]),
            "expiry date": _ok(l2[21:27], l2[27]),
            "composite": _ok(l2[0:10] + l2[13:20] + l2[21:43], l2[43]),
        }
        if l2[28:42].strip("<") or l2[42] not in "<0":
            checks["personal number"] = _ok(l2[28:42], l2[42])
        return MRZ(
            "TD3",
            l1[0:2].strip("<"),
            l1[2:5].strip("<"),
            surname,
            given,
            l2[0:9].strip("<"),
            l2[10:13].strip("<"),
            _date(l2[13:19], True),
            _sex(l2[20]),
            _date(l2[21:27], False),
            checks,
        )
    if len(lines) == 2 and all(len(x) == 36 for x in lines):
        l1, l2 = lines
        surname, given = _names(l1[5:])
        checks = {
            "document number": _ok(l2[0:9], l2[9]),
            "birth date": _ok(l2[13:19], l2[19]),
            "expiry date": _ok(l2[21:27], l2[27]),
            "composite": _ok(l2[0:10] + l2[13:20] + l2[21:35], l2[35]),
        }
        return MRZ(
            "TD2",
            l1[0:2].strip("<"),
            l1[2:5].strip("<"),
            surname,
            given,
            l2[0:9].strip("<"),
            l2[10:13].strip("<"),
            _date(l2[13:19], True),
            _sex(l2[20]),
            _date(l2[21:27], False),
            checks,
        )
    if len(lines) == 3 and all(len(x) == 30 for x in lines):
        l1, l2, l3 = lines
        surname, given = _names(l3)
        checks = {
            "document number": _ok(l1[5:14], l1[14]),
            "birth date": _ok(l2[0:6], l2[6]),
            "expiry date": _ok(l2[8:14], l2[14]),
            "composite": _ok(l1[5:30] + l2[0:7] + l2[8:15] + l2[18:29], l2[29]),
        }
        return MRZ(
            "TD1",
            l1[0:2].strip("<"),
            l1[2:5].strip("<"),
            surname,
            given,
            l1[5:14].strip("<"),
            l2[15:18].strip("<"),
            _date(l2[0:6], True),
            _sex(l2[7]),
            _date(l2[8:14], False),
            checks,
        )
    raise ValueError("not a TD1, TD2 or TD3 machine-readable zone")
