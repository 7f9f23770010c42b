"""Pages of the liaison desk. Every page derives from the core base views, so access applies centrally; every
write goes through desk/actions.py. Only the owning agency changes a notice or case; a partner a notice was
shared with reads it (and its person) under the handling code shown on the page."""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.forms import BaseForm
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from liaison.core import access
from liaison.core.views import (
    ActionDeleteView,
    ActionFormView,
    ChildPostView,
    RestrictedDetailView,
    RestrictedListView,
    StoredDocumentView,
    error_messages,
    form_errors,
    transition_choices,
)
from liaison.desk import actions, filters, tables, workflow
from liaison.desk.choices import CaseStatus, NoticeStatus
from liaison.desk.forms import (
    CaseDocumentForm,
    CaseForm,
    CaseNoteForm,
    CaseTransitionForm,
    NoticeForm,
    NoticeTransitionForm,
    OffenceForm,
    PartnerDeadlinesForm,
    ReviewForm,
    ShareForm,
    UnshareForm,
)
from liaison.desk.models import REVIEW_WARNING_DAYS, CaseDocument, FugitiveCase, Notice, Offence, PartnerDeadlines
from liaison.people.models import Person


def _person_visible(user: Any, person_id: Any) -> bool:
    return access.restrict(Person.objects.filter(pk=person_id), user).exists()


class _Detail(RestrictedDetailView):
    template_name: str

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        is_owner = self.object.owner_id == getattr(self.request.user, "agency_id", None)
        context["is_owner"] = is_owner
        context["can_change"] = context["can_change"] and is_owner
        context["person_visible"] = _person_visible(self.request.user, self.object.person_id)
        return context


class _DeskForm(ActionFormView):
    template_name = "desk/form.html"
    cancel_url: ClassVar[str | None] = None

    def get_cancel_url(self) -> str:
        if self.object is not None:
            return reverse(f"{self.url_prefix}_detail", kwargs={"pk": self.object.pk})
        return reverse(f"{self.url_prefix}_list")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["cancel_url"] = self.get_cancel_url()
        return context


# --- notices ---------------------------------------------------------------------------------------------
class NoticeList(RestrictedListView):
    model = Notice
    table = tables.NOTICE_TABLE
    filterset_class = filters.NoticePageFilter
    url_prefix = "notice"

    def base_queryset(self) -> Any:
        return Notice.objects.select_related("person", "issuing_agency").prefetch_related("offences")


class NoticeDetail(_Detail):
    model = Notice
    url_prefix = "notice"
    template_name = "desk/notice_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        notice = self.object
        user = self.request.user
        context.update(
            offences=notice.offences.all(),
            transitions=transition_choices(workflow.NOTICE, notice, NoticeStatus.choices),
            transition_form=NoticeTransitionForm(),
            review_form=ReviewForm(),
            shares=actions.notice_shares(notice) if context["is_owner"] else None,
            my_share=None if context["is_owner"] else actions.share_for(notice, user.agency_id),  # type: ignore[union-attr]
            cases=access.restrict(notice.cases.select_related("partner"), user),
            review_flag=notice.review_warning,
            review_overdue=notice.review_due_on is not None and notice.review_due_on < timezone.localdate(),
            review_warning_days=REVIEW_WARNING_DAYS,
            can_review=context["can_change"]
            and notice.status in (NoticeStatus.ACTIVE, NoticeStatus.SUSPENDED, NoticeStatus.EXPIRED),
            can_share=context["can_change"] and notice.status in (NoticeStatus.ACTIVE, NoticeStatus.SUSPENDED),
            can_open_case=access.can(user, FugitiveCase, access.ADD),
        )
        return context


