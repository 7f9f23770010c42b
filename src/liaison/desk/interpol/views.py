"""Pages of the INTERPOL public notice import: upload, preview, confirm.

The upload reads the files and keeps their records in the session (core/importing.py; never on disk) until the
officer confirms. The preview compares each record with what is recorded, reading only (it writes nothing and
holds no lock), and says what will be created, updated or left unchanged and which records are bad; the
confirmation imports (importer.py).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View, generic

from liaison.core import access, importing
from liaison.core.permissions import has_perm
from liaison.core.views import RestrictedMixin
from liaison.desk.access import IMPORT_PERMISSION
from liaison.desk.interpol.format import RED, YELLOW, Problem
from liaison.desk.interpol.importer import SESSION_KEY, InterpolImport, stage
from liaison.desk.models import Notice

MAX_UPLOAD_BYTES = 10 * 1024 * 1024  # all files of one upload together (they wait in the session)


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
            (RED, gettext_lazy("Red notices (wanted persons)")),
            (YELLOW, gettext_lazy("Yellow notices (missing persons)")),
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
        files = [(upload.name[:200], upload.read()) for upload in form.cleaned_data["uploads"]]
        importing.stage(self.request.session, SESSION_KEY, stage(files, kind=form.cleaned_data["kind"]))
        return HttpResponseRedirect(reverse("interpol_import_preview"))


class InterpolImportPreviewView(InterpolImportBase, View):
    template_name = "desk/interpol_import_preview.html"

    def _render(self, staged: importing.Staged, report: importing.Report) -> HttpResponse:
        done = report.applied
        context = {
            "files": staged.files,
            "result": report,
            "counts": InterpolImport.notice_counts(report),
            "done": done,
            "can_confirm": not done and report.writes > 0,
            "records": [
                {
                    "record": entry,
                    "errors": entry.errors,
                    "warnings": entry.warnings,
                    "notice_url": reverse("notice_detail", kwargs={"pk": entry.object_id})
                    if done and entry.object_id
                    else "",
                }
                for entry in report.entries
            ],
        }
        return render(self.request, self.template_name, context)

    def get(self, request: HttpRequest) -> HttpResponse:
        staged = importing.staged(request.session, SESSION_KEY, problem=Problem)
        if staged is None:
            return HttpResponseRedirect(reverse("interpol_import"))
        report = importing.preview(InterpolImport(staged.options.get("kind", "")), staged, actor=request.user)
        return self._render(staged, report)

    def post(self, request: HttpRequest) -> HttpResponse:
        staged = importing.staged(request.session, SESSION_KEY, problem=Problem)
        if staged is None:
            return HttpResponseRedirect(reverse("interpol_import"))
        report = importing.apply(InterpolImport(staged.options.get("kind", "")), staged, actor=request.user)
        importing.unstage(request.session, SESSION_KEY)
        messages.success(
            request,
            _(
                "INTERPOL import: %(created)d created, %(updated)d updated, %(unchanged)d unchanged, "
                "%(failed)d not imported."
            )
            % InterpolImport.notice_counts(report),
        )
        return self._render(staged, report)
