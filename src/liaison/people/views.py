"""Pages of the people register. Every page derives from the core base views, so access applies centrally;
every write goes through people/actions.py."""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.forms import BaseForm
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views import View, generic

from liaison.core import access
from liaison.core.models import Share
from liaison.core.permissions import has_perm
from liaison.core.views import (
    ActionDeleteView,
    ActionFormView,
    RestrictedDetailView,
    RestrictedListView,
    RestrictedMixin,
    add_errors,
    error_messages,
)
from liaison.people import actions, filters, search, tables
from liaison.people.access import MANAGE_PERMISSION, MERGE_PERMISSION
from liaison.people.forms import (
    AddressForm,
    ContactForm,
    DocumentForm,
    MergeForm,
    NameForm,
    NameFormSet,
    OptionalDocumentForm,
    PersonForm,
    PhotoEditForm,
    PhotoForm,
    ShareForm,
)
from liaison.people.models import Address, Contact, IdentityDocument, Person, PersonName, Photo
from liaison.people.thumbnails import thumbnail


def record_url(record: Any) -> str | None:
    """The page of a record of another app (a notice, a fugitive case), or None when it has none."""
    get_url = getattr(record, "get_absolute_url", None)
    if callable(get_url):
        try:
            return str(get_url())
        except NoReverseMatch:
            return None
    try:
        return reverse(f"{record._meta.model_name}_detail", kwargs={"pk": record.pk})
    except NoReverseMatch:
        pass
    names = {"fugitivecase": "fugitive_case_detail"}
    name = names.get(record._meta.model_name)
    if name:
        try:
            return reverse(name, kwargs={"pk": record.pk})
        except NoReverseMatch:
            return None
    return None


def _linked(records: Any) -> list[dict[str, Any]]:
    return [{"record": record, "url": record_url(record)} for record in records]


def _person_url(person: Person) -> str:
    return reverse("person_detail", kwargs={"pk": person.pk})


def _final_survivor(person: Person) -> Person:
    seen = {person.pk}
    while person.merged_into_id is not None and person.merged_into_id not in seen:
        seen.add(person.merged_into_id)
        person = person.merged_into  # type: ignore[assignment]
    return person


def _related(person: Person, user: Any) -> dict[str, Any]:
    """What the person pages show of other apps: the notices and fugitive cases the user may see."""
    from liaison.desk.models import FugitiveCase, Notice

    notices = access.restrict(Notice.objects.filter(person=person), user).select_related("owner")
    cases = access.restrict(FugitiveCase.objects.filter(person=person), user).select_related("partner")
    return {"notices": _linked(notices), "cases": _linked(cases)}


# --- persons ----------------------------------------------------------------------------------------------
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
                return HttpResponseRedirect(_person_url(survivor))
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
            **_related(person, user),
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
        return HttpResponseRedirect(_person_url(person))


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
            return HttpResponseRedirect(_person_url(person))
        except PermissionDenied:
            raise Http404 from None
        messages.success(request, _("Removed: %(object)s") % {"object": person})
        return HttpResponseRedirect(reverse("person_list"))


# --- child records: names, documents, addresses, contacts, photos -----------------------------------------
class _ChildForm(ActionFormView):
    """Add a child record (`pk` is the person) or change one (`pk` is the record); back to the person's page."""

    template_name = "people/child_form.html"
    url_prefix = "person"
    adding: ClassVar[bool] = False
    heading: ClassVar[Any] = ""

    def person(self) -> Person:
        return self.object if self.adding else self.object.person  # type: ignore[no-any-return]

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        if self.adding:
            kwargs.pop("instance", None)
        return kwargs

    def run_action(self, form: BaseForm) -> Any:
        data = dict(form.cleaned_data)
        if self.adding:
            return type(self).action({**data, "person": self.object}, actor=self.request.user)
        return type(self).action(self.object, data, actor=self.request.user)

    def get_success_url_for(self, result: Any) -> str:
        return _person_url(self.person())

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(person=self.person(), heading=self.heading, record=None if self.adding else self.object)
        return context


