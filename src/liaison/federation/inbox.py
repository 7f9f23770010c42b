"""The inbox: verify a message from a partner node, apply it exactly once, answer with a signed receipt.

`receive(message, size=…, ip_address=…)` takes one message ({"envelope": compact JWS, "attachments": {sha256:
base64}}) from the HTTP inbox (views.py) or an offline package (packages.py) and returns an `Answer` (HTTP status
and JSON body). In order it checks: size, form, the signing key and its node (known, not suspended), the
signature, that the sender node serves the sending agency, that the message is for this node and an agency it
serves, the freshness window, the kind (registered here; its validator; its size limit), the attachments against
their SHA-256 — then applies it through the kind's handler, in one transaction with the record of the envelope id
(so a message is applied once: the same message again gets the stored receipt; another message under an id
already seen is refused as a replay). A refusal is recorded (InboxRefusal and the audit trail) and applies
nothing. A handler that fails leaves the envelope "failed" with the error, for the sender's next attempt or the
administrator's retry. `receive_batch(messages, …)` takes a list of messages (one POST of several) and answers
one answer per message, each applied (or refused) on its own as above, in its own savepoint of one transaction for
the batch; what does not change within the batch (this node, the partner, its keys, the agencies, the partner's
account) is looked up once (memo.py; docs/decisions/0033-federation-throughput.md). Consecutive messages of a
batch that their kind groups (core.registry's `group`, e.g. a partner's entries of one case) are applied together,
in one savepoint with the records of their ids, by the kind's `handle_group`; where that fails, or an id is stored
already, each is applied on its own as above (docs/decisions/0055-federation-throughput-3.md).
"""

from __future__ import annotations

import base64
import binascii
import datetime
import json
import logging
from dataclasses import dataclass, replace
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from liaison.agencies.models import Agency
from liaison.agencies.system import SystemActor
from liaison.core import audit, context, registry
from liaison.federation import accounts, envelopes, grouped, memo, nodes, signing
from liaison.federation.choices import Direction, EnvelopeState, KeyUse, PartnerStatus, Refusal
from liaison.federation.models import Envelope, EnvelopeAttachment, InboxRefusal, PartnerKey, PartnerNode

logger = logging.getLogger(__name__)

STATUS = {
    Refusal.TOO_LARGE: 413,
    Refusal.MALFORMED: 400,
    Refusal.BAD_SIGNATURE: 403,
    Refusal.UNKNOWN_NODE: 403,
    Refusal.SUSPENDED_NODE: 403,
    Refusal.SENDER_AGENCY: 403,
    Refusal.NOT_FOR_US: 421,
    Refusal.RECIPIENT_NOT_SERVED: 422,
    Refusal.UNKNOWN_KIND: 422,
    Refusal.BAD_PAYLOAD: 422,
    Refusal.STALE: 422,
    Refusal.ATTACHMENT: 422,
    Refusal.REPLAY: 409,
}


@dataclass(frozen=True)
class Answer:
    status: int
    body: dict[str, Any]


class Refused(Exception):
    def __init__(self, reason: str, detail: str, **known: str) -> None:
        super().__init__(detail)
        self.reason = reason
        self.detail = detail
        self.known = known


def federation_actor(partner_node: str) -> SystemActor:
    """The actor of the inbox's own records (a refusal): every permission, no agency."""
    return SystemActor(name=f"federation:{partner_node}"[:150])


def refuse(reason: str, detail: str, *, size: int, ip_address: str = "", **known: str) -> Answer:
    """Record a refusal (InboxRefusal and the audit record 'federation.refuse') and the answer that says why."""
    status = STATUS[Refusal(reason)]
    with context.channel(context.CHANNEL_FEDERATION, ip_address=ip_address), transaction.atomic():
        refusal = InboxRefusal.objects.create(
            reason=reason,
            detail=detail[:2000],
            status_code=status,
            envelope_id=known.get("envelope_id", "")[:64],
            sender_node=known.get("sender_node", "")[:64],
            kind=known.get("kind", "")[:100],
            size=size,
            ip_address=ip_address[:45],
        )
        audit.record(
            "federation.refuse",
            actor=federation_actor(known.get("sender_node") or "unknown"),
            obj=refusal,
            after={"reason": reason, "detail": detail[:500], "status": status, **known},
        )
    return Answer(status, {"status": "refused", "code": reason, "reason": detail})