class NoticeCreate(_DeskForm):
    model = Notice
    access_action = access.ADD
    form_class = NoticeForm
    url_prefix = "notice"
    template_name = "desk/notice_form.html"
    action = staticmethod(actions.do_create_notice)

    def get_initial(self) -> dict[str, Any]:
        initial = super().get_initial()
        person = self.request.GET.get("person", "")
        if person.isdigit() and _person_visible(self.request.user, person):
            initial["person"] = int(person)
        return initial

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs["person_query"] = self.request.GET.get("person_q", "")
        return kwargs

    def run_action(self, form: BaseForm) -> Any:
        assert isinstance(form, NoticeForm)
        return actions.do_create_notice(form.notice_data(), offences=form.offences(), actor=self.request.user)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["person_q"] = self.request.GET.get("person_q", "")
        return context


class NoticeEdit(_DeskForm):
    model = Notice
    access_action = access.CHANGE
    form_class = NoticeForm
    url_prefix = "notice"
    template_name = "desk/notice_form.html"
    action = staticmethod(actions.do_update_notice)

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs["person_query"] = self.request.GET.get("person_q", "")
        return kwargs

    def run_action(self, form: BaseForm) -> Any:
        assert isinstance(form, NoticeForm)
        return actions.do_update_notice(self.object, form.notice_data(), actor=self.request.user)


class NoticeTransition(ChildPostView):
    model = Notice
    url_prefix = "notice"

    def handle(self, request: HttpRequest, obj: Any) -> str:
        form = NoticeTransitionForm(request.POST)
        if not form.is_valid():
            raise form_errors(form)
        actions.do_transition_notice(obj, form.cleaned_data["to"], note=form.cleaned_data["note"], actor=request.user)
        return _("Status changed to %(status)s.") % {"status": obj.get_status_display()}


class NoticeReview(ChildPostView):
    model = Notice
    url_prefix = "notice"

    def handle(self, request: HttpRequest, obj: Any) -> str:
        form = ReviewForm(request.POST)
        if not form.is_valid():
            raise form_errors(form)
        actions.do_review_notice(
            obj, note=form.cleaned_data["note"], valid_until=form.cleaned_data["valid_until"], actor=request.user
        )
        return _("Review recorded; the next review is due on %(date)s.") % {"date": obj.review_due_on}


class NoticeShare(_DeskForm):
    """Share the notice (and its person) with a partner agency under a handling code."""

    model = Notice
    access_action = access.CHANGE
    form_class = ShareForm
    url_prefix = "notice"
    template_name = "desk/notice_share.html"

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs.pop("instance", None)
        return kwargs

    def run_action(self, form: BaseForm) -> Any:
        data = form.cleaned_data
        actions.do_share_notice(
            self.object, data["agency"], handling_code=data["handling_code"], tlp=data["tlp"], note=data["note"],
            actor=self.request.user,
        )  # fmt: skip
        return self.object

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["shares"] = actions.notice_shares(self.object)
        context["unshare_form"] = UnshareForm()
        return context


class NoticeUnshare(ChildPostView):
    model = Notice
    url_prefix = "notice"

    def handle(self, request: HttpRequest, obj: Any) -> str:
        form = UnshareForm(request.POST)
        if not form.is_valid():
            raise form_errors(form)
        actions.do_unshare_notice(obj, form.cleaned_data["agency"], actor=request.user)
        return _("No longer shared with %(agency)s.") % {"agency": form.cleaned_data["agency"]}


# --- offences --------------------------------------------------------------------------------------------
class OffenceCreate(_DeskForm):
    """Add an offence to a notice (the page of the notice, changed: CHANGE access on the notice)."""

    model = Notice
    access_action = access.CHANGE
    form_class = OffenceForm
    url_prefix = "notice"

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs.pop("instance", None)
        return kwargs

    def run_action(self, form: BaseForm) -> Any:
        actions.do_add_offence({**form.cleaned_data, "notice": self.object}, actor=self.request.user)
        return self.object

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["title"] = _("Add an offence to %(notice)s") % {"notice": self.object}
        return context


class OffenceEdit(_DeskForm):
    model = Offence
    access_action = access.CHANGE
    form_class = OffenceForm
    url_prefix = "notice"
    action = staticmethod(actions.do_update_offence)

    def get_success_url_for(self, result: Any) -> str:
        return reverse("notice_detail", kwargs={"pk": result.notice_id})

    def get_cancel_url(self) -> str:
        return reverse("notice_detail", kwargs={"pk": self.object.notice_id})


