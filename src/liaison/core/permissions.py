"""Roles and the permissions each one grants (documented in docs/roles.md; keep both in step).

A permission is a string "<noun>.<verb>". Roles are additive: a user holds the union of their roles.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

DESK_OFFICER = "desk_officer"
ANALYST = "analyst"
LEGAL_OFFICER = "legal_officer"
SUPERVISOR = "supervisor"
NODE_ADMIN = "node_admin"

ROLE_CHOICES = [
    (DESK_OFFICER, _("Desk officer")),
    (ANALYST, _("Analyst")),
    (LEGAL_OFFICER, _("Legal officer")),
    (SUPERVISOR, _("Supervisor")),
    (NODE_ADMIN, _("Node administrator")),
]

PERMISSIONS: dict[str, Any] = {
    "agency.view": _("See the agency directory"),
    "agency.manage": _("Add and change agencies"),
    "unit.view": _("See the units of one's own agency"),
    "unit.manage": _("Add, change and remove units of one's own agency"),
    "user.view": _("See the users of one's own agency"),
    "user.manage": _("Add, change and deactivate users and their roles"),
    "role.manage": _("Change role settings such as the second-factor requirement"),
    "token.own": _("Hold and revoke one's own API tokens"),
    "token.manage": _("See and revoke every API token on the node"),
    "audit.view": _("Read the audit trail of one's own agency"),
    "audit.export": _("Export the audit trail"),
    "audit.all": _("Read the audit trail of every agency on the node"),
    "cooperation.view": _("See the cooperation registry of one's own agency"),
    "cooperation.manage": _("Record and change agreements, programmes, action items, engagements and training"),
    "people.view": _("See the persons one's agency recorded or was shared"),
    "people.manage": _("Record and change persons, their names, documents, photos, addresses and contacts"),
    "people.merge": _("Merge two records of the same person"),
    "desk.view": _("See notices and fugitive cases"),
    "desk.manage": _("Record notices and fugitive cases, move them through their workflow, share notices"),
    "desk.configure": _("Set each partner's acknowledgement and reporting deadlines"),
    "desk.import": _("Import INTERPOL public notices"),
    "screening.view": _("See screening lists, runs and hits"),
    "screening.run": _("Upload lists and screen them"),
    "screening.decide": _("Decide screening hits"),
}

_BASE = {"agency.view", "unit.view", "user.view", "token.own", "cooperation.view", "people.view", "desk.view"}
_DESK = {
    "people.manage",
    "people.merge",
    "desk.manage",
    "desk.import",
    "screening.view",
    "screening.run",
    "screening.decide",
}

ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    DESK_OFFICER: frozenset(_BASE | _DESK | {"cooperation.manage"}),
    ANALYST: frozenset(_BASE | {"screening.view", "screening.run"}),
    LEGAL_OFFICER: frozenset(_BASE | {"cooperation.manage", "people.manage", "desk.manage"}),
    SUPERVISOR: frozenset(
        _BASE | _DESK | {"unit.manage", "audit.view", "audit.export", "cooperation.manage", "desk.configure"}
    ),
    NODE_ADMIN: frozenset(PERMISSIONS),
}


def permissions_for(roles: list[str] | set[str] | frozenset[str]) -> frozenset[str]:
    granted: set[str] = set()
    for role in roles:
        granted |= ROLE_PERMISSIONS.get(role, frozenset())
    return frozenset(granted)


def has_perm(actor: Any, permission: str) -> bool:
    if actor is None or not getattr(actor, "is_authenticated", False) or not actor.is_active:
        return False
    return permission in actor.liaison_permissions
