"""The desk's notice kinds: `desk.notice.share` and `desk.notice.unshare` (desk/federation/__init__.py)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from liaison.desk.actions import notices as notice_actions
from liaison.desk.choices import NoticeSource
from liaison.desk.federation.persons import (
    agency_by_code,
    blank_to_empty,
    check_person_payload,
    person_content,
    receive_person,
    values,
)
from liaison.desk.models import Notice
from liaison.federation import origin
from liaison.federation.envelopes import Received

SHARE_KIND = "desk.notice.share"
UNSHARE_KIND = "desk.notice.unshare"
NOTICE_FIELDS = (
    "kind", "status", "source", "issuing_country", "reference", "interpol_id", "legal_basis_kind",
    "legal_basis_authority", "legal_basis_date", "legal_basis_reference", "summary", "issued_on", "valid_until",
)  # fmt: skip
OFFENCE_FIELDS = ("description", "description_translation", "crime_area", "law", "max_penalty", "country")


def notice_content(notice: Notice, share: Any) -> tuple[dict[str, Any], list[tuple[str, str, bytes]]]:
    """The payload of a shared notice (see the module docstring) and the releasable photos as attachments."""
    person, files = person_content(notice.person)
    payload = {
        "id": str(notice.pk),
        "notice": values(notice, NOTICE_FIELDS)
        | {
            "issuing_agency": notice.issuing_agency.code if notice.issuing_agency else "",
            "offences": [values(offence, OFFENCE_FIELDS) for offence in notice.offences.all()],
        },
        "person": person,
    }
    return payload, files


def check_share_payload(payload: Any) -> None:
    """Refuse a malformed notice before anything is written (ValueError with the reason)."""
    if not isinstance(payload.get("notice"), dict) or not str(payload.get("id") or ""):
        raise ValueError("the payload has no notice with an id")
    check_person_payload(payload.get("person"))
    if not isinstance(payload["notice"].get("offences", []), list):
        raise ValueError("the offences are not a list")
    if payload["notice"].get("status") not in ("active", "suspended"):
        raise ValueError("only an active or suspended notice is shared")


def check_unshare_payload(payload: Any) -> None:
    if not str(payload.get("id") or ""):
        raise ValueError("the payload names no notice")


def apply_share(received: Received) -> Notice:
    """Write (or update) the copy of the partner's notice and share it with the recipient agency."""
    data = received.payload["notice"]
    with transaction.atomic():
        person = receive_person(received, received.payload["person"])
        status = data["status"]
        fields = {name: data[name] for name in NOTICE_FIELDS if name in data and name != "status"}
        fields = blank_to_empty(fields, tuple(fields), dates=("legal_basis_date", "valid_until", "issued_on"))
        fields["issuing_agency"] = agency_by_code(data.get("issuing_agency"))
        if fields.get("source") == NoticeSource.OWN:  # the sender's own notice is, here, a partner's
            fields["source"] = NoticeSource.PARTNER
        offences = [blank_to_empty(row, OFFENCE_FIELDS) for row in data.get("offences") or []]
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
