"""Pages of the information exchange: the inbox, sent messages, drafts and approvals (one list with its box), the
compose form, a message's page (codes banner, linked records, thread, receipts, and the steps the reader may
take), each step's POST, attachments, permission answers, and the node administrator's exchange rules."""

from __future__ import annotations

from typing import Any, ClassVar

from django import forms as django_forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import generic

from liaison.core import access
from liaison.core.choices import HandlingCode
from liaison.core.fulltext.highlight import highlight
from liaison.core.fulltext.text import MAX_QUERY
from liaison.core.views import (
    ActionFormView,
    ChildPostView,
    RestrictedDetailView,
    RestrictedListView,
    RestrictedMixin,
    StoredDocumentView,
    error_messages,
    form_errors,
)
from liaison.exchange import actions, forms, links, queries
from liaison.exchange.access import APPROVE_PERMISSION
from liaison.exchange.choices import MessageStatus
from liaison.exchange.filters import MessageFilter
from liaison.exchange.models import Attachment, ExchangeRules, Message, PermissionRequest
from liaison.exchange.tables import MESSAGE_TABLE, RULES_TABLE

PREFIX = "exchange:message"
BOX_TITLES = {
    "": gettext_lazy("Messages"),
    "inbox": gettext_lazy("Inbox"),
    "sent": gettext_lazy("Sent messages"),
    "drafts": gettext_lazy("Drafts"),
    "approvals": gettext_lazy("Messages awaiting approval"),
}


class MessageList(RestrictedListView):
    model = Message
    table = MESSAGE_TABLE
    filterset_class = MessageFilter
    url_prefix = PREFIX
    template_name = "exchange/message_list.html"
    box: ClassVar[str] = ""
    highlight_filter = "q"

    def base_queryset(self) -> models.QuerySet[Any]:
        user: Any = self.request.user
        boxes = {"inbox": queries.inbox, "sent": queries.sent, "drafts": queries.drafts,
                 "approvals": queries.awaiting_approval}  # fmt: skip
        queryset = Message.objects.select_related("owner").prefetch_related("recipients__agency")
        if self.box in boxes:
            queryset = queryset.filter(pk__in=boxes[self.box](user).values("pk"))
        return queryset

    def get_queryset(self) -> models.QuerySet[Any]:
        queryset = super().get_queryset()
        if "relevance" in queryset.query.extra:  # a search by relevance (MessageFilter.by_relevance)
            self.sort_value = "relevance"
            return queryset.order_by(*queries.BY_RELEVANCE)
        return queryset

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["verbose_name_plural"] = BOX_TITLES[self.box]
        searched = self.highlight_query()
        if searched:  # the subjects with the words found marked; the links carry the search to the message
            at = next(i for i, column in enumerate(self.table.columns) if column.name == "subject")
            context["rows"] = [
                (obj, [highlight(value, searched) if i == at else value for i, value in enumerate(values)])
                for obj, values in context["rows"]
            ]
        if self.searched_text():  # the choice of order, while searching: newest first or best match first
            query = self.request.GET.copy()
            query.pop("page", None)
            query.pop("sort", None)
            by_date = query.urlencode()
            query["sort"] = "relevance"
            ranked = self.sort_value == "relevance"
            context["order_choices"] = [
                {"label": _("Newest first"), "link": "?" + by_date, "current": not ranked},
                {"label": _("Best match first"), "link": "?" + query.urlencode(), "current": ranked},
            ]
        user: Any = self.request.user
        if self.box == "inbox":
            unread = (
                queries.inbox(user)
                .filter(recipients__agency_id=user.agency_id, recipients__read_at__isnull=True)
                .values_list("pk", flat=True)
            )
            context["unread"] = set(unread)
        return context


def _set_links_and_file(message: Message, form: Any, actor: Any) -> None:
    """Inside the caller's transaction: the chosen persons become links, the indicator lines indicators (one
    audited change); an attachment is checked and added."""
    keep = [(link.target_type, link.target_id) for link in message.links.exclude(target_type="people.person")]
    chosen = [("people.person", person.pk) for person in form.cleaned_data.get("persons", [])]
    lines = [line.split(None, 1) for line in form.cleaned_data.get("indicator_lines", "").splitlines() if line.strip()]
    reported = [(parts[0], parts[1] if len(parts) > 1 else "") for parts in lines]
    actions.do_update_message(message, {}, links=keep + chosen, indicators=reported, actor=actor)
    upload = form.cleaned_data.get("attachment")
    if upload:
        actions.do_add_attachment(message, upload, actor=actor)


MESSAGE_DATA = [name for name in actions.MESSAGE_FIELDS]


