"""Demo agencies, units and accounts: the Vietnamese Ministry of Public Security (home) and its partners.

Agency names are the official ones. Units and people are demo records ("demo" in their names).
Passwords are random, created once, and printed once; running the loader again changes nothing.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings

from liaison.agencies import actions
from liaison.agencies.choices import AgencyKind, UnitKind
from liaison.agencies.management.commands.createuser import generate_password
from liaison.agencies.models import Agency, Role, Unit, User
from liaison.core.permissions import DESK_OFFICER, NODE_ADMIN, SUPERVISOR

AGENCIES = [
    dict(
        code="VN-MPS",
        country="VN",
        kind=AgencyKind.INTERIOR,
        short_name="MPS Vietnam",
        name_native="Bộ Công an nước Cộng hòa xã hội chủ nghĩa Việt Nam",
        name_en="Ministry of Public Security of the Socialist Republic of Vietnam",
    ),
    dict(
        code="KR-KNPA",
        country="KR",
        kind=AgencyKind.POLICE,
        short_name="KNPA",
        name_native="경찰청",
        name_en="Korean National Police Agency",
    ),
    dict(
        code="KR-SPO",
        country="KR",
        kind=AgencyKind.PROSECUTION,
        short_name="SPO Korea",
        name_native="대검찰청",
        name_en="Supreme Prosecutors' Office of the Republic of Korea",
    ),
    dict(
        code="RU-MVD",
        country="RU",
        kind=AgencyKind.INTERIOR,
        short_name="MVD Russia",
        name_native="Министерство внутренних дел Российской Федерации",
        name_en="Ministry of Internal Affairs of the Russian Federation",
    ),
    dict(
        code="CN-MPS",
        country="CN",
        kind=AgencyKind.INTERIOR,
        short_name="MPS China",
        name_native="中华人民共和国公安部",
        name_en="Ministry of Public Security of the People's Republic of China",
    ),
    dict(
        code="CN-MOJ",
        country="CN",
        kind=AgencyKind.JUSTICE,
        short_name="MOJ China",
        name_native="中华人民共和国司法部",
        name_en="Ministry of Justice of the People's Republic of China",
    ),
    dict(
        code="APICC",
        country="",
        kind=AgencyKind.MULTILATERAL,
        short_name="APICC",
        name_native="Asia-Pacific Information and Coordination Centre for Combating Drug Crimes",
        name_en="Asia-Pacific Information and Coordination Centre for Combating Drug Crimes",
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


def load(actor: Any, write: Any) -> None:
    agencies: dict[str, Agency] = {}
    for spec in AGENCIES:
        agency = Agency.objects.filter(code=spec["code"]).first()
        if agency is None:
            # The home agency is the one named by LIAISON_HOME_AGENCY (default VN-MPS), unless the node has one.
            is_home = spec["code"] == settings.LIAISON_HOME_AGENCY and not Agency.objects.filter(is_home=True).exists()
            agency = actions.do_create_agency({**spec, "is_home": is_home}, actor=actor)
        agencies[agency.code] = agency
        if actor.agency is None and agency.is_home:
            actor.agency = agency  # later demo records are audited under the home agency
    for code, units in UNITS.items():
        for name, name_en, kind in units:
            if not Unit.objects.filter(agency=agencies[code], name=name).exists():
                actions.do_create_unit(
                    {"agency": agencies[code], "name": name, "name_en": name_en, "kind": kind}, actor=actor
                )

    roles = {role.code: role for role in Role.objects.all()}
    accounts = [("admin", "VN-MPS", [NODE_ADMIN, SUPERVISOR], "Demo", "Administrator")]
    for spec in AGENCIES:
        code = spec["code"]
        accounts.append((f"officer.{code.lower()}", code, [DESK_OFFICER], "Demo", f"Officer {spec['short_name']}"))
    accounts.append(("supervisor.vn-mps", "VN-MPS", [SUPERVISOR], "Demo", "Supervisor MPS Vietnam"))
    created = []
    for username, code, role_codes, first, last in accounts:
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
