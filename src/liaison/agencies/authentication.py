from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions
from rest_framework.request import Request

from liaison.agencies.models import ApiToken


def session_verified(user: Any) -> bool:
    """Whether the signed-in session this user came with was verified with a second factor (django-otp)."""
    return bool(getattr(user, "is_verified", lambda: False)())


class ApiTokenAuthentication(authentication.BaseAuthentication):
    """`Authorization: Bearer lia_…` (or `Token lia_…`). The token acts as its user, with that user's roles.

    A user whose role requires a second factor is accepted only with a token created in a session verified
    with one (docs/decisions/0018-api-tokens.md)."""

    keywords = ("bearer", "token")

    def authenticate(self, request: Request) -> tuple[Any, ApiToken] | None:
        header = authentication.get_authorization_header(request).decode("latin-1").split()
        if not header or header[0].lower() not in self.keywords:
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("The Authorization header must be 'Bearer <token>'."))
        token = ApiToken.find(header[1])
        if token is None:
            raise exceptions.AuthenticationFailed(_("The token is unknown, expired or revoked."))
        if not token.second_factor and token.user.requires_second_factor:
            raise exceptions.AuthenticationFailed(
                _(
                    "The user's role requires a second factor and this token was not created in a session verified "
                    "with one: sign in with the authenticator code and create a new token."
                )
            )
        now = timezone.now()
        if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)  # bookkeeping, not a domain write
        return token.user, token

    def authenticate_header(self, request: Request) -> str:
        return 'Bearer realm="api"'
