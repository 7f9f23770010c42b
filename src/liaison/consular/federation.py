"""The consular notification between nodes (federation; core.registry envelope kinds).

- `consular.notification.send`: the notification of the arrest of a partner's national held here, to that
  partner when it runs its own node: the person (names, documents, releasable photos), what happened, where they
  are held (facility, address), by which authority, the charges, the lawyer. Never the family contact nor our
  internal summary. The receiving node opens its own case — its national abroad, notified — about its copy of the
  person, and answers with
- `consular.notification.ack`: the acknowledgement, with its reference, which becomes our case's partner reference
  and meets our notification's acknowledgement.
A hosted partner needs no envelope: its officers read the notified case on this node (access.py).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from liaison.agencies.system import SystemActor
from liaison.consular.choices import Consent, Direction, Situation
from liaison.consular.models import ConsularCase
from liaison.core.choices import CrimeArea
from liaison.desk.federation.persons import check_person_payload, person_content, receive_person
from liaison.federation import nodes, origin, outbox
from liaison.federation.envelopes import Received
from liaison.people import actions as people_actions

NOTIFY_KIND = "consular.notification.send"
ACK_KIND = "consular.notification.ack"
HANDLING_CODE, TLP = "H2", "AMBER"  # between the two authorities: no onward dissemination


def send_notification(case: ConsularCase) -> None:
    """Inside the notifying action's transaction: the envelope to a partner served by a partner node."""
    if nodes.partner_for(case.partner) is None or not nodes.serves(case.owner):
        return
    person, files = person_content(case.person)
    facility = case.facility
    payload = {
        "reference": case.reference,
        "person": person,
        "situation": case.situation,
        "occurred_on": case.occurred_on.isoformat(),
        "notified_on": case.notified_on.isoformat() if case.notified_on else None,
        "place": case.place,
        "facility": {"name": facility.name, "address": facility.address, "phone": facility.phone} if facility else None,
        "authority": case.authority,
        "charges": case.charges,
        "crime_area": case.crime_area,
        "lawyer": case.lawyer,
        "consent_notify": case.consent_notify,
    }
    outbox.enqueue(
        NOTIFY_KIND,
        sender_agency=case.owner,
        recipient_agency=case.partner,
        payload=payload,
        attachments=files,
        handling_code=HANDLING_CODE,
        tlp=TLP,
    )


def check_notification_payload(payload: Any) -> None:
    if not str(payload.get("reference") or ""):
        raise ValueError("the notification has no reference")
    check_person_payload(payload.get("person"))
    if payload.get("situation") not in Situation.values:
        raise ValueError("the notification names no known situation")
    datetime.date.fromisoformat(str(payload.get("occurred_on")))


def check_ack_payload(payload: Any) -> None:
    if not str(payload.get("reference") or "") or not str(payload.get("partner_reference") or ""):
        raise ValueError("the acknowledgement names no case")


def _actor(received: Received, agency: Any) -> SystemActor:
    return SystemActor(name=f"federation:{received.sender_node}"[:150], agency=agency)


def _place(data: dict[str, Any]) -> str:
    facility = data.get("facility") or {}
    parts = [str(data.get("place") or "")] + [str(facility.get(k) or "") for k in ("name", "address", "phone")]
    return " · ".join(p.strip() for p in parts if p.strip())[:255]


def apply_notification(received: Received) -> ConsularCase:
    """Open our case about our national held by the partner, notified, and answer with our reference."""
    from liaison.consular.actions import do_create_case, do_record_notification

    data = received.payload
    found = origin.find(ConsularCase, received.partner, data["reference"])
    if found is not None:
        return found
    actor = _actor(received, received.recipient_agency)
    with transaction.atomic():
        person = receive_person(received, data["person"])
        people_actions.do_share_person(
            person,
            received.recipient_agency,
            handling_code=received.handling_code,
            tlp=received.tlp,
            note=received.handling_note,
            actor=received.actor,
        )
        crime_area = str(data.get("crime_area") or "")
        case = do_create_case(
            {
                "person": person,
                "direction": Direction.NATIONAL_ABROAD,
                "partner": received.sender_agency,
                "situation": data["situation"],
                "occurred_on": min(datetime.date.fromisoformat(data["occurred_on"]), timezone.localdate()),
                "place": _place(data),
                "authority": str(data.get("authority") or "")[:255],
                "charges": str(data.get("charges") or ""),
                "crime_area": crime_area if crime_area in CrimeArea.values else "",
                "lawyer": str(data.get("lawyer") or "")[:255],
                "consent_notify": (
                    data["consent_notify"] if data.get("consent_notify") in Consent.values else Consent.UNKNOWN
                ),
                "partner_reference": data["reference"],
            },
            actor=actor,
            note=_("Notified by %(partner)s through its node.") % {"partner": received.sender_agency},
        )
        do_record_notification(case, actor=actor)
        origin.record(case, received, data["reference"])
        outbox.enqueue(
            ACK_KIND,
            sender_agency=received.recipient_agency,
            recipient_agency=received.sender_agency,
            payload={"reference": case.reference, "partner_reference": data["reference"]},
            references=[received.id],
            handling_code=HANDLING_CODE,
            tlp=TLP,
        )
    return case


def apply_ack(received: Received) -> ConsularCase:
    """The partner acknowledged our notification: its reference becomes our case's partner reference."""
    from liaison.consular.actions import do_record_acknowledgement

    data = received.payload
    case = ConsularCase.objects.filter(reference=data["partner_reference"], partner=received.sender_agency).first()
    if case is None or not nodes.serves(case.owner):
        raise ValidationError(_("No consular case here matches this message."))
    with transaction.atomic():
        origin.record(case, received, data["reference"])
        if case.acknowledged_on is None:
            do_record_acknowledgement(
                case,
                actor=_actor(received, case.owner),
                partner_reference=data["reference"],
                note=_("Acknowledged by %(partner)s through its node.") % {"partner": received.sender_agency},
            )
    return case
