"""Base page views. Every page that shows records derives from these, so `access.restrict` is applied by
the base class, never by the page itself (tests/test_access_enumeration.py fails a page that does not).
Writes go through the domain action each view names."""

from __future__ import annotations

import csv
from collections.abc import Callable
from io import BytesIO
from typing import Any, ClassVar
from urllib.parse import urlencode

import django_filters
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.forms import BaseForm
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseRedirect,
    StreamingHttpResponse,
)
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.utils.encoding import force_str
from django.utils.translation import gettext as _
from django.views import generic

from liaison.core import access, reads
from liaison.core.filters import guard_integer_filters, label_any
from liaison.core.models import ReadEvent
from liaison.core.tables import Table, export_cell, xlsx_cell


# --- shared by every app's pages ------------------------------------------------------------------------
def error_messages(error: ValidationError) -> list[str]:
    """Every message of a validation error (field errors included), for messages on a page."""
    return [str(message) for message in error.messages]


def add_errors(form: BaseForm, error: ValidationError) -> None:
    """Put an action's validation error on the form: on its field where the form has one, else on the form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def form_errors(form: Any) -> ValidationError:
    """A bound form's errors as one ValidationError whose messages name their field."""
    texts = []
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        texts += [f"{label}: {error}" if label else str(error) for error in errors]
    return ValidationError(texts)


def transition_choices(flow: Any, obj: Any, choices: Any) -> list[dict[str, Any]]:
    """The states a record may move to next (core.workflow.Workflow), in the order of the choice list, each
    saying whether it needs a reason."""
    labels = dict(choices)
    order = list(labels)
    return [
        {"to": to, "label": labels.get(to, to), "reason": to in flow.reason_required}
        for to in sorted(flow.allowed(obj.status), key=lambda state: order.index(state) if state in order else 99)
    ]


class RestrictedMixin(LoginRequiredMixin):
    """The page's records: `access.restrict(base queryset, user, access_action)`."""

    model: Any  # a Django model class; Any because the generic views declare it Optional
    access_action: ClassVar[str] = access.VIEW
    request: HttpRequest

    def base_queryset(self) -> models.QuerySet[Any]:
        queryset: models.QuerySet[Any] = self.model._default_manager.all()
        return queryset

    def get_queryset(self) -> models.QuerySet[Any]:
        return access.restrict(self.base_queryset(), self.request.user, self.access_action)

    def get_object(self, queryset: models.QuerySet[Any] | None = None) -> Any:
        qs = queryset if queryset is not None else self.get_queryset()
        return access.get_for(qs, self.request.user, self.access_action, pk=self.kwargs["pk"])  # type: ignore[attr-defined]

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        if request.user.is_authenticated and not access.can(request.user, self.model, self.access_action):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context: dict[str, Any] = super().get_context_data(**kwargs)  # type: ignore[misc]
        meta = self.model._meta
        context.update(
            verbose_name=meta.verbose_name,
            verbose_name_plural=meta.verbose_name_plural,
            can_add=access.can(self.request.user, self.model, access.ADD),
            can_change=access.can(self.request.user, self.model, access.CHANGE),
            can_delete=access.can(self.request.user, self.model, access.DELETE),
            url_prefix=getattr(self, "url_prefix", ""),
        )
        return context


