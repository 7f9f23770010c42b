"""Merging two records of the same person (audited): everything that refers to the duplicate moves to the
survivor, the duplicate stays as a tombstone (`merged_into`); one audit record says what moved.

Other apps' records move with the person without people knowing them: a plain foreign key to Person is moved
here; an app whose records need more (identical ones kept once) moves them itself from a receiver of
`people.signals.person_merged`, sent inside the merge transaction (screening's remembered decisions), and
may use `move_person_records` for it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from liaison.core import actions, audit, sharing
from liaison.core.models import Share
from liaison.people.access import MERGE_PERMISSION
from liaison.people.actions.common import delete_files_on_commit, person_state, photo_files, refresh_display_name
from liaison.people.models import Address, Contact, IdentityDocument, Person, PersonName, Photo
from liaison.people.signals import person_merged

FILLED_FIELDS = (
    "birth_place",
    "birth_country",
    "height_cm",
    "weight_kg",
    "eye_colour",
    "hair_colour",
    "distinguishing_marks",
    "description",
)
UNION_FIELDS = ("nationalities", "languages")


def _name_key(name: PersonName) -> tuple[Any, ...]:
    return (name.full_name, name.kind, name.script, name.language, name.transcribed_by_id)


def _document_key(document: IdentityDocument) -> tuple[Any, ...]:
    return (document.kind, document.number_normal, str(document.issuing_country))


def _fill_person(survivor: Person, duplicate: Person) -> dict[str, Any]:
    """Fill the survivor's empty fields from the duplicate; lists are joined. Returns what changed."""
    filled: dict[str, Any] = {}
    if survivor.sex == "U" and duplicate.sex != "U":
        survivor.sex = duplicate.sex
        filled["sex"] = duplicate.sex
    if duplicate.birth_date and (
        not survivor.birth_date
        or (
            len(duplicate.birth_date) > len(survivor.birth_date)
            and duplicate.birth_date.startswith(survivor.birth_date)
        )
    ):
        survivor.birth_date = duplicate.birth_date  # empty, or the duplicate's is more precise and agrees
        filled["birth_date"] = duplicate.birth_date
    for name in FILLED_FIELDS:
        mine, theirs = getattr(survivor, name), getattr(duplicate, name)
        if (mine in (None, "") or not str(mine)) and theirs not in (None, "") and str(theirs):
            setattr(survivor, name, theirs)
            filled[name] = str(theirs)
    for name in UNION_FIELDS:
        mine, theirs = list(getattr(survivor, name) or []), list(getattr(duplicate, name) or [])
        added = [code for code in theirs if code not in mine]
        if added:
            setattr(survivor, name, mine + added)
            filled[name] = mine + added
    if duplicate.notes.strip() and duplicate.notes.strip() not in survivor.notes:
        survivor.notes = "\n\n".join(part for part in (survivor.notes.strip(), duplicate.notes.strip()) if part)
        filled["notes"] = survivor.notes
    return filled


def _other_references() -> list[tuple[type[models.Model], str]]:
    """(model, field name) of every foreign key to Person outside the people app's own child records and the
    merge link itself: notices, fugitive cases, screening hits and whatever later apps add."""
    own = {PersonName, IdentityDocument, Photo, Address, Contact, Person}
    found = []
    for relation in Person._meta.get_fields(include_hidden=True):
        if not (relation.auto_created and not relation.concrete and (relation.one_to_many or relation.one_to_one)):
            continue
        model = relation.related_model
        if model in own or not isinstance(model, type):
            continue
        found.append((model, relation.field.name))  # type: ignore[union-attr]
    return sorted(found, key=lambda item: (item[0]._meta.label, item[1]))


def move_person_records(
    model: type[models.Model],
    survivor: Person,
    duplicate: Person,
    key: Callable[[Any], Any],
    **extra: Any,
) -> tuple[list[int], list[int], list[Any]]:
    """Move the duplicate's records of `model` to the survivor, except those with the same `key` as one the
    survivor (or an earlier moved record) has, which are removed. (moved ids, removed ids, removed records)."""
    manager: Any = model._default_manager
    have = {key(record) for record in manager.filter(person=survivor)}
    keep: list[int] = []
    drop: list[Any] = []
    for record in manager.filter(person=duplicate).order_by("pk"):
        if key(record) in have:
            drop.append(record)
        else:
            keep.append(record.pk)
            have.add(key(record))
    manager.filter(pk__in=[record.pk for record in drop]).delete()
    manager.filter(pk__in=keep).update(person=survivor, **extra)
    return keep, [record.pk for record in drop], drop


def _fill_twin_documents(survivor: Person, duplicate: Person) -> None:
    """Where both persons hold the same document, give the survivor's copy what only the duplicate's has."""
    twins = {_document_key(d): d for d in survivor.documents.all()}
    for document in duplicate.documents.all():
        twin = twins.get(_document_key(document))
        if twin is None:
            continue
        changed = False
        for field_name in ("issued_on", "valid_until", "mrz", "notes"):
            if not getattr(twin, field_name) and getattr(document, field_name):
                setattr(twin, field_name, getattr(document, field_name))
                changed = True
        if changed:
            twin.save()


