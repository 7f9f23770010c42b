"""List filters an app adds to another app's filter set."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ImproperlyConfigured

from liaison.core.registry.base import AlreadyRegistered, Registry


# --- list filters added to another app's filter set ---------------------------------------------------------
@dataclass(frozen=True)
class ListFilter:
    """A django-filter Filter that an app adds to the filter set of another app's list (`target`: the model's
    label) under the query parameter `name`, placed before the filter `before` (at the end when None)."""

    target: str
    name: str
    filter: Any
    before: str | None = None


_list_filters: Registry[ListFilter] = Registry("list filter")
_filter_sets_built: set[str] = set()


def register_list_filter(target: str, name: str, filter: Any, *, before: str | None = None) -> ListFilter:
    target = target.lower()
    if target in _filter_sets_built:
        raise ImproperlyConfigured(
            f"The filter set of {target} was built before the filter {name!r} was added: register list filters "
            "from AppConfig.ready()."
        )
    return _list_filters.add(f"{target}:{name}", ListFilter(target, name, filter, before))


def with_list_filters(target: str, filters: dict[str, Any]) -> dict[str, Any]:
    """`filters` (a FilterSet's own, in order) with the filters other apps added for `target`, each before the
    filter it names. A FilterSet calls this from its `get_filters()`; later registrations for `target` fail."""
    target = target.lower()
    _filter_sets_built.add(target)
    combined = dict(filters)
    for added in (item for item in _list_filters if item.target == target):
        if added.name in combined:
            raise AlreadyRegistered(f"The filter set of {target} already has a filter {added.name!r}.")
        items = list(combined.items())
        if added.before is None:
            items.append((added.name, added.filter))
        elif added.before in combined:
            items.insert(list(combined).index(added.before), (added.name, added.filter))
        else:
            raise ImproperlyConfigured(f"The filter set of {target} has no filter {added.before!r} to come before.")
        combined = dict(items)
    return combined