class _ChildDelete(RestrictedMixin, generic.TemplateView):
    access_action = access.DELETE
    template_name = "people/child_confirm_delete.html"
    action: ClassVar[Any]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        record = self.get_object()
        context.update(record=record, person=record.person)
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        record = self.get_object()
        person = record.person
        try:
            type(self).action(record, actor=request.user)
        except ValidationError as error:
            for text in error_messages(error):
                messages.error(request, text)
            return HttpResponseRedirect(_person_url(person))
        except PermissionDenied:
            raise Http404 from None
        messages.success(request, _("Removed: %(object)s") % {"object": record})
        return HttpResponseRedirect(_person_url(person))


def _child_views(
    model: type[models.Model], form_class: type[BaseForm], add: Any, update: Any, remove: Any
) -> tuple[type[_ChildForm], type[_ChildForm], type[_ChildDelete]]:
    """The add (`pk` is the person), edit and delete pages of one kind of a person's records, each running
    its action."""
    heading = model._meta.verbose_name
    common = {"form_class": form_class, "heading": heading, "access_action": access.CHANGE, "__module__": __name__}
    adding = type(
        f"{model.__name__}Add", (_ChildForm,), {**common, "model": Person, "adding": True, "action": staticmethod(add)}
    )
    editing = type(f"{model.__name__}Edit", (_ChildForm,), {**common, "model": model, "action": staticmethod(update)})
    removing = type(
        f"{model.__name__}Delete",
        (_ChildDelete,),
        {"model": model, "action": staticmethod(remove), "__module__": __name__},
    )
    return adding, editing, removing


NameAdd, NameEdit, NameDelete = _child_views(
    PersonName, NameForm, actions.do_add_name, actions.do_update_name, actions.do_remove_name
)
DocumentAdd, DocumentEdit, DocumentDelete = _child_views(
    IdentityDocument, DocumentForm, actions.do_add_document, actions.do_update_document, actions.do_remove_document
)
AddressAdd, AddressEdit, AddressDelete = _child_views(
    Address, AddressForm, actions.do_add_address, actions.do_update_address, actions.do_remove_address
)
ContactAdd, ContactEdit, ContactDelete = _child_views(
    Contact, ContactForm, actions.do_add_contact, actions.do_update_contact, actions.do_remove_contact
)


class PhotoAdd(_ChildForm):
    model = Person
    access_action = access.CHANGE
    adding = True
    form_class = PhotoForm
    heading = Photo._meta.verbose_name

    def run_action(self, form: BaseForm) -> Any:
        data = form.cleaned_data
        return actions.do_add_photo(
            self.object,
            data["image"],
            caption=data.get("caption") or "",
            taken_on=data.get("taken_on") or "",
            releasable=bool(data.get("releasable")),
            actor=self.request.user,
        )


class PhotoEdit(_ChildForm):
    model = Photo
    access_action = access.CHANGE
    form_class = PhotoEditForm
    action = staticmethod(actions.do_update_photo)
    heading = Photo._meta.verbose_name


class PhotoDelete(_ChildDelete):
    model = Photo
    action = staticmethod(actions.do_remove_photo)


class PhotoFile(RestrictedMixin, View):
    """The image itself, through access: a partner gets releasable photos of persons shared with it only."""

    model = Photo

    def get(self, request: HttpRequest, pk: int) -> HttpResponseBase:
        photo = self.get_object()
        try:
            if request.GET.get("size") == "thumbnail":
                response: HttpResponseBase = HttpResponse(thumbnail(photo), content_type="image/jpeg")
            else:
                response = FileResponse(photo.image.open("rb"), content_type=photo.content_type or "image/jpeg")
        except (FileNotFoundError, OSError, ValueError):
            messages.error(request, _("The stored file of this photo is missing; ask the node administrator."))
            return HttpResponseRedirect(_person_url(photo.person))
        response["Content-Disposition"] = "inline"
        response["Cache-Control"] = "private, max-age=3600"
        return response


# --- sharing ----------------------------------------------------------------------------------------------
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


# --- merging ----------------------------------------------------------------------------------------------
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
            **_related(person, user),
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
        return HttpResponseRedirect(_person_url(self.object))
