"""Every write to the people register (audited; see core/actions.py and docs/decisions/0010-desk-model.md).

- A person belongs to the actor's agency (`owner` set here). Its names are written with it: exactly one is
  primary, and `display_name` follows the primary name.
- Child records (names, identity documents, addresses, contacts, photos) are written by their own actions,
  each checking that the actor's agency owns the person; audited with the child as the object.
- Sharing a person with a partner agency (`do_share_person`) gives that agency read access under a
  handling code; notices shared with a partner share their subject the same way (desk/actions.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from liaison.core import actions, audit
from liaison.core.choices import TLP, HandlingCode
from liaison.core.models import Share
from liaison.people.access import MANAGE_PERMISSION
from liaison.people.models import Address, Contact, IdentityDocument, Person, PersonName, Photo

M = TypeVar("M", bound=models.Model)

PERSON_PROTECTED = ("owner", "merged_into", "display_name")


def _require_owner(person: Person, actor: Any) -> None:
    if person.owner_id != getattr(actor, "agency_id", None):
        raise PermissionDenied(MANAGE_PERMISSION)
    if person.merged_into_id is not None:
        raise ValidationError(
            _("This record was merged into %(other)s; change that one.") % {"other": person.merged_into}
        )


def person_state(person: Person) -> dict[str, Any]:
    """The audited state of a person with its names and documents."""
    state = audit.snapshot(person)
    state["names"] = [
        audit.snapshot(n, ["full_name", "script", "language", "kind", "is_primary"]) for n in person.names.all()
    ]
    state["documents"] = [audit.snapshot(d, ["kind", "number", "issuing_country"]) for d in person.documents.all()]
    return state


def _refresh_display_name(person: Person) -> None:
    primary = person.names.filter(is_primary=True).first() or person.names.order_by("pk").first()
    display = primary.full_name if primary else ""
    if primary is not None and not primary.is_primary:
        PersonName.objects.filter(pk=primary.pk).update(is_primary=True)
    if person.display_name != display:
        person.display_name = display
        Person.objects.filter(pk=person.pk).update(display_name=display)


def _clean_names(person: Person, names: Iterable[Mapping[str, Any]]) -> list[PersonName]:
    built = []
    for index, row in enumerate(names):
        name = PersonName(person=person, **row)
        try:
            name.full_clean(exclude=["person"])
        except ValidationError as error:
            messages = "; ".join(error.messages)
            raise ValidationError({"names": _("Name %(n)s: %(error)s") % {"n": index + 1, "error": messages}}) from None
        built.append(name)
    if not built:
        raise ValidationError({"names": _("A person needs at least one name.")})
    primaries = [n for n in built if n.is_primary]
    if len(primaries) > 1:
        raise ValidationError({"names": _("Only one name can be the primary name.")})
    if not primaries:
        built[0].is_primary = True
    return built


def do_create_person(
    data: Mapping[str, Any],
    *,
    names: Iterable[Mapping[str, Any]],
    documents: Iterable[Mapping[str, Any]] = (),
    actor: Any,
) -> Person:
    """Record a person with their names (at least one; the first is primary unless one says so) and
    identity documents. Checking for possible duplicates first is the caller's (see people/duplicates.py)."""
    actions.require(actor, MANAGE_PERMISSION)
    fields = dict(data)
    for name in PERSON_PROTECTED:
        if name in fields:
            raise ValidationError({name: _("This field cannot be set here.")})
    if getattr(actor, "agency", None) is None:
        raise ValidationError({"owner": _("The actor belongs to no agency.")})
    with transaction.atomic():
        person = Person(owner=actor.agency, **fields)
        person.full_clean()
        person.save()
        built = _clean_names(person, names)
        PersonName.objects.bulk_create(built)
        for index, row in enumerate(documents):
            document = IdentityDocument(person=person, **row)
            try:
                document.full_clean()
            except ValidationError as error:
                raise ValidationError(
                    {"documents": _("Document %(n)s: %(error)s") % {"n": index + 1, "error": "; ".join(error.messages)}}
                ) from None
            document.save()
        _refresh_display_name(person)
        audit.record("person.create", actor=actor, obj=person, after=person_state(person))
    return person


def do_update_person(person: Person, data: Mapping[str, Any], *, actor: Any) -> Person:
    """Change a person's own fields (names and documents have their own actions)."""
    actions.require(actor, MANAGE_PERMISSION)
    _require_owner(person, actor)
    for name in PERSON_PROTECTED:
        if name in data:
            raise ValidationError({name: _("This field cannot be set here.")})
    return actions.update(person, data, actor=actor, action="person.update")


# --- child records ----------------------------------------------------------------------------------------
def _create_child(model: type[M], data: Mapping[str, Any], *, actor: Any, action: str) -> M:
    actions.require(actor, MANAGE_PERMISSION)
    person = data.get("person")
    if not isinstance(person, Person):
        raise ValidationError({"person": _("This field is required.")})
    _require_owner(person, actor)
    return actions.create(model, data, actor=actor, action=action)


