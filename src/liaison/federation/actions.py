"""Federation's actions (audited; core/actions.py): set up this node, pair, suspend and unpair partner nodes, rotate
keys, retry a message. The node administrator runs them from the pages or the command line (`liaison node …`,
`liaison federation …`); each checks the permission `federation.manage`."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from liaison.agencies import actions as agency_actions
from liaison.agencies.models import Agency
from liaison.core import actions, audit
from liaison.federation import accounts, delivery, keys, nodes, outbox
from liaison.federation.choices import Direction, EnvelopeState, KeyUse, PartnerStatus
from liaison.federation.models import Envelope, LocalNode, NodeKey, PartnerNode

MANAGE_PERMISSION = "federation.manage"
CARD_KIND = "federation.node.card"


def _node_state(node: LocalNode) -> dict[str, Any]:
    return {"node_id": node.node_id, "url": node.url, "agency": node.agency.code}


def do_init_node(url: str, *, node_id: str = "", actor: Any) -> LocalNode:
    """Give this node its identity for its home agency (LIAISON_HOME_AGENCY) and create its signing and encryption
    key pairs. Run again, it changes the node's address and keeps its keys."""
    actions.require(actor, MANAGE_PERMISSION)
    code = settings.LIAISON_HOME_AGENCY
    agency = Agency.objects.filter(code=code).first()
    if agency is None:
        raise ValidationError({"agency": _("No agency has the code %(code)s (LIAISON_HOME_AGENCY).") % {"code": code}})
    other_home = Agency.objects.filter(is_home=True).exclude(pk=agency.pk).first()
    if other_home is not None:
        raise ValidationError(
            {
                "agency": _("%(other)s is already this node's home agency, not %(code)s.")
                % {"other": other_home, "code": code}
            }
        )
    if nodes.partner_for(agency) is not None:
        raise ValidationError({"agency": _("%(code)s is served by a partner node.") % {"code": code}})
    with transaction.atomic():
        if not agency.is_home:
            agency_actions.do_update_agency(agency, {"is_home": True}, actor=actor)
        node = LocalNode.objects.select_for_update().first()
        if node is not None:
            before = _node_state(node)
            node.url = url
            node.full_clean()
            node.save()
            audit.record("node.update", actor=actor, obj=node, before=before, after=_node_state(node))
            return node
        node = LocalNode(node_id=node_id or code, url=url, agency=agency)
        node.full_clean()
        node.save()
        created = []
        for use in (KeyUse.SIGN, KeyUse.ENCRYPT):
            key = keys.create_key(use)
            key.is_current = True
            key.save(update_fields=["is_current"])
            created.append(key.kid)
        audit.record("node.init", actor=actor, obj=node, after=_node_state(node) | {"keys": created})
    return node


def do_pair_node(card_data: Any, *, fingerprint: str, actor: Any) -> PartnerNode:
    """Register the partner node of `card_data` once its fingerprint, read out of band, matches. The agencies on
    its card become remote here (created in the directory when unknown)."""
    actions.require(actor, MANAGE_PERMISSION)
    card_data = nodes.check_card(card_data)
    expected = nodes.fingerprint(card_data)
    if nodes.normal_fingerprint(fingerprint) != nodes.normal_fingerprint(expected):
        raise ValidationError(
            {"fingerprint": _("The fingerprint does not match this card: do not pair, and ask the partner again.")}
        )
    local = nodes.local_node()
    if card_data["node"] == local.node_id:
        raise ValidationError({"card": _("This is this node's own card.")})
    with transaction.atomic():
        partner = PartnerNode.objects.select_for_update().filter(node_id=card_data["node"]).first()
        new = partner is None
        partner = partner or PartnerNode(node_id=card_data["node"])
        new = new or partner.status == PartnerStatus.UNPAIRED  # a former partner paired again
        partner.status = PartnerStatus.ACTIVE if partner.status == PartnerStatus.UNPAIRED else partner.status
        partner.url, partner.inbox_url = card_data["url"], card_data["inbox"]
        partner.fingerprint, partner.card = expected, card_data
        partner.full_clean()
        partner.save()
        nodes.set_partner_keys(partner, card_data)
        partner.agencies.set(_remote_agencies(partner, card_data, actor=actor))
        audit.record(
            "partner_node.pair" if new else "partner_node.update_card",
            actor=actor,
            obj=partner,
            after={
                "node": partner.node_id,
                "fingerprint": expected,
                "agencies": [a["code"] for a in card_data["agencies"]],
            },
        )
    return partner


