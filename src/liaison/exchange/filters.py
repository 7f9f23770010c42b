"""Filters of the message lists and of the API: box (inbox, sent, drafts, approvals), partner, crime area, handling
code, TLP, priority, kind, status, overdue, review due, and the search box (queries.search_messages)."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from liaison.agencies.models import Agency
from liaison.core.choices import TLP, CrimeArea, HandlingCode
from liaison.exchange import queries
from liaison.exchange.actions import review_due
from liaison.exchange.choices import MessageKind, MessagePriority, MessageStatus
from liaison.exchange.models import Message

RELEVANCE = "relevance"
YES_NO = forms.Select(choices=[("", "---------"), ("true", _("Yes")), ("false", _("No"))])
BOXES = [("inbox", _("Inbox")), ("sent", _("Sent")), ("drafts", _("Drafts")), ("approvals", _("Approvals"))]


class MessageFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    box = django_filters.ChoiceFilter(label=_("Box"), choices=BOXES, method="in_box")
    partner = django_filters.ModelChoiceFilter(
        label=_("Partner"), queryset=Agency.objects.filter(is_active=True), method="with_partner"
    )
    crime_area = django_filters.ChoiceFilter(label=_("Crime area"), choices=CrimeArea.choices, method="in_area")
    handling_code = django_filters.ChoiceFilter(label=_("Handling code"), choices=HandlingCode.choices)
    tlp = django_filters.ChoiceFilter(label=_("TLP"), choices=TLP.choices)
    priority = django_filters.ChoiceFilter(label=_("Priority"), choices=MessagePriority.choices)
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=MessageKind.choices)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=MessageStatus.choices)
    overdue = django_filters.BooleanFilter(label=_("Reply overdue"), method="only_overdue", widget=YES_NO)
    review_due = django_filters.BooleanFilter(label=_("Review due"), method="only_review_due", widget=YES_NO)

    class Meta:
        model = Message
        fields = ["q", "box", "partner", "crime_area", "handling_code", "tlp", "priority", "kind", "status"]

    def _user(self) -> Any:
        return getattr(self.request, "user", None)

    def by_relevance(self) -> bool:
        """Whether the list asks for the order of relevance (the page's `sort=relevance`, the API's
        `ordering=relevance`): the search then ranks what it finds."""
        data = self.data or {}
        return RELEVANCE in (data.get("sort"), data.get("ordering"))

    def search(self, queryset: QuerySet[Message], name: str, value: str) -> QuerySet[Message]:
        return queries.search_messages(queryset, value, relevance=self.by_relevance())

    def in_box(self, queryset: QuerySet[Message], name: str, value: str) -> QuerySet[Message]:
        user = self._user()
        boxes = {"inbox": queries.inbox, "sent": queries.sent, "drafts": queries.drafts,
                 "approvals": queries.awaiting_approval}  # fmt: skip
        if user is None or value not in boxes:
            return queryset
        return queryset.filter(pk__in=boxes[value](user).values("pk"))

    def with_partner(self, queryset: QuerySet[Message], name: str, value: Agency | None) -> QuerySet[Message]:
        if value is None:
            return queryset
        return queryset.filter(Q(owner=value) | Q(recipients__agency=value)).distinct()

    def in_area(self, queryset: QuerySet[Message], name: str, value: str) -> QuerySet[Message]:
        return queryset.filter(crime_areas__icontains=f'"{value}"') if value else queryset

    def only_overdue(self, queryset: QuerySet[Message], name: str, value: bool | None) -> QuerySet[Message]:
        if value is None:
            return queryset
        overdue = queries.overdue_requests(Message.objects.all(), timezone.localdate()).values("pk")
        return queryset.filter(pk__in=overdue) if value else queryset.exclude(pk__in=overdue)

    def only_review_due(self, queryset: QuerySet[Message], name: str, value: bool | None) -> QuerySet[Message]:
        if value is None:
            return queryset
        due = review_due(Message.objects.all(), timezone.localdate()).values("pk")
        return queryset.filter(pk__in=due) if value else queryset.exclude(pk__in=due)
