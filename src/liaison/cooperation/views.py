"""Pages of the cooperation registry. Every page derives from the core base views, so access applies
centrally; every write goes through cooperation/actions.py."""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _

from liaison.cooperation import actions, page_filters, tables, workflow
from liaison.cooperation.choices import LINK_INVERSE_LABELS
from liaison.cooperation.forms import (
    ActionItemForm,
    AgreementForm,
    CapacityProjectForm,
    DocumentForm,
    EngagementForm,
    LinkForm,
    OutcomeForm,
    ParticipantForm,
    ProgrammeForm,
    ProgressUpdateForm,
    TrainingCourseForm,
    TransitionForm,
)
from liaison.cooperation.models import (
    ActionItem,
    Agreement,
    AgreementDocument,
    CapacityProject,
    Engagement,
    Outcome,
    Programme,
    TrainingCourse,
)
from liaison.core import access
from liaison.core.views import (
    ActionDeleteView,
    ActionFormView,
    ChildPostView,
    RestrictedDetailView,
    RestrictedListView,
    StoredDocumentView,
    error_messages,
    form_errors,
    transition_choices,
)


class _Detail(RestrictedDetailView):
    template_name: str

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        # Only the owning agency changes a record; a share gives read access only.
        owner = getattr(self.object, "owner_id", None)
        context["is_owner"] = owner is not None and owner == getattr(self.request.user, "agency_id", None)
        context["can_change"] = context["can_change"] and context["is_owner"]
        context["can_delete"] = context["can_delete"] and context["is_owner"]
        context["delete_allowed"] = True
        return context


class _Delete(ActionDeleteView):
    """Delete through the action; a record still referred to stays, with the action's message."""

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        obj = self.get_object()
        try:
            type(self).action(obj, actor=request.user)
        except (ValidationError, models.ProtectedError) as error:
            text = " ".join(error_messages(error)) if isinstance(error, ValidationError) else str(error)
            messages.error(request, text)
            return HttpResponseRedirect(reverse(f"{self.url_prefix}_detail", kwargs={"pk": obj.pk}))
        except PermissionDenied:
            raise Http404 from None
        messages.success(request, _("Removed: %(object)s") % {"object": obj})
        return HttpResponseRedirect(reverse(f"{self.url_prefix}_list"))


class _Transition(ChildPostView):
    do: ClassVar[Any]

    def handle(self, request: HttpRequest, obj: Any) -> str:
        form = TransitionForm(request.POST)
        if not form.is_valid():
            raise form_errors(form)
        type(self).do(obj, form.cleaned_data["to"], note=form.cleaned_data["note"], actor=request.user)
        return _("Status changed to %(status)s.") % {"status": obj.get_status_display()}


# --- agreements ------------------------------------------------------------------------------------------
class AgreementList(RestrictedListView):
    model = Agreement
    table = tables.AGREEMENT_TABLE
    filterset_class = page_filters.AgreementPageFilter
    url_prefix = "agreement"

    def base_queryset(self) -> Any:
        return Agreement.objects.prefetch_related("parties__agency")


class AgreementDetail(_Detail):
    model = Agreement
    url_prefix = "agreement"
    template_name = "cooperation/agreement_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        agreement = self.object
        user = self.request.user
        visible = access.restrict(Agreement.objects.all(), user).values("pk")
        from liaison.core.choices import CrimeArea

        labels = dict(CrimeArea.choices)
        context.update(
            parties=agreement.parties.select_related("agency"),
            titles=agreement.titles.all(),
            documents=agreement.documents.select_related("uploaded_by"),
            links_out=agreement.links_out.filter(to_agreement__in=visible).select_related("to_agreement"),
            links_in=[
                (link, LINK_INVERSE_LABELS.get(link.kind, link.kind))
                for link in agreement.links_in.filter(from_agreement__in=visible).select_related("from_agreement")
            ],
            programmes=access.restrict(agreement.programmes.all(), user),
            crime_areas=[labels.get(code, code) for code in agreement.crime_areas or []],
            transitions=transition_choices(workflow.AGREEMENT, agreement, Agreement._meta.get_field("status").choices),
            document_form=DocumentForm(actor=user),
            link_form=LinkForm(actor=user, agreement=agreement),
        )
        return context


class AgreementCreate(ActionFormView):
    model = Agreement
    access_action = access.ADD
    form_class = AgreementForm
    url_prefix = "agreement"
    action = staticmethod(actions.do_create_agreement)


class AgreementUpdate(ActionFormView):
    model = Agreement
    access_action = access.CHANGE
    form_class = AgreementForm
    url_prefix = "agreement"
    action = staticmethod(actions.do_update_agreement)


class AgreementDelete(_Delete):
    model = Agreement
    url_prefix = "agreement"
    action = staticmethod(actions.do_delete_agreement)


class AgreementTransition(_Transition):
    model = Agreement
    url_prefix = "agreement"
    do = staticmethod(actions.do_transition_agreement)


class AgreementDocumentUpload(ChildPostView):
    model = Agreement
    url_prefix = "agreement"

    def handle(self, request: HttpRequest, obj: Any) -> str:
        form = DocumentForm(request.POST, request.FILES, actor=request.user)
        if not form.is_valid():
            raise form_errors(form)
        data = {key: form.cleaned_data[key] for key in ("file", "language", "kind", "authoritative")}
        document = actions.do_add_agreement_document({**data, "agreement": obj}, actor=request.user)
        return _("Document stored: %(name)s") % {"name": document.original_name}


