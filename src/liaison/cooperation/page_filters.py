"""The list pages' FilterSets: the API's (filters.py), with every record choice narrowed to what the signed-in
user may see (a filter's drop-down must not list another agency's programmes or agreements)."""

from __future__ import annotations

from typing import Any

from liaison.agencies.models import Unit
from liaison.cooperation import filters
from liaison.cooperation.models import Agreement, Programme
from liaison.core import access


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


class AgreementPageFilter(_RestrictedChoices, filters.AgreementFilter):
    pass


class ProgrammePageFilter(_RestrictedChoices, filters.ProgrammeFilter):
    pass


class ActionItemPageFilter(_RestrictedChoices, filters.ActionItemFilter):
    pass


class EngagementPageFilter(_RestrictedChoices, filters.EngagementFilter):
    pass


class TrainingCoursePageFilter(_RestrictedChoices, filters.TrainingCourseFilter):
    pass


class CapacityProjectPageFilter(_RestrictedChoices, filters.CapacityProjectFilter):
    pass
