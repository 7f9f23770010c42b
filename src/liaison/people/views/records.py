"""Pages of a person's child records: names, identity documents, addresses, contacts and photos."""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.forms import BaseForm
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.utils.translation import gettext as _
from django.views import View, generic

from liaison.core import access, reads
from liaison.core.models import ReadEvent
from liaison.core.views import ActionFormView, RestrictedMixin, error_messages
from liaison.people import actions
from liaison.people.forms import AddressForm, ContactForm, DocumentForm, NameForm, PhotoEditForm, PhotoForm
from liaison.people.models import Address, Contact, IdentityDocument, Person, PersonName, Photo
from liaison.people.thumbnails import thumbnail
from liaison.people.views.persons import person_url


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
        return person_url(self.person())

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
            return HttpResponseRedirect(person_url(person))
        except PermissionDenied:
            raise Http404 from None
        messages.success(request, _("Removed: %(object)s") % {"object": record})
        return HttpResponseRedirect(person_url(person))


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
            return HttpResponseRedirect(person_url(photo.person))
        response["Content-Disposition"] = "inline"
        response["Cache-Control"] = "private, max-age=3600"
        if request.GET.get("size") != "thumbnail":  # a thumbnail is part of the person's page, recorded as its view
            reads.record_read(request.user, ReadEvent.DOWNLOAD, obj=photo)
        return response
