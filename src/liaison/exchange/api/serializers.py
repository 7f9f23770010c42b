"""API serializers of the information exchange. They validate input; the actions write (never `.save()`).

The codes the sender set (handling code, TLP, evaluation) and what the recipient is bound by (`not_for_court` under
H1 without a granted permission, `forward_needs_permission`) are on every message the API returns."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from liaison.agencies.models import Agency
from liaison.cooperation.models import Agreement
from liaison.core.api.fields import Restricted
from liaison.core.api.workflow import TransitionSerializer as TransitionSerializer  # one in the schema
from liaison.core.choices import CrimeArea
from liaison.exchange import links
from liaison.exchange.actions import MESSAGE_FIELDS, court_use_granted
from liaison.exchange.actions.receiving import FORWARD_NEEDS_PERMISSION_CODES, FORWARD_NEEDS_PERMISSION_TLP
from liaison.exchange.choices import IndicatorKind, PermissionPurpose
from liaison.exchange.models import Attachment, Message, PermissionRequest, Recipient, Translation


class RecipientSerializer(serializers.ModelSerializer[Recipient]):
    agency_code = serializers.CharField(source="agency.code", read_only=True)

    class Meta:
        model = Recipient
        fields = ["agency", "agency_code", "delivered_at", "acknowledged_at", "acknowledged_by", "read_at",
                  "read_by", "replied_at", "recalled_at"]  # fmt: skip
        read_only_fields = fields


class TranslationSerializer(serializers.ModelSerializer[Translation]):
    class Meta:
        model = Translation
        fields = ["id", "language", "subject", "body", "translator", "translated_at", "certified"]
        read_only_fields = ["id"]
        extra_kwargs = {"translated_at": {"required": False}}


class AttachmentSerializer(serializers.ModelSerializer[Attachment]):
    download = serializers.SerializerMethodField()

    class Meta:
        model = Attachment
        fields = ["id", "original_name", "content_type", "size", "sha256", "added_at", "download"]
        read_only_fields = fields

    def get_download(self, attachment: Attachment) -> str:
        return reverse("exchange:attachment", args=[attachment.pk])


class LinkSerializer(serializers.Serializer):  # type: ignore[type-arg]
    kind = serializers.CharField(
        source="target_type", help_text=_("The kind of record: people.person, desk.notice, desk.fugitivecase.")
    )
    id = serializers.CharField(source="target_id")
    label = serializers.CharField(read_only=True)  # type: ignore[assignment]


class IndicatorSerializer(serializers.Serializer):  # type: ignore[type-arg]
    kind = serializers.ChoiceField(choices=IndicatorKind.choices)
    value = serializers.CharField(max_length=500)


class MessageSerializer(serializers.ModelSerializer[Message]):
    owner_code = serializers.CharField(source="owner.code", read_only=True)
    recipients = Restricted(Agency, many=True, allow_empty=False, help_text=_("The agencies the message goes to."))
    agreement = Restricted(Agreement, required=False, allow_null=True)
    crime_areas = serializers.ListField(child=serializers.ChoiceField(choices=CrimeArea.choices), required=False)
    links = LinkSerializer(many=True, required=False)
    indicators = IndicatorSerializer(many=True, required=False)
    receipts = RecipientSerializer(source="recipients", many=True, read_only=True)
    translations = TranslationSerializer(many=True, read_only=True)
    attachments = AttachmentSerializer(many=True, read_only=True)
    in_reply_to = serializers.CharField(source="in_reply_to.reference", read_only=True, default="")
    thread = serializers.CharField(source="root.reference", read_only=True)
    not_for_court = serializers.SerializerMethodField()
    forward_needs_permission = serializers.SerializerMethodField()

    class Meta:
        model = Message
        fields = [
            "id", "reference", "owner", "owner_code", "status", "status_note", *MESSAGE_FIELDS, "recipients",
            "links", "indicators", "receipts", "translations", "attachments", "in_reply_to", "thread", "sent_at",
            "review_on", "content_deleted_at", "not_for_court", "forward_needs_permission",
        ]  # fmt: skip
        read_only_fields = ["id", "reference", "owner", "status", "status_note", "sent_at", "review_on",
                            "content_deleted_at"]  # fmt: skip

    def to_representation(self, instance: Message) -> dict[str, Any]:
        data = super().to_representation(instance)
        data["recipients"] = [row.agency_id for row in instance.recipients.all()]
        return data

    @extend_schema_field(serializers.BooleanField())
    def get_not_for_court(self, message: Message) -> bool:
        """H1: not for judicial proceedings unless the sender granted the reader's agency permission."""
        user = self.context["request"].user
        return message.not_for_court and not court_use_granted(message, user.agency_id)

    @extend_schema_field(serializers.BooleanField())
    def get_forward_needs_permission(self, message: Message) -> bool:
        return message.handling_code in FORWARD_NEEDS_PERMISSION_CODES or message.tlp in FORWARD_NEEDS_PERMISSION_TLP

    def validate_indicators(self, value: list[dict[str, Any]]) -> list[tuple[str, str]]:
        return [(str(item["kind"]), str(item["value"])) for item in value]

    def validate_links(self, value: list[dict[str, Any]]) -> list[tuple[str, str]]:
        return [(str(item["target_type"]), str(item["target_id"])) for item in value]


class ReplySerializer(serializers.Serializer):  # type: ignore[type-arg]
    body = serializers.CharField()
    subject = serializers.CharField(required=False)
    source_reliability = serializers.CharField(required=False)
    information_accuracy = serializers.CharField(required=False)
    send = serializers.BooleanField(default=False, help_text=_("Send at once (approval rules apply)."))


class ForwardSerializer(serializers.Serializer):  # type: ignore[type-arg]
    recipients = Restricted(Agency, many=True)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class ReviewSerializer(serializers.Serializer):  # type: ignore[type-arg]
    keep_until = serializers.DateField(required=False, allow_null=True, default=None)
    delete_content = serializers.BooleanField(default=False)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class AttachmentUploadSerializer(serializers.Serializer):  # type: ignore[type-arg]
    file = serializers.FileField()


class PermissionRequestSerializer(serializers.ModelSerializer[PermissionRequest]):
    message_reference = serializers.CharField(source="message.reference", read_only=True)
    third_agency = Restricted(Agency, required=False, allow_null=True)
    purpose = serializers.ChoiceField(choices=PermissionPurpose.choices)

    class Meta:
        model = PermissionRequest
        fields = ["id", "message", "message_reference", "agency", "purpose", "third_agency", "reason", "status",
                  "answer", "answered_at", "requested_by", "answered_by", "created_at"]  # fmt: skip
        read_only_fields = ["id", "message", "agency", "status", "answer", "answered_at", "requested_by",
                            "answered_by", "created_at"]  # fmt: skip


class PermissionAnswerSerializer(serializers.Serializer):  # type: ignore[type-arg]
    grant = serializers.BooleanField()
    answer = serializers.CharField(required=False, allow_blank=True, default="")


__all__ = ["TransitionSerializer", "links"]
