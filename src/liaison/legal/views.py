"""Pages of legal requests: list, page (timeline, offences, transitions), new request, treaty terms, and the
calendar of legal deadlines."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views import generic

from liaison.core import access, registry
from liaison.core.views import (
    ActionFormView,
    ChildPostView,
    RestrictedDetailView,
    RestrictedListView,
    RestrictedMixin,
    error_messages,
    transition_choices,
)
from liaison.legal import actions, filters, letter, tables, workflow
from liaison.legal.actions.letters import SIGN_OFF_STATUSES
from liaison.legal.actions.requests import EDITABLE_STATES
from liaison.legal.choices import DocumentKind, RefusalGround, RequestStatus
from liaison.legal.consular_transfer import do_start_transfer_from_consular
from liaison.legal.deadlines import deadlines
from liaison.legal.dossier import missing_documents
from liaison.legal.forms import LegalOffenceForm, LegalRequestForm
from liaison.legal.models import LegalDocument, LegalRequest, TreatyTerms
from liaison.legal.queries import blocking_grounds


class RequestList(RestrictedListView):
    model = LegalRequest
    table = tables.REQUEST_TABLE
    filterset_class = filters.LegalRequestFilter
    url_prefix = "legal:request"

    def base_queryset(self) -> Any:
        return LegalRequest.objects.select_related("person", "partner")


class RequestDetail(RestrictedDetailView):
    model = LegalRequest
    url_prefix = "legal:request"
    template_name = "legal/request_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        legal_request = self.object
        user = self.request.user
        is_owner = legal_request.owner_id == getattr(user, "agency_id", None)
        context.update(
            can_change=context["can_change"] and is_owner,
            events=access.restrict(legal_request.events.select_related("actor"), user),
            offences=access.restrict(legal_request.offences.all(), user),
            transitions=transition_choices(workflow.REQUEST, legal_request, RequestStatus.choices),
            grounds=[
                (code, label) for code, label in RefusalGround.choices if code in legal_request.treaty.refusal_grounds
            ],
            blocking=blocking_grounds(legal_request) if legal_request.status == RequestStatus.LEGAL_REVIEW else [],
            overdue=legal_request.is_overdue,
            documents=access.restrict(legal_request.documents.select_related("translation_of"), user),
            missing=missing_documents(legal_request),
            document_kinds=DocumentKind.choices,
            letters=access.restrict(legal_request.letters.select_related("signed_by", "pdf", "docx"), user),
            letter_languages=letter.LANGUAGES,
            letter_default=letter.default_language(legal_request),
            can_generate_letter=legal_request.direction == "outgoing" and letter.may_generate(legal_request, user),
            can_sign_off=is_owner
            and legal_request.status in SIGN_OFF_STATUSES
            and context["can_change"]
            and legal_request.direction == "outgoing",
            editable=legal_request.status in EDITABLE_STATES,
            offence_form=LegalOffenceForm(),
            record_panels=registry.shown_record_panels(self.request, legal_request),  # e.g. messages about it
        )
        return context


class RequestLetterView(RestrictedMixin, generic.View):
    """The request letter generated now, as a draft (`language`, `format` from the query), as an attachment."""

    model = LegalRequest

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        legal_request = access.get_for(LegalRequest.objects.all(), request.user, pk=pk)
        try:
            content, filename, content_type = letter.generate(
                legal_request, request.GET.get("language"), request.GET.get("format", "pdf"), actor=request.user
            )
        except ValidationError as error:
            for text in error_messages(error):
                messages.error(request, text)
            return HttpResponseRedirect(legal_request.get_absolute_url())
        response = HttpResponse(content, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


class RequestLetterSignOff(ChildPostView):
    """*Sign off* the letter in the chosen language: its PDF and DOCX join the dossier as the next version."""

    model = LegalRequest
    url_prefix = "legal:request"

    def handle(self, request: HttpRequest, obj: Any) -> str:
        signed = actions.do_sign_off_letter(obj, request.POST.get("language") or None, actor=request.user)
        return _("Letter signed off: version %(version)s (%(language)s).") % {
            "version": signed.version, "language": signed.language
        }  # fmt: skip


class RequestCreate(ActionFormView):
    model = LegalRequest
    form_class = LegalRequestForm
    url_prefix = "legal:request"
    access_action = access.ADD

    def run_action(self, form: Any) -> Any:
        data = dict(form.cleaned_data)
        note = data.pop("note", "")
        return actions.do_create_request(data, note=note, actor=self.request.user)


class RequestTransition(ChildPostView):
    model = LegalRequest
    url_prefix = "legal:request"

    def handle(self, request: HttpRequest, obj: Any) -> str:
        to = request.POST.get("to", "")
        actions.do_transition_request(
            obj, to, note=request.POST.get("note", ""), grounds=request.POST.getlist("grounds"), actor=request.user
        )
        return _("Moved to %(status)s.") % {"status": dict(RequestStatus.choices).get(to, to)}


class RequestDocumentAdd(ChildPostView):
    """Add an original or a certified translation to the dossier, from the request's page."""

    model = LegalRequest
    url_prefix = "legal:request"

    def handle(self, request: HttpRequest, obj: Any) -> str:
        post = request.POST
        original = None
        if post.get("translation_of", "").isdigit():
            original = access.get_for(
                LegalDocument.objects.filter(request=obj), request.user, pk=post["translation_of"]
            )
        translated_on = None
        if post.get("translated_on"):
            try:
                translated_on = datetime.date.fromisoformat(post["translated_on"])
            except ValueError:
                raise ValidationError({"translated_on": _("Give the date as YYYY-MM-DD.")}) from None
        document = actions.do_add_legal_document(
            obj, request.FILES.get("file"), kind=post.get("kind", DocumentKind.OTHER),
            language=post.get("language", ""),
            title=post.get("title", ""), translation_of=original, translator=post.get("translator", ""),
            translated_on=translated_on, certification=post.get("certification", ""), actor=request.user,
        )  # fmt: skip
        return _("Added to the dossier: %(document)s") % {"document": document}


