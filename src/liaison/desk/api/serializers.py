"""API serializers of the liaison desk. They validate input; the actions write (never `.save()`).

References go through `Restricted` fields (cooperation/api/serializers.py): a caller points only at records the
access policy lets them see, or change for a parent. Status fields, deadlines and review dates are read-only:
they move through the transition, review and note endpoints.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.serializer_fields import CountryField
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from liaison.agencies.models import Agency, User
from liaison.core.api.fields import ParentField, Restricted
from liaison.core.api.workflow import TransitionSerializer as TransitionSerializer  # one in the schema
from liaison.core.choices import TLP, HandlingCode
from liaison.desk import access as desk_access
from liaison.desk.actions import share_for
from liaison.desk.choices import CaseDocumentKind, CaseEventKind, NoticeOutcome
from liaison.desk.models import CaseDocument, CaseEvent, FugitiveCase, Notice, Offence, PartnerDeadlines
from liaison.people.models import Person


class _ChildSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    parent_field = ""

    def get_fields(self) -> dict[str, Any]:
        fields = super().get_fields()
        if self.instance is not None and self.parent_field in fields:
            fields[self.parent_field].read_only = True  # a child never moves to another parent
        return fields


class CaseTransitionSerializer(TransitionSerializer):
    place = serializers.CharField(required=False, allow_blank=True, default="", help_text=_("Where it happened."))
    occurred_at = serializers.DateTimeField(
        required=False, allow_null=True, default=None, help_text=_("When it happened (default: now).")
    )
    notice_outcome = serializers.ChoiceField(
        choices=NoticeOutcome.choices,
        required=False,
        allow_blank=True,
        default="",
        help_text=_(
            "What becomes of the case's own notice at a handover or an ending: keep, suspend or cancel. By default "
            "cancelled at handover and closure; required at withdrawal."
        ),
    )


# --- notices ---------------------------------------------------------------------------------------------
class OffenceInlineSerializer(serializers.ModelSerializer[Offence]):
    country = CountryField(allow_blank=True, required=False)  # type: ignore[no-untyped-call]

    class Meta:
        model = Offence
        fields = ["id", "description", "description_translation", "crime_area", "law", "max_penalty", "country"]
        read_only_fields = ["id"]


class OffenceSerializer(_ChildSerializer):
    parent_field = "notice"
    notice = ParentField(Notice)
    country = CountryField(allow_blank=True, required=False)  # type: ignore[no-untyped-call]

    class Meta:
        model = Offence
        fields = [
            "id",
            "notice",
            "description",
            "description_translation",
            "crime_area",
            "law",
            "max_penalty",
            "country",
        ]


class NoticeShareViewSerializer(serializers.Serializer):  # type: ignore[type-arg]
    agency = serializers.IntegerField()
    agency_name = serializers.CharField()
    handling_code = serializers.CharField()
    handling_note = serializers.CharField()
    tlp = serializers.CharField()
    shared_at = serializers.DateTimeField()


def _share_row(share: Any) -> dict[str, Any]:
    return {
        "agency": share.agency_id,
        "agency_name": str(share.agency),
        "handling_code": share.handling_code,
        "handling_note": share.handling_note,
        "tlp": share.tlp,
        "shared_at": share.shared_at,
    }


class NoticeSerializer(serializers.ModelSerializer[Notice]):
    person = Restricted(Person)
    issuing_country = CountryField(allow_blank=True, required=False)  # type: ignore[no-untyped-call]
    offences = OffenceInlineSerializer(
        many=True, required=False, help_text=_("The offences; replaced as a whole when given on change.")
    )
    review_warning = serializers.BooleanField(
        read_only=True, help_text=_("The five-year review is due within six months (or past).")
    )
    shares = serializers.SerializerMethodField(
        help_text=_("For the owner: every agency the notice is shared with. For a partner: its own share.")
    )

    class Meta:
        model = Notice
        fields = [
            "id",
            "owner",
            "person",
            "kind",
            "status",
            "status_reason",
            "source",
            "issuing_agency",
            "issuing_country",
            "reference",
            "interpol_id",
            "legal_basis_kind",
            "legal_basis_authority",
            "legal_basis_date",
            "legal_basis_reference",
            "summary",
            "issued_on",
            "valid_until",
            "last_reviewed_on",
            "review_due_on",
            "review_warning",
            "offences",
            "shares",
            "extra",
            "created_at",
            "updated_at",
        ]
        read_only_fields = [
            "owner",
            "status",
            "status_reason",
            "last_reviewed_on",
            "review_due_on",
            "created_at",
            "updated_at",
        ]

    @extend_schema_field(NoticeShareViewSerializer(many=True))
    def get_shares(self, notice: Notice) -> list[dict[str, Any]]:
        from liaison.desk.actions import notice_shares

        user = self.context["request"].user
        if notice.owner_id == user.agency_id:
            return [_share_row(share) for share in notice_shares(notice)]
        share = share_for(notice, user.agency_id)
        return [_share_row(share)] if share is not None else []


class NoticeReviewSerializer(serializers.Serializer):  # type: ignore[type-arg]
    note = serializers.CharField(help_text=_("Why the notice is still needed."))
    valid_until = serializers.DateField(
        required=False, allow_null=True, default=None, help_text=_("A new end of validity, if it changes.")
    )


class NoticeShareSerializer(serializers.Serializer):  # type: ignore[type-arg]
    agency = serializers.PrimaryKeyRelatedField(queryset=Agency.objects.filter(is_active=True))
    handling_code = serializers.ChoiceField(choices=HandlingCode.choices)
    tlp = serializers.ChoiceField(choices=TLP.choices, default=TLP.AMBER)
    note = serializers.CharField(
        required=False, allow_blank=True, default="", help_text=_("The restrictions (required with H3).")
    )


class NoticeUnshareSerializer(serializers.Serializer):  # type: ignore[type-arg]
    agency = serializers.PrimaryKeyRelatedField(queryset=Agency.objects.all())


# --- fugitive cases --------------------------------------------------------------------------------------
class _OwnAgencyUser(serializers.PrimaryKeyRelatedField):  # type: ignore[type-arg]
    """An active user of the caller's own agency."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("queryset", User.objects.all())
        super().__init__(**kwargs)

    def get_queryset(self) -> Any:
        return User.objects.filter(agency_id=self.context["request"].user.agency_id, is_active=True)


