"""A person as the desk's messages carry it (desk/federation/__init__.py): their fields, names, identity documents
and releasable photos (attachments, by SHA-256); and the receiving side's copy, owned by the sending agency."""

from __future__ import annotations

from typing import Any

from django.core.files.base import ContentFile

from liaison.agencies.models import Agency
from liaison.core import audit
from liaison.federation import origin, signing
from liaison.federation.envelopes import Received
from liaison.people import actions as people_actions
from liaison.people.models import Person

PERSON_FIELDS = (
    "sex", "birth_date", "birth_place", "birth_country", "nationalities", "height_cm", "weight_kg", "eye_colour",
    "hair_colour", "distinguishing_marks", "description", "languages", "fictional",
)  # fmt: skip
NAME_FIELDS = ("full_name", "family_name", "given_names", "patronymic", "script", "language", "kind", "is_primary")
DOCUMENT_FIELDS = ("kind", "number", "issuing_country", "issued_on", "valid_until", "mrz")
DATES = ("issued_on", "valid_until")


def values(record: Any, fields: tuple[str, ...]) -> dict[str, Any]:
    return audit.to_json({name: getattr(record, name) for name in fields})  # type: ignore[no-any-return]


def releasable_photos(person: Person) -> tuple[list[dict[str, Any]], list[tuple[str, str, bytes]]]:
    """The person's releasable photos: their description for the payload, their bytes as attachments (named in
    the signed envelope by SHA-256). A photo whose file is missing here is left out."""
    described, files = [], []
    for photo in person.photos.filter(releasable=True).order_by("pk"):
        try:
            with photo.image.open("rb") as handle:
                data = handle.read()
        except OSError:
            continue
        described.append({"sha256": signing.sha256_hex(data), "caption": photo.caption, "taken_on": photo.taken_on})
        files.append((photo.image.name.rsplit("/", 1)[-1], photo.content_type, data))
    return described, files


def person_content(person: Person) -> tuple[dict[str, Any], list[tuple[str, str, bytes]]]:
    """A person as it travels: fields, names, identity documents, releasable photos (and their bytes)."""
    photos, files = releasable_photos(person)
    names = []
    for name in person.names.all():
        row = values(name, NAME_FIELDS)
        row["transcribed_by"] = name.transcribed_by.code if name.transcribed_by else ""
        names.append(row)
    content = {"id": str(person.pk), **values(person, PERSON_FIELDS), "names": names} | {
        "documents": [values(document, DOCUMENT_FIELDS) for document in person.documents.all()],
        "photos": photos,
    }
    return content, files


def check_person_payload(person: Any) -> None:
    if not isinstance(person, dict) or not str(person.get("id") or ""):
        raise ValueError("the payload has no person with an id")
    names = person.get("names")
    if not isinstance(names, list) or not names or not all(isinstance(n, dict) for n in names):
        raise ValueError("the person has no name")


def agency_by_code(code: Any) -> Agency | None:
    return Agency.objects.filter(code=str(code)).first() if code else None


def blank_to_empty(row: dict[str, Any], fields: tuple[str, ...], *, dates: tuple[str, ...] = ()) -> dict[str, Any]:
    """The row's `fields`, a missing text as "" and a missing date as None (as the models want them)."""
    return {name: row.get(name) or (None if name in dates else "") for name in fields if name in row}


def receive_person(received: Received, data: dict[str, Any]) -> Person:
    """Write (or update) the copy of the partner's person, owned by the sending agency."""
    fields = {name: data.get(name) for name in PERSON_FIELDS if name in data}
    fields = {k: v for k, v in fields.items() if v is not None} | {
        k: None for k in ("height_cm", "weight_kg") if data.get(k) is None
    }
    names = []
    for row in data["names"]:
        name = {k: row[k] for k in NAME_FIELDS if k in row}
        name["transcribed_by"] = agency_by_code(row.get("transcribed_by")) or (
            received.sender_agency if name.get("kind") == "transcription" else None
        )
        name["source"] = str(received.sender_agency.code)
        names.append(name)
    documents = [blank_to_empty(row, DOCUMENT_FIELDS, dates=DATES) for row in data.get("documents") or []]
    person = origin.find(Person, received.partner, data["id"])
    if person is None:
        person = people_actions.do_create_person(fields, names=names, documents=documents, actor=received.actor)
    else:
        people_actions.do_update_person(person, fields, actor=received.actor)
        _sync_names(person, names, actor=received.actor)
        _sync_documents(person, documents, actor=received.actor)
    _sync_photos(person, data.get("photos") or [], received)
    origin.record(person, received, data["id"])
    return person


