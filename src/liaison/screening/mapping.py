"""The column mapping of a list, and turning one row into what namematch screens.

Fields (the keys of `ScreeningList.mapping`):

- ``name``: a list of columns, each holding a full name (a native-script name and a passport name are two
  such columns); a cell may hold several names separated by ``|`` or ``;``;
- ``family_name``, ``middle_name``, ``given_names``, ``patronymic``: parts of ONE name, joined in that order
  (Họ + tên đệm + tên; Фамилия + Имя + Отчество; 성 + 이름 without a space for Hangul and Han);
- ``id`` (the list's own row reference), ``birth_date``, ``nationality``, ``sex``, ``document_number``,
  ``mrz``: one column each.

A usable mapping names at least one name column or name part. The guess reads the header in English,
Vietnamese, Korean, Russian and Chinese ("Họ và tên", "성명", "ФИО", "姓名", "Ngày sinh", "생년월일",
"Дата рождения", "Passport No" …), comparing without case, accents, spaces or punctuation.

A row's problems (a date that is no date, an unknown country, a sex that is not M or F, an MRZ whose check
digits fail) are reported by row, field and column; the row is still screened without that value. A row
with no name at all (and no MRZ) is reported and not screened.

The fingerprint of a row identifies the listed identity across lists and runs: SHA-256 over the normalised
names (NFKC, case-folded, sorted), the normalised birth date and the document numbers (letters and digits).
A decision on (person, fingerprint) is remembered (see actions.py).
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

import namematch
from namematch.features import normalise_document, normalise_nationality, normalise_sex, parse_birth_date
from namematch.mrz import parse_mrz

NAME = "name"
NAME_PARTS = ("family_name", "middle_name", "given_names", "patronymic")
SINGLE_FIELDS = ("id", *NAME_PARTS, "birth_date", "nationality", "sex", "document_number", "mrz")
FIELDS = ("id", NAME, *NAME_PARTS, "birth_date", "nationality", "sex", "document_number", "mrz")

FIELD_LABELS: dict[str, Any] = {
    "id": gettext_lazy("Row reference (the list's own id)"),
    NAME: gettext_lazy("Full name (one or more columns, each a way the name is written)"),
    "family_name": gettext_lazy("Family name (surname)"),
    "middle_name": gettext_lazy("Middle name"),
    "given_names": gettext_lazy("Given names"),
    "patronymic": gettext_lazy("Patronymic"),
    "birth_date": gettext_lazy("Date of birth"),
    "nationality": gettext_lazy("Nationality"),
    "sex": gettext_lazy("Sex"),
    "document_number": gettext_lazy("Document number"),
    "mrz": gettext_lazy("Machine-readable zone (MRZ)"),
}

# Short labels of the fields, for a row as listed and the problems found in rows.
SHORT_LABELS: dict[str, Any] = {
    "id": gettext_lazy("Row id"),
    NAME: gettext_lazy("Name"),
    "family_name": gettext_lazy("Family name"),
    "middle_name": gettext_lazy("Middle name"),
    "given_names": gettext_lazy("Given names"),
    "patronymic": gettext_lazy("Patronymic"),
    "birth_date": gettext_lazy("Date of birth"),
    "nationality": gettext_lazy("Nationality"),
    "sex": gettext_lazy("Sex"),
    "document_number": gettext_lazy("Document number"),
    "mrz": gettext_lazy("MRZ"),
}

# Header names per field, as officers' lists write them (compared folded: see fold()).
ALIASES: dict[str, tuple[str, ...]] = {
    "id": (
        "id", "no", "no.", "#", "stt", "số tt", "số thứ tự", "mã", "mã số", "ref", "reference", "record id",
        "row id", "booking", "booking ref", "pnr", "번호", "순번", "연번", "№", "№ п/п", "номер", "п/п",
        "序号", "编号", "ид", "identifier",
    ),
    NAME: (
        "name", "full name", "fullname", "names", "passenger", "passenger name", "guest", "guest name",
        "traveller", "traveler", "person", "name in passport", "passport name", "name (passport)",
        "latin name", "name latin", "native name", "name native", "english name", "alias", "aliases",
        "họ và tên", "họ tên", "tên đầy đủ", "tên khách", "họ và tên khách", "tên theo hộ chiếu",
        "họ tên theo hộ chiếu", "tên hộ chiếu",
        "성명", "성명(한글)", "한글성명", "한글 성명", "영문성명", "영문 성명", "성명(영문)", "영문이름", "영문 이름",
        "여권성명", "여권 성명", "승객명", "투숙객명", "이름(영문)",
        "фио", "ф.и.о.", "ф. и. о.", "полное имя", "имя и фамилия", "фамилия имя отчество",
        "фамилия, имя, отчество", "фио латиницей", "имя латиницей", "фио (латиницей)", "фамилия и имя",
        "姓名", "全名", "名字", "中文姓名", "英文姓名", "姓名拼音", "拼音姓名", "护照姓名", "旅客姓名", "客人姓名",
        "姓名(拼音)", "外文姓名",
    ),
    "family_name": (
        "surname", "family name", "last name", "lastname", "family", "sur name", "họ", "성", "성(한글)",
        "영문성", "фамилия", "фамилия латиницей", "姓", "姓氏",
    ),
    "middle_name": ("middle name", "middle names", "tên đệm", "tên lót", "chữ lót"),
    "given_names": (
        "given name", "given names", "first name", "firstname", "forename", "forenames", "first names",
        "tên", "tên gọi", "이름", "имя", "名",
    ),
    "patronymic": ("patronymic", "отчество", "patronymic name", "father's name"),
    "birth_date": (
        "birth date", "date of birth", "dob", "d.o.b.", "birthday", "born", "birthdate", "date born",
        "ngày sinh", "ngày tháng năm sinh", "ngày, tháng, năm sinh", "năm sinh", "sinh ngày",
        "생년월일", "생일", "출생일", "출생년월일", "дата рождения", "д.р.", "д/р", "год рождения",
        "出生日期", "生日", "出生年月日", "出生年月",
    ),
    "nationality": (
        "nationality", "citizenship", "nationalities", "country", "nation", "country of citizenship",
        "quốc tịch", "국적", "гражданство", "подданство", "国籍",
    ),
    "sex": ("sex", "gender", "giới tính", "giới", "성별", "пол", "性别", "性別"),
    "document_number": (
        "passport", "passport no", "passport no.", "passport number", "passport #", "document", "document no",
        "document number", "doc no", "doc number", "id number", "id no", "travel document", "travel document no",
        "số hộ chiếu", "hộ chiếu", "số giấy tờ", "giấy tờ", "số cccd", "cccd", "số cmnd", "cmnd",
        "số giấy tờ tùy thân", "여권번호", "여권 번호", "여권", "신분증번호", "номер паспорта", "паспорт",
        "№ паспорта", "серия и номер паспорта", "номер документа", "документ", "护照号码", "护照号", "护照",
        "证件号码", "证件号",
    ),
    "mrz": ("mrz", "machine readable zone", "machine-readable zone", "mã mrz", "вмз", "мрз", "기계판독영역"),
}  # fmt: skip


def fold(text: str) -> str:
    """A header cell compared without case, accents, spaces or punctuation ("Họ và tên" → "hovaten")."""
    text = unicodedata.normalize("NFKD", text.casefold()).replace("đ", "d")
    return "".join(ch for ch in text if unicodedata.category(ch)[0] in "LN" and not unicodedata.combining(ch))


_ALIAS_FIELD: dict[str, str] = {}
for _field, _names in ALIASES.items():
    for _alias in _names:
        _ALIAS_FIELD.setdefault(fold(_alias), _field)
# Headers that name a whole name when no family-name column stands beside them (Tên, 이름, Имя, 名字).
_GIVEN_OR_FULL = {fold(word) for word in ("tên", "이름", "名字")}


def _field_of(header: str) -> tuple[str | None, int]:
    """(field, strength) a header names: 2 exact, 1 contains a longer alias, 0 none."""
    key = fold(header)
    if not key:
        return None, 0
    if key in _ALIAS_FIELD:
        return _ALIAS_FIELD[key], 2
    best: tuple[int, str] | None = None
    for alias, name in _ALIAS_FIELD.items():
        if len(alias) >= 4 and alias in key and (best is None or len(alias) > best[0]):
            best = (len(alias), name)
    return (best[1], 1) if best else (None, 0)


def header_score(line: str) -> int:
    """How many cells of a (CSV) header line name a known field: helps tell code pages apart."""
    cells = re.split(r"[,;\t|]", line)
    return sum(1 for cell in cells if _field_of(cell.strip().strip('"'))[1] == 2)


def guess_mapping(columns: list[str]) -> dict[str, Any]:
    """The mapping the header suggests; every column whose header names a full name goes to `name`."""
    found: dict[str, list[tuple[int, int, str]]] = {}
    for position, column in enumerate(columns):
        name, strength = _field_of(column)
        if name is not None:
            found.setdefault(name, []).append((strength, -position, column))
    mapping: dict[str, Any] = {}
    taken: set[str] = set()
    for name in SINGLE_FIELDS:
        options = sorted(found.get(name, []), reverse=True)
        if options:
            mapping[name] = options[0][2]
            taken.add(options[0][2])
    names = [column for _s, _p, column in sorted(found.get(NAME, []), key=lambda t: -t[1]) if column not in taken]
    # "Tên" / "이름" / "名字" alone is the whole name; beside a family-name column it is the given name.
    given = mapping.get("given_names")
    if given and fold(given) in _GIVEN_OR_FULL and "family_name" not in mapping:
        del mapping["given_names"]
        names.append(given)
    if names:
        mapping[NAME] = names
    return mapping


def clean_mapping(raw: Mapping[str, Any], columns: list[str]) -> dict[str, Any]:
    """The mapping with its columns checked against the list's; a ValidationError names what is wrong."""
    from django.core.exceptions import ValidationError

    if not isinstance(raw, Mapping):
        raise ValidationError(
            {"mapping": _('Give the mapping as an object: each field with its column, e.g. {"name": ["Full name"]}.')}
        )
    known = set(columns)
    errors: dict[str, str] = {}
    mapping: dict[str, Any] = {}
    for key, value in raw.items():
        if key not in FIELDS:
            errors[key] = _("Unknown field %(field)s; the fields are: %(fields)s.") % {
                "field": key,
                "fields": ", ".join(FIELDS),
            }
            continue
        if key == NAME:
            values = value if isinstance(value, list) else [] if value in (None, "") else [value]
            chosen = []
            for column in values:
                if not isinstance(column, str) or column not in known:
                    errors[key] = _("The list has no column %(column)s.") % {"column": column}
                elif column not in chosen:
                    chosen.append(column)
            if chosen:
                mapping[NAME] = chosen
            continue
        if value in (None, ""):
            continue
        if not isinstance(value, str) or value not in known:
            errors[key] = _("The list has no column %(column)s.") % {"column": value}
            continue
        mapping[key] = value
    if not errors and not (mapping.get(NAME) or any(mapping.get(part) for part in NAME_PARTS)):
        errors[NAME] = _("Choose the column (or columns) holding the name.")
    if errors:
        raise ValidationError({"mapping": [f"{key}: {message}" for key, message in errors.items()]})
    return mapping


