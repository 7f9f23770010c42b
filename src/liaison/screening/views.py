"""Pages of screening: uploads and their runs, upload, column mapping with a preview, a run's live progress and
its ranked hits with the decide form. Every page derives from the core base views (access applies centrally); every
write goes through screening/actions.py."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views import View, generic

from liaison.core import access
from liaison.core.views import (
    RestrictedDetailView,
    RestrictedListView,
    RestrictedMixin,
    add_errors,
    error_messages,
)
from liaison.people import explain
from liaison.people.models import Person, PersonName
from liaison.screening import actions, reading, tables
from liaison.screening.filters import ScreeningListFilter
from liaison.screening.forms import DecideForm, MappingForm, StartRunForm, UploadForm
from liaison.screening.mapping import FIELD_LABELS, FIELDS, SHORT_LABELS, is_usable
from liaison.screening.models import Decision, Hit, ScreeningList, ScreeningRun

HITS_PER_PAGE = 25
BAD_ROWS_SHOWN = 200
POLL_SECONDS = 1


def _mapping_rows(screening_list: ScreeningList) -> list[dict[str, Any]]:
    rows = []
    for key in FIELDS:
        value = screening_list.mapping.get(key)
        if value:
            rows.append({"label": FIELD_LABELS[key], "columns": value if isinstance(value, list) else [value]})
    return rows


def _preview(screening_list: ScreeningList) -> tuple[list[tuple[int, list[str]]], str]:
    """The first rows of the stored file, or ([], why not)."""
    try:
        with screening_list.file.open("rb") as handle:
            info = reading.locate_header(handle, screening_list.original_name, encoding=screening_list.encoding)
            return reading.preview(handle, info), ""
    except (OSError, ValueError) as error:
        return [], _("The stored file cannot be read: %(error)s") % {"error": error}


# --- lists -------------------------------------------------------------------------------------------------
class ScreeningListList(RestrictedListView):
    model = ScreeningList
    table = tables.SCREENING_LIST_TABLE
    filterset_class = ScreeningListFilter
    url_prefix = "screening_list"
    template_name = "screening/list_list.html"

    def base_queryset(self) -> Any:
        return ScreeningList.objects.select_related("uploaded_by").prefetch_related(
            Prefetch("runs", queryset=ScreeningRun.objects.order_by("-created_at", "-pk"))
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["recent_runs"] = access.restrict(
            ScreeningRun.objects.select_related("screening_list", "requested_by"), self.request.user
        ).order_by("-created_at", "-pk")[:10]
        return context


class ScreeningListCreate(RestrictedMixin, generic.FormView):  # type: ignore[type-arg]
    model = ScreeningList
    access_action = access.ADD
    form_class = UploadForm
    template_name = "screening/list_upload.html"

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs["actor"] = self.request.user
        return kwargs

    def form_valid(self, form: UploadForm) -> HttpResponse:
        data = form.cleaned_data
        try:
            screening_list = actions.do_upload_list(
                data["file"], name=data["name"], kind=data["kind"], encoding=data["encoding"], actor=self.request.user
            )
        except ValidationError as error:
            add_errors(form, error)
            return self.form_invalid(form)
        except PermissionDenied:
            raise Http404 from None
        messages.success(
            self.request,
            _("Stored %(file)s: %(rows)s rows, %(columns)s columns. Check which column holds what.")
            % {
                "file": screening_list.original_name,
                "rows": screening_list.row_count,
                "columns": len(screening_list.columns),
            },
        )
        return HttpResponseRedirect(reverse("screening_list_map", kwargs={"pk": screening_list.pk}))


class ScreeningListDetail(RestrictedDetailView):
    model = ScreeningList
    url_prefix = "screening_list"
    template_name = "screening/list_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        screening_list = self.object
        context.update(
            runs=screening_list.runs.select_related("requested_by").order_by("-created_at", "-pk"),
            mapping_rows=_mapping_rows(screening_list),
            mapping_usable=is_usable(screening_list.mapping),
            start_form=StartRunForm(),
            run_active=screening_list.runs.filter(status__in=actions.ACTIVE_RUN_STATES).exists(),
        )
        return context


class ScreeningListMap(RestrictedMixin, generic.FormView):  # type: ignore[type-arg]
    """The column-mapping step: the guess (or the saved mapping) preselected, the first rows shown."""

    model = ScreeningList
    access_action = access.CHANGE
    template_name = "screening/list_map.html"
    form_class = MappingForm
    object: Any = None

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        if request.user.is_authenticated:
            self.object = self.get_object()
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs["columns"] = list(self.object.columns)
        return kwargs

    def get_initial(self) -> dict[str, Any]:
        return dict(self.object.mapping)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        rows, problem = _preview(self.object)
        context.update(object=self.object, preview_rows=rows, preview_problem=problem, columns=self.object.columns)
        return context

    def form_valid(self, form: MappingForm) -> HttpResponse:
        try:
            actions.do_map_list(self.object, form.mapping(), actor=self.request.user)
            if "start" in self.request.POST:
                run = actions.do_start_run(self.object, actor=self.request.user)
                messages.success(self.request, _("Mapping saved; the screening is queued."))
                return HttpResponseRedirect(reverse("screening_run_detail", kwargs={"pk": run.pk}))
        except ValidationError as error:
            add_errors(form, error)
            return self.form_invalid(form)
        except PermissionDenied:
            raise Http404 from None
        messages.success(self.request, _("Mapping saved."))
        return HttpResponseRedirect(reverse("screening_list_detail", kwargs={"pk": self.object.pk}))


class ScreeningListDelete(RestrictedMixin, generic.TemplateView):
    model = ScreeningList
    access_action = access.DELETE
    template_name = "screening/list_delete.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["object"] = self.get_object()
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        screening_list = self.get_object()
        try:
            actions.do_delete_list(screening_list, actor=request.user)
        except ValidationError as error:
            for text in error_messages(error):
                messages.error(request, text)
            return HttpResponseRedirect(reverse("screening_list_detail", kwargs={"pk": screening_list.pk}))
        except PermissionDenied:
            raise Http404 from None
        messages.success(request, _("Removed: %(object)s") % {"object": screening_list})
        return HttpResponseRedirect(reverse("screening_list_list"))


class ScreeningListRun(RestrictedMixin, View):
    """The "Screen now" button of a list."""

    model = ScreeningList
    access_action = access.CHANGE

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        screening_list = self.get_object()
        form = StartRunForm(request.POST)
        if not form.is_valid():
            for field, errors in form.errors.items():
                for error in errors:
                    label = form.fields[field].label if field in form.fields else ""
                    messages.error(request, f"{label}: {error}" if label else str(error))
            return HttpResponseRedirect(reverse("screening_list_detail", kwargs={"pk": screening_list.pk}))
        try:
            run = actions.do_start_run(screening_list, threshold=form.cleaned_data["threshold"], actor=request.user)
        except ValidationError as error:
            for text in error_messages(error):
                messages.error(request, text)
            return HttpResponseRedirect(reverse("screening_list_detail", kwargs={"pk": screening_list.pk}))
        except PermissionDenied:
            raise Http404 from None
        messages.success(request, _("The screening is queued."))
        return HttpResponseRedirect(reverse("screening_run_detail", kwargs={"pk": run.pk}))


# --- runs --------------------------------------------------------------------------------------------------
def _progress_context(run: ScreeningRun, user: Any) -> dict[str, Any]:
    active = run.status in actions.ACTIVE_RUN_STATES
    return {
        "run": run,
        "active": active,
        "can_cancel": active
        and run.owner_id == getattr(user, "agency_id", None)
        and access.can(user, ScreeningRun, access.CHANGE),
        "poll_seconds": POLL_SECONDS,
        "progress_url": reverse("screening_run_progress", kwargs={"pk": run.pk}),
    }


def _decorate(hits: list[Hit], user: Any) -> list[dict[str, Any]]:
    earlier = actions.remembered(hits)
    visible_persons = set(
        access.restrict(Person.objects.filter(pk__in={hit.person_id for hit in hits}), user).values_list(
            "pk", flat=True
        )
    )
    out = []
    for hit in hits:
        out.append(
            {
                "hit": hit,
                "names": list(hit.person.names.all()),
                "person_visible": hit.person_id in visible_persons,
                "evidence": explain.evidence_items(hit.explanation),
                "strength": explain.score_words(hit.score),
                "earlier": earlier.get(hit.pk),
                "listed": [
                    (FIELD_LABELS.get(key, key), value) for key, value in (hit.row or {}).items() if key != "names"
                ],
            }
        )
    return out


class ScreeningRunDetail(RestrictedDetailView):
    model = ScreeningRun
    url_prefix = "screening_run"
    template_name = "screening/run_detail.html"

    def base_queryset(self) -> Any:
        return ScreeningRun.objects.select_related("screening_list", "requested_by")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        run = self.object
        decision = self.request.GET.get("decision", "")
        if decision not in Decision.values:
            decision = ""
        hits = (
            access.restrict(Hit.objects.filter(run=run), self.request.user)
            .select_related("person", "notice", "case", "decided_by", "run")
            .prefetch_related(Prefetch("person__names", queryset=PersonName.objects.order_by("-is_primary", "pk")))
            .order_by("-score", "row_number", "pk")
        )
        counts = dict(hits.values_list("decision").annotate(n=Count("pk")).order_by())
        if decision:
            hits = hits.filter(decision=decision)
        page = Paginator(hits, HITS_PER_PAGE).get_page(self.request.GET.get("page"))
        can_decide = access.can(self.request.user, Hit, access.CHANGE)
        context.update(
            _progress_context(run, self.request.user),
            decision=decision,
            decisions=[
                {"value": value, "label": label, "count": counts.get(value, 0)} for value, label in Decision.choices
            ],
            total_hits=sum(counts.values()),
            page_obj=page,
            hits=_decorate(list(page.object_list), self.request.user),
            can_decide=can_decide and run.owner_id == getattr(self.request.user, "agency_id", None),
            decide_choices=[(d, Decision(d).label) for d in actions.DECISIONS],
            bad_rows=[
                {**problem, "label": SHORT_LABELS.get(problem.get("field", ""), problem.get("field", ""))}
                for problem in run.bad_rows[:BAD_ROWS_SHOWN]
            ],
            bad_rows_more=max(0, run.bad_row_count - min(len(run.bad_rows), BAD_ROWS_SHOWN)),
            page_query=urlencode({"decision": decision}) if decision else "",
        )
        return context


class ScreeningRunProgress(RestrictedDetailView):
    """The progress bar (an htmx fragment polled while the run is queued or running). When a polled run ends,
    the answer tells htmx to reload the page, which then shows the hits."""

    model = ScreeningRun
    url_prefix = "screening_run"
    template_name = "screening/_run_progress.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(_progress_context(self.object, self.request.user))
        return context

    def render_to_response(self, context: dict[str, Any], **kwargs: Any) -> HttpResponse:
        response = super().render_to_response(context, **kwargs)
        if getattr(self.request, "htmx", False) and not context["active"] and self.request.GET.get("polling"):
            response["HX-Refresh"] = "true"
        return response


class ScreeningRunCancel(RestrictedMixin, View):
    """The "Cancel the run" button of a queued or running run: the worker stops at its next commit point."""

    model = ScreeningRun
    access_action = access.CHANGE

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        run = self.get_object()
        back = HttpResponseRedirect(reverse("screening_run_detail", kwargs={"pk": run.pk}))
        try:
            cancelled = actions.do_cancel_run(run, actor=request.user)
        except ValidationError as error:
            for text in error_messages(error):
                messages.error(request, text)
            return back
        except PermissionDenied:
            raise Http404 from None
        messages.success(
            request,
            _("The run is cancelled at row %(done)s of %(total)s; the hits found so far are kept.")
            % {"done": cancelled.rows_done, "total": cancelled.rows_total},
        )
        return back


class HitDecide(RestrictedMixin, View):
    """The decide buttons of a hit (confirmed / not the person / unsure) with the reason box."""

    model = Hit
    access_action = access.CHANGE

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        hit = self.get_object()
        back = reverse("screening_run_detail", kwargs={"pk": hit.run_id})
        decision_filter = request.POST.get("filter", "")
        if decision_filter in Decision.values:
            back += "?" + urlencode({"decision": decision_filter})
        back += f"#hit-{hit.pk}"
        form = DecideForm(request.POST)
        if not form.is_valid():
            for field, errors in form.errors.items():
                label = form.fields[field].label or field
                for error in errors:
                    messages.error(request, f"{label}: {error}")
            return HttpResponseRedirect(back)
        try:
            decided = actions.do_decide_hit(
                hit, form.cleaned_data["decision"], reason=form.cleaned_data["reason"], actor=request.user
            )
        except ValidationError as error:
            for text in error_messages(error):
                messages.error(request, text)
            return HttpResponseRedirect(back)
        except PermissionDenied:
            raise Http404 from None
        outcome = getattr(decided, "case_outcome", "")
        text = _("Row %(row)s: %(decision)s.") % {"row": decided.row_number, "decision": decided.get_decision_display()}
        if outcome == "opened":
            text += " " + _("Fugitive case %(case)s opened; the person is marked located.") % {
                "case": decided.case.reference  # type: ignore[union-attr]
            }
        elif outcome == "updated":
            text += " " + _("Fugitive case %(case)s updated.") % {"case": decided.case.reference}  # type: ignore[union-attr]
        elif outcome == "no_partner":
            messages.warning(
                request,
                _(
                    "No fugitive case was opened: the notice is this agency's own and shared with no partner. "
                    "Open the case from the notice."
                ),
            )
        messages.success(request, text)
        return HttpResponseRedirect(back)
