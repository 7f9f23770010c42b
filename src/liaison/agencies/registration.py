"""What agencies adds to the shared registries (core/registry/): the Directory section of the menu and its
Administration entries, the directory's counts on the dashboard (for the node administrator, who keeps the
directory: officers' tiles count the work they act on) and the partner agencies."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from liaison.agencies.models import Agency, ApiToken, Role, Unit, User
from liaison.core import access, registry
from liaison.core.permissions import has_perm


def directory_count(queryset: Callable[[], QuerySet[Any]]) -> Callable[[HttpRequest], int | None]:
    """A directory tile's count: the records of `queryset` the user may see, for the node administrator only."""

    def count(request: HttpRequest) -> int | None:
        if not has_perm(request.user, "agency.manage"):
            return None
        return access.restrict(queryset(), request.user).count()

    return count


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
    for order, (key, label, queryset, url_name) in enumerate(
        [
            ("agencies", _("Agencies"), Agency.objects.all, "agency_list"),
            ("units", _("Units"), Unit.objects.all, "unit_list"),
            ("users", _("Users"), User.objects.all, "user_list"),
            ("api_tokens", _("Active API tokens"), ApiToken.objects.usable, "api_token_list"),
        ],
        start=1,
    ):
        registry.register_dashboard_tile(
            key, label=label, count=directory_count(queryset), url=registry.filtered_list(url_name), order=900 + order
        )
    registry.register_dashboard_panel(
        "partner_agencies", template="agencies/_dashboard_partners.html", context=partner_agencies, order=40
    )
