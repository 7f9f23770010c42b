"""What cooperation adds to the shared registries (core/registry/): its permissions, the Relations and
Cooperation sections of the menu, and the overdue action items on the dashboard (a tile and a panel)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from liaison.cooperation.links import record_url
from liaison.cooperation.models import (
    ActionItem,
    Agreement,
    CapacityProject,
    Engagement,
    Programme,
    TrainingCourse,
)
from liaison.core import access, registry
from liaison.core.permissions import DESK_OFFICER, EVERY_ROLE, LEGAL_OFFICER, SUPERVISOR


def overdue_action_items(request: HttpRequest) -> dict[str, Any]:
    """The user's visible action items past their due date and not done or dropped, each with its page."""
    user = request.user
    items = access.restrict(ActionItem.objects.select_related("partner_agency"), user).overdue(timezone.localdate())  # type: ignore[attr-defined]
    return {
        "overdue_items": [{"item": item, "url": record_url(item)} for item in items.order_by("due_date", "pk")[:20]]
    }


def overdue_action_item_count(request: HttpRequest) -> int | None:
    """The visible action items past their due date (what the list filtered by "overdue" shows)."""
    user = request.user
    if not access.can(user, ActionItem, access.VIEW):
        return None
    return access.restrict(ActionItem.objects.overdue(timezone.localdate()), user).count()


def register() -> None:
    registry.register_permission(
        "cooperation.view", _("See the cooperation registry of one's own agency"), roles=EVERY_ROLE
    )
    registry.register_permission(
        "cooperation.manage",
        _("Record and change agreements, programmes, action items, engagements and training"),
        roles=(DESK_OFFICER, LEGAL_OFFICER, SUPERVISOR),
    )
    registry.register_menu_section("relations", _("Relations"), order=30)
    registry.register_menu_entry("relations", "partners", _("Partners"), order=10)
    registry.register_menu_entry("relations", "calendar", _("Calendar"), order=20, model=Engagement)
    # importing creates records
    registry.register_menu_entry(
        "relations", "import_upload", _("Import"), order=30, model=Agreement, action=access.ADD
    )
    registry.register_menu_section("cooperation", _("Cooperation"), order=50)
    for order, (url_name, label, model) in enumerate(
        [
            ("agreement_list", _("Agreements"), Agreement),
            ("programme_list", _("Programmes"), Programme),
            ("action_item_list", _("Action items"), ActionItem),
            ("engagement_list", _("Engagements"), Engagement),
            ("training_list", _("Training"), TrainingCourse),
            ("capacity_project_list", _("Capacity projects"), CapacityProject),
        ],
        start=1,
    ):
        registry.register_menu_entry("cooperation", url_name, label, order=order * 10, model=model)
    registry.register_dashboard_tile(
        "overdue_action_items",
        label=_("Overdue action items"),
        count=overdue_action_item_count,
        url=registry.filtered_list("action_item_list", "overdue=true"),
        order=50,
    )
    registry.register_dashboard_panel(
        "overdue_action_items",
        template="cooperation/_dashboard_overdue.html",
        context=overdue_action_items,
        order=20,
    )
