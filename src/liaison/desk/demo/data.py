"""The demo's notices, fugitive cases and partner deadlines, as data (invented: every summary says so); load.py
writes them through the desk actions."""

from __future__ import annotations

from typing import Any

from liaison.core.choices import TLP, CrimeArea, HandlingCode
from liaison.desk.choices import CaseDirection, CaseEventKind, CaseStatus, LegalBasisKind, NoticeKind

FICTIONAL = "Fictional record (demonstration data). "
HOME = "VN-MPS"


def _offence(description: str, translation: str, area: str, law: str, penalty: str, country: str) -> dict[str, Any]:
    return {
        "description": description,
        "description_translation": translation,
        "crime_area": area,
        "law": law,
        "max_penalty": penalty,
        "country": country,
    }


# person key → the notice its agency issued. issued / legal_date: days before today. share: (agency, code, tlp, note)
NOTICES: dict[str, dict[str, Any]] = {
    "V1": {
        "reference": "DEMO-VN-TN-0112",
        "kind": NoticeKind.WANTED,
        "issued": 420,
        "legal": (LegalBasisKind.WARRANT, "Cơ quan Cảnh sát điều tra Công an thành phố Hải Phòng", 450, "112/QĐ-CSĐT"),
        "offences": [
            _offence(
                "Lừa đảo chiếm đoạt tài sản qua mạng viễn thông (dự án đầu tư tiền ảo giả mạo)",
                "Fraud through telecommunications networks (a fake crypto-currency investment scheme)",
                CrimeArea.TELECOM_FRAUD,
                "Bộ luật Hình sự 2015, Điều 174 khoản 4",
                "Tù chung thân (life imprisonment)",
                "VN",
            )
        ],
        "summary": "Suspected organiser of a fake investment scheme that took deposits from some 900 victims; "
        "left Vietnam for the Republic of Korea before the warrant was issued.",
        "share": [("KR-KNPA", HandlingCode.H1, TLP.AMBER, "")],
    },
    "V2": {
        "reference": "DEMO-VN-TN-0087",
        "kind": NoticeKind.WANTED,
        # Issued almost five years ago: its retention review falls due within six months.
        "issued_years_ago": 5,
        "issued_extra_days": 100,
        "legal": (LegalBasisKind.WARRANT, "Cơ quan Cảnh sát điều tra Công an tỉnh Nam Định", None, "87/QĐ-CSĐT"),
        "offences": [
            _offence(
                "Mua bán người",
                "Trafficking in persons (recruitment of workers sent abroad under false promises)",
                CrimeArea.HUMAN_TRAFFICKING,
                "Bộ luật Hình sự 2015, Điều 150 khoản 3",
                "20 năm tù (20 years' imprisonment)",
                "VN",
            )
        ],
        "summary": "Recruited young women for jobs abroad that did not exist; believed to live in the Moscow region.",
        "share": [("RU-MVD", HandlingCode.H2, TLP.AMBER, "")],
    },
    "V3": {
        "reference": "DEMO-VN-TN-0045",
        "kind": NoticeKind.WANTED,
        "issued": 270,
        "legal": (LegalBasisKind.WARRANT, "Cơ quan Cảnh sát điều tra Công an tỉnh Lạng Sơn", 280, "45/QĐ-CSĐT"),
        "offences": [
            _offence(
                "Mua bán trái phép chất ma túy",
                "Illegal trading in narcotics (methamphetamine, cross-border)",
                CrimeArea.DRUGS,
                "Bộ luật Hình sự 2015, Điều 251 khoản 4",
                "Tử hình (death penalty)",
                "VN",
            )
        ],
        "summary": "Moved methamphetamine across the northern border; crossed into China after the arrest of two "
        "couriers.",
        "share": [("CN-MPS", HandlingCode.H1, TLP.AMBER, "")],
    },
    "V4": {
        "reference": "DEMO-VN-TN-0019",
        "kind": NoticeKind.WANTED,
        "issued": 520,  # cancelled by the handover of his case
        "legal": (LegalBasisKind.WARRANT, "Cơ quan Cảnh sát điều tra Bộ Công an", 530, "19/QĐ-C01"),
        "offences": [
            _offence(
                "Rửa tiền",
                "Money laundering (proceeds of illegal online gambling)",
                CrimeArea.MONEY_LAUNDERING,
                "Bộ luật Hình sự 2015, Điều 324 khoản 3",
                "15 năm tù (15 years' imprisonment)",
                "VN",
            )
        ],
        "summary": "Laundered the proceeds of an online gambling ring through shell companies.",
        "share": [("KR-KNPA", HandlingCode.H0, TLP.GREEN, "")],
    },
    "V5": {
        "reference": "DEMO-VN-MP-0007",
        "kind": NoticeKind.MISSING,
        "issued": 60,
        "legal": (LegalBasisKind.NONE, "", None, ""),
        "offences": [],
        "summary": "Left Nghệ An to work in the Republic of Korea; no contact with her family for five months.",
        "share": [("KR-KNPA", HandlingCode.H0, TLP.GREEN, "")],
    },
    "K1": {
        "reference": "DEMO-KR-2024-0311",
        "kind": NoticeKind.WANTED,
        "issued": 300,
        "legal": (LegalBasisKind.WARRANT, "서울중앙지방법원 (Seoul Central District Court)", 310, "2024-체포-0311"),
        "offences": [
            _offence(
                "전기통신금융사기 (보이스피싱) 조직 총책",
                "Leader of a voice-phishing (telecom financial fraud) ring",
                CrimeArea.TELECOM_FRAUD,
                "형법 제347조; 전기통신금융사기 피해 방지 및 피해금 환급에 관한 특별법 제15조의2",
                "징역 10년 (10 years' imprisonment)",
                "KR",
            )
        ],
        "summary": "Ran a call centre that defrauded Korean victims by telephone; believed to work from Vietnam.",
        "share": [(HOME, HandlingCode.H1, TLP.AMBER, "")],
    },
    "K2": {
        "reference": "DEMO-KR-2023-0958",
        "kind": NoticeKind.WANTED,
        "issued": 500,
        "legal": (LegalBasisKind.WARRANT, "인천지방법원 (Incheon District Court)", 520, "2023-체포-0958"),
        "offences": [
            _offence(
                "국민체육진흥법 위반 (불법 스포츠 도박 사이트 운영)",
                "Running illegal online sports-betting sites",
                CrimeArea.INTERNET_CRIME,
                "국민체육진흥법 제47조",
                "징역 7년 (7 years' imprisonment)",
                "KR",
            )
        ],
        "summary": "Operated betting sites for Korean customers from servers abroad.",
        "share": [(HOME, HandlingCode.H2, TLP.AMBER, "")],
    },
    "K3": {
        "reference": "DEMO-KR-2024-0144",
        "kind": NoticeKind.WANTED,
        "issued": 260,
        "legal": (LegalBasisKind.WARRANT, "서울중앙지방법원 (Seoul Central District Court)", 265, "2024-체포-0144"),
        "offences": [
            _offence(
                "마약류관리에관한법률위반 (향정)",
                "Trafficking in psychotropic substances",
                CrimeArea.DRUGS,
                "마약류 관리에 관한 법률 제58조",
                "무기징역 (life imprisonment)",
                "KR",
            )
        ],
        "summary": "Supplied synthetic drugs bought online to dealers in Seoul.",
        "share": [(HOME, HandlingCode.H0, TLP.AMBER, "")],
    },
    "K5": {
        "reference": "DEMO-KR-2022-0402",
        "kind": NoticeKind.WANTED,
        "issued": 720,
        "legal": (LegalBasisKind.WARRANT, "대구지방법원 (Daegu District Court)", 730, "2022-체포-0402"),
        "offences": [
            _offence(
                "특정경제범죄가중처벌등에관한법률위반 (사기)",
                "Aggravated fraud (investment fraud of more than 5 billion won)",
                CrimeArea.ECONOMIC,
                "특정경제범죄 가중처벌 등에 관한 법률 제3조",
                "무기징역 (life imprisonment)",
                "KR",
            )
        ],
        "summary": "Took investors' money for property projects that did not exist.",
        "share": [(HOME, HandlingCode.H0, TLP.GREEN, "")],
    },
    "K6": {
        "reference": "DEMO-KR-2025-0017",
        "kind": NoticeKind.LOCATE,
        "issued": 45,
        "legal": (LegalBasisKind.NONE, "", None, ""),
        "offences": [],
        "summary": "Witness to a fraud investigation; believed to stay in Đà Nẵng. Locate only: do not approach.",
        "share": [
            (
                HOME,
                HandlingCode.H3,
                TLP.AMBER_STRICT,
                "Locate only; not to be used in judicial proceedings nor passed on; tell the KNPA before any contact.",
            )
        ],
    },
    "C1": {
        "reference": "DEMO-CN-2023-0118",
        "kind": NoticeKind.WANTED,
        "issued": 380,
        "legal": (LegalBasisKind.WARRANT, "广东省汕头市公安局 (Shantou Public Security Bureau)", 390,
                  "汕公(刑)捕字〔2023〕118号"),
        "offences": [
            _offence(
                "诈骗罪 (电信网络诈骗)",
                "Fraud (telecom network fraud)",
                CrimeArea.TELECOM_FRAUD,
                "《中华人民共和国刑法》第二百六十六条",
                "无期徒刑 (life imprisonment)",
                "CN",
            )
        ],
        "summary": "Organised a telecom fraud group operating across the border.",
        "share": [(HOME, HandlingCode.H1, TLP.AMBER, "")],
    },
    "C2": {
        "reference": "DEMO-CN-2025-0032",
        "kind": NoticeKind.WANTED,
        "issued": 20,
        "legal": (LegalBasisKind.WARRANT, "上海市公安局 (Shanghai Public Security Bureau)", 25,
                  "沪公(经)捕字〔2025〕32号"),
        "offences": [
            _offence(
                "洗钱罪",
                "Money laundering",
                CrimeArea.MONEY_LAUNDERING,
                "《中华人民共和国刑法》第一百九十一条",
                "十年有期徒刑 (10 years' imprisonment)",
                "CN",
            )
        ],
        "summary": "Moved funds of an illegal fund-raising scheme abroad through underground banks.",
        "share": [(HOME, HandlingCode.H2, TLP.AMBER, "")],
    },
    "C3": {
        "reference": "DEMO-CN-2024-0007",
        "kind": NoticeKind.WANTED,
        "issued": 420,
        "legal": (LegalBasisKind.WARRANT, "福建省福州市公安局 (Fuzhou Public Security Bureau)", 425,
                  "榕公(禁毒)捕字〔2024〕7号"),
        "offences": [
            _offence(
                "走私、贩卖、运输、制造毒品罪",
                "Smuggling, trafficking, transporting and manufacturing drugs",
                CrimeArea.DRUGS,
                "《中华人民共和国刑法》第三百四十七条",
                "死刑 (death penalty)",
                "CN",
            )
        ],
        "summary": "Financed methamphetamine shipments through Vietnam.",
        "share": [(HOME, HandlingCode.H1, TLP.AMBER, "")],
    },
    "R1": {
        "reference": "DEMO-RU-2024-0412",
        "kind": NoticeKind.WANTED,
        "issued": 250,
        "legal": (LegalBasisKind.DECISION, "Тверской районный суд г. Москвы (Tverskoy District Court, Moscow)", 255,
                  "3/1-412/2024"),
        "offences": [
            _offence(
                "Мошенничество в особо крупном размере",
                "Fraud on an especially large scale",
                CrimeArea.ECONOMIC,
                "ч. 4 ст. 159 УК РФ",
                "10 лет лишения свободы (10 years' imprisonment)",
                "RU",
            )
        ],
        "summary": "Sold apartments in a building that was never built; believed to stay in Khánh Hòa.",
        "share": [(HOME, HandlingCode.H1, TLP.AMBER, "")],
    },
    "R2": {
        "reference": "DEMO-RU-2023-0977",
        "kind": NoticeKind.WANTED,
        "issued": 600,
        "valid_days": 900,
        "legal": (LegalBasisKind.DECISION, "Центральный районный суд г. Новосибирска (Central District Court, "
                  "Novosibirsk)", 610, "3/2-977/2023"),
        "offences": [
            _offence(
                "Присвоение или растрата в особо крупном размере",
                "Embezzlement on an especially large scale",
                CrimeArea.ECONOMIC,
                "ч. 4 ст. 160 УК РФ",
                "10 лет лишения свободы (10 years' imprisonment)",
                "RU",
            )
        ],
        "summary": "Embezzled company funds as chief accountant.",
        "share": [(HOME, HandlingCode.H2, TLP.AMBER, "")],
    },
    "R3": {
        "reference": "DEMO-RU-2025-0051",
        "kind": NoticeKind.WARNING,
        "issued": 90,
        "legal": (LegalBasisKind.NONE, "", None, ""),
        "offences": [],
        "summary": "Known developer of banking malware; travels on two passports and often changes the "
        "transliteration of his name.",
        "share": [(HOME, HandlingCode.H0, TLP.GREEN, "")],
    },
}  # fmt: skip

