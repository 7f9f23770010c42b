"""The API of screening."""

from rest_framework.routers import SimpleRouter

from liaison.screening.api.views import HitViewSet, ScreeningListViewSet, ScreeningRunViewSet

router = SimpleRouter()
router.register("screening-lists", ScreeningListViewSet, basename="screening-list")
router.register("screening-runs", ScreeningRunViewSet, basename="screening-run")
router.register("screening-hits", HitViewSet, basename="screening-hit")
