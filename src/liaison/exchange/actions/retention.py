"""Translations, the retention review, and the one entry point for state changes (audited).

Retention (docs/decisions/0036-exchange-model.md): each sent message has a review date (its agency's period for
its handling code, ExchangeRules). From `REVIEW_WARNING_DAYS` before it the message is flagged (the dashboard and
the lists); the sender's agency reviews it: keeps it to a later date, or deletes its content (text,
translations, attachments, links) keeping the message's reference, codes, dates and receipts; the audit keeps
that it existed.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from liaison.core import actions, audit
from liaison.exchange import workflow
from liaison.exchange.access import WRITE_PERMISSION
from liaison.exchange.actions.common import record_transition
from liaison.exchange.actions.messages import (
    do_approve_message,
    do_reject_message,
    do_submit_message,
    require_sender,
)
from liaison.exchange.actions.receiving import do_recall_message
from liaison.exchange.choices import MessageStatus
from liaison.exchange.models import Message, Translation
from liaison.exchange.searching import index_message, unindex_message

S = MessageStatus
REVIEW_WARNING_DAYS = 30
TRANSLATION_FIELDS = ("language", "subject", "body", "translator", "translated_at", "certified")


def review_due(queryset: models.QuerySet[Message], today: datetime.date) -> models.QuerySet[Message]:
    """Sent or recalled messages whose review date falls within REVIEW_WARNING_DAYS (or has passed)."""
    return queryset.filter(
        status__in=(S.SENT, S.RECALLED), review_on__lte=today + datetime.timedelta(days=REVIEW_WARNING_DAYS)
    )


def do_add_translation(message: Message, data: Mapping[str, Any], *, actor: Any) -> Translation:
    """A translation of the message's subject and text into another language: who translated, when, certified."""
    actions.require(actor, WRITE_PERMISSION)
    actions.require_owner(message, actor, WRITE_PERMISSION)
    if message.status == S.CONTENT_DELETED:
        raise ValidationError(_("The content of this message was deleted."))
    for name in data:
        if name not in TRANSLATION_FIELDS:
            raise ValidationError({name: _("This field cannot be set here.")})
    fields = {"translated_at": timezone.now(), **dict(data)}
    if fields.get("language") == message.language:
        raise ValidationError({"language": _("The text is already in this language.")})
    if message.translations.filter(language=fields.get("language")).exists():
        raise ValidationError({"language": _("There is already a translation into this language.")})
    with transaction.atomic():
        translation = Translation(message=message, **fields)
        translation.full_clean(exclude=["message"])
        translation.save()
        index_message(message)
        audit.record("message.translate", actor=actor, obj=message, after=audit.snapshot(translation))
    return translation


def do_review_message(
    message: Message,
    *,
    keep_until: datetime.date | None = None,
    delete_content: bool = False,
    note: str = "",
    actor: Any,
) -> Message:
    """Keep the message until `keep_until`, or delete its content."""
    require_sender(message, actor)
    if message.status not in (S.SENT, S.RECALLED):
        raise ValidationError(_("Only a sent or recalled message is reviewed."))
    if delete_content == (keep_until is not None):
        raise ValidationError({"keep_until": _("Either give the next review date or delete the content.")})
    if keep_until is not None and keep_until <= timezone.localdate():
        raise ValidationError({"keep_until": _("The next review date is in the future.")})
    with transaction.atomic():
        message = Message.objects.select_for_update().get(pk=message.pk)
        if keep_until is not None:
            before = message.review_on
            message.review_on = keep_until
            message.save(update_fields=["review_on", "updated_at"])
            audit.record("message.review", actor=actor, obj=message, before={"review_on": before},
                         after={"review_on": keep_until, **({"note": note} if note else {})})  # fmt: skip
            return message
        workflow.MESSAGE.check(message.status, S.CONTENT_DELETED, note or "review")
        before_status = message.status
        files = [a.file for a in message.attachments.all()]
        message.attachments.all().delete()
        message.translations.all().delete()
        message.links.all().delete()
        message.indicators.all().delete()
        message.subject, message.body, message.status = "", "", S.CONTENT_DELETED
        message.content_deleted_at = timezone.now()
        message.save(update_fields=["subject", "body", "status", "content_deleted_at", "updated_at"])
        unindex_message(message.pk)
        record_transition(message, before_status, actor=actor, action="message.delete_content", note=note)
        transaction.on_commit(lambda: [f.delete(save=False) for f in files])
    return message


def do_transition_message(message: Message, to: str, *, note: str = "", actor: Any) -> Message:
    """The API's /transition/: each target state through its action."""
    if to not in S.values:
        workflow.MESSAGE.check(message.status, to, note)
    if to in (S.SENT, S.AWAITING_APPROVAL) and message.status == S.DRAFT:
        return do_submit_message(message, actor=actor)
    if to in (S.APPROVED, S.SENT) and message.status == S.AWAITING_APPROVAL:
        return do_approve_message(message, note=note, actor=actor)
    if to == S.DRAFT and message.status == S.AWAITING_APPROVAL:
        return do_reject_message(message, note=note, actor=actor)
    if to == S.RECALLED:
        return do_recall_message(message, note=note, actor=actor)
    if to == S.CONTENT_DELETED:
        return do_review_message(message, delete_content=True, note=note, actor=actor)
    workflow.MESSAGE.check(message.status, to, note)
    raise ValidationError({"to": _("Use the page or endpoint for this change.")})