def is_usable(mapping: Mapping[str, Any]) -> bool:
    return bool(mapping.get(NAME) or any(mapping.get(part) for part in NAME_PARTS))


# --- values ------------------------------------------------------------------------------------------------
_COUNTRY_NAMES = {
    "vietnam": "VN", "vietnamese": "VN", "việtnam": "VN", "việt nam": "VN", "viet nam": "VN", "베트남": "VN",
    "越南": "VN", "вьетнам": "VN", "cộng hòa xã hội chủ nghĩa việt nam": "VN",
    "korea": "KR", "south korea": "KR", "republic of korea": "KR", "korean": "KR", "hàn quốc": "KR",
    "한국": "KR", "대한민국": "KR", "韩国": "KR", "韓國": "KR", "корея": "KR", "республика корея": "KR",
    "южная корея": "KR", "north korea": "KP", "조선": "KP", "북한": "KP", "triều tiên": "KP",
    "china": "CN", "chinese": "CN", "trung quốc": "CN", "중국": "CN", "中国": "CN", "中國": "CN",
    "китай": "CN", "кнр": "CN", "people's republic of china": "CN",
    "russia": "RU", "russian federation": "RU", "russian": "RU", "nga": "RU", "liên bang nga": "RU",
    "러시아": "RU", "俄罗斯": "RU", "俄羅斯": "RU", "россия": "RU", "российская федерация": "RU", "рф": "RU",
}  # fmt: skip
_SEX_WORDS = {
    "male": "M", "man": "M", "nam": "M", "мужской": "M", "муж.": "M", "м.": "M", "남성": "M", "남자": "M",
    "男性": "M", "female": "F", "woman": "F", "nữ": "F", "nu": "F", "женский": "F", "жен.": "F", "ж.": "F",
    "여성": "F", "여자": "F", "女性": "F",
}  # fmt: skip
_NAME_SPLIT = re.compile(r"\s*[|;]\s*")
_DATE_WORDS = re.compile(r"\s*(년|월|年|月)\s*")
_DATE_TAIL = re.compile(r"\s*(일|日|г\.?|года|năm)\s*$")


