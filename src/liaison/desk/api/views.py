"""API of the liaison desk. Access comes from the base viewsets (core/api/viewsets.py); every write calls an
action of desk/actions/. Statuses move only through /transition/; a notice's review through /review/, its
sharing through /share/ and /unshare/; a case's notes, acknowledgements and progress reports through /notes/."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.http import FileResponse, Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import BaseSerializer

from liaison.core import access
from liaison.core.api.viewsets import ModelViewSet, ReadOnlyViewSet
from liaison.core.views import stored_file_response
from liaison.desk import actions
from liaison.desk.api.serializers import (
    CaseDocumentSerializer,
    CaseEventSerializer,
    CaseNoteSerializer,
    CaseTransitionSerializer,
    FugitiveCaseSerializer,
    NoticeReviewSerializer,
    NoticeSerializer,
    NoticeShareSerializer,
    NoticeShareViewSerializer,
    NoticeUnshareSerializer,
    OffenceSerializer,
    PartnerDeadlinesSerializer,
    TransitionSerializer,
)
from liaison.desk.filters import (
    CaseDocumentFilter,
    CaseEventFilter,
    FugitiveCaseFilter,
    NoticeFilter,
    OffenceFilter,
    PartnerDeadlinesFilter,
)
from liaison.desk.models import CaseDocument, CaseEvent, FugitiveCase, Notice, Offence, PartnerDeadlines

WRITE_METHODS = ["get", "post", "patch", "delete", "head", "options"]
NO_DELETE = ["get", "post", "patch", "head", "options"]


class NoticeViewSet(ModelViewSet):
    """Notices about persons (wanted, locate, information, missing, warning) with their offences (nested: given
    on create, replacing the list when given on change). A notice is never deleted: it is cancelled."""

    access_model = Notice
    serializer_class = NoticeSerializer
    filterset_class = NoticeFilter
    search_fields = ["reference", "interpol_id"]
    ordering_fields = ["issued_on", "valid_until", "review_due_on", "status", "kind"]
    http_method_names = NO_DELETE

    def base_queryset(self) -> models.QuerySet[Any]:
        return Notice.objects.select_related("person").prefetch_related("offences")

    def perform_create(self, serializer: BaseSerializer[Any]) -> None:
        data = dict(serializer.validated_data)
        offences = [dict(row) for row in data.pop("offences", [])]
        serializer.instance = actions.do_create_notice(data, offences=offences, actor=self.request.user)

    def perform_update(self, serializer: BaseSerializer[Any]) -> None:
        data = dict(serializer.validated_data)
        offences = [dict(row) for row in data.pop("offences")] if "offences" in data else None
        notice: Any = serializer.instance
        serializer.instance = actions.do_update_notice(notice, data, offences=offences, actor=self.request.user)

    @extend_schema(request=TransitionSerializer, responses=NoticeSerializer)
    @action(detail=True, methods=["post"])
    def transition(self, request: Request, pk: str | None = None) -> Response:
        """draft → active; active ⇄ suspended (with a reason); cancelled (with a reason); expired when the
        validity ends; expired → active after a review."""
        notice = self.get_object()
        payload = TransitionSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        actions.do_transition_notice(
            notice, payload.validated_data["to"], note=payload.validated_data["note"], actor=request.user
        )
        return Response(self.get_serializer(notice).data)

    @extend_schema(request=NoticeReviewSerializer, responses=NoticeSerializer)
    @action(detail=True, methods=["post"])
    def review(self, request: Request, pk: str | None = None) -> Response:
        """Record the five-year retention review (the next one falls five years later); optionally a new end
        of validity."""
        notice = self.get_object()
        payload = NoticeReviewSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        actions.do_review_notice(
            notice,
            note=payload.validated_data["note"],
            valid_until=payload.validated_data["valid_until"],
            actor=request.user,
        )
        return Response(self.get_serializer(notice).data)

    @extend_schema(request=NoticeShareSerializer, responses={200: NoticeShareViewSerializer})
    @action(detail=True, methods=["post"])
    def share(self, request: Request, pk: str | None = None) -> Response:
        """Share the notice, and the person it is about, with a partner agency under a handling code and a TLP
        label (again: changes the code)."""
        notice = self.get_object()
        payload = NoticeShareSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        share = actions.do_share_notice(
            notice, data["agency"], handling_code=data["handling_code"], tlp=data["tlp"], note=data["note"],
            actor=request.user,
        )  # fmt: skip
        return Response(NoticeShareViewSerializer(_share_view(share)).data)

    @extend_schema(request=NoticeUnshareSerializer, responses={204: None})
    @action(detail=True, methods=["post"])
    def unshare(self, request: Request, pk: str | None = None) -> Response:
        """Withdraw a partner's access to the notice (and to its person, unless another notice shares it)."""
        notice = self.get_object()
        payload = NoticeUnshareSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        actions.do_unshare_notice(notice, payload.validated_data["agency"], actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


def _share_view(share: Any) -> dict[str, Any]:
    return {
        "agency": share.agency_id,
        "agency_name": str(share.agency),
        "handling_code": share.handling_code,
        "handling_note": share.handling_note,
        "tlp": share.tlp,
        "shared_at": share.shared_at,
    }


class OffenceViewSet(ModelViewSet):
    """Offences of notices (filter with `notice=`): description, crime area, law and article, maximum penalty."""

    access_model = Offence
    serializer_class = OffenceSerializer
    filterset_class = OffenceFilter
    http_method_names = WRITE_METHODS
    create_action = staticmethod(actions.do_add_offence)
    update_action = staticmethod(actions.do_update_offence)
    delete_action = staticmethod(actions.do_remove_offence)


class FugitiveCaseViewSet(ModelViewSet):
    """Fugitive cases between this desk and a partner's. Status through /transition/ (with place, time and
    note); notes, acknowledgements and progress reports through /notes/; the timeline at /case-events/."""

    access_model = FugitiveCase
    serializer_class = FugitiveCaseSerializer
    filterset_class = FugitiveCaseFilter
    search_fields = ["reference", "partner_reference"]
    ordering_fields = ["received_on", "priority", "status", "next_report_due", "acknowledge_by"]
    http_method_names = NO_DELETE

    def base_queryset(self) -> models.QuerySet[Any]:
        return FugitiveCase.objects.select_related("person", "partner")

    def perform_create(self, serializer: BaseSerializer[Any]) -> None:
        data = dict(serializer.validated_data)
        note = data.pop("note", "")
        serializer.instance = actions.do_create_case(data, note=note, actor=self.request.user)

    def perform_update(self, serializer: BaseSerializer[Any]) -> None:
        data = dict(serializer.validated_data)
        data.pop("note", None)
        case: Any = serializer.instance
        serializer.instance = actions.do_update_case(case, data, actor=self.request.user)

    @extend_schema(request=CaseTransitionSerializer, responses=FugitiveCaseSerializer)
    @action(detail=True, methods=["post"])
    def transition(self, request: Request, pk: str | None = None) -> Response:
        """received → accepted → tracing → located → detained → deported or extradited → handed over → closed;
        withdrawn, not found or expired with a reason (`note`). `place` and `occurred_at` say where and when;
        `notice_outcome` what becomes of the case's own notice at a handover or an ending."""
        case = self.get_object()
        payload = CaseTransitionSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        actions.do_transition_case(
            case, data["to"], note=data["note"], place=data["place"], occurred_at=data["occurred_at"],
            notice_outcome=data["notice_outcome"], actor=request.user,
        )  # fmt: skip
        return Response(self.get_serializer(case).data)

    @extend_schema(methods=["GET"], request=None, responses=CaseEventSerializer(many=True))
    @extend_schema(methods=["POST"], request=CaseNoteSerializer, responses={201: CaseEventSerializer})
    @action(detail=True, methods=["get", "post"])
    def notes(self, request: Request, pk: str | None = None) -> Response:
        """The case's notes, acknowledgements and progress reports; POST adds one (an acknowledgement meets the
        acknowledgement deadline, a progress report sets the next one)."""
        case = self.get_object()
        if request.method == "GET":
            events = access.restrict(case.events.filter(kind__in=actions.NOTE_KINDS), request.user)
            events = events.select_related("actor")
            return Response(CaseEventSerializer(events, many=True).data)
        payload = CaseNoteSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        event = actions.do_add_case_note(
            case, kind=data["kind"], note=data["note"], place=data["place"], actor=request.user
        )
        return Response(CaseEventSerializer(event).data, status=status.HTTP_201_CREATED)


class CaseEventViewSet(ReadOnlyViewSet):
    """The timeline of cases (filter with `case=`): opening, status changes, notes, documents, reports."""

    access_model = CaseEvent
    serializer_class = CaseEventSerializer
    filterset_class = CaseEventFilter
    ordering_fields = ["occurred_at", "recorded_at"]

    def base_queryset(self) -> models.QuerySet[Any]:
        return CaseEvent.objects.select_related("actor")


class CaseDocumentViewSet(ModelViewSet):
    """Documents of cases: upload as multipart (file, case, kind, title, dated); SHA-256 and size are computed
    on upload; /download/ gives the file back. A document is never changed or removed."""

    access_model = CaseDocument
    serializer_class = CaseDocumentSerializer
    filterset_class = CaseDocumentFilter
    parser_classes = [MultiPartParser, FormParser, JSONParser]
    ordering_fields = ["added_at", "dated"]
    http_method_names = ["get", "post", "head", "options"]

    def perform_create(self, serializer: BaseSerializer[Any]) -> None:
        data = dict(serializer.validated_data)
        serializer.instance = actions.do_add_case_document(
            data["case"],
            data["file"],
            kind=data["kind"],
            title=data["title"],
            dated=data.get("dated"),
            actor=self.request.user,
        )

    @extend_schema(responses={(200, "application/octet-stream"): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"])
    def download(self, request: Request, pk: str | None = None) -> FileResponse:
        """The stored file, as an attachment."""
        response = stored_file_response(self.get_object())
        if response is None:
            raise Http404("The stored file of this document is missing.")
        return response


class PartnerDeadlinesViewSet(ModelViewSet):
    """How soon this agency acknowledges each partner's requests and how often it reports progress (days);
    a partner without a row gets the node defaults."""

    access_model = PartnerDeadlines
    serializer_class = PartnerDeadlinesSerializer
    filterset_class = PartnerDeadlinesFilter
    http_method_names = WRITE_METHODS
    create_action = staticmethod(actions.do_create_partner_deadlines)
    update_action = staticmethod(actions.do_update_partner_deadlines)
    delete_action = staticmethod(actions.do_delete_partner_deadlines)

    def base_queryset(self) -> models.QuerySet[Any]:
        return PartnerDeadlines.objects.select_related("partner")
