"""The INTERPOL import's reading side: the recorded notices a run is compared with, the checks the models
would make of what it writes, and the persons it may duplicate. Every query here is a read (the preview runs
it under `core.importing.read_only`), and the models are checked unsaved, without a query.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _
from django_countries import countries

from liaison.core import access, importing
from liaison.desk.choices import LegalBasisKind, NoticeKind, NoticeSource, NoticeStatus
from liaison.desk.interpol import compare
from liaison.desk.interpol.format import RED, SOURCE_KEY, YELLOW, Converted, Problem, Terms, to_json
from liaison.desk.models import Notice, Offence
from liaison.people.choices import NameKind, Script
from liaison.people.models import Person, PersonName

NOTICE_KIND = {RED: NoticeKind.WANTED, YELLOW: NoticeKind.MISSING}
PERSON_FIELDS = (
    "birth_date",
    "birth_place",
    "birth_country",
    "nationalities",
    "sex",
    "height_cm",
    "weight_kg",
    "eye_colour",
    "hair_colour",
    "distinguishing_marks",
    "languages",
)
OFFENCE_FIELDS = ("description", "description_translation", "country", "crime_area", "law", "max_penalty")
NAME_SOURCE_PREFIX = "INTERPOL "
CHUNK = 500


def terms() -> Terms:
    """Liaison's country codes, and messages in the active language."""
    return Terms(countries=frozenset(code for code, _name in countries), translate=_)


def source_field(name: str) -> str:
    """The INTERPOL key a Liaison field comes from (a model's complaint named in the file's terms)."""
    return SOURCE_KEY.get(name, "" if name == "__all__" else name)


# --- what is recorded ------------------------------------------------------------------------------------
def name_source(entity_id: str) -> str:
    return f"{NAME_SOURCE_PREFIX}{entity_id}"


def name_data(converted: Converted) -> dict[str, Any]:
    """The INTERPOL name of a record: Latin capitals as published, kind passport."""
    return {
        **converted.name_text,
        "kind": NameKind.PASSPORT,
        "script": Script.LATIN,
        "source": name_source(converted.entity_id),
    }


def notice_data(converted: Converted) -> dict[str, Any]:
    """The notice a new record creates (its person apart)."""
    return {
        "kind": NOTICE_KIND[converted.kind],
        "source": NoticeSource.INTERPOL,
        "interpol_id": converted.entity_id,
        "issuing_country": converted.issuing_country or "",
        "legal_basis_kind": LegalBasisKind.WARRANT if converted.kind == RED else LegalBasisKind.NONE,
        "extra": to_json(converted.extra),
    }


def _activation_refused(notice: Notice) -> str:
    """Why a draft could not be activated today (as the notice workflow would say), or ""."""
    today = timezone.localdate()
    if notice.valid_until is not None and notice.valid_until < today:
        return _("The notice was valid until %(date)s: extend its validity (edit, or record a review) first.") % {
            "date": notice.valid_until.isoformat()
        }
    if notice.review_due_on is not None and notice.review_due_on < today:
        return _("The five-year review was due on %(date)s: record the review before activating the notice.") % {
            "date": notice.review_due_on.isoformat()
        }
    return ""


def _stored(notice: Notice, name: PersonName | None, offences: Iterable[dict[str, Any]]) -> compare.Stored:
    person = {field: getattr(notice.person, field) for field in PERSON_FIELDS}
    person["birth_country"] = str(person["birth_country"] or "")
    is_draft = notice.status == NoticeStatus.DRAFT
    return compare.Stored(
        kind=notice.kind,
        kind_label=str(notice.get_kind_display()),
        is_draft=is_draft,
        activation_refused=_activation_refused(notice) if is_draft else "",
        person=person,
        name=None if name is None else {key: getattr(name, key) for key in ("full_name", "family_name", "given_names")},
        extra=notice.extra or {},
        issuing_country=str(notice.issuing_country or ""),
        offences=tuple({**row, "country": str(row["country"] or "")} for row in offences),
        notice_id=notice.pk,
    )


def stored(notice: Notice) -> compare.Stored:
    """One recorded notice, read now."""
    name = notice.person.names.filter(source=name_source(notice.interpol_id)).order_by("pk").first()
    return _stored(notice, name, notice.offences.order_by("pk").values(*OFFENCE_FIELDS))


def load(owner_id: Any, entity_ids: Iterable[str]) -> dict[str, compare.Stored]:
    """The agency's recorded notices with these INTERPOL ids (the first of each), in a few queries."""
    ids = sorted({entity_id for entity_id in entity_ids if entity_id})
    notices: dict[str, Notice] = {}
    for start in range(0, len(ids), CHUNK):
        found = Notice.objects.filter(owner_id=owner_id, interpol_id__in=ids[start : start + CHUNK])
        for notice in found.select_related("person").order_by("pk"):
            notices.setdefault(notice.interpol_id, notice)
    by_pk = {notice.pk: notice for notice in notices.values()}
    offences: dict[int, list[dict[str, Any]]] = {}
    names: dict[tuple[int, str], PersonName] = {}
    pks = sorted(by_pk)
    person_ids = sorted({notice.person_id for notice in by_pk.values()})
    for start in range(0, len(pks), CHUNK):
        rows = Offence.objects.filter(notice_id__in=pks[start : start + CHUNK]).order_by("pk")
        for row in rows.values("notice_id", *OFFENCE_FIELDS):
            offences.setdefault(row.pop("notice_id"), []).append(row)
    for start in range(0, len(person_ids), CHUNK):
        found_names = PersonName.objects.filter(
            person_id__in=person_ids[start : start + CHUNK], source__startswith=NAME_SOURCE_PREFIX
        )
        for name in found_names.order_by("pk"):
            names.setdefault((name.person_id, name.source), name)
    return {
        entity_id: _stored(notice, names.get((notice.person_id, name_source(entity_id))), offences.get(notice.pk, []))
        for entity_id, notice in notices.items()
    }


