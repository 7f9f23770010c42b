"""The one Person → namematch adapter: a person of the register as namematch sees them.

Every app that matches persons (the person search, the screening index, later legal and consular work) builds
its records here, so that a person scores the same everywhere. Public API:

- ``person_record(person) -> namematch.Record``: one person. Uses the person's prefetched ``names`` and
  ``documents`` when they were prefetched (``prefetch_related("names", "documents")``), else reads them.
- ``person_records(persons) -> PersonRecords``: the records of a queryset of persons in three queries, however
  many persons (persons, names, identity documents; plain ``values_list`` rows, no model instances: the
  person search reads 100,000 persons this way). Merged persons (tombstones) and persons without a name get
  no record.
- ``PersonRecords(records, counts)``: ``records`` maps a person's pk to its record, in the queryset's order
  (namematch breaks ties by the order records were indexed in, so the caller's ordering is kept); ``counts``
  maps the pk of every person of the queryset, merged and nameless included, to how many names and identity
  documents it has (the person search compares them with the tables' counts to notice rows changed behind
  the actions).

A record holds: ``id`` = ``str(pk)``; every name of every kind and script as written (native, passport,
alias, a partner's transcription, nickname, former name), the primary name first and then in the order they
were recorded (namematch derives the other forms itself); the birth date (partial dates as stored); the
nationalities (ISO 3166 codes); the sex when known (``M`` or ``F``); the number of every identity document in
the order recorded; the MRZ of the first document that has one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet

import namematch
from liaison.people.models import IdentityDocument, Person, PersonName

_Name = tuple[bool, int, str]  # (not primary, pk, name as written): sorts the primary name first
_Document = tuple[int, str, str]  # (pk, number, MRZ)


@dataclass(slots=True)
class PersonRecords:
    """The records of a queryset of persons and how many names and documents each of its persons has."""

    records: dict[int, namematch.Record] = field(default_factory=dict)
    counts: dict[int, tuple[int, int]] = field(default_factory=dict)


def _record(
    pk: int,
    names: list[_Name],
    documents: list[_Document],
    birth_date: str,
    nationalities: Any,
    sex: str,
) -> namematch.Record:
    names.sort()
    documents.sort()
    mrz = next((mrz for _pk, _number, mrz in documents if mrz.strip()), "")
    return namematch.Record(
        id=str(pk),
        names=[name for _rank, _pk, name in names],
        birth_date=birth_date or None,
        nationalities=[str(code) for code in nationalities or []],
        sex=sex if sex in ("M", "F") else None,
        documents=[number for _pk, number, _mrz in documents],
        mrz=mrz or None,
    )


def person_record(person: Person) -> namematch.Record:
    """The person as namematch sees them (the same record `person_records` builds for them)."""
    names = [(not name.is_primary, name.pk, name.full_name) for name in person.names.all()]
    documents = [(document.pk, document.number, document.mrz) for document in person.documents.all()]
    return _record(person.pk, names, documents, person.birth_date, person.nationalities, person.sex)


def _rows_of(model: type[PersonName] | type[IdentityDocument], persons: QuerySet[Person]) -> QuerySet[Any]:
    rows = model.objects.order_by()  # no ORDER BY: sorting every row costs more than the fetch; sorted per person
    # A queryset of every person needs no subquery (the person search reads the whole register this way).
    whole = not persons.query.has_filters() and not persons.query.is_sliced
    return rows if whole else rows.filter(person__in=persons)


def person_records(persons: QuerySet[Person]) -> PersonRecords:
    """The records of `persons` (a queryset, in its order) in three queries; see the module docstring."""
    names: dict[int, list[_Name]] = {}
    for person_id, pk, full_name, is_primary in _rows_of(PersonName, persons).values_list(
        "person_id", "pk", "full_name", "is_primary"
    ):
        names.setdefault(person_id, []).append((not is_primary, pk, full_name))
    documents: dict[int, list[_Document]] = {}
    for person_id, pk, number, mrz in _rows_of(IdentityDocument, persons).values_list(
        "person_id", "pk", "number", "mrz"
    ):
        documents.setdefault(person_id, []).append((pk, number, mrz))
    result = PersonRecords()
    for pk, birth_date, nationalities, sex, merged_into in persons.values_list(
        "pk", "birth_date", "nationalities", "sex", "merged_into_id"
    ):
        person_names = names.get(pk)
        person_documents = documents.get(pk)
        result.counts[pk] = (len(person_names or ()), len(person_documents or ()))
        if merged_into is None and person_names:
            result.records[pk] = _record(pk, person_names, person_documents or [], birth_date, nationalities, sex)
    return result
