"""django-filter FilterSets of legal requests (the API's and the list page's)."""

from __future__ import annotations

import django_filters
from django import forms
from django.db import models
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from liaison.agencies.filters import SearchFilterMixin
from liaison.legal.choices import Direction, RequestKind, RequestStatus, RequestSubkind, TreatyBasis
from liaison.legal.models import LegalOffence, LegalRequest, RequestEvent, TreatyTerms

YES_NO = forms.Select(choices=[("", "---------"), ("true", _("Yes")), ("false", _("No"))])


class LegalRequestFilter(SearchFilterMixin):
    search_fields = ("reference", "partner_reference", "facts", "person__display_name")
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=RequestKind.choices)
    subkind = django_filters.ChoiceFilter(label=_("Sub-kind"), choices=RequestSubkind.choices)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=RequestStatus.choices)
    direction = django_filters.ChoiceFilter(label=_("Direction"), choices=Direction.choices)
    open = django_filters.BooleanFilter(label=_("Open"), method="only_open", widget=YES_NO)
    overdue = django_filters.BooleanFilter(label=_("Past a deadline"), method="only_overdue", widget=YES_NO)
    person = django_filters.NumberFilter(label=_("Person"), method="about_person")
    fugitive_case = django_filters.NumberFilter(label=_("Fugitive case"), field_name="fugitive_case")

    class Meta:
        model = LegalRequest
        fields = ["q", "kind", "subkind", "status", "direction", "open", "overdue", "person", "fugitive_case"]

    def about_person(self, queryset: QuerySet, name: str, value: int | None) -> QuerySet:  # type: ignore[type-arg]
        """The requests about the person, as the first person or one of the others."""
        if value is None:
            return queryset
        return queryset.filter(models.Q(person=value) | models.Q(other_persons=value)).distinct()

    def only_open(self, queryset: QuerySet, name: str, value: bool | None) -> QuerySet:  # type: ignore[type-arg]
        if value is None:
            return queryset
        ids = LegalRequest.objects.open().values("pk")
        return queryset.filter(pk__in=ids) if value else queryset.exclude(pk__in=ids)

    def only_overdue(self, queryset: QuerySet, name: str, value: bool | None) -> QuerySet:  # type: ignore[type-arg]
        if value is None:
            return queryset
        ids = LegalRequest.objects.overdue().values("pk")
        return queryset.filter(pk__in=ids) if value else queryset.exclude(pk__in=ids)


class TreatyTermsFilter(SearchFilterMixin):
    search_fields = ("title", "source", "notes")
    basis = django_filters.ChoiceFilter(label=_("Basis"), choices=TreatyBasis.choices)
    partner = django_filters.NumberFilter(label=_("Partner"), field_name="partner")

    class Meta:
        model = TreatyTerms
        fields = ["q", "basis", "partner"]


class LegalOffenceFilter(django_filters.FilterSet):
    request = django_filters.NumberFilter(label=_("Legal request"), field_name="request")

    class Meta:
        model = LegalOffence
        fields = ["request"]


class RequestEventFilter(django_filters.FilterSet):
    request = django_filters.NumberFilter(label=_("Legal request"), field_name="request")

    class Meta:
        model = RequestEvent
        fields = ["request"]
