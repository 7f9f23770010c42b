"""The start page: the officer's agency, then the panels the apps registered (core/registry/) in order: the
directory's counts, overdue work, partners, recent activity…"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.mixins import LoginRequiredMixin
from django.views import generic

from liaison.core import registry


class DashboardView(LoginRequiredMixin, generic.TemplateView):
    template_name = "core/dashboard.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["panels"] = registry.shown_dashboard_panels(self.request)
        return context
