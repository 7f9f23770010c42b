"""Merging a duplicate into a person."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.translation import gettext as _
from django.views import generic

from liaison.core import access, registry
from liaison.core.permissions import has_perm
from liaison.core.views import RestrictedMixin, add_errors
from liaison.people import actions, search
from liaison.people.access import MERGE_PERMISSION
from liaison.people.forms import MergeForm
from liaison.people.models import Person, Photo
from liaison.people.views.persons import person_url


class PersonMerge(RestrictedMixin, generic.TemplateView):
    """Merge a duplicate into this person: find it by name, compare both side by side, give a reason."""

    model = Person
    access_action = access.CHANGE
    template_name = "people/person_merge.html"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        if request.user.is_authenticated:
            self.object = self.get_object()
            if not has_perm(request.user, MERGE_PERMISSION):
                raise Http404
        return super().dispatch(request, *args, **kwargs)

    def _mergeable(self) -> models.QuerySet[Person]:
        return access.restrict(Person.objects.current(), self.request.user, access.CHANGE).exclude(pk=self.object.pk)

    def _summary(self, person: Person) -> dict[str, Any]:
        user = self.request.user
        return {
            "person": person,
            "names": person.names.select_related("transcribed_by"),
            "documents": person.documents.all(),
            "photos": access.restrict(Photo.objects.filter(person=person), user),
            "addresses": person.addresses.count(),
            "contacts": person.contacts.count(),
            "shares": actions.shares_of(person),
        }

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        request = self.request
        query = request.GET.get("q", "").strip()
        results: list[search.PersonHit] = []
        if query:
            mergeable = set(self._mergeable().values_list("pk", flat=True))
            results = [
                hit for hit in search.search_persons(query, actor=request.user, limit=30) if hit.person.pk in mergeable
            ][:10]
        duplicate = None
        chosen = kwargs.get("duplicate_pk") or request.GET.get("duplicate")
        if chosen and str(chosen).isdigit():
            duplicate = self._mergeable().filter(pk=int(chosen)).first()
        survivor = self._summary(self.object)
        other = self._summary(duplicate) if duplicate is not None else None
        context.update(
            object=self.object,
            person=self.object,
            query=query,
            results=results,
            survivor=survivor,
            duplicate=other,
            sides=[survivor, other] if other is not None else [],
            compare_rows=registry.compared_record_panels(request, [self.object, duplicate]) if duplicate else [],
            form=kwargs.get("form") or MergeForm(initial={"duplicate": duplicate.pk} if duplicate else None),
        )
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = MergeForm(request.POST)
        if not form.is_valid():
            pk = request.POST.get("duplicate", "")
            return self.render_to_response(self.get_context_data(form=form, duplicate_pk=pk))
        duplicate = self._mergeable().filter(pk=form.cleaned_data["duplicate"]).first()
        if duplicate is None:
            raise Http404
        try:
            actions.do_merge_persons(self.object, duplicate, reason=form.cleaned_data["reason"], actor=request.user)
        except ValidationError as error:
            add_errors(form, error)
            return self.render_to_response(self.get_context_data(form=form, duplicate_pk=duplicate.pk))
        except PermissionDenied:
            raise Http404 from None
        messages.success(
            request,
            _("%(duplicate)s was merged into %(survivor)s.") % {"duplicate": duplicate, "survivor": self.object},
        )
        return HttpResponseRedirect(person_url(self.object))
