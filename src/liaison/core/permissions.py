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
}

_BASE = {"agency.view", "unit.view", "user.view", "token.own", "cooperation.view"}

ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    DESK_OFFICER: frozenset(_BASE | {"cooperation.manage"}),
    ANALYST: frozenset(_BASE),
    LEGAL_OFFICER: frozenset(_BASE | {"cooperation.manage"}),
    SUPERVISOR: frozenset(_BASE | {"unit.manage", "audit.view", "audit.export", "cooperation.manage"}),
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