class OffenceDelete(ActionDeleteView):
    model = Offence
    url_prefix = "notice"
    template_name = "desk/confirm_delete.html"
    action = staticmethod(actions.do_remove_offence)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["cancel_url"] = reverse("notice_detail", kwargs={"pk": context["object"].notice_id})
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        offence = self.get_object()
        target = reverse("notice_detail", kwargs={"pk": offence.notice_id})
        try:
            actions.do_remove_offence(offence, actor=request.user)
        except ValidationError as error:
            for text in error_messages(error):
                messages.error(request, text)
            return HttpResponseRedirect(target)
        except PermissionDenied:
            raise Http404 from None
        messages.success(request, _("Removed: %(object)s") % {"object": offence})
        return HttpResponseRedirect(target)


# --- fugitive cases --------------------------------------------------------------------------------------
class FugitiveCaseList(RestrictedListView):
    model = FugitiveCase
    table = tables.CASE_TABLE
    filterset_class = filters.FugitiveCasePageFilter
    url_prefix = "fugitive_case"

    def base_queryset(self) -> Any:
        return FugitiveCase.objects.select_related("person", "partner")


class FugitiveCaseDetail(_Detail):
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
        context.update(
            events=case.events.select_related("actor"),
            documents=case.documents.select_related("added_by"),
            transitions=transitions,
            note_form=CaseNoteForm(),
            notice_visible=case.notice_id is not None
            and access.restrict(Notice.objects.filter(pk=case.notice_id), self.request.user).exists(),
            ack_late=is_open and ack_late and case.status == CaseStatus.RECEIVED,
            ack_pending=is_open and case.acknowledged_on is None and case.acknowledge_by is not None,
            report_late=is_open and report_late,
            is_open=is_open,
        )
        return context


class FugitiveCaseCreate(_DeskForm):
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


class FugitiveCaseEdit(_DeskForm):
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
            actor=request.user,
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


class FugitiveCaseDocumentAdd(_DeskForm):
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


# --- partner deadlines -----------------------------------------------------------------------------------
class PartnerDeadlinesList(RestrictedListView):
    model = PartnerDeadlines
    table = tables.PARTNER_DEADLINES_TABLE
    url_prefix = "partner_deadlines"
    template_name = "desk/partner_deadlines_list.html"

    def base_queryset(self) -> Any:
        return PartnerDeadlines.objects.select_related("partner")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        from django.conf import settings

        context = super().get_context_data(**kwargs)
        context["default_acknowledge_days"] = settings.LIAISON_ACKNOWLEDGE_DAYS
        context["default_report_every_days"] = settings.LIAISON_REPORT_EVERY_DAYS
        return context


class _DeadlinesForm(_DeskForm):
    model = PartnerDeadlines
    form_class = PartnerDeadlinesForm
    url_prefix = "partner_deadlines"

    def get_success_url_for(self, result: Any) -> str:
        return reverse("partner_deadlines_list")

    def get_cancel_url(self) -> str:
        return reverse("partner_deadlines_list")


class PartnerDeadlinesCreate(_DeadlinesForm):
    access_action = access.ADD
    action = staticmethod(actions.do_create_partner_deadlines)


class PartnerDeadlinesEdit(_DeadlinesForm):
    access_action = access.CHANGE
    action = staticmethod(actions.do_update_partner_deadlines)


class PartnerDeadlinesDelete(ActionDeleteView):
    model = PartnerDeadlines
    url_prefix = "partner_deadlines"
    template_name = "desk/confirm_delete.html"
    action = staticmethod(actions.do_delete_partner_deadlines)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["cancel_url"] = reverse("partner_deadlines_list")
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return super().post(request, *args, **kwargs)
        except (PermissionDenied, models.ProtectedError):
            raise Http404 from None
