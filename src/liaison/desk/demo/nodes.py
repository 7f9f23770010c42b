"""The desk demo of a node run by another demo agency than the MPS of Vietnam (docs/decisions/0034): that
agency's own notices (not yet shared: sharing them with the MPS is the federation demo's exchange) and its own
requests to the MPS of Vietnam, with their timelines. The KNPA's are written here, in Korean, as the KNPA's
desk would; another agency's are generated from the MPS's demo (data.py): each request the MPS received from
it becomes that agency's outgoing request, with the same course. No record of another agency is written."""

from __future__ import annotations

from typing import Any

from liaison.core.choices import CrimeArea
from liaison.desk.choices import CaseEventKind, CaseStatus, NoticeOutcome
from liaison.desk.demo.data import CASES, HOME

# The KNPA's notices, as its desk summarises them (the offences are those of data.py, in Korean already).
KR_SUMMARIES = {
    "K1": "보이스피싱 콜센터를 운영하며 국내 피해자를 상대로 전화금융사기를 저지른 조직 총책. 베트남 호찌민시에 "
    "체류 중인 것으로 추정.",
    "K2": "해외 서버로 국내 이용자 대상 불법 스포츠 도박 사이트를 운영. 베트남 호찌민시 체류 추정.",
    "K3": "온라인으로 구매한 합성마약을 서울 지역 판매책에게 공급.",
    "K5": "존재하지 않는 부동산 개발 사업을 미끼로 투자자들의 돈을 편취.",
    "K6": "사기 사건의 참고인. 베트남 다낭 체류 추정. 소재 확인만 요청 — 접촉 전 경찰청에 통보할 것.",
}

# The KNPA's requests to the MPS of Vietnam. received: days ago; events: (to status, days ago, place, note[, what
# becomes of the notice when the request is withdrawn]).
KR_CASES: list[dict[str, Any]] = [
    {"person": "K1", "received": 12, "priority": 1, "crime_area": CrimeArea.TELECOM_FRAUD, "events": [],
     "summary": "베트남 공안부에 보이스피싱 조직 총책 박태윤의 소재 확인 및 검거를 요청함(호찌민시 체류 추정)."},
    {"person": "K2", "received": 150, "priority": 2, "crime_area": CrimeArea.INTERNET_CRIME,
     "events": [(CaseStatus.TRACING, 140, "베트남 호찌민시", "베트남 공안부가 출입국 기록을 확인 중."),
                (CaseStatus.LOCATED, 35, "베트남 호찌민시 7군",
                 "임대 아파트에서 소재 확인, 감시 중(베트남 공안부 통보).")],
     "note": (CaseEventKind.NOTE, "범죄인 인도 청구서를 법무부를 통해 송부할 예정."),
     "summary": "불법 스포츠 도박 사이트 운영자 이동규의 소재 확인 및 송환 요청."},
    {"person": "K5", "received": 700, "priority": 2, "crime_area": CrimeArea.ECONOMIC,
     "events": [(CaseStatus.TRACING, 690, "베트남 다낭", ""),
                (CaseStatus.LOCATED, 600, "베트남 다낭", "직장에서 소재 확인(베트남 공안부 통보)."),
                (CaseStatus.DETAINED, 599, "베트남 다낭", "비자 초과 체류로 구금."),
                (CaseStatus.DEPORTED, 560, "", "베트남 측 강제퇴거 결정."),
                (CaseStatus.HANDED_OVER, 559, "다낭 국제공항", "경찰청 호송팀이 신병을 인수함."),
                (CaseStatus.CLOSED, 540, "", "신병 인수 완료, 사건 종결.")],
     "summary": "투자사기 피의자 정우석 송환 요청 — 강제퇴거로 신병 인수."},
    {"person": "K3", "received": 250, "priority": 3, "crime_area": CrimeArea.DRUGS,
     "events": [(CaseStatus.TRACING, 240, "베트남 하노이", ""),
                (CaseStatus.WITHDRAWN, 90, "", "피의자가 서울경찰청에 자수하여 요청을 철회함.", NoticeOutcome.CANCEL)],
     "summary": "마약류 공급책 최서린의 소재 확인 요청 — 자수로 철회."},
]  # fmt: skip


def own_requests(home: str) -> list[dict[str, Any]]:
    """The home agency's requests to the MPS of Vietnam: the KNPA's above, or the mirror of the requests the
    MPS's demo received from `home` (an outgoing request starts accepted: the acceptance is not repeated)."""
    if home == "KR-KNPA":
        return KR_CASES
    mirrored = []
    for spec in CASES:
        if spec["partner"] != home or spec["person"] not in SUBJECTS_OF.get(home, ()):
            continue
        mirrored.append(
            {
                "person": spec["person"],
                "received": spec["received"],
                "priority": spec["priority"],
                "crime_area": spec["crime_area"],
                "events": [event for event in spec["events"] if event[0] != CaseStatus.ACCEPTED],
                "summary": f"Request to the MPS of Vietnam ({spec['ref']}). {spec['summary']}",
            }
        )
    return mirrored


def _subjects() -> dict[str, tuple[str, ...]]:
    from liaison.people.demo import PERSONS

    owners: dict[str, list[str]] = {}
    for key, spec in PERSONS.items():
        owners.setdefault(str(spec["owner"]), []).append(key)
    return {code: tuple(keys) for code, keys in owners.items()}


SUBJECTS_OF = _subjects()  # agency code → its demo persons (people/demo.py)
PARTNER = HOME  # the node demos' requests all go to the MPS of Vietnam
