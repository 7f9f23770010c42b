"""Where `liaison fulltext rebuild` reads the documents of each kind: the sources apps register from their
`registration.register()` (through `core.registry.register_fulltext_source`)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured

from liaison.core.registry import Registry

Documents = Callable[[], Iterable[tuple[int, Iterable[str | None]]]]


@dataclass(frozen=True)
class FulltextSource:
    """The documents of one kind: `documents()` yields (object id, texts) for every record of `kind` that should
    be searchable now (a recalled or erased record is left out)."""

    kind: str
    documents: Documents


_sources: Registry[FulltextSource] = Registry("full-text source")


def register_source(kind: str, *, documents: Documents) -> FulltextSource:
    if not callable(documents):
        raise ImproperlyConfigured(f"The documents of the full-text source {kind!r} are not callable.")
    return _sources.add(kind.lower(), FulltextSource(kind.lower(), documents))


def source(kind: str) -> FulltextSource:
    return _sources.get(kind.lower())


def sources() -> list[FulltextSource]:
    return list(_sources)
