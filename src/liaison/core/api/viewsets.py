"""Base API viewsets. Access rules are applied here, not by each endpoint:

- the queryset is `access.restrict(model.objects…, user, action)` for the request's action, so records of
  another agency are 404 exactly like missing ones;
- a write on a record the caller may see but not change (one another agency shared with it) is refused with 403
  and a message saying it is read only, by whom it was shared and under which handling code: the record exists
  for the caller, so "not found" would mislead. A record it may not see stays 404;
- writes call the domain action named by the viewset (`create_action`, `update_action`, `delete_action`),
  never `.save()`, so every API write lands in the audit trail;
- reads of personal data (core/reads.py) are recorded in the read log: a detail, a `download`, a list with
  filters or a reads-only action (a search), each answered 200.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from django.core.exceptions import ObjectDoesNotExist
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import mixins, viewsets
from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import SAFE_METHODS
from rest_framework.serializers import BaseSerializer

from liaison.core import access, reads, sharing
from liaison.core.api.permissions import access_action_for, is_read
from liaison.core.models import ReadEvent


def read_only_message(record: models.Model, actor: Any) -> str:
    """Why the actor may see `record` but not change it: shared with its agency by the owner under a handling
    code (the share of the record, or of the parent it is seen through), or seen without a share."""
    root = record
    policy = access.policy_for(type(root))
    while isinstance(policy, access.ThroughParent):
        root = getattr(root, policy.path)
        policy = access.policy_for(type(root))
    owner = getattr(root, "owner", None)
    share = sharing.share_for(root, actor.agency_id) if owner is not None else None
    if share is not None:
        return _(
            "Read only: shared with your agency by %(owner)s under %(code)s. Only %(owner)s changes this record."
        ) % {"owner": owner, "code": share.handling_code}
    if owner is not None:
        return _("Read only: this record belongs to %(owner)s. Your agency may see it, not change it.") % {
            "owner": owner
        }
    return _("Read only: your agency may see this record, not change it.")


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
        try:
            record = super().get_object()  # type: ignore[misc]
        except Http404:
            if not is_read(self, self.request):
                self.refuse_if_read_only()
            raise
        self._read_record = record
        return record

    def refuse_if_read_only(self) -> None:
        """403 saying the record is read only, when the caller may see the record it may not write."""
        lookup_field = getattr(self, "lookup_field", "pk")
        value = self.kwargs.get(getattr(self, "lookup_url_kwarg", None) or lookup_field)  # type: ignore[attr-defined]
        visible = access.restrict(self.base_queryset(), self.request.user, access.VIEW)
        try:
            record = visible.get(**{lookup_field: value})
        except (ObjectDoesNotExist, ValueError, TypeError, OverflowError, DjangoValidationError):
            return
        raise PermissionDenied(read_only_message(record, self.request.user))

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
