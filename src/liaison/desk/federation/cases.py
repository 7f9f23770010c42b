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
from liaison.core.choices import CrimeArea
from liaison.desk.actions import cases as case_actions
from liaison.desk.choices import CaseDirection, CaseEventKind, CaseStatus
from liaison.desk.federation.persons import check_person_payload, person_content, receive_person
from liaison.desk.models import CaseEvent, FugitiveCase, Notice
from liaison.federation import memo, nodes, origin, outbox
from liaison.federation.choices import Direction
from liaison.federation.envelopes import Received
from liaison.federation.models import Envelope
from liaison.people import actions as people_actions
from liaison.people.models import Person

CASE_REQUEST_KIND = "desk.case.request"
CASE_OPENED_KIND = "desk.case.opened"
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
    partner = nodes.partner_for(case.partner)
    if partner is None or not nodes.serves(case.owner):
        return
    files: list[tuple[str, str, bytes]] = []
    if instance.kind == CaseEventKind.OPENED and case.direction == CaseDirection.OUTGOING:
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
    elif instance.kind == CaseEventKind.OPENED:
        # Our incoming case: the partner's request it sent (already linked), one recorded by hand (the partner's
        # node knows nothing of it), or one opened here on the partner's notice, e.g. by a screening hit: the
        # partner's node opens (or links) its outgoing case about its own person.
        opened = _opened_on_partners_record(case, partner, instance)
        if opened is None:
            return
        payload, kind = opened, CASE_OPENED_KIND
    elif _linked_with_partner(case, partner):
        payload, kind = _case_event_payload(case, _event_content(instance)), CASE_EVENT_KIND
    else:
        return  # the partner's node has no case to put it on
    outbox.enqueue(
        kind,
        sender_agency=case.owner,
        recipient_agency=case.partner,
        payload=payload,
        attachments=files,
        handling_code=CASE_HANDLING_CODE,
        tlp=CASE_TLP,
    )


def _received_from(obj: Any, partner: Any) -> str | None:
    """The partner's id for `obj` when `obj` is a copy received from `partner`, else None."""
    came_from = origin.of(obj) if obj is not None else None
    return came_from.remote_id if came_from is not None and came_from.partner_id == partner.pk else None


def _opened_on_partners_record(case: FugitiveCase, partner: Any, opening: CaseEvent) -> dict[str, Any] | None:
    """The `desk.case.opened` payload of our incoming case about the partner's own person (a copy it sent us),
    or None when the partner's node does not hold the person."""
    person_id = _received_from(case.person, partner)
    if person_id is None or _received_from(case, partner) is not None:
        return None
    return {
        "reference": case.reference,
        "person": person_id,
        "notice": _received_from(case.notice, partner) or "",
        "notice_reference": case.notice.reference if case.notice is not None else "",
        "priority": case.priority,
        "crime_area": case.crime_area,
        "received_on": case.received_on.isoformat(),
        "note": opening.note,
    }


def _linked_with_partner(case: FugitiveCase, partner: Any) -> bool:
    """Whether the partner's node holds the other side of the case: it sent us its request or linked ours (an
    origin), or we sent it our request or the opening of our case on its person. A case recorded before the
    pairing (e.g. the demo's) was never sent, and its entries would fail there."""
    if _received_from(case, partner) is not None:
        return True
    return Envelope.objects.filter(
        partner=partner,
        direction=Direction.OUT,
        kind__in=(CASE_REQUEST_KIND, CASE_OPENED_KIND),
        payload__reference=case.reference,
    ).exists()


def _case_event_payload(case: FugitiveCase, event: dict[str, Any]) -> dict[str, Any]:
    return {"reference": case.reference, "partner_reference": case.partner_reference, "event": event}


def _link(case: FugitiveCase, received: Received) -> None:
    """Our case mirrors the partner's case of `received`: note where it came from, and answer "linked" with our
    reference (the partner's case takes it as its partner reference)."""
    origin.record(case, received, received.payload["reference"])
    outbox.enqueue(
        CASE_EVENT_KIND,
        sender_agency=received.recipient_agency,
        recipient_agency=received.sender_agency,
        payload=_case_event_payload(case, {"kind": "linked"}),
        references=[received.id],
        handling_code=CASE_HANDLING_CODE,
        tlp=CASE_TLP,
    )


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
        _link(case, received)
    return case


def check_case_opened_payload(payload: Any) -> None:
    if not str(payload.get("reference") or "") or not str(payload.get("person") or ""):
        raise ValueError("the message names no case or no person")
    datetime.date.fromisoformat(str(payload.get("received_on")))


def _number(value: Any) -> int:
    """A record id from a message (0, which no record has, when it is not one)."""
    return int(str(value)) if str(value or "").isdigit() else 0


