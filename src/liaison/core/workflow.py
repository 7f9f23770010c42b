"""The transition table every stateful record uses (see each app's workflow.py)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Workflow:
    name: str
    initial: str
    transitions: dict[str, frozenset[str]]
    reason_required: frozenset[str] = field(default_factory=frozenset)

    def allowed(self, current: str) -> frozenset[str]:
        return self.transitions.get(current, frozenset())

    def check(self, current: str, to: str, reason: str = "") -> None:
        """Raise a ValidationError naming the field ("to"; "note" for a missing reason) if not allowed."""
        if to not in self.allowed(current):
            allowed = ", ".join(sorted(self.allowed(current))) or _("none (final state)")
            raise ValidationError(
                {
                    "to": _("Cannot go from %(current)s to %(to)s. Allowed from %(current)s: %(allowed)s.")
                    % {"current": current, "to": to, "allowed": allowed}
                }
            )
        if to in self.reason_required and not reason.strip():
            raise ValidationError({"note": _("A reason is required to move to %(to)s.") % {"to": to}})

    @property
    def final_states(self) -> frozenset[str]:
        return frozenset(state for state, targets in self.transitions.items() if not targets)