def receive(message: Any, *, size: int, ip_address: str = "") -> Answer:
    known: dict[str, str] = {}
    try:
        received, token, node = _check(message, size=size, known=known)
        return apply(received, token, ip_address=ip_address, node=node)
    except Refused as refused:
        return refuse(refused.reason, refused.detail, size=size, ip_address=ip_address, **(known | refused.known))


def receive_batch(messages: list[Any], *, size: int, ip_address: str = "") -> Answer:
    """Several messages in one POST (a JSON array, as the outbox sends what waits for this node): each is checked
    and applied on its own, exactly as `receive` does, in its own savepoint — a refused or failing message rolls
    back alone and is recorded — of one transaction for the batch (if the node stops midway nothing of it is kept,
    and the sender, without an answer, sends it again); the answer lists one answer per message, in order, each
    with its HTTP status (`http_status`) and, where applied, its signed receipt."""
    limit = settings.LIAISON_FEDERATION_BATCH_SIZE
    if not messages or not all(isinstance(message, dict) for message in messages):
        return refuse(
            Refusal.MALFORMED, "expected a JSON object, or an array of them", size=size, ip_address=ip_address
        )
    if len(messages) > limit:
        detail = f"the batch has {len(messages)} messages; at most {limit}"
        return refuse(Refusal.TOO_LARGE, detail, size=size, ip_address=ip_address)
    answers: list[Answer] = []
    group: list[tuple[envelopes.Received, str, int]] = []
    group_key: Any = None

    def flush() -> None:
        if group:
            answers.extend(grouped.apply_group(list(group), ip_address=ip_address, node=nodes.local_node()))
            group.clear()

    with memo.batch(), audit.appending():  # one transaction; the audit chain's head written once, at its end
        for message in messages:
            one, known = len(json.dumps(message)), dict[str, str]()
            try:
                received, token, node = _check(message, size=one, known=known)
            except Refused as refused:
                flush()
                known |= refused.known
                answers.append(refuse(refused.reason, refused.detail, size=one, ip_address=ip_address, **known))
                continue
            key = grouped.group_key(received)
            if key is None or key != group_key:
                flush()
            group_key = key
            if key is not None:
                group.append((received, token, one))
                continue
            try:
                answers.append(apply(received, token, ip_address=ip_address, node=node))
            except Refused as refused:
                known |= refused.known
                answers.append(refuse(refused.reason, refused.detail, size=one, ip_address=ip_address, **known))
        flush()
    return Answer(200, {"status": "batch", "answers": [a.body | {"http_status": a.status} for a in answers]})


def _text(value: Any, name: str, limit: int = 100) -> str:
    if not isinstance(value, str) or not value or len(value) > limit:
        raise Refused(Refusal.MALFORMED, f"the envelope's {name} is missing or not a short text")
    return value