def apply_case_opened(received: Received) -> FugitiveCase:
    """The partner opened a case on our own person (our notice's copy there, found e.g. by screening): our open
    request to the partner about the person takes its reference, or our request is opened here; either way it
    is linked both ways (we answer "linked" with our reference)."""
    data = received.payload
    found = origin.find(FugitiveCase, received.partner, data["reference"])
    if found is not None:
        return found
    ours = received.recipient_agency
    person = Person.objects.filter(pk=_number(data["person"]), owner=ours).first()
    if person is None:
        raise ValidationError(_("No person of ours matches this message."))
    notice = Notice.objects.filter(pk=_number(data.get("notice")), owner=ours, person=person).first()
    actor = _desk_actor(received, ours)
    note = _("%(partner)s opened its case %(reference)s on our request.") % {
        "partner": received.sender_agency,
        "reference": data["reference"],
    }
    with _from_partner(), transaction.atomic():
        case = (
            FugitiveCase.objects.open()
            .filter(owner=ours, partner=received.sender_agency, person=person, direction=CaseDirection.OUTGOING)
            .order_by("-received_on", "-pk")
            .first()
        )
        if case is None:
            fields = {
                "person": person,
                "notice": notice,
                "partner": received.sender_agency,
                "direction": CaseDirection.OUTGOING,
                "partner_reference": data["reference"],
                "crime_area": str(data.get("crime_area") or "") if data.get("crime_area") in CrimeArea.values else "",
                "summary": str(note),
                "received_on": min(datetime.date.fromisoformat(data["received_on"]), timezone.localdate()),
            }
            case = case_actions.do_create_case(fields, actor=actor, note=str(note))
        else:
            case_actions.do_update_case(case, {"partner_reference": data["reference"]}, actor=actor)
            case_actions.do_add_case_note(case, note=str(note), actor=actor, data={"from_node": received.sender_node})
        _link(case, received)
    return case


def _status_label(value: Any) -> str:
    return str(CaseStatus(value).label) if value in CaseStatus.values else str(value or "")


def _when(event: dict[str, Any]) -> str:
    try:
        moment = datetime.datetime.fromisoformat(str(event.get("occurred_at")))
    except ValueError:
        return ""
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if timezone.is_aware(moment) else str(moment.date())


def _describe(event: dict[str, Any], partner: Any) -> str:
    if event.get("kind") == CaseEventKind.SCREENING_HIT:
        text = _("%(partner)s confirmed a screening hit at %(place)s, %(date)s.") % {
            "partner": partner,
            "place": str(event.get("place") or "").strip() or "?",
            "date": _when(event) or "?",
        }
        return " ".join([str(text), str(event.get("note") or "").strip()]).strip()
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
    case, came_from = origin.find_with_origin(FugitiveCase, received.partner, data["reference"], related=("owner",))
    case = case or (
        FugitiveCase.objects.select_related("owner")
        .filter(reference=str(data.get("partner_reference") or "-"), partner=received.sender_agency)
        .first()
    )
    if case is None or not nodes.serves(case.owner):
        raise ValidationError(_("No case here matches this message."))
    actor = _desk_actor(received, case.owner)
    with _from_partner(), transaction.atomic():
        origin.record(case, received, data["reference"], known=came_from)
        if data["event"].get("kind") == "linked":
            if case.partner_reference != data["reference"]:
                case_actions.do_update_case(case, {"partner_reference": data["reference"]}, actor=actor)
            return
        note = _describe(data["event"], received.sender_agency)
        case_actions.do_add_case_note(
            case, note=note, actor=actor, data={"partner_event": data["event"], "from_node": received.sender_node}
        )


def case_event_group(received: Received) -> tuple[str, str] | None:
    """What a `desk.case.event` acts on, for the inbox to apply a batch's consecutive entries of one case together
    (`apply_case_events`): the partner's case reference; None for "linked", which is applied on its own."""
    data = received.payload
    if data["event"].get("kind") == "linked":
        return None
    return str(data["reference"]), str(data.get("partner_reference") or "")


def apply_case_events(batch: list[Received]) -> None:
    """`apply_case_event` for consecutive entries of one partner's case (same reference, none "linked"): the case
    found once, its origin recorded once (as the last entry leaves it), the entries added through the desk's
    `do_add_case_notes` — one lock of the case, the timeline entries inserted together, an audit record each."""
    first, last = batch[0], batch[-1]
    data = first.payload
    case, came_from = origin.find_with_origin(FugitiveCase, first.partner, data["reference"], related=("owner",))
    case = case or (
        FugitiveCase.objects.select_related("owner")
        .filter(reference=str(data.get("partner_reference") or "-"), partner=first.sender_agency)
        .first()
    )
    if case is None or not nodes.serves(case.owner):
        raise ValidationError(_("No case here matches this message."))
    if any((r.partner.pk, r.sender_agency.pk) != (first.partner.pk, first.sender_agency.pk) for r in batch):
        raise ValueError("the entries of one group come from one partner and agency")
    actor = _desk_actor(first, case.owner)
    notes = [
        {
            "note": _describe(received.payload["event"], received.sender_agency),
            "data": {"partner_event": received.payload["event"], "from_node": received.sender_node},
        }
        for received in batch
    ]
    with _from_partner(), transaction.atomic():
        origin.record(case, last, data["reference"], known=came_from)
        case_actions.do_add_case_notes(case, notes, actor=actor)