class MessageCreate(ActionFormView):
    model = Message
    access_action = access.ADD
    form_class = forms.MessageForm
    url_prefix = PREFIX
    template_name = "exchange/message_form.html"

    def run_action(self, form: django_forms.BaseForm) -> Any:
        data = {name: form.cleaned_data[name] for name in MESSAGE_DATA if name in form.cleaned_data}
        with transaction.atomic():
            message = actions.do_create_message(
                data, recipients=form.cleaned_data["recipients"], actor=self.request.user
            )
            _set_links_and_file(message, form, self.request.user)
        return message

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs.setdefault("instance", Message(owner_id=getattr(self.request.user, "agency_id", 0) or 0))
        return kwargs


class MessageEdit(MessageCreate):
    access_action = access.CHANGE

    def run_action(self, form: django_forms.BaseForm) -> Any:
        data = {name: form.cleaned_data[name] for name in MESSAGE_DATA if name in form.cleaned_data}
        with transaction.atomic():
            message = actions.do_update_message(
                self.object, data, recipients=form.cleaned_data["recipients"], actor=self.request.user
            )
            _set_links_and_file(message, form, self.request.user)
        return message


class MessageDetail(RestrictedDetailView):
    model = Message
    url_prefix = PREFIX
    template_name = "exchange/message_detail.html"

    def get_object(self, queryset: models.QuerySet[Any] | None = None) -> Any:
        message = super().get_object(queryset)
        actions.record_read(message, actor=self.request.user)  # the read receipt, on a recipient's first open
        return message

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        message: Message = self.object
        user: Any = self.request.user
        own = message.owner_id == user.agency_id
        mine = message.recipients.filter(agency_id=user.agency_id).first()
        requests = access.restrict(PermissionRequest.objects.filter(message=message), user)
        context.update(
            searched=str(self.request.GET.get("q", ""))[:MAX_QUERY].strip(),
            own=own,
            my_receipt=mine,
            receipts=message.recipients.select_related("agency") if own else [],
            thread=queries.thread(message.root, user),
            linked=links.visible_links(message, user),
            not_for_court=message.handling_code == HandlingCode.H1
            and not actions.court_use_granted(message, user.agency_id),
            permission_requests=requests,
            can_approve=own and message.status == MessageStatus.AWAITING_APPROVAL
            and access.can(user, Message, access.CHANGE) and APPROVE_PERMISSION in _perms(user),
            is_draft=own and message.status == MessageStatus.DRAFT,
            is_sent=message.status == MessageStatus.SENT,
            review_soon=own
            and actions.review_due(Message.objects.filter(pk=message.pk), timezone.localdate()).exists(),
            reply_form=forms.ReplyForm(),
            forward_form=forms.ForwardForm(actor=user),
            permission_form=forms.PermissionForm(actor=user),
            translation_form=forms.TranslationForm(),
            review_form=forms.ReviewForm(),
            note_form=forms.NoteForm(),
        )  # fmt: skip
        return context


def _perms(user: Any) -> set[str]:
    from liaison.core.permissions import has_perm

    return {code for code in ("exchange.approve",) if has_perm(user, code)}


class MessageStep(ChildPostView):
    """A POST from the message's page; `form_class` validates it, `step` runs the action."""

    model = Message
    url_prefix = PREFIX
    form_class: ClassVar[Any] = None

    def cleaned(self, request: HttpRequest) -> dict[str, Any]:
        if self.form_class is None:
            return {}
        kwargs = {"actor": request.user} if "actor" in self.form_class.__init__.__code__.co_varnames else {}
        form = self.form_class(request.POST, **kwargs)
        if not form.is_valid():
            raise form_errors(form)
        return dict(form.cleaned_data)

    def handle(self, request: HttpRequest, obj: Any) -> str:
        return self.step(obj, self.cleaned(request), request.user)

    def step(self, message: Message, data: dict[str, Any], actor: Any) -> str:
        raise NotImplementedError


class MessageSend(MessageStep):
    def step(self, message: Message, data: dict[str, Any], actor: Any) -> str:
        done = actions.do_submit_message(message, actor=actor)
        if done.status == MessageStatus.AWAITING_APPROVAL:
            return _("%(ref)s awaits a supervisor's approval.") % {"ref": done.reference}
        return _("%(ref)s was sent.") % {"ref": done.reference}


class MessageApprove(MessageStep):
    def step(self, message: Message, data: dict[str, Any], actor: Any) -> str:
        actions.do_approve_message(message, actor=actor)
        return _("%(ref)s was approved and sent.") % {"ref": message.reference}


class MessageReject(MessageStep):
    form_class = forms.NoteForm

    def step(self, message: Message, data: dict[str, Any], actor: Any) -> str:
        actions.do_reject_message(message, note=data["note"], actor=actor)
        return _("%(ref)s went back to its writer.") % {"ref": message.reference}


