from __future__ import annotations

from typing import Any

from rest_framework.authentication import SessionAuthentication
from rest_framework.request import Request


class VerifiedSessionAuthentication(SessionAuthentication):
    """Session authentication for the browsable pages and htmx; a session still owing its second factor is
    treated as anonymous."""

    def authenticate(self, request: Request) -> tuple[Any, None] | None:
        result = super().authenticate(request)
        if result is None:
            return None
        user = result[0]
        if user.requires_second_factor and not getattr(request._request.user, "is_verified", lambda: False)():
            return None
        return result
