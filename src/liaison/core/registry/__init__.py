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

from collections.abc import Callable, Iterable
from typing import Any

from django.core.exceptions import ImproperlyConfigured

from liaison.core.registry.base import VIEW, AlreadyRegistered, NotRegistered, Registry
from liaison.core.registry.federation import (
    DEFAULT_ENVELOPE_MAX_BYTES,
    EnvelopeKind,
    SharedRecordKinds,
    envelope_handler,
    envelope_kind,
    envelope_kinds,
    register_envelope_kind,
    register_shared_record_kinds,
    shared_record_kinds,
)
from liaison.core.registry.filters import (
    ListFilter,
    register_list_filter,
    with_list_filters,
)
from liaison.core.registry.navigation import (
    MenuEntry,
    MenuSection,
    menu,
    register_menu_entry,
    register_menu_section,
)
from liaison.core.registry.panels import (
    DashboardPanel,
    DashboardTile,
    RecordPanel,
    ShownPanel,
    ShownTile,
    compared_record_panels,
    dashboard_panels,
    dashboard_tiles,
    filtered_list,
    record_panels,
    register_dashboard_panel,
    register_dashboard_tile,
    register_record_panel,
    shown_dashboard_panels,
    shown_dashboard_tiles,
    shown_record_panels,
)
from liaison.core.registry.roles import Permission, permissions, register_permission
from liaison.core.registry.worker import WorkerSweep, register_worker_sweep, worker_sweeps


def register_fulltext_source(kind: str, *, documents: Callable[[], Iterable[Any]]) -> Any:
    """What `liaison fulltext rebuild` indexes for `kind`: `documents()` yields (id, texts) (core/fulltext)."""
    from liaison.core.fulltext.sources import register_source

    return register_source(kind, documents=documents)


__all__ = [
    "DEFAULT_ENVELOPE_MAX_BYTES",
    "VIEW",
    "AlreadyRegistered",
    "DashboardPanel",
    "DashboardTile",
    "EnvelopeKind",
    "ImproperlyConfigured",
    "ListFilter",
    "MenuEntry",
    "MenuSection",
    "NotRegistered",
    "Permission",
    "RecordPanel",
    "Registry",
    "SharedRecordKinds",
    "ShownPanel",
    "ShownTile",
    "WorkerSweep",
    "compared_record_panels",
    "dashboard_panels",
    "dashboard_tiles",
    "envelope_handler",
    "envelope_kind",
    "envelope_kinds",
    "filtered_list",
    "menu",
    "permissions",
    "record_panels",
    "register_dashboard_panel",
    "register_dashboard_tile",
    "register_envelope_kind",
    "register_fulltext_source",
    "register_list_filter",
    "register_menu_entry",
    "register_menu_section",
    "register_permission",
    "register_record_panel",
    "register_shared_record_kinds",
    "register_worker_sweep",
    "shared_record_kinds",
    "shown_dashboard_panels",
    "shown_dashboard_tiles",
    "shown_record_panels",
    "with_list_filters",
    "worker_sweeps",
]
