from __future__ import annotations

from liaison.core.api.serializers import AuditEventSerializer
from liaison.core.api.viewsets import ReadOnlyViewSet
from liaison.core.filters import AuditFilter
from liaison.core.models import AuditEvent


class AuditEventViewSet(ReadOnlyViewSet):
    """The audit trail of the caller's agency (supervisors; node administrators see every agency's)."""

    access_model = AuditEvent
    serializer_class = AuditEventSerializer
    filterset_class = AuditFilter
    ordering_fields = ["seq", "occurred_at"]
