"""The navigation: menu sections and the entries apps put in them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ImproperlyConfigured

from liaison.core.registry.base import VIEW, Registry, _ordered


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
