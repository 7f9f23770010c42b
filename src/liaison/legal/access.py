"""Access policies of legal requests (see core/access.py and docs/decisions/0041-legal-requests.md).

Treaty terms and legal requests are agency-owned: the owner's legal officers and supervisors see and change them
(`legal.view`, `legal.manage`). A desk officer holds only `legal.view_linked`: they see the requests of their
agency linked to a fugitive case they may see, read-only. Offences, events and central authorities go with their
parent.
"""

from __future__ import annotations

from typing import Any

from django.db import models

from liaison.core import access
from liaison.core.permissions import has_perm
from liaison.desk.queries import visible_case_ids
from liaison.legal.models import (
    CentralAuthority,
    LegalDocument,
    LegalOffence,
    LegalRequest,
    RequestEvent,
    RequestLetter,
    TreatyTerms,
)

VIEW_PERMISSION = "legal.view"
VIEW_LINKED_PERMISSION = "legal.view_linked"
MANAGE_PERMISSION = "legal.manage"
APPROVE_PERMISSION = "legal.approve"
CONFIGURE_PERMISSION = "legal.configure"


class RequestPolicy(access.Owned):
    """Owned; without `legal.view`, only the requests linked to a fugitive case the actor may see."""

    def scope(self, queryset: models.QuerySet[Any], actor: Any, action: str) -> models.QuerySet[Any]:
        scoped = super().scope(queryset, actor, action)
        if action == access.VIEW and not has_perm(actor, VIEW_PERMISSION):
            return scoped.filter(fugitive_case__in=visible_case_ids(actor))
        return scoped


REQUESTS = RequestPolicy(view=VIEW_LINKED_PERMISSION, manage=MANAGE_PERMISSION)

access.register(TreatyTerms, access.Owned(view=VIEW_PERMISSION, manage=CONFIGURE_PERMISSION))
access.register(CentralAuthority, access.ThroughParent("terms", view=VIEW_PERMISSION, manage=CONFIGURE_PERMISSION))
access.register(LegalRequest, REQUESTS)
access.register(LegalOffence, access.ThroughParent("request", view=VIEW_LINKED_PERMISSION, manage=MANAGE_PERMISSION))
access.register(RequestEvent, access.ThroughParent("request", view=VIEW_LINKED_PERMISSION, manage=MANAGE_PERMISSION))
access.register(LegalDocument, access.ThroughParent("request", view=VIEW_LINKED_PERMISSION, manage=MANAGE_PERMISSION))
access.register(RequestLetter, access.ThroughParent("request", view=VIEW_LINKED_PERMISSION, manage=MANAGE_PERMISSION))
