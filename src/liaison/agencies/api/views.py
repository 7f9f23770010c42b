from __future__ import annotations

from typing import Any, cast

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from liaison.agencies import actions
from liaison.agencies.api.serializers import (
    AgencySerializer,
    ApiTokenCreatedSerializer,
    ApiTokenSerializer,
    MeSerializer,
    RoleSerializer,
    UnitSerializer,
    UserSerializer,
)
from liaison.agencies.authentication import session_verified
from liaison.agencies.models import Agency, ApiToken, Role, Unit, User
from liaison.core.api.viewsets import ModelViewSet


class AgencyViewSet(ModelViewSet):
    """The agency directory: every signed-in user reads it; node administrators change it."""

    access_model = Agency
    serializer_class = AgencySerializer
    filterset_fields = ["kind", "country", "is_home", "is_active"]
    search_fields = ["name_native", "name_en", "short_name", "code"]
    ordering_fields = ["short_name", "country", "kind"]
    http_method_names = ["get", "post", "patch", "head", "options"]
    create_action = staticmethod(actions.do_create_agency)
    update_action = staticmethod(actions.do_update_agency)


class UnitViewSet(ModelViewSet):
    """Units of the caller's agency (every agency's for node administrators)."""

    access_model = Unit
    serializer_class = UnitSerializer
    filterset_fields = ["agency", "kind", "is_active", "parent"]
    search_fields = ["name", "name_en"]
    ordering_fields = ["name", "kind"]
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]
    create_action = staticmethod(actions.do_create_unit)
    update_action = staticmethod(actions.do_update_unit)
    delete_action = staticmethod(actions.do_delete_unit)


class RoleViewSet(ModelViewSet):
    """Roles, the permissions each grants, and whether each requires a second factor (node administrators)."""

    access_model = Role
    serializer_class = RoleSerializer
    http_method_names = ["get", "patch", "head", "options"]

    @staticmethod
    def update_action(role: Role, data: dict[str, Any], *, actor: Any) -> Role:
        return actions.do_update_role(
            role, require_second_factor=data.get("require_second_factor", role.require_second_factor), actor=actor
        )


class UserViewSet(ModelViewSet):
    """Users of the caller's agency; node administrators see and manage every user of the node."""

    access_model = User
    serializer_class = UserSerializer
    filterset_fields = ["agency", "is_active"]
    search_fields = ["username", "first_name", "last_name", "email"]
    ordering_fields = ["username", "last_name", "last_login"]
    http_method_names = ["get", "post", "patch", "head", "options"]
    update_action = staticmethod(actions.do_update_user)

    @staticmethod
    def create_action(data: dict[str, Any], *, actor: Any) -> User:
        password = data.pop("password", None)
        return actions.do_create_user(data, password=password, actor=actor)


class ApiTokenViewSet(ModelViewSet):
    """The caller's API tokens (every token for holders of token.manage). The key is returned once, on create."""

    access_model = ApiToken
    serializer_class = ApiTokenSerializer
    filterset_fields = ["read_only"]
    http_method_names = ["get", "post", "head", "options"]

    @extend_schema(request=ApiTokenSerializer, responses={201: ApiTokenCreatedSerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        # Only a signed-in session creates tokens (docs/decisions/0018-api-tokens.md): never another token.
        if isinstance(request.auth, ApiToken):
            raise exceptions.PermissionDenied(
                _("A token cannot create tokens: create one from a signed-in session (the API tokens page).")
            )
        serializer = ApiTokenSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            token, key = actions.do_create_api_token(
                request.user,  # type: ignore[arg-type]
                name=serializer.validated_data["name"],
                read_only=serializer.validated_data.get("read_only", False),
                expires_at=serializer.validated_data.get("expires_at"),
                second_factor=session_verified(request.user),
                actor=request.user,
            )
        except actions.SecondFactorRequired as refusal:
            raise exceptions.PermissionDenied(str(refusal)) from None
        data = ApiTokenCreatedSerializer(token).data
        data["key"] = key
        return Response(data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=ApiTokenSerializer)
    @action(detail=True, methods=["post"])
    def revoke(self, request: Request, pk: str | None = None) -> Response:
        token = self.get_object()
        actions.do_revoke_api_token(token, actor=request.user)
        return Response(ApiTokenSerializer(token).data)


class MeView(APIView):
    """Who the caller is: user, agency, roles and permissions."""

    @extend_schema(responses=MeSerializer)
    def get(self, request: Request) -> Response:
        return Response(MeSerializer(cast(User, request.user)).data)
