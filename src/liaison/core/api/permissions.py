from __future__ import annotations

from typing import Any

from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.request import Request

from liaison.core import access

VIEWSET_ACTIONS = {
    "list": access.VIEW,
    "retrieve": access.VIEW,
    "create": access.ADD,
    "update": access.CHANGE,
    "partial_update": access.CHANGE,
    "destroy": access.DELETE,
}


def is_read(view: Any, request: Request) -> bool:
    """Whether the call only reads: a safe method, or an action marked `reads_only=True` (core/api/viewsets.py),
    such as a search that takes its query as a POSTed body."""
    return request.method in SAFE_METHODS or bool(getattr(view, "reads_only", False))


def access_action_for(view: Any, request: Request) -> str:
    """The access action of an API call: the one a custom action names (`@action(..., access_action=access.ADD)`),
    else from the viewset action, else VIEW for reads and CHANGE for writes (custom actions such as /revoke/
    change a record)."""
    declared = getattr(view, "access_action", None)
    if declared:
        return str(declared)
    name = getattr(view, "action", None)
    if name in VIEWSET_ACTIONS:
        return VIEWSET_ACTIONS[name]
    return access.VIEW if is_read(view, request) else access.CHANGE


class RolePermission(BasePermission):
    """Signed in, holding the permission the access policy names for the action; read-only tokens only read
    (safe methods, and actions marked `reads_only`).

    Which records are reachable is decided by the viewset's queryset (access.restrict), so another agency's
    record is a 404 like a missing one.
    """

    def has_permission(self, request: Request, view: Any) -> bool:
        user = request.user
        if not user or not user.is_authenticated:
            return False
        token = request.auth
        if getattr(token, "read_only", False) and not is_read(view, request):
            return False
        model = getattr(view, "access_model", None)
        if model is None:
            return True  # views without a model (schema, "me") need only a signed-in user
        action = access_action_for(view, request)
        return access.can(user, model, action)
