"""Legal requests between nodes (federation; core.registry envelope kinds), as the desk's fugitive cases travel.

- `legal.request.send`: our outgoing request to an agency served by a partner node travels when it is sent, with
  its offences, facts, judgment, the person and any other persons (desk's person content: names, documents,
  releasable photos), the reference of its fugitive case, and its dossier (originals and certified translations,
  as attachments; those over the federation's attachment limit are named instead). The partner's node records it
  as an incoming request of theirs at legal review, on its own treaty terms with us, with our reference as the
  partner's reference, linked to its own copy of the fugitive case, with the dossier stored as uploads are (a
  refused document is named on the timeline), and answers `legal.request.event` "linked" with its own reference:
  both sides follow one request under both references.
- `legal.request.event`: what the other side must know travels both ways — an acknowledgement, a provisional
  arrest carried out, and the moves to acknowledged, under execution, partially executed, executed, additional
  information requested (and the answer that resumes it), refused (with the grounds), withdrawn, lapsed. The
  receiver moves its own request the same way where its workflow allows (the partner's acknowledgement
  acknowledges our outgoing request; their request for information stops our clock; our answer resumes theirs),
  and otherwise records the partner's step as a note. A document added to the dossier once the request travelled
  follows as a "document" step and is stored on the other side (e.g. the partner's receipt). Steps applied from a
  partner's message are not sent back.
"""

from __future__ import annotations

import contextvars
import datetime
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models, transaction
from django.db.models.signals import post_save
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from liaison.agencies.system import SystemActor
from liaison.core import audit, registry
from liaison.desk.federation.persons import check_person_payload, person_content, receive_person
from liaison.desk.queries import case_for_partner_reference
from liaison.federation import nodes, origin, outbox, signing
from liaison.federation.envelopes import Received
from liaison.legal import actions, workflow
from liaison.legal.actions.requests import OFFENCE_FIELDS
from liaison.legal.choices import Direction, DocumentKind, EventKind, RequestKind, RequestStatus, RequestSubkind
from liaison.legal.models import LegalDocument, LegalRequest, RequestEvent
from liaison.people import actions as people_actions

SEND_KIND = "legal.request.send"
EVENT_KIND = "legal.request.event"
HANDLING_CODE, TLP = "H2", "AMBER"  # a request between two authorities: no onward dissemination
S = RequestStatus
# The steps of one side the other side is told of (a move to one of these states, or out of "information requested").
PARTNER_STATES = frozenset(
    {S.ACKNOWLEDGED, S.UNDER_EXECUTION, S.PARTIALLY_EXECUTED, S.EXECUTED, S.INFO_REQUESTED}
    | {S.REFUSED, S.WITHDRAWN, S.LAPSED}
)
MIRRORED = PARTNER_STATES - {S.ACKNOWLEDGED}
_applying: contextvars.ContextVar[bool] = contextvars.ContextVar("legal_federation_applying", default=False)


@contextmanager
def _from_partner() -> Iterator[None]:
    token = _applying.set(True)
    try:
        yield
    finally:
        _applying.reset(token)


def _travels(event: RequestEvent) -> bool:
    if event.kind in (EventKind.ACKNOWLEDGEMENT, EventKind.ARREST):
        return True
    return event.kind == EventKind.STATUS and (
        event.to_status in PARTNER_STATES or event.from_status == S.INFO_REQUESTED
    )


def _request_payload(request: LegalRequest) -> tuple[dict[str, Any], list[tuple[str, str, bytes]]]:
    person, files = person_content(request.person) if request.person is not None else (None, [])
    others = []
    for other in request.other_persons.all():
        content, more = person_content(other)
        others.append(content)
        files = [*files, *more]
    offences = [{name: getattr(o, name) for name in OFFENCE_FIELDS} for o in request.offences.all()]
    documents, carried, left_out = _dossier_content(request)
    files = [*files, *carried]
    payload = {
        "reference": request.reference,
        "kind": request.kind,
        "subkind": request.subkind,
        "follows": request.follows.reference if request.follows is not None else "",
        "person": person,
        "other_persons": others,
        "fugitive_case": request.fugitive_case.reference if request.fugitive_case is not None else "",
        "offences": offences,
        "documents": documents,
        "documents_left_out": left_out,
        "facts": request.facts,
        "received_on": (request.sent_on or timezone.localdate()).isoformat(),
        "death_penalty_assurance": request.death_penalty_assurance,
        "transfer": {name: getattr(request, name) for name in ("court", "judgment_reference", "judgment_final",
                                                               "sentence_days", "served_days", "consent",
                                                               "life_sentence")},
        "judgment_date": request.judgment_date.isoformat() if request.judgment_date else None,
    }  # fmt: skip
    return payload, files


