"""Import pages: upload (kind and file), preview with errors by row and column, confirm (all rows or none).
The parsed rows wait in the session between the steps, never on disk."""

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
from liaison.core.views import RestrictedMixin

SESSION_KEY = "cooperation.import"


class ImportForm(forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("What the file holds"),
        choices=[(key, spec["label"]) for key, spec in importing.KINDS.items()],
    )
    file = forms.FileField(
        label=gettext_lazy("File"), help_text=gettext_lazy("CSV (UTF-8) or XLSX; the first row names the columns.")
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
            rows = importing.parse(upload.name, upload.read())
        except importing.ImportError_ as error:
            form.add_error("file", str(error))
            return self.form_invalid(form)
        records, header_errors = importing.to_records(kind, rows)
        self.request.session[SESSION_KEY] = {
            "kind": kind,
            "file": upload.name[:200],
            "records": records,
            "header_errors": [[e.row, e.field, e.message] for e in header_errors],
        }
        return HttpResponseRedirect(reverse("import_preview"))


class ImportPreviewView(ImportBase, View):
    template_name = "cooperation/import_preview.html"

    def _stored(self) -> dict[str, Any] | None:
        stored = self.request.session.get(SESSION_KEY)
        return stored if isinstance(stored, dict) and stored.get("kind") in importing.KINDS else None

    def _render(self, stored: dict[str, Any], result: importing.Result) -> HttpResponse:
        columns = importing.column_names(stored["kind"])
        context = {
            "kind": stored["kind"],
            "kind_label": importing.KINDS[stored["kind"]]["label"],
            "file": stored["file"],
            "columns": columns,
            "rows": [{"row": r["row"], "cells": [r["values"].get(c, "") for c in columns]} for r in result.rows],
            "errors": result.errors,
            "ok": result.ok,
        }
        return render(self.request, self.template_name, context)

    def get(self, request: HttpRequest) -> HttpResponse:
        stored = self._stored()
        if stored is None:
            return HttpResponseRedirect(reverse("import_upload"))
        header_errors = [importing.RowError(*e) for e in stored["header_errors"]]
        return self._render(stored, importing.validate(stored["kind"], stored["records"], request.user, header_errors))

    def post(self, request: HttpRequest) -> HttpResponse:
        stored = self._stored()
        if stored is None:
            return HttpResponseRedirect(reverse("import_upload"))
        if stored["header_errors"]:
            header_errors = [importing.RowError(*e) for e in stored["header_errors"]]
            return self._render(
                stored, importing.validate(stored["kind"], stored["records"], request.user, header_errors)
            )
        try:
            created = importing.write(stored["kind"], stored["records"], request.user, file_name=stored["file"])
        except importing.RowsInvalid as invalid:
            messages.error(request, _("Nothing was imported: correct the errors and upload the file again."))
            return self._render(stored, invalid.result)
        del request.session[SESSION_KEY]
        messages.success(request, _("Imported %(count)d records.") % {"count": len(created)})
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
