"""Access policies of the liaison desk (see core/access.py and docs/decisions/0010-desk-model.md).

Notices and fugitive cases are agency-owned: the owner sees and changes them; a notice shared with a partner
(core Share, under a handling code) is read by that partner. Offences go with their notice; events and
documents with their case. Partner deadlines are the desk's own settings.

A fugitive case is also read by its partner agency (docs/decisions/0022): the officers of a hosted partner (one
whose officers sign in on this node) see the cases in which their agency is the partner, read-only, and of the
timeline only the entries meant for the partner (choices.PARTNER_EVENT_KINDS); the case's documents, internal
notes, summary and officer in charge stay with the owner (`partner_view`). The person and the notice of such a
case are seen only as their owner shares them (their own policies).
"""

from __future__ import annotations

from typing import Any

from django.db import models

from liaison.core import access
from liaison.desk.choices import PARTNER_EVENT_KINDS
from liaison.desk.models import CaseDocument, CaseEvent, FugitiveCase, Notice, Offence, PartnerDeadlines

VIEW_PERMISSION = "desk.view"
MANAGE_PERMISSION = "desk.manage"
CONFIGURE_PERMISSION = "desk.configure"
IMPORT_PERMISSION = "desk.import"


class CasePolicy(access.Owned):
    """Owned (the owner changes, agencies it was shared with read), and the partner agency reads."""

    def full_view(self, queryset: models.QuerySet[Any], actor: Any) -> models.QuerySet[Any]:
        """The cases the actor reads in full: its agency's, and those shared with it."""
        return super().scope(queryset, actor, access.VIEW)

    def scope(self, queryset: models.QuerySet[Any], actor: Any, action: str) -> models.QuerySet[Any]:
        if action != access.VIEW:
            return super().scope(queryset, actor, action)
        return queryset.filter(
            models.Q(pk__in=self.full_view(queryset.model._default_manager.all(), actor).values("pk"))
            | models.Q(partner_id=actor.agency_id)
        )


CASES = CasePolicy(view=VIEW_PERMISSION, manage=MANAGE_PERMISSION)


def full_view_cases(actor: Any) -> models.QuerySet[FugitiveCase]:
    """The cases the actor reads in full (not only as their partner)."""
    return CASES.full_view(FugitiveCase.objects.all(), actor)


def partner_view(case: FugitiveCase, actor: Any) -> bool:
    """Whether the actor reads the case only as its partner: without its documents, internal notes, summary and
    officer in charge."""
    if case.owner_id == getattr(actor, "agency_id", None):
        return False
    return not full_view_cases(actor).filter(pk=case.pk).exists()


class CaseEventPolicy(access.ThroughParent):
    """A case's timeline: all of it with the case, the entries meant for the partner to the partner."""

    def scope(self, queryset: models.QuerySet[Any], actor: Any, action: str) -> models.QuerySet[Any]:
        if action != access.VIEW:
            return super().scope(queryset, actor, action)
        return queryset.filter(
            models.Q(case__in=full_view_cases(actor).values("pk"))
            | models.Q(case__partner_id=actor.agency_id, kind__in=PARTNER_EVENT_KINDS)
        )


class CaseDocumentPolicy(access.ThroughParent):
    """A case's documents: with the case, not to its partner."""

    def scope(self, queryset: models.QuerySet[Any], actor: Any, action: str) -> models.QuerySet[Any]:
        if action != access.VIEW:
            return super().scope(queryset, actor, action)
        return queryset.filter(case__in=full_view_cases(actor).values("pk"))


access.register(Notice, access.Owned(view=VIEW_PERMISSION, manage=MANAGE_PERMISSION))
access.register(FugitiveCase, CASES)
access.register(Offence, access.ThroughParent("notice", view=VIEW_PERMISSION, manage=MANAGE_PERMISSION))
access.register(CaseEvent, CaseEventPolicy("case", view=VIEW_PERMISSION, manage=MANAGE_PERMISSION))
access.register(CaseDocument, CaseDocumentPolicy("case", view=VIEW_PERMISSION, manage=MANAGE_PERMISSION))
access.register(PartnerDeadlines, access.AgencyScoped("owner", view=VIEW_PERMISSION, manage=CONFIGURE_PERMISSION))
