"""Central access rules: which records an actor may see or act on.

Every model served by a page or an API endpoint registers a Policy here; the base views and viewsets call
`restrict()` themselves, so a view cannot forget it, and a model without a policy cannot be served
(ImproperlyConfigured). A record the actor may not see is treated exactly like a missing one (404).

Actions: "view", "add", "change", "delete". A policy names the permission each action needs and narrows
the queryset to the records of the actor's agency (or shared with it).
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ImproperlyConfigured, ObjectDoesNotExist
from django.db import models
from django.db.models.functions import Cast
from django.http import Http404

from liaison.core.permissions import has_perm

M = TypeVar("M", bound=models.Model)

VIEW, ADD, CHANGE, DELETE = "view", "add", "change", "delete"
NOBODY = "nobody"  # a permission no role grants: the action does not exist for this kind of record


class Policy:
    """Base policy. `permissions` maps an action to the permission it needs (None: any signed-in user)."""

    permissions: dict[str, str | None] = {}

    def permission(self, action: str) -> str | None:
        if action not in self.permissions:
            raise ImproperlyConfigured(f"{type(self).__name__} does not define the action {action!r}.")
        return self.permissions[action]

    def scope(self, queryset: models.QuerySet[M], actor: Any, action: str) -> models.QuerySet[M]:
        raise NotImplementedError


class Directory(Policy):
    """Reference data every signed-in user reads (the agency directory); changing it needs a permission."""

    def __init__(self, view: str | None, manage: str, add: str | None = None, delete: str | None = None) -> None:
        self.permissions = {VIEW: view, ADD: add or manage, CHANGE: manage, DELETE: delete or manage}

    def scope(self, queryset: models.QuerySet[M], actor: Any, action: str) -> models.QuerySet[M]:
        return queryset


class AgencyScoped(Policy):
    """Records that belong to the agency reached through `path` (e.g. "agency", "user__agency").

    Holders of `all_permission` (the node administrator) see and act on every agency's records.
    """

    def __init__(self, path: str, view: str | None, manage: str, all_permission: str | None = None) -> None:
        self.path = path
        self.all_permission = all_permission
        self.permissions = {VIEW: view, ADD: manage, CHANGE: manage, DELETE: manage}

    def scope(self, queryset: models.QuerySet[M], actor: Any, action: str) -> models.QuerySet[M]:
        if self.all_permission and has_perm(actor, self.all_permission):
            return queryset
        return queryset.filter(**{self.path: actor.agency_id})


class Owned(Policy):
    """Agency-owned records (core.models.AgencyOwnedModel): the owner sees and changes them; an agency they
    were shared with (core.models.Share) sees them, under the share's handling code, and changes nothing."""

    def __init__(self, view: str | None, manage: str) -> None:
        self.permissions = {VIEW: view, ADD: manage, CHANGE: manage, DELETE: manage}

    def scope(self, queryset: models.QuerySet[M], actor: Any, action: str) -> models.QuerySet[M]:
        own = models.Q(owner_id=actor.agency_id)
        if action != VIEW:
            return queryset.filter(own)
        from liaison.core.models import Share

        # Share.object_id is text; cast it to the primary key's type (PostgreSQL compares no bigint with varchar).
        pk_type = type(queryset.model._meta.pk)
        shared_ids = (
            Share.objects.filter(
                content_type=ContentType.objects.get_for_model(queryset.model), agency_id=actor.agency_id
            )
            .annotate(shared_pk=Cast("object_id", output_field=pk_type()))
            .values("shared_pk")
        )
        return queryset.filter(own | models.Q(pk__in=shared_ids))


class ThroughParent(Policy):
    """A child record: allowed when the actor may perform the same action's parent-side equivalent on the parent
    reached through `path` (view → view the parent; add, change, delete → change the parent)."""

    def __init__(self, path: str, view: str | None, manage: str) -> None:
        self.path = path
        self.permissions = {VIEW: view, ADD: manage, CHANGE: manage, DELETE: manage}

    def parent_model(self, model: type[models.Model]) -> type[models.Model]:
        related = model._meta.get_field(self.path).related_model
        assert isinstance(related, type)
        return related

    def scope(self, queryset: models.QuerySet[Any], actor: Any, action: str) -> models.QuerySet[Any]:
        parent = self.parent_model(queryset.model)
        parent_action = VIEW if action == VIEW else CHANGE
        parents = restrict(parent._default_manager.all(), actor, parent_action)
        return queryset.filter(**{f"{self.path}__in": parents.values("pk")})


_POLICIES: dict[type[models.Model], Policy] = {}


def register(model: type[models.Model], policy: Policy) -> None:
    _POLICIES[model] = policy


def policy_for(model: type[models.Model]) -> Policy:
    try:
        return _POLICIES[model]
    except KeyError:
        raise ImproperlyConfigured(
            f"{model._meta.label} has no access policy: register one in its app's access.py."
        ) from None


def registered_models() -> list[type[models.Model]]:
    return list(_POLICIES)


def can(actor: Any, model: type[models.Model], action: str) -> bool:
    """May the actor perform `action` on records of this kind at all (before looking at a record)?"""
    if actor is None or not getattr(actor, "is_authenticated", False) or not actor.is_active:
        return False
    needed = policy_for(model).permission(action)
    return needed is None or has_perm(actor, needed)


def restrict(queryset: models.QuerySet[M], actor: Any, action: str = VIEW) -> models.QuerySet[M]:
    """The records of `queryset` the actor may perform `action` on; none when the role does not allow it."""
    policy = policy_for(queryset.model)
    if not can(actor, queryset.model, action):
        return queryset.none()
    return policy.scope(queryset, actor, action)


def get_for(queryset: models.QuerySet[M], actor: Any, action: str = VIEW, **lookup: Any) -> M:
    """One record the actor may act on, or 404 — the same answer for missing and forbidden."""
    try:
        return restrict(queryset, actor, action).get(**lookup)
    except (ObjectDoesNotExist, ValueError, TypeError):
        raise Http404 from None