class RequestOffenceAdd(ChildPostView):
    """Add an offence (law, article, maximum penalty, the offence in the other state's law) from the request's page."""

    model = LegalRequest
    url_prefix = "legal:request"

    def handle(self, request: HttpRequest, obj: Any) -> str:
        form = LegalOffenceForm(request.POST)
        if not form.is_valid():
            raise ValidationError(dict(form.errors.as_data()))
        offence = actions.do_add_legal_offence({**form.cleaned_data, "request": obj}, actor=request.user)
        return _("Offence added: %(offence)s") % {"offence": offence}


class TreatyList(RestrictedListView):
    model = TreatyTerms
    table = tables.TREATY_TABLE
    filterset_class = filters.TreatyTermsFilter
    url_prefix = "legal:treaty"

    def base_queryset(self) -> Any:
        return TreatyTerms.objects.select_related("partner")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["can_add"] = False  # treaty terms are recorded through the API and the demo
        return context


class TreatyDetail(RestrictedDetailView):
    model = TreatyTerms
    url_prefix = "legal:treaty"
    template_name = "legal/treaty_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        terms = self.object
        labels = dict(RefusalGround.choices)
        context.update(
            can_change=False,
            can_delete=False,
            authorities=access.restrict(terms.authorities.all(), self.request.user),
            grounds=[(labels.get(code, code), code in terms.mandatory_grounds) for code in terms.refusal_grounds],
        )
        return context


class DeadlineCalendar(RestrictedMixin, generic.TemplateView):
    """The legal deadlines of the open requests the user may see, soonest first."""

    model = LegalRequest
    template_name = "legal/deadlines.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["rows"] = deadlines(self.request.user)
        return context


class StartTransferFromConsular(RestrictedMixin, generic.View):
    """*Start a transfer request* on a consular case's page (legal/consular_transfer.py): the new draft request's
    page on success; back to the case with the reasons when it is refused."""

    model = LegalRequest
    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        from liaison.consular.queries import visible_cases

        case = get_object_or_404(visible_cases(request.user), pk=pk)
        try:
            legal_request = do_start_transfer_from_consular(case, actor=request.user)
        except ValidationError as error:
            for text in error_messages(error):
                messages.error(request, text)
            return HttpResponseRedirect(case.get_absolute_url())
        messages.success(request, _("Transfer request %(reference)s drafted.") % {"reference": legal_request.reference})
        return HttpResponseRedirect(legal_request.get_absolute_url())
