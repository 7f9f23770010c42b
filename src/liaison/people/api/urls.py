"""The API of the people register."""

from rest_framework.routers import SimpleRouter

from liaison.people.api.views import (
    AddressViewSet,
    ContactViewSet,
    IdentityDocumentViewSet,
    PersonNameViewSet,
    PersonSearchViewSet,
    PersonViewSet,
    PhotoViewSet,
)

router = SimpleRouter()
router.register("persons", PersonViewSet, basename="person")
router.register("person-names", PersonNameViewSet, basename="person-name")
router.register("identity-documents", IdentityDocumentViewSet, basename="identity-document")
router.register("person-addresses", AddressViewSet, basename="person-address")
router.register("person-contacts", ContactViewSet, basename="person-contact")
router.register("person-photos", PhotoViewSet, basename="person-photo")
router.register("person-search", PersonSearchViewSet, basename="person-search")
