"""Serializer fields every app's API uses for references to other records.

A reference goes through `Restricted`, so a caller can point only at records the access policy lets them see (or
change, for a parent): another agency's record is answered "does not exist", exactly like a missing one.
"""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from liaison.core import access


class Restricted(serializers.PrimaryKeyRelatedField):  # type: ignore[type-arg]
    """A reference to a record the caller may `action` (view, or change for a parent record)."""

    def __init__(self, model: type[Any], action: str = access.VIEW, **kwargs: Any) -> None:
        self.model = model
        self.access_action = action
        # The model's queryset tells the schema what is referenced; get_queryset() narrows it per caller.
        kwargs.setdefault("queryset", model._default_manager.all())
        super().__init__(**kwargs)

    def get_queryset(self) -> Any:
        return access.restrict(self.model._default_manager.all(), self.context["request"].user, self.access_action)


class ParentField(Restricted):
    """The parent of a child record: one the caller's agency owns (may change); fixed once created."""

    def __init__(self, model: type[Any], **kwargs: Any) -> None:
        super().__init__(model, access.CHANGE, **kwargs)
