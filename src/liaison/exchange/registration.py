"""What the exchange adds to the shared registries (core/registry/): its permissions, its menu section (the inbox
with its unread count, sent messages, drafts, approvals), the dashboard panel of overdue requests and messages due
for review, the statistics panel on a partner agency's page, the kinds of record a message links to, and its
federation envelope kinds (federation.py)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from liaison.core import access, reads, registry
from liaison.core.permissions import ANALYST, DESK_OFFICER, EVERY_ROLE, SUPERVISOR
from liaison.exchange import federation, links, queries, searching
from liaison.exchange.access import APPROVE_PERMISSION, CONFIGURE_PERMISSION, VIEW_PERMISSION, WRITE_PERMISSION
from liaison.exchange.actions import review_due
from liaison.exchange.models import Attachment, Message


def dashboard_panel(request: HttpRequest) -> dict[str, Any] | None:
    """The agency's requests past their reply deadline and its messages due for review."""
    user: Any = request.user
    if not access.can(user, Message, access.VIEW):
        return None
    today = timezone.localdate()
    own = queries.visible(user).filter(owner_id=user.agency_id)
    overdue = queries.overdue_requests(own, today).order_by("reply_by", "pk")
    due = review_due(own, today).order_by("review_on", "pk")
    to_answer = queries.overdue_requests(queries.inbox(user), today).filter(
        recipients__agency_id=user.agency_id, recipients__replied_at__isnull=True
    )
    return {
        "overdue_requests": list(overdue[:20]),
        "requests_to_answer": list(to_answer.order_by("reply_by", "pk")[:20]),
        "review_due": list(due[:20]),
        "today": today,
    }


def partner_panel(request: HttpRequest, agency: Any) -> dict[str, Any] | None:
    """Statistics of the exchange with a partner agency, on its page (not on one's own agency's page)."""
    user: Any = request.user
    if not access.can(user, Message, access.VIEW) or agency.pk == user.agency_id:
        return None
    stats = queries.partner_statistics(user, agency)
    return {"stats": stats, "agency": agency, "inbox_url": reverse("exchange:inbox") + f"?partner={agency.pk}"}


def register() -> None:
    reads.register_personal_data(Message, Attachment)  # about persons: opening, searching, downloading is logged
    registry.register_permission("exchange.view", _("Read the information exchange"), roles=EVERY_ROLE)
    registry.register_permission(
        "exchange.write", _("Write, send, reply to and forward messages"), roles=(DESK_OFFICER, ANALYST, SUPERVISOR)
    )
    registry.register_permission("exchange.approve", _("Approve outgoing messages"), roles=(SUPERVISOR,))
    registry.register_permission("exchange.configure", _("Set the exchange rules of an agency"), roles=())
    registry.register_menu_section("exchange", _("Information exchange"), order=45)
    registry.register_menu_entry(
        "exchange", "exchange:inbox", _("Inbox"), order=10, permission=VIEW_PERMISSION, badge=queries.unread_count
    )
    registry.register_menu_entry("exchange", "exchange:sent", _("Sent"), order=20, permission=VIEW_PERMISSION)
    registry.register_menu_entry("exchange", "exchange:drafts", _("Drafts"), order=30, permission=WRITE_PERMISSION)
    registry.register_menu_entry(
        "exchange", "exchange:approvals", _("Approvals"), order=40, permission=APPROVE_PERMISSION
    )
    registry.register_menu_entry(
        "exchange", "exchange:rules_list", _("Exchange rules"), order=50, permission=CONFIGURE_PERMISSION
    )
    registry.register_dashboard_panel(
        "exchange_alerts", template="exchange/_dashboard.html", context=dashboard_panel, order=35
    )
    registry.register_record_panel(
        "agencies.agency", "exchange_statistics", template="exchange/_partner_statistics.html",
        context=partner_panel, order=50,
    )  # fmt: skip
    links.register_link_target("people.person", "person_detail")
    links.register_link_target("desk.notice", "notice_detail")
    links.register_link_target("desk.fugitivecase", "fugitive_case_detail")
    federation.register()
    registry.register_fulltext_source(searching.KIND, documents=searching.documents)
