"""The outbox: a domain action that concerns an agency served by a partner node writes its envelope here, in its
own transaction; the worker delivers it after the commit (delivery.py).

Domains call `enqueue(...)` (federation's public function for sending), or — for sharing a record — nothing at
all: `on_share` listens to core/sharing.py and sends the kinds the record's app registered
(core.registry.register_shared_record_kinds). A share with a remote agency of a record no app lets travel is
refused, so nothing is shared that the partner would never receive.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from liaison.core import registry, sharing
from liaison.federation import envelopes, memo, nodes, signing
from liaison.federation.choices import Direction, EnvelopeState
from liaison.federation.models import Envelope, EnvelopeAttachment


def enqueue(
    kind: str,
    *,
    sender_agency: Any,
    recipient_agency: Any,
    payload: dict[str, Any],
    handling_code: str,
    tlp: str,
    note: str = "",
    references: Iterable[str] = (),
    attachments: Iterable[tuple[str, str, bytes]] = (),
) -> Envelope:
    """Sign an envelope of `kind` for `recipient_agency` (served by a partner node) and put it in the outbox.
    Must run inside the caller's transaction: the envelope commits with the domain's change, or not at all."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("outbox.enqueue() must be called inside the action's atomic block.")
    registry.envelope_kind(kind)  # a kind no app registered is a programming error: NotRegistered
    partner = nodes.partner_for(recipient_agency)
    if partner is None:
        raise ValidationError({"agency": _("That agency is not served by a partner node.")})
    node = nodes.local_node()
    if node.agency_id != getattr(sender_agency, "pk", None):  # nodes.serves(sender_agency), without reading it again
        raise ValidationError(
            {"agency": _("Only the records of %(agency)s travel from this node.") % {"agency": node.agency}}
        )
    files = [(name, content_type, bytes(data)) for name, content_type, data in attachments]
    envelope_id, created = str(uuid.uuid4()), envelopes.timestamp()
    described: list[dict[str, Any]] = [
        {"sha256": signing.sha256_hex(data), "size": len(data), "name": name, "content_type": content_type}
        for name, content_type, data in files
    ]
    content: dict[str, Any] = {
        "v": envelopes.VERSION,
        "id": envelope_id,
        "kind": kind,
        "created": created,
        "sender": {"node": node.node_id, "agency": sender_agency.code},
        "recipient": {"node": partner.node_id, "agency": recipient_agency.code},
        "handling": {"code": handling_code, "tlp": tlp, "note": note},
        "references": [str(ref) for ref in references],
        "payload": payload,
        "attachments": described,
    }
    signed = envelopes.sign_as_node(content, typ=envelopes.ENVELOPE_TYP)
    envelope = Envelope.objects.create(
        direction=Direction.OUT,
        envelope_id=envelope_id,
        partner=partner,
        kind=kind,
        sender_node=node.node_id,
        sender_agency=sender_agency.code,
        recipient_node=partner.node_id,
        recipient_agency=recipient_agency.code,
        created=parse_datetime(created) or timezone.now(),
        payload=payload,
        handling_code=handling_code,
        tlp=tlp,
        references=content["references"],
        signed=signed,
        state=EnvelopeState.PENDING,
        next_attempt_at=timezone.now(),
    )
    EnvelopeAttachment.objects.bulk_create(
        EnvelopeAttachment(
            envelope=envelope,
            sha256=info["sha256"],
            name=name[:255],
            content_type=content_type[:100],
            size=len(data),
            data=data,
        )
        for (name, content_type, data), info in zip(files, described, strict=True)
    )
    from liaison.federation import delivery

    delivery.schedule_after_commit(envelope)
    return envelope


@memo.batched
def on_share(event: str, obj: models.Model, agency: Any, share: Any, actor: Any) -> None:
    """core/sharing.py listener: a share with (or its withdrawal from) a remote agency sends the record's kind."""
    if nodes.partner_for(agency) is None:
        return
    kinds = registry.shared_record_kinds(obj._meta.label_lower)
    if kinds is None:
        raise ValidationError(
            {
                "agency": _(
                    "%(agency)s is served by a partner node, and records of this kind do not travel between nodes."
                )
                % {"agency": agency}
            }
        )
    owner = getattr(obj, "owner", None)
    terms = {"handling_code": share.handling_code, "tlp": share.tlp, "note": share.handling_note}
    if event == "share":
        payload, files = kinds.content(obj, share)
        enqueue(kinds.share, sender_agency=owner, recipient_agency=agency, payload=payload, attachments=files, **terms)
    else:
        enqueue(kinds.unshare, sender_agency=owner, recipient_agency=agency, payload={"id": str(obj.pk)}, **terms)


def register() -> None:
    sharing.register_listener(on_share)
