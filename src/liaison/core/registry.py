"""Registries that each app fills from its `AppConfig.ready()`, so that core and people never import a domain.

An app plugs itself into the shared screens and machinery here, in one module of its own (`<app>/registration.py`,
called from `ready()`):

- menu sections and entries: the navigation of every page (core/context_processors.py builds it from here);
- dashboard panels: the blocks of the start page (core/dashboard.py renders them in order), and dashboard tiles:
  the counts at its top of what the user acts on, each leading to the list it counts;
- permissions and the roles that hold them (core/permissions.py computes `PERMISSIONS` and `ROLE_PERMISSIONS`);
- record-page panels: blocks an app adds to another app's record page (the desk's notices on a person's page);
- list filters an app adds to another app's filter set (the desk's "has an active notice" on the person list);
- federation envelope kinds and the handlers that apply them on the receiving node;
- worker sweeps: what `liaison worker` runs on start and every few seconds (screening resumes the runs whose
  worker stopped).

Every registry refuses a second registration under the same key (`AlreadyRegistered`), and gives its items in a
deterministic order: by `order` where items have one, then in registration order (the order of INSTALLED_APPS).
Lookups of a key nobody registered raise `NotRegistered` naming what is missing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest

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


# --- menu ---------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class MenuSection:
    key: str
    title: Any  # a lazily translated string
    order: int


@dataclass(frozen=True)
class MenuEntry:
    """A link of the navigation. Who sees it: everyone signed in (neither `permission` nor `model`), holders of
    `permission`, or those who may `action` records of `model` (core.access.can)."""

    section: str
    url_name: str
    label: Any
    order: int
    permission: str | None = None
    model: type[Any] | None = None
    action: str = VIEW
    # badge(user) -> a count shown beside the link (e.g. unread messages), or None/0 for none.
    badge: Callable[[Any], int | None] | None = None


_menu_sections: Registry[MenuSection] = Registry("menu section")
_menu_entries: Registry[MenuEntry] = Registry("menu entry")


def register_menu_section(key: str, title: Any, *, order: int) -> MenuSection:
    return _menu_sections.add(key, MenuSection(key, title, order))


def register_menu_entry(
    section: str,
    url_name: str,
    label: Any,
    *,
    order: int,
    permission: str | None = None,
    model: type[Any] | None = None,
    action: str = VIEW,
    badge: Callable[[Any], int | None] | None = None,
) -> MenuEntry:
    """A link to the page `url_name` in `section` (registered by any app, before or after this call). The URL
    name is the entry's key: a page appears once in the menu. `badge(user)`, when given, is a count shown beside
    the link for users who see it (None or 0: nothing shown)."""
    if permission is not None and model is not None:
        raise ImproperlyConfigured(f"The menu entry {url_name!r} names both a permission and a model: choose one.")
    if model is None and action != VIEW:
        raise ImproperlyConfigured(f"The menu entry {url_name!r} names an access action without a model.")
    entry = MenuEntry(section, url_name, label, order, permission, model, action, badge)
    return _menu_entries.add(url_name, entry)


def menu() -> list[tuple[MenuSection, list[MenuEntry]]]:
    """Every section in order with its entries in order (sections without entries included)."""
    entries: dict[str, list[MenuEntry]] = {section.key: [] for section in _menu_sections}
    for entry in _menu_entries:
        if entry.section not in entries:
            raise ImproperlyConfigured(
                f"The menu entry {entry.url_name!r} names the section {entry.section!r}, which no app registered."
            )
        entries[entry.section].append(entry)
    return [(section, _ordered(entries[section.key])) for section in _ordered(_menu_sections)]


# --- panels: dashboard and record pages --------------------------------------------------------------------
@dataclass(frozen=True)
class DashboardPanel:
    """A block of the start page: `context(request)` gives its template's context, or None to leave it out."""

    key: str
    template: str
    context: Callable[[HttpRequest], dict[str, Any] | None]
    order: int


@dataclass(frozen=True)
class RecordPanel:
    """A block an app adds to the page of another app's record (`target`: the model's label, "people.person").

    `context(request, record)` gives its template's context, or None to leave it out. `compare_template`, when
    given, is the panel's row in a side-by-side comparison of two records (the person merge page); it is rendered
    with `sides`: the panel's context for each record.
    """

    target: str
    key: str
    template: str
    context: Callable[[HttpRequest, Any], dict[str, Any] | None]
    order: int
    compare_template: str | None = None


@dataclass(frozen=True)
class ShownPanel:
    """A panel to render (core/templatetags/liaison_panels.py): its template with its context."""

    key: str
    template: str
    context: dict[str, Any]


_dashboard_panels: Registry[DashboardPanel] = Registry("dashboard panel")
_record_panels: Registry[RecordPanel] = Registry("record-page panel")


def register_dashboard_panel(
    key: str, *, template: str, context: Callable[[HttpRequest], dict[str, Any] | None], order: int
) -> DashboardPanel:
    return _dashboard_panels.add(key, DashboardPanel(key, template, context, order))


