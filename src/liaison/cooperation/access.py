"""Access policies of the cooperation registry (see core/access.py).

Top-level records are agency-owned (`access.Owned`): the owner sees and changes them, agencies they were
shared with read them. Child records have no owner of their own: `ThroughParent` scopes them through their
parent, so a title, document, link, participant, outcome or progress update is visible exactly when its
parent is, and changeable exactly when its parent is.
"""

from __future__ import annotations

from typing import Any

from django.db import models

from liaison.cooperation.models import (
    ActionItem,
    ActionItemUpdate,
    Agreement,
    AgreementDocument,
    AgreementLink,
    AgreementParty,
    AgreementTitle,
    CapacityProject,
    Engagement,
    EngagementParticipant,
    Outcome,
    Programme,
    TrainingCourse,
)
from liaison.core import access

VIEW_PERMISSION = "cooperation.view"
MANAGE_PERMISSION = "cooperation.manage"


class ThroughParent(access.Policy):
    """A child record: allowed when the actor may perform the same action's parent-side equivalent on the parent
    reached through `path` (view → view the parent; add, change, delete → change the parent)."""

    def __init__(self, path: str, view: str | None, manage: str) -> None:
        self.path = path
        self.permissions = {access.VIEW: view, access.ADD: manage, access.CHANGE: manage, access.DELETE: manage}

    def parent_model(self, model: type[models.Model]) -> type[models.Model]:
        related = model._meta.get_field(self.path).related_model
        assert isinstance(related, type)
        return related

    def scope(self, queryset: models.QuerySet[Any], actor: Any, action: str) -> models.QuerySet[Any]:
        parent = self.parent_model(queryset.model)
        parent_action = access.VIEW if action == access.VIEW else access.CHANGE
        parents = access.restrict(parent._default_manager.all(), actor, parent_action)
        return queryset.filter(**{f"{self.path}__in": parents.values("pk")})


for model in (Agreement, Programme, ActionItem, Engagement, TrainingCourse, CapacityProject):
    access.register(model, access.Owned(view=VIEW_PERMISSION, manage=MANAGE_PERMISSION))

for child, path in (
    (AgreementParty, "agreement"),
    (AgreementTitle, "agreement"),
    (AgreementDocument, "agreement"),
    (AgreementLink, "from_agreement"),
    (ActionItemUpdate, "action_item"),
    (EngagementParticipant, "engagement"),
    (Outcome, "engagement"),
):
    access.register(child, ThroughParent(path, view=VIEW_PERMISSION, manage=MANAGE_PERMISSION))
