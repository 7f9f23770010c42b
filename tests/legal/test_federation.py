"""Legal requests between two nodes: our extradition request travels to the partner's node when sent, both sides
follow it under both references, the partner's acknowledgement, provisional arrest and execution move our
request; a partner's request opens an incoming one here, and our steps travel back. The partner node is the
in-process fake of tests/federation (signed messages posted to our inbox)."""

from __future__ import annotations

import datetime
import hashlib
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from liaison.agencies.models import Agency, User
from liaison.core.models import AuditEvent
from liaison.federation.choices import Direction
from liaison.federation.models import Envelope, PartnerNode
from liaison.legal import actions
from liaison.legal.models import LegalRequest, TreatyTerms
from tests.federation.helpers import FakeNode, notice_payload
from tests.legal.factories import TreatyTermsFactory
from tests.people.factories import PersonFactory

pytestmark = pytest.mark.django_db
THEIRS = "LR-KR-KNPA-2026-0001"
PDF = b"%PDF-1.4 statement of facts"
FRAUD = {"description": "Fraud", "law": "Criminal Code", "article": "174", "partner_law": "Criminal Act",
         "partner_article": "347"}  # fmt: skip


@pytest.fixture
def terms(home: Agency, partner: Agency) -> TreatyTerms:
    return TreatyTermsFactory(owner=home, partner=partner)  # type: ignore[no-any-return]


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sent(kind: str) -> list[Envelope]:
    return list(Envelope.objects.filter(direction=Direction.OUT, kind=kind).order_by("pk"))


def _send(request: LegalRequest, officer: User, boss: User) -> None:
    actions.do_transition_request(request, "legal_review", actor=officer)
    actions.do_transition_request(request, "approved", actor=boss)
    actions.do_transition_request(request, "sent", actor=officer)


def _step(fake: FakeNode, post_inbox: Any, ours: LegalRequest, theirs: str, event: dict[str, Any]) -> None:
    payload = {"reference": theirs, "partner_reference": ours.reference, "event": event}
    answer = post_inbox(fake.message(fake.content("legal.request.event", payload)))
    assert answer.status_code == 200, answer.json()


def test_an_extradition_travels_and_follows_the_partners_steps(
    paired: PartnerNode, fake: FakeNode, post_inbox: Any, home: Agency, partner: Agency, terms: TreatyTerms,
    legal_officer: User, approver: User,
) -> None:  # fmt: skip
    person = PersonFactory(owner=home, names=["Lê Văn Cường"], nationalities=["VN"])
    arrest = actions.do_create_request(
        {"direction": "outgoing", "kind": "extradition", "subkind": "provisional_arrest", "partner": partner,
         "person": person, "facts": "Fled to Busan."}, offences=[FRAUD], actor=legal_officer,
    )  # fmt: skip
    actions.do_transition_request(arrest, "legal_review", actor=legal_officer)
    assert not sent("legal.request.send")  # drafts and reviews stay here
    actions.do_transition_request(arrest, "approved", actor=approver)
    actions.do_transition_request(arrest, "sent", actor=legal_officer)
    request = sent("legal.request.send")
    assert len(request) == 1 and request[0].payload["reference"] == arrest.reference
    assert request[0].payload["person"]["names"][0]["full_name"] == "Lê Văn Cường"
    assert request[0].payload["offences"][0]["partner_article"] == "347"

    _step(fake, post_inbox, arrest, THEIRS, {"kind": "linked"})
    _step(fake, post_inbox, arrest, THEIRS, {"kind": "acknowledgement", "note": "Received."})
    arrested_on = timezone.localdate() - datetime.timedelta(days=5)
    _step(fake, post_inbox, arrest, THEIRS, {"kind": "arrest", "arrested_on": arrested_on.isoformat()})
    arrest.refresh_from_db()
    assert arrest.partner_reference == THEIRS and arrest.status == "acknowledged"
    assert arrest.formal_request_due == arrested_on + datetime.timedelta(days=60)
    assert AuditEvent.objects.filter(action="legal_request.transition", channel="federation").exists()

    formal = actions.do_create_request(
        {"direction": "outgoing", "kind": "extradition", "subkind": "formal_request", "partner": partner,
         "person": person, "follows": arrest}, offences=[FRAUD], actor=legal_officer,
    )  # fmt: skip
    _send(formal, legal_officer, approver)
    assert sent("legal.request.send")[-1].payload["follows"] == arrest.reference
    arrest.refresh_from_db()
    assert arrest.formal_request_made and not LegalRequest.objects.overdue().exists()
    theirs = "LR-KR-KNPA-2026-0002"
    _step(fake, post_inbox, formal, theirs, {"kind": "linked"})
    for status in ("under_execution", "executed"):
        _step(fake, post_inbox, formal, theirs, {"kind": "status", "from_status": "", "to_status": status})
    formal.refresh_from_db()
    assert formal.status == "executed" and formal.partner_reference == theirs
    assert "KNPA" in formal.events.order_by("pk").last().note  # type: ignore[union-attr]
    assert not [e for e in sent("legal.request.event") if e.payload["reference"] == formal.reference]


