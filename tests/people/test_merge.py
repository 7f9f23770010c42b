"""Merging two records of the same person: everything moves to the survivor, the duplicate stays as a
tombstone, one audit record says what moved; permission and agency are checked."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from liaison.core.models import AuditEvent, Share
from liaison.core.permissions import LEGAL_OFFICER
from liaison.people.models import Person
from tests.helpers import assert_audited
from tests.people.factories import (
    AddressFactory,
    ContactFactory,
    PersonFactory,
    PhotoFactory,
    share_with,
)

pytestmark = pytest.mark.django_db


def _screening(person: Any, agency: Any, officer: Any) -> tuple[Any, Any]:
    from liaison.screening.models import Hit, HitDecision, ScreeningList, ScreeningRun

    screening_list = ScreeningList.objects.create(
        owner=agency, name="Arrivals", file="screening/lists/x.csv", sha256="0" * 64, uploaded_by=officer
    )
    run = ScreeningRun.objects.create(
        owner=agency, screening_list=screening_list, threshold=0.7, algorithm="namematch-xs/1.1", requested_by=officer
    )
    hit = Hit.objects.create(
        run=run, row_number=3, fingerprint="f" * 64, person=person, score=0.9, algorithm="namematch-xs/1.1"
    )
    decision = HitDecision.objects.create(
        owner=agency, person=person, fingerprint="f" * 64, decision="not_match", decided_by=officer
    )
    return hit, decision


@pytest.fixture
def pair(home: Any, partner: Any, officer: Any) -> tuple[Any, Any]:
    from tests.desk.factories import FugitiveCaseFactory, NoticeFactory

    survivor = PersonFactory(
        owner=home, names=["Nguyễn Văn An"], birth_date="1985", nationalities=["VN"], documents=["C1234567"]
    )
    duplicate = PersonFactory(
        owner=home,
        names=["NGUYEN VAN AN", "Nguyễn Văn An", "응우옌 반 안"],
        birth_date="1985-03-07",
        nationalities=["VN", "KR"],
        documents=["C1234567", "B7654321"],
        birth_place="Nam Định",
    )
    AddressFactory(person=duplicate, address="20 Lý Thái Tổ")
    ContactFactory(person=duplicate, value="+84 90 111 2222")
    PhotoFactory(person=duplicate, with_file=True)
    NoticeFactory(owner=home, person=duplicate)
    FugitiveCaseFactory(owner=home, person=duplicate, partner=partner)
    _screening(duplicate, home, officer)
    share_with(duplicate, partner, "H2")
    return survivor, duplicate


def test_merge_moves_everything_and_leaves_a_tombstone(
    home: Any, partner: Any, officer: Any, partner_officer: Any, page_client: Any, pair: Any
) -> None:
    from liaison.desk.models import FugitiveCase, Notice
    from liaison.screening.models import Hit, HitDecision

    survivor, duplicate = pair
    client = page_client(officer)
    url = reverse("person_merge", kwargs={"pk": survivor.pk})
    # find the duplicate by name, in another script
    found = client.get(url, {"q": "응우옌 반 안"}).content.decode()
    assert f"?duplicate={duplicate.pk}" in found
    compare = client.get(url, {"duplicate": duplicate.pk}).content.decode()
    assert "B7654321" in compare and "Nam Định" in compare
    before = AuditEvent.objects.count()
    response = client.post(url, {"duplicate": duplicate.pk, "reason": "Same passport C1234567"})
    assert response.status_code == 302 and response["Location"] == reverse("person_detail", kwargs={"pk": survivor.pk})
    assert AuditEvent.objects.count() == before + 1

    survivor.refresh_from_db()
    duplicate.refresh_from_db()
    assert duplicate.merged_into == survivor
    # names: the identical one once, the others kept with their kind, the survivor's primary stays
    assert sorted(survivor.names.values_list("full_name", "is_primary")) == [
        ("NGUYEN VAN AN", False),
        ("Nguyễn Văn An", True),
        ("응우옌 반 안", False),
    ]
    assert sorted(survivor.documents.values_list("number", flat=True)) == ["B7654321", "C1234567"]
    assert survivor.addresses.count() == 1 and survivor.contacts.count() == 1 and survivor.photos.count() == 1
    assert not duplicate.names.exists() and not duplicate.documents.exists() and not duplicate.photos.exists()
    assert Notice.objects.get().person == survivor and FugitiveCase.objects.get().person == survivor
    assert Hit.objects.get().person == survivor and HitDecision.objects.get().person == survivor
    share = Share.objects.get(content_type=ContentType.objects.get_for_model(Person))
    assert share.object_id == str(survivor.pk) and share.handling_code == "H2"
    # the survivor's empty fields filled, the more precise date of birth taken, nationalities joined
    assert survivor.birth_place == "Nam Định" and survivor.birth_date == "1985-03-07"
    assert survivor.nationalities == ["VN", "KR"]

    event = assert_audited("person.merge", obj=survivor, actor=officer, channel="ui")
    assert event.after["duplicate"] == duplicate.pk and event.after["reason"] == "Same passport C1234567"
    moved = event.after["moved"]
    assert len(moved["names"]) == 2 and len(moved["documents"]) == 1 and len(moved["photos"]) == 1
    assert moved["desk.notice"] and moved["desk.fugitivecase"] and moved["screening.hit"]
    assert moved["hit_decisions"] and moved["shares"]
    assert len(event.after["dropped_as_identical"]["names"]) == 1

    # the tombstone: the old link leads to the survivor; lists and searches leave it out
    old = client.get(reverse("person_detail", kwargs={"pk": duplicate.pk}))
    assert old.status_code == 302 and old["Location"] == reverse("person_detail", kwargs={"pk": survivor.pk})
    assert f"/people/{duplicate.pk}/" not in client.get(reverse("person_list")).content.decode()
    # the partner the duplicate was shared with now reads the survivor
    partner_page = page_client(partner_officer).get(reverse("person_detail", kwargs={"pk": survivor.pk}))
    assert partner_page.status_code == 200


def test_merge_keeps_the_survivors_remembered_decision(home: Any, officer: Any) -> None:
    from liaison.people import actions
    from liaison.screening.models import HitDecision

    survivor, duplicate = PersonFactory(owner=home), PersonFactory(owner=home)
    _hit, kept = _screening(survivor, home, officer)
    HitDecision.objects.create(
        owner=home, person=duplicate, fingerprint="f" * 64, decision="confirmed", decided_by=officer
    )
    actions.do_merge_persons(survivor, duplicate, reason="Same fingerprints", actor=officer)
    assert list(HitDecision.objects.values_list("pk", "person")) == [(kept.pk, survivor.pk)]


def test_merge_needs_the_merge_permission(home: Any, make_user: Any, page_client: Any, api_client: Any) -> None:
    survivor, duplicate = PersonFactory(owner=home), PersonFactory(owner=home)
    legal = make_user(LEGAL_OFFICER)  # changes persons, may not merge them
    pages, api_calls = page_client(legal), api_client(legal)
    before = AuditEvent.objects.count()
    url = reverse("person_merge", kwargs={"pk": survivor.pk})
    assert pages.get(url).status_code == 404
    assert pages.post(url, {"duplicate": duplicate.pk, "reason": "x"}).status_code == 404
    api = api_calls.post(
        reverse("person-merge", kwargs={"pk": survivor.pk}), {"duplicate": duplicate.pk, "reason": "x"}, format="json"
    )
    assert api.status_code == 403
    duplicate.refresh_from_db()
    assert duplicate.merged_into is None and AuditEvent.objects.count() == before


def test_merge_of_another_agencys_person_is_like_a_missing_one(
    home: Any, partner: Any, officer: Any, page_client: Any, api_client: Any
) -> None:
    mine = PersonFactory(owner=home)
    theirs = PersonFactory(owner=partner)
    share_with(theirs, home)  # even when shared with us: we read it, we do not merge it
    client = page_client(officer)
    assert client.get(reverse("person_merge", kwargs={"pk": theirs.pk})).status_code == 404
    assert (
        client.post(
            reverse("person_merge", kwargs={"pk": mine.pk}), {"duplicate": theirs.pk, "reason": "x"}
        ).status_code
        == 404
    )
    api = api_client(officer).post(
        reverse("person-merge", kwargs={"pk": mine.pk}), {"duplicate": theirs.pk, "reason": "x"}, format="json"
    )
    assert api.status_code == 400
    refused = api_client(officer).post(
        reverse("person-merge", kwargs={"pk": theirs.pk}), {"duplicate": mine.pk, "reason": "x"}, format="json"
    )
    assert refused.status_code == 403  # the API says why: read only, shared with us (decision 0031)
    assert refused.json()["error"]["message"].startswith("Read only: shared with your agency")
    theirs.refresh_from_db()
    assert theirs.merged_into is None


def test_merge_refuses_itself_a_tombstone_and_no_reason(home: Any, officer: Any, api_client: Any) -> None:
    a, b, c = PersonFactory(owner=home), PersonFactory(owner=home), PersonFactory(owner=home)
    client = api_client(officer)

    def merge(survivor: Any, duplicate: Any, reason: str = "Same person") -> Any:
        url = reverse("person-merge", kwargs={"pk": survivor.pk})
        return client.post(url, {"duplicate": duplicate.pk, "reason": reason}, format="json")

    assert "itself" in str(merge(a, a).json())
    assert merge(a, b, reason=" ").status_code == 400
    ok = merge(a, b)
    assert ok.status_code == 200 and ok.json()["id"] == a.pk
    assert_audited("person.merge", obj=a, actor=officer, channel="api")
    assert "already merged" in str(merge(c, b).json())
    assert "already merged" in str(merge(b, c).json())  # nothing is merged into a tombstone


def test_other_apps_move_their_records_through_person_merged_and_may_refuse(home: Any, officer: Any) -> None:
    """people imports no domain: an app moves what needs more than a change of person from a receiver of
    people.signals.person_merged (screening's remembered decisions, above); its report goes into the audit
    record, and a receiver that raises aborts the whole merge."""
    from django.core.exceptions import ValidationError

    from liaison.people import actions
    from liaison.people.signals import person_merged
    from liaison.screening.models import HitDecision

    survivor, duplicate = PersonFactory(owner=home), PersonFactory(owner=home, names=["Trần Thị Mai"])
    _hit, decision = _screening(duplicate, home, officer)

    def refuse(sender: Any, **kwargs: Any) -> None:
        raise ValidationError("A legal request is under way about the duplicate.")

    def report(sender: Any, *, survivor: Any, duplicate: Any, **kwargs: Any) -> dict[str, Any]:
        return {"legal_requests": ([7], [8])}

    person_merged.connect(refuse, sender=Person, dispatch_uid="test.refuse")
    try:
        with pytest.raises(ValidationError):
            actions.do_merge_persons(survivor, duplicate, reason="Same person", actor=officer)
    finally:
        person_merged.disconnect(sender=Person, dispatch_uid="test.refuse")
    duplicate.refresh_from_db()
    assert duplicate.merged_into is None and duplicate.names.exists()
    assert HitDecision.objects.get(pk=decision.pk).person == duplicate

    person_merged.connect(report, sender=Person, dispatch_uid="test.report")
    try:
        actions.do_merge_persons(survivor, duplicate, reason="Same person", actor=officer)
    finally:
        person_merged.disconnect(sender=Person, dispatch_uid="test.report")
    event = assert_audited("person.merge", obj=survivor)
    assert event.after["moved"]["legal_requests"] == [7] and event.after["dropped_as_identical"]["legal_requests"] == [
        8
    ]
    assert event.after["moved"]["hit_decisions"] == [decision.pk]
