"""The inbox's grouped application (docs/decisions/0055-federation-throughput-3.md): consecutive messages of a batch
that their kind groups (core.registry's `group`, e.g. a partner's entries of one case) are applied together, in one
savepoint with the records of their ids, by the kind's `handle_group`; where that fails, or an id is stored
already, each is applied on its own by `inbox.apply`. Called by `inbox.receive_batch` only, after each message has
passed every check of the inbox."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from liaison.core import audit, context, registry
from liaison.federation import envelopes
from liaison.federation.choices import Direction, EnvelopeState
from liaison.federation.models import Envelope


def group_key(received: envelopes.Received) -> Any:
    """What consecutive messages of a batch must share to be applied together (their kind's `group`), or None."""
    registered = registry.envelope_kind(received.kind)
    if registered.group is None or received.attachment_info:
        return None
    try:
        target = registered.group(received)
    except (ValueError, TypeError, KeyError, LookupError):
        return None
    if target is None:
        return None
    parties = (received.partner.pk, received.sender_agency.pk, received.recipient_agency.pk)
    return (received.kind, *parties, target)


def apply_group(group: list[tuple[envelopes.Received, str, int]], *, ip_address: str, node: Any) -> list[Any]:
    """Apply consecutive messages of one group (`group_key`) together: in one savepoint, their envelope rows
    (created applied, with their receipts), the kind's `handle_group` and an audit record 'federation.apply' each —
    as `apply` would leave them one by one. A message whose id is stored already, an id twice, or a group the
    handler does not take (it raises): nothing of the group is kept and each message is applied on its own by
    `apply`, so a failing entry fails alone and the others are applied (docs/decisions/0055)."""
    inbox = _inbox()
    ids = [received.id for received, _token, _size in group]
    if len(group) > 1 and len(set(ids)) == len(ids):
        stored = Envelope.objects.filter(direction=Direction.IN, envelope_id__in=ids).exists()
        if not stored:
            applied = _apply_together([(received, token) for received, token, _size in group], ip_address, node)
            if applied is not None:
                return applied
    answers = []
    for received, token, size in group:
        try:
            answers.append(inbox.apply(received, token, ip_address=ip_address, node=node))
        except inbox.Refused as refused:
            known = {"envelope_id": received.id, "kind": received.kind, "sender_node": received.sender_node}
            known |= refused.known
            answers.append(inbox.refuse(refused.reason, refused.detail, size=size, ip_address=ip_address, **known))
    return answers


def _apply_together(group: list[tuple[envelopes.Received, str]], ip_address: str, node: Any) -> list[Any] | None:
    """`apply_group`'s one savepoint; None where it was rolled back."""
    inbox = _inbox()
    first = group[0][0]
    handle_group = registry.envelope_kind(first.kind).handle_group
    assert handle_group is not None
    actor = inbox.partner_account(first.partner, first.sender_agency)
    batch = [replace(received, actor=actor) for received, _token in group]
    now = timezone.now()
    rows = [
        inbox.inbound_row(received, token, node_id=node.node_id)
        for received, (_same, token) in zip(batch, group, strict=True)
    ]
    for row in rows:
        row.state, row.attempts, row.done_at = EnvelopeState.APPLIED, 1, now
        row.receipt = envelopes.receipt_for(row.envelope_id, row.signed, node_id=node.node_id)
    try:
        with context.channel(context.CHANNEL_FEDERATION, ip_address=ip_address), transaction.atomic():
            Envelope.objects.bulk_create(rows)
            handle_group(batch)
            audit.records(
                [
                    audit.Entry(
                        "federation.apply",
                        actor,
                        row,
                        after={"kind": received.kind, "id": received.id, "from": received.sender_node},
                    )
                    for received, row in zip(batch, rows, strict=True)
                ]
            )
    except (ValidationError, ValueError, LookupError, IntegrityError):
        return None
    return [inbox.Answer(200, {"status": "applied", "receipt": row.receipt}) for row in rows]


def _inbox() -> Any:
    from liaison.federation import inbox  # inbox calls this module: imported when first used, not at load

    return inbox
