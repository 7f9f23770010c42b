"""Writes of capacity building: training courses and capacity-building projects (with their transitions)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from liaison.cooperation import workflow
from liaison.cooperation.actions.steps import create_owned, delete_owned, transition, update_owned
from liaison.cooperation.models import CapacityProject, TrainingCourse


# --- training courses ------------------------------------------------------------------------------------
def do_create_training_course(data: Mapping[str, Any], *, actor: Any) -> TrainingCourse:
    return create_owned(TrainingCourse, data, actor=actor, action="training_course.create")


def do_update_training_course(course: TrainingCourse, data: Mapping[str, Any], *, actor: Any) -> TrainingCourse:
    return update_owned(course, data, actor=actor, action="training_course.update")


def do_delete_training_course(course: TrainingCourse, *, actor: Any) -> None:
    delete_owned(course, actor=actor, action="training_course.delete")


# --- capacity projects -----------------------------------------------------------------------------------
def do_create_capacity_project(data: Mapping[str, Any], *, actor: Any) -> CapacityProject:
    return create_owned(CapacityProject, data, actor=actor, action="capacity_project.create")


def do_update_capacity_project(project: CapacityProject, data: Mapping[str, Any], *, actor: Any) -> CapacityProject:
    return update_owned(project, data, actor=actor, action="capacity_project.update")


def do_delete_capacity_project(project: CapacityProject, *, actor: Any) -> None:
    delete_owned(project, actor=actor, action="capacity_project.delete")


def do_transition_capacity_project(project: CapacityProject, to: str, *, note: str = "", actor: Any) -> CapacityProject:
    """Move a capacity project along workflow.CAPACITY_PROJECT; cancelling needs a reason."""
    transition(
        project,
        workflow.CAPACITY_PROJECT,
        to,
        note,
        actor=actor,
        action="capacity_project.transition",
        keep_reason=True,
    )
    return project
