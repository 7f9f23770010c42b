"""Every write to the people register (audited; see core/actions.py and docs/decisions/0010-desk-model.md).

- A person belongs to the actor's agency (`owner` set here). Its names are written with it: exactly one is
  primary, and `display_name` follows the primary name.
- Child records (names, identity documents, addresses, contacts, photos) are written by their own actions,
  each checking that the actor's agency owns the person; audited with the child as the object.
- Sharing a person with a partner agency (`do_share_person`) gives that agency read access under a
  handling code; notices shared with a partner share their subject the same way (desk/actions.py).
- Photos (`do_add_photo`) are checked to really be JPEG, PNG or WebP images (Pillow), at most 10 MB, and
  stored under MEDIA_ROOT with their SHA-256.
- Merging (`do_merge_persons`) moves everything that refers to the duplicate to the survivor and leaves the
  duplicate as a tombstone (`merged_into`); one audit record says what moved.
- A change of a name or document also touches the person's `updated_at`, so the person search index
  (people/search.py) sees it; checking for possible duplicates before a create is the caller's
  (`people.search.possible_duplicates`).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from liaison.core import actions, audit
from liaison.core.choices import TLP, HandlingCode
from liaison.core.models import Share
from liaison.people.access import MANAGE_PERMISSION, MERGE_PERMISSION
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
def _touch(person_id: int) -> None:
    """Mark the person changed (its `updated_at`), so the search index re-reads it."""
    Person.objects.filter(pk=person_id).update(updated_at=timezone.now())


def _create_child(model: type[M], data: Mapping[str, Any], *, actor: Any, action: str) -> M:
    actions.require(actor, MANAGE_PERMISSION)
    person = data.get("person")
    if not isinstance(person, Person):
        raise ValidationError({"person": _("This field is required.")})
    _require_owner(person, actor)
    with transaction.atomic():
        record = actions.create(model, data, actor=actor, action=action)
        _touch(person.pk)
    return record


def _update_child(record: M, data: Mapping[str, Any], *, actor: Any, action: str) -> M:
    actions.require(actor, MANAGE_PERMISSION)
    _require_owner(record.person, actor)  # type: ignore[attr-defined]
    if "person" in data and data["person"] != record.person:  # type: ignore[attr-defined]
        raise ValidationError({"person": _("A record cannot be moved to another person.")})
    with transaction.atomic():
        record = actions.update(record, data, actor=actor, action=action)
        _touch(record.person_id)  # type: ignore[attr-defined]
    return record


def _delete_child(record: models.Model, *, actor: Any, action: str) -> None:
    actions.require(actor, MANAGE_PERMISSION)
    _require_owner(record.person, actor)  # type: ignore[attr-defined]
    person_id = record.person_id  # type: ignore[attr-defined]
    with transaction.atomic():
        actions.delete(record, actor=actor, action=action)
        _touch(person_id)


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


def do_unshare_person(person: Person, agency: Any, *, actor: Any) -> None:
    """Withdraw the person from an agency it was shared with (a notice shared with that agency shares it again)."""
    actions.require(actor, MANAGE_PERMISSION)
    _require_owner(person, actor)
    with transaction.atomic():
        share = Share.objects.filter(
            content_type=ContentType.objects.get_for_model(Person), object_id=str(person.pk), agency=agency
        ).first()
        if share is None:
            raise ValidationError({"agency": _("The person is not shared with that agency.")})
        before = {"agency": agency.pk, "handling_code": share.handling_code, "tlp": share.tlp}
        share.delete()
        audit.record("person.unshare", actor=actor, obj=person, before=before)


def shares_of(person: Person) -> models.QuerySet[Share]:
    """The shares of a person (which agencies read it, under which handling code)."""
    return Share.objects.filter(
        content_type=ContentType.objects.get_for_model(Person), object_id=str(person.pk)
    ).select_related("agency", "shared_by")


# --- removing a person ------------------------------------------------------------------------------------
def do_delete_person(person: Person, *, actor: Any) -> None:
    """Remove a person recorded by mistake, with their names, documents, photos, addresses, contacts and
    shares. A person a notice, case or screening hit refers to stays (merge it instead); so does a tombstone."""
    actions.require(actor, MANAGE_PERMISSION)
    _require_owner(person, actor)
    if person.merged_from.exists():
        raise ValidationError(_("Other records were merged into this person; it cannot be removed."))
    photo_files = [file for photo in person.photos.all() for file in _photo_files(photo)]
    try:
        with transaction.atomic():
            before = person_state(person)
            label, pk, text = person._meta.label_lower, str(person.pk), str(person)
            shares_of(person).delete()
            person.delete()
            audit.record("person.delete", actor=actor, before=before, object_type=label, object_id=pk, object_repr=text)
            _delete_files_on_commit(photo_files)
    except models.ProtectedError as error:
        kinds = sorted({str(obj._meta.verbose_name_plural) for obj in error.protected_objects})
        raise ValidationError(
            _("%(person)s cannot be removed: %(kinds)s refer to this person. Merge the record instead.")
            % {"person": person, "kinds": ", ".join(kinds)}
        ) from None


# --- photos -----------------------------------------------------------------------------------------------
PHOTO_MAX_BYTES = 10 * 1024 * 1024
PHOTO_FORMATS = {"JPEG": ("image/jpeg", ".jpg"), "PNG": ("image/png", ".png"), "WEBP": ("image/webp", ".webp")}
PHOTO_FIELDS = ("caption", "taken_on", "releasable")


def _read_image(uploaded_file: Any) -> tuple[bytes, str, str]:
    """(bytes, content type, extension) of an uploaded JPEG, PNG or WebP image; a ValidationError saying
    what is wrong otherwise."""
    from io import BytesIO

    from PIL import Image, UnidentifiedImageError

    name = os.path.basename(str(getattr(uploaded_file, "name", "") or _("the file")))
    size = getattr(uploaded_file, "size", None)
    if size is not None and size > PHOTO_MAX_BYTES:
        raise ValidationError(
            {
                "image": _("%(name)s is %(size)s MB; a photo may be at most 10 MB.")
                % {"name": name, "size": f"{size / 1024 / 1024:.1f}"}
            }
        )
    uploaded_file.seek(0)
    content = uploaded_file.read(PHOTO_MAX_BYTES + 1)
    if len(content) > PHOTO_MAX_BYTES:
        raise ValidationError({"image": _("%(name)s is larger than 10 MB, the limit for a photo.") % {"name": name}})
    if not content:
        raise ValidationError({"image": _("%(name)s is empty.") % {"name": name}})
    try:
        with Image.open(BytesIO(content)) as image:
            kind = image.format or ""
            image.verify()
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError, ValueError):
        raise ValidationError(
            {
                "image": _("%(name)s is not an image, or it is damaged: upload a JPEG, PNG or WebP photo.")
                % {"name": name}
            }
        ) from None
    if kind not in PHOTO_FORMATS:
        raise ValidationError(
            {
                "image": _("%(name)s is a %(kind)s image; only JPEG, PNG or WebP photos are accepted.")
                % {"name": name, "kind": kind or "?"}
            }
        )
    content_type, extension = PHOTO_FORMATS[kind]
    return content, content_type, extension


def do_add_photo(
    person: Person,
    uploaded_file: Any,
    *,
    caption: str = "",
    taken_on: str = "",
    releasable: bool = False,
    actor: Any,
) -> Photo:
    """Store a photograph of the person (JPEG, PNG or WebP, at most 10 MB) with its SHA-256."""
    import hashlib

    from django.core.files.base import ContentFile

    actions.require(actor, MANAGE_PERMISSION)
    _require_owner(person, actor)
    if not uploaded_file:
        raise ValidationError({"image": _("Choose a photo to upload.")})
    content, content_type, extension = _read_image(uploaded_file)
    sha256 = hashlib.sha256(content).hexdigest()
    if person.photos.filter(sha256=sha256).exists():
        raise ValidationError({"image": _("This photo is already stored for this person.")})
    stem = os.path.splitext(os.path.basename(str(getattr(uploaded_file, "name", "") or "photo")))[0][:60] or "photo"
    photo = Photo(
        person=person,
        caption=caption.strip(),
        taken_on=(taken_on or "").strip(),
        releasable=bool(releasable),
        content_type=content_type,
        sha256=sha256,
        size=len(content),
        added_by=actor,
    )
    photo.full_clean(exclude=["image"])
    photo.image.save(f"{stem}{extension}", ContentFile(content), save=False)  # written before the transaction …
    try:
        with transaction.atomic():
            photo.save()
            _touch(person.pk)
            audit.record("photo.create", actor=actor, obj=photo, after=audit.snapshot(photo))
    except BaseException:
        photo.image.storage.delete(photo.image.name)  # … and removed again if it does not commit
        raise
    return photo


def do_update_photo(photo: Photo, data: Mapping[str, Any], *, actor: Any) -> Photo:
    """Change a photo's caption, date taken or releasability (the image itself never changes)."""
    unknown = sorted(set(data) - set(PHOTO_FIELDS) - {"person"})
    if unknown:
        raise ValidationError({unknown[0]: _("Only the caption, the date taken and releasability can change.")})
    return _update_child(photo, data, actor=actor, action="photo.update")


