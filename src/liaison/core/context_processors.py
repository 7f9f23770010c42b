"""The shell around every page: navigation by capability, showing only what the user may open.

The sections and entries come from the menu registry (core/registry/), which each app fills from its
`AppConfig.ready()`."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from liaison.core import access, registry
from liaison.core.permissions import has_perm


def _visible(user: Any, entry: registry.MenuEntry) -> bool:
    if entry.permission is not None:
        return has_perm(user, entry.permission)
    if entry.model is not None:
        return access.can(user, entry.model, entry.action)
    return True


def _navigation(user: Any) -> list[dict[str, Any]]:
    nav = []
    for section, entries in registry.menu():
        links = [
            {
                "label": entry.label,
                "url": reverse(entry.url_name),
                "name": entry.url_name,
                "badge": entry.badge(user) if entry.badge is not None else None,
            }
            for entry in entries
            if _visible(user, entry)
        ]
        if links:
            nav.append({"title": section.title, "links": links})
    return nav


def shell(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"navigation": _navigation(user), "request_id": getattr(request, "request_id", "")}
