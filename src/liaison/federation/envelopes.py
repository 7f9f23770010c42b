"""The signed envelope: what it carries, how it is signed, and the receipt that answers it.

Content (signed, canonical JSON; `typ` "liaison-envelope+jws"):
    {"v": 1, "id", "kind", "created" (UTC, seconds), "sender": {"node", "agency"}, "recipient": {"node", "agency"},
     "handling": {"code", "tlp", "note"}, "references": [earlier message ids], "payload": {...},
     "attachments": [{"sha256", "size", "name", "content_type"}]}
Attachments travel beside the signed envelope and are checked against their SHA-256 on arrival.
The receipt (`typ` "liaison-receipt+jws") is signed by the receiving node:
    {"v": 1, "receipt_for": id, "node": receiving node, "status": "applied", "received", "digest": SHA-256 of the
     envelope's compact JWS as received}.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from liaison.federation import keys, memo, signing
from liaison.federation.choices import KeyUse

ENVELOPE_TYP = "liaison-envelope+jws"
RECEIPT_TYP = "liaison-receipt+jws"
PACKAGE_TYP = "liaison-package+jws"
VERSION = 1


def timestamp(moment: datetime.datetime | None = None) -> str:
    return (moment or timezone.now()).astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def sign_as_node(value: Any, *, typ: str) -> str:
    """Sign with this node's current signing key."""
    node_key = memo.once(("current_key", KeyUse.SIGN), lambda: keys.current(KeyUse.SIGN))
    return signing.sign(value, keys.private_key(node_key), node_key.kid, typ=typ)


@dataclass(frozen=True)
class Received:
    """A verified envelope, as a handler receives it. `sender_agency` and `recipient_agency` are this node's
    Agency records; `actor` acts for the sending agency here (its name says which partner node), so the records
    the handler writes through its app's actions are owned by the sending agency and audited on the channel
    'federation'."""

    id: str
    kind: str
    created: datetime.datetime
    sender_node: str
    sender_agency: Any
    recipient_agency: Any
    handling_code: str
    tlp: str
    handling_note: str
    references: list[str]
    payload: dict[str, Any]
    partner: Any
    actor: Any
    attachments: dict[str, bytes] = field(default_factory=dict)
    attachment_info: list[dict[str, Any]] = field(default_factory=list)


def receipt_for(envelope_id: str, signed: str, *, node_id: str) -> str:
    return sign_as_node(
        {
            "v": VERSION,
            "receipt_for": envelope_id,
            "node": node_id,
            "status": "applied",
            "received": timestamp(),
            "digest": signing.sha256_hex(signed.encode()),
        },
        typ=RECEIPT_TYP,
    )


def check_receipt(receipt: str, *, envelope_id: str, signed: str, partner: Any) -> dict[str, Any]:
    """The receipt's content when `partner` signed it for exactly this envelope; BadSignature otherwise."""
    from liaison.federation.nodes import partner_keys

    verifying = memo.once(("partner_keys", partner.pk), lambda: partner_keys(partner, KeyUse.SIGN))
    _kid, content = signing.verify(receipt, verifying, typ=RECEIPT_TYP)
    if not isinstance(content, dict) or content.get("receipt_for") != envelope_id:
        raise signing.BadSignature("the receipt is for another message")
    if content.get("digest") != signing.sha256_hex(signed.encode()) or content.get("node") != partner.node_id:
        raise signing.BadSignature("the receipt does not match the message sent")
    return content
