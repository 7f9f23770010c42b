"""The person search service (people/search.py): cross-script matches, access, freshness of the index."""

from __future__ import annotations

from typing import Any

import pytest

import namematch
from liaison.core.permissions import DESK_OFFICER
from liaison.people import actions, search
from tests.people.factories import PersonFactory, share_with

pytestmark = pytest.mark.django_db


def _names(hits: list[search.PersonHit]) -> list[str]:
    return [hit.person.display_name for hit in hits]


def test_a_name_in_another_script_finds_the_person(home: Any, officer: Any) -> None:
    an = PersonFactory(owner=home, names=["Nguyễn Văn An"], birth_date="1985-03-07", nationalities=["VN"])
    PersonFactory(owner=home, names=["Trần Thị Bích"])
    hits = search.search_persons("응우옌 반 안", actor=officer)
    assert [hit.person for hit in hits] == [an]
    hit = hits[0]
    assert hit.score >= 0.9 and hit.algorithm == namematch.ALGORITHM
    assert hit.explanation["evidence"] and hit.explanation["algorithm"] == namematch.ALGORITHM


def test_birth_date_and_nationality_count_as_evidence(home: Any, officer: Any) -> None:
    PersonFactory(owner=home, names=["Nguyễn Văn An"], birth_date="1985-03-07")
    same = search.search_persons("Nguyen Van An", actor=officer, birth_date="1985")[0]
    other = search.search_persons("Nguyen Van An", actor=officer, birth_date="1990")[0]
    assert same.score > other.score
    assert any("birth" in item["feature"] for item in other.explanation["evidence"])


def test_another_agencys_unshared_person_never_appears(home: Any, partner: Any, make_user: Any) -> None:
    mine = PersonFactory(owner=home, names=["Lee Min Ho"])
    foreign = PersonFactory(owner=partner, names=["이민호", "LEE MIN HO"])
    officer = make_user(DESK_OFFICER)
    assert [hit.person for hit in search.search_persons("Lee Min Ho", actor=officer)] == [mine]
    partner_officer = make_user(DESK_OFFICER, agency=partner)
    assert [hit.person for hit in search.search_persons("Lee Min Ho", actor=partner_officer)] == [foreign]
    share_with(mine, partner)
    found = {hit.person for hit in search.search_persons("Lee Min Ho", actor=partner_officer)}
    assert found == {mine, foreign}


def test_the_index_follows_creates_changes_merges_and_removals(home: Any, officer: Any) -> None:
    first = PersonFactory(owner=home, names=["Park Ji Sung"])
    assert _names(search.search_persons("Park Ji Sung", actor=officer)) == ["Park Ji Sung"]
    # created through the action after the index was built: added incrementally
    created = actions.do_create_person({"birth_date": "1990"}, names=[{"full_name": "Choi Young Ho"}], actor=officer)
    assert [hit.person for hit in search.search_persons("최영호", actor=officer)] == [created]
    # a name changed: the old spelling no longer finds the person, the new one does
    name = first.names.get()
    actions.do_update_name(name, {"full_name": "Vladimir Sokolov"}, actor=officer)
    assert [hit.person for hit in search.search_persons("Владимир Соколов", actor=officer)] == [first]
    assert search.search_persons("Park Ji Sung", actor=officer) == []
    # merged: only the survivor is found, under the duplicate's names too
    actions.do_merge_persons(created, first, reason="Same passport", actor=officer)
    assert [hit.person for hit in search.search_persons("Vladimir Sokolov", actor=officer)] == [created]
    assert [hit.person for hit in search.search_persons("Choi Young Ho", actor=officer)] == [created]
    # removed: gone
    actions.do_remove_name(created.names.get(full_name="Vladimir Sokolov"), actor=officer)
    assert search.search_persons("Vladimir Sokolov", actor=officer) == []
    other = actions.do_create_person({}, names=[{"full_name": "Zhang Wei"}], actor=officer)
    assert [hit.person for hit in search.search_persons("张伟", actor=officer)] == [other]
    actions.do_delete_person(other, actor=officer)
    assert search.search_persons("张伟", actor=officer) == []


