"""Serializers of the consular API. The family contact is left out of what a caller reads unless its role may see
it (access.may_see_family_contact, decision 0044); a partner reading a case it was notified of gets neither the
family contact nor the summary."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from django_countries.serializer_fields import CountryField
from rest_framework import serializers

from liaison.agencies.models import Agency
from liaison.consular import access as consular_access
from liaison.consular.choices import RECORDED_EVENTS
from liaison.consular.models import (
    ConsularCase,
    ConsularEvent,
    Facility,
    ImprisonmentRecord,
    NotificationRule,
    ProtectionIncident,
)
from liaison.core.api.fields import Restricted
from liaison.people.models import Person

CASE_READ_ONLY = [
    "owner", "reference", "status", "notification_due", "notification_source", "notified_on", "acknowledged_on",
    "first_visit_due", "last_visit_on", "next_visit_due", "next_hearing_on", "closed_on", "created_at", "updated_at",
]  # fmt: skip


class ImprisonmentSerializer(serializers.ModelSerializer[ImprisonmentRecord]):
    remaining_days = serializers.SerializerMethodField(help_text=_("Days of the sentence still to serve."))
    time_served_days = serializers.SerializerMethodField()

    class Meta:
        model = ImprisonmentRecord
        fields = [
            "court", "judgment_date", "judgment_final", "offence", "sentence_days", "life_sentence",
            "sentence_start", "expected_release", "remaining_days", "time_served_days",
        ]  # fmt: skip

    def get_remaining_days(self, record: ImprisonmentRecord) -> int | None:
        return record.remaining_days()

    def get_time_served_days(self, record: ImprisonmentRecord) -> int:
        return record.time_served_days()


class ConsularCaseSerializer(serializers.ModelSerializer[ConsularCase]):
    person = Restricted(Person)
    facility = Restricted(Facility, required=False, allow_null=True)
    partner = serializers.PrimaryKeyRelatedField(queryset=Agency.objects.filter(is_active=True))
    imprisonment = ImprisonmentSerializer(read_only=True)
    overdue = serializers.SerializerMethodField(help_text=_("The deadlines missed: what and when it was due."))

    class Meta:
        model = ConsularCase
        fields = [
            "id", "owner", "reference", "person", "direction", "partner", "situation", "victim_of", "status",
            "place", "facility", "authority", "occurred_on", "charges", "crime_area", "lawyer", "family_contact",
            "consent_notify", "consent_share", "transfer_consent", "partner_reference", "summary",
            *CASE_READ_ONLY[3:-2], "imprisonment", "overdue", "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = CASE_READ_ONLY

    def get_overdue(self, case: ConsularCase) -> list[dict[str, Any]]:
        return [{"what": what, "due": due.isoformat()} for what, due in case.overdue()]

    def to_representation(self, instance: ConsularCase) -> dict[str, Any]:
        data: dict[str, Any] = super().to_representation(instance)
        user = self.context["request"].user
        if not consular_access.may_see_family_contact(instance, user):
            data.pop("family_contact", None)
        if consular_access.partner_view(instance, user):
            data.pop("summary", None)
        return data


class NotifySerializer(serializers.Serializer):  # type: ignore[type-arg]
    on = serializers.DateField(required=False, allow_null=True, default=None, help_text=_("Today when left out."))
    note = serializers.CharField(required=False, allow_blank=True, default="")


class AcknowledgeSerializer(NotifySerializer):
    partner_reference = serializers.CharField(required=False, allow_blank=True, default="")


class ConsularEventSerializer(serializers.ModelSerializer[ConsularEvent]):
    kind = serializers.ChoiceField(choices=[(k.value, k.label) for k in RECORDED_EVENTS])
    facility = Restricted(Facility, required=False, allow_null=True)

    class Meta:
        model = ConsularEvent
        fields = [
            "id", "case", "kind", "occurred_at", "place", "from_status", "to_status", "visitors", "condition",
            "needs", "ill_treatment", "facility", "next_hearing_on", "note", "actor", "recorded_at",
        ]  # fmt: skip
        read_only_fields = ["case", "from_status", "to_status", "actor", "recorded_at"]


class ConsularEventReadSerializer(ConsularEventSerializer):
    kind = serializers.CharField(read_only=True)  # type: ignore[assignment]


class FacilitySerializer(serializers.ModelSerializer[Facility]):
    country = CountryField()  # type: ignore[no-untyped-call]

    class Meta:
        model = Facility
        fields = [
            "id", "owner", "name", "name_en", "kind", "country", "city", "address", "phone", "email",
            "visiting_rules", "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = ["owner", "created_at", "updated_at"]


class NotificationRuleSerializer(serializers.ModelSerializer[NotificationRule]):
    class Meta:
        model = NotificationRule
        fields = [
            "id", "owner", "partner", "basis", "notify_within_days", "first_visit_within_days", "visit_every_days",
            "source", "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = ["owner", "created_at", "updated_at"]


class ProtectionIncidentSerializer(serializers.ModelSerializer[ProtectionIncident]):
    country = CountryField()  # type: ignore[no-untyped-call]
    persons = Restricted(Person, many=True, required=False)

    class Meta:
        model = ProtectionIncident
        fields = [
            "id", "owner", "title", "kind", "direction", "country", "place", "occurred_on", "affected",
            "victims_count", "description", "persons", "fugitive_case_reference", "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = ["owner", "created_at", "updated_at"]