def _check(message: Any, *, size: int, known: dict[str, str]) -> tuple[envelopes.Received, str, Any]:
    """Every check of a message before it is applied (Refused where one fails): the verified envelope, its signed
    form and this node."""
    if size > settings.LIAISON_FEDERATION_MAX_BYTES:
        raise Refused(
            Refusal.TOO_LARGE, f"the message has {size} bytes; at most {settings.LIAISON_FEDERATION_MAX_BYTES}"
        )
    if not isinstance(message, dict) or not isinstance(message.get("envelope"), str):
        raise Refused(Refusal.MALFORMED, "expected a JSON object with the signed envelope under 'envelope'")
    files = message.get("attachments") or {}
    if not isinstance(files, dict):
        raise Refused(Refusal.MALFORMED, "'attachments' must be an object of SHA-256 to base64")
    token: str = message["envelope"]
    partner = _signing_partner(token, known)
    verifying = memo.once(("partner_keys", partner.pk), lambda: nodes.partner_keys(partner, KeyUse.SIGN))
    try:
        _kid, content = signing.verify(token, verifying, typ=envelopes.ENVELOPE_TYP)
    except signing.BadSignature as error:
        raise Refused(Refusal.BAD_SIGNATURE, str(error)) from None
    if not isinstance(content, dict) or content.get("v") != envelopes.VERSION:
        raise Refused(Refusal.MALFORMED, "not a version 1 envelope")
    envelope_id = known["envelope_id"] = _text(content.get("id"), "id", 64)
    kind = known["kind"] = _text(content.get("kind"), "kind")
    sender, recipient = content.get("sender"), content.get("recipient")
    handling = content.get("handling")
    if not all(isinstance(part, dict) for part in (sender, recipient, handling)):
        raise Refused(Refusal.MALFORMED, "the envelope's sender, recipient or handling is missing")
    assert isinstance(sender, dict) and isinstance(recipient, dict) and isinstance(handling, dict)
    if sender.get("node") != partner.node_id:
        raise Refused(Refusal.BAD_SIGNATURE, f"signed by {partner.node_id} for another sender node")
    sender_code = sender.get("agency")
    sender_agency = memo.once(
        ("sender_agency", partner.pk, str(sender_code)), lambda: partner.agencies.filter(code=sender_code).first()
    )
    if sender_agency is None:
        raise Refused(Refusal.SENDER_AGENCY, f"{partner.node_id} does not serve {sender.get('agency')!r}")
    node = nodes.local_node()
    if recipient.get("node") != node.node_id:
        raise Refused(Refusal.NOT_FOR_US, f"addressed to node {recipient.get('node')!r}, this is {node.node_id}")
    recipient_agency = memo.once(("recipient_agency", str(recipient.get("agency"))), lambda: _served(recipient))
    if recipient_agency is None:
        raise Refused(Refusal.RECIPIENT_NOT_SERVED, f"this node does not serve {recipient.get('agency')!r}")
    created = parse_datetime(str(content.get("created") or ""))
    if created is None or created.tzinfo is None:
        raise Refused(Refusal.MALFORMED, "the envelope's creation time is missing")
    now = timezone.now()
    max_age = datetime.timedelta(seconds=settings.LIAISON_FEDERATION_MAX_AGE_SECONDS)
    skew = datetime.timedelta(seconds=settings.LIAISON_FEDERATION_CLOCK_SKEW_SECONDS)
    if created < now - max_age or created > now + skew:
        raise Refused(Refusal.STALE, f"created {content['created']}, outside the freshness window")
    if kind not in {k.kind for k in registry.envelope_kinds()}:
        raise Refused(Refusal.UNKNOWN_KIND, f"this node does not apply messages of kind {kind!r}")
    registered = registry.envelope_kind(kind)
    payload = content.get("payload")
    if not isinstance(payload, dict):
        raise Refused(Refusal.MALFORMED, "the payload is not an object")
    if len(signing.canonical(payload)) > registered.max_bytes:
        raise Refused(Refusal.TOO_LARGE, f"the payload of a {kind} is larger than {registered.max_bytes} bytes")
    if registered.validate is not None:
        try:
            registered.validate(payload)
        except (ValueError, TypeError, KeyError) as error:
            raise Refused(Refusal.BAD_PAYLOAD, str(error) or type(error).__name__) from None
    attachments, info = _attachments(content.get("attachments"), files)
    references = content.get("references") or []
    if not isinstance(references, list) or not all(isinstance(ref, str) for ref in references):
        raise Refused(Refusal.MALFORMED, "the references are not a list of message ids")
    received = envelopes.Received(
        id=envelope_id,
        kind=kind,
        created=created,
        sender_node=partner.node_id,
        sender_agency=sender_agency,
        recipient_agency=recipient_agency,
        handling_code=str(handling.get("code") or ""),
        tlp=str(handling.get("tlp") or ""),
        handling_note=str(handling.get("note") or ""),
        references=references,
        payload=payload,
        partner=partner,
        actor=None,  # the partner's account, set in apply()
        attachments=attachments,
        attachment_info=info,
    )
    return received, token, node


def _served(recipient: dict[str, Any]) -> Agency | None:
    """The active agency the message is addressed to, if this node serves it."""
    agency = Agency.objects.filter(code=recipient.get("agency"), is_active=True).first()
    return agency if agency is not None and nodes.serves(agency) else None


