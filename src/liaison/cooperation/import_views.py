"""Import pages: upload (kind and file), preview with errors by row and column, confirm (all rows or none).
The parsed rows wait in the session between the steps, never on disk (core/importing.py keeps them)."""

from __future__ import annotations

import csv
import io
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View, generic

from liaison.cooperation import importing
from liaison.cooperation.models import Agreement
from liaison.core import access
from liaison.core import importing as staging
from liaison.core.views import RestrictedMixin

SESSION_KEY = "cooperation.import"


class ImportForm(forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("What the file holds"),
        choices=[(key, spec["label"]) for key, spec in importing.KINDS.items()],
    )
    file = forms.FileField(
        label=gettext_lazy("File"),
        help_text=gettext_lazy("CSV (in any common encoding) or XLSX; the first row names the columns."),
    )


def _kinds() -> list[dict[str, Any]]:
    return [{"key": key, "label": spec["label"], "columns": spec["columns"]} for key, spec in importing.KINDS.items()]


class ImportBase(RestrictedMixin):
    model = Agreement  # importing creates cooperation records: the same permission as adding one
    access_action = access.ADD


class ImportUploadView(ImportBase, generic.FormView):  # type: ignore[type-arg]
    form_class = ImportForm
    template_name = "cooperation/import_upload.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["kinds"] = _kinds()
        return context

    def form_valid(self, form: ImportForm) -> HttpResponse:
        upload = form.cleaned_data["file"]
        kind = form.cleaned_data["kind"]
        try:
            table = importing.read(upload.name[:200], upload.read(importing.MAX_BYTES + 1), kind)
        except importing.ImportError_ as error:
            form.add_error("file", str(error))
            return self.form_invalid(form)
        staging.stage(self.request.session, SESSION_KEY, importing.stage_table(kind, table))
        return HttpResponseRedirect(reverse("import_preview"))


class ImportPreviewView(ImportBase, View):
    template_name = "cooperation/import_preview.html"

    def _stored(self) -> staging.Staged | None:
        stored = staging.staged(self.request.session, SESSION_KEY)
        return stored if stored is not None and stored.options.get("kind") in importing.KINDS else None

    def _render(self, stored: staging.Staged, report: staging.Report) -> HttpResponse:
        kind = stored.options["kind"]
        columns = importing.column_names(kind)
        context = {
            "kind": kind,
            "kind_label": importing.KINDS[kind]["label"],
            "file": stored.files[0] if stored.files else "",
            "columns": columns,
            "rows": [{"row": e.row, "cells": [e.record["values"].get(c, "") for c in columns]} for e in report.entries],
            "errors": report.errors,
            "ok": report.ok,
        }
        return render(self.request, self.template_name, context)

    def get(self, request: HttpRequest) -> HttpResponse:
        stored = self._stored()
        if stored is None:
            return HttpResponseRedirect(reverse("import_upload"))
        return self._render(stored, importing.preview(stored, request.user))

    def post(self, request: HttpRequest) -> HttpResponse:
        stored = self._stored()
        if stored is None:
            return HttpResponseRedirect(reverse("import_upload"))
        try:
            report = importing.apply(stored, request.user)
        except importing.RowsInvalid as invalid:
            messages.error(request, _("Nothing was imported: correct the errors and upload the file again."))
            return self._render(stored, invalid.result)
        staging.unstage(request.session, SESSION_KEY)
        messages.success(request, _("Imported %(count)d records.") % {"count": len(report.entries)})
        return HttpResponseRedirect(reverse("import_upload"))


class ImportTemplateView(ImportBase, View):
    """An empty file with the column names of one kind: ?kind=agreements&format=csv (or xlsx)."""

    def get(self, request: HttpRequest) -> HttpResponse:
        kind = request.GET.get("kind", "")
        if kind not in importing.KINDS:
            return HttpResponseRedirect(reverse("import_upload"))
        rows = importing.template_rows(kind)
        if request.GET.get("format") == "xlsx":
            from openpyxl import Workbook

            workbook = Workbook()
            sheet = workbook.active
            assert sheet is not None
            for row in rows:
                sheet.append(row)
            buffer = io.BytesIO()
            workbook.save(buffer)
            response = HttpResponse(
                buffer.getvalue(),
                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
            response["Content-Disposition"] = f'attachment; filename="liaison-{kind}.xlsx"'
            return response
        text = io.StringIO()
        writer = csv.writer(text)
        for row in rows:
            writer.writerow(row)
        response = HttpResponse(("\ufeff" + text.getvalue()).encode(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="liaison-{kind}.csv"'
        return response