def _update_child(record: M, data: Mapping[str, Any], *, actor: Any, action: str) -> M:
    actions.require(actor, MANAGE_PERMISSION)
    _require_owner(record.person, actor)  # type: ignore[attr-defined]
    if "person" in data and data["person"] != record.person:  # type: ignore[attr-defined]
        raise ValidationError({"person": _("A record cannot be moved to another person.")})
    return actions.update(record, data, actor=actor, action=action)


def _delete_child(record: models.Model, *, actor: Any, action: str) -> None:
    actions.require(actor, MANAGE_PERMISSION)
    _require_owner(record.person, actor)  # type: ignore[attr-defined]
    actions.delete(record, actor=actor, action=action)


def do_add_name(data: Mapping[str, Any], *, actor: Any) -> PersonName:
    with transaction.atomic():
        if data.get("is_primary"):
            PersonName.objects.filter(person=data["person"], is_primary=True).update(is_primary=False)
        name = _create_child(PersonName, data, actor=actor, action="person_name.create")
        _refresh_display_name(name.person)
    return name


def do_update_name(name: PersonName, data: Mapping[str, Any], *, actor: Any) -> PersonName:
    with transaction.atomic():
        if data.get("is_primary") and not name.is_primary:
            PersonName.objects.filter(person=name.person, is_primary=True).update(is_primary=False)
        if data.get("is_primary") is False and name.is_primary:
            raise ValidationError({"is_primary": _("Make another name primary instead.")})
        name = _update_child(name, data, actor=actor, action="person_name.update")
        _refresh_display_name(name.person)
    return name


def do_remove_name(name: PersonName, *, actor: Any) -> None:
    with transaction.atomic():
        person = name.person
        if person.names.count() <= 1:
            raise ValidationError(_("A person needs at least one name."))
        _delete_child(name, actor=actor, action="person_name.delete")
        _refresh_display_name(person)


def do_add_document(data: Mapping[str, Any], *, actor: Any) -> IdentityDocument:
    return _create_child(IdentityDocument, data, actor=actor, action="identity_document.create")


def do_update_document(document: IdentityDocument, data: Mapping[str, Any], *, actor: Any) -> IdentityDocument:
    return _update_child(document, data, actor=actor, action="identity_document.update")


def do_remove_document(document: IdentityDocument, *, actor: Any) -> None:
    _delete_child(document, actor=actor, action="identity_document.delete")


def do_add_address(data: Mapping[str, Any], *, actor: Any) -> Address:
    return _create_child(Address, data, actor=actor, action="address.create")


def do_update_address(address: Address, data: Mapping[str, Any], *, actor: Any) -> Address:
    return _update_child(address, data, actor=actor, action="address.update")


def do_remove_address(address: Address, *, actor: Any) -> None:
    _delete_child(address, actor=actor, action="address.delete")


def do_add_contact(data: Mapping[str, Any], *, actor: Any) -> Contact:
    return _create_child(Contact, data, actor=actor, action="contact.create")


def do_update_contact(contact: Contact, data: Mapping[str, Any], *, actor: Any) -> Contact:
    return _update_child(contact, data, actor=actor, action="contact.update")


def do_remove_contact(contact: Contact, *, actor: Any) -> None:
    _delete_child(contact, actor=actor, action="contact.delete")


def do_remove_photo(photo: Photo, *, actor: Any) -> None:
    _delete_child(photo, actor=actor, action="photo.delete")


# --- sharing ----------------------------------------------------------------------------------------------
def share_person(
    person: Person, agency: Any, *, handling_code: str, actor: Any, tlp: str = TLP.AMBER, note: str = ""
) -> Share:
    """Give `agency` read access to the person under a handling code (inside the caller's transaction; the
    caller audits). An existing share to that agency is kept, its code updated."""
    if handling_code not in HandlingCode.values:
        raise ValidationError({"handling_code": _("Choose a handling code H0–H3.")})
    if handling_code == HandlingCode.H3 and not note.strip():
        raise ValidationError({"handling_note": _("H3 needs the restrictions written out.")})
    if agency.pk == person.owner_id:
        raise ValidationError({"agency": _("The record already belongs to that agency.")})
    share, _created = Share.objects.update_or_create(
        content_type=ContentType.objects.get_for_model(Person),
        object_id=str(person.pk),
        agency=agency,
        defaults={"handling_code": handling_code, "tlp": tlp, "handling_note": note.strip(), "shared_by": actor},
    )
    return share


def do_share_person(
    person: Person, agency: Any, *, handling_code: str, actor: Any, tlp: str = TLP.AMBER, note: str = ""
) -> Share:
    actions.require(actor, MANAGE_PERMISSION)
    _require_owner(person, actor)
    with transaction.atomic():
        share = share_person(person, agency, handling_code=handling_code, actor=actor, tlp=tlp, note=note)
        audit.record(
            "person.share",
            actor=actor,
            obj=person,
            after={"agency": agency.pk, "handling_code": handling_code, "tlp": tlp, "note": note.strip()},
        )
    return share
