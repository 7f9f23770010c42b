"""Steps the people register's actions share (persons, child records, photos, sharing, merging)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from liaison.core import actions, audit
from liaison.people.access import MANAGE_PERMISSION
from liaison.people.models import Person, PersonName, Photo


def refuse_merged(person: Person) -> None:
    """A merged record (a tombstone) is never changed: the survivor is changed instead."""
    if person.merged_into_id is not None:
        raise ValidationError(
            _("This record was merged into %(other)s; change that one.") % {"other": person.merged_into}
        )


def require_person_owner(person: Person, actor: Any) -> None:
    """Only the owning agency changes a person (core.actions.require_owner), and never a merged record."""
    actions.require_owner(person, actor, MANAGE_PERMISSION)
    refuse_merged(person)


def person_state(person: Person) -> dict[str, Any]:
    """The audited state of a person with its names and documents."""
    state = audit.snapshot(person)
    state["names"] = [
        audit.snapshot(n, ["full_name", "script", "language", "kind", "is_primary"]) for n in person.names.all()
    ]
    state["documents"] = [audit.snapshot(d, ["kind", "number", "issuing_country"]) for d in person.documents.all()]
    return state


def refresh_display_name(person: Person) -> None:
    primary = person.names.filter(is_primary=True).first() or person.names.order_by("pk").first()
    display = primary.full_name if primary else ""
    if primary is not None and not primary.is_primary:
        PersonName.objects.filter(pk=primary.pk).update(is_primary=True)
    if person.display_name != display:
        person.display_name = display
        Person.objects.filter(pk=person.pk).update(display_name=display)


def touch(person_id: int) -> None:
    """Mark the person changed (its `updated_at`), so the search index re-reads it."""
    Person.objects.filter(pk=person_id).update(updated_at=timezone.now())


def photo_files(photo: Photo) -> list[tuple[Any, str]]:
    """The stored files of a photo: the image and its thumbnail (people/thumbnails.py)."""
    from liaison.people.thumbnails import thumbnail_name

    storage = photo.image.storage
    return [(storage, photo.image.name), (storage, thumbnail_name(photo))]


def delete_files_on_commit(files: list[tuple[Any, str]]) -> None:
    def delete() -> None:
        for storage, name in files:
            storage.delete(name)

    if files:
        transaction.on_commit(delete)
