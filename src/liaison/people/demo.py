"""Demo persons: fictional wanted and missing persons of the four partner nationalities.

Every person here is invented (marked `fictional`, and their notes say so); any resemblance to a real person
is coincidental. Their names are written as each side would write them: Vietnamese with its diacritics, the
passport spelling without them, and the Korean desk's Hangul transcription; Korean in Hangul with the
passport spelling and, for some, Hanja; Chinese in simplified characters with pinyin (and a Vietnamese
reading); Russian in Cyrillic with the ICAO 9303 passport transliteration (and a Chinese or Korean
transcription by the partner). Some dates of birth are partial; some passports carry a machine-readable zone
whose check digits are computed here (namematch.mrz.check_digit).

Each person belongs to the agency that wants them (the demo officer of that agency records them); the desk
demo (desk/demo.py) then issues their notices, shares them and opens the fugitive cases. A node whose home
agency is another demo agency than the MPS of Vietnam records only that agency's persons (agencies/demo.py).
Safe to run again: a person already recorded (same agency, same primary name, fictional) is left as it is.
"""

from __future__ import annotations

import datetime
from typing import Any

from liaison.agencies.models import Agency, User
from liaison.people.actions import do_create_person
from liaison.people.choices import DocumentType, NameKind, Script
from liaison.people.models import Person

FICTIONAL_NOTE = (
    "Fictional person (demonstration data): invented for the demo, not a real person; any resemblance is coincidental."
)

AGENCY_CODES = ("VN-MPS", "KR-KNPA", "RU-MVD", "CN-MPS")


def officer_username(code: str) -> str:
    """The demo officer of an agency (agencies/demo.py creates them)."""
    return f"officer.{code.lower()}"


def mrz_td3(
    *,
    doc_type: str,
    issuer: str,
    surname: str,
    given: str,
    number: str,
    nationality: str,
    birth: datetime.date,
    sex: str,
    expiry: datetime.date,
) -> str:
    """The two lines of a passport's machine-readable zone (ICAO 9303 TD3) with correct check digits."""
    from namematch.mrz import check_digit

    def field(text: str) -> str:
        return text.upper().replace(" ", "<").replace("-", "<")

    line1 = (field(doc_type).ljust(2, "<") + issuer + field(surname) + "<<" + field(given)).ljust(44, "<")[:44]
    num = number.ljust(9, "<")
    born = birth.strftime("%y%m%d")
    ends = expiry.strftime("%y%m%d")
    line2 = f"{num}{check_digit(num)}{nationality}{born}{check_digit(born)}{sex}{ends}{check_digit(ends)}" + "<" * 15
    line2 += str(check_digit(line2[0:10] + line2[13:20] + line2[21:43]))
    return f"{line1}\n{line2}"


def _name(
    full: str,
    *,
    script: str,
    language: str,
    kind: str = NameKind.NATIVE,
    family: str = "",
    given: str = "",
    patronymic: str = "",
    by: str = "",
    primary: bool = False,
) -> dict[str, Any]:
    return {
        "full_name": full,
        "family_name": family,
        "given_names": given,
        "patronymic": patronymic,
        "script": script,
        "language": language,
        "kind": kind,
        "transcribed_by": by,  # an agency code, resolved on load
        "is_primary": primary,
    }


def _passport(
    number: str, country: str, issued: str, valid: str, mrz: dict[str, Any] | None = None, kind: str = "passport"
) -> dict[str, Any]:
    return {
        "kind": kind,
        "number": number,
        "issuing_country": country,
        "issued_on": datetime.date.fromisoformat(issued),
        "valid_until": datetime.date.fromisoformat(valid),
        "mrz": mrz,
    }


L, HANG, HANS, HANI, CYRL = Script.LATIN, Script.HANGUL, Script.HAN_SIMPLIFIED, Script.HAN, Script.CYRILLIC
PASSPORT, TRANSCRIPTION = NameKind.PASSPORT, NameKind.TRANSCRIPTION

