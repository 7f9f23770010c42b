"""Pages of agreements, their documents and links."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _

from liaison.cooperation import actions, filters, tables, workflow
from liaison.cooperation.choices import LINK_INVERSE_LABELS
from liaison.cooperation.forms import AgreementForm, DocumentForm, LinkForm
from liaison.cooperation.models import Agreement, AgreementDocument
from liaison.cooperation.views.base import RecordDelete, RecordDetail, RecordTransition
from liaison.core import access
from liaison.core.views import (
    ActionFormView,
    ChildPostView,
    RestrictedListView,
    StoredDocumentView,
    form_errors,
    transition_choices,
)


class AgreementList(RestrictedListView):
    model = Agreement
    table = tables.AGREEMENT_TABLE
    filterset_class = filters.AgreementPageFilter
    url_prefix = "agreement"

    def base_queryset(self) -> Any:
        return Agreement.objects.prefetch_related("parties__agency")


class AgreementDetail(RecordDetail):
    model = Agreement
    url_prefix = "agreement"
    template_name = "cooperation/agreement_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        agreement = self.object
        user = self.request.user
        visible = access.restrict(Agreement.objects.all(), user).values("pk")
        from liaison.core.choices import CrimeArea

        labels = dict(CrimeArea.choices)
        context.update(
            parties=agreement.parties.select_related("agency"),
            titles=agreement.titles.all(),
            documents=agreement.documents.select_related("uploaded_by"),
            links_out=agreement.links_out.filter(to_agreement__in=visible).select_related("to_agreement"),
            links_in=[
                (link, LINK_INVERSE_LABELS.get(link.kind, link.kind))
                for link in agreement.links_in.filter(from_agreement__in=visible).select_related("from_agreement")
            ],
            programmes=access.restrict(agreement.programmes.all(), user),
            crime_areas=[labels.get(code, code) for code in agreement.crime_areas or []],
            transitions=transition_choices(workflow.AGREEMENT, agreement, Agreement._meta.get_field("status").choices),
            document_form=DocumentForm(actor=user),
            link_form=LinkForm(actor=user, agreement=agreement),
        )
        return context


class AgreementCreate(ActionFormView):
    model = Agreement
    access_action = access.ADD
    form_class = AgreementForm
    url_prefix = "agreement"
    action = staticmethod(actions.do_create_agreement)


class AgreementUpdate(ActionFormView):
    model = Agreement
    access_action = access.CHANGE
    form_class = AgreementForm
    url_prefix = "agreement"
    action = staticmethod(actions.do_update_agreement)


class AgreementDelete(RecordDelete):
    model = Agreement
    url_prefix = "agreement"
    action = staticmethod(actions.do_delete_agreement)


class AgreementTransition(RecordTransition):
    model = Agreement
    url_prefix = "agreement"
    do = staticmethod(actions.do_transition_agreement)


class AgreementDocumentUpload(ChildPostView):
    model = Agreement
    url_prefix = "agreement"

    def handle(self, request: HttpRequest, obj: Any) -> str:
        form = DocumentForm(request.POST, request.FILES, actor=request.user)
        if not form.is_valid():
            raise form_errors(form)
        data = {key: form.cleaned_data[key] for key in ("file", "language", "kind", "authoritative")}
        document = actions.do_add_agreement_document({**data, "agreement": obj}, actor=request.user)
        return _("Document stored: %(name)s") % {"name": document.original_name}


class AgreementDocumentDownload(StoredDocumentView):
    model = AgreementDocument
    parent_url_name = "agreement_detail"
    parent_field = "agreement_id"


class AgreementLinkCreate(ChildPostView):
    model = Agreement
    url_prefix = "agreement"

    def handle(self, request: HttpRequest, obj: Any) -> str:
        form = LinkForm(request.POST, actor=request.user, agreement=obj)
        if not form.is_valid():
            raise form_errors(form)
        actions.do_create_agreement_link({**form.cleaned_data, "from_agreement": obj}, actor=request.user)
        return _("Link added.")
