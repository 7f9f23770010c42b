"""API of the citizens-abroad domain. Access comes from the base viewsets (core/api/viewsets.py); every write calls
an action of consular/actions/. A case's status moves through /transition/ (and the actions that imply a step:
/notify/, /acknowledge/, /events/); its judgment through /imprisonment/; /eligibility/ says what a transfer needs."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from django.db import models
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import BaseSerializer

from liaison.consular import actions, transfer
from liaison.consular.api.serializers import (
    AcknowledgeSerializer,
    ConsularCaseSerializer,
    ConsularEventReadSerializer,
    ConsularEventSerializer,
    FacilitySerializer,
    ImprisonmentSerializer,
    NotificationRuleSerializer,
    NotifySerializer,
    ProtectionIncidentSerializer,
)
from liaison.consular.filters import (
    ConsularCaseFilter,
    ConsularEventFilter,
    FacilityFilter,
    IncidentFilter,
    NotificationRuleFilter,
)
from liaison.consular.models import ConsularCase, ConsularEvent, Facility, NotificationRule, ProtectionIncident
from liaison.core.api.viewsets import ModelViewSet, ReadOnlyViewSet
from liaison.core.api.workflow import TransitionSerializer

NO_DELETE = ["get", "post", "patch", "head", "options"]
WRITE_METHODS = ["get", "post", "patch", "delete", "head", "options"]


class ConsularCaseViewSet(ModelViewSet):
    """Consular cases: our nationals abroad and foreign nationals held here. A case is never deleted: it is
    closed, with its reason."""

    access_model = ConsularCase
    serializer_class = ConsularCaseSerializer
    filterset_class = ConsularCaseFilter
    search_fields = ["reference", "partner_reference"]
    ordering_fields = ["occurred_on", "notification_due", "status", "situation"]
    http_method_names = NO_DELETE
    create_action = staticmethod(actions.do_create_case)
    update_action = staticmethod(actions.do_update_case)

    def base_queryset(self) -> models.QuerySet[Any]:
        return ConsularCase.objects.select_related("person", "partner", "facility", "imprisonment")

    def perform_create(self, serializer: BaseSerializer[Any]) -> None:
        data = dict(serializer.validated_data)
        data = {k: v for k, v in data.items() if not (k == "facility" and v is None)}
        serializer.instance = actions.do_create_case(data, actor=self.request.user)

    def _answer(self, case: ConsularCase) -> Response:
        case.refresh_from_db()
        return Response(self.get_serializer(case).data)

    @extend_schema(request=TransitionSerializer, responses=ConsularCaseSerializer)
    @action(detail=True, methods=["post"])
    def transition(self, request: Request, pk: str | None = None) -> Response:
        """open → notified → under follow-up → closed (with a reason); closed → under follow-up (reopened, with a
        reason)."""
        case = self.get_object()
        payload = TransitionSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        actions.do_transition_case(
            case, payload.validated_data["to"], note=payload.validated_data["note"], actor=request.user
        )
        return self._answer(case)

    @extend_schema(request=NotifySerializer, responses=ConsularCaseSerializer)
    @action(detail=True, methods=["post"])
    def notify(self, request: Request, pk: str | None = None) -> Response:
        """The consulate was told (by us of a foreign national held here — sent to the partner's node when it runs
        one —, or by the partner of our national)."""
        case = self.get_object()
        payload = NotifySerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        actions.do_record_notification(case, on=data["on"], note=data["note"], actor=request.user)
        return self._answer(case)

    @extend_schema(request=AcknowledgeSerializer, responses=ConsularCaseSerializer)
    @action(detail=True, methods=["post"])
    def acknowledge(self, request: Request, pk: str | None = None) -> Response:
        """The partner's consulate acknowledged our notification."""
        case = self.get_object()
        payload = AcknowledgeSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        actions.do_record_acknowledgement(
            case, on=data["on"], note=data["note"], partner_reference=data["partner_reference"], actor=request.user
        )
        return self._answer(case)

    @extend_schema(request=ConsularEventSerializer, responses={201: ConsularEventReadSerializer})
    @action(detail=True, methods=["post"])
    def events(self, request: Request, pk: str | None = None) -> Response:
        """Put a visit, hearing, transfer, release, repatriation, death or note on the timeline."""
        case = self.get_object()
        payload = ConsularEventSerializer(data=request.data, context=self.get_serializer_context())
        payload.is_valid(raise_exception=True)
        data = {k: v for k, v in payload.validated_data.items() if v is not None}
        event = actions.do_record_event(case, data, actor=request.user)
        return Response(ConsularEventReadSerializer(event).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=ImprisonmentSerializer, responses=ImprisonmentSerializer)
    @action(detail=True, methods=["post"])
    def imprisonment(self, request: Request, pk: str | None = None) -> Response:
        """Record or change the judgment and sentence."""
        case = self.get_object()
        record = getattr(case, "imprisonment", None) if hasattr(case, "imprisonment") else None
        payload = ImprisonmentSerializer(record, data=request.data, partial=record is not None)
        payload.is_valid(raise_exception=True)
        saved = actions.do_set_imprisonment(case, dict(payload.validated_data), actor=request.user)
        return Response(ImprisonmentSerializer(saved).data)

    @extend_schema(responses=OpenApiTypes.OBJECT)
    @action(detail=True, methods=["get"])
    def eligibility(self, request: Request, pk: str | None = None) -> Response:
        """What a transfer of the sentenced person needs, condition by condition (the treaty's own conditions are
        the legal requests domain's)."""
        case = self.get_object()
        result = transfer.eligibility(case)
        return Response({**asdict(result), "eligible": result.eligible, "request_data": transfer.request_data(case)})


class ConsularEventViewSet(ReadOnlyViewSet):
    """The timeline entries of the cases the caller may see (a notified partner: the entries meant for it)."""

    access_model = ConsularEvent
    serializer_class = ConsularEventReadSerializer
    filterset_class = ConsularEventFilter


class FacilityViewSet(ModelViewSet):
    """The register of prisons, detention centres and other places of detention, with address and contact."""

    access_model = Facility
    serializer_class = FacilitySerializer
    filterset_class = FacilityFilter
    http_method_names = WRITE_METHODS
    create_action = staticmethod(actions.do_create_facility)
    update_action = staticmethod(actions.do_update_facility)
    delete_action = staticmethod(actions.do_delete_facility)


class NotificationRuleViewSet(ModelViewSet):
    """Each partner's consular notification and visit terms, with their source."""

    access_model = NotificationRule
    serializer_class = NotificationRuleSerializer
    filterset_class = NotificationRuleFilter
    http_method_names = WRITE_METHODS
    create_action = staticmethod(actions.do_create_notification_rule)
    update_action = staticmethod(actions.do_update_notification_rule)
    delete_action = staticmethod(actions.do_delete_notification_rule)


class ProtectionIncidentViewSet(ModelViewSet):
    """Incidents affecting our businesspeople, students and workers abroad (or theirs here)."""

    access_model = ProtectionIncident
    serializer_class = ProtectionIncidentSerializer
    filterset_class = IncidentFilter
    http_method_names = WRITE_METHODS
    create_action = staticmethod(actions.do_create_incident)
    update_action = staticmethod(actions.do_update_incident)
    delete_action = staticmethod(actions.do_delete_incident)
