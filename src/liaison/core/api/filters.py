"""The API's filter backend: django-filter's, with every filter set guarded against whole numbers beyond the
database's 64-bit range (core/filters.py), so such a value answers 400 naming the filter, never a server error."""

from __future__ import annotations

from typing import Any

from django_filters.rest_framework import DjangoFilterBackend

from liaison.core.filters import guard_integer_filters


class FilterBackend(DjangoFilterBackend):
    def get_filterset(self, request: Any, queryset: Any, view: Any) -> Any:
        filterset = super().get_filterset(request, queryset, view)
        return guard_integer_filters(filterset) if filterset is not None else None
