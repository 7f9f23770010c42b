from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from liaison.core import context

REQUEST_ID_HEADER = "X-Request-ID"


def client_ip(request: HttpRequest) -> str:
    return str(request.META.get("REMOTE_ADDR", ""))


class RequestContextMiddleware:
    """Gives every request an id (echoed in the response) and the 'ui' or 'api' channel for the audit trail."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.headers.get(REQUEST_ID_HEADER, "")
        request_id = incoming if incoming.isalnum() and len(incoming) <= 64 else context.new_request_id()
        name = context.CHANNEL_API if request.path.startswith("/api/") else context.CHANNEL_UI
        with context.channel(name, request_id=request_id, ip_address=client_ip(request)):
            request.request_id = request_id  # type: ignore[attr-defined]  # read by templates and error pages
            response = self.get_response(request)
        response[REQUEST_ID_HEADER] = request_id
        return response
