"""The node administrator's pages (this node, partner nodes, pairing, messages, refusals) and the inbox that
partner nodes post to (no session, no CSRF token: each message is signed; inbox.py checks it)."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.shortcuts import redirect
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import generic
from django.views.decorators.csrf import csrf_exempt

from liaison.core import access
from liaison.core.views import error_messages
from liaison.federation import actions, inbox, keys, nodes, packages
from liaison.federation.choices import Direction, EnvelopeState, PartnerStatus
from liaison.federation.forms import PackageForm, PairForm
from liaison.federation.models import Envelope, InboxRefusal, LocalNode, NodeKey, PartnerNode

PAGE = 100


class AdminMixin(LoginRequiredMixin):
    """Signed in and allowed to see `access_model` (the node administrator), else the same 404 as a missing page."""

    access_model: type[models.Model]

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not access.can(request.user, self.access_model, access.VIEW):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_record(self, model: type[models.Model], pk: Any, action: str = access.VIEW) -> Any:
        return access.get_for(model._default_manager.all(), self.request.user, action, pk=pk)  # type: ignore[attr-defined]


class NodeView(AdminMixin, generic.TemplateView):
    access_model = LocalNode
    template_name = "federation/node.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        node = access.restrict(LocalNode.objects.select_related("agency"), user).first()
        context["node"] = node
        if node is not None:
            context["fingerprint"] = nodes.fingerprint(nodes.card())
            context["keys"] = access.restrict(NodeKey.objects.all(), user)
        context["partners"] = access.restrict(PartnerNode.objects.prefetch_related("agencies"), user)
        envelopes = access.restrict(Envelope.objects.all(), user)
        context["counts"] = [
            (direction.label, state.label, envelopes.filter(direction=direction, state=state).count(), direction, state)
            for direction in Direction
            for state in EnvelopeState
            if envelopes.filter(direction=direction, state=state).exists()
        ]
        context["refusals"] = access.restrict(InboxRefusal.objects.all(), user).count()
        return context


class CardView(AdminMixin, generic.View):
    access_model = LocalNode

    def get(self, request: HttpRequest) -> HttpResponse:
        try:
            data = nodes.card()
        except keys.NodeNotInitialised:
            messages.error(request, _("This node has no identity yet: run 'liaison node init --url URL'."))
            return redirect("federation_node")
        response = HttpResponse(json.dumps(data, indent=2, ensure_ascii=False), content_type="application/json")
        response["Content-Disposition"] = f'attachment; filename="{data["node"]}.card.json"'
        return response


class PartnerDetail(AdminMixin, generic.TemplateView):
    access_model = PartnerNode
    template_name = "federation/partner_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        partner = self.get_record(PartnerNode, kwargs["pk"])
        context["partner"] = partner
        context["keys"] = partner.keys.all()
        context["agencies"] = partner.agencies.all()
        context["envelopes"] = access.restrict(Envelope.objects.filter(partner=partner), self.request.user)[:20]
        context["suspended"] = partner.status == PartnerStatus.SUSPENDED
        context["unpaired"] = partner.status == PartnerStatus.UNPAIRED
        return context


class PartnerStatusView(AdminMixin, generic.View):
    access_model = PartnerNode

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        partner = self.get_record(PartnerNode, pk, access.CHANGE)
        status = request.POST.get("status", "")
        try:
            actions.do_set_partner_status(partner, status, actor=request.user)
        except ValidationError as error:
            for text in error_messages(error):
                messages.error(request, text)
        else:
            if status == PartnerStatus.SUSPENDED:
                messages.success(request, _("The partner node is suspended."))
            else:
                messages.success(request, _("The partner node is active again."))
        return redirect("federation_partner_detail", pk=partner.pk)


class PartnerUnpairView(AdminMixin, generic.View):
    access_model = PartnerNode

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        partner = self.get_record(PartnerNode, pk, access.CHANGE)
        try:
            actions.do_unpair_node(partner, reason=request.POST.get("reason", ""), actor=request.user)
        except ValidationError as error:
            for text in error_messages(error):
                messages.error(request, text)
        else:
            messages.success(request, _("The partner node is unpaired; what it sent stays here, read-only."))
        return redirect("federation_partner_detail", pk=partner.pk)


class PairView(AdminMixin, generic.FormView):  # type: ignore[type-arg]
    access_model = PartnerNode
    template_name = "federation/pair.html"
    form_class = PairForm

    def form_valid(self, form: PairForm) -> HttpResponse:
        if not access.can(self.request.user, PartnerNode, access.ADD):
            raise Http404
        try:
            data = json.loads(form.cleaned_data["card"].read())
            partner = actions.do_pair_node(data, fingerprint=form.cleaned_data["fingerprint"], actor=self.request.user)
        except (ValueError, nodes.CardError) as error:
            form.add_error("card", _("Not a node card: %(error)s") % {"error": error})
            return self.form_invalid(form)
        except ValidationError as error:
            form.add_error(None, error_messages(error))
            return self.form_invalid(form)
        except keys.NodeNotInitialised as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        messages.success(self.request, _("Paired with %(node)s.") % {"node": partner.node_id})
        return redirect("federation_partner_detail", pk=partner.pk)


class PackageExport(AdminMixin, generic.View):
    """POST: download the offline package of every pending message for the partner node."""

    access_model = PartnerNode

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        partner = self.get_record(PartnerNode, pk, access.CHANGE)
        try:
            text, count = actions.do_export_package(partner, actor=request.user)
        except (packages.PackageError, keys.NodeNotInitialised) as error:
            messages.error(request, str(error))
            return redirect("federation_partner_detail", pk=partner.pk)
        response = HttpResponse(text, content_type="application/jose")
        response["Content-Disposition"] = f'attachment; filename="{partner.node_id}-{count}-messages.jwe"'
        return response


class PackageImport(AdminMixin, generic.FormView):  # type: ignore[type-arg]
    """Apply an offline package; a package of messages answers with the receipts package to carry back."""

    access_model = PartnerNode
    template_name = "federation/package_import.html"
    form_class = PackageForm

    def form_valid(self, form: PackageForm) -> HttpResponse:
        if not access.can(self.request.user, PartnerNode, access.CHANGE):
            raise Http404
        try:
            text = form.cleaned_data["package"].read().decode("ascii")
            result = actions.do_import_package(text, actor=self.request.user)
        except (UnicodeDecodeError, packages.PackageError, keys.NodeNotInitialised) as error:
            form.add_error("package", str(error))
            return self.form_invalid(form)
        if result.kind == packages.RECEIPTS:
            messages.success(
                self.request,
                _("Receipts from %(node)s: %(delivered)s delivered, %(refused)s refused.")
                % {"node": result.partner.node_id, "delivered": result.receipts, "refused": result.refused},
            )
            return redirect("federation_messages")
        response = HttpResponse(result.reply, content_type="application/jose")
        response["Content-Disposition"] = f'attachment; filename="{result.partner.node_id}-receipts.jwe"'
        return response


class MessageList(AdminMixin, generic.TemplateView):
    access_model = Envelope
    template_name = "federation/message_list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        queryset = access.restrict(Envelope.objects.select_related("partner"), self.request.user)
        direction = self.request.GET.get("direction", "")
        state = self.request.GET.get("state", "")
        if direction in Direction.values:
            queryset = queryset.filter(direction=direction)
        if state in EnvelopeState.values:
            queryset = queryset.filter(state=state)
        context.update(
            envelopes=queryset[:PAGE],
            total=queryset.count(),
            directions=Direction.choices,
            states=EnvelopeState.choices,
            direction=direction,
            state=state,
        )
        return context


def can_retry(envelope: Envelope) -> bool:
    if envelope.direction == Direction.IN:
        return envelope.state == EnvelopeState.FAILED
    return envelope.state in (EnvelopeState.REFUSED, EnvelopeState.FAILED)


class MessageDetail(AdminMixin, generic.TemplateView):
    access_model = Envelope
    template_name = "federation/message_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        envelope = self.get_record(Envelope, kwargs["pk"])
        context["envelope"] = envelope
        context["payload"] = json.dumps(envelope.payload, indent=2, ensure_ascii=False)
        context["attachments"] = envelope.attachments.all()
        context["can_retry"] = can_retry(envelope)
        return context


class MessageRetry(AdminMixin, generic.View):
    access_model = Envelope

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        envelope = self.get_record(Envelope, pk, access.CHANGE)
        try:
            actions.do_retry_envelope(envelope, actor=request.user)
        except ValidationError as error:
            for text in error_messages(error):
                messages.error(request, text)
        else:
            messages.success(request, _("The message is sent or applied again."))
        return redirect("federation_message_detail", pk=envelope.pk)


class RefusalList(AdminMixin, generic.TemplateView):
    access_model = InboxRefusal
    template_name = "federation/refusal_list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        queryset = access.restrict(InboxRefusal.objects.all(), self.request.user)
        context.update(refusals=queryset[:PAGE], total=queryset.count())
        return context


@method_decorator(csrf_exempt, name="dispatch")
class InboxView(generic.View):
    """POST /federation/inbox/: one signed message from a partner node, or a JSON array of them, answered in
    JSON (one answer per message for an array)."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest) -> JsonResponse:
        from django.conf import settings

        limit = settings.LIAISON_FEDERATION_MAX_BYTES
        ip_address = request.META.get("REMOTE_ADDR", "")
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
        if declared > limit:
            answer = inbox.refuse(
                "too_large", f"the message has {declared} bytes; at most {limit}", size=declared, ip_address=ip_address
            )
            return JsonResponse(answer.body, status=answer.status)
        body = request.read(limit + 1)
        try:
            message = json.loads(body) if len(body) <= limit else None
        except ValueError:
            answer = inbox.refuse("malformed", "the body is not JSON", size=len(body), ip_address=ip_address)
            return JsonResponse(answer.body, status=answer.status)
        if isinstance(message, list):
            answer = inbox.receive_batch(message, size=len(body), ip_address=ip_address)
        else:
            answer = inbox.receive(message, size=len(body), ip_address=ip_address)
        return JsonResponse(answer.body, status=answer.status)
