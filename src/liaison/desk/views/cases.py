"""Pages of fugitive cases: list, page, create and edit, transitions, timeline notes and documents."""

from __future__ import annotations

from typing import Any

from django.forms import BaseForm
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from liaison.core import access, registry
from liaison.core.views import ChildPostView, RestrictedListView, StoredDocumentView, form_errors, transition_choices
from liaison.desk import access as desk_access
from liaison.desk import actions, filters, tables, workflow
from liaison.desk.choices import CaseStatus, NoticeOutcome
from liaison.desk.forms import CaseDocumentForm, CaseForm, CaseNoteForm, CaseTransitionForm
from liaison.desk.models import CaseDocument, FugitiveCase, Notice
from liaison.desk.views.base import DeskDetail, DeskForm
from liaison.people.models import Person


class FugitiveCaseList(RestrictedListView):
    model = FugitiveCase
    table = tables.CASE_TABLE
    filterset_class = filters.FugitiveCasePageFilter
    url_prefix = "fugitive_case"

    def base_queryset(self) -> Any:
        return FugitiveCase.objects.select_related("person", "partner")


class FugitiveCaseDetail(DeskDetail):
    model = FugitiveCase
    url_prefix = "fugitive_case"
    template_name = "desk/fugitive_case_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        case = self.object
        today = timezone.localdate()
        ack_late = case.acknowledged_on is None and case.acknowledge_by is not None and case.acknowledge_by < today
        report_late = case.next_report_due is not None and case.next_report_due < today
        is_open = case.status not in workflow.CASE_FINAL
        transitions = transition_choices(workflow.CASE, case, CaseStatus.choices)
        notice = case.notice
        if notice is not None and notice.owner_id == case.owner_id and notice.status in workflow.NOTICE_LIVE:
            for choice in transitions:  # a handover or an ending says what becomes of the own notice
                if choice["to"] in workflow.CASE_NOTICE_OUTCOME:
                    choice["notice_asked"] = True
                    choice["notice_default"] = workflow.CASE_NOTICE_OUTCOME[choice["to"]] or ""
        user = self.request.user
        context.update(
            # Through the access policy: the partner reads the entries meant for it, and no document.
            events=access.restrict(case.events.select_related("actor"), user),
            documents=access.restrict(case.documents.select_related("added_by"), user),
            partner_view=desk_access.partner_view(case, user),
            transitions=transitions,
            note_form=CaseNoteForm(),
            notice_outcomes=NoticeOutcome.choices,
            notice_visible=case.notice_id is not None
            and access.restrict(Notice.objects.filter(pk=case.notice_id), self.request.user).exists(),
            ack_late=is_open and ack_late and case.status == CaseStatus.RECEIVED,
            ack_pending=is_open and case.acknowledged_on is None and case.acknowledge_by is not None,
            ack_met_late=case.acknowledged_on is not None
            and case.acknowledge_by is not None
            and case.acknowledged_on > case.acknowledge_by,
            report_late=is_open and report_late,
            is_open=is_open,
            record_panels=registry.shown_record_panels(self.request, case),  # e.g. legal requests, messages
        )
        return context


class FugitiveCaseCreate(DeskForm):
    model = FugitiveCase
    access_action = access.ADD
    form_class = CaseForm
    url_prefix = "fugitive_case"
    template_name = "desk/notice_form.html"
    action = staticmethod(actions.do_create_case)

    def get_initial(self) -> dict[str, Any]:
        initial = super().get_initial()
        for name, model in (("person", Person), ("notice", Notice)):
            value = self.request.GET.get(name, "")
            if value.isdigit() and access.restrict(model.objects.filter(pk=value), self.request.user).exists():
                initial[name] = int(value)
        if "notice" in initial and "person" not in initial:
            initial["person"] = Notice.objects.get(pk=initial["notice"]).person_id
        return initial

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs["person_query"] = self.request.GET.get("person_q", "")
        return kwargs

    def run_action(self, form: BaseForm) -> Any:
        assert isinstance(form, CaseForm)
        return actions.do_create_case(form.case_data(), note=form.cleaned_data.get("note", ""), actor=self.request.user)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["person_q"] = self.request.GET.get("person_q", "")
        return context


class FugitiveCaseEdit(DeskForm):
    model = FugitiveCase
    access_action = access.CHANGE
    form_class = CaseForm
    url_prefix = "fugitive_case"
    action = staticmethod(actions.do_update_case)

    def run_action(self, form: BaseForm) -> Any:
        assert isinstance(form, CaseForm)
        return actions.do_update_case(self.object, form.case_data(), actor=self.request.user)


class FugitiveCaseTransition(ChildPostView):
    model = FugitiveCase
    url_prefix = "fugitive_case"

    def handle(self, request: HttpRequest, obj: Any) -> str:
        form = CaseTransitionForm(request.POST)
        if not form.is_valid():
            raise form_errors(form)
        data = form.cleaned_data
        actions.do_transition_case(
            obj, data["to"], note=data["note"], place=data["place"], occurred_at=data["occurred_at"],
            notice_outcome=data["notice_outcome"], actor=request.user,
        )  # fmt: skip
        return _("Status changed to %(status)s.") % {"status": obj.get_status_display()}


class FugitiveCaseNote(ChildPostView):
    model = FugitiveCase
    url_prefix = "fugitive_case"

    def handle(self, request: HttpRequest, obj: Any) -> str:
        form = CaseNoteForm(request.POST)
        if not form.is_valid():
            raise form_errors(form)
        data = form.cleaned_data
        event = actions.do_add_case_note(
            obj, kind=data["kind"], note=data["note"], place=data["place"], actor=request.user
        )
        return _("Added to the timeline: %(kind)s.") % {"kind": event.get_kind_display()}


class FugitiveCaseDocumentAdd(DeskForm):
    model = FugitiveCase
    access_action = access.CHANGE
    form_class = CaseDocumentForm
    url_prefix = "fugitive_case"

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs.pop("instance", None)
        kwargs.pop("actor", None)
        return kwargs

    def run_action(self, form: BaseForm) -> Any:
        data = form.cleaned_data
        actions.do_add_case_document(
            self.object, data["file"], kind=data["kind"], title=data["title"], dated=data["dated"],
            actor=self.request.user,
        )  # fmt: skip
        return self.object

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["title"] = _("Add a document to %(case)s") % {"case": self.object.reference}
        context["multipart"] = True
        return context


class FugitiveCaseDocumentFile(StoredDocumentView):
    """The stored file of a case document, for whoever may see the case."""

    model = CaseDocument
    parent_url_name = "fugitive_case_detail"
    parent_field = "case_id"
