"""The API of core: the audit trail (read only)."""

from rest_framework.routers import SimpleRouter

from liaison.core.api.views import AuditEventViewSet, ReadEventViewSet

router = SimpleRouter()
router.register("audit", AuditEventViewSet, basename="audit")
router.register("read-events", ReadEventViewSet, basename="read-event")
