"""The API of the information exchange."""

from rest_framework.routers import SimpleRouter

from liaison.exchange.api.views import MessageViewSet, PermissionRequestViewSet

router = SimpleRouter()
router.register("messages", MessageViewSet, basename="message")
router.register("message-permission-requests", PermissionRequestViewSet, basename="message-permission-request")

urlpatterns: list[object] = []
