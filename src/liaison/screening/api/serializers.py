"""API serializers of screening. They validate input; the actions write (never `.save()`)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

import namematch
from liaison.core import access
from liaison.core.api.fields import Restricted
from liaison.screening import reading
from liaison.screening.actions import DECISIONS, MIN_THRESHOLD
from liaison.screening.mapping import guess_mapping
from liaison.screening.models import Decision, Hit, ListKind, ScreeningList, ScreeningRun


class ScreeningListUploadSerializer(serializers.Serializer):  # type: ignore[type-arg]
    """Multipart upload of a list."""

    file = serializers.FileField(help_text=_("CSV (any common encoding) or XLSX; the first row names the columns."))
    name = serializers.CharField(max_length=255, required=False, allow_blank=True)
    kind = serializers.ChoiceField(choices=ListKind.choices, default=ListKind.ARRIVALS)
    encoding = serializers.ChoiceField(
        choices=[value for value, _label in reading.ENCODINGS],
        default="auto",
        help_text=_("The text encoding of a CSV file; 'auto' detects it."),
    )


class ScreeningListSerializer(serializers.ModelSerializer[ScreeningList]):
    suggested_mapping = serializers.SerializerMethodField(help_text=_("The mapping the header names suggest."))
    mapping = serializers.JSONField(
        required=False,
        help_text=_(
            "Which column holds each field: {'name': [columns], 'family_name', 'middle_name', 'given_names', "
            "'patronymic', 'id', 'birth_date', 'nationality', 'sex', 'document_number', 'mrz': column}."
        ),
    )
    uploaded_by = serializers.StringRelatedField()  # type: ignore[var-annotated]

    class Meta:
        model = ScreeningList
        fields = [
            "id",
            "owner",
            "name",
            "kind",
            "original_name",
            "size",
            "sha256",
            "encoding",
            "columns",
            "row_count",
            "mapping",
            "suggested_mapping",
            "uploaded_by",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["owner", "original_name", "size", "sha256", "encoding", "columns", "row_count"]

    @extend_schema_field(serializers.JSONField())
    def get_suggested_mapping(self, obj: ScreeningList) -> dict[str, Any]:
        return guess_mapping(list(obj.columns))


class PreviewRowSerializer(serializers.Serializer):  # type: ignore[type-arg]
    row = serializers.IntegerField()
    cells = serializers.DictField(child=serializers.CharField(allow_blank=True))


class ScreeningListPreviewSerializer(serializers.Serializer):  # type: ignore[type-arg]
    columns = serializers.ListField(child=serializers.CharField())
    rows = PreviewRowSerializer(many=True)
    mapping = serializers.JSONField()
    suggested_mapping = serializers.JSONField()


class ScreeningRunSerializer(serializers.ModelSerializer[ScreeningRun]):
    screening_list = Restricted(ScreeningList, access.CHANGE)
    threshold = serializers.FloatField(
        min_value=MIN_THRESHOLD, max_value=1.0, required=False, default=namematch.DEFAULT_THRESHOLD
    )
    percent = serializers.IntegerField(read_only=True)
    requested_by = serializers.StringRelatedField()  # type: ignore[var-annotated]
    cancelled_by = serializers.StringRelatedField()  # type: ignore[var-annotated]

    class Meta:
        model = ScreeningRun
        fields = [
            "id",
            "owner",
            "screening_list",
            "status",
            "threshold",
            "algorithm",
            "requested_by",
            "task_id",
            "created_at",
            "started_at",
            "finished_at",
            "rows_total",
            "rows_done",
            "percent",
            "references",
            "hit_count",
            "suppressed_count",
            "rows_skipped",
            "bad_row_count",
            "bad_rows",
            "error",
            "heartbeat_at",
            "resumed",
            "cancelled_by",
        ]
        read_only_fields = [
            "owner",
            "status",
            "algorithm",
            "task_id",
            "started_at",
            "finished_at",
            "rows_total",
            "rows_done",
            "references",
            "hit_count",
            "suppressed_count",
            "rows_skipped",
            "bad_row_count",
            "bad_rows",
            "error",
        ]


class RememberedSerializer(serializers.Serializer):  # type: ignore[type-arg]
    decision = serializers.CharField()
    reason = serializers.CharField()
    decided_by = serializers.CharField()
    decided_at = serializers.DateTimeField()


class HitSerializer(serializers.ModelSerializer[Hit]):
    person_name = serializers.CharField(source="person.display_name", read_only=True)
    earlier_decision = serializers.SerializerMethodField(
        help_text=_("The agency's earlier decision on this person and listed identity, taken on another hit.")
    )
    decided_by = serializers.StringRelatedField()  # type: ignore[var-annotated]

    class Meta:
        model = Hit
        fields = [
            "id",
            "run",
            "row_number",
            "row_id",
            "row",
            "fingerprint",
            "person",
            "person_name",
            "notice",
            "score",
            "explanation",
            "algorithm",
            "decision",
            "reason",
            "decided_by",
            "decided_at",
            "case",
            "earlier_decision",
        ]
        read_only_fields = fields

    @extend_schema_field(RememberedSerializer(allow_null=True))
    def get_earlier_decision(self, obj: Hit) -> dict[str, Any] | None:
        earlier = (self.context.get("earlier") or {}).get(obj.pk)
        if earlier is None:
            return None
        return {
            "decision": earlier.decision,
            "reason": earlier.reason,
            "decided_by": str(earlier.decided_by),
            "decided_at": earlier.updated_at,
        }


class DecideSerializer(serializers.Serializer):  # type: ignore[type-arg]
    decision = serializers.ChoiceField(
        choices=Decision.choices, help_text=_("confirmed, not_match or unsure (pending is not a decision).")
    )
    reason = serializers.CharField(max_length=2000)

    def validate_decision(self, value: str) -> str:
        if value not in DECISIONS:
            raise serializers.ValidationError(_("Choose confirmed, not_match or unsure."))
        return value


class DecidedHitSerializer(HitSerializer):
    case_outcome = serializers.SerializerMethodField(
        help_text=_("What a confirmation did to the fugitive case: opened, updated, no_partner, or empty.")
    )

    class Meta(HitSerializer.Meta):
        fields = [*HitSerializer.Meta.fields, "case_outcome"]
        read_only_fields = fields

    def get_case_outcome(self, obj: Hit) -> str:
        return str(getattr(obj, "case_outcome", ""))
