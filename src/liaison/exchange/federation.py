"""The exchange's envelope kinds and how a received one is applied (docs/decisions/0037-exchange-delivery.md).

- `exchange.message.send`: a partner's message to an agency of ours; its copy here belongs to the sending agency
  (read-only), carries the sender's reference, and is in the recipient's inbox; a delivery receipt goes back.
  A reply names the message it answers (by reference): that message's recipient entry records the reply.
- `exchange.message.receipt`: delivered / acknowledged / read by the partner's recipient agency.
- `exchange.message.recall`: the sender withdrew the message: our agencies lose access to the copy.
- `exchange.permission.request` / `exchange.permission.answer`: a recipient's request to pass on or use in court,
  and the sender's answer.
Every handler writes an audit record as the partner (`received.actor`, channel 'federation').
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _

from liaison.agencies.models import Agency
from liaison.core import audit, registry
from liaison.exchange import delivery
from liaison.exchange.choices import MessageKind, MessageStatus, PermissionPurpose, PermissionStatus
from liaison.exchange.models import Attachment, Indicator, Message, PermissionRequest, Recipient, Translation
from liaison.exchange.searching import index_message
from liaison.federation import origin
from liaison.federation.envelopes import Received

COPIED = ("kind", "subject", "body", "language", "source_reliability", "information_accuracy", "priority")


def _when(value: Any) -> datetime.datetime:
    parsed = parse_datetime(str(value or ""))
    return parsed if parsed is not None else timezone.now()


def check_send(payload: Any) -> None:
    if not str(payload.get("reference") or "").startswith("MSG-"):
        raise ValueError("the message has no reference")
    if payload.get("kind") not in MessageKind.values:
        raise ValueError("the message has no known kind")
    if not isinstance(payload.get("translations", []), list) or not isinstance(payload.get("crime_areas", []), list):
        raise ValueError("translations and crime areas are lists")


def check_reference(payload: Any) -> None:
    if not str(payload.get("reference") or "").startswith("MSG-"):
        raise ValueError("the envelope names no message")


def _own_message(received: Received, reference: str) -> Message:
    message = Message.objects.filter(reference=reference, owner=received.recipient_agency).first()
    if message is None:
        raise ValidationError(_("No message here matches this envelope."))
    return message


def apply_send(received: Received) -> Message:
    data = received.payload
    found = Message.objects.filter(reference=data["reference"]).first()
    if found is not None:
        return found
    with transaction.atomic():
        answered = Message.objects.filter(reference=data.get("in_reply_to") or "-").first()
        thread = Message.objects.filter(reference=data.get("thread") or "-").first()
        reply_by = data.get("reply_by") or ""
        message = Message.objects.create(
            owner=received.sender_agency, reference=data["reference"], status=MessageStatus.SENT,
            handling_code=received.handling_code, handling_note=received.handling_note, tlp=received.tlp,
            crime_areas=[str(a) for a in data.get("crime_areas", [])], in_reply_to=answered, thread=thread,
            reply_by=datetime.date.fromisoformat(reply_by) if reply_by else None, sent_at=_when(data.get("sent_at")),
            **{name: data.get(name) or "" for name in COPIED},
        )  # fmt: skip
        for code in data.get("recipients", []):
            agency = Agency.objects.filter(code=code).first()
            if agency is not None:
                delivered = timezone.now() if agency.pk == received.recipient_agency.pk else None
                Recipient.objects.get_or_create(message=message, agency=agency, defaults={"delivered_at": delivered})
        Recipient.objects.get_or_create(message=message, agency=received.recipient_agency,
                                        defaults={"delivered_at": timezone.now()})  # fmt: skip
        for item in data.get("translations", []):
            Translation.objects.create(
                message=message, language=str(item.get("language", ""))[:10], subject=str(item.get("subject", "")),
                body=str(item.get("body", "")), translator=str(item.get("translator", ""))[:200],
                translated_at=_when(item.get("translated_at")), certified=bool(item.get("certified")),
            )  # fmt: skip
        for item in data.get("indicators", []):
            if isinstance(item, dict) and item.get("kind") and item.get("value"):
                Indicator.objects.get_or_create(message=message, kind=str(item["kind"])[:20],
                                                value=str(item["value"])[:500])  # fmt: skip
        for info in received.attachment_info:
            content = received.attachments.get(info["sha256"])
            if content is not None:
                attachment = Attachment(message=message, original_name=str(info.get("name") or "file")[:255],
                                        content_type=str(info.get("content_type") or "")[:100],
                                        size=len(content), sha256=info["sha256"])  # fmt: skip
                attachment.file.save(attachment.original_name, ContentFile(content), save=False)
                attachment.save()
        if answered is not None:
            Recipient.objects.filter(message=answered, agency=received.sender_agency, replied_at__isnull=True).update(
                replied_at=message.sent_at
            )
        index_message(message)
        origin.record(message, received, data["reference"])
        audit.record("message.receive", actor=received.actor, obj=message, after={"from": received.sender_node})
        payload = {"reference": message.reference, "what": "delivered", "at": timezone.now().isoformat()}
        delivery._send(delivery.RECEIPT_KIND, message, received.recipient_agency, received.sender_agency, payload,
                       references=[received.id])  # fmt: skip
    return message


def apply_receipt(received: Received) -> None:
    data = received.payload
    message = _own_message(received, data["reference"])
    field = {"delivered": "delivered_at", "acknowledged": "acknowledged_at", "read": "read_at"}.get(
        str(data.get("what"))
    )
    if field is None:
        raise ValidationError(_("Unknown kind of receipt."))
    with transaction.atomic():
        row = Recipient.objects.select_for_update().filter(message=message, agency=received.sender_agency).first()
        if row is None:
            raise ValidationError(_("No message here matches this envelope."))
        if getattr(row, field) is None:
            setattr(row, field, _when(data.get("at")))
            row.delivered_at = row.delivered_at or getattr(row, field)
            row.save()
            audit.record(f"message.receipt_{data['what']}", actor=received.actor, obj=message,
                         after={"agency": received.sender_agency.code})  # fmt: skip


def apply_recall(received: Received) -> None:
    message = Message.objects.filter(reference=received.payload["reference"], owner=received.sender_agency).first()
    if message is None or message.status != MessageStatus.SENT:
        return
    with transaction.atomic():
        message.status = MessageStatus.RECALLED
        message.save(update_fields=["status", "updated_at"])
        message.recipients.filter(recalled_at__isnull=True).update(recalled_at=timezone.now())
        audit.record("message.recall", actor=received.actor, obj=message, before={"status": MessageStatus.SENT},
                     after={"status": message.status})  # fmt: skip


def check_permission_request(payload: Any) -> None:
    check_reference(payload)
    if payload.get("purpose") not in PermissionPurpose.values or not str(payload.get("request") or ""):
        raise ValueError("the request has no purpose or no id")


def apply_permission_request(received: Received) -> PermissionRequest:
    data = received.payload
    message = _own_message(received, data["reference"])
    found = origin.find(PermissionRequest, received.partner, data["request"])
    if found is not None:
        return found
    with transaction.atomic():
        third = Agency.objects.filter(code=data.get("third_agency") or "-").first()
        request = PermissionRequest.objects.create(
            message=message, agency=received.sender_agency, purpose=data["purpose"], third_agency=third,
            reason=str(data.get("reason") or ""), requested_by=str(data.get("requested_by") or "")[:150],
        )  # fmt: skip
        origin.record(request, received, data["request"])
        audit.record("message.permission_request", actor=received.actor, obj=request, after=audit.snapshot(request))
    return request


def apply_permission_answer(received: Received) -> None:
    data = received.payload
    request = PermissionRequest.objects.filter(pk=str(data.get("request") or "0"), agency=received.recipient_agency,
                                               message__reference=data.get("reference")).first()  # fmt: skip
    if request is None or data.get("status") not in (PermissionStatus.GRANTED, PermissionStatus.REFUSED):
        raise ValidationError(_("No permission request here matches this envelope."))
    with transaction.atomic():
        request.status, request.answer = data["status"], str(data.get("answer") or "")
        request.answered_at, request.answered_by = timezone.now(), str(data.get("answered_by") or "")[:150]
        request.save()
        audit.record(f"message.permission_{'grant' if request.status == PermissionStatus.GRANTED else 'refuse'}",
                     actor=received.actor, obj=request, after={"status": request.status})  # fmt: skip


def register() -> None:
    kinds = (
        (delivery.SEND_KIND, apply_send, check_send, _("A partner's message")),
        (delivery.RECEIPT_KIND, apply_receipt, check_reference, _("A receipt for one of our messages")),
        (delivery.RECALL_KIND, apply_recall, check_reference, _("A partner's message recalled")),
        (delivery.PERMISSION_REQUEST_KIND, apply_permission_request, check_permission_request,
         _("A partner asks permission to pass on or use our message")),
        (delivery.PERMISSION_ANSWER_KIND, apply_permission_answer, check_reference,
         _("A partner's answer to our permission request")),
    )  # fmt: skip
    for kind, handler, validate, label in kinds:
        registry.register_envelope_kind(kind, handler=handler, validate=validate, label=label)
