"""Permissions and the roles that hold them (core/permissions.py computes PERMISSIONS from here)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ImproperlyConfigured

from liaison.core.registry.base import Registry


# --- permissions --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Permission:
    """A permission "<noun>.<verb>" with its label and the roles that hold it (the node administrator holds
    every permission without being named)."""

    code: str
    label: Any
    roles: frozenset[str]


_permissions: Registry[Permission] = Registry("permission")


def register_permission(code: str, label: Any, *, roles: Iterable[str] = ()) -> Permission:
    from liaison.core.permissions import ROLE_CODES  # core.permissions reads this registry: import when called

    granted = frozenset(roles)
    unknown = sorted(granted - ROLE_CODES)
    if unknown:
        raise ImproperlyConfigured(f"The permission {code!r} names unknown roles: {', '.join(unknown)}.")
    if not re.fullmatch(r"[a-z_]+\.[a-z_]+", code):
        raise ImproperlyConfigured(f"A permission is written '<noun>.<verb>' in lower case, not {code!r}.")
    return _permissions.add(code, Permission(code, label, granted))


def permissions() -> list[Permission]:
    """Every permission in registration order."""
    return list(_permissions)
