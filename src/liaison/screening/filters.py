"""django-filter FilterSets of screening: the API's, and the list page's. References to other records are plain
numbers (a record the caller may not see simply matches nothing)."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from liaison.agencies.filters import SearchFilterMixin
from liaison.screening.models import Decision, Hit, ListKind, RunStatus, ScreeningList, ScreeningRun


class ScreeningListFilter(SearchFilterMixin):
    search_fields = ("name", "original_name")
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=ListKind.choices)

    class Meta:
        model = ScreeningList
        fields = ["q", "kind"]


class ScreeningRunFilter(django_filters.FilterSet):
    screening_list = django_filters.NumberFilter(label=_("List"), field_name="screening_list")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=RunStatus.choices)

    class Meta:
        model = ScreeningRun
        fields = ["screening_list", "status"]


class HitFilter(django_filters.FilterSet):
    run = django_filters.NumberFilter(label=_("Run"), field_name="run")
    decision = django_filters.ChoiceFilter(label=_("Decision"), choices=Decision.choices)
    person = django_filters.NumberFilter(label=_("Person"), field_name="person")
    min_score = django_filters.NumberFilter(label=_("Score at least"), field_name="score", lookup_expr="gte")

    class Meta:
        model = Hit
        fields = ["run", "decision", "person", "min_score"]
