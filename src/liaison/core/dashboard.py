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