# key: (owner agency code, fields, names, documents). The first name is the primary one.
PERSONS: dict[str, dict[str, Any]] = {
    # --- Vietnamese, wanted or missing in Vietnam (owned by the MPS) -----------------------------------
    "V1": {
        "owner": "VN-MPS",
        "person": {"sex": "M", "birth_date": "1984-11-02", "birth_place": "Hải Phòng", "birth_country": "VN",
                   "nationalities": ["VN"], "languages": ["vi", "ko"], "height_cm": 172, "weight_kg": 70,
                   "distinguishing_marks": "Tattoo of a carp on the right shoulder"},
        "names": [
            # Only as the warrant writes it: the desk has no passport spelling of the name (its passport number
            # and MRZ are on record), so a list must be matched across the diacritics.
            _name("Đàm Quang Thịnh", script=L, language="vi", family="Đàm", given="Quang Thịnh"),
            _name("담 꽝 틴", script=HANG, language="ko", kind=TRANSCRIPTION, by="KR-KNPA"),
        ],
        "documents": [_passport("C4829173", "VN", "2019-03-12", "2029-03-12",
                                {"doc_type": "P", "issuer": "VNM", "surname": "DAM", "given": "QUANG THINH",
                                 "nationality": "VNM", "sex": "M"})],
    },
    "V2": {
        "owner": "VN-MPS",
        "person": {"sex": "F", "birth_date": "1991", "birth_place": "Nam Định", "birth_country": "VN",
                   "nationalities": ["VN"], "languages": ["vi", "ru"]},
        "names": [
            _name("Lã Thị Ngọc Hân", script=L, language="vi", family="Lã", given="Thị Ngọc Hân"),
            _name("LA THI NGOC HAN", script=L, language="vi", kind=PASSPORT, family="LA", given="THI NGOC HAN"),
            _name("Ла Тхи Нгок Хан", script=CYRL, language="ru", kind=TRANSCRIPTION, by="RU-MVD"),
        ],
        "documents": [_passport("C3318820", "VN", "2018-07-01", "2028-07-01")],
    },
    "V3": {
        "owner": "VN-MPS",
        "person": {"sex": "M", "birth_date": "1979-06-11", "birth_place": "Lạng Sơn", "birth_country": "VN",
                   "nationalities": ["VN"], "languages": ["vi", "zh"], "height_cm": 168},
        "names": [
            _name("Tạ Minh Tuấn", script=L, language="vi", family="Tạ", given="Minh Tuấn"),
            _name("TA MINH TUAN", script=L, language="vi", kind=PASSPORT, family="TA", given="MINH TUAN"),
            _name("谢明俊", script=HANS, language="zh", kind=TRANSCRIPTION, by="CN-MPS", family="谢", given="明俊"),
        ],
        "documents": [_passport("B2104536", "VN", "2014-05-20", "2024-05-20",
                                {"doc_type": "P", "issuer": "VNM", "surname": "TA", "given": "MINH TUAN",
                                 "nationality": "VNM", "sex": "M"})],
    },
    "V4": {
        "owner": "VN-MPS",
        "person": {"sex": "M", "birth_date": "1988-02-14", "birth_place": "Hà Nội", "birth_country": "VN",
                   "nationalities": ["VN"], "languages": ["vi", "ko", "en"]},
        "names": [
            _name("Phùng Đức Long", script=L, language="vi", family="Phùng", given="Đức Long"),
            _name("PHUNG DUC LONG", script=L, language="vi", kind=PASSPORT, family="PHUNG", given="DUC LONG"),
            _name("풍 득 롱", script=HANG, language="ko", kind=TRANSCRIPTION, by="KR-KNPA"),
        ],
        "documents": [
            _passport("C1157732", "VN", "2017-09-09", "2027-09-09"),
            _passport("031088004512", "VN", "2021-04-02", "2048-02-14", kind=DocumentType.NATIONAL_ID),
        ],
    },
    "V5": {
        "owner": "VN-MPS",
        "person": {"sex": "F", "birth_date": "2003-08-12", "birth_place": "Nghệ An", "birth_country": "VN",
                   "nationalities": ["VN"], "languages": ["vi"], "height_cm": 155,
                   "description": "Slim build, long black hair; wears glasses"},
        "names": [
            _name("Vương Thị Lan", script=L, language="vi", family="Vương", given="Thị Lan"),
            _name("VUONG THI LAN", script=L, language="vi", kind=PASSPORT, family="VUONG", given="THI LAN"),
            _name("브엉 티 란", script=HANG, language="ko", kind=TRANSCRIPTION, by="KR-KNPA"),
        ],
        "documents": [_passport("C9022364", "VN", "2022-01-15", "2032-01-15",
                                {"doc_type": "P", "issuer": "VNM", "surname": "VUONG", "given": "THI LAN",
                                 "nationality": "VNM", "sex": "F"})],
    },
    # --- Korean, wanted by the KNPA ---------------------------------------------------------------------
    "K1": {
        "owner": "KR-KNPA",
        "person": {"sex": "M", "birth_date": "1982-04-19", "birth_place": "부산", "birth_country": "KR",
                   "nationalities": ["KR"], "languages": ["ko", "vi"]},
        "names": [
            _name("박태윤", script=HANG, language="ko", family="박", given="태윤"),
            _name("PARK TAEYUN", script=L, language="ko", kind=PASSPORT, family="PARK", given="TAEYUN"),
            _name("朴泰允", script=HANI, language="ko", family="朴", given="泰允"),
        ],
        "documents": [_passport("M58213907", "KR", "2020-06-30", "2030-06-30",
                                {"doc_type": "PM", "issuer": "KOR", "surname": "PARK", "given": "TAEYUN",
                                 "nationality": "KOR", "sex": "M"})],
    },
    "K2": {
        "owner": "KR-KNPA",
        "person": {"sex": "M", "birth_date": "1976-09-30", "birth_place": "인천", "birth_country": "KR",
                   "nationalities": ["KR"], "languages": ["ko"], "height_cm": 178, "weight_kg": 82},
        "names": [
            _name("이동규", script=HANG, language="ko", family="이", given="동규"),
            _name("LEE DONGGYU", script=L, language="ko", kind=PASSPORT, family="LEE", given="DONGGYU"),
            _name("李東奎", script=HANI, language="ko", family="李", given="東奎"),
        ],
        "documents": [_passport("M70431128", "KR", "2016-02-11", "2026-02-11")],
    },
    "K3": {
        "owner": "KR-KNPA",
        "person": {"sex": "F", "birth_date": "1990-12-05", "birth_place": "서울", "birth_country": "KR",
                   "nationalities": ["KR"], "languages": ["ko", "en"]},
        "names": [
            _name("최서린", script=HANG, language="ko", family="최", given="서린"),
            _name("CHOI SEORIN", script=L, language="ko", kind=PASSPORT, family="CHOI", given="SEORIN"),
            _name("崔瑞麟", script=HANI, language="ko", family="崔", given="瑞麟"),
        ],
        "documents": [_passport("M22905671", "KR", "2021-11-03", "2031-11-03",
                                {"doc_type": "PM", "issuer": "KOR", "surname": "CHOI", "given": "SEORIN",
                                 "nationality": "KOR", "sex": "F"})],
    },
    "K5": {
        "owner": "KR-KNPA",
        "person": {"sex": "M", "birth_date": "1980-01-22", "birth_place": "대구", "birth_country": "KR",
                   "nationalities": ["KR"], "languages": ["ko"]},
        "names": [
            _name("정우석", script=HANG, language="ko", family="정", given="우석"),
            _name("JUNG WOOSEOK", script=L, language="ko", kind=PASSPORT, family="JUNG", given="WOOSEOK"),
            _name("鄭宇錫", script=HANI, language="ko", family="鄭", given="宇錫"),
        ],
        "documents": [_passport("M91827364", "KR", "2015-08-19", "2025-08-19")],
    },
    "K6": {
        "owner": "KR-KNPA",
        "person": {"sex": "M", "birth_date": "1969-02", "nationalities": ["KR"], "languages": ["ko"]},
        "names": [
            _name("윤기석", script=HANG, language="ko", family="윤", given="기석"),
            _name("YUN GISEOK", script=L, language="ko", kind=PASSPORT, family="YUN", given="GISEOK"),
        ],
        "documents": [],
    },
    # --- Chinese, wanted by the MPS of China -----------------------------------------------------------
    "C1": {
        "owner": "CN-MPS",
        "person": {"sex": "M", "birth_date": "1983-07-08", "birth_place": "广东省汕头市", "birth_country": "CN",
                   "nationalities": ["CN"], "languages": ["zh"]},
        "names": [
            _name("黄启强", script=HANS, language="zh", family="黄", given="启强"),
            _name("HUANG QIQIANG", script=L, language="zh", kind=PASSPORT, family="HUANG", given="QIQIANG"),
            _name("Hoàng Khải Cường", script=L, language="vi", kind=TRANSCRIPTION, by="VN-MPS",
                  family="Hoàng", given="Khải Cường"),
        ],
        "documents": [_passport("E39150274", "CN", "2018-10-25", "2028-10-25",
                                {"doc_type": "PO", "issuer": "CHN", "surname": "HUANG", "given": "QIQIANG",
                                 "nationality": "CHN", "sex": "M"})],
    },
    "C2": {
        "owner": "CN-MPS",
        "person": {"sex": "F", "birth_date": "1987-03", "birth_country": "CN", "nationalities": ["CN"],
                   "languages": ["zh", "en"]},
        "names": [
            _name("刘晓岚", script=HANS, language="zh", family="刘", given="晓岚"),
            _name("LIU XIAOLAN", script=L, language="zh", kind=PASSPORT, family="LIU", given="XIAOLAN"),
        ],
        "documents": [],
    },
    "C3": {
        "owner": "CN-MPS",
        "person": {"sex": "M", "birth_date": "1975-10-11", "birth_place": "福建省福清市", "birth_country": "CN",
                   "nationalities": ["CN"], "languages": ["zh", "vi"]},
        "names": [
            _name("陈砚栋", script=HANS, language="zh", family="陈", given="砚栋"),
            _name("CHEN YANDONG", script=L, language="zh", kind=PASSPORT, family="CHEN", given="YANDONG"),
            _name("Trần Nghiễn Đống", script=L, language="vi", kind=TRANSCRIPTION, by="VN-MPS",
                  family="Trần", given="Nghiễn Đống"),
        ],
        "documents": [_passport("E55012983", "CN", "2019-01-07", "2029-01-07")],
    },
    # --- Russian, wanted by the MVD --------------------------------------------------------------------
    "R1": {
        "owner": "RU-MVD",
        "person": {"sex": "M", "birth_date": "1978-05-16", "birth_place": "Екатеринбург", "birth_country": "RU",
                   "nationalities": ["RU"], "languages": ["ru", "en"], "height_cm": 185},
        "names": [
            _name("Белозёров Андрей Викторович", script=CYRL, language="ru", family="Белозёров", given="Андрей",
                  patronymic="Викторович"),
            _name("BELOZEROV ANDREI", script=L, language="ru", kind=PASSPORT, family="BELOZEROV", given="ANDREI"),
            _name("安德烈·别洛焦罗夫", script=HANS, language="zh", kind=TRANSCRIPTION, by="CN-MPS"),
        ],
        "documents": [_passport("721145809", "RU", "2019-12-02", "2029-12-02",
                                {"doc_type": "P", "issuer": "RUS", "surname": "BELOZEROV", "given": "ANDREI",
                                 "nationality": "RUS", "sex": "M"})],
    },
    "R2": {
        "owner": "RU-MVD",
        "person": {"sex": "F", "birth_date": "1986-11-23", "birth_place": "Новосибирск", "birth_country": "RU",
                   "nationalities": ["RU"], "languages": ["ru"]},
        "names": [
            _name("Журавлёва Екатерина Сергеевна", script=CYRL, language="ru", family="Журавлёва", given="Екатерина",
                  patronymic="Сергеевна"),
            _name("ZHURAVLEVA EKATERINA", script=L, language="ru", kind=PASSPORT, family="ZHURAVLEVA",
                  given="EKATERINA"),
        ],
        "documents": [_passport("758830417", "RU", "2020-03-17", "2030-03-17")],
    },
    "R3": {
        "owner": "RU-MVD",
        "person": {"sex": "M", "birth_date": "1981", "nationalities": ["RU"], "languages": ["ru", "en"]},
        "names": [
            _name("Ветлугин Дмитрий Игоревич", script=CYRL, language="ru", family="Ветлугин", given="Дмитрий",
                  patronymic="Игоревич"),
            _name("VETLUGIN DMITRII", script=L, language="ru", kind=PASSPORT, family="VETLUGIN", given="DMITRII"),
            _name("VETLUGIN DMITRIY", script=L, language="ru", kind=NameKind.FORMER, family="VETLUGIN",
                  given="DMITRIY"),
            _name("드미트리 베틀루긴", script=HANG, language="ko", kind=TRANSCRIPTION, by="KR-KNPA"),
        ],
        "documents": [
            _passport("764402215", "RU", "2021-07-08", "2031-07-08"),
            _passport("530981144", "RU", "2011-02-15", "2021-02-15"),
        ],
    },
}  # fmt: skip