def _remote_agencies(partner: PartnerNode, card_data: dict[str, Any], *, actor: Any) -> list[Agency]:
    found = []
    for entry in card_data["agencies"]:
        agency = Agency.objects.filter(code=entry["code"]).first()
        if agency is None:
            data = {name: entry[name] for name in nodes.AGENCY_FIELDS} | {"is_home": False, "is_active": True}
            agency = agency_actions.do_create_agency(data, actor=actor)
        if agency.is_home:
            raise ValidationError(
                {"card": _("The card names this node's home agency %(code)s.") % {"code": agency.code}}
            )
        other = agency.partner_nodes.exclude(pk=partner.pk).first()
        if other is not None:
            raise ValidationError(
                {"card": _("%(code)s is already served by the node %(node)s.") % {"code": agency.code, "node": other}}
            )
        # The partner's account for the agency exists before its first message: applying a message then writes
        # no audit record before the handler's own locks (a local action holding the record the message changes
        # and waiting for the audit chain would otherwise deadlock with it).
        accounts.partner_account(partner, agency)
        found.append(agency)
    return found


def apply_card(received: Any) -> None:
    """Handler of 'federation.node.card': a partner's new card (after a key rotation), signed with a key we know."""
    card_data = nodes.check_card(received.payload)
    partner = PartnerNode.objects.select_for_update().get(pk=received.partner.pk)
    if card_data["node"] != partner.node_id:
        raise ValidationError(_("The card is not the sender node's."))
    partner.url, partner.inbox_url = card_data["url"], card_data["inbox"]
    partner.fingerprint, partner.card = nodes.fingerprint(card_data), card_data
    partner.save()
    nodes.set_partner_keys(partner, card_data)
    audit.record(
        "partner_node.update_card", actor=received.actor, obj=partner, after={"fingerprint": partner.fingerprint}
    )


def check_card_payload(payload: Any) -> None:
    try:
        nodes.check_card(payload)
    except nodes.CardError as error:
        raise ValueError(str(error)) from None


def do_rotate_keys(*, overlap: datetime.timedelta, actor: Any) -> list[NodeKey]:
    """New signing and encryption keys; the old ones stay valid for `overlap`. Every active partner receives the
    new card signed with the old key, so it trusts the new keys before the old ones expire."""
    actions.require(actor, MANAGE_PERMISSION)
    if overlap < datetime.timedelta(0):
        raise ValidationError({"overlap": _("The overlap cannot be negative.")})
    node = nodes.local_node()
    with transaction.atomic():
        fresh = [keys.create_key(use) for use in (KeyUse.SIGN, KeyUse.ENCRYPT)]
        until = timezone.now() + overlap
        retiring = set(NodeKey.objects.filter(is_current=True).values_list("kid", flat=True))
        card_data = nodes.card()  # the current keys (until the end of the overlap) and the new ones
        for entry in card_data["keys"]:
            if entry["kid"] in retiring:
                entry["valid_until"] = nodes.when(until)
        for partner in PartnerNode.objects.filter(status=PartnerStatus.ACTIVE):
            recipient = partner.agencies.order_by("pk").first()
            if recipient is not None:
                outbox.enqueue(
                    CARD_KIND,
                    sender_agency=node.agency,
                    recipient_agency=recipient,
                    payload=card_data,
                    handling_code="H0",
                    tlp="CLEAR",
                )
        for key in fresh:
            old = NodeKey.objects.select_for_update().filter(use=key.use, is_current=True).first()
            if old is not None:
                old.is_current, old.valid_until = False, until
                old.save(update_fields=["is_current", "valid_until"])
            key.is_current = True
            key.save(update_fields=["is_current"])
        audit.record(
            "node.rotate_keys",
            actor=actor,
            obj=node,
            after={"keys": [key.kid for key in fresh], "old_keys_valid_until": until.isoformat()},
        )
    return fresh


def do_set_partner_status(partner: PartnerNode, status: str, *, actor: Any) -> PartnerNode:
    """Suspend a partner node (its messages are refused, ours to it held) or make it active again (what was held
    is sent)."""
    actions.require(actor, MANAGE_PERMISSION)
    if status not in (PartnerStatus.ACTIVE, PartnerStatus.SUSPENDED):
        raise ValidationError({"status": _("Choose active or suspended.")})
    if partner.status == PartnerStatus.UNPAIRED:
        raise ValidationError({"status": _("This node was unpaired: pair its card again.")})
    with transaction.atomic():
        stored = PartnerNode.objects.select_for_update().get(pk=partner.pk)
        before = stored.status
        if before == status:
            return stored
        stored.status = status
        stored.save(update_fields=["status", "updated_at"])
        audit.record(
            "partner_node.suspend" if status == PartnerStatus.SUSPENDED else "partner_node.resume",
            actor=actor,
            obj=stored,
            before={"status": before},
            after={"status": status},
        )
        if status == PartnerStatus.ACTIVE:
            held = Envelope.objects.filter(partner=stored, direction=Direction.OUT, state=EnvelopeState.PENDING)
            held.update(next_attempt_at=timezone.now(), last_error="")
            for envelope in held:
                delivery.schedule_after_commit(envelope)
    return stored


