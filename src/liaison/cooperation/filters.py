"""django-filter FilterSets of the cooperation registry: the API's, and the list pages' (`*PageFilter`), whose
record choices are narrowed to what the signed-in user may see (a filter's drop-down must not list another
agency's programmes or agreements)."""

from __future__ import annotations

import datetime
from typing import Any

import django_filters
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from liaison.agencies.filters import SearchFilterMixin
from liaison.agencies.models import Agency, Unit
from liaison.cooperation.choices import (
    ActionItemStatus,
    AgreementKind,
    AgreementStatus,
    CapacityProjectKind,
    CapacityProjectStatus,
    EngagementKind,
    TrainingTopic,
)
from liaison.cooperation.models import (
    ActionItem,
    ActionItemUpdate,
    Agreement,
    AgreementDocument,
    AgreementLink,
    CapacityProject,
    Engagement,
    EngagementParticipant,
    Outcome,
    Programme,
    TrainingCourse,
)
from liaison.core import access
from liaison.core.choices import CrimeArea


def _agency_filter(label: Any, field_name: str) -> django_filters.ModelChoiceFilter:
    return django_filters.ModelChoiceFilter(
        label=label, field_name=field_name, queryset=Agency.objects.all(), distinct=True
    )


class AgreementFilter(SearchFilterMixin):
    search_fields = ("title_en", "titles__title", "reference", "signed_place")
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=AgreementKind.choices)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=AgreementStatus.choices)
    party = _agency_filter(_("Party"), "parties__agency")
    crime_area = django_filters.ChoiceFilter(label=_("Crime area"), choices=CrimeArea.choices, method="with_area")
    signed_after = django_filters.DateFilter(label=_("Signed on or after"), field_name="signed_date", lookup_expr="gte")
    signed_before = django_filters.DateFilter(
        label=_("Signed on or before"), field_name="signed_date", lookup_expr="lte"
    )

    class Meta:
        model = Agreement
        fields = ["q", "kind", "status", "party", "crime_area"]

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:  # type: ignore[type-arg]
        return super().search(queryset, name, value).distinct()

    def with_area(self, queryset: QuerySet, name: str, value: str) -> QuerySet:  # type: ignore[type-arg]
        # The JSON list is matched as text ('"drugs"'), which works the same on SQLite and PostgreSQL.
        return queryset.filter(crime_areas__icontains=f'"{value}"')


class AgreementDocumentFilter(django_filters.FilterSet):
    class Meta:
        model = AgreementDocument
        fields = ["agreement", "language", "kind", "authoritative"]


class AgreementLinkFilter(django_filters.FilterSet):
    agreement = django_filters.NumberFilter(label=_("Either end"), method="either_end")

    class Meta:
        model = AgreementLink
        fields = ["agreement", "from_agreement", "to_agreement", "kind"]

    def either_end(self, queryset: QuerySet, name: str, value: int) -> QuerySet:  # type: ignore[type-arg]
        return queryset.filter(Q(from_agreement=value) | Q(to_agreement=value))


class ProgrammeFilter(SearchFilterMixin):
    search_fields = ("title",)
    partner = _agency_filter(_("Partner"), "partners")
    year = django_filters.NumberFilter(label=_("Covers the year"), method="covers_year")

    class Meta:
        model = Programme
        fields = ["q", "agreement", "partner", "year"]

    def covers_year(self, queryset: QuerySet, name: str, value: int) -> QuerySet:  # type: ignore[type-arg]
        return queryset.filter(Q(start_year__lte=value) | Q(start_year__isnull=True)).filter(
            Q(end_year__gte=value) | Q(end_year__isnull=True)
        )


