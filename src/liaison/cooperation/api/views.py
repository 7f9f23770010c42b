"""API of the cooperation registry. Access comes from the base viewsets (core/api/viewsets.py); every write
calls an action of cooperation/actions."""

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

from liaison.cooperation import actions
from liaison.cooperation.api.serializers import (
    ActionItemSerializer,
    ActionItemUpdateSerializer,
    AgreementDocumentSerializer,
    AgreementLinkSerializer,
    AgreementSerializer,
    CapacityProjectSerializer,
    EngagementSerializer,
    OutcomeActionItemSerializer,
    OutcomeSerializer,
    ParticipantSerializer,
    ProgrammeSerializer,
    TrainingCourseSerializer,
    TransitionSerializer,
)
from liaison.cooperation.filters import (
    ActionItemFilter,
    AgreementDocumentFilter,
    AgreementFilter,
    AgreementLinkFilter,
    CapacityProjectFilter,
    EngagementFilter,
    OutcomeFilter,
    ParticipantFilter,
    ProgrammeFilter,
    TrainingCourseFilter,
)
from liaison.cooperation.models import (
    ActionItem,
    Agreement,
    AgreementDocument,
    AgreementLink,
    CapacityProject,
    Engagement,
    EngagementParticipant,
    Outcome,
    Programme,
    TrainingCourse,
)
from liaison.core.api.viewsets import ModelViewSet
from liaison.core.views import stored_file_response

WRITE_METHODS = ["get", "post", "patch", "delete", "head", "options"]


class _TransitionMixin:
    """POST {"to": state, "note": why} → the record after the transition (workflow.py)."""

    transition_action: Any

    def _transition(self, request: Request) -> Response:
        record = self.get_object()  # type: ignore[attr-defined]
        payload = TransitionSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        type(self).transition_action(
            record, payload.validated_data["to"], note=payload.validated_data["note"], actor=request.user
        )
        return Response(self.get_serializer(record).data)  # type: ignore[attr-defined]


class AgreementViewSet(_TransitionMixin, ModelViewSet):
    """Agreements, treaties and memoranda with their parties and titles. Status changes through /transition/."""

    access_model = Agreement
    serializer_class = AgreementSerializer
    filterset_class = AgreementFilter
    search_fields = ["title_en", "reference"]
    ordering_fields = ["signed_date", "entry_into_force_date", "title_en", "status"]
    http_method_names = WRITE_METHODS
    create_action = staticmethod(actions.do_create_agreement)
    update_action = staticmethod(actions.do_update_agreement)
    delete_action = staticmethod(actions.do_delete_agreement)
    transition_action = staticmethod(actions.do_transition_agreement)

    def base_queryset(self) -> models.QuerySet[Any]:
        return Agreement.objects.prefetch_related("parties", "titles")

    @extend_schema(request=TransitionSerializer, responses=AgreementSerializer)
    @action(detail=True, methods=["post"])
    def transition(self, request: Request, pk: str | None = None) -> Response:
        """Move the agreement along its workflow: negotiating → signed → in force → expired or terminated;
        negotiation may be abandoned; an expired agreement may come into force again (renewed)."""
        return self._transition(request)


