"""The desk's messages between nodes (federation; core.registry envelope kinds): a notice shared with an agency
served by a partner node travels there, and so does the withdrawal of the share.

- `desk.notice.share`: the notice with its offences, the person it is about with their names, identity documents
  and releasable photos (attachments, by SHA-256) — what a partner reads of a shared notice here
  (docs/decisions/0010-desk-model.md; addresses, contacts and notes stay with the owner). The receiving node writes
  (or updates) its copy through the desk's and the people register's actions, as the sending agency, and shares it
  with the recipient agency under the handling code and TLP the envelope carries. The copy is owned by the sending
  agency, so it is read-only there, and its origin (federation.origin) says which node it came from.
- `desk.notice.unshare`: the recipient's share of the copy is withdrawn, so it leaves every list, search and
  screening of the recipient agency (they all read through access, which follows the share).
"""

from __future__ import annotations

from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from liaison.agencies.models import Agency
from liaison.core import audit, registry
from liaison.desk.actions import notices as notice_actions
from liaison.desk.choices import NoticeSource
from liaison.desk.models import Notice
from liaison.federation import origin, signing
from liaison.federation.envelopes import Received
from liaison.people import actions as people_actions
from liaison.people.models import Person

SHARE_KIND = "desk.notice.share"
UNSHARE_KIND = "desk.notice.unshare"
NOTICE_FIELDS = (
    "kind", "status", "source", "issuing_country", "reference", "interpol_id", "legal_basis_kind",
    "legal_basis_authority", "legal_basis_date", "legal_basis_reference", "summary", "issued_on", "valid_until",
)  # fmt: skip
OFFENCE_FIELDS = ("description", "description_translation", "crime_area", "law", "max_penalty", "country")
PERSON_FIELDS = (
    "sex", "birth_date", "birth_place", "birth_country", "nationalities", "height_cm", "weight_kg", "eye_colour",
    "hair_colour", "distinguishing_marks", "description", "languages", "fictional",
)  # fmt: skip
NAME_FIELDS = ("full_name", "family_name", "given_names", "patronymic", "script", "language", "kind", "is_primary")
DOCUMENT_FIELDS = ("kind", "number", "issuing_country", "issued_on", "valid_until", "mrz")


def _values(record: Any, fields: tuple[str, ...]) -> dict[str, Any]:
    return audit.to_json({name: getattr(record, name) for name in fields})  # type: ignore[no-any-return]


# --- sending ------------------------------------------------------------------------------------------------
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


def notice_content(notice: Notice, share: Any) -> tuple[dict[str, Any], list[tuple[str, str, bytes]]]:
    """The payload of a shared notice (see the module docstring) and the releasable photos as attachments."""
    person = notice.person
    photos, files = releasable_photos(person)
    names = []
    for name in person.names.all():
        row = _values(name, NAME_FIELDS)
        row["transcribed_by"] = name.transcribed_by.code if name.transcribed_by else ""
        names.append(row)
    payload = {
        "id": str(notice.pk),
        "notice": _values(notice, NOTICE_FIELDS)
        | {
            "issuing_agency": notice.issuing_agency.code if notice.issuing_agency else "",
            "offences": [_values(offence, OFFENCE_FIELDS) for offence in notice.offences.all()],
        },
        "person": {"id": str(person.pk), **_values(person, PERSON_FIELDS), "names": names}
        | {"documents": [_values(document, DOCUMENT_FIELDS) for document in person.documents.all()]}
        | {"photos": photos},
    }
    return payload, files


# --- receiving ----------------------------------------------------------------------------------------------
def check_share_payload(payload: Any) -> None:
    """Refuse a malformed notice before anything is written (ValueError with the reason)."""
    for part in ("notice", "person"):
        if not isinstance(payload.get(part), dict):
            raise ValueError(f"the payload has no {part}")
    if not str(payload.get("id") or "") or not str(payload["person"].get("id") or ""):
        raise ValueError("the notice or its person has no id")
    names = payload["person"].get("names")
    if not isinstance(names, list) or not names or not all(isinstance(n, dict) for n in names):
        raise ValueError("the person has no name")
    if not isinstance(payload["notice"].get("offences", []), list):
        raise ValueError("the offences are not a list")
    if payload["notice"].get("status") not in ("active", "suspended"):
        raise ValueError("only an active or suspended notice is shared")


