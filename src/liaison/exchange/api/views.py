"""API of the information exchange. Access comes from the base viewsets (core/api/viewsets.py); every write calls an
action of exchange/actions/. A recipient's own steps (acknowledge, reply, forward, ask permission) are reads of
the message (access VIEW) followed by the action, which checks the rest. Opening a message's detail as an officer
of a recipient agency records its read receipt."""

from __future__ import annotations

from typing import Any

from django.db import models
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import BaseSerializer

from liaison.core import access
from liaison.core.api.viewsets import ModelViewSet, ReadOnlyViewSet
from liaison.exchange import actions, queries
from liaison.exchange.actions.exporting import FORMATS
from liaison.exchange.api.serializers import (
    AttachmentSerializer,
    AttachmentUploadSerializer,
    ForwardSerializer,
    MessageSerializer,
    PermissionAnswerSerializer,
    PermissionRequestSerializer,
    RecipientSerializer,
    ReplySerializer,
    ReviewSerializer,
    TransitionSerializer,
    TranslationSerializer,
)
from liaison.exchange.filters import MessageFilter
from liaison.exchange.models import Message, PermissionRequest


class MessageViewSet(ModelViewSet):
    """Messages of the information exchange: those of one's agency (drafts included) and those addressed to it.
    `?box=inbox|sent|drafts|approvals`, `?q=` searches subjects and texts in every language (newest first;
    `&ordering=relevance`: best match first). A draft is written with
    POST/PATCH, sent through /transition/ (to `sent`; approval rules apply), recalled with `recalled`."""

    access_model = Message
    serializer_class = MessageSerializer
    filterset_class = MessageFilter
    parser_classes = [JSONParser, MultiPartParser, FormParser]
    ordering_fields = ["sent_at", "created_at", "reply_by", "priority"]
    relevance_ordering = ("-created_at", "-pk")  # ?q=…&ordering=relevance: best match first, ties newest first

    def base_queryset(self) -> models.QuerySet[Any]:
        return Message.objects.select_related("owner", "in_reply_to", "thread").prefetch_related(
            "recipients__agency", "links", "indicators", "translations", "attachments"
        )

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        message = self.get_object()
        if actions.record_read(message, actor=request.user) is not None:
            message = self.base_queryset().get(pk=message.pk)  # with the receipt just written
        return Response(self.get_serializer(message).data)

    def perform_create(self, serializer: BaseSerializer[Any]) -> None:
        data = dict(serializer.validated_data)
        recipients, links, reported = data.pop("recipients"), data.pop("links", []), data.pop("indicators", [])
        serializer.instance = actions.do_create_message(
            data, recipients=recipients, links=links, indicators=reported, actor=self.request.user
        )

    def perform_update(self, serializer: BaseSerializer[Any]) -> None:
        data = dict(serializer.validated_data)
        recipients, links, reported = (
            data.pop("recipients", None),
            data.pop("links", None),
            data.pop("indicators", None),
        )
        message: Any = serializer.instance
        serializer.instance = actions.do_update_message(
            message, data, recipients=recipients, links=links, indicators=reported, actor=self.request.user
        )

    def perform_destroy(self, instance: Any) -> None:
        actions.do_delete_message(instance, actor=self.request.user)

    def _done(self, message: Message, code: int = status.HTTP_200_OK) -> Response:
        return Response(self.get_serializer(Message.objects.get(pk=message.pk)).data, status=code)

    @extend_schema(request=TransitionSerializer, responses=MessageSerializer)
    @action(detail=True, methods=["post"])
    def transition(self, request: Request, pk: str | None = None) -> Response:
        """draft → sent (or awaiting_approval where the rules ask); awaiting_approval → approved (sent) or draft
        (rejected, with a reason); sent → recalled (with a reason); → content_deleted (at the review)."""
        message = self.get_object()
        payload = TransitionSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        return self._done(actions.do_transition_message(message, data["to"], note=data["note"], actor=request.user))

    @extend_schema(
        request=None,
        parameters=[OpenApiParameter("as", str, enum=sorted(FORMATS), required=True,
                                     description="misp: a MISP event; stix: a STIX 2.1 bundle.")],
        responses={200: OpenApiTypes.OBJECT},
    )  # fmt: skip
    @action(detail=True, methods=["get"], access_action=access.VIEW)
    def export(self, request: Request, pk: str | None = None) -> Response:
        """The message's codes (as TLP / PAP markings), indicators and the linked persons the user may see, as a
        MISP event (`?as=misp`) or a STIX 2.1 bundle (`?as=stix`); audited as an export."""
        message = self.get_object()
        return Response(actions.do_export_message(message, request.query_params.get("as", ""), actor=request.user))

    @extend_schema(request=None, responses=RecipientSerializer)
    @action(detail=True, methods=["post"], access_action=access.VIEW)
    def acknowledge(self, request: Request, pk: str | None = None) -> Response:
        """The recipient agency's delivery receipt."""
        row = actions.do_acknowledge_message(self.get_object(), actor=request.user)
        return Response(RecipientSerializer(row).data)

    @extend_schema(request=ReplySerializer, responses={201: MessageSerializer})
    @action(detail=True, methods=["post"], access_action=access.VIEW)
    def reply(self, request: Request, pk: str | None = None) -> Response:
        """A reply in the thread, to the sender: a draft, or sent at once with `send`."""
        message = self.get_object()
        payload = ReplySerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        send = data.pop("send")
        reply = actions.do_reply_message(message, data, actor=request.user)
        if send:
            reply = actions.do_submit_message(reply, actor=request.user)
        return self._done(reply, status.HTTP_201_CREATED)

    @extend_schema(request=ForwardSerializer, responses={201: MessageSerializer})
    @action(detail=True, methods=["post"], access_action=access.VIEW)
    def forward(self, request: Request, pk: str | None = None) -> Response:
        """Pass a received message on to third agencies (under H2 or TLP:RED only with the sender's permission)."""
        message = self.get_object()
        payload = ForwardSerializer(data=request.data, context={"request": request})
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        forward = actions.do_forward_message(message, recipients=data["recipients"], note=data["note"],
                                             actor=request.user)  # fmt: skip
        return self._done(forward, status.HTTP_201_CREATED)

    @extend_schema(request=PermissionRequestSerializer, responses={201: PermissionRequestSerializer})
    @action(detail=True, methods=["post"], url_path="permission-requests", access_action=access.VIEW)
    def permission_request(self, request: Request, pk: str | None = None) -> Response:
        """Ask the sender for permission to pass the message on to a third agency or to use it in court."""
        message = self.get_object()
        payload = PermissionRequestSerializer(data=request.data, context={"request": request})
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        made = actions.do_request_permission(
            message, purpose=data["purpose"], reason=data["reason"], third_agency=data.get("third_agency"),
            actor=request.user,
        )  # fmt: skip
        return Response(PermissionRequestSerializer(made).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=TranslationSerializer, responses={201: TranslationSerializer})
    @action(detail=True, methods=["post"])
    def translations(self, request: Request, pk: str | None = None) -> Response:
        """Add a translation (language, subject, text, translator, certified)."""
        message = self.get_object()
        payload = TranslationSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        made = actions.do_add_translation(message, dict(payload.validated_data), actor=request.user)
        return Response(TranslationSerializer(made).data, status=status.HTTP_201_CREATED)

    @extend_schema(request={"multipart/form-data": AttachmentUploadSerializer}, responses={201: AttachmentSerializer})
    @action(detail=True, methods=["post"])
    def attachments(self, request: Request, pk: str | None = None) -> Response:
        """Attach a file to a draft (multipart `file`): checked by its content and size."""
        message = self.get_object()
        payload = AttachmentUploadSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        made = actions.do_add_attachment(message, payload.validated_data["file"], actor=request.user)
        return Response(AttachmentSerializer(made).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=ReviewSerializer, responses=MessageSerializer)
    @action(detail=True, methods=["post"])
    def review(self, request: Request, pk: str | None = None) -> Response:
        """The retention review: keep until a later date, or delete the content."""
        message = self.get_object()
        payload = ReviewSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        reviewed = actions.do_review_message(
            message, keep_until=data["keep_until"], delete_content=data["delete_content"], note=data["note"],
            actor=request.user,
        )  # fmt: skip
        return self._done(reviewed)

    @extend_schema(request=None, responses=MessageSerializer(many=True))
    @action(detail=True, methods=["get"])
    def thread(self, request: Request, pk: str | None = None) -> Response:
        """The messages of this message's thread that the caller may see, oldest first."""
        root = self.get_object().root
        messages = queries.thread(root, request.user)
        return Response(self.get_serializer(messages, many=True).data)


class PermissionRequestViewSet(ReadOnlyViewSet):
    """Permission requests: those made by one's agency and those about its messages. The sender answers through
    /answer/."""

    access_model = PermissionRequest
    serializer_class = PermissionRequestSerializer
    filterset_fields = ["status", "purpose", "message"]

    @extend_schema(request=PermissionAnswerSerializer, responses=PermissionRequestSerializer)
    @action(detail=True, methods=["post"], access_action=access.VIEW)
    def answer(self, request: Request, pk: str | None = None) -> Response:
        made = self.get_object()
        payload = PermissionAnswerSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        done = actions.do_answer_permission(made, grant=data["grant"], answer=data["answer"], actor=request.user)
        return Response(PermissionRequestSerializer(done).data)
