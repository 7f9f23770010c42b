"""What agencies adds to the shared registries (core/registry.py): the Directory section of the menu and its
Administration entries, and the directory's counts and the partner agencies on the dashboard."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from liaison.agencies.models import Agency, ApiToken, Role, Unit, User
from liaison.core import access, registry


def directory_counts(request: HttpRequest) -> dict[str, Any]:
    """The agencies, units, users and usable API tokens the user may see, each counted, with its list page."""
    user = request.user
    return {
        "counts": [
            ("agency_list", _("Agencies"), access.restrict(Agency.objects.all(), user).count()),
            ("unit_list", _("Units"), access.restrict(Unit.objects.all(), user).count()),
            ("user_list", _("Users"), access.restrict(User.objects.all(), user).count()),
            ("api_token_list", _("Active API tokens"), access.restrict(ApiToken.objects.usable(), user).count()),
        ]
    }


def partner_agencies(request: HttpRequest) -> dict[str, Any]:
    """The active agencies other than the user's own."""
    user = request.user
    partners = access.restrict(Agency.objects.filter(is_active=True), user).exclude(pk=user.agency_id)  # type: ignore[union-attr]
    return {"partners": partners}


def register() -> None:
    registry.register_menu_section("directory", _("Directory"), order=20)
    registry.register_menu_entry("directory", "agency_list", _("Agencies"), order=10, model=Agency)
    registry.register_menu_entry("directory", "unit_list", _("Units"), order=20, model=Unit)
    registry.register_menu_entry("directory", "user_list", _("Users"), order=30, model=User)
    registry.register_menu_entry("administration", "role_list", _("Roles and second factor"), order=10, model=Role)
    registry.register_menu_entry("administration", "api_token_list", _("API tokens"), order=20, model=ApiToken)
    registry.register_dashboard_panel(
        "directory_counts", template="agencies/_dashboard_counts.html", context=directory_counts, order=10
    )
    registry.register_dashboard_panel(
        "partner_agencies", template="agencies/_dashboard_partners.html", context=partner_agencies, order=40
    )
