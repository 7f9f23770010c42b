"""core/sharing.py: one share and unshare for every agency-owned record, with the cascades apps register (the
desk's: a notice shares the person it is about)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError

from liaison.core import sharing
from liaison.core.models import AuditEvent, Share
from liaison.desk.models import FugitiveCase, Notice
from liaison.people.models import Person
from tests.desk.factories import FugitiveCaseFactory, NoticeFactory
from tests.factories import AgencyFactory, UserFactory
from tests.people.factories import PersonFactory, share_with

pytestmark = pytest.mark.django_db


def _events(since: int) -> list[tuple[str, str, Any, Any]]:
    """The audit records written after `since` (a seq): (action, object id, before, after), oldest first."""
    return [
        (e.action, e.object_id, e.before, e.after) for e in AuditEvent.objects.filter(seq__gt=since).order_by("seq")
    ]


def _last_seq() -> int:
    return AuditEvent.objects.order_by("-seq").values_list("seq", flat=True).first() or 0


@pytest.fixture
def third(db: Any) -> Any:
    return AgencyFactory(code="CN-MPS", country="CN")


@pytest.fixture
def cases_share_their_person() -> Iterator[None]:
    """A second cascade to Person for the length of a test: a fugitive case shares its person too."""
    sharing.register_cascade(FugitiveCase, "person", refusal="%(owner)s")
    yield
    sharing.unregister_cascade(FugitiveCase, "person")


def test_the_desk_registers_that_a_notice_shares_its_person() -> None:
    assert [(c.model, c.field) for c in sharing.cascades_from(Notice)] == [(Notice, "person")]
    assert (Notice, "person") in [(c.model, c.field) for c in sharing.cascades_to(Person)]
    assert sharing.cascades_from(Person) == []


def test_sharing_a_notice_shares_its_person_in_the_same_terms_and_audits_both(
    home: Any, partner: Any, officer: Any
) -> None:
    notice = NoticeFactory(owner=home)
    person = notice.person
    since = _last_seq()
    share = sharing.do_share(notice, partner, handling_code="H3", tlp="RED", note=" Not in court ", actor=officer)
    assert share == sharing.share_for(notice, partner.pk)
    person_share = sharing.share_for(person, partner.pk)
    assert person_share is not None
    for row in (share, person_share):
        assert (row.handling_code, row.tlp, row.handling_note, row.shared_by) == ("H3", "RED", "Not in court", officer)
    base = {"agency": partner.pk, "handling_code": "H3", "tlp": "RED"}
    assert _events(since) == [
        ("person.share", str(person.pk), None, base | {"via_notice": notice.pk}),
        ("notice.share", str(notice.pk), None, base | {"note": "Not in court", "new": True, "person": person.pk}),
    ]
    # Sharing again updates both shares; nothing is duplicated.
    sharing.do_share(notice, partner, handling_code="H0", actor=officer)
    assert [s.handling_code for s in Share.objects.all()] == ["H0", "H0"]
    assert AuditEvent.objects.filter(action="notice.share").first().after["new"] is False  # type: ignore[union-attr]
    assert sharing.share_for(notice, home.pk) is None  # the owner reads it through no share


def test_a_person_of_the_receiving_agency_is_left_alone(home: Any, partner: Any, officer: Any) -> None:
    theirs = PersonFactory(owner=partner)
    share_with(theirs, home)
    notice = NoticeFactory(owner=home, person=theirs)
    since = _last_seq()
    sharing.do_share(notice, partner, handling_code="H1", actor=officer)
    assert [e[0] for e in _events(since)] == ["notice.share"] and _events(since)[0][3]["person"] is None
    assert list(sharing.shares_of(theirs).values_list("agency", flat=True)) == [home.pk]  # as it was


def test_a_person_shared_with_us_is_not_passed_on(home: Any, partner: Any, officer: Any, third: Any) -> None:
    theirs = PersonFactory(owner=partner)
    share_with(theirs, home)
    notice = NoticeFactory(owner=home, person=theirs)
    since = _last_seq()
    with pytest.raises(ValidationError) as refused:
        sharing.do_share(notice, third, handling_code="H0", actor=officer)
    assert str(partner) in refused.value.message_dict["agency"][0]
    assert "cannot be passed on" in refused.value.message_dict["agency"][0]
    assert not sharing.shares_of(notice).exists() and _events(since) == []


@pytest.mark.parametrize(
    ("agency", "terms", "field"),
    [
        ("none", {}, "agency"),
        ("owner", {}, "agency"),
        ("inactive", {}, "agency"),
        ("partner", {"handling_code": "H9"}, "handling_code"),
        ("partner", {"tlp": "PURPLE"}, "tlp"),
        ("partner", {"handling_code": "H3", "note": "  "}, "handling_note"),
    ],
)
def test_refusals(home: Any, partner: Any, officer: Any, agency: str, terms: dict[str, str], field: str) -> None:
    person = PersonFactory(owner=home)
    target = {"none": None, "owner": home, "inactive": AgencyFactory(is_active=False), "partner": partner}[agency]
    since = _last_seq()
    with pytest.raises(ValidationError) as refused:
        sharing.do_share(person, target, **{"handling_code": "H0", **terms}, actor=officer)  # type: ignore[arg-type]
    assert list(refused.value.message_dict) == [field]
    assert not Share.objects.exists() and _events(since) == []


def test_only_the_owner_shares_or_withdraws(home: Any, partner: Any, officer: Any, third: Any) -> None:
    theirs = PersonFactory(owner=partner)
    share_with(theirs, home)
    with pytest.raises(PermissionDenied):
        sharing.do_share(theirs, third, handling_code="H0", actor=officer)
    with pytest.raises(PermissionDenied):
        sharing.do_unshare(theirs, home, actor=officer)
    assert list(sharing.shares_of(theirs).values_list("agency", flat=True)) == [home.pk]


def test_unsharing_a_notice_keeps_the_person_while_another_notice_shares_it(
    home: Any, partner: Any, officer: Any, third: Any
) -> None:
    person = PersonFactory(owner=home)
    first, second = NoticeFactory(owner=home, person=person), NoticeFactory(owner=home, person=person)
    for notice in (first, second):
        sharing.do_share(notice, partner, handling_code="H2", actor=officer)
    sharing.do_share(first, third, handling_code="H2", actor=officer)
    since = _last_seq()
    sharing.do_unshare(first, partner, actor=officer)
    assert _events(since) == [
        (
            "notice.unshare",
            str(first.pk),
            {"agency": partner.pk, "handling_code": "H2", "tlp": "AMBER"},
            {"person_unshared": False},
        )
    ]
    assert set(sharing.shares_of(person).values_list("agency", flat=True)) == {partner.pk, third.pk}
    since = _last_seq()
    sharing.do_unshare(second, partner, actor=officer)
    assert _events(since) == [
        ("person.unshare", str(person.pk), {"agency": partner.pk, "via_notice": second.pk}, None),
        (
            "notice.unshare",
            str(second.pk),
            {"agency": partner.pk, "handling_code": "H2", "tlp": "AMBER"},
            {"person_unshared": True},
        ),
    ]
    assert list(sharing.shares_of(person).values_list("agency", flat=True)) == [third.pk]  # the other agency's stays
    with pytest.raises(ValidationError) as refused:
        sharing.do_unshare(second, partner, actor=officer)
    assert list(refused.value.message_dict) == ["agency"]


def test_another_source_kind_keeps_the_follower(
    home: Any, partner: Any, officer: Any, cases_share_their_person: None
) -> None:
    person = PersonFactory(owner=home)
    notice = NoticeFactory(owner=home, person=person)
    case = FugitiveCaseFactory(owner=home, person=person, partner=partner)
    sharing.do_share(notice, partner, handling_code="H0", actor=officer)
    sharing.do_share(case, partner, handling_code="H0", actor=officer)
    assert AuditEvent.objects.filter(action="fugitive_case.share").get().after["person"] == person.pk
    sharing.do_unshare(notice, partner, actor=officer)
    assert sharing.share_for(person, partner.pk) is not None  # the case still shares the person
    sharing.do_unshare(case, partner, actor=officer)
    assert sharing.share_for(person, partner.pk) is None
    assert AuditEvent.objects.filter(action="person.unshare").get().before == {
        "agency": partner.pk,
        "via_fugitive_case": case.pk,
    }


def test_withdrawing_the_person_alone_leaves_the_notice(home: Any, partner: Any, officer: Any) -> None:
    notice = NoticeFactory(owner=home)
    sharing.do_share(notice, partner, handling_code="H0", actor=officer)
    sharing.do_unshare(notice.person, partner, actor=officer)
    event = AuditEvent.objects.order_by("-seq").first()
    assert event is not None and (event.action, event.after) == ("person.unshare", None)
    assert sharing.share_for(notice, partner.pk) is not None and sharing.share_for(notice.person, partner.pk) is None


def test_a_person_of_another_owner_is_not_withdrawn_with_the_notice(home: Any, partner: Any, officer: Any) -> None:
    theirs = PersonFactory(owner=partner)
    share_with(theirs, home)
    notice = NoticeFactory(owner=home, person=theirs)
    other = AgencyFactory(code="RU-MVD", country="RU")
    share_with(theirs, other, by=UserFactory(agency=partner))
    sharing.do_share(notice, partner, handling_code="H0", actor=officer)
    sharing.do_unshare(notice, partner, actor=officer)
    assert AuditEvent.objects.filter(action="notice.unshare").get().after == {"person_unshared": False}
    assert set(sharing.shares_of(theirs).values_list("agency", flat=True)) == {home.pk, other.pk}


def test_a_cascade_follows_a_foreign_key_only() -> None:
    with pytest.raises(ImproperlyConfigured):
        sharing.register_cascade(Notice, "summary", refusal="")
    assert sharing.audit_name(FugitiveCase) == "fugitive_case" and sharing.audit_name(Notice) == "notice"