def _document_content(document: LegalDocument) -> tuple[dict[str, Any], tuple[str, str, bytes]] | None:
    """One dossier document as it travels (its description and its bytes), or None when its file is missing here
    or over the federation's attachment limit."""
    limit = settings.LIAISON_FEDERATION_MAX_ATTACHMENT_BYTES
    try:
        with document.file.open("rb") as handle:
            data = handle.read(limit + 1)
    except OSError:
        return None
    if not data or len(data) > limit:
        return None
    original = document.translation_of
    described = {
        "sha256": signing.sha256_hex(data), "name": document.original_name, "kind": document.kind,
        "language": document.language, "title": document.title,
        "translation_of": original.sha256 if original is not None else "", "translator": document.translator,
        "translated_on": document.translated_on.isoformat() if document.translated_on else None,
        "certification": document.certification,
    }  # fmt: skip
    return described, (document.original_name, document.content_type, data)


def _dossier_content(request: LegalRequest) -> tuple[list[dict[str, Any]], list[tuple[str, str, bytes]], list[str]]:
    """The dossier as it travels with the request: each original and certified translation (not the partner's
    receipts) described in the payload, its bytes attached; those over the federation's attachment limit or
    whose file is missing here are named in `left_out` instead."""
    described: list[dict[str, Any]] = []
    files: list[tuple[str, str, bytes]] = []
    left_out: list[str] = []
    documents = request.documents.exclude(kind=DocumentKind.RECEIPT).select_related("translation_of")
    # Originals first (on every database: PostgreSQL sorts NULLs last), so a translation's original is stored first.
    for document in documents.order_by(models.F("translation_of_id").asc(nulls_first=True), "pk"):
        content = _document_content(document)
        if content is None:
            left_out.append(document.title)
            continue
        described.append(content[0])
        files.append(content[1])
    return described, files, left_out


def _original(request: LegalRequest, stored: dict[str, Any], sha256: str) -> LegalDocument | None:
    """The original a translation that came from the partner is of: one stored from the same message, or one the
    request's dossier already holds."""
    if not sha256:
        return None
    found = stored.get(sha256)
    return found or request.documents.filter(sha256=sha256, translation_of__isnull=True).order_by("pk").first()


def _receive_dossier(request: LegalRequest, received: Received, actor: Any) -> None:
    """Store the documents that came with the partner's request (checked as any upload); a document refused, or
    left out by the partner, is named on the timeline."""
    stored: dict[str, Any] = {}
    problems = [
        _("%(title)s: not carried (too large or missing at the partner's).") % {"title": title}
        for title in received.payload.get("documents_left_out") or []
    ]
    for row in received.payload.get("documents") or []:
        content = received.attachments.get(str(row.get("sha256")))
        title = str(row.get("title") or row.get("name") or "document")[:255]
        if content is None:
            problems.append(_("%(title)s: not carried.") % {"title": title})
            continue
        try:
            day = row.get("translated_on")
            stored[str(row["sha256"])] = actions.do_add_legal_document(
                request, ContentFile(content, name=str(row.get("name") or "document")), kind=str(row.get("kind")),
                language=str(row.get("language") or ""), title=title,
                translation_of=_original(request, stored, str(row.get("translation_of") or "")),
                translator=str(row.get("translator") or ""),
                translated_on=datetime.date.fromisoformat(day) if day else None,
                certification=str(row.get("certification") or ""), actor=actor,
            )  # fmt: skip
        except (ValidationError, ValueError) as refused:
            reason = "; ".join(getattr(refused, "messages", None) or [str(refused)])
            problems.append(_("%(title)s: refused (%(reason)s).") % {"title": title, "reason": reason})
    if problems:
        actions.do_add_request_note(
            request, _("Dossier documents from the partner not stored:") + " " + " ".join(problems), actor=actor
        )


def _send(kind: str, request: LegalRequest, payload: dict[str, Any], files: Any = (), references: Any = ()) -> None:
    outbox.enqueue(
        kind, sender_agency=request.owner, recipient_agency=request.partner, payload=payload,
        attachments=list(files), references=list(references), handling_code=HANDLING_CODE, tlp=TLP,
    )  # fmt: skip


