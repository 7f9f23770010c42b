"""The one Person → namematch adapter (people/matching.py): what a record holds, and the bulk form's queries."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

import namematch
from liaison.people import matching
from liaison.people.choices import NameKind, Script
from liaison.people.models import IdentityDocument, Person
from tests.people.factories import IdentityDocumentFactory, PersonFactory, PersonNameFactory
from tests.people.test_api import MRZ

pytestmark = pytest.mark.django_db

EVERY_KIND = [
    {"full_name": "Nguyễn Văn Hùng", "kind": NameKind.NATIVE, "script": Script.LATIN},
    {"full_name": "NGUYEN VAN HUNG", "kind": NameKind.PASSPORT, "script": Script.LATIN},
    {"full_name": "응우옌 반 훙", "kind": NameKind.ALIAS, "script": Script.HANGUL},
    {"full_name": "阮文雄", "kind": NameKind.NICKNAME, "script": Script.HAN_SIMPLIFIED},
    {"full_name": "阮文雄", "kind": NameKind.FORMER, "script": Script.HAN_TRADITIONAL},
    {"full_name": "阮文雄", "kind": NameKind.ALIAS, "script": Script.HAN},
    {"full_name": "Нгуен Ван Хунг", "kind": NameKind.ALIAS, "script": Script.CYRILLIC},
    {"full_name": "Nguyen-Van Hung", "kind": NameKind.ALIAS, "script": Script.OTHER},
]


def _bulk(persons: Any) -> dict[int, namematch.Record]:
    return matching.person_records(persons).records


def test_every_name_of_every_kind_and_script_goes_in_as_written(home: Any) -> None:
    person = PersonFactory(owner=home, names=EVERY_KIND, birth_date="1985-03-07", nationalities=["VN", "KR"])
    record = matching.person_record(person)
    assert record.id == str(person.pk)
    assert record.names == [entry["full_name"] for entry in EVERY_KIND]
    assert (record.birth_date, record.nationalities, record.sex) == ("1985-03-07", ["VN", "KR"], "M")
    assert (record.documents, record.mrz) == ([], None)
    assert _bulk(Person.objects.all()) == {person.pk: record}


def test_a_partners_transcription_is_matched_like_any_other_name(home: Any, partner: Any) -> None:
    person = PersonFactory(owner=home, names=["Nguyễn Văn Hùng"])
    PersonNameFactory(
        person=person,
        full_name="阮文雄",
        script=Script.HAN_SIMPLIFIED,
        kind=NameKind.TRANSCRIPTION,
        transcribed_by=partner,
    )
    record = matching.person_record(person)
    assert record.names == ["Nguyễn Văn Hùng", "阮文雄"]
    assert _bulk(Person.objects.filter(pk=person.pk))[person.pk] == record
    match = namematch.compare(namematch.Record(id="q", names=["阮文雄"]), record)
    assert match.score >= namematch.DEFAULT_THRESHOLD


def test_the_primary_name_comes_first_then_the_order_recorded(home: Any) -> None:
    person = PersonFactory(
        owner=home, names=["Kim Min Jun", "KIM MIN JUN", {"full_name": "김민준", "is_primary": True}]
    )
    PersonNameFactory(person=person, full_name="Гим Мин Джун", script=Script.CYRILLIC)
    expected = ["김민준", "Kim Min Jun", "KIM MIN JUN", "Гим Мин Джун"]
    assert matching.person_record(person).names == expected
    assert _bulk(Person.objects.all())[person.pk].names == expected


def test_documents_in_the_order_recorded_and_the_first_mrz(home: Any) -> None:
    person = PersonFactory(owner=home, names=["Anna Maria Eriksson"], sex="F", birth_date="1974-08")
    IdentityDocumentFactory(person=person, number="X1", kind="passport", mrz="  \n ")
    IdentityDocumentFactory(person=person, number="L898902C3", kind="national_id", mrz=MRZ)
    IdentityDocumentFactory(person=person, number="D-77", kind="driving_licence", mrz=MRZ.replace("ANNA", "ANNE"))
    record = matching.person_record(person)
    assert record.documents == ["X1", "L898902C3", "D-77"]  # not the documents' own ordering (by kind)
    assert record.mrz == MRZ
    assert (record.birth_date, record.sex) == ("1974-08", "F")
    assert _bulk(Person.objects.all())[person.pk] == record


def test_unknown_sex_and_missing_dates_are_left_out(home: Any) -> None:
    person = PersonFactory(owner=home, names=["Lê Thị Mai"], sex="U", birth_date="", nationalities=[])
    record = matching.person_record(person)
    assert (record.birth_date, record.nationalities, record.sex, record.mrz) == (None, [], None, None)
    assert _bulk(Person.objects.all())[person.pk] == record


def test_merged_and_nameless_persons_get_no_record_but_are_counted(home: Any) -> None:
    survivor = PersonFactory(owner=home, names=["Park Ji Sung"], documents=["M1"])
    merged = PersonFactory(owner=home, names=["Park Ji-sung", "박지성"], documents=["M2", "M3"])
    Person.objects.filter(pk=merged.pk).update(merged_into=survivor)
    nameless = PersonFactory(owner=home, names=["Choi Young Ho"], documents=["M4"])
    nameless.names.all().delete()
    fetched = matching.person_records(Person.objects.all())
    assert list(fetched.records) == [survivor.pk]
    assert fetched.counts == {survivor.pk: (1, 1), merged.pk: (2, 2), nameless.pk: (0, 1)}
    assert matching.person_record(nameless).names == []


def test_records_follow_the_querysets_order_and_filter(home: Any) -> None:
    persons = [PersonFactory(owner=home, names=[name]) for name in ("Zhang Wei", "An Nguyen", "Min Kim")]
    by_name = _bulk(Person.objects.all())  # Person's own ordering: by name shown
    assert list(by_name) == [persons[1].pk, persons[2].pk, persons[0].pk]
    assert list(_bulk(Person.objects.order_by("-pk"))) == [p.pk for p in reversed(persons)]
    some = _bulk(Person.objects.filter(pk__in=[persons[0].pk, persons[2].pk]).order_by("pk"))
    assert some == {pk: by_name[pk] for pk in (persons[0].pk, persons[2].pk)}
    assert _bulk(Person.objects.none()) == {}


def _persons(home: Any, n: int) -> None:
    for i in range(n):
        person = PersonFactory(owner=home, names=[f"Person {i}", f"Alias {i}"], documents=[f"P{i:05d}", f"N{i:05d}"])
        IdentityDocument.objects.filter(person=person, number=f"P{i:05d}").update(mrz=MRZ)


@pytest.mark.parametrize("filtered", [False, True])
def test_the_bulk_form_reads_three_queries_however_many_persons(home: Any, filtered: bool) -> None:
    def queries() -> int:
        persons = Person.objects.filter(owner=home) if filtered else Person.objects.all()
        with CaptureQueriesContext(connection) as captured:
            fetched = matching.person_records(persons)
        assert all(len(record.names) == 2 and record.mrz == MRZ for record in fetched.records.values())
        return len(captured)

    _persons(home, 2)
    few = queries()
    _persons(home, 20)
    assert queries() == few == 3


def test_prefetched_persons_are_read_without_a_query_each(home: Any) -> None:
    def queries() -> tuple[int, list[namematch.Record]]:
        with CaptureQueriesContext(connection) as captured:
            records = [
                matching.person_record(person)
                for person in Person.objects.prefetch_related("names", "documents").order_by("pk")
            ]
        return len(captured), records

    _persons(home, 2)
    few, _records = queries()
    _persons(home, 20)
    many, records = queries()
    assert many == few == 3
    assert records == list(_bulk(Person.objects.order_by("pk")).values())