def parse_country(value: str) -> str:
    """ISO 3166 alpha-2 of a country written as a code (VN, VNM) or a name in one of the desk's languages."""
    key = " ".join(value.casefold().split())
    if key in _COUNTRY_NAMES:
        return _COUNTRY_NAMES[key]
    try:
        return normalise_nationality(value)
    except ValueError:
        pass
    from django_countries import countries

    code = countries.by_name(value.strip(), insensitive=True) if value.strip() else ""
    if code:
        return str(code)
    raise ValueError(value)


def parse_date(value: str) -> str:
    """YYYY, YYYY-MM or YYYY-MM-DD of a birth date written as lists write them (ISO, D.M.Y, D/M/Y, YYYYMMDD,
    1985년 3월 7일, 1985年3月7日, 07.03.1985 г.)."""
    text = value.strip()
    if "T" in text[:11] and text[:4].isdigit():
        text = text.split("T", 1)[0]
    text = _DATE_TAIL.sub("", _DATE_WORDS.sub("-", text)).strip(" -")
    parsed = parse_birth_date(text)
    if parsed is None:
        raise ValueError(value)
    return str(parsed)


def parse_sex(value: str) -> str | None:
    key = value.strip().casefold()
    if key in _SEX_WORDS:
        return _SEX_WORDS[key]
    return normalise_sex(value)


