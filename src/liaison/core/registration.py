"""What core adds to the shared registries (core/registry/): the base permissions, the Overview and
Administration sections of the menu with core's entries (the audit trail, the read log), the recent activity on
the dashboard, and the read log's retention sweep of the worker."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from liaison.core import access, reads, registry
from liaison.core.models import AuditEvent, ReadEvent
from liaison.core.permissions import BASE_PERMISSIONS


def recent_activity(request: HttpRequest) -> dict[str, Any] | None:
    """The last ten audit records the user may read; None for those who may not read the trail."""
    user = request.user
    if not access.can(user, AuditEvent, access.VIEW):
        return None
    return {"recent": access.restrict(AuditEvent.objects.select_related("agency"), user)[:10]}


def dashboard_tiles(request: HttpRequest) -> dict[str, Any] | None:
    """The tiles the apps registered (core/registry/) that this user may see; None when there are none."""
    tiles = registry.shown_dashboard_tiles(request)
    return {"tiles": tiles} if tiles else None


def register() -> None:
    for code, label, roles in BASE_PERMISSIONS:
        registry.register_permission(code, label, roles=roles)
    registry.register_menu_section("overview", _("Overview"), order=10)
    registry.register_menu_section("administration", _("Administration"), order=90)
    registry.register_menu_entry("overview", "dashboard", _("Dashboard"), order=10)
    registry.register_menu_entry("administration", "audit_list", _("Audit trail"), order=30, model=AuditEvent)
    registry.register_menu_entry("administration", "read_list", _("Reads of personal data"), order=35, model=ReadEvent)
    registry.register_menu_entry("administration", "api_docs", _("API documentation"), order=40)
    registry.register_dashboard_panel("tiles", template="core/_dashboard_tiles.html", context=dashboard_tiles, order=5)
    registry.register_worker_sweep("core.read_log_retention", reads.sweep)
    registry.register_dashboard_panel(
        "recent_activity", template="core/_dashboard_recent.html", context=recent_activity, order=50
    )
