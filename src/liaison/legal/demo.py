"""Demo treaty terms and fictional legal requests with Korea, Russia and China, in various states, linked to the
demo fugitive cases (loaded by `liaison demo`, as the home agency, through the actions).

The treaties named are real instruments of the public record (the source is given on each); the terms recorded
for them here are marked fictional where they were not checked against the treaty's text: read the text before
relying on them. Every request is fictional.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.files.base import ContentFile
from django.utils import timezone

from liaison.agencies.models import Agency
from liaison.cooperation import actions as cooperation_actions
from liaison.desk.queries import visible_case_ids
from liaison.legal import actions
from liaison.legal.choices import RefusalGround as G
from liaison.legal.choices import RequestKind as K
from liaison.legal.choices import TreatyBasis
from liaison.legal.models import LegalRequest, TreatyTerms
from liaison.people.demo import find_person

HOME = "VN-MPS"
FICTIONAL = "Fictional record (demonstration data). "
UNCHECKED = "Time limits and grounds are illustrative (fictional): check them against the treaty's text."
ALL = [K.EXTRADITION, K.MLA, K.VERIFICATION, K.TRANSFER]

TREATIES: list[dict[str, Any]] = [
    {
        "partner": "KR-KNPA", "basis": TreatyBasis.BILATERAL,
        "title": "Treaty on extradition between Viet Nam and the Republic of Korea (2003)",
        "agreement": {"kind": "treaty", "title_en": "Treaty on extradition between Viet Nam and the Republic of Korea",
                      "signed_date": datetime.date(2003, 9, 15), "signed_place": "Seoul"},
        "source": "Signed in Seoul on 15 September 2003 (public record; Viet Nam treaty database).",
        "kinds": [K.EXTRADITION], "languages": ["vi", "ko", "en"], "formal_request_days": 60,
        "acknowledge_days": 14, "answer_days": 120,
        "refusal_grounds": [G.OWN_NATIONALS, G.POLITICAL, G.MILITARY, G.DEATH_PENALTY, G.DUAL_CRIMINALITY,
                            G.NE_BIS_IN_IDEM, G.LAPSE_OF_TIME, G.DISCRIMINATION],
        "mandatory_grounds": [G.POLITICAL, G.MILITARY, G.DUAL_CRIMINALITY, G.NE_BIS_IN_IDEM, G.DISCRIMINATION],
        "authorities": [(K.EXTRADITION, "ours", "Ministry of Public Security (demo)"),
                        (K.EXTRADITION, "theirs", "Ministry of Justice of the Republic of Korea (demo)")],
    },
    {
        "partner": "KR-KNPA", "basis": TreatyBasis.BILATERAL,
        "title": "Treaty on mutual legal assistance in criminal matters, Viet Nam – Republic of Korea (2003)",
        "agreement": {"kind": "treaty",
                      "title_en": "Treaty on mutual legal assistance in criminal matters between Viet Nam and the "
                                  "Republic of Korea",
                      "signed_date": datetime.date(2003, 9, 15), "signed_place": "Seoul"},
        "source": "Signed in Seoul on 15 September 2003 (public record; Viet Nam treaty database).",
        "kinds": [K.MLA, K.VERIFICATION], "languages": ["vi", "ko", "en"], "acknowledge_days": 14,
        "answer_days": 90, "refusal_grounds": [G.POLITICAL, G.MILITARY, G.SOVEREIGNTY, G.DISCRIMINATION],
        "mandatory_grounds": [G.POLITICAL],
        "authorities": [(K.MLA, "ours", "Supreme People's Procuracy (demo)"),
                        (K.MLA, "theirs", "Ministry of Justice of the Republic of Korea (demo)")],
    },
    {
        "partner": "RU-MVD", "basis": TreatyBasis.MULTILATERAL,
        "title": "United Nations Convention against Transnational Organized Crime (UNTOC, 2000)",
        "agreement": {"kind": "treaty",
                      "title_en": "United Nations Convention against Transnational Organized Crime",
                      "signed_date": datetime.date(2000, 12, 12), "signed_place": "Palermo"},
        "source": "UNTOC arts. 16 (extradition) and 18 (mutual legal assistance); Viet Nam and Russia are parties.",
        "kinds": [K.EXTRADITION, K.MLA, K.VERIFICATION], "languages": ["ru", "en", "vi"],
        "formal_request_days": 40, "acknowledge_days": 21, "answer_days": 90,
        "refusal_grounds": [G.OWN_NATIONALS, G.POLITICAL, G.DUAL_CRIMINALITY, G.DISCRIMINATION, G.SOVEREIGNTY],
        "mandatory_grounds": [G.DISCRIMINATION],
        "authorities": [(K.MLA, "ours", "Supreme People's Procuracy (demo)"),
                        (K.MLA, "theirs", "Prosecutor General's Office of the Russian Federation (demo)")],
    },
    {
        "partner": "CN-MPS", "basis": TreatyBasis.BILATERAL,
        "title": "Agreement on the transfer of sentenced persons between Vietnam and China (under negotiation)",
        "agreement_title": "Agreement on the transfer of sentenced persons between Vietnam and China",
        "source": "Under negotiation (shared/seeds/004, 14 September 2023); every term here is fictional.",
        "kinds": [K.TRANSFER], "languages": ["vi", "zh"], "acknowledge_days": 30, "answer_days": 180,
        "refusal_grounds": [G.TRANSFER_CONDITIONS, G.SOVEREIGNTY], "mandatory_grounds": [G.TRANSFER_CONDITIONS],
        "transfer_min_remaining_days": 365,
    },
    {
        "partner": "CN-MPS", "basis": TreatyBasis.RECIPROCITY, "title": "Reciprocity with the MPS of China",
        "source": "Practice of the two ministries (demo).", "kinds": [K.MLA, K.VERIFICATION],
        "languages": ["vi", "zh"], "acknowledge_days": 14, "answer_days": 60,
        "refusal_grounds": [G.POLITICAL, G.SOVEREIGNTY], "mandatory_grounds": [],
    },
]  # fmt: skip

# (partner, person key, case reference, request data, moves [(to, note, grounds)], extra step)
REQUESTS: list[dict[str, Any]] = [
    {"partner": "KR-KNPA", "person": "K1", "case": "KNPA-DEMO-2025-031", "ref": "KNPA-EXT-DEMO-2025-07",
     "data": {"direction": "incoming", "kind": K.EXTRADITION, "subkind": "formal_request", "received_days": 10,
              "facts": "Organised a telephone-fraud call centre defrauding victims in Korea."},
     "offences": [{"description": "Fraud (telecom)", "law": "Criminal Act", "article": "347",
                   "max_penalty_years": 10, "partner_law": "Criminal Code 2015", "partner_article": "174"}],
     "dossier": [("warrant_or_judgment", "ko", "체포영장 (데모)", "vi", "Lệnh bắt giữ (bản dịch, demo)"),
                 ("statement_of_facts", "ko", "범죄사실 요지 (데모)", "vi", "Tóm tắt tội phạm (bản dịch, demo)")],
     "moves": [("approved", "", []), ("under_execution", "", [])]},
    {"partner": "KR-KNPA", "person": "V1", "others": ["V4", "V5"], "ref": "",
     "data": {"direction": "outgoing", "kind": K.MLA, "subkind": "records",
              "facts": "Bank records of accounts used to launder proceeds of online gambling (three holders)."},
     "dossier": [("statement_of_facts", "vi", "Bản tóm tắt vụ việc (demo)", "ko", "사건 개요 (번역, 데모)")],
     "moves": [("legal_review", "", []), ("approved", "", []), ("sent", "", []), ("acknowledged", "", []),
               ("info_requested", "The partner asks for the account holders' dates of birth.", [])]},
    {"partner": "KR-KNPA", "person": "K2", "case": "KNPA-DEMO-2024-118", "ref": "",
     "data": {"direction": "outgoing", "kind": K.EXTRADITION, "subkind": "provisional_arrest",
              "facts": "Located in Busan; wanted in Viet Nam for an internet-fraud ring."},
     "offences": [{"description": "Appropriating property by swindling", "law": "Criminal Code 2015",
                   "article": "174", "max_penalty_years": 20, "partner_law": "Criminal Act", "partner_article": "347"}],
     "dossier": [("warrant_or_judgment", "vi", "Lệnh bắt bị can để tạm giam (demo)", "ko", "구속영장 (번역, 데모)"),
                 ("statement_of_facts", "vi", "Bản tóm tắt sự việc (demo)", "ko", "사실관계 요약 (번역, 데모)")],
     # Sent and awaiting the arrest, as the desk's case says ("arrest awaits the extradition request"): recording
     # the arrest would move the case from located to detained (decision 0049), and the demo keeps a located case.
     "moves": [("legal_review", "", []), ("approved", "", []), ("sent", "", [])]},
    {"partner": "RU-MVD", "person": "R1", "case": "MVD-DEMO-2024-5512", "ref": "MVD-VER-DEMO-2025-12",
     "data": {"direction": "incoming", "kind": K.VERIFICATION, "subkind": "criminal_record", "received_days": 30,
              "facts": "Criminal record and residence in Viet Nam of the person sought."},
     "dossier": [("statement_of_facts", "ru", "Изложение обстоятельств дела (демо)", "vi",
                  "Bản trình bày sự việc (bản dịch, demo)")],
     "moves": [("approved", "", []), ("under_execution", "", []), ("executed", "", [])]},
    {"partner": "RU-MVD", "person": "V2", "ref": "MVD-MLA-DEMO-2025-03",
     "data": {"direction": "incoming", "kind": K.MLA, "subkind": "taking_evidence", "received_days": 120,
              "facts": "Hearing of a witness about a labour-trafficking network."}, "moves": []},
    {"partner": "CN-MPS", "person": "V3", "ref": "",
     "transfer": {"court": "Intermediate People's Court (demo)", "judgment_final": True, "sentence_days": 1460,
                  "served_days": 1300, "consent": True},
     "offences": [{"description": "Illegal transport of drugs", "law": "Criminal Code 2015", "article": "250",
                   "max_penalty_years": 20, "partner_law": "Criminal Law", "partner_article": "347"}],
     "dossier": [("warrant_or_judgment", "vi", "Bản án hình sự (demo)", "zh", "刑事判决书（译文，演示）"),
                 ("consent", "vi", "Đơn đồng ý chuyển giao (demo)", "zh", "同意移管声明（译文，演示）")],
     "moves": [("legal_review", "", [])]},
    {"partner": "CN-MPS", "person": "V4", "ref": "",
     "transfer": {"court": "Intermediate People's Court (demo)", "judgment_final": True, "life_sentence": True,
                  "served_days": 2900, "consent": True},
     "offences": [{"description": "Illegal trading of drugs", "law": "Criminal Code 2015", "article": "251",
                   "max_penalty_life": True, "death_penalty": True, "partner_law": "Criminal Law",
                   "partner_article": "347"}],
     "moves": []},
    {"partner": "CN-MPS", "person": "C2", "case": "CN-DEMO-2025-0032", "ref": "CN-VER-DEMO-2025-40",
     "data": {"direction": "incoming", "kind": K.VERIFICATION, "subkind": "identity", "received_days": 5,
              "facts": "Identity of a person arrested with a Vietnamese passport."},
     "moves": [("withdrawn", "The partner confirmed the identity itself.", [])]},
]  # fmt: skip


def _terms(actor: Any, spec: dict[str, Any], agencies: dict[str, Agency]) -> bool:
    if TreatyTerms.objects.filter(owner=actor.agency, title=spec["title"]).exists():
        return False
    from liaison.cooperation.models import Agreement  # the registry's record, found by its title

    agreement = None
    if "agreement" in spec:
        data = {**spec["agreement"], "notes": spec["source"], "parties": [
            {"government_country": "VN", "name_text": "Socialist Republic of Viet Nam"},
            {"agency": agencies[spec["partner"]]},
        ]}  # fmt: skip
        agreement = Agreement.objects.filter(owner=actor.agency, title_en=data["title_en"]).first()
        agreement = agreement or cooperation_actions.do_create_agreement(data, actor=actor)
    elif "agreement_title" in spec:
        agreement = Agreement.objects.filter(owner=actor.agency, title_en=spec["agreement_title"]).first()
        if agreement is None:
            return False
    fields = {k: v for k, v in spec.items() if k not in ("agreement", "agreement_title", "authorities")}
    fields.update(partner=agencies[spec["partner"]], agreement=agreement, fictional=True, notes=UNCHECKED)
    terms = actions.do_create_treaty_terms(fields, actor=actor)
    for kind, side, name in spec.get("authorities", []):
        actions.do_create_central_authority({"terms": terms, "kind": kind, "side": side, "name": name}, actor=actor)
    return True


def _pdf(text: str) -> bytes:
    """A one-page PDF saying `text` (ASCII), for the demo dossiers."""
    line = text.encode("ascii", "replace").replace(b"\\", b"").replace(b"(", b"[").replace(b")", b"]")
    stream = b"BT /F1 14 Tf 72 760 Td (" + line + b") Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    start = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, start)
    return bytes(out)


def _dossier(
    actor: Any, request: LegalRequest, kind: str, language: str, title: str, into: str, translated: str, *, today: Any
) -> None:
    """An original in `language` and its certified translation `into` another (fictional documents)."""
    text = f"Fictional demonstration document - {request.reference} - {kind} ({language})"
    original = actions.do_add_legal_document(
        request, ContentFile(_pdf(text), name=f"{kind}-{language}.pdf"), kind=kind, language=language, title=title,
        actor=actor,
    )  # fmt: skip
    actions.do_add_legal_document(
        request, ContentFile(_pdf(f"{text} -> {into}"), name=f"{kind}-{into}.pdf"), kind=kind, language=into,
        title=translated, translation_of=original, translator="Demo Translation Bureau (fictional)",
        translated_on=today, certification="Certified by the demo notary office (fictional)", actor=actor,
    )  # fmt: skip


def _request(actor: Any, spec: dict[str, Any], agencies: dict[str, Agency], today: datetime.date) -> bool:
    person = find_person(spec["person"])
    partner = agencies[spec["partner"]]
    facts = FICTIONAL + spec.get("data", {}).get("facts", "Transfer of a sentenced person.")
    others = [find_person(key) for key in spec.get("others", [])]
    if person is None or LegalRequest.objects.filter(owner=actor.agency, facts=facts, person=person).exists():
        return False
    if "transfer" in spec:
        request = actions.do_start_transfer_request(
            person=person, partner_agency=partner, facts=facts, actor=actor, **spec["transfer"]
        )
    else:
        data = {k: v for k, v in spec["data"].items() if k != "received_days"}
        data.update(partner=partner, person=person, facts=facts, partner_reference=spec["ref"])
        data["other_persons"] = [other for other in others if other is not None]
        data["received_on"] = today - datetime.timedelta(days=spec["data"].get("received_days", 0))
        if spec.get("case"):
            model: Any = LegalRequest._meta.get_field("fugitive_case").related_model
            case = model.objects.filter(pk__in=visible_case_ids(actor), partner_reference=spec["case"]).first()
            data["fugitive_case"] = case
        request = actions.do_create_request(data, offences=spec.get("offences", []), actor=actor)
    for row in spec.get("offences", []) if "transfer" in spec else []:
        actions.do_add_legal_offence({**row, "request": request}, actor=actor)
    for row in spec.get("dossier", []):
        _dossier(actor, request, *row, today=today)
    for to, note, grounds in spec["moves"]:
        actions.do_transition_request(request, to, note=note, grounds=grounds, actor=actor)
    return True


def load(actor: Any, write: Any) -> None:
    codes = ("KR-KNPA", "RU-MVD", "CN-MPS")
    agencies = {a.code: a for a in Agency.objects.filter(code__in=codes)}
    if getattr(actor, "agency", None) is None or len(agencies) < len(codes):
        write("Legal demo data skipped: the demo agencies (agencies/demo.py) are missing.")
        return
    if actor.agency.code != HOME:
        write(f"Legal demo data skipped: it is {HOME}'s (this node's home agency is {actor.agency.code}).")
        return
    today = timezone.localdate()
    terms = sum(_terms(actor, spec, agencies) for spec in TREATIES)
    requests = sum(_request(actor, spec, agencies, today) for spec in REQUESTS)
    write(f"Legal demo records: {terms} treaty terms, {requests} legal requests (fictional) added.")