def join_parts(parts: Iterable[str]) -> str:
    """One name from its parts; Hangul and Han parts are written together, others with a space."""
    words = [part for part in parts if part]
    if len(words) > 1 and all(_is_cjk(word) for word in words):
        return "".join(words)
    return " ".join(words)


def _is_cjk(text: str) -> bool:
    return all(0xAC00 <= ord(ch) <= 0xD7A3 or 0x3400 <= ord(ch) <= 0x9FFF or ch == " " for ch in text)


def name_key(name: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


def fingerprint(names: Iterable[str], birth_date: str, documents: Iterable[str]) -> str:
    body = {
        "names": sorted({name_key(name) for name in names if name.strip()}),
        "birth_date": birth_date,
        "documents": sorted({normalise_document(number) for number in documents if normalise_document(number)}),
    }
    return hashlib.sha256(json.dumps(body, ensure_ascii=False, sort_keys=True).encode()).hexdigest()


@dataclass
class Problem:
    row: int
    field: str
    column: str
    value: str
    message: str
    screened: bool = True

    def as_dict(self) -> dict[str, Any]:
        return {
            "row": self.row,
            "field": self.field,
            "column": self.column,
            "value": self.value[:200],
            "message": self.message,
            "screened": self.screened,
        }


@dataclass
class ParsedRow:
    """One row: the namematch record (None when it cannot be screened), the values as listed, the problems."""

    number: int
    row_id: str
    record: namematch.Record | None
    listed: dict[str, Any]
    fingerprint: str
    problems: list[Problem] = field(default_factory=list)


class RowReader:
    """Turns rows of one list into ParsedRows under one mapping (column positions resolved once)."""

    def __init__(self, columns: list[str], mapping: Mapping[str, Any]) -> None:
        position = {column: i for i, column in enumerate(columns)}
        self.single = {
            key: (mapping[key], position[mapping[key]])
            for key in SINGLE_FIELDS
            if isinstance(mapping.get(key), str) and mapping[key] in position
        }
        self.names = [(column, position[column]) for column in mapping.get(NAME) or [] if column in position]
        self.parts = [self.single[key][1] for key in NAME_PARTS if key in self.single]

    def _cell(self, cells: list[str], key: str) -> tuple[str, str]:
        column, index = self.single.get(key, ("", -1))
        return column, (cells[index] if 0 <= index < len(cells) else "")

    def read(self, number: int, cells: list[str]) -> ParsedRow:
        problems: list[Problem] = []
        names: list[str] = []
        for _column, index in self.names:
            for name in _NAME_SPLIT.split(cells[index]) if cells[index] else ():
                if name and name not in names:
                    names.append(name)
        if self.parts:
            joined = join_parts(cells[index] for index in self.parts)
            if joined and joined not in names:
                names.append(joined)

        _c, row_id = self._cell(cells, "id")
        listed: dict[str, Any] = {"names": names}
        if row_id:
            listed["id"] = row_id

        birth: str | None = None
        column, text = self._cell(cells, "birth_date")
        if text:
            listed["birth_date"] = text
            try:
                birth = parse_date(text)
            except ValueError:
                problems.append(
                    Problem(number, "birth_date", column, text, _("%(value)s is not a date.") % {"value": text})
                )

        nationalities: list[str] = []
        column, text = self._cell(cells, "nationality")
        if text:
            listed["nationality"] = text
            for part in re.split(r"\s*[,;/|]\s*", text):
                if not part:
                    continue
                try:
                    code = parse_country(part)
                except ValueError:
                    problems.append(
                        Problem(
                            number,
                            "nationality",
                            column,
                            part,
                            _("%(value)s is not a country (use a code such as VN or VNM, or its name).")
                            % {"value": part},
                        )
                    )
                else:
                    if code not in nationalities:
                        nationalities.append(code)

        sex: str | None = None
        column, text = self._cell(cells, "sex")
        if text:
            listed["sex"] = text
            try:
                sex = parse_sex(text)
            except ValueError:
                problems.append(
                    Problem(number, "sex", column, text, _("%(value)s is not a sex (M or F).") % {"value": text})
                )

        documents: list[str] = []
        _c, text = self._cell(cells, "document_number")
        if text:
            listed["document_number"] = text
            documents = [text]

        mrz: str | None = None
        column, text = self._cell(cells, "mrz")
        if text:
            listed["mrz"] = text
            candidate = text.replace("\\n", "\n")
            if "\n" not in candidate and " " in candidate:
                candidate = "\n".join(candidate.split())
            try:
                parsed = parse_mrz(candidate)
            except ValueError as error:
                problems.append(
                    Problem(number, "mrz", column, text, _("Not a machine-readable zone: %(error)s") % {"error": error})
                )
            else:
                mrz = candidate
                failed = [name for name, ok in parsed.checks.items() if not ok]
                if failed:
                    problems.append(
                        Problem(
                            number,
                            "mrz",
                            column,
                            text,
                            _("Check digit wrong for: %(fields)s.") % {"fields": ", ".join(failed)},
                        )
                    )

        record: namematch.Record | None = None
        if names or mrz:
            record = namematch.Record(
                id=str(number),
                names=names,
                birth_date=birth,
                nationalities=nationalities,
                sex=sex,
                documents=documents,
                mrz=mrz,
            )
        else:
            name_columns = [column for column, _i in self.names] + [
                self.single[key][0] for key in NAME_PARTS if key in self.single
            ]
            problems.append(
                Problem(
                    number,
                    NAME,
                    ", ".join(name_columns),
                    "",
                    _("No name: the row is not screened."),
                    screened=False,
                )
            )
        for problem in problems:
            problem.screened = record is not None
        return ParsedRow(
            number=number,
            row_id=row_id,
            record=record,
            listed=listed,
            fingerprint=fingerprint(names, birth or "", documents),
            problems=problems,
        )