def _signing_partner(token: str, known: dict[str, str]) -> PartnerNode:
    """The partner node whose key signed the message (read before verifying, to know which key verifies it)."""
    try:
        header = signing.header_of(token)
    except signing.BadSignature as error:
        raise Refused(Refusal.MALFORMED, str(error)) from None
    claimed = _claimed_sender(token)
    if claimed:
        known["sender_node"] = claimed[:64]
    kid = str(header.get("kid") or "")
    key = memo.once(
        ("signing_key", kid),
        lambda: PartnerKey.objects.select_related("partner").filter(kid=kid, use=KeyUse.SIGN).first(),
    )
    if key is None:
        if claimed and PartnerNode.objects.filter(node_id=claimed).exists():
            raise Refused(Refusal.BAD_SIGNATURE, f"signed with a key {claimed} does not have")
        raise Refused(Refusal.UNKNOWN_NODE, f"no paired node signs with key {header.get('kid')!r}")
    partner = key.partner
    known["sender_node"] = partner.node_id
    if partner.status == PartnerStatus.UNPAIRED:
        raise Refused(Refusal.UNKNOWN_NODE, f"node {partner.node_id} was unpaired here")
    if partner.status == PartnerStatus.SUSPENDED:
        raise Refused(Refusal.SUSPENDED_NODE, f"node {partner.node_id} is suspended here")
    return partner


def _claimed_sender(token: str) -> str:
    """The sender node the (unverified) content names, only to say who an unknown signer claims to be."""
    try:
        body = token.split(".")[1]
        content = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
        return str(content["sender"]["node"]) if isinstance(content, dict) else ""
    except (IndexError, ValueError, KeyError, TypeError, binascii.Error):
        return ""


def _attachments(declared: Any, files: dict[str, Any]) -> tuple[dict[str, bytes], list[dict[str, Any]]]:
    if declared in (None, []):
        return {}, []
    if not isinstance(declared, list):
        raise Refused(Refusal.MALFORMED, "the envelope's attachments are not a list")
    found: dict[str, bytes] = {}
    for item in declared:
        if not isinstance(item, dict) or not isinstance(item.get("sha256"), str):
            raise Refused(Refusal.MALFORMED, "an attachment is not named by its SHA-256")
        digest = item["sha256"]
        if int(item.get("size") or 0) > settings.LIAISON_FEDERATION_MAX_ATTACHMENT_BYTES:
            raise Refused(Refusal.TOO_LARGE, f"attachment {digest[:12]} is larger than the limit")
        encoded = files.get(digest)
        if not isinstance(encoded, str):
            raise Refused(Refusal.ATTACHMENT, f"attachment {digest[:12]} is missing")
        try:
            data = base64.b64decode(encoded, validate=True)
        except (binascii.Error, ValueError):
            raise Refused(Refusal.MALFORMED, f"attachment {digest[:12]} is not base64") from None
        if len(data) > settings.LIAISON_FEDERATION_MAX_ATTACHMENT_BYTES:
            raise Refused(Refusal.TOO_LARGE, f"attachment {digest[:12]} is larger than the limit")
        if signing.sha256_hex(data) != digest:
            raise Refused(Refusal.ATTACHMENT, f"attachment {digest[:12]} does not match its SHA-256")
        found[digest] = data
    return found, declared


