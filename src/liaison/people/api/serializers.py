"""API serializers of the people register. They validate input; the actions write (never `.save()`).

References go through `Restricted` fields (core/api/fields.py), so a caller can point only at
records the access policy lets them see (or change, for a parent): another agency's person is answered
"does not exist".
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from django_countries.serializer_fields import CountryField
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from liaison.agencies.models import Agency
from liaison.core.api.fields import ParentField, Restricted
from liaison.core.choices import TLP, HandlingCode
from liaison.core.models import Share
from liaison.people.models import Address, Contact, IdentityDocument, Person, PersonName, Photo


class _ChildSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    """A record of a person: `person` is one the caller's agency owns, fixed once created."""

    person = ParentField(Person)

    def get_fields(self) -> dict[str, Any]:
        fields = super().get_fields()
        if self.instance is not None and "person" in fields:
            fields["person"].read_only = True
        return fields


NAME_FIELDS = [
    "full_name",
    "family_name",
    "given_names",
    "patronymic",
    "script",
    "language",
    "kind",
    "transcribed_by",
    "is_primary",
    "source",
]
DOCUMENT_FIELDS = ["kind", "number", "issuing_country", "issued_on", "valid_until", "mrz", "notes"]


class PersonNameSerializer(_ChildSerializer):
    transcribed_by = Restricted(Agency, required=False, allow_null=True)

    class Meta:
        model = PersonName
        fields = ["id", "person", *NAME_FIELDS]
        extra_kwargs = {"script": {"help_text": _("ISO 15924; guessed from the letters when empty.")}}


class NestedNameSerializer(serializers.ModelSerializer[PersonName]):
    """A name given with its person on create."""

    transcribed_by = Restricted(Agency, required=False, allow_null=True)

    class Meta:
        model = PersonName
        fields = ["id", *NAME_FIELDS]
        read_only_fields = ["id"]


class IdentityDocumentSerializer(_ChildSerializer):
    issuing_country = CountryField(allow_blank=True, required=False)  # type: ignore[no-untyped-call]
    mrz_verified = serializers.SerializerMethodField(
        help_text=_("The MRZ is stored only when every check digit is right and it carries this number.")
    )

    class Meta:
        model = IdentityDocument
        fields = ["id", "person", *DOCUMENT_FIELDS, "mrz_verified"]

    def get_mrz_verified(self, document: IdentityDocument) -> bool:
        return bool(document.mrz.strip())


class NestedDocumentSerializer(serializers.ModelSerializer[IdentityDocument]):
    issuing_country = CountryField(allow_blank=True, required=False)  # type: ignore[no-untyped-call]
    mrz_verified = serializers.SerializerMethodField(
        help_text=_("The MRZ is stored only when every check digit is right and it carries this number.")
    )

    class Meta:
        model = IdentityDocument
        fields = ["id", *DOCUMENT_FIELDS, "mrz_verified"]
        read_only_fields = ["id"]

    def get_mrz_verified(self, document: IdentityDocument) -> bool:
        return bool(document.mrz.strip())


class AddressSerializer(_ChildSerializer):
    country = CountryField(allow_blank=True, required=False)  # type: ignore[no-untyped-call]

    class Meta:
        model = Address
        fields = ["id", "person", "kind", "address", "city", "country", "valid_from", "valid_to", "source"]


class ContactSerializer(_ChildSerializer):
    class Meta:
        model = Contact
        fields = ["id", "person", "kind", "value", "note"]


class PhotoSerializer(_ChildSerializer):
    image = serializers.FileField(write_only=True, help_text=_("JPEG, PNG or WebP, at most 10 MB (multipart upload)."))
    download = serializers.SerializerMethodField(help_text=_("Where to fetch the image (through access)."))

    class Meta:
        model = Photo
        fields = [
            "id",
            "person",
            "image",
            "download",
            "content_type",
            "sha256",
            "size",
            "caption",
            "taken_on",
            "releasable",
            "added_by",
            "added_at",
        ]
        read_only_fields = ["content_type", "sha256", "size", "added_by", "added_at"]

    def get_fields(self) -> dict[str, Any]:
        fields = super().get_fields()
        if self.instance is not None:
            fields["image"].read_only = True
        return fields

    def get_download(self, photo: Photo) -> str:
        return reverse("person-photo-download", kwargs={"pk": photo.pk})


class PersonShareSerializer(serializers.ModelSerializer[Share]):
    agency = Restricted(Agency)
    handling_code = serializers.ChoiceField(choices=HandlingCode.choices)
    tlp = serializers.ChoiceField(choices=TLP.choices, default=TLP.AMBER)
    handling_note = serializers.CharField(
        required=False, allow_blank=True, default="", help_text=_("Required with H3: the restrictions written out.")
    )

    class Meta:
        model = Share
        fields = ["agency", "handling_code", "tlp", "handling_note", "shared_by", "shared_at"]
        read_only_fields = ["shared_by", "shared_at"]


class PersonUnshareSerializer(serializers.Serializer):  # type: ignore[type-arg]
    agency = Restricted(Agency)


