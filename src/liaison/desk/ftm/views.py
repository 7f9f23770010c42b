"""The FollowTheMoney export as a download on the pages and a stream on the API (/api/ftm/): what the user may
see (export.py), one entity a line; each export is recorded in the audit trail."""

from __future__ import annotations

import json
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.http import HttpRequest, StreamingHttpResponse
from django.utils import timezone
from django.views import View
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.request import Request
from rest_framework.views import APIView

from liaison.core import access, audit
from liaison.core.views import RestrictedMixin
from liaison.desk.ftm import export
from liaison.desk.models import Notice


def _export_name() -> str:
    return f"liaison-{export.node_code()}-ftm-{timezone.localdate().isoformat()}.jsonl"


def _audit_export(user: Any) -> None:
    with transaction.atomic():
        audit.record("ftm.export", actor=user, after={"format": "followthemoney", "file": _export_name()})


class FtmExportView(RestrictedMixin, View):
    """Download of the FollowTheMoney export: what the user may see, one entity a line."""

    model = Notice
    access_action = access.VIEW

    def get(self, request: HttpRequest) -> StreamingHttpResponse:
        _audit_export(request.user)
        response = StreamingHttpResponse(export.lines(request.user), content_type=export.CONTENT_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{_export_name()}"'
        return response


class NdjsonRenderer(BaseRenderer):
    """JSON lines. The export itself is streamed by the view; this renders what DRF answers itself (an error
    for a client that asked for JSON lines) as one JSON line."""

    media_type = "application/x-ndjson"
    format = "jsonl"
    charset = "utf-8"

    def render(self, data: Any, accepted_media_type: str | None = None, renderer_context: Any = None) -> bytes:
        if data is None:
            return b""
        return (json.dumps(data, ensure_ascii=False, cls=DjangoJSONEncoder) + "\n").encode()


class FtmExportApiView(APIView):
    """GET /api/ftm/: the FollowTheMoney export as JSON lines (application/x-ndjson)."""

    access_model = Notice  # desk.view; persons, documents and notices are each restricted to what the user sees
    renderer_classes = [JSONRenderer, NdjsonRenderer]

    @extend_schema(
        summary="FollowTheMoney export",
        description=(
            "Every person the caller may see as a FollowTheMoney `Person`, their identity documents as `Passport` "
            "or `Identification`, and their issued notices as `Sanction`: one JSON entity a line. Ids are stable "
            "across exports (liaison-<node agency>-<kind>-<id>)."
        ),
        responses={
            (200, "application/x-ndjson"): OpenApiResponse(
                OpenApiTypes.STR, description="JSON lines, one FtM entity a line."
            )
        },
    )
    def get(self, request: Request) -> StreamingHttpResponse:
        _audit_export(request.user)
        response = StreamingHttpResponse(export.lines(request.user), content_type=export.CONTENT_TYPE)
        response["Content-Disposition"] = f'inline; filename="{_export_name()}"'
        return response