def apply(received: envelopes.Received, token: str, *, ip_address: str = "", node: Any = None) -> Answer:
    """Apply a verified envelope once, in one transaction with the record of its id; answer with the receipt."""
    node = node or nodes.local_node()
    with context.channel(context.CHANNEL_FEDERATION, ip_address=ip_address):
        try:
            with transaction.atomic():
                received = replace(received, actor=partner_account(received.partner, received.sender_agency))
                envelope = _inbound(received, token, node_id=node.node_id)
                if envelope.signed != token:
                    raise Refused(Refusal.REPLAY, f"message id {received.id} was already received with other content")
                if envelope.state == EnvelopeState.APPLIED:
                    return Answer(200, {"status": "duplicate", "receipt": envelope.receipt})
                error = ""
                try:
                    with transaction.atomic():
                        registry.envelope_handler(received.kind)(received)
                except (ValidationError, ValueError, LookupError, IntegrityError) as failure:
                    error = _describe(failure)
                envelope.attempts += 1
                if error:
                    envelope.state, envelope.last_error = EnvelopeState.FAILED, error
                    envelope.save(update_fields=["state", "last_error", "attempts", "updated_at"])
                    audit.record(
                        "federation.fail",
                        actor=received.actor,
                        obj=envelope,
                        after={"kind": received.kind, "error": error},
                    )
                    return Answer(500, {"status": "failed", "code": "not_applied", "reason": error})
                envelope.receipt = envelopes.receipt_for(received.id, token, node_id=node.node_id)
                envelope.state, envelope.last_error, envelope.done_at = EnvelopeState.APPLIED, "", timezone.now()
                envelope.save(update_fields=["receipt", "state", "last_error", "done_at", "attempts", "updated_at"])
                audit.record(
                    "federation.apply",
                    actor=received.actor,
                    obj=envelope,
                    after={"kind": received.kind, "id": received.id, "from": received.sender_node},
                )
                return Answer(200, {"status": "applied", "receipt": envelope.receipt})
        except IntegrityError:  # the same id inserted meanwhile by a concurrent delivery (PostgreSQL)
            stored = Envelope.objects.filter(direction=Direction.IN, envelope_id=received.id).first()
            if stored is not None and stored.state == EnvelopeState.APPLIED and stored.signed == token:
                return Answer(200, {"status": "duplicate", "receipt": stored.receipt})
            return Answer(503, {"status": "failed", "code": "busy", "reason": "received twice at once: send again"})


def partner_account(partner: PartnerNode, agency: Agency) -> Any:
    """The partner's account for `agency` (once per batch where it exists already: pairing creates it)."""
    key = ("account", partner.pk, agency.pk)
    found = memo.once(key, lambda: accounts.existing_account(partner, agency))
    if found is None:
        memo.forget(key)  # created now, in this message's transaction: looked up again for the next
        return accounts.partner_account(partner, agency)
    return found


def _describe(failure: Exception) -> str:
    if isinstance(failure, ValidationError):
        return "; ".join(failure.messages)[:2000]
    return f"{type(failure).__name__}: {failure}"[:2000]


def _inbound(received: envelopes.Received, token: str, *, node_id: str) -> Envelope:
    """The inbound envelope row, locked: the one stored under this id, or a new one. Without get_or_create's
    savepoint: the same id inserted meanwhile (PostgreSQL) raises IntegrityError, which rolls back `apply`'s own
    savepoint and is answered there."""
    envelope = Envelope.objects.select_for_update().filter(direction=Direction.IN, envelope_id=received.id).first()
    if envelope is None:
        envelope = inbound_row(received, token, node_id=node_id)
        envelope.save(force_insert=True)
        EnvelopeAttachment.objects.bulk_create(
            EnvelopeAttachment(
                envelope=envelope,
                sha256=info["sha256"],
                name=str(info.get("name") or "")[:255],
                content_type=str(info.get("content_type") or "")[:100],
                size=len(received.attachments[info["sha256"]]),
                data=received.attachments[info["sha256"]],
            )
            for info in received.attachment_info
        )
    return envelope


def inbound_row(received: envelopes.Received, token: str, *, node_id: str) -> Envelope:
    """The inbound envelope row of `received`, pending, not saved yet."""
    return Envelope(
        direction=Direction.IN,
        envelope_id=received.id,
        partner=received.partner,
        kind=received.kind,
        sender_node=received.sender_node,
        sender_agency=received.sender_agency.code,
        recipient_node=node_id,
        recipient_agency=received.recipient_agency.code,
        created=received.created,
        payload=received.payload,
        handling_code=received.handling_code,
        tlp=received.tlp,
        references=received.references,
        signed=token,
        state=EnvelopeState.PENDING,
    )


def retry(envelope: Envelope) -> Answer:
    """Apply a failed inbound envelope again (the administrator's retry), from its stored signed form."""
    from liaison.federation.delivery import message_body

    return receive(message_body(envelope), size=len(envelope.signed))
