from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

# Pages a signed-in user may open before their second factor is verified.
_OPEN_PREFIXES = ("/account/second-factor/", "/account/sign-out/", "/static/", "/i18n/", "/jsi18n/")


class SecondFactorMiddleware:
    """Users holding a role that requires a second factor must verify (or enrol) an authenticator first.

    Applies to pages only; the API's session authentication refuses unverified sessions itself and token
    clients are system clients (their token is the credential).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            user.is_authenticated
            and not request.path.startswith(_OPEN_PREFIXES)
            and not request.path.startswith("/api/")
            and not getattr(user, "is_verified", lambda: False)()
            and getattr(user, "requires_second_factor", False)
        ):
            return redirect("second_factor")
        return self.get_response(request)
