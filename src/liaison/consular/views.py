"""Pages of the citizens-abroad domain: consular cases (list, page with deadlines, timeline, imprisonment record
and transfer eligibility; create, edit, transitions, notification, acknowledgement, events), the register of
facilities, the notification rules, protection incidents, and the calendar of consular deadlines (page and
iCalendar download)."""

from __future__ import annotations

import datetime
from typing import Any

from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.views import generic

from liaison.consular import access as consular_access
from liaison.consular import actions, filters, forms, queries, tables, transfer, workflow
from liaison.consular.choices import CaseStatus
from liaison.consular.models import ConsularCase, Facility, ImprisonmentRecord, NotificationRule, ProtectionIncident
from liaison.core import access, registry
from liaison.core.views import (
    ActionDeleteView,
    ActionFormView,
    ChildPostView,
    RestrictedDetailView,
    RestrictedListView,
    RestrictedMixin,
    form_errors,
    transition_choices,
)
from liaison.people.models import Person

CASE = "consular:case"


class CaseList(RestrictedListView):
    model = ConsularCase
    table = tables.CASE_TABLE
    filterset_class = filters.ConsularCaseFilter
    url_prefix = CASE

    def base_queryset(self) -> Any:
        return ConsularCase.objects.select_related("person", "partner")


class CaseDetail(RestrictedDetailView):
    model = ConsularCase
    url_prefix = CASE
    template_name = "consular/case_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        case, user = self.object, self.request.user
        is_owner = case.owner_id == getattr(user, "agency_id", None)
        record = ImprisonmentRecord.objects.filter(case=case).first()
        result = transfer.eligibility(case)
        context.update(
            is_owner=is_owner,
            can_change=context["can_change"] and is_owner,
            partner_view=consular_access.partner_view(case, user),
            family_visible=consular_access.may_see_family_contact(case, user),
            person_visible=access.restrict(Person.objects.filter(pk=case.person_id), user).exists(),
            events=access.restrict(case.events.select_related("actor", "facility"), user),
            transitions=[
                t
                for t in transition_choices(workflow.CASE, case, CaseStatus.choices)
                if t["to"] != CaseStatus.NOTIFIED  # reached by recording the notification
            ],
            late=dict(case.overdue()),
            record=record,
            eligibility=result,
            event_form=forms.EventForm(actor=user),
            imprisonment_form=forms.ImprisonmentForm(instance=record, actor=user),
            is_open=case.status in workflow.OPEN_STATES,
            # What other domains add to a case's page (legal: the transfer request, docs/decisions/0046).
            record_panels=registry.shown_record_panels(self.request, case),
        )
        return context


class CaseForm(ActionFormView):
    model = ConsularCase
    form_class = forms.CaseForm
    url_prefix = CASE

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        if self.object is None:
            kwargs["person_query"] = self.request.GET.get("person_q", "")
        return kwargs

    def get_initial(self) -> dict[str, Any]:
        initial = super().get_initial()
        value = self.request.GET.get("person", "")
        if value.isdigit() and access.restrict(Person.objects.filter(pk=value), self.request.user).exists():
            initial["person"] = int(value)
        return initial

    def run_action(self, form: BaseForm) -> Any:
        assert isinstance(form, forms.CaseForm)
        if self.object is not None:
            return actions.do_update_case(self.object, form.case_data(), actor=self.request.user)
        return actions.do_create_case(form.case_data(), actor=self.request.user)


class CaseCreate(CaseForm):
    access_action = access.ADD


class CaseEdit(CaseForm):
    access_action = access.CHANGE


class CaseTransition(ChildPostView):
    model = ConsularCase
    url_prefix = CASE

    def handle(self, request: HttpRequest, obj: Any) -> str:
        actions.do_transition_case(
            obj, request.POST.get("to", ""), note=request.POST.get("note", ""), actor=request.user
        )
        return _("Status changed to “%(status)s”.") % {"status": obj.get_status_display()}


def _day(request: HttpRequest) -> datetime.date | None:
    return parse_date(request.POST.get("on", "") or "") or None


class CaseNotify(ChildPostView):
    model = ConsularCase
    url_prefix = CASE

    def handle(self, request: HttpRequest, obj: Any) -> str:
        actions.do_record_notification(obj, on=_day(request), note=request.POST.get("note", ""), actor=request.user)
        return _("The consular notification is recorded.")


class CaseAcknowledge(ChildPostView):
    model = ConsularCase
    url_prefix = CASE

    def handle(self, request: HttpRequest, obj: Any) -> str:
        actions.do_record_acknowledgement(
            obj, on=_day(request), partner_reference=request.POST.get("partner_reference", ""),
            note=request.POST.get("note", ""), actor=request.user,
        )  # fmt: skip
        return _("The acknowledgement is recorded.")


