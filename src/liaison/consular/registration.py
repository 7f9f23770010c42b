"""What the citizens-abroad domain adds to the shared registries (core/registry.py): its permissions (the family
contact's own, decision 0044), its menu section, the tile and panel of overdue consular deadlines on the dashboard,
the consular cases on a person's page, the consular figures on a partner's page, and the envelope kinds of the
consular notification (federation.py)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from liaison.consular import federation, queries
from liaison.consular.models import (
    ConsularCase,
    ConsularEvent,
    Facility,
    ImprisonmentRecord,
    NotificationRule,
    ProtectionIncident,
)
from liaison.core import access, reads, registry
from liaison.core.permissions import DESK_OFFICER, EVERY_ROLE, SUPERVISOR


def overdue_count(request: HttpRequest) -> int | None:
    user: Any = request.user
    if not access.can(user, ConsularCase, access.VIEW):
        return None
    return queries.open_own_cases(user).filter(queries.overdue_q(timezone.localdate())).count()


def dashboard_overdue(request: HttpRequest) -> dict[str, Any] | None:
    """The agency's open consular cases past a deadline (notification, first visit, periodic visit)."""
    user: Any = request.user
    if not access.can(user, ConsularCase, access.VIEW):
        return None
    rows = queries.overdue_cases(user)
    return {"rows": rows[:20], "total": len(rows)}


def person_cases(request: HttpRequest, person: Any) -> dict[str, Any] | None:
    cases = access.restrict(ConsularCase.objects.filter(person=person), request.user).select_related("partner")
    if not cases.exists():
        return None
    return {"cases": [{"record": case, "url": case.get_absolute_url()} for case in cases]}


def partner_panel(request: HttpRequest, agency: Any) -> dict[str, Any] | None:
    user: Any = request.user
    if agency.pk == getattr(user, "agency_id", None):
        return None
    return queries.partner_figures(agency, user)


def register_message_links() -> None:
    """An exchange message may be about a protection incident or a consular case (where the exchange is installed):
    the exchange's link targets, registered by the app that owns the records."""
    from django.apps import apps

    if apps.is_installed("liaison.exchange"):
        from liaison.exchange import links

        links.register_link_target("consular.protectionincident", "consular:incident_detail")
        links.register_link_target("consular.consularcase", "consular:case_detail")


def register() -> None:
    register_message_links()
    reads.register_personal_data(ConsularCase, ConsularEvent, ImprisonmentRecord)
    registry.register_permission(
        "consular.view", _("See consular cases, facilities and protection incidents"), roles=EVERY_ROLE
    )
    registry.register_permission(
        "consular.manage",
        _("Record consular cases, notifications, visits and other events; keep the register of facilities"),
        roles=(DESK_OFFICER, SUPERVISOR),
    )
    registry.register_permission(
        "consular.family_contact", _("See the family contact of a consular case"), roles=(DESK_OFFICER, SUPERVISOR)
    )
    registry.register_permission(
        "consular.configure", _("Set each partner's consular notification and visit terms"), roles=(SUPERVISOR,)
    )
    registry.register_menu_section("consular", _("Citizens abroad"), order=45)
    registry.register_menu_entry("consular", "consular:case_list", _("Consular cases"), order=10, model=ConsularCase)
    registry.register_menu_entry("consular", "consular:calendar", _("Consular deadlines"), order=20, model=ConsularCase)
    registry.register_menu_entry(
        "consular", "consular:incident_list", _("Protection incidents"), order=30, model=ProtectionIncident
    )
    registry.register_menu_entry("consular", "consular:facility_list", _("Facilities"), order=40, model=Facility)
    registry.register_menu_entry(
        "consular", "consular:rule_list", _("Notification rules"), order=50, model=NotificationRule
    )
    registry.register_dashboard_tile(
        "consular_overdue",
        label=_("Consular deadlines missed"),
        count=overdue_count,
        url=registry.filtered_list("consular:case_list", "overdue=true"),
        order=45,
    )
    registry.register_dashboard_panel(
        "consular_overdue", template="consular/_dashboard_overdue.html", context=dashboard_overdue, order=35
    )
    registry.register_record_panel(
        "people.person", "consular_cases", template="consular/_person_cases.html", context=person_cases, order=30
    )
    registry.register_record_panel(
        "agencies.agency",
        "consular_figures",
        template="consular/_partner_figures.html",
        context=partner_panel,
        order=20,
    )
    registry.register_envelope_kind(
        federation.NOTIFY_KIND,
        handler=federation.apply_notification,
        validate=federation.check_notification_payload,
        label=_("A consular notification from a partner"),
    )
    registry.register_envelope_kind(
        federation.ACK_KIND,
        handler=federation.apply_ack,
        validate=federation.check_ack_payload,
        label=_("A partner's acknowledgement of our consular notification"),
    )
