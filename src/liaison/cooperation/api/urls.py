"""The API of the cooperation registry."""

from rest_framework.routers import SimpleRouter

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

router = SimpleRouter()
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
