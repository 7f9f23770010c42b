"""django-filter FilterSets of the citizens-abroad domain (API and list pages)."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from liaison.agencies.filters import SearchFilterMixin
from liaison.agencies.models import Agency
from liaison.consular.choices import CaseStatus, Direction, EventKind, FacilityKind, IncidentKind, Situation
from liaison.consular.models import ConsularCase, ConsularEvent, Facility, NotificationRule, ProtectionIncident
from liaison.consular.queries import overdue_q
from liaison.consular.workflow import OPEN_STATES
from liaison.core.choices import CrimeArea

YES_NO = forms.Select(choices=[("", "---------"), ("true", _("Yes")), ("false", _("No"))])


class ConsularCaseFilter(SearchFilterMixin):
    search_fields = ("person__display_name", "person__names__full_name", "reference", "partner_reference", "place")
    direction = django_filters.ChoiceFilter(label=_("Direction"), choices=Direction.choices)
    situation = django_filters.ChoiceFilter(label=_("Situation"), choices=Situation.choices)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=CaseStatus.choices)
    partner = django_filters.ModelChoiceFilter(label=_("Partner"), queryset=Agency.objects.all())
    crime_area = django_filters.ChoiceFilter(label=_("Crime area"), choices=CrimeArea.choices)
    open = django_filters.BooleanFilter(label=_("Open"), method="only_open", widget=YES_NO)
    overdue = django_filters.BooleanFilter(label=_("Past a deadline"), method="only_overdue", widget=YES_NO)
    person = django_filters.NumberFilter(label=_("Person"), field_name="person")

    class Meta:
        model = ConsularCase
        fields = ["q", "direction", "situation", "status", "partner", "crime_area", "open", "overdue", "person"]

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:  # type: ignore[type-arg]
        return super().search(queryset, name, value).distinct()

    def only_open(self, queryset: QuerySet, name: str, value: bool | None) -> QuerySet:  # type: ignore[type-arg]
        if value is None:
            return queryset
        return queryset.filter(status__in=OPEN_STATES) if value else queryset.exclude(status__in=OPEN_STATES)

    def only_overdue(self, queryset: QuerySet, name: str, value: bool | None) -> QuerySet:  # type: ignore[type-arg]
        if value is None:
            return queryset
        late = overdue_q(timezone.localdate())
        return queryset.filter(late) if value else queryset.exclude(late)


class ConsularEventFilter(django_filters.FilterSet):
    case = django_filters.NumberFilter(label=_("Case"), field_name="case")
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=EventKind.choices)

    class Meta:
        model = ConsularEvent
        fields = ["case", "kind"]


class FacilityFilter(SearchFilterMixin):
    search_fields = ("name", "name_en", "city", "address")
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=FacilityKind.choices)
    country = django_filters.ChoiceFilter(label=_("Country"), choices=countries)

    class Meta:
        model = Facility
        fields = ["q", "kind", "country"]


class NotificationRuleFilter(django_filters.FilterSet):
    class Meta:
        model = NotificationRule
        fields = ["partner"]


class IncidentFilter(SearchFilterMixin):
    search_fields = ("title", "description", "place")
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=IncidentKind.choices)
    direction = django_filters.ChoiceFilter(label=_("Direction"), choices=Direction.choices)
    country = django_filters.ChoiceFilter(label=_("Country"), choices=countries)

    class Meta:
        model = ProtectionIncident
        fields = ["q", "kind", "direction", "country"]
