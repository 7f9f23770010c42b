"""Fictional demo data of the citizens-abroad domain (`liaison demo`): Vietnamese nationals arrested, imprisoned or
victimised in Korea, Russia and China, and Korean, Russian and Chinese nationals held in Vietnam — names, places
and facilities in their languages —, the facilities they are held in, one notification rule marked fictional, and
a protection incident. Every record says it is fictional; everything is written through the domain's actions by
the Vietnamese demo officer; a record already loaded is left as it is."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from liaison.agencies.models import Agency
from liaison.agencies.system import SystemActor
from liaison.consular import actions
from liaison.consular.models import ConsularCase, Facility, NotificationRule, ProtectionIncident
from liaison.people.actions import do_create_person
from liaison.people.demo import AGENCY_CODES, FICTIONAL_NOTE, demo_officers
from liaison.people.models import Person

FICTIONAL = "Fictional record (demonstration data). "
HOME = "VN-MPS"

FACILITIES: dict[str, dict[str, Any]] = {
    "KR-SEOUL": {"name": "서울구치소", "name_en": "Seoul Detention Centre (fictional entry)",
                 "kind": "detention_centre", "country": "KR", "city": "의왕시",
                 "address": "경기도 의왕시 (demo address)", "phone": "+82 31 000 0000"},
    "RU-SIZO": {"name": "СИЗО-1 (учебная запись)", "name_en": "Pre-trial detention centre No. 1 (fictional entry)",
                "kind": "detention_centre", "country": "RU", "city": "Москва", "address": "Москва (demo address)"},
    "CN-PRISON": {"name": "广西某监狱（演示）", "name_en": "A prison in Guangxi (fictional entry)", "kind": "prison",
                  "country": "CN", "city": "南宁", "address": "广西壮族自治区 (demo address)"},
    "VN-T16": {"name": "Trại tạm giam Hà Nội (bản ghi mẫu)", "name_en": "Hanoi detention centre (fictional entry)",
               "kind": "detention_centre", "country": "VN", "city": "Hà Nội", "address": "Hà Nội (demo address)"},
}  # fmt: skip

# person: (full name, script, language, birth date, nationality); days: before today
CASES: list[dict[str, Any]] = [
    {"key": "Phạm Thị Lan", "script": "Latn", "lang": "vi", "born": "1994-05-12", "nat": "VN", "partner": "KR-KNPA",
     "direction": "abroad", "situation": "pre_trial", "facility": "KR-SEOUL", "place": "서울특별시",
     "authority": "서울중앙지방검찰청", "charges": "보이스피싱 현금 수거책 (전기통신금융사기)", "area": "telecom_fraud",
     "days": 30, "notified": 27, "visit": None, "family": "Mẹ: bà Phạm Thị Hoa, Nam Định, 0912 000 000"},
    {"key": "Trần Văn Đức", "script": "Latn", "lang": "vi", "born": "1988-11-02", "nat": "VN", "partner": "RU-MVD",
     "direction": "abroad", "situation": "imprisoned", "facility": "RU-SIZO", "place": "Москва",
     "authority": "ГУ МВД России по г. Москве", "charges": "Незаконный оборот наркотиков (ст. 228 УК РФ)",
     "area": "drugs", "days": 700, "notified": 690, "visit": 120, "family": "Vợ: chị Lê Thị Mai, Hải Phòng",
     "judgment": {"court": "Мещанский районный суд г. Москвы", "judgment_days": 400, "final": True,
                  "sentence_days": 1460, "start_days": 700}},
    {"key": "Nguyễn Thị Hương", "script": "Latn", "lang": "vi", "born": "2001-02-20", "nat": "VN", "partner": "CN-MPS",
     "direction": "abroad", "situation": "victim", "victim_of": "trafficking", "place": "广西壮族自治区",
     "authority": "广西壮族自治区公安厅", "charges": "被拐卖（婚姻诈骗）", "area": "human_trafficking",
     "days": 12, "notified": 10, "visit": None, "family": "Anh trai: Nguyễn Văn Nam, Lào Cai"},
    {"key": "Lê Quang Vinh", "script": "Latn", "lang": "vi", "born": "1979-07-30", "nat": "VN", "partner": "CN-MPS",
     "direction": "abroad", "situation": "imprisoned", "facility": "CN-PRISON", "place": "南宁",
     "authority": "南宁市中级人民法院", "charges": "走私罪", "area": "economic", "days": 1500, "notified": 1490,
     "visit": 200, "family": "Con gái: Lê Thị Thu, Quảng Ninh",
     "judgment": {"court": "南宁市中级人民法院", "judgment_days": 1200, "final": True, "sentence_days": 1800,
                  "start_days": 1500}},
    {"key": "박지훈", "script": "Hang", "lang": "ko", "born": "1985-09-09", "nat": "KR", "partner": "KR-KNPA",
     "direction": "held_here", "situation": "arrested", "facility": "VN-T16", "place": "Hà Nội",
     "authority": "Công an thành phố Hà Nội", "charges": "Tổ chức đánh bạc qua mạng", "area": "internet_crime",
     "days": 5, "notified": None, "visit": None, "family": "아내: 김수진, 서울"},
    {"key": "Иванов Сергей Петрович", "script": "Cyrl", "lang": "ru", "born": "1975-03-15", "nat": "RU",
     "partner": "RU-MVD", "direction": "held_here", "situation": "pre_trial", "facility": "VN-T16",
     "place": "Nha Trang", "authority": "Công an tỉnh Khánh Hòa", "charges": "Trộm cắp tài sản", "area": "",
     "days": 20, "notified": 18, "visit": None, "family": "Жена: Иванова Ольга, Новосибирск"},
    {"key": "王伟", "script": "Hans", "lang": "zh", "born": "1990-12-01", "nat": "CN", "partner": "CN-MPS",
     "direction": "held_here", "situation": "arrested", "facility": "VN-T16", "place": "Móng Cái",
     "authority": "Công an tỉnh Quảng Ninh", "charges": "Vận chuyển hàng cấm qua biên giới", "area": "drugs",
     "days": 2, "notified": None, "visit": None, "family": "母亲：李秀英，南宁"},
]  # fmt: skip


def _person(spec: dict[str, Any], officer: Any) -> Person:
    found = Person.objects.current().filter(owner=officer.agency, fictional=True, display_name=spec["key"]).first()
    if found is not None:
        return found
    name = {"full_name": spec["key"], "script": spec["script"], "language": spec["lang"], "kind": "native",
            "is_primary": True, "source": "Liaison demo data (fictional)"}  # fmt: skip
    return do_create_person(
        {"birth_date": spec["born"], "nationalities": [spec["nat"]], "fictional": True, "notes": FICTIONAL_NOTE},
        names=[name],
        documents=[],
        actor=officer,
    )


def _case(spec: dict[str, Any], officer: Any, agencies: dict[str, Agency], facilities: dict[str, Facility]) -> bool:
    today = timezone.localdate()
    person = _person(spec, officer)
    if ConsularCase.objects.filter(owner=officer.agency, person=person).exists():
        return False

    def ago(days: int) -> datetime.date:
        return today - datetime.timedelta(days=days)

    case = actions.do_create_case(
        {
            "person": person,
            "direction": spec["direction"],
            "partner": agencies[spec["partner"]],
            "situation": spec["situation"],
            "victim_of": spec.get("victim_of", ""),
            "place": spec["place"],
            "facility": facilities.get(spec.get("facility", "")),
            "authority": spec["authority"],
            "occurred_on": ago(spec["days"]),
            "charges": spec["charges"],
            "crime_area": spec["area"],
            "family_contact": spec["family"],
            "consent_notify": "requested",
            "consent_share": True,
            "transfer_consent": "given" if "judgment" in spec else "unknown",
            "summary": FICTIONAL,
        },
        actor=officer,
    )
    if spec["notified"] is not None:
        actions.do_record_notification(case, on=ago(spec["notified"]), actor=officer)
    if spec["visit"] is not None:
        moment = timezone.now() - datetime.timedelta(days=spec["visit"])
        actions.do_record_event(
            case,
            {
                "kind": "visit",
                "occurred_at": moment,
                "visitors": "Demo consul (fictional)",
                "condition": "Stable",
                "needs": "Books in Vietnamese",
            },
            actor=officer,
        )
    judgment = spec.get("judgment")
    if judgment:
        actions.do_set_imprisonment(
            case,
            {
                "court": judgment["court"],
                "judgment_date": ago(judgment["judgment_days"]),
                "judgment_final": judgment["final"],
                "offence": spec["charges"],
                "sentence_days": judgment["sentence_days"],
                "sentence_start": ago(judgment["start_days"]),
            },
            actor=officer,
        )
    return True


def load(actor: Any, write: Any) -> None:
    officers = demo_officers()
    agencies = {a.code: a for a in Agency.objects.filter(code__in=AGENCY_CODES)}
    if officers is None or len(agencies) < len(AGENCY_CODES):
        write("Consular demo data skipped: the demo agencies and officers (agencies/demo.py) are missing.")
        return
    officer = officers[HOME]
    facilities = {}
    for key, spec in FACILITIES.items():
        found = Facility.objects.filter(owner=officer.agency, name=spec["name"]).first()
        facilities[key] = found or actions.do_create_facility(spec | {"visiting_rules": FICTIONAL}, actor=officer)
    if not NotificationRule.objects.filter(owner=officer.agency, partner=agencies["CN-MPS"]).exists():
        actions.do_create_notification_rule(
            {
                "partner": agencies["CN-MPS"],
                "basis": "mandatory",
                "notify_within_days": 4,
                "first_visit_within_days": 10,
                "visit_every_days": 60,
                "source": "Fictional demo rule — not the terms of any real agreement",
            },
            actor=SystemActor(name="system:demo", agency=officer.agency),  # a supervisor's setting
        )
    added = sum(_case(spec, officer, agencies, facilities) for spec in CASES)
    if not ProtectionIncident.objects.filter(owner=officer.agency).exists():
        actions.do_create_incident(
            {
                "title": "Lừa đảo tuyển dụng lao động sang Hàn Quốc (bản ghi mẫu)",
                "kind": "fraud_ring",
                "direction": "abroad",
                "country": "KR",
                "place": "경기도 안산시",
                "occurred_on": timezone.localdate() - datetime.timedelta(days=45),
                "affected": "workers",
                "victims_count": 14,
                "description": FICTIONAL + "Workers recruited with false contracts.",
            },
            actor=officer,
        )
    write(f"Consular demo records (fictional): {added} cases added.")
