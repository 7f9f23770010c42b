"""Dashboard panels and tiles, and the panels an app adds to another app's record page."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest

from liaison.core.registry.base import Registry, _ordered


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