def on_request_event(sender: Any, instance: RequestEvent, created: bool, raw: bool = False, **kwargs: Any) -> None:
    """post_save of RequestEvent: a request with a remote partner sends itself when sent, then its steps."""
    if not created or raw or _applying.get():
        return
    request = instance.request
    if nodes.partner_for(request.partner) is None or not nodes.serves(request.owner):
        return
    if request.direction == Direction.OUTGOING and instance.to_status == S.SENT and instance.from_status == S.APPROVED:
        payload, files = _request_payload(request)
        _send(SEND_KIND, request, payload, files)
        return
    linked = request.sent_on is not None if request.direction == Direction.OUTGOING else bool(request.partner_reference)
    document_id = (instance.data or {}).get("document") if instance.kind == EventKind.NOTE else None
    if linked and document_id:
        _send_document(request, document_id)
        return
    if not linked or not _travels(instance):
        return
    event = {
        "kind": instance.kind, "from_status": instance.from_status, "to_status": instance.to_status,
        "note": instance.note, "occurred_at": instance.occurred_at.isoformat(), "data": instance.data,
        "arrested_on": request.arrested_on.isoformat() if request.arrested_on else None,
    }  # fmt: skip
    _send(EVENT_KIND, request, {"reference": request.reference, "partner_reference": request.partner_reference,
                                "event": event})  # fmt: skip


def _send_document(request: LegalRequest, document_id: int) -> None:
    """A document added to the dossier once the request travelled (ours sent, or the partner's linked): it follows
    as a "document" step — e.g. our answer to a request for information, or their receipt."""
    document = LegalDocument.objects.select_related("translation_of").get(pk=document_id)
    content = _document_content(document)
    described, files = ([content[0]], [content[1]]) if content is not None else ([], [])
    payload = {
        "reference": request.reference, "partner_reference": request.partner_reference, "event": {"kind": "document"},
        "documents": described, "documents_left_out": [] if content is not None else [document.title],
    }  # fmt: skip
    _send(EVENT_KIND, request, payload, files)


def check_send_payload(payload: Any) -> None:
    if not str(payload.get("reference") or ""):
        raise ValueError("the request has no reference")
    if payload.get("kind") not in RequestKind.values or payload.get("subkind") not in RequestSubkind.values:
        raise ValueError("the request's kind is not one Liaison knows")
    if payload.get("person") is not None:
        check_person_payload(payload["person"])
    others = payload.get("other_persons", [])
    if not isinstance(others, list):
        raise ValueError("the other persons are not a list")
    for other in others:
        check_person_payload(other)
    if not isinstance(payload.get("offences", []), list):
        raise ValueError("the offences are not a list")
    documents = payload.get("documents", [])
    if not isinstance(documents, list) or not all(isinstance(row, dict) and row.get("sha256") for row in documents):
        raise ValueError("the dossier's documents are not a list of documents named by their SHA-256")
    datetime.date.fromisoformat(str(payload.get("received_on")))


def check_event_payload(payload: Any) -> None:
    if not str(payload.get("reference") or "") or not isinstance(payload.get("event"), dict):
        raise ValueError("the message names no request or no step")
    if not str(payload["event"].get("kind") or ""):
        raise ValueError("the step has no kind")


def _actor(received: Received, agency: Any) -> SystemActor:
    return SystemActor(name=f"federation:{received.sender_node}"[:150], agency=agency)


def apply_send(received: Received) -> LegalRequest:
    """Record the partner's request as an incoming request of ours, and answer with our reference."""
    data = received.payload
    found = origin.find(LegalRequest, received.partner, data["reference"])
    if found is not None:
        return found
    actor = _actor(received, received.recipient_agency)
    with _from_partner(), transaction.atomic():
        person = _receive(received, data["person"]) if data.get("person") is not None else None
        others = [_receive(received, other) for other in data.get("other_persons") or []]
        case = case_for_partner_reference(
            actor, received.sender_agency, str(data.get("fugitive_case") or "")
        )  # the case the partner's desk sent us about the same person, if any
        follows = origin.find(LegalRequest, received.partner, data["follows"]) if data.get("follows") else None
        transfer = data.get("transfer") or {}
        fields = {
            "direction": Direction.INCOMING, "kind": data["kind"], "subkind": data["subkind"],
            "partner": received.sender_agency, "partner_reference": data["reference"], "person": person,
            "other_persons": others, "fugitive_case": case, "follows": follows, "facts": str(data.get("facts") or ""),
            "received_on": min(datetime.date.fromisoformat(data["received_on"]), timezone.localdate()),
            "death_penalty_assurance": bool(data.get("death_penalty_assurance")),
            **{k: v for k, v in transfer.items() if k in actions.REQUEST_EDITABLE},
        }  # fmt: skip
        if data.get("judgment_date"):
            fields["judgment_date"] = datetime.date.fromisoformat(data["judgment_date"])
        offences = [{k: v for k, v in dict(row).items() if k in OFFENCE_FIELDS} for row in data.get("offences", [])]
        request = actions.do_create_request(fields, offences=offences, actor=actor)
        origin.record(request, received, data["reference"])
        payload = {"reference": request.reference, "partner_reference": data["reference"], "event": {"kind": "linked"}}
        _send(EVENT_KIND, request, payload, references=[received.id])
        _receive_dossier(request, received, actor)  # last: its files are written to storage as they are stored
    return request


