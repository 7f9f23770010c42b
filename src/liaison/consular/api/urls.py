"""The API of the citizens-abroad domain."""

from rest_framework.routers import SimpleRouter

from liaison.consular.api.views import (
    ConsularCaseViewSet,
    ConsularEventViewSet,
    FacilityViewSet,
    NotificationRuleViewSet,
    ProtectionIncidentViewSet,
)

router = SimpleRouter()
router.register("consular-cases", ConsularCaseViewSet, basename="consular-case")
router.register("consular-events", ConsularEventViewSet, basename="consular-event")
router.register("consular-facilities", FacilityViewSet, basename="consular-facility")
router.register("consular-rules", NotificationRuleViewSet, basename="consular-rule")
router.register("protection-incidents", ProtectionIncidentViewSet, basename="protection-incident")

urlpatterns: list = []  # type: ignore[type-arg]
