"""The desk's notice kinds: `desk.notice.share` (also sent again, as the notice now is, when what a shared notice
of ours carries changes) and `desk.notice.unshare` (desk/federation/__init__.py)."""

from __future__ import annotations

from typing import Any

from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from liaison.core import context
from liaison.core.models import AuditEvent
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
from liaison.desk.models import Notice, Offence
from liaison.federation import nodes, origin, outbox
from liaison.federation.envelopes import Received
from liaison.people.models import IdentityDocument, PersonName, Photo

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
    if notice is not None and origin.is_older(notice, received):
        return notice  # the partner wrote a newer state since, and it is here already
    if notice is not None and origin.unchanged(received, [notice, notice.person], ("notice", "person")):
        # The same notice and person as the message that wrote the copy (shared again after a withdrawal): only
        # its status, its origin and the share to follow (docs/decisions/0050-federation-throughput-2.md).
        with transaction.atomic():
            origin.record(notice.person, received, received.payload["person"]["id"])
            return _follow_and_share(notice, data, received)
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
        return _follow_and_share(notice, data, received)


def _follow_and_share(notice: Notice, data: dict[str, Any], received: Received) -> Notice:
    """The copy follows the sender's status, notes the message that wrote it, and is shared with the recipient
    agency while active or suspended (inside the caller's transaction)."""
    status = data["status"]
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


# What an audited action changed, by the audit record's object type: the notices it concerns are found through
# the child's parent (read from the audit record for a removed child, from the child itself otherwise).
NOTICE_ACTIONS = {"notice.update", "notice.transition", "notice.review"}
PERSON_PARTS: dict[str, type[models.Model]] = {
    "people.personname": PersonName,
    "people.identitydocument": IdentityDocument,
    "people.photo": Photo,
}
WATCHED = {"desk.notice", "desk.offence", "people.person", *PERSON_PARTS}


def _parent_id(event: AuditEvent, model: type[models.Model], parent: str) -> Any:
    for state in (event.after, event.before):
        if isinstance(state, dict) and state.get(parent) is not None:
            return state[parent]
    return model._default_manager.filter(pk=event.object_id).values_list(f"{parent}_id", flat=True).first()


def _changed_notices(event: AuditEvent) -> list[Notice]:
    """The notices of ours whose shared content the audited change touched (the notice itself, an offence, its
    person, or a name, identity document or photo of that person)."""
    kind = event.object_type
    if kind == "desk.notice" and event.action in NOTICE_ACTIONS:
        found = Notice.objects.filter(pk=event.object_id)
    elif kind == "desk.offence":
        found = Notice.objects.filter(pk=_parent_id(event, Offence, "notice"))
    elif kind == "people.person" and event.action == "person.update":
        found = Notice.objects.filter(person_id=event.object_id)
    elif kind in PERSON_PARTS:
        found = Notice.objects.filter(person_id=_parent_id(event, PERSON_PARTS[kind], "person"))
    else:
        return []
    return [notice for notice in found.select_related("owner") if nodes.serves(notice.owner)]


def on_audit_event(sender: Any, instance: AuditEvent, created: bool, raw: bool = False, **kwargs: Any) -> None:
    """post_save of AuditEvent: an action changed what a shared notice of ours carries (its fields, offences or
    status; its person's fields, names, identity documents or photos): each remote agency it is shared with
    receives the notice as it now is, in the action's transaction (the audit record is the action's last write).
    A partner's records written here (its copies, on the channel 'federation') are not ours: nothing is sent
    back, and the look-ups are spared while the inbox applies messages."""
    if not created or raw or instance.object_type not in WATCHED or instance.channel == context.CHANNEL_FEDERATION:
        return  # what a partner's message writes here is its copies, never a notice of ours
    for notice in _changed_notices(instance):
        if notice.status == NoticeStatus.DRAFT:
            continue
        for share in notice_actions.notice_shares(notice):
            if nodes.partner_for(share.agency) is None:
                continue
            payload, files = notice_content(notice, share)
            outbox.enqueue(
                SHARE_KIND,
                sender_agency=notice.owner,
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
