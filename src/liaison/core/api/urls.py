"""The API of core: the audit trail (read only)."""

from rest_framework.routers import SimpleRouter

from liaison.core.api.views import AuditEventViewSet

router = SimpleRouter()
router.register("audit", AuditEventViewSet, basename="audit")