def primary_name(key: str) -> str:
    return str(PERSONS[key]["names"][0]["full_name"])


def find_person(key: str) -> Person | None:
    """The demo person recorded for `key` (by its agency, its primary name and the fictional mark)."""
    spec = PERSONS[key]
    return (
        Person.objects.current()
        .filter(owner__code=spec["owner"], fictional=True, display_name=primary_name(key))
        .order_by("pk")
        .first()
    )


def demo_officers(codes: tuple[str, ...] = AGENCY_CODES) -> dict[str, User] | None:
    officers = {
        user.agency.code: user
        for user in User.objects.select_related("agency").filter(
            username__in=[officer_username(code) for code in codes], is_active=True
        )
    }
    return officers if all(code in officers for code in codes) else None


def _documents(spec: dict[str, Any], birth_date: str) -> list[dict[str, Any]]:
    built = []
    for document in spec["documents"]:
        row = {key: value for key, value in document.items() if key != "mrz"}
        mrz = document.get("mrz")
        if mrz:
            row["mrz"] = mrz_td3(
                number=document["number"],
                birth=datetime.date.fromisoformat(birth_date),
                expiry=document["valid_until"],
                **mrz,
            )
        built.append(row)
    return built


def demo_owners() -> tuple[str, ...]:
    """The agencies whose demo records this node loads: all four on the MPS of Vietnam's node (the default),
    only the home agency on a node of another demo agency (agencies/demo.py), none otherwise."""
    from liaison.agencies.demo import full_demo, home_code

    if full_demo():
        return AGENCY_CODES
    return (home_code(),) if home_code() in AGENCY_CODES else ()


def load(actor: Any, write: Any) -> None:
    owners = demo_owners()
    officers = demo_officers(owners)
    agencies = {a.code: a for a in Agency.objects.filter(code__in=AGENCY_CODES)}
    if not owners or officers is None or len(agencies) < len(AGENCY_CODES):
        write("People demo data skipped: the demo agencies and officers (agencies/demo.py) are missing.")
        return
    added = 0
    for key, spec in PERSONS.items():
        if spec["owner"] not in owners or find_person(key) is not None:
            continue
        names = []
        for index, name in enumerate(spec["names"]):
            row = dict(name)
            row["transcribed_by"] = agencies[row["transcribed_by"]] if row["transcribed_by"] else None
            row["is_primary"] = index == 0
            row["source"] = "Liaison demo data (fictional)"
            names.append(row)
        do_create_person(
            {**spec["person"], "fictional": True, "notes": FICTIONAL_NOTE},
            names=names,
            documents=_documents(spec, spec["person"]["birth_date"]),
            actor=officers[spec["owner"]],
        )
        added += 1
    write(f"People demo records (fictional persons): {added} added.")
