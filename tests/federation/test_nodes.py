"""Node identity, cards, pairing with the fingerprint check, key rotation with overlap, the command line."""

from __future__ import annotations

import io
import json
import os
import stat
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from liaison.agencies.models import Agency
from liaison.agencies.system import system_actor
from liaison.core.models import AuditEvent
from liaison.federation import actions, delivery, nodes
from liaison.federation.choices import Direction, EnvelopeState, KeyUse
from liaison.federation.models import Envelope, LocalNode, NodeKey, PartnerNode
from tests.federation.helpers import FakeNode, notice_payload

pytestmark = pytest.mark.django_db


def test_init_keeps_private_keys_in_0600_files_and_out_of_the_database_and_audit(
    node: LocalNode, key_dir: Path
) -> None:
    files = sorted(key_dir.iterdir())
    assert len(files) == 2 and {f.stem for f in files} == set(NodeKey.objects.values_list("kid", flat=True))
    for file in files:
        assert stat.S_IMODE(os.stat(file).st_mode) == 0o600
        assert '"d"' in file.read_text()
    assert stat.S_IMODE(os.stat(key_dir).st_mode) == 0o700
    for key in NodeKey.objects.all():
        assert "d" not in key.public_jwk
    secrets = [json.loads(f.read_text())["d"] for f in files]
    trail = json.dumps([[e.before, e.after] for e in AuditEvent.objects.all()])
    card = json.dumps(nodes.card())
    assert not any(secret in trail or secret in card for secret in secrets)


def test_the_card_and_its_fingerprint_are_stable(node: LocalNode) -> None:
    assert nodes.card() == nodes.card()
    assert nodes.fingerprint(nodes.card()) == nodes.fingerprint(nodes.card())
    card = nodes.card()
    assert card["node"] == "VN-MPS" and card["inbox"] == "http://vn.example/federation/inbox/"
    assert [a["code"] for a in card["agencies"]] == ["VN-MPS"]
    assert sorted(k["use"] for k in card["keys"]) == ["enc", "sig"]


def test_init_needs_the_home_agency(db: Any, settings: Any) -> None:
    settings.LIAISON_HOME_AGENCY = "XX-NONE"
    with pytest.raises(ValidationError, match="XX-NONE"):
        actions.do_init_node("http://x.example", actor=system_actor())


def test_pairing_refuses_a_wrong_fingerprint(node: LocalNode, fake: FakeNode) -> None:
    card = fake.card()
    wrong = nodes.fingerprint(FakeNode().card())
    with pytest.raises(ValidationError, match="fingerprint"):
        actions.do_pair_node(card, fingerprint=wrong, actor=system_actor())
    assert not PartnerNode.objects.exists()


def test_pairing_makes_the_cards_agencies_remote(node: LocalNode, fake: FakeNode, home: Agency) -> None:
    card = fake.card()
    partner = actions.do_pair_node(card, fingerprint=nodes.fingerprint(card).lower(), actor=system_actor())
    knpa = Agency.objects.get(code="KR-KNPA")  # created from the card
    assert list(partner.agencies.all()) == [knpa]
    assert nodes.agency_status(knpa) == nodes.REMOTE
    assert nodes.agency_status(home) == nodes.HOME
    hosted = Agency.objects.create(code="RU-MVD", name_native="МВД", name_en="MVD", short_name="MVD", kind="police")
    assert nodes.agency_status(hosted) == nodes.HOSTED
    assert partner.fingerprint == nodes.fingerprint(card)
    assert AuditEvent.objects.filter(action="partner_node.pair").exists()


def test_a_tampered_card_is_refused(node: LocalNode, fake: FakeNode) -> None:
    card = fake.card()
    fingerprint = nodes.fingerprint(card)
    card["inbox"] = "http://evil.example/federation/inbox/"
    with pytest.raises(ValidationError):
        actions.do_pair_node(card, fingerprint=fingerprint, actor=system_actor())
    card = fake.card()
    card["keys"][0]["kid"] = "not-the-thumbprint"
    with pytest.raises(nodes.CardError):
        actions.do_pair_node(card, fingerprint=nodes.fingerprint(card), actor=system_actor())