def dashboard_panels() -> list[DashboardPanel]:
    return _ordered(_dashboard_panels)


def shown_dashboard_panels(request: HttpRequest) -> list[ShownPanel]:
    """The panels the start page shows this request, in order."""
    shown = []
    for panel in dashboard_panels():
        context = panel.context(request)
        if context is not None:
            shown.append(ShownPanel(panel.key, panel.template, context))
    return shown


@dataclass(frozen=True)
class DashboardTile:
    """A count at the top of the start page that leads to the records it counts: `count(request)` gives the
    number, or None to leave the tile out (the user may not see such records); `url(request)` the list, filtered
    to what is counted."""

    key: str
    label: Any
    count: Callable[[HttpRequest], int | None]
    url: Callable[[HttpRequest], str]
    order: int


@dataclass(frozen=True)
class ShownTile:
    key: str
    label: Any
    count: int
    url: str


_dashboard_tiles: Registry[DashboardTile] = Registry("dashboard tile")


def register_dashboard_tile(
    key: str,
    *,
    label: Any,
    count: Callable[[HttpRequest], int | None],
    url: Callable[[HttpRequest], str],
    order: int,
) -> DashboardTile:
    return _dashboard_tiles.add(key, DashboardTile(key, label, count, url, order))


def filtered_list(url_name: str, query: str = "") -> Callable[[HttpRequest], str]:
    """A tile's link: the list page `url_name` with the filters of `query` ("open=true")."""
    from django.urls import reverse

    return lambda _request: reverse(url_name) + (f"?{query}" if query else "")


def dashboard_tiles() -> list[DashboardTile]:
    return _ordered(_dashboard_tiles)


def shown_dashboard_tiles(request: HttpRequest) -> list[ShownTile]:
    """The tiles the start page shows this request, in order, each with its count and link."""
    shown = []
    for tile in dashboard_tiles():
        count = tile.count(request)
        if count is not None:
            shown.append(ShownTile(tile.key, tile.label, count, tile.url(request)))
    return shown


def register_record_panel(
    target: str,
    key: str,
    *,
    template: str,
    context: Callable[[HttpRequest, Any], dict[str, Any] | None],
    order: int,
    compare_template: str | None = None,
) -> RecordPanel:
    target = target.lower()
    panel = RecordPanel(target, key, template, context, order, compare_template)
    return _record_panels.add(f"{target}:{key}", panel)


def record_panels(target: str) -> list[RecordPanel]:
    target = target.lower()
    return _ordered(panel for panel in _record_panels if panel.target == target)


def shown_record_panels(request: HttpRequest, record: Any) -> list[ShownPanel]:
    """The panels other apps add to the page of `record`, in order."""
    shown = []
    for panel in record_panels(record._meta.label_lower):
        context = panel.context(request, record)
        if context is not None:
            shown.append(ShownPanel(panel.key, panel.template, context))
    return shown


def compared_record_panels(request: HttpRequest, records: list[Any]) -> list[ShownPanel]:
    """The comparison rows of the panels on the page of `records` (of one model), each with `sides`: its context
    for each record. A panel left out for any of them is left out."""
    shown = []
    for panel in record_panels(records[0]._meta.label_lower):
        if panel.compare_template is None:
            continue
        sides = [panel.context(request, record) for record in records]
        if all(side is not None for side in sides):
            shown.append(ShownPanel(panel.key, panel.compare_template, {"sides": sides}))
    return shown


# --- permissions --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Permission:
    """A permission "<noun>.<verb>" with its label and the roles that hold it (the node administrator holds
    every permission without being named)."""

    code: str
    label: Any
    roles: frozenset[str]


_permissions: Registry[Permission] = Registry("permission")


def register_permission(code: str, label: Any, *, roles: Iterable[str] = ()) -> Permission:
    from liaison.core.permissions import ROLE_CODES  # core.permissions reads this registry: import when called

    granted = frozenset(roles)
    unknown = sorted(granted - ROLE_CODES)
    if unknown:
        raise ImproperlyConfigured(f"The permission {code!r} names unknown roles: {', '.join(unknown)}.")
    if not re.fullmatch(r"[a-z_]+\.[a-z_]+", code):
        raise ImproperlyConfigured(f"A permission is written '<noun>.<verb>' in lower case, not {code!r}.")
    return _permissions.add(code, Permission(code, label, granted))


def permissions() -> list[Permission]:
    """Every permission in registration order."""
    return list(_permissions)


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


# --- federation: envelope kinds and their handlers ----------------------------------------------------------
DEFAULT_ENVELOPE_MAX_BYTES = 1 << 20  # the largest payload of a kind that names no limit of its own (1 MiB)


