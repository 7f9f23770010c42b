"""The API of the directory: agencies, units, users, roles, API tokens, and the signed-in caller (`me/`)."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from liaison.agencies.api.views import AgencyViewSet, ApiTokenViewSet, MeView, RoleViewSet, UnitViewSet, UserViewSet

router = SimpleRouter()
router.register("agencies", AgencyViewSet, basename="agency")
router.register("units", UnitViewSet, basename="unit")
router.register("users", UserViewSet, basename="user")
router.register("roles", RoleViewSet, basename="role")
router.register("api-tokens", ApiTokenViewSet, basename="api-token")

urlpatterns = [
    path("me/", MeView.as_view(), name="api-me"),
]