def test_rows_added_or_removed_behind_the_actions_are_seen(home: Any, officer: Any) -> None:
    PersonFactory(owner=home, names=["Ivanov Ivan"])
    assert len(search.search_persons("Иванов Иван", actor=officer)) == 1
    late = PersonFactory(owner=home, names=["Иван Петров"])
    assert [hit.person for hit in search.search_persons("Ivan Petrov", actor=officer)] == [late]
    late.names.create(full_name="Sergei Petrov", script="Latn", kind="alias")
    assert [hit.person for hit in search.search_persons("Sergei Petrov", actor=officer)] == [late]
    late.delete()
    assert search.search_persons("Sergei Petrov", actor=officer) == []


def test_possible_duplicates(home: Any, officer: Any) -> None:
    an = PersonFactory(owner=home, names=["Nguyễn Văn An"], birth_date="1985-03-07")
    found = search.possible_duplicates(["NGUYEN VAN AN"], actor=officer, birth_date="1985")
    assert [hit.person for hit in found] == [an]
    assert search.possible_duplicates(["Nguyen Van Bao"], actor=officer, birth_date="1985") == []
    assert search.possible_duplicates(["NGUYEN VAN AN"], actor=officer, exclude_pk=an.pk) == []


def test_duplicates_of_a_recorded_person_with_many_names(home: Any, officer: Any) -> None:
    """The person itself holds every one of its names: the other records must still come up."""
    person = PersonFactory(
        owner=home,
        names=["Nguyễn Văn An", "NGUYEN VAN AN", "응우옌 반 안", "阮文安"],
        birth_date="1985-03-07",
        documents=["C1234567"],
    )
    other = PersonFactory(owner=home, names=["Nguyen Van An"], birth_date="1985")
    for n in range(30):
        PersonFactory(owner=home, names=[f"Nguyễn Văn {name}" for name in ("Dũng", "Bình", "Cường")][n % 3 : n % 3 + 1])
    found = search.possible_duplicates(
        [name.full_name for name in person.names.all()],
        actor=officer,
        birth_date=person.birth_date,
        documents=["C1234567"],
        exclude_pk=person.pk,
    )
    assert [hit.person for hit in found] == [other]
    assert found[0].score >= 0.9


def test_a_document_number_finds_the_person(home: Any, officer: Any) -> None:
    person = PersonFactory(owner=home, names=["Kim Soo Hyun"], documents=["M 1234 5678"])
    assert [hit.person for hit in search.search_persons("M12345678", actor=officer)] == [person]


@pytest.mark.django_db(transaction=True)
def test_the_index_can_be_built_in_the_background(home: Any, officer: Any) -> None:
    person = PersonFactory(owner=home, names=["Сергей Иванов"])
    search.warm_in_background().join(timeout=60)
    assert search.index_size() == 1
    assert [hit.person for hit in search.search_persons("Sergei Ivanov", actor=officer)] == [person]


def test_person_record_is_what_the_index_holds(home: Any) -> None:
    from tests.people.test_api import MRZ

    person = PersonFactory(
        owner=home,
        names=["Erik Eriksson", {"full_name": "Anna Maria Eriksson", "is_primary": True}],
        birth_date="1974-08",
        nationalities=["SE"],
        documents=["L898902C3", {"number": "X1", "kind": "national_id", "mrz": ""}],
    )
    person.documents.filter(number="L898902C3").update(mrz=MRZ)
    record = search.person_record(person)
    assert record.id == str(person.pk)
    assert set(record.names) == {"Erik Eriksson", "Anna Maria Eriksson"}
    assert (record.birth_date, record.nationalities, record.sex) == ("1974-08", ["SE"], "M")
    assert record.documents == ["L898902C3", "X1"] and record.mrz == MRZ
