"""Fictional demo threads of the information exchange (loaded by `liaison demo`): the MPS Vietnam with the KNPA,
the MVD Russia, the MPS China and APICC, each message in its writer's language with a translation. Every name,
number and event is invented. Safe to run again: a thread already there (by its first subject) is kept."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from liaison.agencies.models import Agency
from liaison.exchange import actions
from liaison.exchange.models import Message
from liaison.people.demo import AGENCY_CODES, demo_officers

THREADS: list[dict[str, Any]] = [
    {
        "from": "VN-MPS", "to": ["KR-KNPA"], "kind": "request", "language": "vi", "handling_code": "H2",
        "tlp": "AMBER", "evaluation": ("B", "2"), "priority": "urgent", "reply_days": 10,
        "crime_areas": ["telecom_fraud"],
        "subject": "Đề nghị xác minh số điện thoại liên quan đường dây lừa đảo (hư cấu)",
        "body": "Đề nghị Cơ quan Cảnh sát Quốc gia Hàn Quốc xác minh chủ thuê bao số +82 10 0000 0000, "
                "nghi liên quan đến đường dây lừa đảo qua điện thoại nhằm vào công dân Việt Nam (hư cấu).",
        "translation": ("ko", "보이스피싱 조직 관련 전화번호 확인 요청 (가상)",
                        "한국 경찰청에 베트남 국민을 대상으로 한 보이스피싱 조직과 관련된 것으로 의심되는 "
                        "+82 10 0000 0000 번호의 가입자 확인을 요청합니다."),
        "reply": {"language": "ko", "body": "해당 번호는 선불 유심으로 2026년 10월 서울에서 개통되었습니다 (가상).",
                  "translation": ("vi", "", "Số này là SIM trả trước, kích hoạt tại Seoul tháng 10/2026 (hư cấu).")},
    },
    {
        "from": "VN-MPS", "to": ["RU-MVD"], "kind": "early_warning", "language": "vi", "handling_code": "H1",
        "tlp": "GREEN", "evaluation": ("C", "3"), "priority": "normal", "crime_areas": ["cybercrime"],
        "subject": "Cảnh báo sớm: thủ đoạn mới chiếm đoạt tài khoản ví điện tử (hư cấu)",
        "body": "Phát hiện thủ đoạn giả mạo nhân viên ngân hàng để chiếm đoạt tài khoản ví điện tử "
                "của du khách (hư cấu).",
        "translation": ("ru", "Раннее предупреждение: новый способ хищения электронных кошельков (вымышлено)",
                        "Выявлен способ, при котором злоумышленники выдают себя за сотрудников банка, чтобы "
                        "завладеть электронными кошельками туристов."),
    },
    {
        "from": "CN-MPS", "to": ["VN-MPS"], "kind": "information", "language": "zh-hans", "handling_code": "H0",
        "tlp": "AMBER", "evaluation": ("B", "3"), "priority": "routine", "crime_areas": ["drugs"],
        "subject": "边境地区毒品运输路线信息（虚构）",
        "body": "据掌握，一个犯罪团伙利用货车在边境口岸运输冰毒（虚构信息）。",
        "translation": ("vi", "Thông tin về tuyến vận chuyển ma túy khu vực biên giới (hư cấu)",
                        "Theo thông tin nắm được, một nhóm tội phạm dùng xe tải vận chuyển ma túy đá qua cửa khẩu."),
        "reply": {"language": "vi", "body": "Cảm ơn, thông tin đã được chuyển cho đơn vị nghiệp vụ (hư cấu).",
                  "translation": ("zh-hans", "", "谢谢，信息已转交业务部门（虚构）。")},
    },
    {
        "from": "VN-MPS", "to": ["APICC", "KR-KNPA"], "kind": "operational_report", "language": "en",
        "handling_code": "H3", "handling_note": "Statistics only; no names outside the recipients.",
        "tlp": "AMBER+STRICT", "evaluation": ("A", "1"), "priority": "normal", "crime_areas": ["drugs"],
        "subject": "Operational report: joint operation Mekong Dawn (fictional)",
        "body": "The joint operation seized 12 kg of methamphetamine and dismantled two storage sites (fictional).",
        "translation": ("vi", "Báo cáo nghiệp vụ: chuyên án chung Bình minh Mê Kông (hư cấu)",
                        "Chuyên án chung thu giữ 12 kg ma túy đá và triệt phá hai điểm cất giấu (hư cấu)."),
    },
]  # fmt: skip


def _send(spec: dict[str, Any], officer: Any, agencies: dict[str, Agency], today: datetime.date) -> Message:
    reliability, accuracy = spec["evaluation"]
    data = {
        "kind": spec["kind"], "subject": spec["subject"], "body": spec["body"], "language": spec["language"],
        "crime_areas": spec["crime_areas"], "handling_code": spec["handling_code"],
        "handling_note": spec.get("handling_note", ""), "tlp": spec["tlp"], "source_reliability": reliability,
        "information_accuracy": accuracy, "priority": spec["priority"],
        "reply_by": today + datetime.timedelta(days=spec["reply_days"]) if spec.get("reply_days") else None,
    }  # fmt: skip
    message = actions.do_create_message(data, recipients=[agencies[c] for c in spec["to"]], actor=officer)
    language, subject, body = spec["translation"]
    actions.do_add_translation(
        message, {"language": language, "subject": subject, "body": body, "translator": f"{officer.username} (demo)"},
        actor=officer,
    )  # fmt: skip
    return actions.do_submit_message(message, actor=officer)


def load(actor: Any, write: Any) -> None:
    officers = demo_officers()
    agencies = {a.code: a for a in Agency.objects.filter(code__in=(*AGENCY_CODES, "APICC"))}
    if officers is None or "APICC" not in agencies:
        write("Exchange demo data skipped: the demo agencies and officers (agencies/demo.py) are missing.")
        return
    today = timezone.localdate()
    added = 0
    for spec in THREADS:
        if Message.objects.filter(subject=spec["subject"]).exists():
            continue
        message = _send(spec, officers[spec["from"]], agencies, today)
        for code in spec["to"]:
            reader = officers.get(code)
            if reader is None:
                continue  # APICC has no demo officer
            actions.record_read(message, actor=reader)
            actions.do_acknowledge_message(message, actor=reader)
            if spec.get("reply") and code == spec["to"][0]:
                reply = spec["reply"]
                answer = actions.do_reply_message(message, {"body": reply["body"], "language": reply["language"]},
                                                  actor=reader)  # fmt: skip
                language, subject, body = reply["translation"]
                translated = {"language": language, "subject": subject, "body": body}
                translated["translator"] = f"{reader.username} (demo)"
                actions.do_add_translation(answer, translated, actor=reader)
                actions.do_submit_message(answer, actor=reader)
        added += 1
    write(f"Exchange demo threads (fictional): {added} added, with translations, receipts and replies.")
