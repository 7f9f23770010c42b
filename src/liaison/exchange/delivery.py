"""Where a message goes (docs/decisions/0037-exchange-delivery.md).

A recipient agency is *hosted* (its officers sign in on this node: the message is in their inbox here as soon as
it is sent, and it is marked delivered) or *remote* (served by a paired partner node: the message travels as a
signed federation envelope, `exchange.message.send`, and is marked delivered when that node's delivery receipt
comes back). The same holds the other way for what a recipient does: an acknowledgement, a read receipt, a
permission request or answer, and a recall travel as envelopes when the other agency is remote (federation.py
holds the kinds and their handlers). Everything here runs inside the calling action's transaction.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from liaison.federation import nodes, outbox

SEND_KIND = "exchange.message.send"
RECEIPT_KIND = "exchange.message.receipt"
RECALL_KIND = "exchange.message.recall"
PERMISSION_REQUEST_KIND = "exchange.permission.request"
PERMISSION_ANSWER_KIND = "exchange.permission.answer"


def is_remote(agency: Any) -> bool:
    return nodes.partner_for(agency) is not None


def _send(kind: str, message: Any, sender: Any, recipient: Any, payload: dict[str, Any], **extra: Any) -> None:
    outbox.enqueue(
        kind,
        sender_agency=sender,
        recipient_agency=recipient,
        payload=payload,
        handling_code=message.handling_code,
        tlp=message.tlp,
        note=message.handling_note,
        **extra,
    )


def message_content(message: Any) -> tuple[dict[str, Any], list[tuple[str, str, bytes]]]:
    """What a remote recipient receives: the message, its translations, the labels of its links, its attachments."""
    files = []
    for attachment in message.attachments.all():
        with attachment.file.open("rb") as handle:
            files.append((attachment.original_name, attachment.content_type, handle.read()))
    payload = {
        "reference": message.reference,
        "in_reply_to": message.in_reply_to.reference if message.in_reply_to_id else "",
        "thread": message.thread.reference if message.thread_id else "",
        "recipients": [row.agency.code for row in message.recipients.select_related("agency")],
        "sent_at": message.sent_at.isoformat() if message.sent_at else "",
        **{name: getattr(message, name) for name in (
            "kind", "subject", "body", "language", "crime_areas", "source_reliability", "information_accuracy",
            "priority")},
        "reply_by": message.reply_by.isoformat() if message.reply_by else "",
        "translations": [
            {"language": t.language, "subject": t.subject, "body": t.body, "translator": t.translator,
             "translated_at": t.translated_at.isoformat(), "certified": t.certified}
            for t in message.translations.all()
        ],
        "links": [{"kind": link.target_type, "label": link.label} for link in message.links.all()],
        "indicators": [{"kind": i.kind, "value": i.value} for i in message.indicators.all()],
    }  # fmt: skip
    return payload, files


def deliver(message: Any) -> None:
    """A message just sent: hosted recipients have it now; remote ones get an envelope each."""
    now = timezone.now()
    remote = []
    for row in message.recipients.select_related("agency"):
        if is_remote(row.agency):
            remote.append(row)
        elif row.delivered_at is None:
            row.delivered_at = now
            row.save(update_fields=["delivered_at"])
    if remote:
        payload, files = message_content(message)
        for row in remote:
            _send(SEND_KIND, message, message.owner, row.agency, payload, attachments=files)


def receipt(message: Any, row: Any, what: str) -> None:
    """A recipient's acknowledgement or read receipt, to a remote sender."""
    if is_remote(message.owner) and nodes.serves(row.agency):
        moment = row.acknowledged_at if what == "acknowledged" else row.read_at
        payload = {"reference": message.reference, "what": what, "at": moment.isoformat() if moment else ""}
        _send(RECEIPT_KIND, message, row.agency, message.owner, payload)


def recall(message: Any) -> None:
    for row in message.recipients.select_related("agency"):
        if is_remote(row.agency):
            _send(RECALL_KIND, message, message.owner, row.agency, {"reference": message.reference})


def permission_request(request: Any) -> None:
    message = request.message
    if is_remote(message.owner) and nodes.serves(request.agency):
        payload = {
            "reference": message.reference,
            "request": str(request.pk),
            "purpose": request.purpose,
            "third_agency": request.third_agency.code if request.third_agency_id else "",
            "reason": request.reason,
            "requested_by": request.requested_by,
        }
        _send(PERMISSION_REQUEST_KIND, message, request.agency, message.owner, payload)


def permission_answer(request: Any) -> None:
    message = request.message
    if is_remote(request.agency):
        from liaison.federation import origin

        found = origin.of(request)
        payload = {
            "reference": message.reference,
            "request": found.remote_id if found else "",
            "status": request.status,
            "answer": request.answer,
            "answered_by": request.answered_by,
        }
        _send(PERMISSION_ANSWER_KIND, message, message.owner, request.agency, payload)
