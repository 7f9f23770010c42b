"""The node administrator's pages: both fingerprints shown, pairing, suspending, retrying; others get 404."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from liaison.agencies.models import Agency
from liaison.desk.models import Notice
from liaison.federation import nodes
from liaison.federation.choices import Direction, EnvelopeState
from liaison.federation.models import Envelope, LocalNode, PartnerNode
from tests.factories import UserFactory
from tests.federation.helpers import FakeNode, notice_payload

pytestmark = pytest.mark.django_db


def test_the_node_page_shows_this_nodes_fingerprint_and_the_partners(
    paired: PartnerNode, node_admin: Any, page_client: Any
) -> None:
    page = page_client(node_admin).get("/federation/").content.decode()
    assert nodes.fingerprint(nodes.card()) in page
    assert paired.fingerprint in page and "KR-KNPA" in page
    partner_page = page_client(node_admin).get(f"/federation/partners/{paired.pk}/").content.decode()
    assert paired.fingerprint in partner_page


def test_the_card_download_is_the_card(node: LocalNode, node_admin: Any, page_client: Any) -> None:
    response = page_client(node_admin).get("/federation/card/")
    assert json.loads(response.content) == nodes.card()


def test_pairing_through_the_page(node: LocalNode, fake: FakeNode, node_admin: Any, page_client: Any) -> None:
    client = page_client(node_admin)
    card = json.dumps(fake.card()).encode()
    wrong = client.post("/federation/pair/", {"card": SimpleUploadedFile("kr.json", card), "fingerprint": "AAAA"})
    assert wrong.status_code == 200 and not PartnerNode.objects.exists()
    fingerprint = nodes.fingerprint(fake.card())
    right = client.post("/federation/pair/", {"card": SimpleUploadedFile("kr.json", card), "fingerprint": fingerprint})
    assert right.status_code == 302 and PartnerNode.objects.get().node_id == "KR-KNPA"


def test_suspending_and_retrying_through_the_pages(
    paired: PartnerNode, fake: FakeNode, node_admin: Any, page_client: Any, post_inbox: Any
) -> None:
    client = page_client(node_admin)
    client.post(f"/federation/partners/{paired.pk}/status/", {"status": "suspended"})
    paired.refresh_from_db()
    assert paired.status == "suspended"
    client.post(f"/federation/partners/{paired.pk}/status/", {"status": "active"})

    payload = notice_payload()
    payload["notice"]["legal_basis_kind"] = "none"
    post_inbox(fake.message(fake.content("desk.notice.share", payload)))
    envelope = Envelope.objects.get(direction=Direction.IN, state=EnvelopeState.FAILED)
    listing = client.get("/federation/messages/?state=failed").content.decode()
    assert "desk.notice.share" in listing
    detail = client.get(f"/federation/messages/{envelope.pk}/").content.decode()
    assert "legal basis" in detail and "Apply again" in detail
    client.post(f"/federation/messages/{envelope.pk}/retry/")
    envelope.refresh_from_db()
    assert envelope.attempts == 2
    post_inbox(b"garbage")
    assert "malformed" in client.get("/federation/refused/").content.decode().lower()


def test_officers_and_partners_get_404(paired: PartnerNode, home: Agency, partner: Agency, page_client: Any) -> None:
    for user in (UserFactory(agency=home, roles=["supervisor"]), UserFactory(agency=partner, roles=["supervisor"])):
        client = page_client(user)
        for url in ("/federation/", "/federation/messages/", f"/federation/partners/{paired.pk}/", "/federation/pair/"):
            assert client.get(url).status_code == 404, url


def test_a_received_notice_says_where_it_came_from(
    paired: PartnerNode, fake: FakeNode, home: Agency, page_client: Any, post_inbox: Any
) -> None:
    post_inbox(fake.message(fake.content("desk.notice.share", notice_payload())))
    from liaison.people.models import Person

    officer = UserFactory(agency=home, roles=["desk_officer"])
    page = page_client(officer).get(f"/people/{Person.objects.get().pk}/").content.decode()
    assert "Received from a partner node" in page and "KR-KNPA" in page
    notice = Notice.objects.get()
    page = page_client(officer).get(f"/desk/notices/{notice.pk}/").content.decode()
    assert "Received from a partner node" in page and "read-only here" in page


def test_federation_imports_no_other_domain() -> None:
    from pathlib import Path

    import liaison
    from tests.test_layering import domain_apps, domain_imports

    source = Path(liaison.__file__).parent / "federation"
    others = domain_apps() - {"federation"}
    problems = []
    for path in source.rglob("*.py"):
        module = "liaison." + ".".join(path.relative_to(source.parent).with_suffix("").parts)
        found = domain_imports(path.read_text(), module, others)
        if found:
            problems.append(f"{path.name}: {sorted(found)}")
    assert not problems, problems
