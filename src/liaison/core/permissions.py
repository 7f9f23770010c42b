"""Roles and the permissions each one grants (documented in docs/roles.md; keep both in step).

A permission is a string "<noun>.<verb>". Roles are additive: a user holds the union of their roles. Core keeps the
roles and the base permissions of every node (the directory, users, roles, API tokens, the audit trail); each app
registers its own permissions and the roles that hold them (core.registry.register_permission, from its
`AppConfig.ready()`). `PERMISSIONS` and `ROLE_PERMISSIONS` read the registry: they are complete once the apps are
ready. The node administrator holds every permission.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from django.utils.translation import gettext_lazy as _

from liaison.core import registry

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
ROLE_CODES = frozenset(code for code, _label in ROLE_CHOICES)

# The roles of an agency's officers: a permission every officer holds is granted to these (and the node
# administrator holds it as every other).
EVERY_ROLE = (DESK_OFFICER, ANALYST, LEGAL_OFFICER, SUPERVISOR)

# (code, label, roles): registered by core (core/registration.py) before any app's.
BASE_PERMISSIONS: list[tuple[str, Any, tuple[str, ...]]] = [
    ("agency.view", _("See the agency directory"), EVERY_ROLE),
    ("agency.manage", _("Add and change agencies"), ()),
    ("unit.view", _("See the units of one's own agency"), EVERY_ROLE),
    ("unit.manage", _("Add, change and remove units of one's own agency"), (SUPERVISOR,)),
    ("user.view", _("See the users of one's own agency"), EVERY_ROLE),
    ("user.manage", _("Add, change and deactivate users and their roles"), ()),
    ("role.manage", _("Change role settings such as the second-factor requirement"), ()),
    ("token.own", _("Hold and revoke one's own API tokens"), EVERY_ROLE),
    ("token.manage", _("See and revoke every API token on the node"), ()),
    ("audit.view", _("Read the audit trail of one's own agency"), (SUPERVISOR,)),
    ("audit.export", _("Export the audit trail"), (SUPERVISOR,)),
    ("audit.all", _("Read the audit trail of every agency on the node"), ()),
]


def _labels() -> dict[str, Any]:
    return {permission.code: permission.label for permission in registry.permissions()}


def _role_table() -> dict[str, frozenset[str]]:
    granted: dict[str, set[str]] = {code: set() for code, _label in ROLE_CHOICES}
    for permission in registry.permissions():
        for role in permission.roles:
            granted[role].add(permission.code)
        granted[NODE_ADMIN].add(permission.code)
    return {role: frozenset(codes) for role, codes in granted.items()}


class _Permissions(Mapping[str, Any]):
    """Every registered permission: code → label, in registration order."""

    def __getitem__(self, code: str) -> Any:
        return _labels()[code]

    def __iter__(self) -> Iterator[str]:
        return iter(_labels())

    def __len__(self) -> int:
        return len(_labels())


class _RolePermissions(Mapping[str, frozenset[str]]):
    """Role code → the permissions it grants."""

    def __getitem__(self, role: str) -> frozenset[str]:
        return _role_table()[role]

    def __iter__(self) -> Iterator[str]:
        return iter(_role_table())

    def __len__(self) -> int:
        return len(_role_table())


PERMISSIONS: Mapping[str, Any] = _Permissions()
ROLE_PERMISSIONS: Mapping[str, frozenset[str]] = _RolePermissions()


def permissions_for(roles: list[str] | set[str] | frozenset[str]) -> frozenset[str]:
    table = _role_table()
    granted: set[str] = set()
    for role in roles:
        granted |= table.get(role, frozenset())
    return frozenset(granted)


def has_perm(actor: Any, permission: str) -> bool:
    if actor is None or not getattr(actor, "is_authenticated", False) or not actor.is_active:
        return False
    return permission in actor.liaison_permissions