def _receive(received: Received, content: dict[str, Any]) -> Any:
    person = receive_person(received, content)
    people_actions.do_share_person(
        person, received.recipient_agency, handling_code=received.handling_code, tlp=received.tlp,
        note=received.handling_note, actor=received.actor,
    )  # fmt: skip
    return person


def _describe(event: dict[str, Any], partner: Any) -> str:
    to = event.get("to_status")
    if to:
        label = S(to).label if to in S.values else to
        text = _("%(partner)s moved their request to “%(to)s”.") % {"partner": partner, "to": label}
    else:
        kind = event.get("kind")
        label = EventKind(kind).label if kind in EventKind.values else kind
        text = _("%(partner)s recorded: %(kind)s.") % {"partner": partner, "kind": label}
    note = str(event.get("note") or "").strip()
    return f"{text} {note}".strip()


def _target(request: LegalRequest, event: dict[str, Any]) -> str:
    """The state our request moves to for the partner's step ("" when it only takes a note)."""
    if event.get("kind") == EventKind.ACKNOWLEDGEMENT:
        return S.ACKNOWLEDGED if request.direction == Direction.OUTGOING else ""
    if event.get("from_status") == S.INFO_REQUESTED and request.status == S.INFO_REQUESTED:
        return request.resume_status
    to = str(event.get("to_status") or "")
    return to if to in MIRRORED else ""


def apply_event(received: Received) -> None:
    """Move our request as the partner's step says (or note it), or take their reference for "linked"."""
    data = received.payload
    request = origin.find(LegalRequest, received.partner, data["reference"]) or (
        LegalRequest.objects.filter(
            reference=str(data.get("partner_reference") or "-"), partner=received.sender_agency
        ).first()
    )
    if request is None or not nodes.serves(request.owner):
        raise ValidationError(_("No legal request here matches this message."))
    actor = _actor(received, request.owner)
    event = data["event"]
    with _from_partner(), transaction.atomic():
        origin.record(request, received, data["reference"])
        if event.get("kind") == "linked":
            _link(request, data["reference"], actor)
            return
        if event.get("kind") == "document":
            _receive_dossier(request, received, actor)
            return
        if event.get("kind") == EventKind.ARREST and event.get("arrested_on"):
            actions.do_record_arrest(request, datetime.date.fromisoformat(event["arrested_on"]), actor=actor)
            return
        note, to = _describe(event, received.sender_agency), _target(request, event)
        if to and to in workflow.REQUEST.allowed(request.status):
            grounds = [g for g in (event.get("data") or {}).get("grounds", []) if g in request.treaty.refusal_grounds]
            if to != S.REFUSED or grounds:
                actions.do_transition_request(request, to, note=note, grounds=grounds, actor=actor)
                return
        actions.do_add_request_note(request, note, actor=actor)


def _link(request: LegalRequest, reference: str, actor: Any) -> None:
    if request.partner_reference == reference:
        return
    before = request.partner_reference
    LegalRequest.objects.filter(pk=request.pk).update(partner_reference=reference)
    request.partner_reference = reference
    audit.record(
        "legal_request.link", actor=actor, obj=request, before={"partner_reference": before},
        after={"partner_reference": reference},
    )  # fmt: skip


def register() -> None:
    registry.register_envelope_kind(
        SEND_KIND, handler=apply_send, validate=check_send_payload, label=gettext_lazy("A partner's legal request")
    )
    registry.register_envelope_kind(
        EVENT_KIND,
        handler=apply_event,
        validate=check_event_payload,
        label=gettext_lazy("A step of a partner's legal request"),
    )
    post_save.connect(on_request_event, sender=RequestEvent, dispatch_uid="legal.federation.request_event")