# What the case's partner agency does not read of a case (docs/decisions/0022).
PARTNER_HIDDEN: dict[str, Any] = {"summary": "", "assigned_to": None}


class FugitiveCaseSerializer(serializers.ModelSerializer[FugitiveCase]):
    person = Restricted(Person)
    notice = Restricted(Notice, required=False, allow_null=True)
    assigned_to = _OwnAgencyUser(required=False, allow_null=True)
    overdue = serializers.BooleanField(source="is_overdue", read_only=True)
    note = serializers.CharField(
        write_only=True, required=False, allow_blank=True, default="", help_text=_("A note for the opening event.")
    )

    class Meta:
        model = FugitiveCase
        fields = [
            "id",
            "owner",
            "reference",
            "person",
            "notice",
            "partner",
            "direction",
            "partner_reference",
            "status",
            "priority",
            "received_on",
            "crime_area",
            "summary",
            "assigned_to",
            "acknowledge_by",
            "acknowledged_on",
            "next_report_due",
            "last_location",
            "closed_on",
            "overdue",
            "note",
            "created_at",
            "updated_at",
        ]
        read_only_fields = [
            "owner",
            "reference",
            "status",
            "acknowledge_by",
            "acknowledged_on",
            "next_report_due",
            "last_location",
            "closed_on",
            "created_at",
            "updated_at",
        ]

    def get_fields(self) -> dict[str, Any]:
        fields = super().get_fields()
        if self.instance is not None:
            # Fixed once the case is open (the request is between these two desks, about this person).
            for name in ("person", "partner", "direction", "received_on", "note"):
                fields[name].read_only = True
        return fields

    def validate_received_on(self, value: Any) -> Any:
        if value and value > timezone.localdate():
            raise serializers.ValidationError(_("The date of the request cannot be in the future."))
        return value

    def to_representation(self, instance: FugitiveCase) -> dict[str, Any]:
        data: dict[str, Any] = super().to_representation(instance)
        request = self.context.get("request")
        if request is not None and desk_access.partner_view(instance, request.user):
            data.update(PARTNER_HIDDEN)  # the owner's internal fields (desk/access.py)
        return data


class CaseEventSerializer(serializers.ModelSerializer[CaseEvent]):
    actor_name = serializers.SerializerMethodField()

    class Meta:
        model = CaseEvent
        fields = [
            "id",
            "case",
            "kind",
            "from_status",
            "to_status",
            "occurred_at",
            "place",
            "note",
            "actor",
            "actor_name",
            "recorded_at",
            "data",
        ]
        read_only_fields = fields

    def get_actor_name(self, event: CaseEvent) -> str:
        actor = event.actor
        return str(actor.get_full_name() or actor.username) if actor is not None else ""


class CaseNoteSerializer(serializers.Serializer):  # type: ignore[type-arg]
    kind = serializers.ChoiceField(
        choices=[
            (CaseEventKind.NOTE, CaseEventKind.NOTE.label),
            (CaseEventKind.ACKNOWLEDGED, CaseEventKind.ACKNOWLEDGED.label),
            (CaseEventKind.PROGRESS_REPORT, CaseEventKind.PROGRESS_REPORT.label),
        ],
        default=CaseEventKind.NOTE,
        help_text=_("note; acknowledged meets the acknowledgement deadline; progress_report sets the next one."),
    )
    note = serializers.CharField()
    place = serializers.CharField(required=False, allow_blank=True, default="")


class CaseDocumentSerializer(_ChildSerializer):
    parent_field = "case"
    case = ParentField(FugitiveCase)
    file = serializers.FileField(write_only=True, help_text=_("The document (multipart upload)."))
    kind = serializers.ChoiceField(choices=CaseDocumentKind.choices, default=CaseDocumentKind.OTHER)
    title = serializers.CharField(required=False, allow_blank=True, default="", max_length=255)

    class Meta:
        model = CaseDocument
        fields = [
            "id",
            "case",
            "file",
            "kind",
            "title",
            "dated",
            "original_name",
            "size",
            "sha256",
            "added_by",
            "added_at",
        ]
        read_only_fields = ["original_name", "size", "sha256", "added_by", "added_at"]


class PartnerDeadlinesSerializer(serializers.ModelSerializer[PartnerDeadlines]):
    class Meta:
        model = PartnerDeadlines
        fields = ["id", "owner", "partner", "acknowledge_days", "report_every_days", "created_at", "updated_at"]
        read_only_fields = ["owner", "created_at", "updated_at"]
        validators: list[Any] = []  # one row per partner: checked by the action, with a clear message