class RestrictedListView(RestrictedMixin, generic.ListView):  # type: ignore[type-arg]
    """List with filters (django-filter), sort (?sort=col / -col), pagination and CSV / XLSX export."""

    table: ClassVar[Table]
    filterset_class: ClassVar[Any] = None
    url_prefix: ClassVar[str]
    paginate_by = 25
    template_name = "core/list.html"
    export_name: ClassVar[str] = ""
    # The filter holding the full-text search whose matches the detail page marks: while the list is searched, its
    # links to the records carry `?q=...` (core.fulltext.highlight, the template filter `highlight`).
    highlight_filter: ClassVar[str] = ""

    def highlight_query(self) -> str:
        """The searched text the pages mark ("" when the list is not searched or marks nothing)."""
        filterset = getattr(self, "filterset", None)
        if not self.highlight_filter or filterset is None or not filterset.is_valid():
            return ""
        return str(filterset.form.cleaned_data.get(self.highlight_filter) or "")

    def get_queryset(self) -> models.QuerySet[Any]:
        qs = super().get_queryset()
        self.filterset = (
            label_any(guard_integer_filters(self.filterset_class(self.request.GET, queryset=qs, request=self.request)))
            if self.filterset_class
            else None
        )
        if self.filterset is not None:
            qs = self.filterset.qs if self.filterset.is_valid() else qs.none()
        self.sort_value, ordering = self.table.ordering(self.request.GET.get("sort"))
        return qs.order_by(ordering, "pk")

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        export = request.GET.get("export")
        if export in {"csv", "xlsx"}:
            return self.export(export)
        response = super().get(request, *args, **kwargs)
        if reads.is_personal(self.model) and self.searched_text():
            reads.record_read(
                request.user,
                ReadEvent.SEARCH,
                model=self.model,
                terms=reads.search_terms(request.GET),
                count=self._result_count(),
            )
        return response

    def searched_text(self) -> bool:
        """Whether the list is filtered by free text (a name, a number): a search of its records."""
        filterset = getattr(self, "filterset", None)
        if filterset is None or not filterset.is_valid():
            return False
        return any(
            isinstance(filter_, django_filters.CharFilter) and filterset.form.cleaned_data.get(name)
            for name, filter_ in filterset.filters.items()
        )

    def _result_count(self) -> int | None:
        paginator = getattr(self, "_read_paginator", None)
        return paginator.count if paginator is not None else None

    def paginate_queryset(self, queryset: Any, page_size: int) -> Any:
        paginated = super().paginate_queryset(queryset, page_size)
        self._read_paginator = paginated[0]
        return paginated

    def export(self, kind: str) -> HttpResponse:
        qs = self.get_queryset()
        if reads.is_personal(self.model):
            reads.record_read(
                self.request.user,
                ReadEvent.EXPORT,
                model=self.model,
                terms=reads.search_terms(self.request.GET) | {"format": kind},
                count=qs.count(),
            )
        header = [force_str(column.label) for column in self.table.columns]
        name = self.export_name or str(self.model._meta.verbose_name_plural).replace(" ", "-")
        rows = (
            [export_cell(value) for value in values] for _obj, values in self.table.rows(qs.iterator(chunk_size=500))
        )
        if kind == "csv":

            class Echo:
                def write(self, value: str) -> str:
                    return value

            writer = csv.writer(Echo())
            stream = (writer.writerow(row) for row in _prepend([export_cell(label) for label in header], rows))
            response: HttpResponse = StreamingHttpResponse(_bom(stream), content_type="text/csv; charset=utf-8")  # type: ignore[assignment]
            response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
            return response
        from openpyxl import Workbook

        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(title=str(name)[:31])
        sheet.append([export_cell(label) for label in header])
        for row in rows:
            sheet.append([xlsx_cell(value) for value in row])
        buffer = BytesIO()
        workbook.save(buffer)
        response = HttpResponse(
            buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
        return response

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("page", None)
        query.pop("sort", None)
        headers = []
        for column in self.table.columns:
            sort_link = None
            direction = ""
            if column.sort:
                if self.sort_value == column.name:
                    direction, target = "asc", f"-{column.name}"
                elif self.sort_value == f"-{column.name}":
                    direction, target = "desc", column.name
                else:
                    target = column.name
                params = query.copy()
                params["sort"] = target
                sort_link = "?" + params.urlencode()
            headers.append({"label": column.label, "sort_link": sort_link, "direction": direction})
        page_query = self.request.GET.copy()
        page_query.pop("page", None)
        paginator = context.get("paginator")
        context.update(
            total=paginator.count if paginator is not None else len(context["object_list"]),
            table=self.table,
            headers=headers,
            rows=self.table.rows(context["object_list"]),
            link_column=next((i for i, c in enumerate(self.table.columns) if c.link), None),
            nowrap_columns=[i for i, c in enumerate(self.table.columns) if c.nowrap],
            detail_query=("?" + urlencode({"q": highlight})) if (highlight := self.highlight_query()) else "",
            filter=self.filterset,
            page_query=page_query.urlencode(),
            export_query=self.request.GET.urlencode(),
        )
        return context


def _bom(stream: Any) -> Any:
    yield "\ufeff"  # Excel opens UTF-8 CSV correctly only with a byte-order mark
    yield from stream


def _prepend(first: list[Any], rest: Any) -> Any:
    yield first
    yield from rest


class RestrictedDetailView(RestrictedMixin, generic.DetailView):  # type: ignore[type-arg]
    """A record's page; opening one of personal data is recorded in the read log (core/reads.py)."""

    url_prefix: ClassVar[str]

    def render_to_response(self, context: dict[str, Any], **response_kwargs: Any) -> HttpResponse:
        response = super().render_to_response(context, **response_kwargs)
        record = context.get("object")
        if isinstance(record, models.Model):
            reads.record_read(self.request.user, ReadEvent.VIEW, obj=record)
        return response


class ActionFormView(RestrictedMixin, generic.FormView):  # type: ignore[type-arg]
    """Create (no pk) or edit (pk) through a domain action; form errors and action validation errors show
    on the form, nothing is written on error."""

    form_class: Any
    url_prefix: ClassVar[str]
    template_name = "core/form.html"
    action: ClassVar[Callable[..., Any]]
    object: Any = None

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        if "pk" in kwargs and request.user.is_authenticated:
            self.object = self.get_object()
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        if self.object is not None:
            kwargs["instance"] = self.object
        kwargs["actor"] = self.request.user
        return kwargs

    def run_action(self, form: BaseForm) -> Any:
        data = dict(form.cleaned_data)
        if self.object is not None:
            return type(self).action(self.object, data, actor=self.request.user)
        return type(self).action(data, actor=self.request.user)

    def form_valid(self, form: BaseForm) -> HttpResponse:
        try:
            result = self.run_action(form)
        except ValidationError as error:
            add_errors(form, error)
            return self.form_invalid(form)
        except PermissionDenied:
            raise Http404 from None
        messages.success(self.request, _("Saved: %(object)s") % {"object": result})
        return HttpResponseRedirect(self.get_success_url_for(result))

    def get_success_url_for(self, result: Any) -> str:
        return reverse(f"{self.url_prefix}_detail", kwargs={"pk": result.pk})

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["object"] = self.object
        return context


class ChildPostView(RestrictedMixin, generic.View):
    """A POST from a record's page (transition, review, child record): the record is looked up with CHANGE
    access (another agency's is a 404), `handle` runs the action, and its errors come back as messages on the
    record's page."""

    access_action = access.CHANGE
    url_prefix: ClassVar[str]

    def redirect_to(self, obj: Any) -> HttpResponse:
        return HttpResponseRedirect(reverse(f"{self.url_prefix}_detail", kwargs={"pk": obj.pk}))

    def handle(self, request: HttpRequest, obj: Any) -> str:
        raise NotImplementedError

    def success_redirect(self, obj: Any) -> HttpResponse:
        """Where the officer goes after `handle` succeeded: back to the record unless a view says otherwise."""
        return self.redirect_to(obj)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        obj = self.get_object()
        try:
            message = self.handle(request, obj)
        except ValidationError as error:
            for text in error_messages(error):
                messages.error(request, text)
            return self.redirect_to(obj)
        except PermissionDenied:
            raise Http404 from None
        messages.success(request, message)
        return self.success_redirect(obj)


def stored_file_response(document: Any) -> FileResponse | None:
    """A stored document (``file`` and ``original_name`` fields) as an attachment, or None when its file is
    missing from storage (a restored database without its media, a removed volume)."""
    try:
        handle = document.file.open("rb")
    except (FileNotFoundError, OSError, ValueError):
        return None
    return FileResponse(handle, as_attachment=True, filename=document.original_name)


class StoredDocumentView(RestrictedMixin, generic.View):
    """The stored file of a document, for whoever may see it; when the file is missing, the record it belongs
    to (``parent_url_name`` with the document's ``parent_field``) is shown with a message instead."""

    parent_url_name: ClassVar[str]
    parent_field: ClassVar[str]

    def get(self, request: HttpRequest, pk: int) -> HttpResponseBase:
        document = self.get_object()
        response = stored_file_response(document)
        if response is not None:
            reads.record_read(request.user, ReadEvent.DOWNLOAD, obj=document)
        if response is None:
            messages.error(request, _("The stored file of this document is missing; ask the node administrator."))
            return HttpResponseRedirect(
                reverse(self.parent_url_name, kwargs={"pk": getattr(document, self.parent_field)})
            )
        return response


class ActionDeleteView(RestrictedMixin, generic.TemplateView):
    access_action = access.DELETE
    template_name = "core/confirm_delete.html"
    url_prefix: ClassVar[str]
    action: ClassVar[Callable[..., Any]]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["object"] = self.get_object()
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        obj = self.get_object()
        try:
            type(self).action(obj, actor=request.user)
        except models.ProtectedError:
            messages.error(request, _("%(object)s is still in use and cannot be removed.") % {"object": obj})
            return HttpResponseRedirect(reverse(f"{self.url_prefix}_detail", kwargs={"pk": obj.pk}))
        messages.success(request, _("Removed: %(object)s") % {"object": obj})
        return HttpResponseRedirect(reverse(f"{self.url_prefix}_list"))


# --- error pages in the application's look ---------------------------------------------------------------
def error_403(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/403.html", status=403)


def error_404(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/404.html", status=404)


def error_500(request: HttpRequest) -> HttpResponse:
    return render(request, "errors/500.html", status=500)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return render(request, "errors/403_csrf.html", status=403)
