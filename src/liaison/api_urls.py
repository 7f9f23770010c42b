"""/api/: one router for every app's viewsets, the OpenAPI schema and its documentation pages."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from liaison.agencies.api.views import AgencyViewSet, ApiTokenViewSet, MeView, RoleViewSet, UnitViewSet, UserViewSet
from liaison.cooperation.api.views import (
    ActionItemViewSet,
    AgreementDocumentViewSet,
    AgreementLinkViewSet,
    AgreementViewSet,
    CapacityProjectViewSet,
    EngagementViewSet,
    OutcomeViewSet,
    ParticipantViewSet,
    ProgrammeViewSet,
    TrainingCourseViewSet,
)
from liaison.core.api.views import AuditEventViewSet

router = DefaultRouter()
router.register("agencies", AgencyViewSet, basename="agency")
router.register("units", UnitViewSet, basename="unit")
router.register("users", UserViewSet, basename="user")
router.register("roles", RoleViewSet, basename="role")
router.register("api-tokens", ApiTokenViewSet, basename="api-token")
router.register("audit", AuditEventViewSet, basename="audit")
router.register("agreements", AgreementViewSet, basename="agreement")
router.register("agreement-documents", AgreementDocumentViewSet, basename="agreement-document")
router.register("agreement-links", AgreementLinkViewSet, basename="agreement-link")
router.register("programmes", ProgrammeViewSet, basename="programme")
router.register("action-items", ActionItemViewSet, basename="action-item")
router.register("engagements", EngagementViewSet, basename="engagement")
router.register("engagement-participants", ParticipantViewSet, basename="engagement-participant")
router.register("engagement-outcomes", OutcomeViewSet, basename="engagement-outcome")
router.register("training-courses", TrainingCourseViewSet, basename="training-course")
router.register("capacity-projects", CapacityProjectViewSet, basename="capacity-project")

urlpatterns = [
    path("me/", MeView.as_view(), name="api-me"),
    path("schema/", SpectacularAPIView.as_view(), name="api_schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api_schema"), name="api_docs"),
    path("", include(router.urls)),
]
