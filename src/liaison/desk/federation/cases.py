"""The fugitive case between two desks: `desk.case.request` and `desk.case.event` (desk/federation/__init__.py)."""

from __future__ import annotations

import contextvars
import datetime
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from liaison.agencies.system import SystemActor
from liaison.desk.actions import cases as case_actions
from liaison.desk.choices import CaseDirection, CaseEventKind, CaseStatus
from liaison.desk.federation.persons import check_person_payload, person_content, receive_person
from liaison.desk.models import CaseEvent, FugitiveCase
from liaison.federation import memo, nodes, origin, outbox
from liaison.federation.envelopes import Received
from liaison.people import actions as people_actions

CASE_REQUEST_KIND = "desk.case.request"
CASE_EVENT_KIND = "desk.case.event"
CASE_HANDLING_CODE, CASE_TLP = "H2", "AMBER"  # a request between two desks: no onward dissemination


_applying: contextvars.ContextVar[bool] = contextvars.ContextVar("desk_federation_applying", default=False)


@contextmanager
def _from_partner() -> Iterator[None]:
    """While a partner's message is applied: the timeline entries it writes are not sent back."""
    token = _applying.set(True)
    try:
        yield
    finally:
        _applying.reset(token)


def _event_content(event: CaseEvent) -> dict[str, Any]:
    return {
        "kind": event.kind,
        "from_status": event.from_status,
        "to_status": event.to_status,
        "note": event.note,
        "place": event.place,
        "occurred_at": event.occurred_at.isoformat(),
    }


@memo.batched
def on_case_event(sender: Any, instance: CaseEvent, created: bool, raw: bool = False, **kwargs: Any) -> None:
    """post_save of CaseEvent: a case with a remote partner sends its request (when opened) or the entry."""
    if not created or raw or _applying.get():
        return
    case = instance.case
    if nodes.partner_for(case.partner) is None or not nodes.serves(case.owner):
        return
    if instance.kind == CaseEventKind.OPENED:
        if case.direction != CaseDirection.OUTGOING:
            return  # an incoming request recorded here by hand: the partner's node did not send it
        person, files = person_content(case.person)
        payload = {
            "reference": case.reference,
            "person": person,
            "priority": case.priority,
            "crime_area": case.crime_area,
            "summary": case.summary,
            "received_on": case.received_on.isoformat(),
            "note": instance.note,
        }
        kind = CASE_REQUEST_KIND
    else:
        payload, files = _case_event_payload(case, _event_content(instance)), []
        kind = CASE_EVENT_KIND
    outbox.enqueue(
        kind,
        sender_agency=case.owner,
        recipient_agency=case.partner,
        payload=payload,
        attachments=files,
        handling_code=CASE_HANDLING_CODE,
        tlp=CASE_TLP,
    )


def _case_event_payload(case: FugitiveCase, event: dict[str, Any]) -> dict[str, Any]:
    return {"reference": case.reference, "partner_reference": case.partner_reference, "event": event}


def check_case_request_payload(payload: Any) -> None:
    if not str(payload.get("reference") or ""):
        raise ValueError("the request has no reference")
    check_person_payload(payload.get("person"))
    datetime.date.fromisoformat(str(payload.get("received_on")))


def check_case_event_payload(payload: Any) -> None:
    if not str(payload.get("reference") or "") or not isinstance(payload.get("event"), dict):
        raise ValueError("the message names no case or no entry")
    if not str(payload["event"].get("kind") or ""):
        raise ValueError("the entry has no kind")


def _desk_actor(received: Received, agency: Any) -> SystemActor:
    """Acts for the receiving desk on its own case (the partner's message moves our case's timeline)."""
    return SystemActor(name=f"federation:{received.sender_node}"[:150], agency=agency)


def apply_case_request(received: Received) -> FugitiveCase:
    """Open the mirrored (incoming) case for the partner's request and answer with our reference."""
    data = received.payload
    found = origin.find(FugitiveCase, received.partner, data["reference"])
    if found is not None:
        return found
    with _from_partner(), transaction.atomic():
        person = receive_person(received, data["person"])
        people_actions.do_share_person(
            person,
            received.recipient_agency,
            handling_code=received.handling_code,
            tlp=received.tlp,
            note=received.handling_note,
            actor=received.actor,
        )
        fields = {
            "person": person,
            "partner": received.sender_agency,
            "direction": CaseDirection.INCOMING,
            "partner_reference": data["reference"],
            "priority": data.get("priority") or 2,
            "crime_area": str(data.get("crime_area") or ""),
            "summary": str(data.get("summary") or ""),
            "received_on": min(datetime.date.fromisoformat(data["received_on"]), timezone.localdate()),
        }
        actor = _desk_actor(received, received.recipient_agency)
        case = case_actions.do_create_case(fields, actor=actor, note=str(data.get("note") or ""))
        origin.record(case, received, data["reference"])
        outbox.enqueue(
            CASE_EVENT_KIND,
            sender_agency=received.recipient_agency,
            recipient_agency=received.sender_agency,
            payload=_case_event_payload(case, {"kind": "linked"}),
            references=[received.id],
            handling_code=CASE_HANDLING_CODE,
            tlp=CASE_TLP,
        )
    return case


def _status_label(value: Any) -> str:
    return str(CaseStatus(value).label) if value in CaseStatus.values else str(value or "")


def _describe(event: dict[str, Any], partner: Any) -> str:
    if event.get("kind") == CaseEventKind.TRANSITION:
        text = _("%(partner)s moved their case from “%(from)s” to “%(to)s”.") % {
            "partner": partner,
            "from": _status_label(event.get("from_status")),
            "to": _status_label(event.get("to_status")),
        }
    else:
        kind = event.get("kind")
        label = CaseEventKind(kind).label if kind in CaseEventKind.values else kind
        text = _("%(partner)s recorded: %(kind)s.") % {"partner": partner, "kind": label}
    details = [str(event.get(name) or "").strip() for name in ("note", "place")]
    return " ".join([str(text), *[d for d in details if d]])


def apply_case_event(received: Received) -> None:
    """Put the partner's timeline entry on our case (or, for "linked", take their reference)."""
    data = received.payload
    case = origin.find(FugitiveCase, received.partner, data["reference"]) or (
        FugitiveCase.objects.filter(
            reference=str(data.get("partner_reference") or "-"), partner=received.sender_agency
        ).first()
    )
    if case is None or not nodes.serves(case.owner):
        raise ValidationError(_("No case here matches this message."))
    actor = _desk_actor(received, case.owner)
    with _from_partner(), transaction.atomic():
        origin.record(case, received, data["reference"])
        if data["event"].get("kind") == "linked":
            if case.partner_reference != data["reference"]:
                case_actions.do_update_case(case, {"partner_reference": data["reference"]}, actor=actor)
            return
        note = _describe(data["event"], received.sender_agency)
        case_actions.do_add_case_note(
            case, note=note, actor=actor, data={"partner_event": data["event"], "from_node": received.sender_node}
        )
