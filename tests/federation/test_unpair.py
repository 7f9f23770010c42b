"""Unpairing a partner node (docs/decisions/0034): only once suspended and with a reason, from the page or the
command line, audited; its agencies stop being remote, what waits for it is cancelled with the reason, its
messages are refused as from an unknown node; what it sent stays, read-only, marked from a former partner; its
card paired again makes it a partner again."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from liaison.agencies.models import Agency
from liaison.agencies.system import system_actor
from liaison.core.models import AuditEvent
from liaison.desk.actions import do_share_notice
from liaison.desk.models import Notice
from liaison.federation import actions, nodes
from liaison.federation.choices import Direction, EnvelopeState, PartnerStatus
from liaison.federation.models import Envelope, InboxRefusal, PartnerNode
from tests.desk.factories import NoticeFactory
from tests.federation.helpers import FakeNode, notice_payload

pytestmark = pytest.mark.django_db


def suspend(partner: PartnerNode) -> None:
    actions.do_set_partner_status(partner, PartnerStatus.SUSPENDED, actor=system_actor())


def test_unpairing_needs_a_suspended_node_and_a_reason(paired: PartnerNode) -> None:
    with pytest.raises(ValidationError, match="Suspend the partner node first"):
        actions.do_unpair_node(paired, reason="Agreement ended.", actor=system_actor())
    suspend(paired)
    with pytest.raises(ValidationError, match="Say why"):
        actions.do_unpair_node(paired, reason="  ", actor=system_actor())
    assert PartnerNode.objects.get().status == PartnerStatus.SUSPENDED


def test_unpairing_cancels_what_waits_and_makes_the_agencies_hosted(
    paired: PartnerNode, partner: Agency, officer: Any
) -> None:
    do_share_notice(NoticeFactory(owner=officer.agency), partner, handling_code="H1", actor=officer)
    suspend(paired)

    actions.do_unpair_node(paired, reason="Agreement ended.", actor=system_actor())

    paired.refresh_from_db()
    assert paired.status == PartnerStatus.UNPAIRED and not paired.agencies.exists()
    assert nodes.agency_status(partner) == nodes.HOSTED and nodes.partner_for(partner) is None
    envelope = Envelope.objects.get(direction=Direction.OUT)
    assert envelope.state == EnvelopeState.CANCELLED and "Agreement ended." in envelope.last_error
    event = AuditEvent.objects.get(action="partner_node.unpair")
    assert event.before["agencies"] == ["KR-KNPA"]
    assert event.after == {"status": "unpaired", "reason": "Agreement ended.", "cancelled_messages": 1}
    with pytest.raises(ValidationError, match="already unpaired"):
        actions.do_unpair_node(paired, reason="Again.", actor=system_actor())
    with pytest.raises(ValidationError, match="pair its card again"):
        actions.do_set_partner_status(paired, PartnerStatus.ACTIVE, actor=system_actor())


def test_a_former_partners_messages_are_refused_and_its_records_stay_read_only(
    paired: PartnerNode, fake: FakeNode, post_inbox: Any, node_admin: Any, page_client: Any, officer: Any
) -> None:
    assert post_inbox(fake.message(fake.content("desk.notice.share", notice_payload()))).status_code == 200
    suspend(paired)
    actions.do_unpair_node(paired, reason="Agreement ended.", actor=system_actor())

    changed = notice_payload()
    changed["notice"]["summary"] = "Changed after the unpairing."
    answer = post_inbox(fake.message(fake.content("desk.notice.share", changed)))
    assert answer.status_code == 403 and answer.json()["code"] == "unknown_node"
    assert InboxRefusal.objects.filter(reason="unknown_node", detail__contains="unpaired").exists()
    notice = Notice.objects.get()
    assert notice.summary == "Voice-phishing ring organiser." and notice.owner.code == "KR-KNPA"
    page = page_client(officer).get(f"/desk/notices/{notice.pk}/")
    assert page.status_code == 200 and "former partner node" in page.content.decode()
    assert "/edit/" not in page.content.decode()


def test_pairing_the_card_again_makes_it_a_partner_again(paired: PartnerNode, fake: FakeNode, partner: Agency) -> None:
    suspend(paired)
    actions.do_unpair_node(paired, reason="Agreement ended.", actor=system_actor())
    card = fake.card()
    again = actions.do_pair_node(card, fingerprint=nodes.fingerprint(card), actor=system_actor())
    assert again.pk == paired.pk and again.status == PartnerStatus.ACTIVE
    assert nodes.agency_status(partner) == nodes.REMOTE
    assert AuditEvent.objects.filter(action="partner_node.pair").count() == 2


def test_the_page_and_the_command_line_unpair(paired: PartnerNode, node_admin: Any, page_client: Any) -> None:
    client = page_client(node_admin)
    page = client.get(f"/federation/partners/{paired.pk}/").content.decode()
    assert "Unpair this node" not in page  # only once suspended
    client.post(f"/federation/partners/{paired.pk}/status/", {"status": "suspended"})
    assert "Unpair this node" in client.get(f"/federation/partners/{paired.pk}/").content.decode()
    refused = client.post(f"/federation/partners/{paired.pk}/unpair/", {"reason": ""}, follow=True)
    assert "Say why" in refused.content.decode()
    assert PartnerNode.objects.get().status == PartnerStatus.SUSPENDED

    with pytest.raises(CommandError, match="Say why"):
        call_command("node", "unpair", "KR-KNPA", "--reason", " ", stdout=io.StringIO())
    out = io.StringIO()
    call_command("node", "unpair", "KR-KNPA", "--reason", "Agreement ended.", stdout=out)
    assert "KR-KNPA unpaired" in out.getvalue()
    assert AuditEvent.objects.filter(action="partner_node.unpair", channel="cli").exists()
    page = client.get(f"/federation/partners/{paired.pk}/").content.decode()
    assert "former partner" in page and "Suspend" not in page


def test_only_the_node_administrator_unpairs(paired: PartnerNode, officer: Any, page_client: Any) -> None:
    suspend(paired)
    assert page_client(officer).post(f"/federation/partners/{paired.pk}/unpair/", {"reason": "x"}).status_code == 404
    assert PartnerNode.objects.get().status == PartnerStatus.SUSPENDED
