"""Access policies of the citizens-abroad domain (core/access.py; docs/decisions/0044).

- Consular cases, facilities and protection incidents are agency-owned (`Owned`): the owner reads and changes
  them, an agency they are shared with reads them.
- The partner of a foreign national held here reads the case once its consulate has been notified (hosted partner:
  its officers sign in on this node), read-only, and of its timeline only the entries meant for it
  (PARTNER_EVENT_KINDS); never the family contact, the summary or internal notes (`partner_view`).
- The family contact is read only by the roles holding `consular.family_contact` (desk officers, supervisors) of
  the owning agency: `may_see_family_contact`, applied by the pages and the API alike.
- Notification rules are the agency's own settings; imprisonment records and events go with their case.
"""

from __future__ import annotations

from typing import Any

from django.db import models

from liaison.consular.choices import Direction, EventKind
from liaison.consular.models import (
    ConsularCase,
    ConsularEvent,
    Facility,
    ImprisonmentRecord,
    NotificationRule,
    ProtectionIncident,
)
from liaison.core import access
from liaison.core.permissions import has_perm

VIEW_PERMISSION = "consular.view"
MANAGE_PERMISSION = "consular.manage"
FAMILY_PERMISSION = "consular.family_contact"
CONFIGURE_PERMISSION = "consular.configure"

PARTNER_EVENT_KINDS = (
    EventKind.NOTIFICATION,
    EventKind.ACKNOWLEDGED,
    EventKind.VISIT,
    EventKind.HEARING,
    EventKind.TRANSFER,
    EventKind.RELEASE,
    EventKind.REPATRIATION,
    EventKind.DEATH,
)


def _partner_q(actor: Any, prefix: str = "") -> models.Q:
    return models.Q(
        **{
            f"{prefix}partner_id": actor.agency_id,
            f"{prefix}direction": Direction.FOREIGNER_HERE,
            f"{prefix}notified_on__isnull": False,
        }
    )


class CasePolicy(access.Owned):
    """Owned, and the notified partner of a foreign national held here reads the case."""

    def full_view(self, queryset: models.QuerySet[Any], actor: Any) -> models.QuerySet[Any]:
        return super().scope(queryset, actor, access.VIEW)

    def scope(self, queryset: models.QuerySet[Any], actor: Any, action: str) -> models.QuerySet[Any]:
        if action != access.VIEW:
            return super().scope(queryset, actor, action)
        full = self.full_view(queryset.model._default_manager.all(), actor).values("pk")
        return queryset.filter(models.Q(pk__in=full) | _partner_q(actor))


CASES = CasePolicy(view=VIEW_PERMISSION, manage=MANAGE_PERMISSION)


def full_view_cases(actor: Any) -> models.QuerySet[ConsularCase]:
    return CASES.full_view(ConsularCase.objects.all(), actor)


def partner_view(case: ConsularCase, actor: Any) -> bool:
    """Whether the actor reads the case only as the partner (no family contact, summary or notes)."""
    if case.owner_id == getattr(actor, "agency_id", None):
        return False
    return not full_view_cases(actor).filter(pk=case.pk).exists()


def may_see_family_contact(case: ConsularCase, actor: Any) -> bool:
    """The family contact: only to the owning agency's roles that contact families (decision 0044)."""
    return case.owner_id == getattr(actor, "agency_id", None) and has_perm(actor, FAMILY_PERMISSION)


class EventPolicy(access.ThroughParent):
    def scope(self, queryset: models.QuerySet[Any], actor: Any, action: str) -> models.QuerySet[Any]:
        if action != access.VIEW:
            return super().scope(queryset, actor, action)
        return queryset.filter(
            models.Q(case__in=full_view_cases(actor).values("pk"))
            | (_partner_q(actor, "case__") & models.Q(kind__in=PARTNER_EVENT_KINDS))
        )


access.register(ConsularCase, CASES)
access.register(ConsularEvent, EventPolicy("case", view=VIEW_PERMISSION, manage=MANAGE_PERMISSION))
access.register(ImprisonmentRecord, access.ThroughParent("case", view=VIEW_PERMISSION, manage=MANAGE_PERMISSION))
access.register(Facility, access.Owned(view=VIEW_PERMISSION, manage=MANAGE_PERMISSION))
access.register(ProtectionIncident, access.Owned(view=VIEW_PERMISSION, manage=MANAGE_PERMISSION))
access.register(NotificationRule, access.AgencyScoped("owner", view=VIEW_PERMISSION, manage=CONFIGURE_PERMISSION))