# Fugitive cases of the MPS of Vietnam. received: days ago; events: (to status, days ago, place, note).
CASES: list[dict[str, Any]] = [
    {"person": "K1", "partner": "KR-KNPA", "direction": CaseDirection.INCOMING, "received": 12, "priority": 1,
     "ref": "KNPA-DEMO-2025-031", "crime_area": CrimeArea.TELECOM_FRAUD, "events": [],
     "summary": "KNPA asks the desk to trace and arrest the leader of a voice-phishing ring (not yet acknowledged)."},
    {"person": "C2", "partner": "CN-MPS", "direction": CaseDirection.INCOMING, "received": 2, "priority": 2,
     "ref": "CN-DEMO-2025-0032", "crime_area": CrimeArea.MONEY_LAUNDERING, "events": [],
     "summary": "The MPS of China asks for the person to be traced; new request."},
    {"person": "R1", "partner": "RU-MVD", "direction": CaseDirection.INCOMING, "received": 80, "priority": 2,
     "ref": "MVD-DEMO-2024-5512", "crime_area": CrimeArea.ECONOMIC,
     "events": [(CaseStatus.ACCEPTED, 78, "", "Request complete; accepted."),
                (CaseStatus.TRACING, 70, "Nha Trang, Khánh Hòa", "Khánh Hòa provincial police asked to trace him.")],
     "note": (CaseEventKind.PROGRESS_REPORT, "Progress report sent to the MVD: addresses in Nha Trang checked, "
              "tracing goes on."),
     "summary": "The MVD asks for the arrest of a fraud suspect believed to live in Khánh Hòa."},
    {"person": "K2", "partner": "KR-KNPA", "direction": CaseDirection.INCOMING, "received": 150, "priority": 2,
     "ref": "KNPA-DEMO-2024-118", "crime_area": CrimeArea.INTERNET_CRIME,
     "events": [(CaseStatus.ACCEPTED, 147, "", "Accepted."),
                (CaseStatus.TRACING, 140, "TP. Hồ Chí Minh", "Immigration records checked."),
                (CaseStatus.LOCATED, 35, "Quận 7, TP. Hồ Chí Minh", "Seen at a rented apartment; under watch.")],
     "note": (CaseEventKind.PROGRESS_REPORT, "Progress report sent to the KNPA: the person is located; arrest "
              "awaits the extradition request."),
     "summary": "KNPA request about the operator of illegal betting sites."},
    {"person": "C1", "partner": "CN-MPS", "direction": CaseDirection.INCOMING, "received": 200, "priority": 1,
     "ref": "CN-DEMO-2023-0118", "crime_area": CrimeArea.TELECOM_FRAUD,
     "events": [(CaseStatus.ACCEPTED, 198, "", "Accepted."),
                (CaseStatus.TRACING, 190, "Quảng Ninh", ""),
                (CaseStatus.LOCATED, 60, "Móng Cái, Quảng Ninh", "Found through a hotel registration."),
                (CaseStatus.DETAINED, 58, "Móng Cái, Quảng Ninh", "Arrested by Quảng Ninh provincial police.")],
     "note": (CaseEventKind.PROGRESS_REPORT, "Progress report sent to the MPS of China: detained; the extradition "
              "file is before the court."),
     "summary": "The MPS of China asks for the arrest of a telecom fraud organiser."},
    {"person": "C3", "partner": "CN-MPS", "direction": CaseDirection.INCOMING, "received": 400, "priority": 1,
     "ref": "CN-DEMO-2024-0007", "crime_area": CrimeArea.DRUGS,
     "events": [(CaseStatus.ACCEPTED, 395, "", "Accepted."),
                (CaseStatus.LOCATED, 380, "Lào Cai", "Identified at the border gate."),
                (CaseStatus.DETAINED, 379, "Lào Cai", "Detained pending extradition."),
                (CaseStatus.EXTRADITED, 20, "Cửa khẩu quốc tế Lào Cai", "Extradition granted and carried out.")],
     "summary": "Extradition of a drug financier to China."},
    {"person": "V4", "partner": "KR-KNPA", "direction": CaseDirection.OUTGOING, "received": 500, "priority": 1,
     "ref": "KNPA-DEMO-2023-072",  "crime_area": CrimeArea.MONEY_LAUNDERING,
     "events": [(CaseStatus.TRACING, 480, "Gyeonggi-do", "KNPA tracing."),
                (CaseStatus.LOCATED, 300, "Ansan, Gyeonggi-do", "Located by the KNPA."),
                (CaseStatus.DETAINED, 298, "Ansan, Gyeonggi-do", "Arrested on the provisional arrest request."),
                (CaseStatus.EXTRADITED, 120, "", "Extradition approved by the Seoul High Court."),
                (CaseStatus.HANDED_OVER, 118, "Sân bay quốc tế Nội Bài", "Handed over to the MPS escort.")],
     "summary": "Our request to the KNPA: arrest and extradition of a money launderer."},
    {"person": "K5", "partner": "KR-KNPA", "direction": CaseDirection.INCOMING, "received": 700, "priority": 2,
     "ref": "KNPA-DEMO-2022-201", "crime_area": CrimeArea.ECONOMIC,
     "events": [(CaseStatus.ACCEPTED, 695, "", "Accepted."),
                (CaseStatus.TRACING, 690, "Đà Nẵng", ""),
                (CaseStatus.LOCATED, 600, "Đà Nẵng", "Located at his workplace."),
                (CaseStatus.DETAINED, 599, "Đà Nẵng", "Detained for overstaying his visa."),
                (CaseStatus.DEPORTED, 560, "", "Deportation decided."),
                (CaseStatus.HANDED_OVER, 559, "Sân bay quốc tế Đà Nẵng", "Handed over to KNPA officers."),
                (CaseStatus.CLOSED, 540, "", "Closed after the KNPA confirmed receipt.")],
     "partner_settles": "The person was handed over to the KNPA by the MPS of Vietnam (request %s).",
     "summary": "KNPA request about an investment fraud suspect; deported and handed over."},
    {"person": "K3", "partner": "KR-KNPA", "direction": CaseDirection.INCOMING, "received": 250, "priority": 3,
     "ref": "KNPA-DEMO-2024-044", "crime_area": CrimeArea.DRUGS,
     "events": [(CaseStatus.ACCEPTED, 245, "", "Accepted."),
                (CaseStatus.TRACING, 240, "Hà Nội", ""),
                (CaseStatus.WITHDRAWN, 90, "", "The KNPA withdrew the request: she surrendered to the Seoul police."),
               ],
     "partner_settles": "She surrendered to the Seoul police; request %s withdrawn.",
     "summary": "KNPA request about a drug supplier; withdrawn."},
    {"person": "V2", "partner": "RU-MVD", "direction": CaseDirection.OUTGOING, "received": 300, "priority": 2,
     "ref": "MVD-DEMO-2024-3090", "crime_area": CrimeArea.HUMAN_TRAFFICKING,
     "events": [(CaseStatus.TRACING, 280, "Moscow region", "The MVD is tracing her.")],
     "summary": "Our request to the MVD: trace and arrest a trafficking suspect."},
    {"person": "V3", "partner": "CN-MPS", "direction": CaseDirection.OUTGOING, "received": 260, "priority": 1,
     "ref": "CN-DEMO-2024-0451", "crime_area": CrimeArea.DRUGS,
     "events": [(CaseStatus.TRACING, 250, "Guangxi", ""),
                (CaseStatus.LOCATED, 100, "Nanning, Guangxi", "Located by the MPS of China."),
                (CaseStatus.DETAINED, 99, "Nanning, Guangxi", "Detained; transfer being arranged.")],
     "summary": "Our request to the MPS of China about a drug trafficker who crossed the border."},
    {"person": "V1", "partner": "KR-KNPA", "direction": CaseDirection.OUTGOING, "received": 30, "priority": 2,
     "ref": "KNPA-DEMO-2025-009", "crime_area": CrimeArea.TELECOM_FRAUD, "events": [],
     "summary": "Our request to the KNPA: trace the organiser of a fake investment scheme."},
]  # fmt: skip

DEADLINES = [("KR-KNPA", 5, 30), ("RU-MVD", 10, 45)]
