"""Which partners read a person, under which handling code: share with one more, or withdraw."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View, generic

from liaison.core import access
from liaison.core.models import Share
from liaison.core.views import RestrictedMixin, add_errors, error_messages
from liaison.people import actions
from liaison.people.forms import ShareForm
from liaison.people.models import Person


class PersonShare(RestrictedMixin, generic.FormView):  # type: ignore[type-arg]
    """Which partners read the person, under which handling code; share with one more, or withdraw."""

    model = Person
    access_action = access.CHANGE
    template_name = "people/person_share.html"
    form_class = ShareForm

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        if request.user.is_authenticated:
            self.object = self.get_object()
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs["actor"] = self.request.user
        return kwargs

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(person=self.object, object=self.object, shares=actions.shares_of(self.object))
        return context

    def form_valid(self, form: Any) -> HttpResponse:
        data = form.cleaned_data
        try:
            actions.do_share_person(
                self.object,
                data["agency"],
                handling_code=data["handling_code"],
                tlp=data["tlp"],
                note=data.get("note") or "",
                actor=self.request.user,
            )
        except ValidationError as error:
            if hasattr(error, "error_dict") and "handling_note" in error.error_dict:
                error = ValidationError({"note": error.error_dict["handling_note"]})
            add_errors(form, error)
            return self.form_invalid(form)
        except PermissionDenied:
            raise Http404 from None
        messages.success(
            self.request,
            _("Shared with %(agency)s under %(code)s.") % {"agency": data["agency"], "code": data["handling_code"]},
        )
        return HttpResponseRedirect(reverse("person_share", kwargs={"pk": self.object.pk}))


class PersonUnshare(RestrictedMixin, View):
    model = Person
    access_action = access.CHANGE

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        person = self.get_object()
        share = Share.objects.filter(pk=request.POST.get("share") or 0, object_id=str(person.pk)).first()
        if share is None or share.content_type.model_class() is not Person:
            raise Http404
        try:
            actions.do_unshare_person(person, share.agency, actor=request.user)
        except ValidationError as error:
            for text in error_messages(error):
                messages.error(request, text)
        except PermissionDenied:
            raise Http404 from None
        else:
            messages.success(request, _("No longer shared with %(agency)s.") % {"agency": share.agency})
        return HttpResponseRedirect(reverse("person_share", kwargs={"pk": person.pk}))
