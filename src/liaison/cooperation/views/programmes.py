"""Pages of programmes and their action items (transitions, progress updates)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _

from liaison.cooperation import actions, filters, tables, workflow
from liaison.cooperation.forms import ActionItemForm, ProgrammeForm, ProgressUpdateForm
from liaison.cooperation.models import ActionItem, Agreement, Programme
from liaison.cooperation.views.base import RecordDelete, RecordDetail, RecordTransition
from liaison.core import access
from liaison.core.views import ActionFormView, ChildPostView, RestrictedListView, form_errors, transition_choices


class ProgrammeList(RestrictedListView):
    model = Programme
    table = tables.PROGRAMME_TABLE
    filterset_class = filters.ProgrammePageFilter
    url_prefix = "programme"

    def base_queryset(self) -> Any:
        return Programme.objects.select_related("agreement").prefetch_related("partners")


class ProgrammeDetail(RecordDetail):
    model = Programme
    url_prefix = "programme"
    template_name = "cooperation/programme_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        programme = self.object
        context.update(
            action_items=access.restrict(programme.action_items.select_related("partner_agency", "home_unit"), user),
            engagements=access.restrict(programme.engagements.all(), user),
            training_courses=access.restrict(programme.training_courses.all(), user),
            agreement_visible=programme.agreement_id is not None
            and access.restrict(Agreement.objects.filter(pk=programme.agreement_id), user).exists(),
        )
        return context


class ProgrammeCreate(ActionFormView):
    model = Programme
    access_action = access.ADD
    form_class = ProgrammeForm
    url_prefix = "programme"
    action = staticmethod(actions.do_create_programme)


class ProgrammeUpdate(ActionFormView):
    model = Programme
    access_action = access.CHANGE
    form_class = ProgrammeForm
    url_prefix = "programme"
    action = staticmethod(actions.do_update_programme)


class ProgrammeDelete(RecordDelete):
    model = Programme
    url_prefix = "programme"
    action = staticmethod(actions.do_delete_programme)


# --- action items ----------------------------------------------------------------------------------------
class ActionItemList(RestrictedListView):
    model = ActionItem
    table = tables.ACTION_ITEM_TABLE
    filterset_class = filters.ActionItemPageFilter
    url_prefix = "action_item"

    def base_queryset(self) -> Any:
        return ActionItem.objects.select_related("programme", "partner_agency", "home_unit")


class ActionItemDetail(RecordDetail):
    model = ActionItem
    url_prefix = "action_item"
    template_name = "cooperation/action_item_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        item = self.object
        context.update(
            updates=item.updates.select_related("author"),
            transitions=transition_choices(workflow.ACTION_ITEM, item, ActionItem._meta.get_field("status").choices),
            update_form=ProgressUpdateForm(),
            programme_visible=item.programme_id is not None
            and access.restrict(Programme.objects.filter(pk=item.programme_id), self.request.user).exists(),
            origin_engagement=item.origin_outcome.engagement if item.origin_outcome_id else None,
        )
        return context


class ActionItemCreate(ActionFormView):
    model = ActionItem
    access_action = access.ADD
    form_class = ActionItemForm
    url_prefix = "action_item"
    action = staticmethod(actions.do_create_action_item)

    def get_initial(self) -> dict[str, Any]:
        initial = super().get_initial()
        programme = self.request.GET.get("programme")
        if programme and programme.isdigit():
            initial["programme"] = int(programme)
        return initial


class ActionItemUpdate(ActionFormView):
    model = ActionItem
    access_action = access.CHANGE
    form_class = ActionItemForm
    url_prefix = "action_item"
    action = staticmethod(actions.do_update_action_item)


class ActionItemDelete(RecordDelete):
    model = ActionItem
    url_prefix = "action_item"
    action = staticmethod(actions.do_delete_action_item)


class ActionItemTransition(RecordTransition):
    model = ActionItem
    url_prefix = "action_item"
    do = staticmethod(actions.do_transition_action_item)


class ActionItemProgress(ChildPostView):
    model = ActionItem
    url_prefix = "action_item"

    def handle(self, request: HttpRequest, obj: Any) -> str:
        form = ProgressUpdateForm(request.POST)
        if not form.is_valid():
            raise form_errors(form)
        actions.do_add_action_item_update(obj, form.cleaned_data, actor=request.user)
        return _("Progress update added.")
