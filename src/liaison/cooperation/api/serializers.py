"""API serializers of the cooperation registry. They validate input; the actions write (never `.save()`).

References to other records go through `Restricted` fields, so a caller can point only at records the access
policy lets them see (or change, for a parent): another agency's record is answered "does not exist".
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from django_countries.serializer_fields import CountryField
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from liaison.agencies.models import Unit
from liaison.cooperation.choices import LINK_INVERSE_LABELS
from liaison.cooperation.models import (
    ActionItem,
    ActionItemUpdate,
    Agreement,
    AgreementDocument,
    AgreementLink,
    AgreementParty,
    AgreementTitle,
    CapacityProject,
    Engagement,
    EngagementParticipant,
    Outcome,
    Programme,
    TrainingCourse,
)
from liaison.core import access
from liaison.core.api.fields import ParentField, Restricted
from liaison.core.api.workflow import TransitionSerializer as TransitionSerializer  # re-exported
from liaison.core.choices import CrimeArea


class _ChildSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    parent_field = ""

    def get_fields(self) -> dict[str, Any]:
        fields = super().get_fields()
        if self.instance is not None and self.parent_field in fields:
            fields[self.parent_field].read_only = True  # a child never moves to another parent
        return fields


# --- agreements ------------------------------------------------------------------------------------------
class AgreementPartySerializer(serializers.ModelSerializer[AgreementParty]):
    government_country = CountryField(allow_blank=True, required=False)  # type: ignore[no-untyped-call]

    class Meta:
        model = AgreementParty
        fields = ["agency", "government_country", "name_text"]

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if not attrs.get("agency") and not attrs.get("government_country"):
            raise serializers.ValidationError(_("A party is an agency or a government: name one."))
        if attrs.get("agency") and attrs.get("government_country"):
            raise serializers.ValidationError(_("A party is an agency or a government, not both."))
        return attrs


class AgreementTitleSerializer(serializers.ModelSerializer[AgreementTitle]):
    class Meta:
        model = AgreementTitle
        fields = ["language", "title"]
        validators: list[Any] = []  # uniqueness per agreement is checked by the action


class LinkViewSerializer(serializers.Serializer):  # type: ignore[type-arg]
    """A link seen from one agreement: the relation as read from this side, and the other agreement."""

    id = serializers.IntegerField()
    kind = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]
    agreement = serializers.IntegerField()
    agreement_title = serializers.CharField()


class AgreementSerializer(serializers.ModelSerializer[Agreement]):
    parties = AgreementPartySerializer(many=True, help_text=_("Two or more; replaced as a whole on change."))
    titles = AgreementTitleSerializer(many=True, required=False, help_text=_("The title in each party's language."))
    crime_areas = serializers.ListField(
        child=serializers.ChoiceField(choices=CrimeArea.choices), required=False, allow_empty=True
    )
    links = serializers.SerializerMethodField(help_text=_("This agreement implements, amends or replaces …"))
    linked_from = serializers.SerializerMethodField(
        help_text=_("This agreement is implemented, amended, replaced by …")
    )

    class Meta:
        model = Agreement
        fields = [
            "id",
            "owner",
            "kind",
            "title_en",
            "titles",
            "reference",
            "status",
            "parties",
            "signed_date",
            "signed_place",
            "entry_into_force_date",
            "validity_years",
            "valid_until",
            "renewal",
            "renewal_period_years",
            "renewal_notes",
            "crime_areas",
            "scope_notes",
            "notes",
            "links",
            "linked_from",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["owner", "status", "created_at", "updated_at"]

    def validate_parties(self, parties: list[dict[str, Any]]) -> list[dict[str, Any]]:
        if len(parties) < 2:
            raise serializers.ValidationError(_("An agreement has at least two parties."))
        return parties

    def _visible_ids(self) -> Any:
        return access.restrict(Agreement.objects.all(), self.context["request"].user).values("pk")

    @extend_schema_field(LinkViewSerializer(many=True))
    def get_links(self, agreement: Agreement) -> list[dict[str, Any]]:
        links = agreement.links_out.filter(to_agreement__in=self._visible_ids()).select_related("to_agreement")
        return [
            {
                "id": link.pk,
                "kind": link.kind,
                "label": str(link.get_kind_display()),
                "agreement": link.to_agreement_id,
                "agreement_title": str(link.to_agreement),
            }
            for link in links
        ]

    @extend_schema_field(LinkViewSerializer(many=True))
    def get_linked_from(self, agreement: Agreement) -> list[dict[str, Any]]:
        links = agreement.links_in.filter(from_agreement__in=self._visible_ids()).select_related("from_agreement")
        return [
            {
                "id": link.pk,
                "kind": link.kind,
                "label": str(LINK_INVERSE_LABELS[link.kind]),  # type: ignore[index]
                "agreement": link.from_agreement_id,
                "agreement_title": str(link.from_agreement),
            }
            for link in links
        ]


class AgreementDocumentSerializer(_ChildSerializer):
    parent_field = "agreement"
    agreement = ParentField(Agreement)
    file = serializers.FileField(write_only=True, help_text=_("The document (multipart upload)."))

    class Meta:
        model = AgreementDocument
        fields = [
            "id",
            "agreement",
            "file",
            "original_name",
            "size",
            "sha256",
            "language",
            "kind",
            "authoritative",
            "uploaded_by",
            "uploaded_at",
        ]
        read_only_fields = ["original_name", "size", "sha256", "uploaded_by", "uploaded_at"]

    def get_fields(self) -> dict[str, Any]:
        fields = super().get_fields()
        if self.instance is not None:
            fields["file"].read_only = True
        return fields


class AgreementLinkSerializer(_ChildSerializer):
    parent_field = "from_agreement"
    from_agreement = ParentField(Agreement)
    to_agreement = Restricted(Agreement)

    class Meta:
        model = AgreementLink
        fields = ["id", "from_agreement", "kind", "to_agreement", "note"]

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        source = attrs.get("from_agreement", getattr(self.instance, "from_agreement", None))
        target = attrs.get("to_agreement", getattr(self.instance, "to_agreement", None))
        if source is not None and source == target:
            raise serializers.ValidationError({"to_agreement": _("An agreement cannot be linked to itself.")})
        return attrs


# --- programmes and action items -------------------------------------------------------------------------
class ProgrammeSerializer(serializers.ModelSerializer[Programme]):
    agreement = Restricted(Agreement, required=False, allow_null=True)

    class Meta:
        model = Programme
        fields = [
            "id",
            "owner",
            "title",
            "agreement",
            "start_year",
            "end_year",
            "start_date",
            "end_date",
            "partners",
            "notes",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["owner", "created_at", "updated_at"]


class ActionItemSerializer(serializers.ModelSerializer[ActionItem]):
    programme = Restricted(Programme, access.CHANGE, required=False, allow_null=True)
    home_unit = Restricted(Unit, required=False, allow_null=True)
    partner_unit = Restricted(Unit, required=False, allow_null=True)
    overdue = serializers.SerializerMethodField()

    class Meta:
        model = ActionItem
        fields = [
            "id",
            "owner",
            "programme",
            "number",
            "title",
            "description",
            "partner_agency",
            "home_unit",
            "partner_unit",
            "partner_unit_text",
            "due_date",
            "indicators",
            "status",
            "status_reason",
            "overdue",
            "origin_outcome",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["owner", "status", "status_reason", "origin_outcome", "created_at", "updated_at"]

    def get_overdue(self, item: ActionItem) -> bool:
        from django.utils import timezone

        from liaison.cooperation.workflow import ACTION_ITEM_CLOSED

        return bool(item.due_date and item.due_date < timezone.localdate() and item.status not in ACTION_ITEM_CLOSED)


class ActionItemUpdateSerializer(serializers.ModelSerializer[ActionItemUpdate]):
    date = serializers.DateField(required=False, help_text=_("Defaults to today."))

    class Meta:
        model = ActionItemUpdate
        fields = ["id", "action_item", "date", "text", "author", "created_at"]
        read_only_fields = ["action_item", "author", "created_at"]


# --- engagements -----------------------------------------------------------------------------------------
class ParticipantSerializer(_ChildSerializer):
    parent_field = "engagement"
    engagement = ParentField(Engagement)

    class Meta:
        model = EngagementParticipant
        fields = ["id", "engagement", "name", "position", "agency", "side", "order"]


class OutcomeSerializer(_ChildSerializer):
    parent_field = "engagement"
    engagement = ParentField(Engagement)
    action_item = serializers.SerializerMethodField(help_text=_("The action item made from this outcome, if any."))

    class Meta:
        model = Outcome
        fields = ["id", "engagement", "text", "order", "action_item"]

    def get_action_item(self, outcome: Outcome) -> int | None:
        item = ActionItem.objects.filter(origin_outcome=outcome).values_list("pk", flat=True).first()
        return item


class EngagementSerializer(serializers.ModelSerializer[Engagement]):
    country = CountryField(allow_blank=True, required=False)  # type: ignore[no-untyped-call]
    programme = Restricted(Programme, required=False, allow_null=True)
    participants = serializers.SerializerMethodField()
    outcomes = serializers.SerializerMethodField()

    class Meta:
        model = Engagement
        fields = [
            "id",
            "owner",
            "kind",
            "title",
            "edition",
            "direction",
            "level",
            "start_date",
            "end_date",
            "place",
            "country",
            "partners",
            "programme",
            "agenda",
            "notes",
            "participants",
            "outcomes",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["owner", "created_at", "updated_at"]

    @extend_schema_field(ParticipantSerializer(many=True))
    def get_participants(self, engagement: Engagement) -> Any:
        return ParticipantSerializer(engagement.participants.all(), many=True, context=self.context).data

    @extend_schema_field(OutcomeSerializer(many=True))
    def get_outcomes(self, engagement: Engagement) -> Any:
        return OutcomeSerializer(engagement.outcomes.all(), many=True, context=self.context).data


class OutcomeActionItemSerializer(serializers.ModelSerializer[ActionItem]):
    """What `make-action-item` accepts: every field is optional (the title defaults to the outcome's text)."""

    programme = Restricted(Programme, access.CHANGE, required=False, allow_null=True)
    home_unit = Restricted(Unit, required=False, allow_null=True)
    partner_unit = Restricted(Unit, required=False, allow_null=True)

    class Meta:
        model = ActionItem
        fields = [
            "programme",
            "number",
            "title",
            "description",
            "partner_agency",
            "home_unit",
            "partner_unit",
            "partner_unit_text",
            "due_date",
            "indicators",
        ]
        extra_kwargs = {"title": {"required": False}}


# --- capacity building -----------------------------------------------------------------------------------
class TrainingCourseSerializer(serializers.ModelSerializer[TrainingCourse]):
    country = CountryField(allow_blank=True, required=False)  # type: ignore[no-untyped-call]
    programme = Restricted(Programme, required=False, allow_null=True)

    class Meta:
        model = TrainingCourse
        fields = [
            "id",
            "owner",
            "title",
            "topic",
            "host_agency",
            "place",
            "country",
            "start_date",
            "end_date",
            "language",
            "participants_count",
            "partners",
            "programme",
            "notes",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["owner", "created_at", "updated_at"]


class CapacityProjectSerializer(serializers.ModelSerializer[CapacityProject]):
    class Meta:
        model = CapacityProject
        fields = [
            "id",
            "owner",
            "title",
            "kind",
            "phase",
            "start_year",
            "end_year",
            "partner_agency",
            "scope",
            "budget",
            "currency",
            "status",
            "status_reason",
            "notes",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["owner", "status", "status_reason", "created_at", "updated_at"]
