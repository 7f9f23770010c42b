"""The actor of command-line and background work.

Whoever can run `liaison` on the node's machine already controls the node, so CLI commands act with every
permission; the audit trail records them as `system:<operating-system user>` on the channel 'cli' (or 'job').
"""

from __future__ import annotations

import getpass
from dataclasses import dataclass, field
from typing import Any

from liaison.core.permissions import PERMISSIONS


@dataclass
class SystemActor:
    name: str
    agency: Any = None
    is_system: bool = True
    is_authenticated: bool = True
    is_active: bool = True
    pk: None = None
    liaison_permissions: frozenset[str] = field(default_factory=lambda: frozenset(PERMISSIONS))

    @property
    def agency_id(self) -> Any:
        return getattr(self.agency, "pk", None)

    def get_username(self) -> str:
        return self.name

    def has_liaison_perm(self, permission: str) -> bool:
        return permission in self.liaison_permissions


def system_actor(job: str | None = None) -> SystemActor:
    from liaison.agencies.models import Agency

    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = "unknown"
    return SystemActor(name=f"system:{job or user}"[:150], agency=Agency.objects.filter(is_home=True).first())
