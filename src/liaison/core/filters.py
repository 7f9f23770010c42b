from __future__ import annotations

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from liaison.core.models import AuditEvent


class AuditFilter(django_filters.FilterSet):
    action = django_filters.CharFilter(label=_("Action"), lookup_expr="istartswith")
    actor_name = django_filters.CharFilter(label=_("Actor"), lookup_expr="icontains")
    object_type = django_filters.CharFilter(label=_("Object type"), lookup_expr="iexact")
    object_id = django_filters.CharFilter(label=_("Object id"))
    request_id = django_filters.CharFilter(label=_("Request id"))
    channel = django_filters.ChoiceFilter(label=_("Channel"), choices=AuditEvent.CHANNELS)
    since = django_filters.DateFilter(
        label=_("From"),
        field_name="occurred_at",
        lookup_expr="date__gte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    until = django_filters.DateFilter(
        label=_("To"), field_name="occurred_at", lookup_expr="date__lte", widget=forms.DateInput(attrs={"type": "date"})
    )

    class Meta:
        model = AuditEvent
        fields = [
            "action",
            "actor_name",
            "agency",
            "object_type",
            "object_id",
            "channel",
            "request_id",
            "since",
            "until",
        ]