def do_unpair_node(partner: PartnerNode, *, reason: str, actor: Any) -> PartnerNode:
    """Remove a partner node (docs/decisions/0034): refused unless it is suspended first and a reason is given.
    The agencies it served are no longer remote (hosted here again, with no officer until the administrator
    creates one); the messages still waiting for it are cancelled with the reason; its messages are refused as
    from an unknown node. What it sent stays, owned by its agency, read-only, and says it came from a former
    partner. Pairing its card again makes it a partner again."""
    actions.require(actor, MANAGE_PERMISSION)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the partner node is unpaired.")})
    with transaction.atomic():
        stored = PartnerNode.objects.select_for_update().get(pk=partner.pk)
        if stored.status == PartnerStatus.UNPAIRED:
            raise ValidationError({"status": _("This node is already unpaired.")})
        if stored.status != PartnerStatus.SUSPENDED:
            raise ValidationError(
                {"status": _("Suspend the partner node first: its messages are then refused while you unpair it.")}
            )
        agencies = sorted(stored.agencies.values_list("code", flat=True))
        stored.agencies.clear()
        stored.status = PartnerStatus.UNPAIRED
        stored.save(update_fields=["status", "updated_at"])
        now = timezone.now()
        cancelled = Envelope.objects.filter(partner=stored, direction=Direction.OUT, state=EnvelopeState.PENDING)
        count = cancelled.update(
            state=EnvelopeState.CANCELLED,
            last_error=_("Cancelled: the partner node was unpaired (%(reason)s).") % {"reason": reason},
            next_attempt_at=None,
            done_at=now,
            updated_at=now,
        )
        audit.record(
            "partner_node.unpair",
            actor=actor,
            obj=stored,
            before={"status": PartnerStatus.SUSPENDED, "agencies": agencies},
            after={"status": PartnerStatus.UNPAIRED, "reason": reason, "cancelled_messages": count},
        )
    return stored


def do_retry_envelope(envelope: Envelope, *, actor: Any) -> Envelope:
    """Send a refused or failed outgoing message again, or apply a failed incoming one again."""
    actions.require(actor, MANAGE_PERMISSION)
    if envelope.direction == Direction.IN:
        if envelope.state != EnvelopeState.FAILED:
            raise ValidationError({"state": _("Only a message that failed to apply is applied again.")})
        with transaction.atomic():
            audit.record("envelope.retry", actor=actor, obj=envelope, before={"state": envelope.state})
        from liaison.federation import inbox

        inbox.retry(envelope)
        envelope.refresh_from_db()
        return envelope
    if envelope.state not in (EnvelopeState.REFUSED, EnvelopeState.FAILED):
        raise ValidationError({"state": _("Only a refused or failed message is sent again.")})
    with transaction.atomic():
        before = {"state": envelope.state, "attempts": envelope.attempts, "last_error": envelope.last_error}
        Envelope.objects.filter(pk=envelope.pk).update(
            state=EnvelopeState.PENDING, attempts=0, next_attempt_at=timezone.now(), updated_at=timezone.now()
        )
        envelope.refresh_from_db()
        audit.record("envelope.retry", actor=actor, obj=envelope, before=before, after={"state": envelope.state})
        delivery.schedule_after_commit(envelope)
    return envelope


def do_export_package(partner: PartnerNode, *, actor: Any) -> tuple[str, int]:
    """The offline package of every pending message for `partner` (packages.py), audited with how many."""
    from liaison.federation import packages

    actions.require(actor, MANAGE_PERMISSION)
    text, count = packages.export_package(partner)
    with transaction.atomic():
        audit.record("federation.export_package", actor=actor, obj=partner, after={"messages": count})
    return text, count


def do_import_package(text: str, *, actor: Any) -> Any:
    """Apply an offline package (packages.py; each message is applied and audited by the inbox), audited."""
    from liaison.federation import packages

    actions.require(actor, MANAGE_PERMISSION)
    result = packages.import_package(text)
    counts = {"applied": result.applied, "duplicates": result.duplicates, "refused": result.refused}
    with transaction.atomic():
        audit.record(
            "federation.import_package",
            actor=actor,
            obj=result.partner,
            after={"type": result.kind, **counts, "receipts": result.receipts},
        )
    return result
