from rest_framework import serializers

from liaison.core.models import AuditEvent, ReadEvent


class AuditEventSerializer(serializers.ModelSerializer[AuditEvent]):
    class Meta:
        model = AuditEvent
        fields = [
            "id",
            "seq",
            "occurred_at",
            "actor",
            "actor_name",
            "agency",
            "action",
            "object_type",
            "object_id",
            "object_repr",
            "before",
            "after",
            "request_id",
            "channel",
            "prev_hash",
            "hash",
        ]


class ReadEventSerializer(serializers.ModelSerializer[ReadEvent]):
    class Meta:
        model = ReadEvent
        fields = [
            "id",
            "occurred_at",
            "user",
            "user_name",
            "agency",
            "kind",
            "object_type",
            "object_id",
            "object_repr",
            "terms",
            "result_count",
            "channel",
            "request_id",
        ]
