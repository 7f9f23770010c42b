"""JSON errors that say what is wrong: {"error": {"code", "message", "fields"}}."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_handler


def _flatten(detail: Any) -> Any:
    if isinstance(detail, dict):
        return {key: _flatten(value) for key, value in detail.items()}
    if isinstance(detail, list):
        return [_flatten(item) for item in detail]
    return str(detail)


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(
            exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        )
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound(_("No such record, or you may not see it."))
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(_("Your roles do not allow this action."))
    response = drf_handler(exc, context)
    if response is None:
        return None
    code = getattr(exc, "default_code", "error")
    if isinstance(exc, exceptions.ValidationError):
        body = {
            "error": {
                "code": "invalid",
                "message": _("The request has invalid fields."),
                "fields": _flatten(response.data),
            }
        }
    else:
        detail = response.data.get("detail", response.data) if isinstance(response.data, dict) else response.data
        body = {"error": {"code": code, "message": _flatten(detail)}}
    request = context.get("request")
    if request is not None and hasattr(request, "_request"):
        body["error"]["request_id"] = getattr(request._request, "request_id", "")
    response.data = body
    if response.status_code == status.HTTP_403_FORBIDDEN and not getattr(request, "user", None):
        response.status_code = status.HTTP_401_UNAUTHORIZED
    return response
