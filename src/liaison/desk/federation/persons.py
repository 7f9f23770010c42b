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
    documents = [
        blank_to_empty(row, DOCUMENT_FIELDS, dates=("issued_on", "valid_until")) for row in data.get("documents") or []
    ]
    person = origin.find(Person, received.partner, data["id"])
    if person is None:
        person = people_actions.do_create_person(fields, names=names, documents=documents, actor=received.actor)
    else:
        people_actions.do_update_person(person, fields, actor=received.actor)
    for photo in data.get("photos") or []:
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
    origin.record(person, received, data["id"])
    return person
