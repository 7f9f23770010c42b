"""The registry type every registry of this package is made of, and its errors."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Generic, TypeVar

from django.core.exceptions import ImproperlyConfigured

T = TypeVar("T")

VIEW = "view"  # the access action a menu entry checks by default (core.access.VIEW, not imported: access imports us)


class AlreadyRegistered(ImproperlyConfigured):
    """A second registration under a key that is taken: two apps (or one app twice) claim the same thing."""


class NotRegistered(LookupError):
    """A lookup of a key that no app registered."""


class Registry(Generic[T]):
    """Items of one kind under unique keys, kept in registration order."""

    def __init__(self, what: str) -> None:
        self.what = what
        self._items: dict[str, T] = {}

    def add(self, key: str, item: T) -> T:
        if not key:
            raise ImproperlyConfigured(f"A {self.what} needs a key.")
        if key in self._items:
            raise AlreadyRegistered(f"The {self.what} {key!r} is already registered.")
        self._items[key] = item
        return item

    def get(self, key: str) -> T:
        try:
            return self._items[key]
        except KeyError:
            raise NotRegistered(f"No {self.what} {key!r} is registered.") from None

    def __contains__(self, key: object) -> bool:
        return key in self._items

    def __iter__(self) -> Iterator[T]:
        return iter(list(self._items.values()))

    def __len__(self) -> int:
        return len(self._items)


def _ordered(items: Iterable[T]) -> list[T]:
    """By `order`, ties in registration order (sorted() is stable)."""
    return sorted(items, key=lambda item: item.order)  # type: ignore[attr-defined]
