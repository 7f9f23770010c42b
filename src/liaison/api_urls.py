"""/api/: one router for every app's viewsets, the OpenAPI schema and its documentation pages."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from liaison.agencies.api.views import AgencyViewSet, ApiTokenViewSet, MeView, RoleViewSet, UnitViewSet, UserViewSet
from liaison.core.api.views import AuditEventViewSet

router = DefaultRouter()
router.register("agencies", AgencyViewSet, basename="agency")
router.register("units", UnitViewSet, basename="unit")
router.register("users", UserViewSet, basename="user")
router.register("roles", RoleViewSet, basename="role")
router.register("api-tokens", ApiTokenViewSet, basename="api-token")
router.register("audit", AuditEventViewSet, basename="audit")

urlpatterns = [
    path("me/", MeView.as_view(), name="api-me"),
    path("schema/", SpectacularAPIView.as_view(), name="api_schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api_schema"), name="api_docs"),
    path("", include(router.urls)),
]