def _address_key(address: Address) -> tuple[str, str, str, str]:
    return (address.kind, address.address.strip(), address.city.strip(), str(address.country))


def _contact_key(contact: Contact) -> tuple[str, str]:
    return (contact.kind, contact.value.strip().casefold())


def do_merge_persons(survivor: Person, duplicate: Person, *, reason: str, actor: Any) -> Person:
    """Merge `duplicate` into `survivor`: every name, document, photo, address, contact, every share and every
    other app's record referring to the duplicate (notices, fugitive cases, screening hits and remembered
    decisions …) moves to the survivor (identical names, documents, photos, addresses and contacts once; other
    apps' receivers of `person_merged` decide for theirs); the survivor's empty fields are filled from the
    duplicate; the duplicate stays as a tombstone pointing to the survivor."""
    actions.require(actor, MERGE_PERMISSION)
    actions.require_owner(survivor, actor, MERGE_PERMISSION)
    actions.require_owner(duplicate, actor, MERGE_PERMISSION)
    if survivor.pk == duplicate.pk:
        raise ValidationError({"duplicate": _("A person cannot be merged with itself.")})
    for person in (survivor, duplicate):
        if person.merged_into_id is not None:
            raise ValidationError(
                {"duplicate": _("%(person)s was already merged into another record.") % {"person": person}}
            )
    if survivor.fictional != duplicate.fictional:
        raise ValidationError({"duplicate": _("A fictional (demonstration) record cannot be merged with a real one.")})
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why these two records are the same person.")})
    moved: dict[str, list[int]] = {}
    dropped: dict[str, list[int]] = {}
    with transaction.atomic():
        # Lock both rows (in a stable order) so two merges of the same records cannot interleave.
        list(Person.objects.select_for_update().filter(pk__in=sorted([survivor.pk, duplicate.pk])))
        survivor.refresh_from_db()
        duplicate.refresh_from_db()
        if survivor.merged_into_id is not None or duplicate.merged_into_id is not None:
            raise ValidationError({"duplicate": _("One of the records was merged meanwhile; reload the page.")})
        before = person_state(survivor)

        # Names keep their kind and are never primary; identical records are kept once.
        moved["names"], dropped["names"], _gone = move_person_records(
            PersonName, survivor, duplicate, _name_key, is_primary=False
        )
        _fill_twin_documents(survivor, duplicate)
        moved["documents"], dropped["documents"], _gone = move_person_records(
            IdentityDocument, survivor, duplicate, _document_key
        )
        moved["photos"], dropped["photos"], same_photos = move_person_records(
            Photo, survivor, duplicate, lambda photo: photo.sha256
        )
        moved["addresses"], dropped["addresses"], _gone = move_person_records(
            Address, survivor, duplicate, _address_key
        )
        moved["contacts"], dropped["contacts"], _gone = move_person_records(Contact, survivor, duplicate, _contact_key)
        # Other apps' records that need more than a change of person (screening's remembered decisions: one
        # per agency, person and listed identity) are moved by their app; a receiver may refuse the merge.
        responses: list[tuple[Any, Any]] = person_merged.send(sender=Person, survivor=survivor, duplicate=duplicate)
        for _receiver, report in responses:
            for name, (moved_ids, dropped_ids) in (report or {}).items():
                moved[name], dropped[name] = list(moved_ids), list(dropped_ids)

        # Every other record referring to the duplicate: notices, fugitive cases, hits, later apps' records.
        for model, field_name in _other_references():
            manager: Any = model._base_manager
            pks = list(manager.filter(**{field_name: duplicate}).values_list("pk", flat=True))
            if pks:
                manager.filter(pk__in=pks).update(**{field_name: survivor})
                label = model._meta.label_lower
                moved.setdefault(label if field_name == "person" else f"{label}.{field_name}", []).extend(pks)

        # Shares: the agencies the duplicate was shared with now read the survivor (an existing share stays).
        shared = set(sharing.shares_of(survivor).values_list("agency_id", flat=True))
        duplicate_shares = sharing.shares_of(duplicate)
        dropped["shares"] = list(duplicate_shares.filter(agency_id__in=shared).values_list("pk", flat=True))
        moved["shares"] = list(duplicate_shares.exclude(agency_id__in=shared).values_list("pk", flat=True))
        Share.objects.filter(pk__in=dropped["shares"]).delete()
        Share.objects.filter(pk__in=moved["shares"]).update(object_id=str(survivor.pk))

        filled = _fill_person(survivor, duplicate)
        survivor.full_clean()
        survivor.save()
        refresh_display_name(survivor)
        duplicate.merged_into = survivor
        duplicate.save(update_fields=["merged_into", "updated_at"])
        audit.record(
            "person.merge",
            actor=actor,
            obj=survivor,
            before=before,
            after={
                "survivor": survivor.pk,
                "duplicate": duplicate.pk,
                "duplicate_name": duplicate.display_name,
                "reason": reason,
                "moved": {key: value for key, value in moved.items() if value},
                "dropped_as_identical": {key: value for key, value in dropped.items() if value},
                "filled": filled,
            },
        )
        delete_files_on_commit([file for photo in same_photos for file in photo_files(photo)])
    return survivor
