"""The API of the liaison desk, and its FollowTheMoney export (`ftm/`)."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from liaison.desk.api.views import (
    CaseDocumentViewSet,
    CaseEventViewSet,
    FugitiveCaseViewSet,
    NoticeViewSet,
    OffenceViewSet,
    PartnerDeadlinesViewSet,
)
from liaison.desk.ftm.views import FtmExportApiView

router = SimpleRouter()
router.register("notices", NoticeViewSet, basename="notice")
router.register("notice-offences", OffenceViewSet, basename="notice-offence")
router.register("fugitive-cases", FugitiveCaseViewSet, basename="fugitive-case")
router.register("case-events", CaseEventViewSet, basename="case-event")
router.register("case-documents", CaseDocumentViewSet, basename="case-document")
router.register("partner-deadlines", PartnerDeadlinesViewSet, basename="partner-deadlines")

urlpatterns = [
    path("ftm/", FtmExportApiView.as_view(), name="api-ftm"),
]
