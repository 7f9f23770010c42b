"""Reading the exchange: the inbox, sent messages, drafts and approvals of a user's agency, the search, overdue
requests and the statistics of a partner. Every list starts from `access.restrict`."""

from __future__ import annotations

import datetime
import statistics
from typing import Any

from django.db import models
from django.db.models.functions import TruncMonth
from django.utils import timezone

from liaison.core import access, fulltext
from liaison.exchange import searching
from liaison.exchange.choices import MessageKind, MessageStatus
from liaison.exchange.models import Message, Recipient

S = MessageStatus


def visible(actor: Any) -> models.QuerySet[Message]:
    return access.restrict(Message.objects.select_related("owner"), actor)


def inbox(actor: Any) -> models.QuerySet[Message]:
    """Messages addressed to the actor's agency (sent, not recalled)."""
    return visible(actor).exclude(owner_id=actor.agency_id)


def sent(actor: Any) -> models.QuerySet[Message]:
    return (
        visible(actor).filter(owner_id=actor.agency_id).exclude(status__in=(S.DRAFT, S.AWAITING_APPROVAL, S.APPROVED))
    )


def drafts(actor: Any) -> models.QuerySet[Message]:
    return visible(actor).filter(owner_id=actor.agency_id, status=S.DRAFT)


def awaiting_approval(actor: Any) -> models.QuerySet[Message]:
    return visible(actor).filter(owner_id=actor.agency_id, status=S.AWAITING_APPROVAL)


def unread_count(actor: Any) -> int | None:
    """The menu badge: messages in the inbox no officer of the agency has opened yet."""
    if not access.can(actor, Message, access.VIEW):
        return None
    unread = Recipient.objects.filter(agency_id=actor.agency_id, read_at__isnull=True).values("message_id")
    return inbox(actor).filter(pk__in=unread).count()


def search_messages(queryset: models.QuerySet[Message], q: str, *, relevance: bool = False) -> models.QuerySet[Message]:
    """The messages of `queryset` whose reference, subject, text, a translation or an indicator has every word of
    `q` (core.fulltext: diacritics and case ignored, Chinese and Korean by character bigrams; exchange/searching.py
    says what is indexed). A filter among the others: `queryset` stays what the caller restricted it to (through
    access), the order is the caller's. With `relevance`, each message found carries its `relevance` (higher is a
    better match) for `order_by(*BY_RELEVANCE)`, and the queryset must stay the outer query. The one place
    message search is done."""
    q = (q or "").strip()
    if not q:
        return queryset
    if relevance:
        return fulltext.ranked(queryset, searching.KIND, q)
    return queryset.filter(pk__in=fulltext.matching(searching.KIND, q))


BY_RELEVANCE = ("-relevance", "-created_at", "-pk")  # the order of a search by relevance: ties newest first


def overdue_requests(queryset: models.QuerySet[Message], today: datetime.date) -> models.QuerySet[Message]:
    """Sent requests past their reply deadline that a recipient has not answered."""
    unanswered = Recipient.objects.filter(replied_at__isnull=True, recalled_at__isnull=True).values("message_id")
    return queryset.filter(kind=MessageKind.REQUEST, status=S.SENT, reply_by__lt=today, pk__in=unanswered)


def _hours(deltas: list[datetime.timedelta]) -> float | None:
    return round(statistics.median(d.total_seconds() for d in deltas) / 3600, 1) if deltas else None


def partner_statistics(actor: Any, partner: Any, months: int = 12) -> dict[str, Any]:
    """Messages exchanged between the actor's agency and `partner` (what the actor may see): sent and received
    per month, the partner's median time to acknowledge and to reply to ours (hours), and overdue requests."""
    own = actor.agency_id
    since = (timezone.localdate().replace(day=1) - datetime.timedelta(days=31 * (months - 1))).replace(day=1)
    ours = visible(actor).filter(owner_id=own, sent_at__isnull=False, recipients__agency=partner)
    theirs = visible(actor).filter(owner=partner, sent_at__isnull=False, recipients__agency_id=own)
    by_month: dict[datetime.date, dict[str, int]] = {}
    for name, queryset in (("sent", ours), ("received", theirs)):
        rows = (
            queryset.filter(sent_at__date__gte=since)
            .annotate(month=TruncMonth("sent_at"))
            .values("month")
            .annotate(n=models.Count("pk", distinct=True))
        )
        for row in rows:
            month = row["month"].date() if isinstance(row["month"], datetime.datetime) else row["month"]
            by_month.setdefault(month, {"sent": 0, "received": 0})[name] = row["n"]
    receipts = Recipient.objects.filter(message__in=ours.values("pk"), agency=partner).select_related("message")
    ack = [r.acknowledged_at - r.message.sent_at for r in receipts if r.acknowledged_at and r.message.sent_at]
    replied = [r.replied_at - r.message.sent_at for r in receipts if r.replied_at and r.message.sent_at]
    overdue = overdue_requests(ours, timezone.localdate()).filter(
        recipients__agency=partner, recipients__replied_at__isnull=True
    )
    return {
        "months": [{"month": month, **counts} for month, counts in sorted(by_month.items())],
        "sent": ours.distinct().count(),
        "received": theirs.distinct().count(),
        "median_ack_hours": _hours(ack),
        "median_reply_hours": _hours(replied),
        "overdue": list(overdue.distinct()[:20]),
    }


def thread(root: Message, actor: Any) -> models.QuerySet[Message]:
    """The messages of the thread that starts at `root` which the actor may see, oldest first."""
    return (
        visible(actor)
        .filter(models.Q(pk=root.pk) | models.Q(thread=root))
        .select_related("owner")
        .prefetch_related("recipients__agency")
        .order_by("sent_at", "created_at", "pk")
    )
