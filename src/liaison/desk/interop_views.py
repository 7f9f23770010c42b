"""Pages and API of the desk's data exchange: the INTERPOL public notice import (upload, preview, confirm)
and the FollowTheMoney export (a download on the pages, a stream on the API).

The import reads the files on upload and keeps the records in the session (never on disk) until the officer
confirms; the preview is the import itself, rolled back (desk/interpol.py), so it says exactly what will be
created, updated or left unchanged and which records are bad. The export streams what the user may see
(desk/ftm.py), one entity a line, and the export is recorded in the audit trail.
"""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.contrib import messages
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View, generic
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.request import Request
from rest_framework.views import APIView

from liaison.core import access, audit
from liaison.core.permissions import has_perm
from liaison.core.views import RestrictedMixin
from liaison.desk import ftm, interpol
from liaison.desk.access import IMPORT_PERMISSION
from liaison.desk.models import Notice

SESSION_KEY = "desk.interpol_import"
MAX_UPLOAD_BYTES = 10 * 1024 * 1024  # all files of one upload together (they wait in the session)


# --- INTERPOL import -------------------------------------------------------------------------------------
class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".json,application/json"}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        single = super().clean
        if isinstance(data, (list, tuple)):
            return [single(item, initial) for item in data]
        return [single(data, initial)]


class InterpolImportForm(forms.Form):
    uploads = MultipleFileField(
        label=gettext_lazy("Files"),
        help_text=gettext_lazy(
            "JSON files saved from INTERPOL's public notices: list pages, notice details, or arrays of details. "
            "Several files at once."
        ),
    )
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind of notices"),
        required=False,
        choices=[
            ("", gettext_lazy("As the files say")),
            (interpol.RED, gettext_lazy("Red notices (wanted persons)")),
            (interpol.YELLOW, gettext_lazy("Yellow notices (missing persons)")),
        ],
        help_text=gettext_lazy("Needed only for a detail file that carries neither its link nor arrest warrants."),
    )

    def clean_uploads(self) -> list[Any]:
        files: list[Any] = self.cleaned_data["uploads"]
        if sum(upload.size or 0 for upload in files) > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("The files are larger than %(mb)d MB together: import them in parts.")
                % {"mb": MAX_UPLOAD_BYTES // (1024 * 1024)}
            )
        return files


class InterpolImportBase(RestrictedMixin):
    """Importing creates and changes notices and persons: desk.import, and the desk's own add permission."""

    model = Notice
    access_action = access.ADD

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        if request.user.is_authenticated and not has_perm(request.user, IMPORT_PERMISSION):
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class InterpolImportView(InterpolImportBase, generic.FormView):  # type: ignore[type-arg]
    form_class = InterpolImportForm
    template_name = "desk/interpol_import.html"

    def form_valid(self, form: InterpolImportForm) -> HttpResponse:
        kind = form.cleaned_data["kind"]
        parsed = [
            interpol.read_file(upload.name[:200], upload.read(), kind=kind) for upload in form.cleaned_data["uploads"]
        ]
        self.request.session[SESSION_KEY] = {"kind": kind, **interpol.to_session(parsed)}
        return HttpResponseRedirect(reverse("interpol_import_preview"))


class InterpolImportPreviewView(InterpolImportBase, View):
    template_name = "desk/interpol_import_preview.html"

    def _stored(self) -> dict[str, Any] | None:
        stored = self.request.session.get(SESSION_KEY)
        if isinstance(stored, dict) and {"kind", "files", "records", "problems"} <= stored.keys():
            return stored
        return None

    def _run(self, stored: dict[str, Any], *, dry_run: bool) -> interpol.ImportResult:
        files, records, problems = interpol.from_session(stored)
        return interpol.run(
            records,
            actor=self.request.user,
            kind=stored["kind"],
            dry_run=dry_run,
            file_problems=problems,
            files=files,
        )

    def _render(self, stored: dict[str, Any], result: interpol.ImportResult, *, done: bool) -> HttpResponse:
        counts = result.counts
        context = {
            "files": stored["files"],
            "result": result,
            "counts": counts,
            "done": done,
            "can_confirm": not done and (counts[interpol.CREATED] + counts[interpol.UPDATED]) > 0,
            "records": [
                {
                    "record": record,
                    "errors": record.errors,
                    "warnings": record.warnings,
                    "notice_url": reverse("notice_detail", kwargs={"pk": record.notice_id})
                    if done and record.notice_id
                    else "",
                }
                for record in result.records
            ],
        }
        return render(self.request, self.template_name, context)

    def get(self, request: HttpRequest) -> HttpResponse:
        stored = self._stored()
        if stored is None:
            return HttpResponseRedirect(reverse("interpol_import"))
        return self._render(stored, self._run(stored, dry_run=True), done=False)

    def post(self, request: HttpRequest) -> HttpResponse:
        stored = self._stored()
        if stored is None:
            return HttpResponseRedirect(reverse("interpol_import"))
        result = self._run(stored, dry_run=False)
        del request.session[SESSION_KEY]
        counts = result.counts
        messages.success(
            request,
            _(
                "INTERPOL import: %(created)d created, %(updated)d updated, %(unchanged)d unchanged, "
                "%(failed)d not imported."
            )
            % counts,
        )
        return self._render(stored, result, done=True)


# --- FollowTheMoney export -------------------------------------------------------------------------------
def _export_name() -> str:
    return f"liaison-{ftm.node_code()}-ftm-{timezone.localdate().isoformat()}.jsonl"


def _audit_export(user: Any) -> None:
    from django.db import transaction

    with transaction.atomic():
        audit.record("ftm.export", actor=user, after={"format": "followthemoney", "file": _export_name()})


class FtmExportView(RestrictedMixin, View):
    """Download of the FollowTheMoney export: what the user may see, one entity a line."""

    model = Notice
    access_action = access.VIEW

    def get(self, request: HttpRequest) -> StreamingHttpResponse:
        _audit_export(request.user)
        response = StreamingHttpResponse(ftm.lines(request.user), content_type=ftm.CONTENT_TYPE)
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
        response = StreamingHttpResponse(ftm.lines(request.user), content_type=ftm.CONTENT_TYPE)
        response["Content-Disposition"] = f'inline; filename="{_export_name()}"'
        return response
