"""Pages of notices: list, page, create and edit, transitions, reviews, sharing, and their offences."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import BaseForm
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from liaison.core import access, registry
from liaison.core.views import (
    ActionDeleteView,
    ChildPostView,
    RestrictedListView,
    error_messages,
    form_errors,
    transition_choices,
)
from liaison.desk import actions, filters, tables, workflow
from liaison.desk.choices import NoticeStatus
from liaison.desk.forms import NoticeForm, NoticeTransitionForm, OffenceForm, ReviewForm, ShareForm, UnshareForm
from liaison.desk.models import REVIEW_WARNING_DAYS, FugitiveCase, Notice, Offence
from liaison.desk.views.base import DeskDetail, DeskForm, person_visible


class NoticeList(RestrictedListView):
    model = Notice
    table = tables.NOTICE_TABLE
    filterset_class = filters.NoticePageFilter
    url_prefix = "notice"
    template_name = "desk/notice_list.html"

    def base_queryset(self) -> Any:
        return Notice.objects.select_related("person", "issuing_agency").prefetch_related("offences")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        # The FollowTheMoney export (interop_views.FtmExportView) is open to whoever may see notices.
        context["can_export_ftm"] = access.can(self.request.user, Notice, access.VIEW)
        return context


class NoticeDetail(DeskDetail):
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
            record_panels=registry.shown_record_panels(self.request, notice),  # e.g. where a received one came from
        )
        return context


class NoticeCreate(DeskForm):
    model = Notice
    access_action = access.ADD
    form_class = NoticeForm
    url_prefix = "notice"
    template_name = "desk/notice_form.html"
    action = staticmethod(actions.do_create_notice)

    def get_initial(self) -> dict[str, Any]:
        initial = super().get_initial()
        person = self.request.GET.get("person", "")
        if person.isdigit() and person_visible(self.request.user, person):
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


class NoticeEdit(DeskForm):
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


class NoticeShare(DeskForm):
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
class OffenceCreate(DeskForm):
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


class OffenceEdit(DeskForm):
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
