"""API of legal requests. Access comes from the base viewsets (core/api/viewsets.py); every write calls an action of
legal/actions/. Statuses move only through /transition/ (TransitionSerializer, with the refusal grounds); a
provisional arrest through /arrest/, our acknowledgement of an incoming request through /acknowledge/, notes through
/notes/."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.http import FileResponse, Http404, HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import BaseSerializer

from liaison.core.api.viewsets import ModelViewSet, ReadOnlyViewSet
from liaison.core.views import stored_file_response
from liaison.legal import actions, consular_transfer, letter
from liaison.legal.api.serializers import (
    ArrestSerializer,
    CentralAuthoritySerializer,
    ConsularTransferSerializer,
    LegalDocumentSerializer,
    LegalOffenceSerializer,
    LegalRequestSerializer,
    LetterSignOffSerializer,
    RequestEventSerializer,
    RequestLetterSerializer,
    RequestNoteSerializer,
    RequestTransitionSerializer,
    TreatyTermsSerializer,
)
from liaison.legal.filters import LegalOffenceFilter, LegalRequestFilter, RequestEventFilter, TreatyTermsFilter
from liaison.legal.models import (
    CentralAuthority,
    LegalDocument,
    LegalOffence,
    LegalRequest,
    RequestEvent,
    TreatyTerms,
)

WRITE_METHODS = ["get", "post", "patch", "delete", "head", "options"]
NO_DELETE = ["get", "post", "patch", "head", "options"]


class TreatyTermsViewSet(ModelViewSet):
    """The terms of each treaty (or reciprocity) with a partner: kinds covered, languages, time limits, refusal
    grounds (allowed and mandatory), transfer conditions; central authorities at /central-authorities/."""

    access_model = TreatyTerms
    serializer_class = TreatyTermsSerializer
    filterset_class = TreatyTermsFilter
    http_method_names = WRITE_METHODS
    create_action = staticmethod(actions.do_create_treaty_terms)
    update_action = staticmethod(actions.do_update_treaty_terms)
    delete_action = staticmethod(actions.do_delete_treaty_terms)

    def base_queryset(self) -> models.QuerySet[Any]:
        return TreatyTerms.objects.prefetch_related("authorities")


class CentralAuthorityViewSet(ModelViewSet):
    access_model = CentralAuthority
    serializer_class = CentralAuthoritySerializer
    http_method_names = ["get", "post", "delete", "head", "options"]
    create_action = staticmethod(actions.do_create_central_authority)
    delete_action = staticmethod(actions.do_delete_central_authority)


class LegalOffenceViewSet(ModelViewSet):
    """Offences of legal requests (filter with `request=`), with the offence in the other state's law for dual
    criminality."""

    access_model = LegalOffence
    serializer_class = LegalOffenceSerializer
    filterset_class = LegalOffenceFilter
    http_method_names = WRITE_METHODS
    create_action = staticmethod(actions.do_add_legal_offence)
    update_action = staticmethod(actions.do_update_legal_offence)
    delete_action = staticmethod(actions.do_remove_legal_offence)


class RequestEventViewSet(ReadOnlyViewSet):
    """The timeline of legal requests (filter with `request=`)."""

    access_model = RequestEvent
    serializer_class = RequestEventSerializer
    filterset_class = RequestEventFilter


class LegalRequestViewSet(ModelViewSet):
    """Extradition, mutual legal assistance, verification and transfer requests, incoming and outgoing, on their
    treaty basis (found from the partner and kind when not given). A request is never deleted: it is withdrawn."""

    access_model = LegalRequest
    serializer_class = LegalRequestSerializer
    filterset_class = LegalRequestFilter
    search_fields = ["reference", "partner_reference"]
    ordering_fields = ["received_on", "status", "answer_by", "acknowledge_by"]
    http_method_names = NO_DELETE

    def base_queryset(self) -> models.QuerySet[Any]:
        return LegalRequest.objects.select_related("person", "partner", "treaty").prefetch_related(
            "offences", "other_persons"
        )

    def perform_content_negotiation(self, request: Any, force: bool = False) -> tuple[BaseRenderer, str]:
        if getattr(self, "action", None) == "letter":  # `format` names the letter's format, not a renderer
            return JSONRenderer(), JSONRenderer.media_type
        return super().perform_content_negotiation(request, force)

    def perform_create(self, serializer: BaseSerializer[Any]) -> None:
        data = dict(serializer.validated_data)
        note = data.pop("note", "")
        offences = [dict(row) for row in data.pop("offences", [])]
        serializer.instance = actions.do_create_request(data, offences=offences, note=note, actor=self.request.user)

    def perform_update(self, serializer: BaseSerializer[Any]) -> None:
        data = dict(serializer.validated_data)
        data.pop("note", None)
        data.pop("offences", None)
        legal_request: Any = serializer.instance
        serializer.instance = actions.do_update_request(legal_request, data, actor=self.request.user)

    @extend_schema(request=RequestTransitionSerializer, responses=LegalRequestSerializer)
    @action(detail=True, methods=["post"])
    def transition(self, request: Request, pk: str | None = None) -> Response:
        """drafting → legal review → approved (a supervisor; refused while a mandatory ground remains) → sent →
        acknowledged → under execution → partially executed → executed; additional information requested (clock
        stops; the answer resumes it); refused (with `grounds`), withdrawn, lapsed — each with a reason (`note`)."""
        legal_request = self.get_object()
        payload = RequestTransitionSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        actions.do_transition_request(
            legal_request, data["to"], note=data["note"], grounds=data["grounds"], actor=request.user
        )
        return Response(self.get_serializer(legal_request).data)

    @extend_schema(request=ArrestSerializer, responses=LegalRequestSerializer)
    @action(detail=True, methods=["post"])
    def arrest(self, request: Request, pk: str | None = None) -> Response:
        """A provisional arrest was carried out: sets the day the formal request is due (treaty's time limit)."""
        legal_request = self.get_object()
        payload = ArrestSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        actions.do_record_arrest(legal_request, data["arrested_on"], note=data["note"], actor=request.user)
        return Response(self.get_serializer(legal_request).data)

    @extend_schema(request=RequestNoteSerializer, responses=LegalRequestSerializer)
    @action(detail=True, methods=["post"])
    def acknowledge(self, request: Request, pk: str | None = None) -> Response:
        """We acknowledge an incoming request (meets its acknowledgement deadline)."""
        legal_request = self.get_object()
        note = str(request.data.get("note", "")) if hasattr(request.data, "get") else ""
        actions.do_acknowledge_request(legal_request, note=note, actor=request.user)
        return Response(self.get_serializer(legal_request).data)

    @extend_schema(request=RequestNoteSerializer, responses={201: RequestEventSerializer})
    @action(detail=True, methods=["post"])
    def notes(self, request: Request, pk: str | None = None) -> Response:
        """Add a note to the request's timeline."""
        legal_request = self.get_object()
        payload = RequestNoteSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        event = actions.do_add_request_note(legal_request, payload.validated_data["note"], actor=request.user)
        return Response(RequestEventSerializer(event).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        parameters=[
            OpenApiParameter("language", str, enum=list(letter.LANGUAGES),
                             description="The treaty's first accepted language when left out."),
            OpenApiParameter("format", str, enum=list(letter.FORMATS), description="pdf (the default) or docx."),
        ],
        responses={(200, "application/pdf"): OpenApiTypes.BINARY, (200, letter.FORMATS["docx"]): OpenApiTypes.BINARY},
    )  # fmt: skip
    @action(detail=True, methods=["get"])
    def letter(self, request: Request, pk: str | None = None) -> HttpResponse:
        """The request letter (outgoing requests), generated now as a draft in `language` (vi, en, ko, zh, ru) and
        `format` (pdf, docx), for the owner's legal officers, supervisors and analysts. The signed-off versions are
        documents of the dossier (kind request_letter; /letter/sign-off/)."""
        legal_request = self.get_object()
        content, filename, content_type = letter.generate(
            legal_request, request.query_params.get("language"), request.query_params.get("format", "pdf"),
            actor=request.user,
        )  # fmt: skip
        response = HttpResponse(content, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response

    @extend_schema(request=LetterSignOffSerializer, responses={201: RequestLetterSerializer})
    @action(detail=True, methods=["post"], url_path="letter/sign-off")
    def letter_sign_off(self, request: Request, pk: str | None = None) -> Response:
        """The legal officer signs off the letter (approved requests, before sending): its PDF and DOCX become
        documents of the dossier with their SHA-256; a sign-off after a change makes the next version."""
        legal_request = self.get_object()
        payload = LetterSignOffSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        signed = actions.do_sign_off_letter(legal_request, payload.validated_data.get("language"), actor=request.user)
        return Response(RequestLetterSerializer(signed).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        methods=["GET"],
        parameters=[OpenApiParameter("consular_case", int, required=True)],
        responses={200: OpenApiTypes.OBJECT},
    )
    @extend_schema(methods=["POST"], request=ConsularTransferSerializer, responses={201: LegalRequestSerializer})
    @action(detail=False, methods=["get", "post"], url_path="start-transfer")
    def start_transfer(self, request: Request) -> Response:
        """From a consular case of one's agency (`consular_case`, its id; a query parameter for GET): GET gives the
        transfer eligibility against the treaty (`eligible`, `failed` with the reasons, `to_establish`, `open_request`);
        POST opens the draft transfer request with the person and the judgment filled in (400 with the reasons
        when not eligible or when a transfer request for the case is open)."""
        from liaison.consular.queries import visible_cases

        payload = ConsularTransferSerializer(data=request.query_params if request.method == "GET" else request.data)
        payload.is_valid(raise_exception=True)
        own = visible_cases(request.user).filter(owner_id=getattr(request.user, "agency_id", None))
        case = own.filter(pk=payload.validated_data["consular_case"]).first()
        if case is None:
            raise Http404("No such consular case.")
        if request.method == "GET":
            return Response(consular_transfer.check(case).as_json())
        legal_request = consular_transfer.do_start_transfer_from_consular(case, actor=request.user)
        return Response(self.get_serializer(legal_request).data, status=status.HTTP_201_CREATED)


class LegalDocumentViewSet(ModelViewSet):
    """The dossier's documents (filter with `request=`): upload as multipart (file, request, kind, language, title;
    for a certified translation: translation_of, translator, translated_on, certification). A PDF, JPEG, PNG, TIFF
    or DOCX of at most 20 MB; anything else is refused with the reason and nothing is stored. /download/ gives the
    file back. A document is never changed or removed."""

    access_model = LegalDocument
    serializer_class = LegalDocumentSerializer
    parser_classes = [MultiPartParser, FormParser, JSONParser]
    http_method_names = ["get", "post", "head", "options"]

    def get_queryset(self) -> models.QuerySet[Any]:
        queryset = super().get_queryset()
        request_id = self.request.query_params.get("request")
        return queryset.filter(request_id=request_id) if request_id and request_id.isdigit() else queryset

    def perform_create(self, serializer: BaseSerializer[Any]) -> None:
        data = dict(serializer.validated_data)
        serializer.instance = actions.do_add_legal_document(
            data["request"], data["file"], kind=data["kind"], language=data.get("language", ""),
            title=data["title"], translation_of=data.get("translation_of"), translator=data.get("translator", ""),
            translated_on=data.get("translated_on"), certification=data.get("certification", ""),
            actor=self.request.user,
        )  # fmt: skip

    @extend_schema(responses={(200, "application/octet-stream"): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"])
    def download(self, request: Request, pk: str | None = None) -> FileResponse:
        """The stored file, as an attachment."""
        response = stored_file_response(self.get_object())
        if response is None:
            raise Http404("The stored file of this document is missing.")
        return response
