"""What a recipient does with a message, and what its sender does after sending (audited;
docs/decisions/0036-exchange-model.md).

- acknowledgement (the delivery receipt an officer of the recipient gives) and the read receipt (recorded when an
  officer of the recipient agency first opens the message);
- a reply (a draft of the recipient's agency in the same thread, to the sender);
- permission requests: a recipient asks the sender to pass the message on to a third agency or to use it in
  court; the sender grants or refuses;
- forwarding to a third agency: refused under H2 (and TLP:RED) without a granted permission for that agency;
- recall by the sender: the recipients lose access, here and on their node.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from liaison.agencies.models import Agency
from liaison.core import actions, audit
from liaison.core.choices import TLP, HandlingCode
from liaison.exchange import delivery, workflow
from liaison.exchange.access import VIEW_PERMISSION, WRITE_PERMISSION, can_read
from liaison.exchange.actions.common import actor_agency, actor_name, recipient_row, record_transition
from liaison.exchange.actions.messages import do_create_message, do_submit_message, require_sender
from liaison.exchange.choices import MessageKind, MessageStatus, PermissionPurpose, PermissionStatus
from liaison.exchange.models import Message, PermissionRequest, Recipient, Translation
from liaison.exchange.searching import index_message

S = MessageStatus
# Codes under which a recipient passes a message on only with its sender's permission.
FORWARD_NEEDS_PERMISSION_CODES = frozenset({HandlingCode.H2})
FORWARD_NEEDS_PERMISSION_TLP = frozenset({TLP.RED})


def do_acknowledge_message(message: Message, *, actor: Any) -> Recipient:
    """The recipient agency confirms the message reached it (once; later calls change nothing)."""
    actions.require(actor, VIEW_PERMISSION)
    with transaction.atomic():
        row = recipient_row(message, actor, lock=True)
        if row.acknowledged_at is not None:
            return row
        now = timezone.now()
        row.acknowledged_at, row.acknowledged_by = now, actor_name(actor)
        row.delivered_at = row.delivered_at or now
        row.save(update_fields=["acknowledged_at", "acknowledged_by", "delivered_at"])
        audit.record("message.acknowledge", actor=actor, obj=message, after={"agency": row.agency.code})
        delivery.receipt(message, row, "acknowledged")
    return row


def record_read(message: Message, *, actor: Any) -> Recipient | None:
    """The read receipt: the first time an officer of a recipient agency opens the message (None for the sender's
    officers and once it was read)."""
    agency_id = getattr(actor, "agency_id", None)
    if agency_id is None or agency_id == message.owner_id or not can_read(message, actor):
        return None
    with transaction.atomic():
        row = Recipient.objects.select_for_update().filter(message=message, agency_id=agency_id).first()
        if row is None or row.read_at is not None:
            return None
        now = timezone.now()
        row.read_at, row.read_by = now, actor_name(actor)
        row.delivered_at = row.delivered_at or now
        row.save(update_fields=["read_at", "read_by", "delivered_at"])
        audit.record("message.read", actor=actor, obj=message, after={"agency": row.agency.code})
        delivery.receipt(message, row, "read")
    return row


def do_reply_message(message: Message, data: Mapping[str, Any], *, actor: Any) -> Message:
    """A draft reply of the actor's agency to the message's sender, in its thread. The codes and evaluation are
    the original's unless given."""
    actions.require(actor, WRITE_PERMISSION)
    if not can_read(message, actor) or message.status != S.SENT:
        raise PermissionDenied(VIEW_PERMISSION)
    if message.owner_id == getattr(actor, "agency_id", None):
        raise ValidationError(_("A reply goes to the sender of a message one received; this one is your own."))
    fields = {
        "kind": MessageKind.REPLY,
        "subject": _("Re: %(subject)s") % {"subject": message.subject},
        "language": message.language,
        "crime_areas": list(message.crime_areas),
        "handling_code": message.handling_code,
        "handling_note": message.handling_note,
        "tlp": message.tlp,
        "priority": message.priority,
        "agreement": message.agreement if message.agreement_id and can_read_agreement(message, actor) else None,
        **dict(data),
    }
    return do_create_message(fields, recipients=[message.owner], actor=actor, in_reply_to=message)


def can_read_agreement(message: Message, actor: Any) -> bool:
    from liaison.cooperation.models import Agreement
    from liaison.core import access

    return access.restrict(Agreement.objects.filter(pk=message.agreement_id or 0), actor).exists()


def do_request_permission(
    message: Message, *, purpose: str, reason: str, third_agency: Agency | None = None, actor: Any
) -> PermissionRequest:
    """A recipient asks the sender for permission to pass the message on to `third_agency` or to use it in court."""
    actions.require(actor, VIEW_PERMISSION)
    row = recipient_row(message, actor)
    if purpose not in PermissionPurpose.values:
        raise ValidationError({"purpose": _("Choose what the permission is for.")})
    if purpose == PermissionPurpose.FORWARD and third_agency is None:
        raise ValidationError({"third_agency": _("Name the agency to pass the message on to.")})
    if purpose == PermissionPurpose.COURT and third_agency is not None:
        raise ValidationError({"third_agency": _("Use in court names no third agency.")})
    if third_agency is not None and third_agency.pk in (message.owner_id, row.agency_id):
        raise ValidationError({"third_agency": _("The third agency is neither the sender nor your own.")})
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the permission is needed.")})
    with transaction.atomic():
        request = PermissionRequest.objects.create(
            message=message, agency=row.agency, purpose=purpose, third_agency=third_agency, reason=reason.strip(),
            requested_by=actor_name(actor),
        )  # fmt: skip
        audit.record("message.permission_request", actor=actor, obj=request, after=audit.snapshot(request))
        delivery.permission_request(request)
    return request


