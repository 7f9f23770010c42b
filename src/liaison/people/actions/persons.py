"""Persons (audited; see core/actions.py and docs/decisions/0010-desk-model.md).

- A person belongs to the actor's agency (`owner` set here). Its names are written with it: exactly one is
  primary, and `display_name` follows the primary name. Checking for possible duplicates before a create is
  the caller's (`people.search.possible_duplicates`).
- A person recorded by mistake is removed with everything of theirs (`do_delete_person`), unless another
  record refers to it: then it is merged instead (merge.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from liaison.core import actions, audit, sharing
from liaison.people.access import MANAGE_PERMISSION
from liaison.people.actions.common import (
    delete_files_on_commit,
    person_state,
    photo_files,
    refresh_display_name,
    require_person_owner,
)
from liaison.people.models import IdentityDocument, Person, PersonName

PERSON_PROTECTED = ("owner", "merged_into", "display_name")


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
    identity documents. Checking for possible duplicates first is the caller's (people/search.py)."""
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
        refresh_display_name(person)
        audit.record("person.create", actor=actor, obj=person, after=person_state(person))
    return person


def do_update_person(person: Person, data: Mapping[str, Any], *, actor: Any) -> Person:
    """Change a person's own fields (names and documents have their own actions)."""
    actions.require(actor, MANAGE_PERMISSION)
    require_person_owner(person, actor)
    for name in PERSON_PROTECTED:
        if name in data:
            raise ValidationError({name: _("This field cannot be set here.")})
    return actions.update(person, data, actor=actor, action="person.update")


def do_delete_person(person: Person, *, actor: Any) -> None:
    """Remove a person recorded by mistake, with their names, documents, photos, addresses, contacts and
    shares. A person a notice, case or screening hit refers to stays (merge it instead); so does a tombstone."""
    actions.require(actor, MANAGE_PERMISSION)
    require_person_owner(person, actor)
    if person.merged_from.exists():
        raise ValidationError(_("Other records were merged into this person; it cannot be removed."))
    photo_files = [file for photo in person.photos.all() for file in photo_files(photo)]
    try:
        with transaction.atomic():
            before = person_state(person)
            label, pk, text = person._meta.label_lower, str(person.pk), str(person)
            sharing.shares_of(person).delete()
            person.delete()
            audit.record("person.delete", actor=actor, before=before, object_type=label, object_id=pk, object_repr=text)
            delete_files_on_commit(photo_files)
    except models.ProtectedError as error:
        kinds = sorted({str(obj._meta.verbose_name_plural) for obj in error.protected_objects})
        raise ValidationError(
            _("%(person)s cannot be removed: %(kinds)s refer to this person. Merge the record instead.")
            % {"person": person, "kinds": ", ".join(kinds)}
        ) from None
