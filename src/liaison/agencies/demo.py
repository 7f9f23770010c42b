"""Demo agencies, units and accounts: the Vietnamese Ministry of Public Security (home) and its partners.

Agency names are the official ones. Units and people are demo records ("demo" in their names).
Passwords are random, created once, and printed once; running the loader again changes nothing.

Which demo a node loads follows its home agency (LIAISON_HOME_AGENCY; docs/decisions/0034): the MPS of Vietnam
(the default) gets the whole demo, every partner hosted with its demo officer; a node of another demo agency
(KR-KNPA, RU-MVD, CN-MPS) gets that agency's own demo — its units and accounts (administrator, officer,
supervisor), and, from the other apps' demos, its own persons, notices and requests to the MPS — and no other
agency's private records. Every node gets the agency directory.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings

from liaison.agencies import actions
from liaison.agencies.choices import AgencyKind, UnitKind
from liaison.agencies.management.commands.createuser import generate_password
from liaison.agencies.models import Agency, Role, Unit, User
from liaison.core.permissions import DESK_OFFICER, NODE_ADMIN, SUPERVISOR

# name_translations: each official name as the other interface languages write it (translated here from the
# official name; the node administrator corrects them on the agency's page).
AGENCIES: list[dict[str, Any]] = [
    dict(
        code="VN-MPS",
        country="VN",
        kind=AgencyKind.INTERIOR,
        short_name="MPS Vietnam",
        name_native="Bộ Công an nước Cộng hòa xã hội chủ nghĩa Việt Nam",
        name_en="Ministry of Public Security of the Socialist Republic of Vietnam",
        name_translations={
            "ko": "베트남 사회주의 공화국 공안부",
            "zh-hans": "越南社会主义共和国公安部",
            "ru": "Министерство общественной безопасности Социалистической Республики Вьетнам",
            "fr": "Ministère de la Sécurité publique de la République socialiste du Viet Nam",
        },
    ),
    dict(
        code="KR-KNPA",
        country="KR",
        kind=AgencyKind.POLICE,
        short_name="KNPA",
        name_native="경찰청",
        name_en="Korean National Police Agency",
        name_translations={
            "vi": "Cơ quan Cảnh sát Quốc gia Hàn Quốc",
            "zh-hans": "韩国警察厅",
            "ru": "Национальное полицейское агентство Республики Корея",
            "fr": "Agence nationale de police de Corée",
        },
    ),
    dict(
        code="KR-SPO",
        country="KR",
        kind=AgencyKind.PROSECUTION,
        short_name="SPO Korea",
        name_native="대검찰청",
        name_en="Supreme Prosecutors' Office of the Republic of Korea",
        name_translations={
            "vi": "Viện Công tố Tối cao Hàn Quốc",
            "zh-hans": "韩国大检察厅",
            "ru": "Верховная прокуратура Республики Корея",
            "fr": "Parquet suprême de la République de Corée",
        },
    ),
    dict(
        code="RU-MVD",
        country="RU",
        kind=AgencyKind.INTERIOR,
        short_name="MVD Russia",
        name_native="Министерство внутренних дел Российской Федерации",
        name_en="Ministry of Internal Affairs of the Russian Federation",
        name_translations={
            "vi": "Bộ Nội vụ Liên bang Nga",
            "ko": "러시아 연방 내무부",
            "zh-hans": "俄罗斯联邦内务部",
            "fr": "Ministère de l’Intérieur de la Fédération de Russie",
        },
    ),
    dict(
        code="CN-MPS",
        country="CN",
        kind=AgencyKind.INTERIOR,
        short_name="MPS China",
        name_native="中华人民共和国公安部",
        name_en="Ministry of Public Security of the People's Republic of China",
        name_translations={
            "vi": "Bộ Công an nước Cộng hòa Nhân dân Trung Hoa",
            "ko": "중화인민공화국 공안부",
            "ru": "Министерство общественной безопасности Китайской Народной Республики",
            "fr": "Ministère de la Sécurité publique de la République populaire de Chine",
        },
    ),
    dict(
        code="CN-MOJ",
        country="CN",
        kind=AgencyKind.JUSTICE,
        short_name="MOJ China",
        name_native="中华人民共和国司法部",
        name_en="Ministry of Justice of the People's Republic of China",
        name_translations={
            "vi": "Bộ Tư pháp nước Cộng hòa Nhân dân Trung Hoa",
            "ko": "중화인민공화국 사법부",
            "ru": "Министерство юстиции Китайской Народной Республики",
            "fr": "Ministère de la Justice de la République populaire de Chine",
        },
    ),
    dict(
        code="APICC",
        country="",
        kind=AgencyKind.MULTILATERAL,
        short_name="APICC",
        name_native="Asia-Pacific Information and Coordination Centre for Combating Drug Crimes",
        name_en="Asia-Pacific Information and Coordination Centre for Combating Drug Crimes",
        name_translations={
            "vi": "Trung tâm Thông tin và Điều phối phòng, chống tội phạm ma túy khu vực châu Á – Thái Bình Dương",
            "ko": "아시아·태평양 마약범죄 대응 정보조정센터",
            "zh-hans": "亚太打击毒品犯罪信息协调中心",
            "ru": "Азиатско-Тихоокеанский центр информации и координации по борьбе с преступностью в сфере наркотиков",
            "fr": (
                "Centre Asie-Pacifique d’information et de coordination de la lutte contre la criminalité liée aux "
                "drogues"
            ),
        },
    ),
]

UNITS = {
    "VN-MPS": [
        ("Cục Hợp tác quốc tế (demo)", "International Cooperation Department (demo)", UnitKind.DEPARTMENT),
        ("Bàn Hàn Quốc (demo)", "Korea Desk (demo)", UnitKind.DESK),
        ("Công an tỉnh Khánh Hòa (demo)", "Khanh Hoa Provincial Police (demo)", UnitKind.PROVINCIAL),
    ],
    "KR-KNPA": [
        ("외사국 (demo)", "Foreign Affairs Bureau (demo)", UnitKind.DEPARTMENT),
        ("베트남 데스크 (demo)", "Vietnam Desk (demo)", UnitKind.DESK),
    ],
    "RU-MVD": [
        ("Национальное центральное бюро Интерпола (demo)", "INTERPOL National Central Bureau (demo)", UnitKind.OFFICE)
    ],
    "CN-MPS": [("国际合作局 (demo)", "International Cooperation Bureau (demo)", UnitKind.DEPARTMENT)],
}


FULL_DEMO_HOME = "VN-MPS"


def home_code() -> str:
    """The code of the node's home agency (the one marked home, else LIAISON_HOME_AGENCY)."""
    home = Agency.objects.filter(is_home=True).values_list("code", flat=True).first()
    return str(home or settings.LIAISON_HOME_AGENCY)


