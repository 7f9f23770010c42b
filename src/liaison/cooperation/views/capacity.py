"""Pages of capacity building: training courses and capacity-building projects."""

from __future__ import annotations

from typing import Any

from liaison.cooperation import actions, filters, tables, workflow
from liaison.cooperation.forms import CapacityProjectForm, TrainingCourseForm
from liaison.cooperation.models import CapacityProject, Programme, TrainingCourse
from liaison.cooperation.views.base import RecordDelete, RecordDetail, RecordTransition
from liaison.core import access
from liaison.core.views import ActionFormView, RestrictedListView, transition_choices


class TrainingList(RestrictedListView):
    model = TrainingCourse
    table = tables.TRAINING_TABLE
    filterset_class = filters.TrainingCoursePageFilter
    url_prefix = "training"

    def base_queryset(self) -> Any:
        return TrainingCourse.objects.select_related("host_agency")


class TrainingDetail(RecordDetail):
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


class TrainingDelete(RecordDelete):
    model = TrainingCourse
    url_prefix = "training"
    action = staticmethod(actions.do_delete_training_course)


# --- capacity projects -----------------------------------------------------------------------------------
class CapacityProjectList(RestrictedListView):
    model = CapacityProject
    table = tables.CAPACITY_PROJECT_TABLE
    filterset_class = filters.CapacityProjectPageFilter
    url_prefix = "capacity_project"

    def base_queryset(self) -> Any:
        return CapacityProject.objects.select_related("partner_agency")


class CapacityProjectDetail(RecordDetail):
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


class CapacityProjectDelete(RecordDelete):
    model = CapacityProject
    url_prefix = "capacity_project"
    action = staticmethod(actions.do_delete_capacity_project)


class CapacityProjectTransition(RecordTransition):
    model = CapacityProject
    url_prefix = "capacity_project"
    do = staticmethod(actions.do_transition_capacity_project)
