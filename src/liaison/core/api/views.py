from __future__ import annotations

from liaison.core.api.serializers import AuditEventSerializer, ReadEventSerializer
from liaison.core.api.viewsets import ReadOnlyViewSet
from liaison.core.filters import AuditFilter, ReadEventFilter
from liaison.core.models import AuditEvent, ReadEvent


class AuditEventViewSet(ReadOnlyViewSet):
    """The audit trail of the caller's agency (supervisors; node administrators see every agency's)."""

    access_model = AuditEvent
    serializer_class = AuditEventSerializer
    filterset_class = AuditFilter
    ordering_fields = ["seq", "occurred_at"]


class ReadEventViewSet(ReadOnlyViewSet):
    """The read log: reads of personal data (records opened, searches with their terms, files downloaded,
    exports) by the caller's agency (supervisors; node administrators see every agency's)."""

    access_model = ReadEvent
    serializer_class = ReadEventSerializer
    filterset_class = ReadEventFilter
    ordering_fields = ["occurred_at"]
