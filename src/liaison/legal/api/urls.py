"""The API of legal requests."""

from rest_framework.routers import SimpleRouter

from liaison.legal.api.views import (
    CentralAuthorityViewSet,
    LegalDocumentViewSet,
    LegalOffenceViewSet,
    LegalRequestViewSet,
    RequestEventViewSet,
    TreatyTermsViewSet,
)

router = SimpleRouter()
router.register("legal-requests", LegalRequestViewSet, basename="legal-request")
router.register("legal-offences", LegalOffenceViewSet, basename="legal-offence")
router.register("legal-request-events", RequestEventViewSet, basename="legal-request-event")
router.register("legal-documents", LegalDocumentViewSet, basename="legal-document")
router.register("treaty-terms", TreatyTermsViewSet, basename="treaty-terms")
router.register("central-authorities", CentralAuthorityViewSet, basename="central-authority")

urlpatterns: list[object] = []