def do_answer_permission(request: PermissionRequest, *, grant: bool, answer: str = "", actor: Any) -> PermissionRequest:
    """The sender grants or refuses a permission request (once)."""
    require_sender(request.message, actor)
    if request.status != PermissionStatus.PENDING:
        raise ValidationError(_("This request was already answered."))
    if not grant and not answer.strip():
        raise ValidationError({"answer": _("Say why the permission is refused.")})
    with transaction.atomic():
        request.status = PermissionStatus.GRANTED if grant else PermissionStatus.REFUSED
        request.answer, request.answered_at, request.answered_by = answer.strip(), timezone.now(), actor_name(actor)
        request.save()
        audit.record(
            "message.permission_grant" if grant else "message.permission_refuse",
            actor=actor,
            obj=request,
            before={"status": PermissionStatus.PENDING},
            after={"status": request.status, "answer": request.answer},
        )
        delivery.permission_answer(request)
    return request


def court_use_granted(message: Message, agency_id: Any) -> bool:
    return message.permission_requests.filter(
        agency_id=agency_id, purpose=PermissionPurpose.COURT, status=PermissionStatus.GRANTED
    ).exists()


def forward_refusal(message: Message, agency_id: Any, third: Agency) -> str:
    """Why the agency may not pass the message on to `third` ("" when it may)."""
    if message.handling_code not in FORWARD_NEEDS_PERMISSION_CODES and message.tlp not in FORWARD_NEEDS_PERMISSION_TLP:
        return ""
    granted = message.permission_requests.filter(
        agency_id=agency_id, purpose=PermissionPurpose.FORWARD, third_agency=third, status=PermissionStatus.GRANTED
    ).exists()
    if granted:
        return ""
    return _(
        "%(reference)s is %(code)s / TLP:%(tlp)s: it goes on to %(agency)s only with the permission of %(owner)s. "
        "Ask for it first."
    ) % {"reference": message.reference, "code": message.handling_code, "tlp": message.tlp, "agency": third,
         "owner": message.owner}  # fmt: skip


def do_forward_message(message: Message, *, recipients: Iterable[Agency], note: str = "", actor: Any) -> Message:
    """Pass a received message on to third agencies: a new message of the actor's agency carrying the original's
    text, translations, codes and evaluation, submitted at once (approval rules apply)."""
    actions.require(actor, WRITE_PERMISSION)
    row = recipient_row(message, actor)
    targets = list(recipients)
    for third in targets:
        refusal = forward_refusal(message, row.agency_id, third)
        if refusal:
            raise ValidationError({"recipients": refusal})
    actor_agency(actor)
    body = message.body if not note.strip() else f"{note.strip()}\n\n---\n{message.body}"
    fields = {
        "kind": message.kind if message.kind != MessageKind.REQUEST else MessageKind.INFORMATION,
        "subject": _("Fwd: %(subject)s") % {"subject": message.subject},
        "body": body,
        **{name: getattr(message, name) for name in ("language", "crime_areas", "handling_code", "handling_note",
                                                     "tlp", "source_reliability", "information_accuracy", "priority")},
    }  # fmt: skip
    with transaction.atomic():
        reported = list(message.indicators.values_list("kind", "value"))
        forward = do_create_message(
            fields, recipients=targets, indicators=reported, actor=actor, forwarded_from=message
        )
        for translation in message.translations.all():
            Translation.objects.create(
                message=forward, language=translation.language, subject=translation.subject, body=translation.body,
                translator=translation.translator, translated_at=translation.translated_at,
                certified=translation.certified,
            )  # fmt: skip
        index_message(forward)
        audit.record("message.forward", actor=actor, obj=message,
                     after={"forward": forward.reference, "to": [a.code for a in targets]})  # fmt: skip
        forward = do_submit_message(forward, actor=actor)
    return forward


def do_recall_message(message: Message, *, note: str, actor: Any) -> Message:
    """The sender withdraws a sent message: every recipient loses access, here and on its node."""
    require_sender(message, actor)
    with transaction.atomic():
        message = Message.objects.select_for_update().get(pk=message.pk)
        workflow.MESSAGE.check(message.status, S.RECALLED, note)
        message.status, message.status_note = S.RECALLED, note.strip()
        message.save(update_fields=["status", "status_note", "updated_at"])
        message.recipients.filter(recalled_at__isnull=True).update(recalled_at=timezone.now())
        record_transition(message, S.SENT, actor=actor, action="message.recall", note=note)
        delivery.recall(message)
    return message
