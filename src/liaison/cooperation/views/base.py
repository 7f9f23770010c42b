"""The pieces every cooperation record page shares: the detail page, deletion, status transitions."""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _

from liaison.cooperation.forms import TransitionForm
from liaison.core.views import ActionDeleteView, ChildPostView, RestrictedDetailView, error_messages, form_errors


class RecordDetail(RestrictedDetailView):
    """A record's page: only the owning agency may change or delete it."""

    template_name: str

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        # Only the owning agency changes a record; a share gives read access only.
        owner = getattr(self.object, "owner_id", None)
        context["is_owner"] = owner is not None and owner == getattr(self.request.user, "agency_id", None)
        context["can_change"] = context["can_change"] and context["is_owner"]
        context["can_delete"] = context["can_delete"] and context["is_owner"]
        context["delete_allowed"] = True
        return context


class RecordDelete(ActionDeleteView):
    """Delete through the action; a record still referred to stays, with the action's message."""

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        obj = self.get_object()
        try:
            type(self).action(obj, actor=request.user)
        except (ValidationError, models.ProtectedError) as error:
            text = " ".join(error_messages(error)) if isinstance(error, ValidationError) else str(error)
            messages.error(request, text)
            return HttpResponseRedirect(reverse(f"{self.url_prefix}_detail", kwargs={"pk": obj.pk}))
        except PermissionDenied:
            raise Http404 from None
        messages.success(request, _("Removed: %(object)s") % {"object": obj})
        return HttpResponseRedirect(reverse(f"{self.url_prefix}_list"))


class RecordTransition(ChildPostView):
    """Move a record along its workflow through the view's `do` action (the transition form's target and note)."""

    do: ClassVar[Any]

    def handle(self, request: HttpRequest, obj: Any) -> str:
        form = TransitionForm(request.POST)
        if not form.is_valid():
            raise form_errors(form)
        type(self).do(obj, form.cleaned_data["to"], note=form.cleaned_data["note"], actor=request.user)
        return _("Status changed to %(status)s.") % {"status": obj.get_status_display()}