def test_the_partners_request_for_information_stops_our_clock_and_our_answer_travels(
    paired: PartnerNode, fake: FakeNode, post_inbox: Any, home: Agency, partner: Agency, terms: TreatyTerms,
    legal_officer: User, approver: User,
) -> None:  # fmt: skip
    request = actions.do_create_request(
        {"direction": "outgoing", "kind": "mla", "subkind": "records", "partner": partner}, actor=legal_officer
    )
    _send(request, legal_officer, approver)
    _step(fake, post_inbox, request, THEIRS, {"kind": "linked"})
    _step(fake, post_inbox, request, THEIRS, {"kind": "status", "from_status": "under_execution",
                                              "to_status": "info_requested", "note": "Dates of birth?"})  # fmt: skip
    request.refresh_from_db()
    assert request.status == "info_requested" and request.clock_stopped_on == timezone.localdate()
    actions.do_transition_request(request, "sent", note="Dates of birth given.", actor=legal_officer)
    answer = sent("legal.request.event")[-1].payload
    assert answer["partner_reference"] == THEIRS and answer["event"]["from_status"] == "info_requested"


def test_a_partners_request_opens_an_incoming_request_here_once(
    paired: PartnerNode, fake: FakeNode, post_inbox: Any, home: Agency, partner: Agency, terms: TreatyTerms,
    legal_officer: User,
) -> None:  # fmt: skip
    payload = {
        "reference": THEIRS, "kind": "extradition", "subkind": "formal_request", "follows": "",
        "person": notice_payload()["person"], "offences": [FRAUD], "facts": "Voice-phishing ring organiser.",
        "received_on": str(timezone.localdate()), "death_penalty_assurance": False, "transfer": {},
        "judgment_date": None,
    }  # fmt: skip
    message = fake.message(fake.content("legal.request.send", payload))
    assert post_inbox(message).status_code == 200
    assert post_inbox(message).json()["status"] == "duplicate"
    request = LegalRequest.objects.get()
    assert (request.owner, request.partner, request.direction, request.status) == (
        home, partner, "incoming", "legal_review"
    )  # fmt: skip
    assert request.partner_reference == THEIRS and request.treaty == terms and str(request.person) == "김민준"
    assert request.offences.get().dual_criminality
    linked = sent("legal.request.event")
    assert len(linked) == 1 and linked[0].payload["event"] == {"kind": "linked"}
    actions.do_acknowledge_request(request, actor=legal_officer)
    acknowledgement = sent("legal.request.event")[-1].payload
    assert acknowledgement["reference"] == request.reference and acknowledgement["event"]["kind"] == "acknowledgement"


def test_a_step_for_no_request_here_fails(paired: PartnerNode, fake: FakeNode, post_inbox: Any) -> None:
    orphan = {"reference": THEIRS, "partner_reference": "LR-NONE", "event": {"kind": "acknowledgement"}}
    answer = post_inbox(fake.message(fake.content("legal.request.event", orphan)))
    assert answer.status_code != 200 or answer.json().get("status") != "applied"
    assert not LegalRequest.objects.exists()


