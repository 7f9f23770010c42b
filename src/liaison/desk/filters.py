"""django-filter FilterSets of the liaison desk: the API's, and the list pages' (`*PageFilter`, whose record
choices are narrowed to what the signed-in user may see)."""

from __future__ import annotations

import datetime
from typing import Any

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from liaison.agencies.filters import SearchFilterMixin
from liaison.agencies.models import Agency
from liaison.core import access
from liaison.core.choices import CrimeArea
from liaison.core.search import fold_q
from liaison.desk import access as desk_access
from liaison.desk.choices import CaseDirection, CaseStatus, NoticeKind, NoticeSource, NoticeStatus, Priority
from liaison.desk.models import CaseDocument, CaseEvent, FugitiveCase, Notice, Offence, PartnerDeadlines
from liaison.people.models import Person

YES_NO = forms.Select(choices=[("", "---------"), ("true", _("Yes")), ("false", _("No"))])


class NoticeFilter(SearchFilterMixin):
    search_fields = ("person__display_name", "person__names__full_name", "reference", "interpol_id", "summary")
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=NoticeKind.choices)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=NoticeStatus.choices)
    source = django_filters.ChoiceFilter(label=_("Source"), choices=NoticeSource.choices)
    issuing_country = django_filters.ChoiceFilter(label=_("Issuing country"), choices=countries)
    crime_area = django_filters.ChoiceFilter(
        label=_("Crime area"), choices=CrimeArea.choices, field_name="offences__crime_area", distinct=True
    )
    review_due = django_filters.BooleanFilter(label=_("Review due"), method="only_review_due", widget=YES_NO)
    issued_after = django_filters.DateFilter(label=_("Issued on or after"), field_name="issued_on", lookup_expr="gte")
    issued_before = django_filters.DateFilter(label=_("Issued on or before"), field_name="issued_on", lookup_expr="lte")
    person = django_filters.NumberFilter(label=_("Person"), field_name="person")

    class Meta:
        model = Notice
        fields = ["q", "kind", "status", "source", "issuing_country", "crime_area", "review_due", "person"]

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:  # type: ignore[type-arg]
        return super().search(queryset, name, value).distinct()

    def only_review_due(self, queryset: QuerySet, name: str, value: bool | None) -> QuerySet:  # type: ignore[type-arg]
        if value is None:
            return queryset
        due = Notice.objects.review_due(timezone.localdate()).values("pk")
        return queryset.filter(pk__in=due) if value else queryset.exclude(pk__in=due)


class OffenceFilter(django_filters.FilterSet):
    notice = django_filters.NumberFilter(label=_("Notice"), field_name="notice")
    crime_area = django_filters.ChoiceFilter(label=_("Crime area"), choices=CrimeArea.choices)

    class Meta:
        model = Offence
        fields = ["notice", "crime_area"]


class FugitiveCaseFilter(SearchFilterMixin):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=CaseStatus.choices)
    priority = django_filters.ChoiceFilter(label=_("Priority"), choices=Priority.choices)
    direction = django_filters.ChoiceFilter(label=_("Direction"), choices=CaseDirection.choices)
    partner = django_filters.ModelChoiceFilter(label=_("Partner"), queryset=Agency.objects.all())
    crime_area = django_filters.ChoiceFilter(label=_("Crime area"), choices=CrimeArea.choices)
    overdue = django_filters.BooleanFilter(label=_("Overdue"), method="only_overdue", widget=YES_NO)
    open = django_filters.BooleanFilter(label=_("Open"), method="only_open", widget=YES_NO)
    person = django_filters.NumberFilter(label=_("Person"), field_name="person")
    notice = django_filters.NumberFilter(label=_("Notice"), field_name="notice")

    class Meta:
        model = FugitiveCase
        fields = [
            "q",
            "status",
            "priority",
            "partner",
            "direction",
            "crime_area",
            "overdue",
            "open",
            "person",
            "notice",
        ]

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:  # type: ignore[type-arg]
        """References and the person's name; the person's other names only where the user may see the person, the
        summary only where the user reads the case in full (its partner does not: desk/access.py)."""
        user = getattr(self.request, "user", None)
        persons = access.restrict(Person.objects.all(), user).values("pk")
        condition = (
            fold_q(("reference", "partner_reference", "person__display_name"), value)
            | (Q(person__in=persons) & fold_q(("person__names__full_name",), value))
            | (Q(pk__in=desk_access.full_view_cases(user).values("pk")) & fold_q(("summary",), value))
        )
        return queryset.filter(condition).distinct()

    def only_overdue(self, queryset: QuerySet, name: str, value: bool | None) -> QuerySet:  # type: ignore[type-arg]
        if value is None:
            return queryset
        today: datetime.date = timezone.localdate()
        overdue = FugitiveCase.objects.overdue(today).values("pk")
        return queryset.filter(pk__in=overdue) if value else queryset.exclude(pk__in=overdue)

    def only_open(self, queryset: QuerySet, name: str, value: bool | None) -> QuerySet:  # type: ignore[type-arg]
        if value is None:
            return queryset
        open_cases = FugitiveCase.objects.open().values("pk")
        return queryset.filter(pk__in=open_cases) if value else queryset.exclude(pk__in=open_cases)


class CaseEventFilter(django_filters.FilterSet):
    case = django_filters.NumberFilter(label=_("Case"), field_name="case")

    class Meta:
        model = CaseEvent
        fields = ["case", "kind"]


class CaseDocumentFilter(django_filters.FilterSet):
    case = django_filters.NumberFilter(label=_("Case"), field_name="case")

    class Meta:
        model = CaseDocument
        fields = ["case", "kind"]


class PartnerDeadlinesFilter(django_filters.FilterSet):
    class Meta:
        model = PartnerDeadlines
        fields = ["partner"]


# --- list pages ------------------------------------------------------------------------------------------
class _RestrictedChoices:
    """The partner drop-down lists the active agencies the signed-in user may see, other than their own."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        request = kwargs.get("request")
        user = getattr(request, "user", None)
        own: Any = getattr(user, "agency_id", None)
        for name, field in self.form.fields.items():  # type: ignore[attr-defined]
            queryset = getattr(field, "queryset", None)
            if queryset is not None and queryset.model is Agency:
                field.queryset = access.restrict(Agency.objects.filter(is_active=True), user).exclude(pk=own)
                self.filters[name].queryset = field.queryset  # type: ignore[attr-defined]


class NoticePageFilter(_RestrictedChoices, NoticeFilter):
    person = None  # the API's filter by id; a person's page lists its notices

    class Meta(NoticeFilter.Meta):
        fields = ["q", "kind", "status", "source", "issuing_country", "crime_area", "review_due"]


class FugitiveCasePageFilter(_RestrictedChoices, FugitiveCaseFilter):
    person = None
    notice = None

    class Meta(FugitiveCaseFilter.Meta):
        fields = ["q", "status", "priority", "partner", "direction", "crime_area", "overdue", "open"]
