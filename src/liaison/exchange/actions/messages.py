"""Writing and sending messages (audited; docs/decisions/0036-exchange-model.md).

A message is written as a draft (`do_create_message`, `do_update_message`, translations, attachments, links),
then submitted: it is sent at once unless its agency's rules (ExchangeRules, set by the node administrator) want
a supervisor's approval for its handling code or one of its recipients; then it waits for `do_approve_message`
(which sends it) or `do_reject_message` (back to draft with the reason). Sending dates it, sets its review date
from the rules and delivers it to each recipient (delivery.py: here for an agency whose officers sign in on this
node, as a federation envelope for one served by a partner node).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from liaison.agencies.models import Agency
from liaison.core import access, actions, audit
from liaison.core.choices import CrimeArea, HandlingCode
from liaison.exchange import delivery, indicators, links, workflow
from liaison.exchange.access import APPROVE_PERMISSION, WRITE_PERMISSION
from liaison.exchange.actions.common import actor_agency, next_reference, record_transition, user_or_none
from liaison.exchange.attachments import check_file
from liaison.exchange.choices import MessageKind, MessageStatus
from liaison.exchange.models import (
    DEFAULT_REVIEW_DAYS,
    Attachment,
    ExchangeRules,
    Indicator,
    Message,
    MessageLink,
    Recipient,
)
from liaison.exchange.searching import index_message, unindex_message

MESSAGE_FIELDS = (
    "kind", "subject", "body", "language", "crime_areas", "handling_code", "handling_note", "tlp",
    "source_reliability", "information_accuracy", "priority", "reply_by", "agreement",
)  # fmt: skip
S = MessageStatus


def rules_for(agency: Any) -> ExchangeRules | None:
    return ExchangeRules.objects.filter(owner=agency).first()


def review_date(message: Message, day: datetime.date) -> datetime.date:
    rules = rules_for(message.owner)
    days = rules.review_days(message.handling_code) if rules else DEFAULT_REVIEW_DAYS.get(message.handling_code, 365)
    return day + datetime.timedelta(days=days)


def approval_needed(message: Message) -> bool:
    rules = rules_for(message.owner)
    if rules is None:
        return False
    if message.handling_code in (rules.approval_codes or []):
        return True
    partners = set(rules.approval_partners.values_list("pk", flat=True))
    return message.recipients.filter(agency_id__in=partners).exists()


def _check_fields(message: Message, actor: Any) -> None:
    areas = message.crime_areas
    if not isinstance(areas, list) or any(area not in CrimeArea.values for area in areas):
        raise ValidationError({"crime_areas": _("Choose crime areas from the list: %(areas)s.")
                               % {"areas": ", ".join(CrimeArea.values)}})  # fmt: skip
    if message.handling_code == HandlingCode.H3 and not message.handling_note.strip():
        raise ValidationError({"handling_note": _("H3 needs its restrictions written out.")})
    if message.reply_by is not None:
        if message.kind != MessageKind.REQUEST:
            raise ValidationError({"reply_by": _("Only a request for information has a reply deadline.")})
        if message.reply_by < timezone.localdate() and message.status in workflow.UNSENT:
            raise ValidationError({"reply_by": _("The reply deadline cannot be in the past.")})
    if message.agreement_id is not None:
        from liaison.cooperation.models import Agreement

        if not access.restrict(Agreement.objects.filter(pk=message.agreement_id), actor).exists():
            raise ValidationError({"agreement": _("No such agreement.")})


def _set_recipients(message: Message, agencies: Iterable[Agency]) -> None:
    chosen = list(dict.fromkeys(agencies))
    if not chosen:
        raise ValidationError({"recipients": _("Choose at least one agency to send the message to.")})
    for agency in chosen:
        if agency.pk == message.owner_id:
            raise ValidationError({"recipients": _("A message goes to other agencies than one's own.")})
        if not agency.is_active:
            raise ValidationError({"recipients": _("%(agency)s is not active.") % {"agency": agency}})
    message.recipients.exclude(agency__in=chosen).delete()
    for agency in chosen:
        Recipient.objects.get_or_create(message=message, agency=agency)


def _set_links(message: Message, targets: Iterable[tuple[str, Any]], actor: Any) -> None:
    message.links.all().delete()
    for label, target_id in targets:
        record = links.check_target(label, target_id, actor)
        MessageLink.objects.get_or_create(
            message=message, target_type=label, target_id=str(record.pk), defaults={"label": str(record)[:255]}
        )


def _set_indicators(message: Message, items: Iterable[tuple[str, str]]) -> None:
    message.indicators.all().delete()
    Indicator.objects.bulk_create(
        Indicator(message=message, kind=kind, value=value) for kind, value in indicators.checked(items)
    )


def _snapshot(message: Message) -> dict[str, Any]:
    data = audit.snapshot(message)
    data["recipients"] = sorted(message.recipients.values_list("agency__code", flat=True))
    data["links"] = sorted(f"{t}:{i}" for t, i in message.links.values_list("target_type", "target_id"))
    data["indicators"] = sorted(f"{k}:{v}" for k, v in message.indicators.values_list("kind", "value"))
    return data


def do_create_message(
    data: Mapping[str, Any],
    *,
    recipients: Iterable[Agency],
    links: Iterable[tuple[str, Any]] = (),
    indicators: Iterable[tuple[str, str]] = (),
    actor: Any,
    in_reply_to: Message | None = None,
    forwarded_from: Message | None = None,
) -> Message:
    """A draft message of the actor's agency to `recipients`, about the linked records (label, id), reporting the
    indicators (kind, value)."""
    actions.require(actor, WRITE_PERMISSION)
    for name in data:
        if name not in MESSAGE_FIELDS:
            raise ValidationError({name: _("This field cannot be set here.")})
    agency = actor_agency(actor)
    with transaction.atomic():
        message = Message(owner=agency, created_by=user_or_none(actor), **dict(data))
        message.in_reply_to, message.forwarded_from = in_reply_to, forwarded_from
        message.thread = in_reply_to.root if in_reply_to is not None else None
        message.reference = next_reference(agency, timezone.localdate().year)
        _check_fields(message, actor)
        message.full_clean(exclude=["thread", "in_reply_to", "forwarded_from", "agreement"])
        message.save()
        _set_recipients(message, recipients)
        _set_links(message, links, actor)
        _set_indicators(message, indicators)
        index_message(message)
        audit.record("message.create", actor=actor, obj=message, after=_snapshot(message))
    return message


def require_draft(message: Message, actor: Any) -> None:
    actions.require(actor, WRITE_PERMISSION)
    actions.require_owner(message, actor, WRITE_PERMISSION)
    if message.status != S.DRAFT:
        raise ValidationError(_("Only a draft can be changed; this message is %(status)s.")
                              % {"status": message.get_status_display()})  # fmt: skip


def do_update_message(
    message: Message,
    data: Mapping[str, Any],
    *,
    recipients: Iterable[Agency] | None = None,
    links: Iterable[tuple[str, Any]] | None = None,
    indicators: Iterable[tuple[str, str]] | None = None,
    actor: Any,
) -> Message:
    require_draft(message, actor)
    for name in data:
        if name not in MESSAGE_FIELDS:
            raise ValidationError({name: _("This field cannot be set here.")})
    with transaction.atomic():
        stored = Message.objects.select_for_update().get(pk=message.pk)
        before = _snapshot(stored)
        for name, value in data.items():
            setattr(stored, name, value)
        _check_fields(stored, actor)
        stored.full_clean(exclude=["thread", "in_reply_to", "forwarded_from", "agreement"])
        stored.save()
        if recipients is not None:
            _set_recipients(stored, recipients)
        if links is not None:
            _set_links(stored, links, actor)
        if indicators is not None:
            _set_indicators(stored, indicators)
        index_message(stored)
        after = _snapshot(stored)
        changed = [key for key in after if after[key] != before.get(key) and key != "updated_at"]
        audit.record("message.update", actor=actor, obj=stored, before={k: before.get(k) for k in changed},
                     after={k: after[k] for k in changed})  # fmt: skip
    message.refresh_from_db()
    return message


def do_delete_message(message: Message, *, actor: Any) -> None:
    """Discard a draft (a sent message is recalled or, at its review, its content deleted)."""
    require_draft(message, actor)
    files = [a.file for a in message.attachments.all()]
    with transaction.atomic():
        before = _snapshot(message)
        label, pk, text = message._meta.label_lower, str(message.pk), str(message)
        message.delete()
        unindex_message(int(pk))
        audit.record("message.delete", actor=actor, before=before, object_type=label, object_id=pk, object_repr=text)
        transaction.on_commit(lambda: [f.delete(save=False) for f in files])


def do_add_attachment(message: Message, uploaded_file: Any, *, actor: Any) -> Attachment:
    """Attach a file to a draft: checked by its content and size (attachments.py), stored by its SHA-256. A
    refused file leaves nothing behind."""
    require_draft(message, actor)
    if not uploaded_file:
        raise ValidationError({"attachments": _("Choose a file to upload.")})
    content, content_type, name = check_file(uploaded_file)
    sha256, size = actions.sha256_of(content)
    attachment = Attachment(message=message, original_name=name, content_type=content_type, size=size, sha256=sha256)
    from django.core.files.base import ContentFile

    attachment.file.save(name, ContentFile(content), save=False)  # written before the transaction …
    try:
        with transaction.atomic():
            attachment.save()
            audit.record(
                "message.attach",
                actor=actor,
                obj=message,
                after={"file": name, "sha256": sha256, "size": size, "content_type": content_type},
            )
    except Exception:
        attachment.file.delete(save=False)  # … and removed when the record is not written
        raise
    return attachment


def do_remove_attachment(attachment: Attachment, *, actor: Any) -> None:
    message = attachment.message
    require_draft(message, actor)
    with transaction.atomic():
        info = {"file": attachment.original_name, "sha256": attachment.sha256}
        attachment.delete()
        audit.record("message.detach", actor=actor, obj=message, before=info)
        transaction.on_commit(lambda: attachment.file.delete(save=False))


def _send(message: Message, *, actor: Any) -> None:
    """Inside the caller's transaction: date, review date, delivery, and the reply recorded on what it answers."""
    now = timezone.now()
    before = message.status
    workflow.MESSAGE.check(before, S.SENT)
    message.status = S.SENT
    message.sent_at = now
    message.review_on = review_date(message, timezone.localdate())
    message.save(update_fields=["status", "sent_at", "review_on", "updated_at"])
    if message.in_reply_to_id is not None:
        Recipient.objects.filter(
            message_id=message.in_reply_to_id, agency_id=message.owner_id, replied_at__isnull=True
        ).update(replied_at=now)
    record_transition(message, before, actor=actor, action="message.send", review_on=message.review_on)
    delivery.deliver(message)


