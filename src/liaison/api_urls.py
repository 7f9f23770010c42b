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
from liaison.desk.api.views import (
    CaseDocumentViewSet,
    CaseEventViewSet,
    FugitiveCaseViewSet,
    NoticeViewSet,
    OffenceViewSet,
    PartnerDeadlinesViewSet,
)
from liaison.desk.ftm.views import FtmExportApiView
from liaison.people.api.views import (
    AddressViewSet,
    ContactViewSet,
    IdentityDocumentViewSet,
    PersonNameViewSet,
    PersonViewSet,
    PhotoViewSet,
)
from liaison.screening.api.views import HitViewSet, PersonSearchViewSet, ScreeningListViewSet, ScreeningRunViewSet

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
router.register("persons", PersonViewSet, basename="person")
router.register("person-names", PersonNameViewSet, basename="person-name")
router.register("identity-documents", IdentityDocumentViewSet, basename="identity-document")
router.register("person-addresses", AddressViewSet, basename="person-address")
router.register("person-contacts", ContactViewSet, basename="person-contact")
router.register("person-photos", PhotoViewSet, basename="person-photo")
router.register("notices", NoticeViewSet, basename="notice")
router.register("notice-offences", OffenceViewSet, basename="notice-offence")
router.register("fugitive-cases", FugitiveCaseViewSet, basename="fugitive-case")
router.register("case-events", CaseEventViewSet, basename="case-event")
router.register("case-documents", CaseDocumentViewSet, basename="case-document")
router.register("partner-deadlines", PartnerDeadlinesViewSet, basename="partner-deadlines")
router.register("screening-lists", ScreeningListViewSet, basename="screening-list")
router.register("screening-runs", ScreeningRunViewSet, basename="screening-run")
router.register("screening-hits", HitViewSet, basename="screening-hit")
router.register("person-search", PersonSearchViewSet, basename="person-search")

urlpatterns = [
    path("me/", MeView.as_view(), name="api-me"),
    path("ftm/", FtmExportApiView.as_view(), name="api-ftm"),
    path("schema/", SpectacularAPIView.as_view(), name="api_schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api_schema"), name="api_docs"),
    path("", include(router.urls)),
]
