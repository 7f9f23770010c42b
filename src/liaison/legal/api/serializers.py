"""Serializers of the legal-requests API."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from liaison.core.api.fields import ParentField, Restricted
from liaison.core.api.workflow import TransitionSerializer
from liaison.legal.choices import DocumentKind, RefusalGround
from liaison.legal.dossier import missing_documents
from liaison.legal.letter.texts import LANGUAGES as LETTER_LANGUAGES
from liaison.legal.models import (
    CentralAuthority,
    LegalDocument,
    LegalOffence,
    LegalRequest,
    RequestEvent,
    RequestLetter,
    TreatyTerms,
)

_CASE_MODEL: Any = LegalRequest._meta.get_field("fugitive_case").related_model
_NOTICE_MODEL: Any = LegalRequest._meta.get_field("notice").related_model
_PERSON_MODEL: Any = LegalRequest._meta.get_field("person").related_model
_AGREEMENT_MODEL: Any = TreatyTerms._meta.get_field("agreement").related_model


class CentralAuthoritySerializer(serializers.ModelSerializer[CentralAuthority]):
    terms = ParentField(TreatyTerms)

    class Meta:
        model = CentralAuthority
        fields = ["id", "terms", "kind", "side", "name"]


class TreatyTermsSerializer(serializers.ModelSerializer[TreatyTerms]):
    agreement = Restricted(_AGREEMENT_MODEL, required=False, allow_null=True)
    authorities = CentralAuthoritySerializer(many=True, read_only=True)

    class Meta:
        model = TreatyTerms
        fields = [
            "id", "owner", "partner", "basis", "agreement", "title", "source", "fictional", "kinds", "languages",
            "formal_request_days", "acknowledge_days", "answer_days", "refusal_grounds", "mandatory_grounds",
            "transfer_min_remaining_days", "transfer_final_judgment", "transfer_consent",
            "transfer_dual_criminality", "notes", "authorities", "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = ["owner", "created_at", "updated_at"]


class LegalOffenceSerializer(serializers.ModelSerializer[LegalOffence]):
    request = ParentField(LegalRequest)
    dual_criminality = serializers.BooleanField(read_only=True)
    penalty_text = serializers.CharField(read_only=True, help_text=_("The maximum penalty in words."))

    class Meta:
        model = LegalOffence
        fields = [
            "id", "request", "description", "law", "article", "max_penalty", "max_penalty_years", "max_penalty_life",
            "penalty_text", "death_penalty", "political",
            "military", "partner_law", "partner_article", "partner_description", "dual_criminality",
        ]  # fmt: skip
        extra_kwargs = {
            "law": {"help_text": _("The requesting state's law (ours for an outgoing request, the partner's for an "
                                   "incoming one).")},
            "partner_law": {"help_text": _("The requested state's law, for dual criminality.")},
        }  # fmt: skip


class NestedOffenceSerializer(LegalOffenceSerializer):
    class Meta(LegalOffenceSerializer.Meta):
        fields = [name for name in LegalOffenceSerializer.Meta.fields if name not in ("id", "request")]


class LegalRequestSerializer(serializers.ModelSerializer[LegalRequest]):
    person = Restricted(_PERSON_MODEL, required=False, allow_null=True)
    other_persons = Restricted(
        _PERSON_MODEL,
        many=True,
        required=False,
        help_text=_("Further persons of an MLA request or a verification; an extradition or transfer names one."),
    )
    fugitive_case = Restricted(_CASE_MODEL, required=False, allow_null=True)
    notice = Restricted(_NOTICE_MODEL, required=False, allow_null=True)
    treaty = Restricted(TreatyTerms, required=False, allow_null=True)
    follows = Restricted(LegalRequest, required=False, allow_null=True)
    offences = NestedOffenceSerializer(many=True, required=False)
    overdue = serializers.BooleanField(source="is_overdue", read_only=True)
    missing_documents = serializers.SerializerMethodField(help_text=_("What the dossier still lacks."))
    note = serializers.CharField(
        write_only=True, required=False, allow_blank=True, default="", help_text=_("A note for the opening event.")
    )

    def get_missing_documents(self, obj: LegalRequest) -> list[str]:
        return missing_documents(obj)

    class Meta:
        model = LegalRequest
        fields = [
            "id", "owner", "reference", "partner_reference", "direction", "kind", "subkind", "partner", "treaty",
            "status", "status_reason", "person", "other_persons", "fugitive_case", "notice", "follows", "facts",
            "received_on", "death_penalty_assurance", "court", "judgment_reference", "judgment_date", "judgment_final",
            "sentence_days", "life_sentence", "served_days", "consent", "sent_on", "acknowledge_by", "acknowledged_on",
            "answer_by",
            "arrested_on", "formal_request_due", "formal_request_made", "clock_stopped_on", "days_stopped",
            "resume_status", "refusal_grounds", "closed_on", "overdue", "missing_documents", "offences", "note",
            "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = [
            "owner", "reference", "status", "status_reason", "sent_on", "acknowledge_by", "acknowledged_on",
            "answer_by", "arrested_on", "formal_request_due", "formal_request_made", "clock_stopped_on",
            "days_stopped", "resume_status", "refusal_grounds", "closed_on", "created_at", "updated_at",
        ]  # fmt: skip


class RequestTransitionSerializer(TransitionSerializer):
    grounds = serializers.ListField(
        child=serializers.ChoiceField(choices=RefusalGround.choices),
        required=False,
        default=list,
        help_text=_("The treaty's grounds of a refusal."),
    )


class ArrestSerializer(serializers.Serializer):  # type: ignore[type-arg]
    arrested_on = serializers.DateField(help_text=_("The day of the provisional arrest."))
    note = serializers.CharField(required=False, allow_blank=True, default="")


class RequestNoteSerializer(serializers.Serializer):  # type: ignore[type-arg]
    note = serializers.CharField()


class RequestEventSerializer(serializers.ModelSerializer[RequestEvent]):
    class Meta:
        model = RequestEvent
        fields = ["id", "request", "kind", "from_status", "to_status", "occurred_at", "note", "actor", "data"]


class LegalDocumentSerializer(serializers.ModelSerializer[LegalDocument]):
    request = ParentField(LegalRequest)
    translation_of = Restricted(LegalDocument, required=False, allow_null=True, default=None)
    file = serializers.FileField(write_only=True, help_text=_("The document (multipart upload)."))
    kind = serializers.ChoiceField(choices=DocumentKind.choices, default=DocumentKind.OTHER)
    title = serializers.CharField(required=False, allow_blank=True, default="", max_length=255)

    class Meta:
        model = LegalDocument
        fields = [
            "id", "request", "file", "kind", "language", "title", "translation_of", "translator", "translated_on",
            "certification", "original_name", "content_type", "size", "sha256", "added_by", "added_at",
        ]  # fmt: skip
        read_only_fields = ["original_name", "content_type", "size", "sha256", "added_by", "added_at"]


class ConsularTransferSerializer(serializers.Serializer):  # type: ignore[type-arg]
    consular_case = serializers.IntegerField(help_text=_("The id of the consular case of the sentenced person."))


class LetterSignOffSerializer(serializers.Serializer):  # type: ignore[type-arg]
    language = serializers.ChoiceField(
        choices=list(LETTER_LANGUAGES), required=False, help_text=_("The treaty's first language when left out.")
    )


class RequestLetterSerializer(serializers.ModelSerializer[RequestLetter]):
    pdf_sha256 = serializers.CharField(source="pdf.sha256", read_only=True)
    docx_sha256 = serializers.CharField(source="docx.sha256", read_only=True)

    class Meta:
        model = RequestLetter
        fields = ["id", "request", "version", "language", "digest", "pdf", "pdf_sha256", "docx", "docx_sha256",
                  "signed_by", "signed_at"]  # fmt: skip
        read_only_fields = fields
