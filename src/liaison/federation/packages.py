"""Offline packages: the same envelopes on removable media, for partners without a network link.

`export_package(partner)` puts every pending outgoing envelope for `partner` into one package: signed by this
node (JWS, `typ` "liaison-package+jws") and encrypted for the partner's encryption key (JWE, ECDH-ES+A256KW with
X25519, A256GCM). The envelopes stay pending until their receipts come back. `import_package(text)` opens a
package addressed to this node: a package of messages goes through the inbox one by one (the same checks; applying
is idempotent, so importing twice applies nothing twice) and gives back the receipts package to carry home; a
receipts package marks the outgoing envelopes delivered (or refused) as if the partner had answered online.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from liaison.federation import delivery, envelopes, inbox, keys, nodes, signing
from liaison.federation.choices import Direction, EnvelopeState, KeyUse
from liaison.federation.models import Envelope, PartnerKey, PartnerNode

VERSION = 1
MESSAGES, RECEIPTS = "messages", "receipts"


class PackageError(ValueError):
    """A file that is not a package for this node, or does not verify."""


@dataclass
class Imported:
    kind: str
    partner: PartnerNode
    applied: int = 0
    duplicates: int = 0
    refused: int = 0
    receipts: int = 0
    reply: str = ""  # the receipts package to carry back (for a package of messages)
    problems: list[str] = field(default_factory=list)


def _seal(content: dict[str, Any], partner: PartnerNode) -> str:
    signed = envelopes.sign_as_node(content, typ=envelopes.PACKAGE_TYP)
    now = timezone.now()
    usable = [
        key
        for key in partner.keys.filter(use=KeyUse.ENCRYPT).order_by("-valid_from", "-pk")
        if key.valid_until is None or key.valid_until > now
    ]
    if not usable:
        raise PackageError(_("The partner node's card has no encryption key."))
    key = next((k for k in usable if k.valid_until is None), usable[0])
    return signing.encrypt(signed.encode(), keys.load_public(key.public_jwk), key.kid)


def export_package(partner: PartnerNode) -> tuple[str, int]:
    """The package of every pending envelope for `partner`, and how many it holds."""
    pending = list(
        Envelope.objects.filter(partner=partner, direction=Direction.OUT, state=EnvelopeState.PENDING)
        .prefetch_related("attachments")
        .order_by("created", "pk")
    )
    content = {
        "liaison_package": VERSION,
        "type": MESSAGES,
        "from": nodes.local_node().node_id,
        "to": partner.node_id,
        "created": envelopes.timestamp(),
        "messages": [delivery.message_body(envelope) for envelope in pending],
    }
    return _seal(content, partner), len(pending)


def open_package(text: str) -> tuple[PartnerNode, dict[str, Any]]:
    text = text.strip()
    kid = signing.encrypted_for(text)
    own = {key.kid: key for key in keys.usable(KeyUse.ENCRYPT)}
    if kid not in own:
        raise PackageError(_("This package is not encrypted for this node (or for a key it no longer has)."))
    try:
        signed = signing.decrypt(text, keys.private_key(own[kid])).decode()
        header = signing.header_of(signed)
    except (signing.BadSignature, UnicodeDecodeError) as error:
        raise PackageError(str(error)) from None
    key = PartnerKey.objects.select_related("partner").filter(kid=str(header.get("kid") or ""), use=KeyUse.SIGN).first()
    if key is None:
        raise PackageError(_("The package is signed by a node that is not paired with this one."))
    partner = key.partner
    try:
        _kid, content = signing.verify(signed, nodes.partner_keys(partner, KeyUse.SIGN), typ=envelopes.PACKAGE_TYP)
    except signing.BadSignature as error:
        raise PackageError(str(error)) from None
    if not isinstance(content, dict) or content.get("liaison_package") != VERSION:
        raise PackageError(_("Not a Liaison package."))
    if content.get("to") != nodes.local_node().node_id or content.get("from") != partner.node_id:
        raise PackageError(_("The package is addressed to another node."))
    return partner, content


def import_package(text: str) -> Imported:
    partner, content = open_package(text)
    if content.get("type") == MESSAGES:
        return _import_messages(partner, content)
    if content.get("type") == RECEIPTS:
        return _import_receipts(partner, content)
    raise PackageError(_("Unknown kind of package."))


def _import_messages(partner: PartnerNode, content: dict[str, Any]) -> Imported:
    result = Imported(MESSAGES, partner)
    answers = []
    for message in content.get("messages") or []:
        answer = inbox.receive(message, size=len(json.dumps(message)))
        envelope_id = _message_id(message)
        outcome = answer.body.get("status")
        answers.append({**answer.body, "id": envelope_id, "status": answer.status, "outcome": outcome})
        if answer.status == 200:
            result.applied += answer.body.get("status") == "applied"
            result.duplicates += answer.body.get("status") == "duplicate"
        else:
            result.refused += 1
            result.problems.append(f"{envelope_id or '?'}: {answer.body.get('reason', '')}")
    reply = {
        "liaison_package": VERSION,
        "type": RECEIPTS,
        "from": nodes.local_node().node_id,
        "to": partner.node_id,
        "created": envelopes.timestamp(),
        "answers": answers,
    }
    result.reply = _seal(reply, partner)
    return result


def _message_id(message: Any) -> str:
    try:
        body = str(message["envelope"]).split(".")[1]
        import base64

        return str(json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))["id"])[:64]
    except (KeyError, IndexError, ValueError, TypeError):
        return ""


def _import_receipts(partner: PartnerNode, content: dict[str, Any]) -> Imported:
    result = Imported(RECEIPTS, partner)
    for answer in content.get("answers") or []:
        if not isinstance(answer, dict):
            continue
        envelope = Envelope.objects.filter(
            partner=partner, direction=Direction.OUT, envelope_id=str(answer.get("id") or "")
        ).first()
        if envelope is None or envelope.state != EnvelopeState.PENDING:
            continue
        outcome = delivery.record_answer(envelope, int(answer.get("status") or 0), answer)
        result.receipts += outcome == delivery.DELIVERED
        result.refused += outcome == delivery.REFUSED
    return result