class MessageRecall(MessageStep):
    form_class = forms.NoteForm

    def step(self, message: Message, data: dict[str, Any], actor: Any) -> str:
        actions.do_recall_message(message, note=data["note"], actor=actor)
        return _("%(ref)s was recalled: its recipients no longer see it.") % {"ref": message.reference}


class MessageTranslate(MessageStep):
    form_class = forms.TranslationForm

    def step(self, message: Message, data: dict[str, Any], actor: Any) -> str:
        actions.do_add_translation(message, data, actor=actor)
        return _("The translation was added.")


class MessageReview(MessageStep):
    form_class = forms.ReviewForm

    def step(self, message: Message, data: dict[str, Any], actor: Any) -> str:
        actions.do_review_message(message, keep_until=data["keep_until"], delete_content=data["delete_content"],
                                  note=data["note"], actor=actor)  # fmt: skip
        return _("The review was recorded.")


class RecipientStep(MessageStep):
    """A step of a recipient: the message is one the reader may see; the action checks the rest."""

    access_action = access.VIEW


class MessageAcknowledge(RecipientStep):
    def step(self, message: Message, data: dict[str, Any], actor: Any) -> str:
        actions.do_acknowledge_message(message, actor=actor)
        return _("Receipt acknowledged.")


class MessageReply(RecipientStep):
    form_class = forms.ReplyForm

    def step(self, message: Message, data: dict[str, Any], actor: Any) -> str:
        with transaction.atomic():
            reply = actions.do_reply_message(message, {"body": data["body"]}, actor=actor)
            reply = actions.do_submit_message(reply, actor=actor)
        if reply.status == MessageStatus.AWAITING_APPROVAL:
            return _("Your reply %(ref)s awaits a supervisor's approval.") % {"ref": reply.reference}
        return _("Your reply %(ref)s was sent.") % {"ref": reply.reference}


class MessageForward(RecipientStep):
    form_class = forms.ForwardForm

    def step(self, message: Message, data: dict[str, Any], actor: Any) -> str:
        done = actions.do_forward_message(message, recipients=data["recipients"], note=data["note"], actor=actor)
        return _("Passed on as %(ref)s.") % {"ref": done.reference}


class MessagePermission(RecipientStep):
    form_class = forms.PermissionForm

    def step(self, message: Message, data: dict[str, Any], actor: Any) -> str:
        actions.do_request_permission(message, purpose=data["purpose"], reason=data["reason"],
                                      third_agency=data["third_agency"], actor=actor)  # fmt: skip
        return _("The request for permission was sent to %(owner)s.") % {"owner": message.owner}


class PermissionAnswer(ChildPostView):
    """The sender grants or refuses a permission request (POST grant=1 or 0, answer)."""

    model = PermissionRequest
    access_action = access.VIEW
    url_prefix = PREFIX

    def redirect_to(self, obj: Any) -> HttpResponse:
        return HttpResponseRedirect(reverse("exchange:message_detail", kwargs={"pk": obj.message_id}))

    def handle(self, request: HttpRequest, obj: Any) -> str:
        grant = request.POST.get("grant") == "1"
        actions.do_answer_permission(obj, grant=grant, answer=request.POST.get("answer", ""), actor=request.user)
        return _("Permission granted.") if grant else _("Permission refused.")


class MessageExport(RestrictedMixin, generic.View):
    """The message as a MISP event or a STIX bundle, downloaded from its page (`?as=misp|stix`; audited)."""

    model = Message

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        message = self.get_object()
        fmt = request.GET.get("as", "")
        try:
            document = actions.do_export_message(message, fmt, actor=request.user)
        except ValidationError as error:
            for text in error_messages(error):
                messages.error(request, text)
            return HttpResponseRedirect(reverse("exchange:message_detail", kwargs={"pk": message.pk}))
        name = f"{slugify(message.reference)}-{fmt}.json"
        response = JsonResponse(document, json_dumps_params={"ensure_ascii": False, "indent": 2})
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


class AttachmentFile(StoredDocumentView):
    model = Attachment
    parent_url_name = "exchange:message_detail"
    parent_field = "message_id"


class RulesList(RestrictedListView):
    model = ExchangeRules
    table = RULES_TABLE
    url_prefix = "exchange:rules"


class RulesCreate(ActionFormView):
    model = ExchangeRules
    access_action = access.ADD
    form_class = forms.RulesForm
    url_prefix = "exchange:rules"
    action = staticmethod(actions.do_create_rules)

    def get_success_url_for(self, result: Any) -> str:
        return reverse("exchange:rules_list")


class RulesEdit(RulesCreate):
    access_action = access.CHANGE
    action = staticmethod(actions.do_update_rules)  # type: ignore[assignment]
