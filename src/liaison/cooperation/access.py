"""Access policies of the cooperation registry (see core/access.py).

Top-level records are agency-owned (`access.Owned`): the owner sees and changes them, agencies they were
shared with read them. Child records have no owner of their own: `ThroughParent` scopes them through their
parent, so a title, document, link, participant, outcome or progress update is visible exactly when its
parent is, and changeable exactly when its parent is.
"""

from __future__ import annotations

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
    access.register(child, access.ThroughParent(path, view=VIEW_PERMISSION, manage=MANAGE_PERMISSION))