def do_submit_message(message: Message, *, actor: Any) -> Message:
    """Send a draft, or put it before a supervisor where the agency's rules ask for approval."""
    require_draft(message, actor)
    with transaction.atomic():
        message = Message.objects.select_for_update().get(pk=message.pk)
        if approval_needed(message):
            workflow.MESSAGE.check(message.status, S.AWAITING_APPROVAL)
            message.status = S.AWAITING_APPROVAL
            message.save(update_fields=["status", "updated_at"])
            record_transition(message, S.DRAFT, actor=actor, action="message.submit")
        else:
            _send(message, actor=actor)
    return message


def _require_approver(message: Message, actor: Any) -> None:
    actions.require(actor, APPROVE_PERMISSION)
    actions.require_owner(message, actor, APPROVE_PERMISSION)
    if message.status != S.AWAITING_APPROVAL:
        raise ValidationError(_("This message is not awaiting approval."))


def do_approve_message(message: Message, *, actor: Any, note: str = "") -> Message:
    """A supervisor approves a message awaiting approval: it is sent."""
    _require_approver(message, actor)
    with transaction.atomic():
        message = Message.objects.select_for_update().get(pk=message.pk)
        message.status, message.approved_by = S.APPROVED, user_or_none(actor)
        message.save(update_fields=["status", "approved_by", "updated_at"])
        record_transition(message, S.AWAITING_APPROVAL, actor=actor, action="message.approve", note=note)
        _send(message, actor=actor)
    return message


def do_reject_message(message: Message, *, note: str, actor: Any) -> Message:
    """A supervisor sends a message back to its writer, saying why."""
    _require_approver(message, actor)
    workflow.MESSAGE.check(message.status, S.DRAFT, note)
    with transaction.atomic():
        message = Message.objects.select_for_update().get(pk=message.pk)
        message.status, message.status_note = S.DRAFT, note.strip()
        message.save(update_fields=["status", "status_note", "updated_at"])
        record_transition(message, S.AWAITING_APPROVAL, actor=actor, action="message.reject", note=note)
    return message


def require_sender(message: Message, actor: Any) -> None:
    actions.require(actor, WRITE_PERMISSION)
    if message.owner_id != getattr(actor, "agency_id", None):
        raise PermissionDenied(WRITE_PERMISSION)
