"""A shared notice's updates travel (issue 16, item 5): edits of the notice, its offences and its person (fields,
names, identity documents, releasable photos) send the notice again as it now is; the receiver's copy follows,
and a message older than the one that last wrote the copy changes nothing."""

from __future__ import annotations

import datetime
import hashlib
from typing import Any

import pytest

from liaison.agencies.models import Agency
from liaison.desk.actions import do_add_offence, do_share_notice, do_update_notice
from liaison.desk.models import Notice
from liaison.federation.choices import Direction
from liaison.federation.models import Envelope, PartnerNode
from liaison.people.actions import do_add_document, do_add_name, do_update_person, do_update_photo
from liaison.people.models import Person
from tests.desk.factories import NoticeFactory
from tests.factories import UserFactory
from tests.federation.helpers import FakeNode, notice_payload
from tests.people.factories import PhotoFactory, png_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(home: Agency) -> Any:
    return UserFactory(agency=home, roles=["desk_officer"])


def shares_sent() -> list[dict[str, Any]]:
    sent = Envelope.objects.filter(direction=Direction.OUT, kind="desk.notice.share").order_by("pk")
    return [envelope.payload for envelope in sent]


def test_every_edit_of_a_shared_notice_and_its_person_travels(
    paired: PartnerNode, partner: Agency, officer: Any
) -> None:
    notice = NoticeFactory(owner=officer.agency)
    do_share_notice(notice, partner, handling_code="H1", tlp="GREEN", actor=officer)
    do_update_notice(notice, {"summary": "Seen in Busan in November."}, actor=officer)
    do_add_offence(
        {"notice": notice, "description": "Money laundering", "crime_area": "money_laundering", "country": "VN"}
        | {"law": "Criminal Code art. 324", "max_penalty": "15 years"},
        actor=officer,
    )
    person = notice.person
    do_update_person(person, {"distinguishing_marks": "Scar on the left hand"}, actor=officer)
    do_add_name({"person": person, "full_name": "NGUYEN VAN AN", "kind": "passport", "script": "Latn"}, actor=officer)
    do_add_document(
        {"person": person, "kind": "passport", "number": "C7654321", "issuing_country": "VN"}, actor=officer
    )
    photo = PhotoFactory(person=person, releasable=False, with_file=True)
    do_update_photo(photo, {"releasable": True}, actor=officer)

    sent = shares_sent()
    assert len(sent) == 7  # the share, then one per edit
    assert sent[1]["notice"]["summary"] == "Seen in Busan in November."
    assert "Money laundering" in [o["description"] for o in sent[2]["notice"]["offences"]]
    assert sent[3]["person"]["distinguishing_marks"] == "Scar on the left hand"
    assert "NGUYEN VAN AN" in [n["full_name"] for n in sent[4]["person"]["names"]]
    assert "C7654321" in [d["number"] for d in sent[5]["person"]["documents"]]
    last = Envelope.objects.filter(direction=Direction.OUT).order_by("pk").last()
    assert last is not None and [p["sha256"] for p in sent[6]["person"]["photos"]] == [last.attachments.get().sha256]
    assert not sent[5]["person"]["photos"]  # not releasable then


def test_edits_of_an_unshared_notice_or_a_hosted_share_send_nothing(node: Any, officer: Any) -> None:
    hosted = Agency.objects.create(code="RU-MVD", name_native="МВД", name_en="MVD", short_name="MVD", kind="police")
    notice = NoticeFactory(owner=officer.agency)
    do_update_notice(notice, {"summary": "Changed."}, actor=officer)
    do_share_notice(notice, hosted, handling_code="H1", actor=officer)
    do_update_person(notice.person, {"description": "Tall."}, actor=officer)
    assert not Envelope.objects.exists()


def test_the_copy_follows_the_partners_edits_of_names_documents_and_photos(
    paired: PartnerNode, fake: FakeNode, post_inbox: Any
) -> None:
    old, new = png_bytes(colour=(1, 2, 3)), png_bytes(colour=(200, 100, 50))
    digest_old, digest_new = hashlib.sha256(old).hexdigest(), hashlib.sha256(new).hexdigest()
    first = notice_payload()
    first["person"]["photos"] = [{"sha256": digest_old, "caption": "2020", "taken_on": "2020"}]
    first["person"]["documents"] = [
        {"kind": "passport", "number": "M1111111", "issuing_country": "KR", "issued_on": None, "valid_until": None}
        | {"mrz": ""}
    ]
    content = fake.content("desk.notice.share", first, attachments=[("a.png", old)])
    answer = post_inbox(fake.message(content, {digest_old: old}))
    assert answer.status_code == 200, answer.json()

    second = notice_payload()
    second["person"]["names"][1]["full_name"] = "GIM Min-jun"  # the passport spelling corrected
    second["person"]["names"][0]["is_primary"], second["person"]["names"][1]["is_primary"] = False, True
    second["person"]["documents"] = [
        {"kind": "passport", "number": "M2222222", "issuing_country": "KR", "issued_on": "2024-01-02"}
        | {"valid_until": "2034-01-02", "mrz": ""}
    ]
    second["person"]["photos"] = [{"sha256": digest_new, "caption": "2025", "taken_on": "2025"}]
    second["notice"]["summary"] = "Now believed in Hanoi."
    content = fake.content("desk.notice.share", second, attachments=[("b.png", new)])
    answer = post_inbox(fake.message(content, {digest_new: new}))
    assert answer.status_code == 200, answer.json()

    person = Person.objects.get()
    assert sorted(n.full_name for n in person.names.all()) == ["GIM Min-jun", "김민준"]
    assert person.names.get(is_primary=True).full_name == "GIM Min-jun" and str(person) == "GIM Min-jun"
    document = person.documents.get()
    assert (document.number, document.valid_until) == ("M2222222", datetime.date(2034, 1, 2))
    assert [(p.sha256, p.caption) for p in person.photos.all()] == [(digest_new, "2025")]
    assert Notice.objects.get().summary == "Now believed in Hanoi."


def test_a_late_older_message_does_not_put_an_older_state_back(
    paired: PartnerNode, fake: FakeNode, post_inbox: Any
) -> None:
    from django.utils import timezone

    newer = notice_payload()
    newer["notice"]["summary"] = "Newest."
    post_inbox(fake.message(fake.content("desk.notice.share", newer)))
    older = notice_payload()
    older["notice"]["summary"] = "Older."
    late = fake.content("desk.notice.share", older, created=timezone.now() - datetime.timedelta(minutes=5))
    assert post_inbox(fake.message(late)).status_code == 200
    assert Notice.objects.get().summary == "Newest."
