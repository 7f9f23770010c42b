"""The desk's notice kinds: `desk.notice.share` (also sent again, as the notice now is, when a shared notice of ours
changes status) and `desk.notice.unshare` (desk/federation/__init__.py)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from liaison.desk import workflow
from liaison.desk.actions import notices as notice_actions
from liaison.desk.choices import NoticeSource, NoticeStatus
from liaison.desk.federation.persons import (
    agency_by_code,
    blank_to_empty,
    check_person_payload,
    person_content,
    receive_person,
    values,
)
from liaison.desk.models import Notice
from liaison.federation import nodes, origin, outbox
from liaison.federation.envelopes import Received

SHARE_KIND = "desk.notice.share"
UNSHARE_KIND = "desk.notice.unshare"
NOTICE_FIELDS = (
    "kind", "status", "status_reason", "source", "issuing_country", "reference", "interpol_id", "legal_basis_kind",
    "legal_basis_authority", "legal_basis_date", "legal_basis_reference", "summary", "issued_on", "valid_until",
)  # fmt: skip
SHARED_STATUSES = (NoticeStatus.ACTIVE, NoticeStatus.SUSPENDED)
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
    if payload["notice"].get("status") not in set(NoticeStatus.values) - {NoticeStatus.DRAFT}:
        raise ValueError("only an issued notice is shared")


def check_unshare_payload(payload: Any) -> None:
    if not str(payload.get("id") or ""):
        raise ValueError("the payload names no notice")


def apply_share(received: Received) -> Notice | None:
    """Write (or update) the copy of the partner's notice, follow its status, and share it with the recipient
    agency (while it is active or suspended). A notice no longer in force that never reached us writes nothing."""
    data = received.payload["notice"]
    status = data["status"]
    notice = origin.find(Notice, received.partner, received.payload["id"])
    if notice is None and status not in SHARED_STATUSES:
        return None
    with transaction.atomic():
        person = receive_person(received, received.payload["person"])
        fields = {
            name: data[name] for name in NOTICE_FIELDS if name in data and name not in ("status", "status_reason")
        }
        fields = blank_to_empty(fields, tuple(fields), dates=("legal_basis_date", "valid_until", "issued_on"))
        fields["issuing_agency"] = agency_by_code(data.get("issuing_agency"))
        if fields.get("source") == NoticeSource.OWN:  # the sender's own notice is, here, a partner's
            fields["source"] = NoticeSource.PARTNER
        offences = [blank_to_empty(row, OFFENCE_FIELDS) for row in data.get("offences") or []]
        if notice is None:
            notice = notice_actions.do_create_notice(
                fields | {"person": person}, offences=offences, actor=received.actor
            )
        elif notice.status not in workflow.NOTICE.final_states:
            notice = notice_actions.do_update_notice(notice, fields, offences=offences, actor=received.actor)
        reason = str(data.get("status_reason") or "") or str(_("As on the sending node."))
        notice = _follow_status(notice, status, reason, actor=received.actor)
        origin.record(notice, received, received.payload["id"])
        if status in SHARED_STATUSES:
            notice_actions.do_share_notice(
                notice,
                received.recipient_agency,
                handling_code=received.handling_code,
                tlp=received.tlp,
                note=received.handling_note,
                actor=received.actor,
            )
    return notice


def _follow_status(notice: Notice, status: str, reason: str, *, actor: Any) -> Notice:
    """Move the copy to the sender's status, through "active" where the workflow needs it (a new copy is a draft;
    an expired one is renewed before it is suspended)."""
    if notice.status == status:
        return notice
    if status not in workflow.NOTICE.allowed(notice.status) and NoticeStatus.ACTIVE in workflow.NOTICE.allowed(
        notice.status
    ):
        notice = notice_actions.do_transition_notice(notice, NoticeStatus.ACTIVE, note=reason, actor=actor)
    if notice.status != status:
        notice = notice_actions.do_transition_notice(notice, status, note=reason, actor=actor)
    return notice


def on_notice_saved(
    sender: Any, instance: Notice, created: bool, update_fields: Any = None, raw: bool = False, **kwargs: Any
) -> None:
    """post_save of Notice: a status change (a transition: suspended, cancelled, expired, active again) of a notice
    of ours shared with remote agencies sends each of them the notice as it now is, in the transition's
    transaction. Other changes travel when the notice is shared again."""
    if created or raw or not update_fields or "status" not in update_fields or not nodes.serves(instance.owner):
        return
    for share in notice_actions.notice_shares(instance):
        if nodes.partner_for(share.agency) is None:
            continue
        payload, files = notice_content(instance, share)
        outbox.enqueue(
            SHARE_KIND,
            sender_agency=instance.owner,
            recipient_agency=share.agency,
            payload=payload,
            attachments=files,
            handling_code=share.handling_code,
            tlp=share.tlp,
            note=share.handling_note,
        )


def apply_unshare(received: Received) -> None:
    """Withdraw the recipient agency's share of the copy (nothing to do when there is no copy or no share: the
    share may never have been applied here)."""
    notice = origin.find(Notice, received.partner, received.payload["id"])
    if notice is not None and notice_actions.share_for(notice, received.recipient_agency.pk) is not None:
        notice_actions.do_unshare_notice(notice, received.recipient_agency, actor=received.actor)
