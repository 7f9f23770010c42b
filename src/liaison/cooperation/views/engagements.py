"""Pages of engagements, their participants and outcomes."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _

from liaison.cooperation import actions, filters, tables
from liaison.cooperation.forms import EngagementForm, OutcomeForm, ParticipantForm
from liaison.cooperation.models import ActionItem, Engagement, Outcome, Programme
from liaison.cooperation.views.base import RecordDelete, RecordDetail
from liaison.core import access
from liaison.core.views import ActionFormView, ChildPostView, RestrictedListView, form_errors


class EngagementList(RestrictedListView):
    model = Engagement
    table = tables.ENGAGEMENT_TABLE
    filterset_class = filters.EngagementPageFilter
    url_prefix = "engagement"

    def base_queryset(self) -> Any:
        return Engagement.objects.prefetch_related("partners")


class EngagementDetail(RecordDetail):
    model = Engagement
    url_prefix = "engagement"
    template_name = "cooperation/engagement_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        engagement = self.object
        user = self.request.user
        items = {
            item.origin_outcome_id: item
            for item in access.restrict(ActionItem.objects.filter(origin_outcome__engagement=engagement), user)
        }
        context.update(
            participants=engagement.participants.select_related("agency"),
            outcomes=[(outcome, items.get(outcome.pk)) for outcome in engagement.outcomes.all()],
            programme_visible=engagement.programme_id is not None
            and access.restrict(Programme.objects.filter(pk=engagement.programme_id), user).exists(),
            participant_form=ParticipantForm(actor=user),
            outcome_form=OutcomeForm(),
        )
        return context


class EngagementCreate(ActionFormView):
    model = Engagement
    access_action = access.ADD
    form_class = EngagementForm
    url_prefix = "engagement"
    action = staticmethod(actions.do_create_engagement)


class EngagementUpdate(ActionFormView):
    model = Engagement
    access_action = access.CHANGE
    form_class = EngagementForm
    url_prefix = "engagement"
    action = staticmethod(actions.do_update_engagement)


class EngagementDelete(RecordDelete):
    model = Engagement
    url_prefix = "engagement"
    action = staticmethod(actions.do_delete_engagement)


class ParticipantCreate(ChildPostView):
    model = Engagement
    url_prefix = "engagement"

    def handle(self, request: HttpRequest, obj: Any) -> str:
        form = ParticipantForm(request.POST, actor=request.user)
        if not form.is_valid():
            raise form_errors(form)
        order = obj.participants.count() + 1
        actions.do_create_participant({**form.cleaned_data, "engagement": obj, "order": order}, actor=request.user)
        return _("Participant added.")


class OutcomeCreate(ChildPostView):
    model = Engagement
    url_prefix = "engagement"

    def handle(self, request: HttpRequest, obj: Any) -> str:
        form = OutcomeForm(request.POST)
        if not form.is_valid():
            raise form_errors(form)
        order = obj.outcomes.count() + 1
        actions.do_create_outcome({**form.cleaned_data, "engagement": obj, "order": order}, actor=request.user)
        return _("Outcome added.")


class OutcomeMakeActionItem(ChildPostView):
    """The "Make action item" button of an outcome: creates the item through the action in one step."""

    model = Outcome

    def redirect_to(self, obj: Any) -> HttpResponse:
        return HttpResponseRedirect(reverse("engagement_detail", kwargs={"pk": obj.engagement_id}))

    def handle(self, request: HttpRequest, obj: Any) -> str:
        self.item = actions.do_turn_outcome_into_action_item(obj, {}, actor=request.user)
        return _("Action item created: %(item)s") % {"item": self.item}

    def success_redirect(self, obj: Any) -> HttpResponse:
        return HttpResponseRedirect(reverse("action_item_detail", kwargs={"pk": self.item.pk}))