@dataclass(frozen=True)
class EnvelopeKind:
    """A kind of signed envelope that nodes exchange ("<app>.<noun>.<verb>", e.g. "desk.notice.share") and the
    handler that applies a verified envelope of that kind on the receiving node, exactly once, through the
    receiving app's own actions.

    `validate(payload)`, when given, refuses a malformed payload before anything is applied (raise ValueError
    with the reason); `max_bytes` bounds the payload's canonical JSON (attachments count apart)."""

    kind: str
    handler: Callable[[Any], Any]
    label: Any = ""
    validate: Callable[[Any], None] | None = None
    max_bytes: int = DEFAULT_ENVELOPE_MAX_BYTES


_envelope_kinds: Registry[EnvelopeKind] = Registry("envelope kind")


def register_envelope_kind(
    kind: str,
    *,
    handler: Callable[[Any], Any],
    label: Any = "",
    validate: Callable[[Any], None] | None = None,
    max_bytes: int = DEFAULT_ENVELOPE_MAX_BYTES,
) -> EnvelopeKind:
    """Register what applies envelopes of `kind`. `handler(envelope)` is called by federation with the verified
    envelope; federation imports no domain, so this registry is the only way it finds the handler."""
    if not re.fullmatch(r"[a-z_]+(\.[a-z_]+)+", kind):
        raise ImproperlyConfigured(f"An envelope kind is written '<app>.<noun>.<verb>' in lower case, not {kind!r}.")
    if not callable(handler):
        raise ImproperlyConfigured(f"The handler of the envelope kind {kind!r} is not callable.")
    if validate is not None and not callable(validate):
        raise ImproperlyConfigured(f"The validator of the envelope kind {kind!r} is not callable.")
    if max_bytes <= 0:
        raise ImproperlyConfigured(f"The envelope kind {kind!r} needs a positive size limit.")
    return _envelope_kinds.add(kind, EnvelopeKind(kind, handler, label, validate, max_bytes))


def envelope_kind(kind: str) -> EnvelopeKind:
    """The registration of `kind`; NotRegistered for a kind no installed app handles (the node cannot apply it)."""
    return _envelope_kinds.get(kind)


def envelope_handler(kind: str) -> Callable[[Any], Any]:
    """The handler of `kind`; NotRegistered for a kind no installed app handles (the node cannot apply it)."""
    return _envelope_kinds.get(kind).handler


def envelope_kinds() -> list[EnvelopeKind]:
    return list(_envelope_kinds)


# --- the background worker's sweeps -------------------------------------------------------------------------
@dataclass(frozen=True)
class WorkerSweep:
    """Work that `liaison worker` (core/management/commands/worker.py) does on start and at every sweep of its
    loop, whatever task it is running: typically finding work whose worker died and resuming or failing it.
    `sweep()` returns a line for the worker's log, or "" when it found nothing to do."""

    key: str
    sweep: Callable[[], str]


_worker_sweeps: Registry[WorkerSweep] = Registry("worker sweep")


def register_worker_sweep(key: str, sweep: Callable[[], str]) -> WorkerSweep:
    if not callable(sweep):
        raise ImproperlyConfigured(f"The worker sweep {key!r} is not callable.")
    return _worker_sweeps.add(key, WorkerSweep(key, sweep))


def worker_sweeps() -> list[WorkerSweep]:
    return list(_worker_sweeps)


@dataclass(frozen=True)
class SharedRecordKinds:
    """How a record of `model` (its label, "desk.notice") travels to an agency served by a partner node when it
    is shared with it (core/sharing.py): the envelope kinds of the share and of its withdrawal, and
    `content(record, share)`, which gives the envelope's payload (a JSON-ready dict holding only what the share's
    handling code allows) and its attachments (a list of (name, content type, bytes))."""

    model: str
    share: str
    unshare: str
    content: Callable[[Any, Any], tuple[dict[str, Any], list[tuple[str, str, bytes]]]]


_shared_record_kinds: Registry[SharedRecordKinds] = Registry("shared-record kinds")


def register_shared_record_kinds(
    model: str,
    *,
    share: str,
    unshare: str,
    content: Callable[[Any, Any], tuple[dict[str, Any], list[tuple[str, str, bytes]]]],
) -> SharedRecordKinds:
    """A share of a `model` record with a remote agency sends a `share` envelope; its withdrawal an `unshare`
    one. A record of a model nobody registered cannot be shared with a remote agency."""
    model = model.lower()
    return _shared_record_kinds.add(model, SharedRecordKinds(model, share, unshare, content))


def shared_record_kinds(model: str) -> SharedRecordKinds | None:
    """The kinds a record of `model` (its label) travels with, or None."""
    model = model.lower()
    return _shared_record_kinds.get(model) if model in _shared_record_kinds else None


def register_fulltext_source(kind: str, *, documents: Callable[[], Iterable[Any]]) -> Any:
    """What `liaison fulltext rebuild` indexes for `kind`: `documents()` yields (id, texts) (core/fulltext)."""
    from liaison.core.fulltext.sources import register_source

    return register_source(kind, documents=documents)
