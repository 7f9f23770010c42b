"""Base API viewsets. Access rules are applied here, not by each endpoint:

- the queryset is `access.restrict(model.objects…, user, action)` for the request's action, so records of
  another agency are 404 exactly like missing ones;
- writes call the domain action named by the viewset (`create_action`, `update_action`, `delete_action`),
  never `.save()`, so every API write lands in the audit trail;
- reads of personal data (core/reads.py) are recorded in the read log: a detail, a `download`, a list with
  filters or a reads-only action (a search), each answered 200.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from django.db import models
from rest_framework import mixins, viewsets
from rest_framework.permissions import SAFE_METHODS
from rest_framework.serializers import BaseSerializer

from liaison.core import access, reads
from liaison.core.api.permissions import access_action_for
from liaison.core.models import ReadEvent


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

    def get_object(self) -> Any:
        record = super().get_object()  # type: ignore[misc]
        self._read_record = record
        return record

    def finalize_response(self, request: Any, response: Any, *args: Any, **kwargs: Any) -> Any:
        response = super().finalize_response(request, response, *args, **kwargs)  # type: ignore[misc]
        if response.status_code == 200 and reads.is_personal(self.access_model):
            self._record_read(request, response)
        return response

    def _record_read(self, request: Any, response: Any) -> None:
        action = getattr(self, "action", None)
        record = getattr(self, "_read_record", None)
        read_only = request.method in SAFE_METHODS or getattr(self, "reads_only", False)
        if not read_only:
            return
        if record is not None and action == "download":
            reads.record_read(request.user, ReadEvent.DOWNLOAD, obj=record)
        elif record is not None:
            reads.record_read(request.user, ReadEvent.VIEW, obj=record)
        else:
            terms = reads.search_terms(request.query_params if request.method in SAFE_METHODS else request.data)
            data = getattr(response, "data", None)
            count = data.get("count") if isinstance(data, dict) else len(data) if isinstance(data, list) else None
            kind = ReadEvent.SEARCH if terms else ReadEvent.LIST
            reads.record_read(request.user, kind, model=self.access_model, terms=terms, count=count)


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
