from __future__ import annotations

from typing import Any

from django.contrib.auth.mixins import LoginRequiredMixin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views import generic

from liaison.agencies.models import Agency, ApiToken, Unit, User
from liaison.core import access
from liaison.core.models import AuditEvent


class DashboardView(LoginRequiredMixin, generic.TemplateView):
    """The start page: the officer's agency, partners, and (for those who may read it) recent activity."""

    template_name = "core/dashboard.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        partners = access.restrict(Agency.objects.filter(is_active=True), user).exclude(pk=user.agency_id)  # type: ignore[union-attr]
        context.update(
            partners=partners,
            counts=[
                ("agency_list", _("Agencies"), access.restrict(Agency.objects.all(), user).count()),
                ("unit_list", _("Units"), access.restrict(Unit.objects.all(), user).count()),
                ("user_list", _("Users"), access.restrict(User.objects.all(), user).count()),
                ("api_token_list", _("Active API tokens"), access.restrict(ApiToken.objects.usable(), user).count()),
            ],
            overdue_items=_overdue_items(user),
            desk=_desk_alerts(user),
            recent=access.restrict(AuditEvent.objects.select_related("agency"), user)[:10]
            if access.can(user, AuditEvent, access.VIEW)
            else None,
        )
        return context


def _overdue_items(user: Any) -> list[dict[str, Any]]:
    """The user's visible action items past their due date and not done or dropped, each with its page."""
    from liaison.cooperation.links import record_url
    from liaison.cooperation.models import ActionItem

    items = access.restrict(ActionItem.objects.select_related("partner_agency"), user).overdue(timezone.localdate())  # type: ignore[attr-defined]
    return [{"item": item, "url": record_url(item)} for item in items.order_by("due_date", "pk")[:20]]


def _desk_alerts(user: Any) -> dict[str, Any] | None:
    """The user's agency's open fugitive cases past a deadline (acknowledgement or progress report) and its
    notices whose five-year review falls within six months; None for those who may not see the desk."""
    from liaison.desk.models import FugitiveCase, Notice

    if not access.can(user, FugitiveCase, access.VIEW):
        return None
    today = timezone.localdate()
    own = {"owner_id": user.agency_id}
    cases = (
        access.restrict(FugitiveCase.objects.select_related("partner", "person"), user)
        .filter(**own)
        .overdue(today)  # type: ignore[attr-defined]
        .order_by("priority", "acknowledge_by", "next_report_due", "pk")
    )
    notices = (
        access.restrict(Notice.objects.select_related("person"), user)
        .filter(**own)
        .review_due(today)  # type: ignore[attr-defined]
        .order_by("review_due_on", "pk")
    )
    overdue_cases = []
    for case in cases[:20]:
        late_ack = case.acknowledged_on is None and case.acknowledge_by is not None and case.acknowledge_by < today
        overdue_cases.append(
            {
                "case": case,
                "url": case.get_absolute_url(),
                "what": _("acknowledgement") if late_ack else _("progress report"),
                "due": case.acknowledge_by if late_ack else case.next_report_due,
            }
        )
    return {
        "overdue_cases": overdue_cases,
        "overdue_cases_total": cases.count(),
        "review_due": [
            {"notice": notice, "url": notice.get_absolute_url(), "overdue": notice.review_due_on < today}
            for notice in notices[:20]
        ],
        "review_due_total": notices.count(),
    }