def _name_key(row: dict[str, Any]) -> tuple[Any, ...]:
    return tuple(str(row.get(name) or "") for name in NAME_FIELDS if name != "is_primary")


def _sync_names(person: Person, names: list[dict[str, Any]], *, actor: Any) -> None:
    """Make the copy's names those the message carries (added first: a person keeps at least one name), with the
    same primary name."""
    have = {_name_key(values(name, NAME_FIELDS)): name for name in person.names.all()}
    wanted = {_name_key(row): row for row in names}
    for key, row in wanted.items():
        if key not in have:
            have[key] = people_actions.do_add_name(row | {"person": person, "is_primary": False}, actor=actor)
    for key, name in list(have.items()):
        if key not in wanted:
            people_actions.do_remove_name(name, actor=actor)
            del have[key]
    primary = next((key for key, row in wanted.items() if row.get("is_primary")), None)
    if primary is not None and not person.names.filter(pk=have[primary].pk, is_primary=True).exists():
        people_actions.do_update_name(have[primary], {"is_primary": True}, actor=actor)


def _document_key(row: dict[str, Any]) -> tuple[str, str, str]:
    return str(row.get("kind") or ""), str(row.get("number") or ""), str(row.get("issuing_country") or "")


def _sync_documents(person: Person, documents: list[dict[str, Any]], *, actor: Any) -> None:
    """Make the copy's identity documents those the message carries (by kind, number and country)."""
    have = {_document_key(values(document, DOCUMENT_FIELDS)): document for document in person.documents.all()}
    wanted = {_document_key(row): row for row in documents}
    for key, document in have.items():
        if key not in wanted:
            people_actions.do_remove_document(document, actor=actor)
    for key, row in wanted.items():
        stored = have.get(key)
        if stored is None:
            people_actions.do_add_document(row | {"person": person}, actor=actor)
        elif blank_to_empty(values(stored, DOCUMENT_FIELDS), DOCUMENT_FIELDS, dates=DATES) != row:
            people_actions.do_update_document(stored, row, actor=actor)


def _sync_photos(person: Person, photos: list[dict[str, Any]], received: Received) -> None:
    """Make the copy's photos the releasable photos the message carries: those left off (no longer releasable or
    removed) are removed, new ones added from the attachments, captions follow."""
    wanted = {str(photo.get("sha256")): photo for photo in photos}
    for stored in person.photos.all():
        photo = wanted.get(stored.sha256)
        if photo is None:
            people_actions.do_remove_photo(stored, actor=received.actor)
            continue
        changes = {name: str(photo.get(name) or "") for name in ("caption", "taken_on")}
        if changes != {"caption": stored.caption, "taken_on": stored.taken_on}:
            people_actions.do_update_photo(stored, changes, actor=received.actor)
    for photo in photos:
        content = received.attachments.get(str(photo.get("sha256")))
        if content is None or person.photos.filter(sha256=photo["sha256"]).exists():
            continue  # not carried (the inbox checked every attachment it names), or already here
        file_names = [str(a.get("name") or "") for a in received.attachment_info if a.get("sha256") == photo["sha256"]]
        people_actions.do_add_photo(
            person,
            ContentFile(content, name=(file_names[0] if file_names else "") or "photo"),
            caption=str(photo.get("caption") or ""),
            taken_on=str(photo.get("taken_on") or ""),
            releasable=True,
            actor=received.actor,
        )
