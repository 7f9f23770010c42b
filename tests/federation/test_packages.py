"""Offline packages: signed and encrypted for the partner; importing applies once and answers with receipts."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from liaison.agencies.models import Agency
from liaison.desk.actions import do_share_notice
from liaison.desk.models import Notice
from liaison.federation import envelopes, keys, packages, signing
from liaison.federation.choices import Direction, EnvelopeState, KeyUse
from liaison.federation.models import Envelope, NodeKey, PartnerNode
from tests.desk.factories import NoticeFactory
from tests.factories import UserFactory
from tests.federation.helpers import FakeNode, notice_payload, stamp

pytestmark = pytest.mark.django_db


def our_public(use: str) -> tuple[str, Any]:
    key = NodeKey.objects.get(use=use, is_current=True)
    return key.kid, keys.load_public(key.public_jwk)


def sealed_by(fake: FakeNode, content: dict[str, Any]) -> str:
    signed = fake.sign(content, typ=envelopes.PACKAGE_TYP)
    kid, key = our_public(KeyUse.ENCRYPT)
    return signing.encrypt(signed.encode(), key, kid)


def opened_by(fake: FakeNode, text: str) -> dict[str, Any]:
    signed = signing.decrypt(text, fake.enc).decode()
    _kid, content = signing.verify(signed, [our_public(KeyUse.SIGN)], typ=envelopes.PACKAGE_TYP)
    return content  # type: ignore[no-any-return]


def test_export_puts_every_pending_envelope_in_one_encrypted_signed_package(
    paired: PartnerNode, partner: Agency, home: Agency, fake: FakeNode, tmp_path: Path
) -> None:
    officer = UserFactory(agency=home, roles=["desk_officer"])
    for _ in range(2):
        do_share_notice(NoticeFactory(owner=home), partner, handling_code="H1", actor=officer)
    out = io.StringIO()
    call_command("federation", "export", "--to", "KR-KNPA", "-o", str(tmp_path / "p.jwe"), stdout=out)
    text = (tmp_path / "p.jwe").read_text()
    assert "desk.notice" not in text  # encrypted
    content = opened_by(fake, text)
    assert content["to"] == "KR-KNPA" and len(content["messages"]) == 2
    assert {m["envelope"] for m in content["messages"]} == set(Envelope.objects.values_list("signed", flat=True))

    # The receipts come back on the same media: the envelopes are delivered.
    answers = [
        {"id": e.envelope_id, "status": 200, "receipt": fake.receipt(e.envelope_id, e.signed)}
        for e in Envelope.objects.all()
    ]
    reply = {"liaison_package": 1, "type": "receipts", "from": "KR-KNPA", "to": "VN-MPS", "created": stamp()}
    (tmp_path / "r.jwe").write_text(sealed_by(fake, reply | {"answers": answers}))
    call_command("federation", "import", str(tmp_path / "r.jwe"), stdout=out)
    assert set(Envelope.objects.values_list("state", flat=True)) == {EnvelopeState.DELIVERED}


def test_import_applies_once_and_writes_the_receipts_package(
    paired: PartnerNode, fake: FakeNode, tmp_path: Path
) -> None:
    messages = [fake.message(fake.content("desk.notice.share", notice_payload(str(n)))) for n in (601, 602)]
    package = {"liaison_package": 1, "type": "messages", "from": "KR-KNPA", "to": "VN-MPS", "created": stamp()}
    path = tmp_path / "in.jwe"
    path.write_text(sealed_by(fake, package | {"messages": messages}))

    out = io.StringIO()
    call_command("federation", "import", str(path), stdout=out)
    call_command("federation", "import", str(path), "-o", str(tmp_path / "again.receipts"), stdout=out)

    assert Notice.objects.count() == 2
    assert "2 applied" in out.getvalue() and "2 already applied" in out.getvalue()
    reply = opened_by(fake, (tmp_path / "in.jwe.receipts").read_text())
    assert reply["type"] == "receipts" and [a["status"] for a in reply["answers"]] == [200, 200]
    ids = [a["id"] for a in reply["answers"]]
    assert set(ids) == set(Envelope.objects.filter(direction=Direction.IN).values_list("envelope_id", flat=True))


def test_a_package_for_another_node_or_from_a_stranger_is_refused(
    paired: PartnerNode, fake: FakeNode, tmp_path: Path
) -> None:
    stranger = FakeNode(node_id="CN-MPS", agency="CN-MPS")
    package = {"liaison_package": 1, "type": "messages", "from": "CN-MPS", "to": "VN-MPS", "created": stamp()}
    path = tmp_path / "x.jwe"
    path.write_text(sealed_by(stranger, package | {"messages": []}))
    with pytest.raises(CommandError, match="not paired"):
        call_command("federation", "import", str(path), stdout=io.StringIO())
    other = signing.encrypt(b"x", fake.enc, fake.enc.thumbprint())  # encrypted for the partner, not for us
    path.write_text(other)
    with pytest.raises(packages.PackageError):
        packages.import_package(other)


def test_the_pages_export_and_import_packages(
    paired: PartnerNode, partner: Agency, home: Agency, fake: FakeNode, node_admin: Any, page_client: Any
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from liaison.core.models import AuditEvent

    officer = UserFactory(agency=home, roles=["desk_officer"])
    do_share_notice(NoticeFactory(owner=home), partner, handling_code="H1", actor=officer)
    client = page_client(node_admin)
    exported = client.post(f"/federation/partners/{paired.pk}/package/")
    assert exported.status_code == 200 and "attachment" in exported["Content-Disposition"]
    assert len(opened_by(fake, exported.content.decode())["messages"]) == 1
    assert AuditEvent.objects.filter(action="federation.export_package", after__messages=1).exists()

    messages = [fake.message(fake.content("desk.notice.share", notice_payload("701")))]
    package = {"liaison_package": 1, "type": "messages", "from": "KR-KNPA", "to": "VN-MPS", "created": stamp()}
    upload = SimpleUploadedFile("in.jwe", sealed_by(fake, package | {"messages": messages}).encode())
    answer = client.post("/federation/import/", {"package": upload})
    assert answer.status_code == 200 and "receipts" in answer["Content-Disposition"]
    assert opened_by(fake, answer.content.decode())["answers"][0]["outcome"] == "applied"
    assert Notice.objects.filter(owner=partner).count() == 1
    assert AuditEvent.objects.filter(action="federation.import_package", after__applied=1).exists()

    bad = client.post("/federation/import/", {"package": SimpleUploadedFile("x.jwe", b"not a package")})
    assert bad.status_code == 200 and "not encrypted for this node" in bad.content.decode()


def test_officers_cannot_export_or_import(paired: PartnerNode, home: Agency, page_client: Any) -> None:
    client = page_client(UserFactory(agency=home, roles=["supervisor", "desk_officer"]))
    assert client.post(f"/federation/partners/{paired.pk}/package/").status_code == 404
    assert client.get("/federation/import/").status_code == 404
