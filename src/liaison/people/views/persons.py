"""Pages of the people register: the person list, a person's page, adding, changing and removing a person."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from liaison.core import access, registry
from liaison.core.permissions import has_perm
from liaison.core.views import (
    ActionDeleteView,
    ActionFormView,
    RestrictedDetailView,
    RestrictedListView,
    error_messages,
)
from liaison.people import actions, filters, search, tables
from liaison.people.access import MANAGE_PERMISSION, MERGE_PERMISSION
from liaison.people.forms import NameFormSet, OptionalDocumentForm, PersonForm
from liaison.people.models import Person, Photo


def person_url(person: Person) -> str:
    return reverse("person_detail", kwargs={"pk": person.pk})


def _final_survivor(person: Person) -> Person:
    seen = {person.pk}
    while person.merged_into_id is not None and person.merged_into_id not in seen:
        seen.add(person.merged_into_id)
        person = person.merged_into  # type: ignore[assignment]
    return person


class PersonList(RestrictedListView):
    model = Person
    table = tables.PERSON_TABLE
    filterset_class = filters.PersonFilter
    url_prefix = "person"
    export_name = "persons"

    def base_queryset(self) -> models.QuerySet[Any]:
        return Person.objects.current().select_related("owner").prefetch_related("names", "documents")


class PersonDetail(RestrictedDetailView):
    model = Person
    url_prefix = "person"
    template_name = "people/person_detail.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.object = self.get_object()
        if self.object.merged_into_id is not None:
            survivor = _final_survivor(self.object)
            if access.restrict(Person.objects.filter(pk=survivor.pk), request.user).exists():
                messages.info(
                    request,
                    _("%(duplicate)s was merged into %(survivor)s.") % {"duplicate": self.object, "survivor": survivor},
                )
                return HttpResponseRedirect(person_url(survivor))
            return render(request, "people/person_tombstone.html", {"object": self.object}, status=200)
        return self.render_to_response(self.get_context_data(object=self.object))

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        person: Person = self.object
        user = self.request.user
        is_owner = person.owner_id == getattr(user, "agency_id", None)
        can_change = is_owner and has_perm(user, MANAGE_PERMISSION)
        names = list(person.names.select_related("transcribed_by"))
        documents = list(person.documents.all())
        shares = actions.shares_of(person)
        if not is_owner:
            shares = shares.filter(agency_id=user.agency_id)  # type: ignore[union-attr]
        duplicates: list[search.PersonHit] = []
        if can_change:
            duplicates = search.possible_duplicates(
                [name.full_name for name in names],
                actor=user,
                birth_date=person.birth_date,
                nationalities=person.nationalities or [],
                documents=[document.number for document in documents],
                exclude_pk=person.pk,
            )
            duplicates = [hit for hit in duplicates if hit.person.owner_id == person.owner_id]
        context.update(
            is_owner=is_owner,
            can_change=can_change,
            can_delete=can_change,
            can_merge=is_owner and has_perm(user, MERGE_PERMISSION),
            names=names,
            documents=documents,
            photos=access.restrict(Photo.objects.filter(person=person), user).select_related("added_by"),
            addresses=person.addresses.all(),
            contacts=person.contacts.all(),
            shares=list(shares),
            my_share=None if is_owner else next(iter(shares), None),
            merged_from=person.merged_from.all(),
            duplicates=duplicates,
            record_panels=registry.shown_record_panels(self.request, person),
        )
        return context


class PersonCreate(ActionFormView):
    """A person with their first names and optionally an identity document. When namematch finds persons
    that may be the same, the form comes back with them and nothing is written until the officer confirms."""

    model = Person
    access_action = access.ADD
    form_class = PersonForm
    url_prefix = "person"
    template_name = "people/person_form.html"
    action = staticmethod(actions.do_create_person)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context.setdefault("names_formset", NameFormSet(prefix="names", actor=user))  # type: ignore[call-arg]
        context.setdefault("document_form", OptionalDocumentForm(actor=user))
        context.setdefault("candidates", [])
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        user = request.user
        form = self.get_form()
        names_formset: Any = NameFormSet(request.POST, prefix="names", actor=user)  # type: ignore[call-arg]
        document_form = OptionalDocumentForm(request.POST, actor=user)
        context = {"names_formset": names_formset, "document_form": document_form}
        valid = [form.is_valid(), names_formset.is_valid(), document_form.is_valid()]
        if not all(valid):
            return self.render_to_response(self.get_context_data(form=form, **context))
        names = names_formset.names()
        document = document_form.document()
        data = dict(form.cleaned_data)
        candidates = search.possible_duplicates(
            [row["full_name"] for row in names],
            actor=user,
            birth_date=data.get("birth_date") or "",
            nationalities=data.get("nationalities") or [],
            documents=[document["number"]] if document and document.get("number") else [],
        )
        shown = {hit.person.pk for hit in candidates}
        confirmed = {int(pk) for pk in request.POST.get("confirmed_duplicates", "").split(",") if pk.strip().isdigit()}
        if shown and not shown <= confirmed:
            return self.render_to_response(
                self.get_context_data(
                    form=form,
                    candidates=candidates,
                    confirmed_duplicates=",".join(str(pk) for pk in sorted(shown | confirmed)),
                    **context,
                )
            )
        try:
            person = actions.do_create_person(data, names=names, documents=[document] if document else [], actor=user)
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.error_dict.items():
                    target = names_formset if field == "names" else document_form if field == "documents" else None
                    if target is not None:
                        form.add_error(None, errors)
                    else:
                        form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, error)
            return self.render_to_response(self.get_context_data(form=form, **context))
        except PermissionDenied:
            raise Http404 from None
        messages.success(request, _("Saved: %(object)s") % {"object": person})
        return HttpResponseRedirect(person_url(person))


class PersonUpdate(ActionFormView):
    model = Person
    access_action = access.CHANGE
    form_class = PersonForm
    url_prefix = "person"
    action = staticmethod(actions.do_update_person)


class PersonDelete(ActionDeleteView):
    model = Person
    url_prefix = "person"
    action = staticmethod(actions.do_delete_person)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        person = self.get_object()
        try:
            actions.do_delete_person(person, actor=request.user)
        except ValidationError as error:
            for text in error_messages(error):
                messages.error(request, text)
            return HttpResponseRedirect(person_url(person))
        except PermissionDenied:
            raise Http404 from None
        messages.success(request, _("Removed: %(object)s") % {"object": person})
        return HttpResponseRedirect(reverse("person_list"))
