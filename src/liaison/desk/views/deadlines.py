"""Pages of each partner's deadlines (acknowledgement and report intervals)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse

from liaison.core import access
from liaison.core.views import ActionDeleteView, RestrictedListView
from liaison.desk import actions, tables
from liaison.desk.forms import PartnerDeadlinesForm
from liaison.desk.models import PartnerDeadlines
from liaison.desk.views.base import DeskForm


class PartnerDeadlinesList(RestrictedListView):
    model = PartnerDeadlines
    table = tables.PARTNER_DEADLINES_TABLE
    url_prefix = "partner_deadlines"
    template_name = "desk/partner_deadlines_list.html"

    def base_queryset(self) -> Any:
        return PartnerDeadlines.objects.select_related("partner")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        from django.conf import settings

        context = super().get_context_data(**kwargs)
        context["default_acknowledge_days"] = settings.LIAISON_ACKNOWLEDGE_DAYS
        context["default_report_every_days"] = settings.LIAISON_REPORT_EVERY_DAYS
        return context


class _DeadlinesForm(DeskForm):
    model = PartnerDeadlines
    form_class = PartnerDeadlinesForm
    url_prefix = "partner_deadlines"

    def get_success_url_for(self, result: Any) -> str:
        return reverse("partner_deadlines_list")

    def get_cancel_url(self) -> str:
        return reverse("partner_deadlines_list")


class PartnerDeadlinesCreate(_DeadlinesForm):
    access_action = access.ADD
    action = staticmethod(actions.do_create_partner_deadlines)


class PartnerDeadlinesEdit(_DeadlinesForm):
    access_action = access.CHANGE
    action = staticmethod(actions.do_update_partner_deadlines)


class PartnerDeadlinesDelete(ActionDeleteView):
    model = PartnerDeadlines
    url_prefix = "partner_deadlines"
    template_name = "desk/confirm_delete.html"
    action = staticmethod(actions.do_delete_partner_deadlines)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["cancel_url"] = reverse("partner_deadlines_list")
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return super().post(request, *args, **kwargs)
        except (PermissionDenied, models.ProtectedError):
            raise Http404 from None
