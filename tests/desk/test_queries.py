"""What other apps ask the desk (desk/queries.py): the wanted persons an officer may see, the notice to cite."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType

from liaison.core.models import Share
from liaison.core.permissions import DESK_OFFICER
from liaison.desk import queries
from liaison.desk.models import Notice
from tests.desk.factories import NoticeFactory
from tests.factories import UserFactory
from tests.people.factories import PersonFactory

pytestmark = pytest.mark.django_db


def _share(notice: Notice, agency: Any) -> None:
    Share.objects.create(
        content_type=ContentType.objects.get_for_model(Notice),
        object_id=str(notice.pk),
        agency=agency,
        handling_code="H0",
        shared_by=UserFactory(agency=notice.owner),
    )


def test_the_persons_of_the_active_notices_the_officer_may_see(home: Any, partner: Any, officer: Any) -> None:
    own = NoticeFactory(owner=home)
    shared = NoticeFactory(owner=partner)
    _share(shared, home)
    NoticeFactory(owner=home, status="draft")
    NoticeFactory(owner=home, status="withdrawn")
    NoticeFactory(owner=partner)  # not shared with us
    expected = {own.person_id, shared.person_id}
    assert set(queries.wanted_person_ids(officer).values_list("person_id", flat=True)) == expected
    assert set(queries.notices_to_cite(officer)) == expected


def test_an_officer_without_the_desk_sees_no_wanted_person(home: Any, make_user: Any) -> None:
    NoticeFactory(owner=home)
    clerk = make_user()
    assert not queries.wanted_person_ids(clerk).exists()
    assert queries.notices_to_cite(clerk) == {}
    assert queries.notices_to_cite(make_user(DESK_OFFICER)) != {}


def test_the_notice_cited_is_the_most_pressing_then_the_latest(home: Any, officer: Any) -> None:
    person = PersonFactory(owner=home)
    day = datetime.date(2024, 5, 1)
    NoticeFactory(owner=home, person=person, kind="information", issued_on=day + datetime.timedelta(days=30))
    NoticeFactory(owner=home, person=person, kind="wanted", issued_on=day - datetime.timedelta(days=30))
    latest = NoticeFactory(owner=home, person=person, kind="wanted", issued_on=day)
    assert queries.notices_to_cite(officer) == {person.pk: latest.pk}
    recorded_later = NoticeFactory(owner=home, person=person, kind="wanted", issued_on=day)
    assert queries.notices_to_cite(officer) == {person.pk: recorded_later.pk}

    other = PersonFactory(owner=home)
    missing = NoticeFactory(owner=home, person=other, kind="missing", issued_on=day + datetime.timedelta(days=9))
    warning = NoticeFactory(owner=home, person=other, kind="warning", issued_on=day)
    assert queries.notices_to_cite(officer)[other.pk] == warning.pk
    Notice.objects.filter(pk=warning.pk).update(status="withdrawn")
    assert queries.notices_to_cite(officer)[other.pk] == missing.pk
