"""The body of every workflow transition endpoint (`POST …/{id}/transition/`): one serializer, so the OpenAPI
schema has one `Transition` component for every app's records with states."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers


class TransitionSerializer(serializers.Serializer):  # type: ignore[type-arg]
    to = serializers.CharField(help_text=_("The state to move to."))
    note = serializers.CharField(
        required=False, allow_blank=True, default="", help_text=_("Why; required for some states.")
    )