class PersonMatchSerializer(serializers.Serializer):  # type: ignore[type-arg]
    score = serializers.FloatField()
    algorithm = serializers.CharField()
    explanation = serializers.DictField(help_text=_("namematch's evidence: {algorithm, evidence: [...]}"))


class PersonSerializer(serializers.ModelSerializer[Person]):
    names = NestedNameSerializer(
        many=True, help_text=_("At least one on create (the first is primary unless one says so); read-only after.")
    )
    documents = NestedDocumentSerializer(
        many=True, required=False, help_text=_("Identity documents given on create; read-only after.")
    )
    nationalities = serializers.ListField(
        child=serializers.ChoiceField(choices=list(countries)), required=False, allow_empty=True
    )
    languages = serializers.ListField(child=serializers.CharField(max_length=16), required=False, allow_empty=True)
    birth_country = CountryField(allow_blank=True, required=False)  # type: ignore[no-untyped-call]
    shares = serializers.SerializerMethodField(
        help_text=_("The agencies the person is shared with (the owner sees all; a partner its own share).")
    )
    match = serializers.SerializerMethodField(help_text=_("Set when the list was searched with ?q=."))

    class Meta:
        model = Person
        fields = [
            "id",
            "owner",
            "display_name",
            "names",
            "documents",
            "sex",
            "birth_date",
            "birth_place",
            "birth_country",
            "nationalities",
            "height_cm",
            "weight_kg",
            "eye_colour",
            "hair_colour",
            "distinguishing_marks",
            "description",
            "languages",
            "notes",
            "fictional",
            "merged_into",
            "shares",
            "match",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["owner", "display_name", "merged_into", "created_at", "updated_at"]

    def get_fields(self) -> dict[str, Any]:
        fields = super().get_fields()
        if self.instance is not None and not isinstance(self.instance, list | tuple):
            fields["names"].read_only = True  # changed through /person-names/ and /identity-documents/
            fields["documents"].read_only = True
        return fields

    def validate_names(self, names: list[dict[str, Any]]) -> list[dict[str, Any]]:
        if not names:
            raise serializers.ValidationError(_("A person needs at least one name."))
        return names

    @extend_schema_field(PersonShareSerializer(many=True))
    def get_shares(self, person: Person) -> Any:
        request = self.context.get("request")
        agency_id = getattr(getattr(request, "user", None), "agency_id", None)
        shares = [
            share for share in self._shares(person) if person.owner_id == agency_id or share.agency_id == agency_id
        ]
        return PersonShareSerializer(shares, many=True, context=self.context).data

    def _shares(self, person: Person) -> list[Share]:
        cache = self.context.setdefault("_person_shares", {})
        if person.pk not in cache:
            from liaison.people.actions import shares_of

            cache[person.pk] = list(shares_of(person))
        return cache[person.pk]  # type: ignore[no-any-return]

    @extend_schema_field(PersonMatchSerializer(allow_null=True))
    def get_match(self, person: Person) -> dict[str, Any] | None:
        hit = self.context.get("matches", {}).get(person.pk)
        if hit is None:
            return None
        return {"score": hit.score, "algorithm": hit.algorithm, "explanation": hit.explanation}


class PersonMergeSerializer(serializers.Serializer):  # type: ignore[type-arg]
    duplicate = serializers.IntegerField(help_text=_("The person merged into this one (becomes a tombstone)."))
    reason = serializers.CharField(help_text=_("Why the two records are the same person."))


class PersonDuplicateQuerySerializer(serializers.Serializer):  # type: ignore[type-arg]
    names = serializers.ListField(child=serializers.CharField(max_length=300), min_length=1)
    birth_date = serializers.CharField(required=False, allow_blank=True, default="")
    nationalities = serializers.ListField(
        child=serializers.ChoiceField(choices=list(countries)), required=False, default=list
    )
    documents = serializers.ListField(child=serializers.CharField(max_length=50), required=False, default=list)
    exclude = serializers.IntegerField(
        required=False, allow_null=True, default=None, help_text=_("A person to leave out.")
    )
    limit = serializers.IntegerField(required=False, default=5, min_value=1, max_value=50)


class PersonDuplicateSerializer(serializers.Serializer):  # type: ignore[type-arg]
    person = serializers.IntegerField()
    display_name = serializers.CharField()
    birth_date = serializers.CharField()
    score = serializers.FloatField()
    algorithm = serializers.CharField()
    explanation = serializers.DictField()


# --- person search -----------------------------------------------------------------------------------------
class PersonSearchNameSerializer(serializers.Serializer):  # type: ignore[type-arg]
    full_name = serializers.CharField()
    script = serializers.CharField()
    kind = serializers.CharField()


class PersonSearchResultSerializer(serializers.Serializer):  # type: ignore[type-arg]
    person = serializers.IntegerField()
    display_name = serializers.CharField()
    birth_date = serializers.CharField()
    nationalities = serializers.ListField(child=serializers.CharField())
    names = PersonSearchNameSerializer(many=True)
    score = serializers.FloatField()
    algorithm = serializers.CharField()
    explanation = serializers.JSONField()


class PersonSearchResponseSerializer(serializers.Serializer):  # type: ignore[type-arg]
    count = serializers.IntegerField()
    results = PersonSearchResultSerializer(many=True)