def test_rotation_sends_the_new_card_signed_with_the_old_key(
    node: LocalNode, paired: PartnerNode, fake: FakeNode, settings: Any
) -> None:
    import datetime

    from liaison.federation import envelopes, keys, signing

    old = NodeKey.objects.get(use=KeyUse.SIGN, is_current=True)
    fresh = actions.do_rotate_keys(overlap=datetime.timedelta(days=7), actor=system_actor())
    old.refresh_from_db()
    assert not old.is_current and old.valid_until is not None
    assert {k.kid for k in keys.usable(KeyUse.SIGN)} == {old.kid, fresh[0].kid}
    envelope = Envelope.objects.get(direction=Direction.OUT, kind="federation.node.card")
    kid, content = signing.verify(
        envelope.signed, [(old.kid, keys.load_public(old.public_jwk))], typ=envelopes.ENVELOPE_TYP
    )
    assert kid == old.kid
    sent_keys = {k["kid"]: k["valid_until"] for k in content["payload"]["keys"]}
    assert sent_keys[old.kid] is not None and sent_keys[fresh[0].kid] is None
    assert nodes.fingerprint(nodes.card()) == nodes.fingerprint(content["payload"])


def test_a_partners_new_card_replaces_its_keys_and_old_ones_still_verify_in_the_overlap(
    paired: PartnerNode, fake: FakeNode, post_inbox: Any
) -> None:
    from joserfc.jwk import OKPKey

    old_key = fake.sig
    fake.sig = OKPKey.generate_key("Ed25519")
    new_card = fake.card()
    new_card["keys"].append(
        {
            "kid": old_key.thumbprint(),
            "use": "sig",
            "jwk": {**old_key.as_dict(private=False), "kid": old_key.thumbprint()},
            "valid_until": "2099-01-01T00:00:00Z",
        }
    )
    content = fake.content("federation.node.card", new_card)
    answer = post_inbox(fake.message(content, key=old_key))
    assert answer.status_code == 200, answer.json()
    paired.refresh_from_db()
    assert paired.fingerprint == nodes.fingerprint(new_card)
    assert post_inbox(fake.message(fake.content("desk.notice.share", notice_payload()))).status_code == 200
    overlap = fake.message(fake.content("desk.notice.share", notice_payload("502")), key=old_key)
    assert post_inbox(overlap).status_code == 200


def test_the_command_line_pairs_only_with_the_right_fingerprint(
    node: LocalNode, fake: FakeNode, tmp_path: Path
) -> None:
    out = io.StringIO()
    call_command("node", "card", "-o", str(tmp_path / "own.json"), stdout=out)
    assert out.getvalue().strip().splitlines()[-1] == nodes.fingerprint(nodes.card())
    assert json.loads((tmp_path / "own.json").read_text()) == nodes.card()

    card_file = tmp_path / "kr.json"
    card_file.write_text(json.dumps(fake.card()))
    with pytest.raises(CommandError, match="fingerprint"):
        call_command("node", "pair", str(card_file), "--fingerprint", "AAAA-BBBB", stdout=io.StringIO())
    call_command("node", "pair", str(card_file), "--fingerprint", nodes.fingerprint(fake.card()), stdout=out)
    assert PartnerNode.objects.get().node_id == "KR-KNPA"

    call_command("node", "suspend", "KR-KNPA", stdout=out)
    assert PartnerNode.objects.get().status == "suspended"
    call_command("node", "resume", "KR-KNPA", stdout=out)
    assert PartnerNode.objects.get().status == "active"
    assert AuditEvent.objects.filter(action="partner_node.suspend", channel="cli").exists()


def test_the_command_line_lists_problems_and_retries(
    paired: PartnerNode, partner: Agency, home: Agency, monkeypatch: Any
) -> None:
    from liaison.desk.actions import do_share_notice
    from tests.desk.factories import NoticeFactory
    from tests.factories import UserFactory

    officer = UserFactory(agency=home, roles=["desk_officer"])
    do_share_notice(NoticeFactory(owner=home), partner, handling_code="H1", actor=officer)
    monkeypatch.setattr(delivery, "post", lambda url, body: (422, {"code": "unknown_kind", "reason": "no"}))
    out = io.StringIO()
    call_command("federation", "deliver", stdout=out)
    assert "1 refused" in out.getvalue()
    call_command("federation", "problems", stdout=out)
    envelope = Envelope.objects.get()
    assert envelope.envelope_id in out.getvalue() and "unknown_kind" in out.getvalue()
    call_command("federation", "retry", envelope.envelope_id, stdout=out)
    envelope.refresh_from_db()
    assert envelope.state == EnvelopeState.PENDING
