from __future__ import annotations

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from liaison.agencies.choices import AgencyKind, UnitKind
from liaison.agencies.models import Agency, ApiToken, Role, Unit, User
from liaison.core.search import fold_q


class SearchFilterMixin(django_filters.FilterSet):
    """`q`: records any of whose `search_fields` contains the text, diacritics and case ignored (core/search.py).
    The API's `?search=` uses the same `search` (core/api/filters.py)."""

    search_fields: tuple[str, ...] = ()
    q = django_filters.CharFilter(label=_("Search"), method="search")

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:  # type: ignore[type-arg]
        return queryset.filter(fold_q(self.search_fields, value))


class AgencyFilter(SearchFilterMixin):
    search_fields = ("name_native", "name_en", "short_name", "code")
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=AgencyKind.choices)

    class Meta:
        model = Agency
        fields = ["q", "kind", "country", "is_active"]


class UnitFilter(SearchFilterMixin):
    search_fields = ("name", "name_en")
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=UnitKind.choices)
    agency = django_filters.ModelChoiceFilter(label=_("Agency"), queryset=Agency.objects.all())

    class Meta:
        model = Unit
        fields = ["q", "agency", "kind", "is_active"]


class UserFilter(SearchFilterMixin):
    search_fields = ("username", "first_name", "last_name", "email")
    agency = django_filters.ModelChoiceFilter(label=_("Agency"), queryset=Agency.objects.all())
    roles = django_filters.ModelChoiceFilter(label=_("Role"), queryset=Role.objects.all())

    class Meta:
        model = User
        fields = ["q", "agency", "roles", "is_active"]


class ApiTokenFilter(SearchFilterMixin):
    search_fields = ("name", "prefix", "user__username")

    class Meta:
        model = ApiToken
        fields = ["q", "read_only"]
