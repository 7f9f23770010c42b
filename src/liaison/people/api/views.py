"""API of the people register. Access comes from the base viewsets (core/api/viewsets.py); every write calls an
action of people/actions/; the name search goes through people/search.py."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import models
from django.db.models import Prefetch
from django.http import FileResponse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from liaison.core import access, reads
from liaison.core.api.viewsets import ModelViewSet
from liaison.core.models import ReadEvent
from liaison.people import actions, search
from liaison.people.api.serializers import (
    AddressSerializer,
    ContactSerializer,
    IdentityDocumentSerializer,
    PersonDuplicateQuerySerializer,
    PersonDuplicateSerializer,
    PersonMergeSerializer,
    PersonNameSerializer,
    PersonSearchResponseSerializer,
    PersonSerializer,
    PersonShareSerializer,
    PersonUnshareSerializer,
    PhotoSerializer,
)
from liaison.people.filters import (
    AddressFilter,
    ContactFilter,
    IdentityDocumentFilter,
    PersonFilter,
    PersonNameFilter,
    PhotoFilter,
)
from liaison.people.models import Address, Contact, IdentityDocument, Person, PersonName, Photo
from namematch.features import parse_birth_date

WRITE_METHODS = ["get", "post", "patch", "delete", "head", "options"]


def _create_person(data: Mapping[str, Any], *, actor: Any) -> Person:
    fields = dict(data)
    names = fields.pop("names", [])
    documents = fields.pop("documents", [])
    return actions.do_create_person(fields, names=names, documents=documents, actor=actor)


def _add_photo(data: Mapping[str, Any], *, actor: Any) -> Photo:
    return actions.do_add_photo(
        data["person"],
        data.get("image"),
        caption=data.get("caption", ""),
        taken_on=data.get("taken_on", ""),
        releasable=bool(data.get("releasable", False)),
        actor=actor,
    )


def _hit_data(hit: search.PersonHit) -> dict[str, Any]:
    return {
        "person": hit.person.pk,
        "display_name": hit.person.display_name,
        "birth_date": hit.person.birth_date,
        "score": hit.score,
        "algorithm": hit.algorithm,
        "explanation": hit.explanation,
    }


class PersonViewSet(ModelViewSet):
    """Persons with their names and identity documents (given inline on create; afterwards through
    /person-names/ and /identity-documents/). `?q=` searches names in any script (and document numbers) with
    namematch: results come best first, each with `match` (score, explanation). Merged records stay as
    tombstones (`merged_into`) and are left out of the list."""

    access_model = Person
    serializer_class = PersonSerializer
    filterset_class = PersonFilter
    ordering_fields = ["display_name", "birth_date", "updated_at"]
    http_method_names = WRITE_METHODS
    create_action = staticmethod(_create_person)
    update_action = staticmethod(actions.do_update_person)
    delete_action = staticmethod(actions.do_delete_person)

    def base_queryset(self) -> models.QuerySet[Any]:
        queryset = Person.objects.prefetch_related("names", "documents")
        if self.action == "list":
            queryset = queryset.filter(merged_into__isnull=True)
        return queryset

    @extend_schema(
        parameters=[
            OpenApiParameter("q", str, description="A name in any script, or a document number: ranked search."),
            OpenApiParameter("threshold", float, description="Lowest score kept with ?q= (default 0.5)."),
        ]
    )
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        query = request.query_params.get("q", "").strip()
        if not query:
            return super().list(request, *args, **kwargs)
        try:
            threshold = float(request.query_params.get("threshold") or search.SEARCH_THRESHOLD)
        except ValueError:
            raise ValidationError({"threshold": [_("Enter a number between 0 and 1.")]}) from None
        hits = search.search_persons(
            query,
            actor=request.user,
            limit=100,
            threshold=threshold,
            birth_date=request.query_params.get("birth_date", ""),
            nationality=request.query_params.get("nationality", ""),
        )
        filtered = self.filter_queryset(self.get_queryset()).filter(pk__in=[hit.person.pk for hit in hits])
        keep = set(filtered.values_list("pk", flat=True))
        hits = [hit for hit in hits if hit.person.pk in keep]
        persons = {p.pk: p for p in Person.objects.filter(pk__in=keep).prefetch_related("names", "documents")}
        ranked = [persons[hit.person.pk] for hit in hits]
        context = {**self.get_serializer_context(), "matches": {hit.person.pk: hit for hit in hits}}
        page = self.paginate_queryset(ranked)  # type: ignore[arg-type]
        if page is not None:
            return self.get_paginated_response(PersonSerializer(page, many=True, context=context).data)
        return Response(PersonSerializer(ranked, many=True, context=context).data)

    @extend_schema(request=PersonMergeSerializer, responses=PersonSerializer)
    @action(detail=True, methods=["post"])
    def merge(self, request: Request, pk: str | None = None) -> Response:
        """Merge `duplicate` into this person (needs the people.merge permission; both records your agency's):
        every name, document, photo, address, contact, notice, fugitive case, screening hit and share moves
        here; the duplicate becomes a tombstone."""
        survivor = self.get_object()
        payload = PersonMergeSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        candidates = access.restrict(Person.objects.all(), request.user, access.CHANGE)
        duplicate = candidates.filter(pk=payload.validated_data["duplicate"]).first()
        if duplicate is None:
            raise ValidationError({"duplicate": [_("No such person of your agency.")]})
        actions.do_merge_persons(survivor, duplicate, reason=payload.validated_data["reason"], actor=request.user)
        survivor = Person.objects.prefetch_related("names", "documents").get(pk=survivor.pk)
        return Response(self.get_serializer(survivor).data)

    @extend_schema(request=PersonShareSerializer, responses={200: PersonShareSerializer})
    @action(detail=True, methods=["post"])
    def share(self, request: Request, pk: str | None = None) -> Response:
        """Share the person with an agency under a handling code (H0–H3; H3 needs `handling_note`) and a TLP
        label; an existing share with that agency gets the new code."""
        person = self.get_object()
        payload = PersonShareSerializer(data=request.data, context=self.get_serializer_context())
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        share = actions.do_share_person(
            person,
            data["agency"],
            handling_code=data["handling_code"],
            tlp=data["tlp"],
            note=data.get("handling_note", ""),
            actor=request.user,
        )
        return Response(PersonShareSerializer(share, context=self.get_serializer_context()).data)

    @extend_schema(request=PersonUnshareSerializer, responses={204: None})
    @action(detail=True, methods=["post"])
    def unshare(self, request: Request, pk: str | None = None) -> Response:
        """Withdraw the person from an agency it was shared with."""
        person = self.get_object()
        payload = PersonUnshareSerializer(data=request.data, context=self.get_serializer_context())
        payload.is_valid(raise_exception=True)
        actions.do_unshare_person(person, payload.validated_data["agency"], actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(request=PersonDuplicateQuerySerializer, responses=PersonDuplicateSerializer(many=True))
    @action(detail=False, methods=["post"], reads_only=True, access_action=access.ADD)
    def duplicates(self, request: Request) -> Response:
        """The persons you may see that may be the one you are about to record (namematch, best first), with
        score and explanation: call it before creating a person."""
        payload = PersonDuplicateQuerySerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        hits = search.possible_duplicates(
            data["names"],
            actor=request.user,
            birth_date=data["birth_date"],
            nationalities=data["nationalities"],
            documents=data["documents"],
            exclude_pk=data["exclude"],
            limit=data["limit"],
        )
        return Response(PersonDuplicateSerializer([_hit_data(hit) for hit in hits], many=True).data)


class PersonNameViewSet(ModelViewSet):
    """The names of persons (filter with `person=`): as written, with script, language, kind and the partner
    that transcribed it. Making one primary demotes the other."""

    access_model = PersonName
    serializer_class = PersonNameSerializer
    filterset_class = PersonNameFilter
    http_method_names = WRITE_METHODS
    create_action = staticmethod(actions.do_add_name)
    update_action = staticmethod(actions.do_update_name)
    delete_action = staticmethod(actions.do_remove_name)


class IdentityDocumentViewSet(ModelViewSet):
    """Identity documents of persons (filter with `person=` or `number=`); an MRZ is checked (check digits,
    number) before it is stored."""

    access_model = IdentityDocument
    serializer_class = IdentityDocumentSerializer
    filterset_class = IdentityDocumentFilter
    http_method_names = WRITE_METHODS
    create_action = staticmethod(actions.do_add_document)
    update_action = staticmethod(actions.do_update_document)
    delete_action = staticmethod(actions.do_remove_document)


class AddressViewSet(ModelViewSet):
    """Known addresses of persons (filter with `person=`)."""

    access_model = Address
    serializer_class = AddressSerializer
    filterset_class = AddressFilter
    http_method_names = WRITE_METHODS
    create_action = staticmethod(actions.do_add_address)
    update_action = staticmethod(actions.do_update_address)
    delete_action = staticmethod(actions.do_remove_address)


class ContactViewSet(ModelViewSet):
    """Telephone numbers, e-mail and messenger accounts of persons (filter with `person=`)."""

    access_model = Contact
    serializer_class = ContactSerializer
    filterset_class = ContactFilter
    http_method_names = WRITE_METHODS
    create_action = staticmethod(actions.do_add_contact)
    update_action = staticmethod(actions.do_update_contact)
    delete_action = staticmethod(actions.do_remove_contact)


class PhotoViewSet(ModelViewSet):
    """Photos of persons: upload as multipart (person, image, caption, taken_on, releasable); JPEG, PNG or
    WebP up to 10 MB. A partner sees only the photos marked releasable of persons shared with it."""

    access_model = Photo
    serializer_class = PhotoSerializer
    filterset_class = PhotoFilter
    parser_classes = [MultiPartParser, FormParser, JSONParser]
    http_method_names = WRITE_METHODS
    create_action = staticmethod(_add_photo)
    update_action = staticmethod(actions.do_update_photo)
    delete_action = staticmethod(actions.do_remove_photo)

    @extend_schema(responses={(200, "image/*"): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"])
    def download(self, request: Request, pk: str | None = None) -> FileResponse:
        """The image."""
        photo = self.get_object()
        try:
            handle = photo.image.open("rb")
        except (FileNotFoundError, OSError, ValueError):
            raise NotFound(_("The stored file of this photo is missing; ask the node administrator.")) from None
        return FileResponse(handle, content_type=photo.content_type or "application/octet-stream")


# --- person search -----------------------------------------------------------------------------------------
class PersonSearchViewSet(viewsets.ViewSet):
    """The person search box: GET ?q=<a name in any script>[&birth_date=YYYY[-MM[-DD]]][&nationality=VN]
    [&limit=20]. Candidates the caller may see, best first, with namematch's explanation."""

    access_model = Person

    @extend_schema(
        parameters=[
            OpenApiParameter("q", OpenApiTypes.STR, description="A name in any script (or a document number)."),
            OpenApiParameter("birth_date", OpenApiTypes.STR, description="YYYY-MM-DD, YYYY-MM or YYYY."),
            OpenApiParameter("nationality", OpenApiTypes.STR, description="ISO 3166 alpha-2, e.g. VN."),
            OpenApiParameter("limit", OpenApiTypes.INT, description="At most this many candidates (1–100, 20)."),
        ],
        responses=PersonSearchResponseSerializer,
    )
    def list(self, request: Request) -> Response:
        query = " ".join(str(request.query_params.get("q", "")).split())
        birth_date = str(request.query_params.get("birth_date", "")).strip()
        nationality = str(request.query_params.get("nationality", "")).strip().upper()
        errors: dict[str, str] = {}
        try:
            limit = int(request.query_params.get("limit", 20))
            if not 1 <= limit <= 100:
                raise ValueError
        except ValueError:
            errors["limit"] = _("A number from 1 to 100.")
            limit = 20
        if birth_date:
            try:
                birth_date = str(parse_birth_date(birth_date))
            except ValueError:
                errors["birth_date"] = _("Enter the date as YYYY-MM-DD, YYYY-MM or YYYY.")
        if nationality and (len(nationality) != 2 or not nationality.isalpha()):
            errors["nationality"] = _("A two-letter country code such as VN.")
        if errors:
            raise ValidationError(errors)
        hits = (
            search.search_persons(
                query, actor=request.user, limit=limit, birth_date=birth_date, nationality=nationality
            )
            if query
            else []
        )
        persons = (
            access.restrict(Person.objects.filter(pk__in=[hit.person.pk for hit in hits]), request.user)
            .prefetch_related(Prefetch("names", queryset=PersonName.objects.order_by("-is_primary", "pk")))
            .in_bulk()
        )
        results = []
        for hit in hits:
            person = persons.get(hit.person.pk)
            if person is None:
                continue
            results.append(
                {
                    "person": person.pk,
                    "display_name": person.display_name,
                    "birth_date": person.birth_date,
                    "nationalities": [str(code) for code in person.nationalities or []],
                    "names": [
                        {"full_name": name.full_name, "script": name.script, "kind": name.kind}
                        for name in person.names.all()
                    ],
                    "score": hit.score,
                    "algorithm": hit.algorithm,
                    "explanation": hit.explanation,
                }
            )
        if query:
            terms = reads.search_terms(request.query_params)
            reads.record_read(request.user, ReadEvent.SEARCH, model=Person, terms=terms, count=len(results))
        return Response({"count": len(results), "results": results})
