"""Access policies of the people register (see core/access.py and docs/decisions/0010-desk-model.md).

A person is agency-owned: the recording agency sees and changes it; an agency it was shared with (directly,
or through a notice shared with that agency) reads it. Names, documents, addresses and contacts go with
their person. A photo reaches a partner only when its owner marked it releasable.
"""

from __future__ import annotations

from typing import Any

from django.db import models

from liaison.core import access
from liaison.people.models import Address, Contact, IdentityDocument, Person, PersonName, Photo

VIEW_PERMISSION = "people.view"
MANAGE_PERMISSION = "people.manage"
MERGE_PERMISSION = "people.merge"


class PhotoPolicy(access.ThroughParent):
    """Through the person; an agency that is not the owner sees releasable photos only."""

    def scope(self, queryset: models.QuerySet[Any], actor: Any, action: str) -> models.QuerySet[Any]:
        scoped = super().scope(queryset, actor, action)
        if action != access.VIEW:
            return scoped
        return scoped.filter(models.Q(person__owner_id=actor.agency_id) | models.Q(releasable=True))


access.register(Person, access.Owned(view=VIEW_PERMISSION, manage=MANAGE_PERMISSION))
for child in (PersonName, IdentityDocument, Address, Contact):
    access.register(child, access.ThroughParent("person", view=VIEW_PERMISSION, manage=MANAGE_PERMISSION))
access.register(Photo, PhotoPolicy("person", view=VIEW_PERMISSION, manage=MANAGE_PERMISSION))
