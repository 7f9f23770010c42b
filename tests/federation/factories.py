"""Records of federation for tests that need them without two nodes (the access enumeration)."""

from __future__ import annotations

import uuid
from typing import Any

from django.utils import timezone

from liaison.federation.models import Envelope, InboxRefusal, LocalNode, PartnerNode


def local_node(agency: Any, *, node_id: str = "") -> LocalNode:
    return LocalNode.objects.create(node_id=node_id or agency.code, url="http://node.example", agency=agency)


def partner_node(*, node_id: str = "", fingerprint: str = "") -> PartnerNode:
    node_id = node_id or f"node-{uuid.uuid4().hex[:8]}"
    return PartnerNode.objects.create(
        node_id=node_id,
        url="http://partner.example",
        inbox_url="http://partner.example/federation/inbox/",
        fingerprint=fingerprint or "AAAA-BBBB",
        card={},
    )


def envelope(*, partner: PartnerNode | None = None, note: str = "") -> Envelope:
    partner = partner or partner_node()
    return Envelope.objects.create(
        direction="out",
        envelope_id=str(uuid.uuid4()),
        partner=partner,
        kind="desk.notice.share",
        sender_node="A",
        sender_agency="A",
        recipient_node=partner.node_id,
        recipient_agency="B",
        created=timezone.now(),
        payload={"note": note},
        handling_code="H1",
        tlp="AMBER",
        signed="x.y.z",
        last_error=note,
    )


def refusal(*, detail: str = "") -> InboxRefusal:
    return InboxRefusal.objects.create(reason="malformed", detail=detail, status_code=400)
