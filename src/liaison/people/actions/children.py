"""A person's child records: names, identity documents, addresses, contacts (audited with the child as the
object; the actor's agency must own the person). A change also touches the person's `updated_at`, so the
person search index (people/search.py) sees it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from liaison.core import actions
from liaison.people.access import MANAGE_PERMISSION
from liaison.people.actions.common import refresh_display_name, refuse_merged, require_person_owner, touch
from liaison.people.models import Address, Contact, IdentityDocument, PersonName

M = TypeVar("M", bound=models.Model)


def create_child(model: type[M], data: Mapping[str, Any], *, actor: Any, action: str) -> M:
    with transaction.atomic():
        record = actions.create_child(
            model,
            data,
            parent="person",
            permission=MANAGE_PERMISSION,
            actor=actor,
            action=action,
            check_parent=refuse_merged,
        )
        touch(record.person_id)  # type: ignore[attr-defined]
    return record


def update_child(record: M, data: Mapping[str, Any], *, actor: Any, action: str) -> M:
    # The wording says "person" where core's generic refusal says "parent".
    if "person" in data and data["person"] != record.person:  # type: ignore[attr-defined]
        actions.require(actor, MANAGE_PERMISSION)
        require_person_owner(record.person, actor)  # type: ignore[attr-defined]
        raise ValidationError({"person": _("A record cannot be moved to another person.")})
    with transaction.atomic():
        record = actions.update_child(
            record,
            data,
            parent="person",
            permission=MANAGE_PERMISSION,
            actor=actor,
            action=action,
            check_parent=refuse_merged,
        )
        touch(record.person_id)  # type: ignore[attr-defined]
    return record


def delete_child(record: models.Model, *, actor: Any, action: str) -> None:
    person_id = record.person_id  # type: ignore[attr-defined]
    with transaction.atomic():
        actions.delete_child(
            record,
            parent="person",
            permission=MANAGE_PERMISSION,
            actor=actor,
            action=action,
            check_parent=refuse_merged,
        )
        touch(person_id)


def do_add_name(data: Mapping[str, Any], *, actor: Any) -> PersonName:
    with transaction.atomic():
        if data.get("is_primary"):
            PersonName.objects.filter(person=data["person"], is_primary=True).update(is_primary=False)
        name = create_child(PersonName, data, actor=actor, action="person_name.create")
        refresh_display_name(name.person)
    return name


def do_update_name(name: PersonName, data: Mapping[str, Any], *, actor: Any) -> PersonName:
    with transaction.atomic():
        if data.get("is_primary") and not name.is_primary:
            PersonName.objects.filter(person=name.person, is_primary=True).update(is_primary=False)
        if data.get("is_primary") is False and name.is_primary:
            raise ValidationError({"is_primary": _("Make another name primary instead.")})
        name = update_child(name, data, actor=actor, action="person_name.update")
        refresh_display_name(name.person)
    return name


def do_remove_name(name: PersonName, *, actor: Any) -> None:
    with transaction.atomic():
        person = name.person
        if person.names.count() <= 1:
            raise ValidationError(_("A person needs at least one name."))
        delete_child(name, actor=actor, action="person_name.delete")
        refresh_display_name(person)


def do_add_document(data: Mapping[str, Any], *, actor: Any) -> IdentityDocument:
    return create_child(IdentityDocument, data, actor=actor, action="identity_document.create")


def do_update_document(document: IdentityDocument, data: Mapping[str, Any], *, actor: Any) -> IdentityDocument:
    return update_child(document, data, actor=actor, action="identity_document.update")


def do_remove_document(document: IdentityDocument, *, actor: Any) -> None:
    delete_child(document, actor=actor, action="identity_document.delete")


def do_add_address(data: Mapping[str, Any], *, actor: Any) -> Address:
    return create_child(Address, data, actor=actor, action="address.create")


def do_update_address(address: Address, data: Mapping[str, Any], *, actor: Any) -> Address:
    return update_child(address, data, actor=actor, action="address.update")


def do_remove_address(address: Address, *, actor: Any) -> None:
    delete_child(address, actor=actor, action="address.delete")


def do_add_contact(data: Mapping[str, Any], *, actor: Any) -> Contact:
    return create_child(Contact, data, actor=actor, action="contact.create")


def do_update_contact(contact: Contact, data: Mapping[str, Any], *, actor: Any) -> Contact:
    return update_child(contact, data, actor=actor, action="contact.update")


def do_remove_contact(contact: Contact, *, actor: Any) -> None:
    delete_child(contact, actor=actor, action="contact.delete")