def full_demo() -> bool:
    """Whether this node loads the whole demo (the MPS of Vietnam's, every partner hosted) or only its home
    agency's own (module docstring)."""
    return home_code() == FULL_DEMO_HOME


def _accounts(home: str) -> list[tuple[str, str, list[str], str, str]]:
    short = {spec["code"]: spec["short_name"] for spec in AGENCIES}
    accounts = [("admin", home, [NODE_ADMIN, SUPERVISOR], "Demo", "Administrator")]
    codes = [spec["code"] for spec in AGENCIES] if home == FULL_DEMO_HOME else [home]
    for code in codes:
        accounts.append((f"officer.{code.lower()}", code, [DESK_OFFICER], "Demo", f"Officer {short[code]}"))
    accounts.append((f"supervisor.{home.lower()}", home, [SUPERVISOR], "Demo", f"Supervisor {short[home]}"))
    return accounts


def load(actor: Any, write: Any) -> None:
    agencies: dict[str, Agency] = {}
    for spec in AGENCIES:
        agency = Agency.objects.filter(code=spec["code"]).first()
        if agency is None:
            # The home agency is the one named by LIAISON_HOME_AGENCY (default VN-MPS), unless the node has one.
            is_home = spec["code"] == settings.LIAISON_HOME_AGENCY and not Agency.objects.filter(is_home=True).exists()
            agency = actions.do_create_agency({**spec, "is_home": is_home}, actor=actor)
        elif not agency.name_translations:  # a node whose demo predates the names in other languages
            agency = actions.do_update_agency(agency, {"name_translations": spec["name_translations"]}, actor=actor)
        agencies[agency.code] = agency
        if actor.agency is None and agency.is_home:
            actor.agency = agency  # later demo records are audited under the home agency
    home = home_code()
    if home not in agencies:
        write(f"Demo units and accounts skipped: the home agency {home} is not one of the demo agencies.")
        return
    for code, units in UNITS.items():
        if home != FULL_DEMO_HOME and code != home:
            continue  # another agency's own organisation
        for name, name_en, kind in units:
            if not Unit.objects.filter(agency=agencies[code], name=name).exists():
                actions.do_create_unit(
                    {"agency": agencies[code], "name": name, "name_en": name_en, "kind": kind}, actor=actor
                )

    roles = {role.code: role for role in Role.objects.all()}
    created = []
    for username, code, role_codes, first, last in _accounts(home):
        if User.objects.filter(username=username).exists():
            continue
        password = generate_password()
        actions.do_create_user(
            {
                "username": username,
                "agency": agencies[code],
                "first_name": first,
                "last_name": last,
                "roles": [roles[r] for r in role_codes],
            },
            password=password,
            actor=actor,
        )
        created.append((username, code, ", ".join(role_codes), password))
    if created:
        write("Demo accounts (passwords are shown only this once; keep them):")
        for username, code, role_list, password in created:
            write(f"  {username:<22} {password:<22} {code:<8} {role_list}")
    else:
        write(
            "Demo accounts already exist (their passwords were printed when they were created;"
            " reset one with: liaison changepassword USERNAME)."
        )