class AgreementDocumentDownload(StoredDocumentView):
    model = AgreementDocument
    parent_url_name = "agreement_detail"
    parent_field = "agreement_id"


class AgreementLinkCreate(ChildPostView):
    model = Agreement
    url_prefix = "agreement"

    def handle(self, request: HttpRequest, obj: Any) -> str:
        form = LinkForm(request.POST, actor=request.user, agreement=obj)
        if not form.is_valid():
            raise form_errors(form)
        actions.do_create_agreement_link({**form.cleaned_data, "from_agreement": obj}, actor=request.user)
        return _("Link added.")


# --- programmes ------------------------------------------------------------------------------------------
class ProgrammeList(RestrictedListView):
    model = Programme
    table = tables.PROGRAMME_TABLE
    filterset_class = page_filters.ProgrammePageFilter
    url_prefix = "programme"

    def base_queryset(self) -> Any:
        return Programme.objects.select_related("agreement").prefetch_related("partners")


class ProgrammeDetail(_Detail):
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


class ProgrammeDelete(_Delete):
    model = Programme
    url_prefix = "programme"
    action = staticmethod(actions.do_delete_programme)


# --- action items ----------------------------------------------------------------------------------------
class ActionItemList(RestrictedListView):
    model = ActionItem
    table = tables.ACTION_ITEM_TABLE
    filterset_class = page_filters.ActionItemPageFilter
    url_prefix = "action_item"

    def base_queryset(self) -> Any:
        return ActionItem.objects.select_related("programme", "partner_agency", "home_unit")


class ActionItemDetail(_Detail):
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


class ActionItemDelete(_Delete):
    model = ActionItem
    url_prefix = "action_item"
    action = staticmethod(actions.do_delete_action_item)


class ActionItemTransition(_Transition):
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


# --- engagements -----------------------------------------------------------------------------------------
class EngagementList(RestrictedListView):
    model = Engagement
    table = tables.ENGAGEMENT_TABLE
    filterset_class = page_filters.EngagementPageFilter
    url_prefix = "engagement"

    def base_queryset(self) -> Any:
        return Engagement.objects.prefetch_related("partners")


class EngagementDetail(_Detail):
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


class EngagementDelete(_Delete):
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


# --- training courses ------------------------------------------------------------------------------------
class TrainingList(RestrictedListView):
    model = TrainingCourse
    table = tables.TRAINING_TABLE
    filterset_class = page_filters.TrainingCoursePageFilter
    url_prefix = "training"

    def base_queryset(self) -> Any:
        return TrainingCourse.objects.select_related("host_agency")


class TrainingDetail(_Detail):
    model = TrainingCourse
    url_prefix = "training"
    template_name = "cooperation/training_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        course = self.object
        context["programme_visible"] = (
            course.programme_id is not None
            and access.restrict(Programme.objects.filter(pk=course.programme_id), self.request.user).exists()
        )
        return context


class TrainingCreate(ActionFormView):
    model = TrainingCourse
    access_action = access.ADD
    form_class = TrainingCourseForm
    url_prefix = "training"
    action = staticmethod(actions.do_create_training_course)


class TrainingUpdate(ActionFormView):
    model = TrainingCourse
    access_action = access.CHANGE
    form_class = TrainingCourseForm
    url_prefix = "training"
    action = staticmethod(actions.do_update_training_course)


class TrainingDelete(_Delete):
    model = TrainingCourse
    url_prefix = "training"
    action = staticmethod(actions.do_delete_training_course)


# --- capacity projects -----------------------------------------------------------------------------------
class CapacityProjectList(RestrictedListView):
    model = CapacityProject
    table = tables.CAPACITY_PROJECT_TABLE
    filterset_class = page_filters.CapacityProjectPageFilter
    url_prefix = "capacity_project"

    def base_queryset(self) -> Any:
        return CapacityProject.objects.select_related("partner_agency")


class CapacityProjectDetail(_Detail):
    model = CapacityProject
    url_prefix = "capacity_project"
    template_name = "cooperation/capacity_project_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["transitions"] = transition_choices(
            workflow.CAPACITY_PROJECT, self.object, CapacityProject._meta.get_field("status").choices
        )
        return context


class CapacityProjectCreate(ActionFormView):
    model = CapacityProject
    access_action = access.ADD
    form_class = CapacityProjectForm
    url_prefix = "capacity_project"
    action = staticmethod(actions.do_create_capacity_project)


class CapacityProjectUpdate(ActionFormView):
    model = CapacityProject
    access_action = access.CHANGE
    form_class = CapacityProjectForm
    url_prefix = "capacity_project"
    action = staticmethod(actions.do_update_capacity_project)


class CapacityProjectDelete(_Delete):
    model = CapacityProject
    url_prefix = "capacity_project"
    action = staticmethod(actions.do_delete_capacity_project)


class CapacityProjectTransition(_Transition):
    model = CapacityProject
    url_prefix = "capacity_project"
    do = staticmethod(actions.do_transition_capacity_project)