def created(converted: Converted) -> compare.Stored:
    """The notice a new record creates, as the records after it in the same run find it."""
    defaults = {field.name: field.get_default() for field in Person._meta.fields if field.name in PERSON_FIELDS}
    defaults["birth_country"] = str(defaults["birth_country"] or "")
    kind = NOTICE_KIND[converted.kind]
    return compare.created(converted, kind=kind, kind_label=str(kind.label), person_defaults=defaults)


# --- checks ----------------------------------------------------------------------------------------------
def kind_problem(entry: importing.Entry, converted: Converted, current: compare.Stored) -> Problem | None:
    """A record of one kind cannot update a notice recorded as another."""
    if current.kind == NOTICE_KIND[converted.kind]:
        return None
    message = _("Notice %(id)s is recorded as a %(stored)s notice; this record is a %(kind)s notice.") % {
        "id": converted.entity_id,
        "stored": current.kind_label,
        "kind": converted.kind,
    }
    return Problem(entry.file, entry.row, "kind", message, key=entry.key)


# Country fields hold only codes the conversion found in Terms.countries: not checked again (it is slow).
CHECKED_BY_CONVERSION = frozenset({"birth_country", "issuing_country", "country"})


def _check(model: type[models.Model], values: dict[str, Any], entry: importing.Entry) -> list[Problem]:
    """What the model refuses in `values` (its other fields left out), checked unsaved and without a query."""
    instance = model(**values)
    exclude = [f.name for f in model._meta.fields if f.name not in values or f.name in CHECKED_BY_CONVERSION]
    try:
        instance.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        return importing.validation_problems(error, entry, problem=Problem, field_of=source_field)
    return []


def _check_offences(offences: list[dict[str, Any]], entry: importing.Entry) -> list[Problem]:
    problems = []
    for number, row in enumerate(offences, start=1):
        try:
            Offence(**{k: v for k, v in row.items() if k in OFFENCE_FIELDS}).full_clean(
                exclude=["notice", *CHECKED_BY_CONVERSION], validate_unique=False, validate_constraints=False
            )
        except ValidationError as error:
            messages = "; ".join(f"{key}: {'; '.join(values)}" for key, values in error.message_dict.items())
            message = _("Offence %(n)s: %(error)s") % {"n": number, "error": messages}
            problems.append(Problem(entry.file, entry.row, source_field("offences"), message, key=entry.key))
    return problems


def model_problems(
    entry: importing.Entry, converted: Converted, changes: compare.Changes | None, current: compare.Stored | None
) -> list[Problem]:
    """What the actions would refuse in writing the record: as new (`changes` None) or as these changes."""
    if changes is None:
        return (
            _check(Person, dict(converted.person), entry)
            + _check(PersonName, {**name_data(converted), "is_primary": True}, entry)
            + _check(Notice, notice_data(converted), entry)
            + _check_offences(converted.offences or [], entry)
        )
    problems = _check(Person, changes.person, entry) if changes.person else []
    if changes.name:
        problems += _check(PersonName, name_data(converted), entry)
    if changes.notice:
        problems += _check(Notice, changes.notice, entry)
    problems += _check_offences(changes.offences or [], entry)
    if changes.activate and current is not None and current.activation_refused:
        problems.append(Problem(entry.file, entry.row, "to", current.activation_refused, key=entry.key))
    return problems


def possible_duplicates(
    entries: Iterable[importing.Entry], *, actor: Any
) -> dict[tuple[str, int], list[importing.Problem]]:
    """Warnings for the records that would record a new person who may already be in the register (the same
    namematch check as recording a person by hand): one search per INTERPOL id, of the committed register."""
    from liaison.people.search import possible_duplicates as search

    warnings: dict[tuple[str, int], list[importing.Problem]] = {}
    if not access.restrict(Person.objects.current(), actor).exists():
        return warnings  # nobody the actor may see: no search needed
    seen: set[str] = set()
    for entry in entries:
        converted: Converted = entry.data
        if converted.entity_id in seen:
            continue
        seen.add(converted.entity_id)
        hits = search(
            [converted.full_name],
            actor=actor,
            birth_date=converted.person.get("birth_date", ""),
            nationalities=converted.person.get("nationalities", []),
            limit=3,
        )
        for hit in hits:
            message = _(
                "May already be recorded as %(name)s (%(agency)s, person #%(pk)s, score %(score).2f): "
                "if it is the same person, merge the two records after the import."
            ) % {"name": hit.person, "agency": hit.person.owner, "pk": hit.person.pk, "score": hit.score}
            warnings.setdefault((entry.file, entry.row), []).append(
                Problem(entry.file, entry.row, "name", message, key=entry.key, severity=importing.WARNING)
            )
    return warnings