class ActionItemFilter(SearchFilterMixin):
    search_fields = ("title", "description", "number", "partner_unit_text")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=ActionItemStatus.choices)
    partner = django_filters.ModelChoiceFilter(label=_("Partner"), queryset=Agency.objects.all(), method="for_partner")
    overdue = django_filters.BooleanFilter(label=_("Overdue"), method="only_overdue")
    open = django_filters.BooleanFilter(label=_("Open"), method="only_open")
    due_after = django_filters.DateFilter(label=_("Due on or after"), field_name="due_date", lookup_expr="gte")
    due_before = django_filters.DateFilter(label=_("Due on or before"), field_name="due_date", lookup_expr="lte")

    class Meta:
        model = ActionItem
        fields = ["q", "programme", "status", "partner", "home_unit", "overdue", "open"]

    def for_partner(self, queryset: QuerySet, name: str, value: Agency | None) -> QuerySet:  # type: ignore[type-arg]
        return queryset.for_partner(value) if value else queryset  # type: ignore[attr-defined]

    def only_overdue(self, queryset: QuerySet, name: str, value: bool | None) -> QuerySet:  # type: ignore[type-arg]
        if value is None:
            return queryset
        today: datetime.date = timezone.localdate()
        overdue = ActionItem.objects.overdue(today).values("pk")
        return queryset.filter(pk__in=overdue) if value else queryset.exclude(pk__in=overdue)

    def only_open(self, queryset: QuerySet, name: str, value: bool | None) -> QuerySet:  # type: ignore[type-arg]
        if value is None:
            return queryset
        return queryset.open() if value else queryset.exclude(pk__in=ActionItem.objects.open().values("pk"))  # type: ignore[attr-defined]


class ActionItemUpdateFilter(django_filters.FilterSet):
    class Meta:
        model = ActionItemUpdate
        fields = ["action_item"]


class EngagementFilter(SearchFilterMixin):
    search_fields = ("title", "place", "agenda")
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=EngagementKind.choices)
    partner = _agency_filter(_("Partner"), "partners")
    start_after = django_filters.DateFilter(label=_("Starts on or after"), field_name="start_date", lookup_expr="gte")
    start_before = django_filters.DateFilter(label=_("Starts on or before"), field_name="start_date", lookup_expr="lte")

    class Meta:
        model = Engagement
        fields = ["q", "kind", "direction", "level", "partner", "programme"]


class ParticipantFilter(django_filters.FilterSet):
    class Meta:
        model = EngagementParticipant
        fields = ["engagement", "side", "agency"]


class OutcomeFilter(django_filters.FilterSet):
    class Meta:
        model = Outcome
        fields = ["engagement"]


class TrainingCourseFilter(SearchFilterMixin):
    search_fields = ("title", "place", "notes")
    topic = django_filters.ChoiceFilter(label=_("Topic"), choices=TrainingTopic.choices)
    partner = _agency_filter(_("Partner"), "partners")
    start_after = django_filters.DateFilter(label=_("Starts on or after"), field_name="start_date", lookup_expr="gte")

    class Meta:
        model = TrainingCourse
        fields = ["q", "topic", "host_agency", "partner", "programme"]


class CapacityProjectFilter(SearchFilterMixin):
    search_fields = ("title", "scope", "phase")
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=CapacityProjectKind.choices)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=CapacityProjectStatus.choices)

    class Meta:
        model = CapacityProject
        fields = ["q", "kind", "status", "partner_agency"]


# --- the list pages' filters -----------------------------------------------------------------------------
class _RestrictedChoices:
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        request = kwargs.get("request")
        user = getattr(request, "user", None)
        for name, field in self.form.fields.items():  # type: ignore[attr-defined]
            queryset = getattr(field, "queryset", None)
            if queryset is not None and queryset.model in (Agreement, Programme, Unit):
                field.queryset = access.restrict(queryset.model._default_manager.all(), user, access.VIEW)
                self.filters[name].queryset = field.queryset  # type: ignore[attr-defined]


class AgreementPageFilter(_RestrictedChoices, AgreementFilter):
    pass


class ProgrammePageFilter(_RestrictedChoices, ProgrammeFilter):
    pass


class ActionItemPageFilter(_RestrictedChoices, ActionItemFilter):
    pass


class EngagementPageFilter(_RestrictedChoices, EngagementFilter):
    pass


class TrainingCoursePageFilter(_RestrictedChoices, TrainingCourseFilter):
    pass


class CapacityProjectPageFilter(_RestrictedChoices, CapacityProjectFilter):
    pass