def check_unshare_payload(payload: Any) -> None:
    if not str(payload.get("id") or ""):
        raise ValueError("the payload names no notice")


def _agency(code: Any) -> Agency | None:
    return Agency.objects.filter(code=str(code)).first() if code else None


def _blank_to_empty(row: dict[str, Any], fields: tuple[str, ...], *, dates: tuple[str, ...] = ()) -> dict[str, Any]:
    """The row's `fields`, a missing text as "" and a missing date as None (as the models want them)."""
    return {name: row.get(name) or (None if name in dates else "") for name in fields if name in row}


def _person(received: Received) -> Person:
    data = received.payload["person"]
    fields = {name: data.get(name) for name in PERSON_FIELDS if name in data}
    fields = {k: v for k, v in fields.items() if v is not None} | {
        k: None for k in ("height_cm", "weight_kg") if data.get(k) is None
    }
    names = []
    for row in data["names"]:
        name = {k: row[k] for k in NAME_FIELDS if k in row}
        name["transcribed_by"] = _agency(row.get("transcribed_by")) or (
            received.sender_agency if name.get("kind") == "transcription" else None
        )
        name["source"] = str(received.sender_agency.code)
        names.append(name)
    documents = [
        _blank_to_empty(row, DOCUMENT_FIELDS, dates=("issued_on", "valid_until")) for row in data.get("documents") or []
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


def apply_share(received: Received) -> Notice:
    """Write (or update) the copy of the partner's notice and share it with the recipient agency."""
    data = received.payload["notice"]
    with transaction.atomic():
        person = _person(received)
        status = data["status"]
        fields = {name: data[name] for name in NOTICE_FIELDS if name in data and name != "status"}
        fields = _blank_to_empty(fields, tuple(fields), dates=("legal_basis_date", "valid_until", "issued_on"))
        fields["issuing_agency"] = _agency(data.get("issuing_agency"))
        if fields.get("source") == NoticeSource.OWN:  # the sender's own notice is, here, a partner's
            fields["source"] = NoticeSource.PARTNER
        offences = [_blank_to_empty(row, OFFENCE_FIELDS) for row in data.get("offences") or []]
        notice = origin.find(Notice, received.partner, received.payload["id"])
        if notice is None:
            notice = notice_actions.do_create_notice(
                fields | {"person": person}, offences=offences, actor=received.actor
            )
        else:
            notice = notice_actions.do_update_notice(notice, fields, offences=offences, actor=received.actor)
        if notice.status != status:
            if status == "suspended" and notice.status == "draft":
                notice = notice_actions.do_transition_notice(notice, "active", actor=received.actor)
            notice = notice_actions.do_transition_notice(
                notice, status, note=str(_("As on the sending node.")), actor=received.actor
            )
        origin.record(notice, received, received.payload["id"])
        notice_actions.do_share_notice(
            notice,
            received.recipient_agency,
            handling_code=received.handling_code,
            tlp=received.tlp,
            note=received.handling_note,
            actor=received.actor,
        )
    return notice


def apply_unshare(received: Received) -> None:
    """Withdraw the recipient agency's share of the copy (nothing to do when there is no copy or no share: the
    share may never have been applied here)."""
    notice = origin.find(Notice, received.partner, received.payload["id"])
    if notice is not None and notice_actions.share_for(notice, received.recipient_agency.pk) is not None:
        notice_actions.do_unshare_notice(notice, received.recipient_agency, actor=received.actor)


def register() -> None:
    registry.register_envelope_kind(
        SHARE_KIND, handler=apply_share, validate=check_share_payload, label=_("A notice shared with us")
    )
    registry.register_envelope_kind(
        UNSHARE_KIND, handler=apply_unshare, validate=check_unshare_payload, label=_("A notice's share withdrawn")
    )
    registry.register_shared_record_kinds("desk.notice", share=SHARE_KIND, unshare=UNSHARE_KIND, content=notice_content)
    for target in ("desk.notice", "people.person"):
        registry.register_record_panel(
            target, "origin", template="federation/_origin.html", context=origin.panel_context, order=0
        )