class CaseEvent(ChildPostView):
    model = ConsularCase
    url_prefix = CASE

    def handle(self, request: HttpRequest, obj: Any) -> str:
        form = forms.EventForm(request.POST, actor=request.user)
        if not form.is_valid():
            raise form_errors(form)
        event = actions.do_record_event(obj, form.event_data(), actor=request.user)
        return _("Recorded: %(event)s.") % {"event": event.get_kind_display()}


class CaseImprisonment(ChildPostView):
    model = ConsularCase
    url_prefix = CASE

    def handle(self, request: HttpRequest, obj: Any) -> str:
        record = ImprisonmentRecord.objects.filter(case=obj).first()
        form = forms.ImprisonmentForm(request.POST, instance=record, actor=request.user)
        if not form.is_valid():
            raise form_errors(form)
        actions.do_set_imprisonment(obj, dict(form.cleaned_data), actor=request.user)
        return _("The imprisonment record is saved.")


# --- facilities, rules, incidents ---------------------------------------------------------------------------
class RecordDetail(RestrictedDetailView):
    """The page of a facility, rule or incident: its fields, as the model names them."""

    template_name = "consular/record_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        record = self.object
        rows = []
        for field in record._meta.get_fields():
            if not getattr(field, "concrete", False) or field.name in ("id", "created_at", "updated_at"):
                continue
            if field.many_to_many:
                value: Any = ", ".join(
                    str(item) for item in access.restrict(getattr(record, field.name).all(), self.request.user)
                )
            else:
                display = getattr(record, f"get_{field.name}_display", None)
                value = display() if callable(display) else getattr(record, field.name)
                value = getattr(value, "name", value) if field.name == "country" else value
            rows.append((field.verbose_name, value))
        is_owner = getattr(record, "owner_id", None) == getattr(self.request.user, "agency_id", None)
        context.update(
            rows=rows, can_change=context["can_change"] and is_owner, can_delete=context["can_delete"] and is_owner
        )
        return context


def _pages(
    model: Any, prefix: str, table: Any, filterset: Any, form: Any, create: Any, update: Any, delete: Any
) -> dict[str, Any]:
    """The list, page, create, edit and remove views of a plain record of the domain."""
    attrs = {"model": model, "url_prefix": prefix}
    form_attrs = attrs | {"form_class": form}
    return {
        "list": type("List", (RestrictedListView,), attrs | {"table": table, "filterset_class": filterset}),
        "detail": type("Detail", (RecordDetail,), attrs),
        "create": type("Create", (ActionFormView,), form_attrs | {"access_action": access.ADD, "action": create}),
        "edit": type("Edit", (ActionFormView,), form_attrs | {"access_action": access.CHANGE, "action": update}),
        "delete": type("Delete", (ActionDeleteView,), attrs | {"action": delete}),
    }


FACILITY = _pages(
    Facility, "consular:facility", tables.FACILITY_TABLE, filters.FacilityFilter, forms.FacilityForm,
    actions.do_create_facility, actions.do_update_facility, actions.do_delete_facility,
)  # fmt: skip
RULE = _pages(
    NotificationRule, "consular:rule", tables.RULE_TABLE, filters.NotificationRuleFilter, forms.NotificationRuleForm,
    actions.do_create_notification_rule, actions.do_update_notification_rule, actions.do_delete_notification_rule,
)  # fmt: skip
INCIDENT = _pages(
    ProtectionIncident, "consular:incident", tables.INCIDENT_TABLE, filters.IncidentFilter, forms.IncidentForm,
    actions.do_create_incident, actions.do_update_incident, actions.do_delete_incident,
)  # fmt: skip


# --- the calendar of consular deadlines ---------------------------------------------------------------------
CALENDAR_DAYS = 60


class Calendar(RestrictedMixin, generic.TemplateView):
    """The deadlines of the agency's open cases: missed ones first, then the next 60 days."""

    model = ConsularCase
    template_name = "consular/calendar.html"

    def events(self) -> list[Any]:
        today = timezone.localdate()
        return queries.deadline_events(
            self.request.user, today - datetime.timedelta(days=3650), today + datetime.timedelta(days=CALENDAR_DAYS)
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        context.update(
            rows=[{"event": e, "late": e.date < today, "url": e.record.get_absolute_url()} for e in self.events()],
            days=CALENDAR_DAYS,
        )
        return context


class CalendarFile(Calendar):
    """The same deadlines as an iCalendar file (RFC 5545; cooperation/ical.py writes it)."""

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        from liaison.cooperation import ical

        text = ical.calendar(self.events(), name=_("Consular deadlines"), host=request.get_host(), now=timezone.now())
        response = HttpResponse(text, content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="consular-deadlines.ics"'
        return response