class AgreementDocumentViewSet(ModelViewSet):
    """Texts of agreements: upload as multipart (file, agreement, language, kind, authoritative); the SHA-256
    is computed on upload. Only the metadata changes afterwards."""

    access_model = AgreementDocument
    serializer_class = AgreementDocumentSerializer
    filterset_class = AgreementDocumentFilter
    parser_classes = [MultiPartParser, FormParser, JSONParser]
    ordering_fields = ["uploaded_at", "language"]
    http_method_names = WRITE_METHODS
    create_action = staticmethod(actions.do_add_agreement_document)
    update_action = staticmethod(actions.do_update_agreement_document)
    delete_action = staticmethod(actions.do_delete_agreement_document)

    @extend_schema(responses={(200, "application/octet-stream"): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"])
    def download(self, request: Request, pk: str | None = None) -> FileResponse:
        """The stored file, as an attachment."""
        response = stored_file_response(self.get_object())
        if response is None:
            raise Http404("The stored file of this document is missing.")
        return response


class AgreementLinkViewSet(ModelViewSet):
    """Links between agreements: from_agreement implements, amends or replaces to_agreement. Filter with
    `agreement=` for the links at either end."""

    access_model = AgreementLink
    serializer_class = AgreementLinkSerializer
    filterset_class = AgreementLinkFilter
    http_method_names = WRITE_METHODS
    create_action = staticmethod(actions.do_create_agreement_link)
    update_action = staticmethod(actions.do_update_agreement_link)
    delete_action = staticmethod(actions.do_delete_agreement_link)


class ProgrammeViewSet(ModelViewSet):
    """Multi-year programmes implementing an agreement."""

    access_model = Programme
    serializer_class = ProgrammeSerializer
    filterset_class = ProgrammeFilter
    ordering_fields = ["start_year", "title"]
    http_method_names = WRITE_METHODS
    create_action = staticmethod(actions.do_create_programme)
    update_action = staticmethod(actions.do_update_programme)
    delete_action = staticmethod(actions.do_delete_programme)


class ActionItemViewSet(_TransitionMixin, ModelViewSet):
    """Action items with their responsible units; status through /transition/, progress through /updates/."""

    access_model = ActionItem
    serializer_class = ActionItemSerializer
    filterset_class = ActionItemFilter
    ordering_fields = ["due_date", "number", "status"]
    http_method_names = WRITE_METHODS
    create_action = staticmethod(actions.do_create_action_item)
    update_action = staticmethod(actions.do_update_action_item)
    delete_action = staticmethod(actions.do_delete_action_item)
    transition_action = staticmethod(actions.do_transition_action_item)

    @extend_schema(request=TransitionSerializer, responses=ActionItemSerializer)
    @action(detail=True, methods=["post"])
    def transition(self, request: Request, pk: str | None = None) -> Response:
        """planned → in progress → done; delayed or dropped with a reason (`note`); delayed → in progress."""
        return self._transition(request)

    @extend_schema(methods=["GET"], request=None, responses=ActionItemUpdateSerializer(many=True))
    @extend_schema(methods=["POST"], request=ActionItemUpdateSerializer, responses={201: ActionItemUpdateSerializer})
    @action(detail=True, methods=["get", "post"])
    def updates(self, request: Request, pk: str | None = None) -> Response:
        """The dated progress updates of the item (newest first); POST adds one."""
        item = self.get_object()
        if request.method == "GET":
            return Response(ActionItemUpdateSerializer(item.updates.all(), many=True).data)
        payload = ActionItemUpdateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        update = actions.do_add_action_item_update(item, payload.validated_data, actor=request.user)
        return Response(ActionItemUpdateSerializer(update).data, status=status.HTTP_201_CREATED)


class EngagementViewSet(ModelViewSet):
    """Talks, visits, dialogues, conferences and exchanges; participants and outcomes are shown inline and
    written through /engagement-participants/ and /engagement-outcomes/."""

    access_model = Engagement
    serializer_class = EngagementSerializer
    filterset_class = EngagementFilter
    search_fields = ["title", "place"]
    ordering_fields = ["start_date", "title", "kind"]
    http_method_names = WRITE_METHODS
    create_action = staticmethod(actions.do_create_engagement)
    update_action = staticmethod(actions.do_update_engagement)
    delete_action = staticmethod(actions.do_delete_engagement)

    def base_queryset(self) -> models.QuerySet[Any]:
        return Engagement.objects.prefetch_related("partners", "participants", "outcomes")


class ParticipantViewSet(ModelViewSet):
    """People who took part in engagements (filter with `engagement=`)."""

    access_model = EngagementParticipant
    serializer_class = ParticipantSerializer
    filterset_class = ParticipantFilter
    http_method_names = WRITE_METHODS
    create_action = staticmethod(actions.do_create_participant)
    update_action = staticmethod(actions.do_update_participant)
    delete_action = staticmethod(actions.do_delete_participant)


class OutcomeViewSet(ModelViewSet):
    """Outcomes of engagements (filter with `engagement=`); /make-action-item/ turns one into an action item."""

    access_model = Outcome
    serializer_class = OutcomeSerializer
    filterset_class = OutcomeFilter
    http_method_names = WRITE_METHODS
    create_action = staticmethod(actions.do_create_outcome)
    update_action = staticmethod(actions.do_update_outcome)
    delete_action = staticmethod(actions.do_delete_outcome)

    @extend_schema(request=OutcomeActionItemSerializer, responses={201: ActionItemSerializer})
    @action(detail=True, methods=["post"], url_path="make-action-item", url_name="make-action-item")
    def make_action_item(self, request: Request, pk: str | None = None) -> Response:
        """Create the action item this outcome calls for, linked to it (title defaults to the outcome)."""
        outcome = self.get_object()
        payload = OutcomeActionItemSerializer(data=request.data, context=self.get_serializer_context())
        payload.is_valid(raise_exception=True)
        item = actions.do_turn_outcome_into_action_item(outcome, payload.validated_data, actor=request.user)
        return Response(
            ActionItemSerializer(item, context=self.get_serializer_context()).data, status=status.HTTP_201_CREATED
        )


class TrainingCourseViewSet(ModelViewSet):
    """Training courses given or received."""

    access_model = TrainingCourse
    serializer_class = TrainingCourseSerializer
    filterset_class = TrainingCourseFilter
    ordering_fields = ["start_date", "title"]
    http_method_names = WRITE_METHODS
    create_action = staticmethod(actions.do_create_training_course)
    update_action = staticmethod(actions.do_update_training_course)
    delete_action = staticmethod(actions.do_delete_training_course)


class CapacityProjectViewSet(_TransitionMixin, ModelViewSet):
    """Capacity-building projects and equipment support; status through /transition/."""

    access_model = CapacityProject
    serializer_class = CapacityProjectSerializer
    filterset_class = CapacityProjectFilter
    ordering_fields = ["start_year", "title", "status"]
    http_method_names = WRITE_METHODS
    create_action = staticmethod(actions.do_create_capacity_project)
    update_action = staticmethod(actions.do_update_capacity_project)
    delete_action = staticmethod(actions.do_delete_capacity_project)
    transition_action = staticmethod(actions.do_transition_capacity_project)

    @extend_schema(request=TransitionSerializer, responses=CapacityProjectSerializer)
    @action(detail=True, methods=["post"])
    def transition(self, request: Request, pk: str | None = None) -> Response:
        """planned → ongoing → completed; cancelled (with a reason in `note`) from planned or ongoing."""
        return self._transition(request)