def do_remove_photo(photo: Photo, *, actor: Any) -> None:
    """Remove a photo; its file (and thumbnail) go once the removal is committed."""
    with transaction.atomic():
        _delete_child(photo, actor=actor, action="photo.delete")
        _delete_files_on_commit(_photo_files(photo))


# --- merging duplicates -----------------------------------------------------------------------------------
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


def _photo_files(photo: Photo) -> list[tuple[Any, str]]:
    """The stored files of a photo: the image and its thumbnail (people/thumbnails.py)."""
    from liaison.people.thumbnails import thumbnail_name

    storage = photo.image.storage
    return [(storage, photo.image.name), (storage, thumbnail_name(photo))]


def _delete_files_on_commit(files: list[tuple[Any, str]]) -> None:
    def delete() -> None:
        for storage, name in files:
            storage.delete(name)

    if files:
        transaction.on_commit(delete)


def _move_children(
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
    """Merge `duplicate` into `survivor`: every name, document, photo, address, contact, notice, fugitive
    case, screening hit and remembered decision, every share and any other record referring to the duplicate
    moves to the survivor (identical names, documents, photos, addresses and contacts once); the survivor's
    empty fields are filled from the duplicate; the duplicate stays as a tombstone pointing to the survivor."""
    actions.require(actor, MERGE_PERMISSION)
    agency_id = getattr(actor, "agency_id", None)
    if survivor.owner_id != agency_id or duplicate.owner_id != agency_id:
        raise PermissionDenied(MERGE_PERMISSION)
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
    from liaison.screening.models import HitDecision

    person_type = ContentType.objects.get_for_model(Person)
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
        moved["names"], dropped["names"], _gone = _move_children(
            PersonName, survivor, duplicate, _name_key, is_primary=False
        )
        _fill_twin_documents(survivor, duplicate)
        moved["documents"], dropped["documents"], _gone = _move_children(
            IdentityDocument, survivor, duplicate, _document_key
        )
        moved["photos"], dropped["photos"], same_photos = _move_children(
            Photo, survivor, duplicate, lambda photo: photo.sha256
        )
        moved["addresses"], dropped["addresses"], _gone = _move_children(Address, survivor, duplicate, _address_key)
        moved["contacts"], dropped["contacts"], _gone = _move_children(Contact, survivor, duplicate, _contact_key)
        # Remembered screening decisions: one per (agency, person, listed identity); the survivor's wins.
        moved["hit_decisions"], dropped["hit_decisions"], _gone = _move_children(
            HitDecision, survivor, duplicate, lambda decision: (decision.owner_id, decision.fingerprint)
        )

        # Every other record referring to the duplicate: notices, fugitive cases, hits, later apps' records.
        for model, field_name in _other_references():
            if model is HitDecision:
                continue
            manager: Any = model._base_manager
            pks = list(manager.filter(**{field_name: duplicate}).values_list("pk", flat=True))
            if pks:
                manager.filter(pk__in=pks).update(**{field_name: survivor})
                label = model._meta.label_lower
                moved.setdefault(label if field_name == "person" else f"{label}.{field_name}", []).extend(pks)

        # Shares: the agencies the duplicate was shared with now read the survivor (an existing share stays).
        survivor_shares = Share.objects.filter(content_type=person_type, object_id=str(survivor.pk))
        shared = set(survivor_shares.values_list("agency_id", flat=True))
        duplicate_shares = Share.objects.filter(content_type=person_type, object_id=str(duplicate.pk))
        dropped["shares"] = list(duplicate_shares.filter(agency_id__in=shared).values_list("pk", flat=True))
        moved["shares"] = list(duplicate_shares.exclude(agency_id__in=shared).values_list("pk", flat=True))
        Share.objects.filter(pk__in=dropped["shares"]).delete()
        Share.objects.filter(pk__in=moved["shares"]).update(object_id=str(survivor.pk))

        filled = _fill_person(survivor, duplicate)
        survivor.full_clean()
        survivor.save()
        _refresh_display_name(survivor)
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
        _delete_files_on_commit([file for photo in same_photos for file in _photo_files(photo)])
    return survivor
