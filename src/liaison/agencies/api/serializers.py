from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from django_countries.serializer_fields import CountryField
from rest_framework import serializers

from liaison.agencies.models import Agency, ApiToken, Role, Unit, User
from liaison.core import access


class AgencySerializer(serializers.ModelSerializer[Agency]):
    country = CountryField(allow_blank=True, required=False)  # type: ignore[no-untyped-call]

    class Meta:
        model = Agency
        fields = [
            "id",
            "code",
            "country",
            "name_native",
            "name_en",
            "name_translations",
            "short_name",
            "kind",
            "is_home",
            "is_active",
        ]


class UnitSerializer(serializers.ModelSerializer[Unit]):
    class Meta:
        model = Unit
        fields = ["id", "agency", "parent", "name", "name_en", "kind", "is_active"]

    def validate_agency(self, agency: Agency) -> Agency:
        actor = self.context["request"].user
        if not actor.has_liaison_perm("agency.manage") and agency.pk != actor.agency_id:
            raise serializers.ValidationError(_("You can only add units to your own agency."))
        return agency

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        parent = attrs.get("parent", getattr(self.instance, "parent", None))
        agency = attrs.get("agency", getattr(self.instance, "agency", None))
        if parent is not None and agency is not None and parent.agency_id != agency.pk:
            raise serializers.ValidationError({"parent": _("The parent unit must belong to the same agency.")})
        if (
            parent is not None
            and not access.restrict(Unit.objects.filter(pk=parent.pk), self.context["request"].user).exists()
        ):
            raise serializers.ValidationError({"parent": _("No such unit.")})
        return attrs


class RoleSerializer(serializers.ModelSerializer[Role]):
    label = serializers.CharField(source="get_code_display", read_only=True)  # type: ignore[assignment]
    permissions = serializers.SerializerMethodField()

    class Meta:
        model = Role
        fields = ["id", "code", "label", "require_second_factor", "permissions"]
        read_only_fields = ["code"]

    def get_permissions(self, role: Role) -> list[str]:
        from liaison.core.permissions import ROLE_PERMISSIONS

        return sorted(ROLE_PERMISSIONS.get(role.code, ()))


class UserSerializer(serializers.ModelSerializer[User]):
    roles = serializers.SlugRelatedField(slug_field="code", many=True, queryset=Role.objects.all(), required=False)
    password = serializers.CharField(write_only=True, required=False, style={"input_type": "password"})

    class Meta:
        model = User
        fields = [
            "id",
            "username",
            "first_name",
            "last_name",
            "email",
            "agency",
            "units",
            "roles",
            "preferred_language",
            "is_active",
            "last_login",
            "password",
        ]
        read_only_fields = ["last_login", "is_active"]


class MeSerializer(serializers.ModelSerializer[User]):
    roles: serializers.SlugRelatedField[Role] = serializers.SlugRelatedField(
        slug_field="code", many=True, read_only=True
    )
    permissions = serializers.SerializerMethodField()
    agency = AgencySerializer(read_only=True)

    class Meta:
        model = User
        fields = ["id", "username", "first_name", "last_name", "email", "agency", "roles", "permissions"]

    def get_permissions(self, user: User) -> list[str]:
        return sorted(user.liaison_permissions)


class ApiTokenSerializer(serializers.ModelSerializer[ApiToken]):
    status = serializers.CharField(read_only=True)
    user: serializers.SlugRelatedField[User] = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta:
        model = ApiToken
        fields = [
            "id",
            "name",
            "prefix",
            "user",
            "read_only",
            "created_at",
            "expires_at",
            "last_used_at",
            "revoked_at",
            "status",
        ]
        read_only_fields = ["prefix", "created_at", "last_used_at", "revoked_at"]


class ApiTokenCreatedSerializer(ApiTokenSerializer):
    key = serializers.CharField(read_only=True, help_text=_("Shown once: store it now."))

    class Meta(ApiTokenSerializer.Meta):
        fields = [*ApiTokenSerializer.Meta.fields, "key"]
