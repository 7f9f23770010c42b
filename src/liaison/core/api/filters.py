"""The API's filter backends: django-filter's, with every filter set guarded against whole numbers beyond the
database's 64-bit range (core/filters.py), so such a value answers 400 naming the filter, never a server error;
and `?search=`, which ignores diacritics and case (core/search.py, docs/decisions/0023)."""

from __future__ import annotations

from typing import Any

from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import filters

from liaison.core.filters import guard_integer_filters
from liaison.core.search import fold_query


class FilterBackend(DjangoFilterBackend):
    def get_filterset(self, request: Any, queryset: Any, view: Any) -> Any:
        filterset = super().get_filterset(request, queryset, view)
        return guard_integer_filters(filterset) if filterset is not None else None


class SearchFilter(filters.SearchFilter):
    """`?search=`: every word is found, diacritics and case ignored. Where the view's filter set has a `q`
    search (its `search` method: the list page's search box), each word goes through it, so the API and the
    page find the same records (and a search narrowed by access, like the fugitive cases', stays narrowed);
    otherwise through the view's `search_fields`."""

    def get_search_terms(self, request: Any) -> list[str]:
        return [term for term in (fold_query(word) for word in super().get_search_terms(request)) if term]

    def construct_search(self, field_name: str, queryset: Any = None) -> str:
        return f"{field_name.lstrip('^=@$')}__fold__contains"

    def filter_queryset(self, request: Any, queryset: Any, view: Any) -> Any:
        filterset_class = getattr(view, "filterset_class", None)
        terms = self.get_search_terms(request)
        if not terms or not callable(getattr(filterset_class, "search", None)):
            return super().filter_queryset(request, queryset, view)
        assert filterset_class is not None
        filterset = filterset_class(data={}, queryset=queryset, request=request)
        for term in terms:
            queryset = filterset.search(queryset, "q", term)
        return queryset


RELEVANCE = "relevance"


class OrderingFilter(filters.OrderingFilter):
    """`?ordering=field` / `-field` among the view's `ordering_fields`; where the view sets `relevance_ordering`
    (the order of a search, best match first), also `?ordering=relevance`: the view's search filter then ranks
    what it finds (a `relevance` on each record, core.fulltext.ranked) and the list follows it, ties in
    `relevance_ordering`'s order. Without a search there is nothing to rank: the view's default order."""

    def get_ordering(self, request: Any, queryset: Any, view: Any) -> Any:
        if getattr(view, "relevance_ordering", None) and request.query_params.get(self.ordering_param) == RELEVANCE:
            if RELEVANCE in queryset.query.extra:
                return ["-" + RELEVANCE, *view.relevance_ordering]
            return self.get_default_ordering(view)
        return super().get_ordering(request, queryset, view)

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        parameters = super().get_schema_operation_parameters(view)
        fields = getattr(view, "ordering_fields", None)
        if not getattr(view, "relevance_ordering", None) or not isinstance(fields, list | tuple):
            return parameters
        model = getattr(view, "access_model", None)
        default = getattr(view, "ordering", None) or (list(model._meta.ordering) if model is not None else [])
        values = [value for field in fields for value in (field, f"-{field}")] + [RELEVANCE]
        for parameter in parameters:
            parameter["schema"] = {"type": "string", "enum": values}
            parameter["description"] = (
                "Order of the results: a field (ascending) or -field (descending); `relevance` with a search (`q`):"
                " best match first (PostgreSQL ts_rank_cd, SQLite FTS5 BM25), ties newest first; without `q`, "
                "the default order (" + ", ".join(default) + ")."
            )
        return parameters