def test_the_dossier_travels_with_the_request_and_is_stored_there(
    paired: PartnerNode, fake: FakeNode, post_inbox: Any, home: Agency, partner: Agency, terms: TreatyTerms,
    legal_officer: User, approver: User, settings: Any, tmp_path: Any,
) -> None:  # fmt: skip
    settings.MEDIA_ROOT = tmp_path / "media"
    request = actions.do_create_request(
        {"direction": "outgoing", "kind": "mla", "subkind": "records", "partner": partner}, actor=legal_officer
    )
    original = actions.do_add_legal_document(
        request, ContentFile(PDF, name="facts.pdf"), kind="statement_of_facts", language="vi", title="Tóm tắt",
        actor=legal_officer,
    )  # fmt: skip
    actions.do_add_legal_document(
        request, ContentFile(PDF + b"ko", name="facts-ko.pdf"), kind="statement_of_facts", language="ko",
        title="사실관계", translation_of=original, translator="Kim", translated_on=timezone.localdate(),
        certification="Notarised", actor=legal_officer,
    )  # fmt: skip
    _send(request, legal_officer, approver)
    envelope = sent("legal.request.send")[-1]
    documents = envelope.payload["documents"]
    assert [(d["language"], d["translation_of"]) for d in documents] == [("vi", ""), ("ko", documents[0]["sha256"])]
    assert {a.sha256 for a in envelope.attachments.all()} >= {d["sha256"] for d in documents}

    # the partner's request with its dossier: stored as uploads are, the translation linked to its original
    kr, ko = b"%PDF-1.4 warrant", b"GIF89a not a document"
    payload = {
        "reference": THEIRS, "kind": "mla", "subkind": "records", "follows": "", "person": None, "offences": [],
        "facts": "Accounts.", "received_on": str(timezone.localdate()), "death_penalty_assurance": False,
        "transfer": {}, "judgment_date": None, "documents_left_out": ["Big scan"],
        "documents": [
            {"sha256": sha(kr), "name": "w.pdf", "kind": "statement_of_facts", "language": "ko", "title": "요지",
             "translation_of": "", "translator": "", "translated_on": None, "certification": ""},
            {"sha256": sha(ko), "name": "x.gif", "kind": "statement_of_facts", "language": "vi", "title": "Bản dịch",
             "translation_of": sha(kr), "translator": "Lê", "translated_on": "2026-01-02", "certification": "C"},
        ],
    }  # fmt: skip
    content = fake.content("legal.request.send", payload, attachments=[("w.pdf", kr), ("x.gif", ko)])
    answer = post_inbox(fake.message(content, {sha(kr): kr, sha(ko): ko}))
    assert answer.status_code == 200, answer.json()
    incoming = LegalRequest.objects.get(partner_reference=THEIRS)
    stored = incoming.documents.get()
    assert (stored.language, stored.title, stored.file.read()) == ("ko", "요지", kr)
    note = incoming.events.filter(kind="note").order_by("pk").last()
    assert note is not None and "Bản dịch: refused" in note.note and "Big scan: not carried" in note.note


def test_a_document_added_later_follows_and_the_partners_receipt_is_stored_here(
    paired: PartnerNode, fake: FakeNode, post_inbox: Any, home: Agency, partner: Agency, terms: TreatyTerms,
    legal_officer: User, approver: User, settings: Any, tmp_path: Any,
) -> None:  # fmt: skip
    settings.MEDIA_ROOT = tmp_path / "media"
    request = actions.do_create_request(
        {"direction": "outgoing", "kind": "mla", "subkind": "records", "partner": partner}, actor=legal_officer
    )
    _send(request, legal_officer, approver)
    assert sent("legal.request.send")[-1].payload["documents"] == []
    _step(fake, post_inbox, request, THEIRS, {"kind": "linked"})
    actions.do_add_legal_document(
        request, ContentFile(PDF, name="answer.pdf"), kind="other", language="ko", title="Dates of birth",
        actor=legal_officer,
    )  # fmt: skip
    step = sent("legal.request.event")[-1]
    assert step.payload["event"] == {"kind": "document"} and step.payload["documents"][0]["title"] == "Dates of birth"
    assert [a.sha256 for a in step.attachments.all()] == [sha(PDF)]

    receipt = b"%PDF-1.4 receipt"
    row = {"sha256": sha(receipt), "name": "r.pdf", "kind": "receipt", "language": "ko", "title": "접수증",
           "translation_of": "", "translator": "", "translated_on": None, "certification": ""}  # fmt: skip
    payload = {"reference": THEIRS, "partner_reference": request.reference, "event": {"kind": "document"},
               "documents": [row], "documents_left_out": []}  # fmt: skip
    content = fake.content("legal.request.event", payload, attachments=[("r.pdf", receipt)])
    assert post_inbox(fake.message(content, {sha(receipt): receipt})).status_code == 200
    stored = request.documents.get(kind="receipt")
    assert stored.file.read() == receipt and stored.title == "접수증"
    assert sent("legal.request.event")[-1].pk == step.pk  # the partner's receipt is not sent back
