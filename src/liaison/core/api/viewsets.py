"""Base API viewsets. Access rules are applied here, not by each endpoint:

- the queryset is `access.restrict(model.objects…, user, action)` for the request's action, so records of
  another agency are 404 exactly like missing ones;
- writes call the domain action named by the viewset (`create_action`, `update_action`, `delete_action`),
  never `.save()`, so every API write lands in the audit trail.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from django.db import models
from rest_framework import mixins, viewsets
from rest_framework.serializers import BaseSerializer

from liaison.core import access
from liaison.core.api.permissions import access_action_for


class RestrictedQuerysetMixin:
    access_model: ClassVar[type[models.Model]]
    request: Any
    # True on an action that only reads whatever its method (a search whose query is a POSTed body):
    # `@action(detail=False, methods=["post"], reads_only=True)`. It is checked as a read (access VIEW) and a
    # read-only token may call it (core/api/permissions.py).
    reads_only: bool = False
    # The access action a custom action needs when it is not the default (VIEW for reads, CHANGE for writes):
    # `@action(..., access_action=access.ADD)`, e.g. the duplicate check made before recording a person.
    access_action: str = ""

    def base_queryset(self) -> models.QuerySet[Any]:
        return self.access_model._default_manager.all()

    def get_queryset(self) -> models.QuerySet[Any]:
        base = self.base_queryset()
        return access.restrict(base, self.request.user, access_action_for(self, self.request))


class ReadOnlyViewSet(RestrictedQuerysetMixin, viewsets.ReadOnlyModelViewSet):  # type: ignore[type-arg]
    pass


class ModelViewSet(
    RestrictedQuerysetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,  # type: ignore[type-arg]
):
    """Create, update and delete go through the domain actions given as static functions."""

    create_action: ClassVar[Callable[..., Any] | None] = None
    update_action: ClassVar[Callable[..., Any] | None] = None
    delete_action: ClassVar[Callable[..., Any] | None] = None

    def perform_create(self, serializer: BaseSerializer[Any]) -> None:
        assert self.create_action is not None, "set create_action or leave 'post' out of http_method_names"
        serializer.instance = type(self).create_action(dict(serializer.validated_data), actor=self.request.user)  # type: ignore[misc]

    def perform_update(self, serializer: BaseSerializer[Any]) -> None:
        assert self.update_action is not None, "set update_action or leave 'put'/'patch' out of http_method_names"
        serializer.instance = type(self).update_action(  # type: ignore[misc]
            serializer.instance, dict(serializer.validated_data), actor=self.request.user
        )

    def perform_destroy(self, instance: Any) -> None:
        assert self.delete_action is not None, "set delete_action or leave 'delete' out of http_method_names"
        type(self).delete_action(instance, actor=self.request.user)  # type: ignore[misc]
