"""Pages of a long list read by id first (docs/decisions/0051-message-search-on-postgresql.md).

A list page is `count()` and a slice, `queryset[50:75]`. When the filters (access, a full-text search) keep
thousands of rows of a table whose rows are wide (a message's text), PostgreSQL reads the whole table to order
them and keep 25: the columns of the page ride along with every row sorted. `IdsFirstQuerySet` slices in two
steps on PostgreSQL: the ids of the page, ordered and limited over the narrow columns (an index-only read where
an index covers the filter and the order), then the page's rows by primary key, with the same related rows,
prefetches and order; one statement (`pk IN (SELECT id … ORDER BY … LIMIT 25)`). The rows and their order are
those of the plain slice. SQLite, a queryset already evaluated, with annotations or extra selects (a rank) or a
slice with a step, and one that locks its rows (select_for_update), slice as Django does.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.db import connections, models

_M = TypeVar("_M", bound=models.Model)


class IdsFirstQuerySet(models.QuerySet[_M]):
    _no_ids_first = False  # True on the rows' query of a page read by id first

    def __getitem__(self, k: Any) -> Any:
        if not isinstance(k, slice) or not self._ids_first():
            return super().__getitem__(k)
        if k.step is not None or (k.start is not None and k.start < 0) or (k.stop is not None and k.stop < 0):
            return super().__getitem__(k)
        page_ids = self.values("pk")[k]
        rows = self.model._default_manager.db_manager(self.db).all()
        assert isinstance(rows, IdsFirstQuerySet)  # the model's manager is one of these
        rows._no_ids_first = True
        rows.query.select_related = self.query.select_related
        rows.query.deferred_loading = self.query.deferred_loading
        rows._prefetch_related_lookups = self._prefetch_related_lookups  # type: ignore[attr-defined]
        ordering: Any = self.query.order_by or (self.model._meta.ordering if self.query.default_ordering else ())
        return rows.filter(pk__in=page_ids).order_by(*ordering)

    def _ids_first(self) -> bool:
        query = self.query
        return (
            not self._no_ids_first
            and self._result_cache is None
            and connections[self.db].vendor == "postgresql"
            and not query.is_sliced
            and not query.annotations
            and not query.extra
            and not query.extra_order_by
            and not query.combinator
            and not query.distinct  # its ORDER BY columns would join the ids' subquery
            and not query.select_for_update  # the lock is the caller's: the rows it reads, as it wrote them
            and not self._fields  # type: ignore[attr-defined]  # a values() query is narrow already
            and self._iterable_class is models.query.ModelIterable
        )

    def _clone(self) -> Any:
        clone = super()._clone()  # type: ignore[misc]
        clone._no_ids_first = self._no_ids_first
        return clone
