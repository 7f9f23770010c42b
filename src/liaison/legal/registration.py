"""What legal requests add to the shared registries (core/registry.py): permissions (the legal officer drafts and
reviews, the supervisor approves, desk officers see the requests linked to their cases), menu entries, the tiles of
open and overdue requests, the overdue-deadline panel on the dashboard, the requests on a person's page and the
figures of legal requests on a partner's page (figures.py) and, on a consular case's page, the transfer
eligibility against the treaty with *Start a transfer request* (consular_transfer.py)."""

from __future__ import annotations

import datetime
from typing import Any

from django.apps import apps
from django.db import models
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from liaison.core import access, reads, registry
from liaison.core.permissions import ANALYST, EVERY_ROLE, LEGAL_OFFICER, SUPERVISOR
from liaison.legal.deadlines import deadlines
from liaison.legal.figures import partner_figures
from liaison.legal.models import LegalDocument, LegalRequest, RequestLetter, TreatyTerms


def _count(overdue: bool) -> Any:
    def counted(request: HttpRequest) -> int | None:
        user = request.user
        if not access.can(user, LegalRequest, access.VIEW):
            return None
        queryset = LegalRequest.objects.overdue() if overdue else LegalRequest.objects.open()
        return access.restrict(queryset, user).count()

    return counted


def dashboard_deadlines(request: HttpRequest) -> dict[str, Any] | None:
    """The user's agency's legal deadlines that are past (or due within a week); None when there are none."""
    user: Any = request.user
    if not access.can(user, LegalRequest, access.VIEW):
        return None
    today = timezone.localdate()
    rows = [
        row
        for row in deadlines(user, until=today + datetime.timedelta(days=7))
        if row.request.owner_id == user.agency_id
    ]
    if not rows:
        return None
    return {"rows": rows[:20], "total": len(rows), "today": today}


def person_requests(request: HttpRequest, person: Any) -> dict[str, Any] | None:
    about = models.Q(person=person) | models.Q(other_persons=person)
    requests = access.restrict(LegalRequest.objects.filter(about).distinct(), request.user).select_related("partner")
    if not requests.exists():
        return None
    return {"requests": [{"record": r, "url": r.get_absolute_url()} for r in requests]}


def case_requests(request: HttpRequest, case: Any) -> dict[str, Any] | None:
    """The legal requests linked to a fugitive case that the user may see (a desk officer sees those linked to the
    cases it may see, `legal.view_linked`); hidden when there are none."""
    linked = LegalRequest.objects.filter(fugitive_case=case).select_related("partner").order_by("-pk")
    requests = list(access.restrict(linked, request.user)[:20])
    if not requests:
        return None
    return {"requests": [{"record": r, "url": r.get_absolute_url()} for r in requests]}


def register_message_links() -> None:
    """An exchange message may be about a legal request (where the exchange is installed): the exchange's link
    targets, registered by the app that owns the records."""
    if apps.is_installed("liaison.exchange"):
        from liaison.exchange import links

        links.register_link_target("legal.legalrequest", "legal:request_detail")


def register() -> None:
    from liaison.legal import federation

    register_message_links()
    # About persons: opening, listing, searching a request and downloading its documents or letter is logged.
    reads.register_personal_data(LegalRequest, LegalDocument, RequestLetter)

    federation.register()  # requests to agencies of a partner node travel there (legal/federation.py)
    registry.register_permission(
        "legal.view", _("See legal requests and treaty terms"), roles=(LEGAL_OFFICER, SUPERVISOR, ANALYST)
    )
    registry.register_permission(
        "legal.view_linked", _("See the legal requests linked to a fugitive case one may see"), roles=EVERY_ROLE
    )
    registry.register_permission(
        "legal.manage",
        _("Draft, review and move legal requests through their workflow"),
        roles=(LEGAL_OFFICER, SUPERVISOR),
    )
    registry.register_permission("legal.approve", _("Approve legal requests"), roles=(SUPERVISOR,))
    registry.register_permission(
        "legal.configure", _("Record the treaty terms of legal requests"), roles=(LEGAL_OFFICER, SUPERVISOR)
    )
    registry.register_menu_section("legal", _("Legal requests"), order=45)
    registry.register_menu_entry("legal", "legal:request_list", _("Legal requests"), order=10, model=LegalRequest)
    registry.register_menu_entry("legal", "legal:deadlines", _("Legal deadlines"), order=20, model=LegalRequest)
    registry.register_menu_entry("legal", "legal:treaty_list", _("Treaty terms"), order=30, model=TreatyTerms)
    registry.register_dashboard_tile(
        "legal_open",
        label=_("Open legal requests"),
        count=_count(overdue=False),
        url=registry.filtered_list("legal:request_list", "open=true"),
        order=60,
    )
    registry.register_dashboard_tile(
        "legal_overdue",
        label=_("Legal requests past a deadline"),
        count=_count(overdue=True),
        url=registry.filtered_list("legal:request_list", "overdue=true"),
        order=61,
    )
    registry.register_dashboard_panel(
        "legal_deadlines", template="legal/_dashboard_deadlines.html", context=dashboard_deadlines, order=35
    )
    registry.register_record_panel(
        "agencies.agency", "legal_requests", template="legal/_partner_requests.html", context=partner_figures, order=30
    )
    registry.register_record_panel(
        "people.person", "legal_requests", template="legal/_person_requests.html", context=person_requests, order=30
    )
    registry.register_record_panel(
        "desk.fugitivecase", "legal_requests", template="legal/_case_requests.html", context=case_requests, order=20
    )
    if apps.is_installed("liaison.consular"):  # citizens abroad: transfer eligibility against the treaty (0046)
        from liaison.legal.consular_transfer import case_panel

        registry.register_record_panel(
            "consular.consularcase",
            "legal_transfer",
            template="legal/_consular_transfer.html",
            context=case_panel,
            order=30,
        )
