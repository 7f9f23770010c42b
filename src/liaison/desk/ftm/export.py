"""FollowTheMoney (FtM) export of the people register and the notices, for Aleph and yente users.

One entity per line (JSON: id, schema, properties with lists of strings), as FtM's own tools read and write
it. What is exported is what the actor may see, through the same access rules as every page:

- each current person the actor may see becomes a ``Person``: ``name`` the primary name; the other names
  by kind: ``alias`` (native, passport, alias, a partner's transcription), ``weakAlias`` (nickname),
  ``previousName`` (former name); the name parts as ``firstName``, ``lastName`` and ``fatherName``
  (FtM's word for the patronymic); ``birthDate`` as partial as it is stored (FtM dates may be YYYY or
  YYYY-MM); birth place and country, nationalities, gender, height, weight, eye and hair colour,
  ``appearance``, spoken languages (ISO 639-3), passport and other identity numbers, and the topic ``wanted``
  when an active wanted notice the actor may see names the person (``poi`` for locate, information and
  warning notices);
- each identity document becomes a ``Passport`` (passports) or an ``Identification`` (other documents)
  whose ``holder`` is the person;
- each issued notice (not drafts) becomes a ``Sanction`` whose ``entity`` is the person: ``authority`` the
  issuing agency (INTERPOL for an INTERPOL public notice), ``program`` the notice kind (INTERPOL Red or
  Yellow Notice), ``reason`` the offences, ``listingDate``/``startDate`` the date of issue, ``endDate`` the
  end of validity, ``status``, ``sourceUrl`` for INTERPOL notices, ``summary``. A notice is exported with its
  person, never alone (a reference to an entity that is not in the file would dangle).

Ids are stable across exports: ``liaison-<node agency code>-<kind>-<primary key>`` (the node agency is the
home agency of this node). Values are written in English where FtM expects text (document types, programs);
FtM's own codes elsewhere (country codes in lower case, ISO 639-3 languages, genders).

The validation of the output with the `followthemoney` library runs in the tests (tests/desk/test_ftm.py,
docs/decisions/0012-ftm-validation.md): the library itself is not a dependency of the product.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils import timezone, translation

from liaison.core import access
from liaison.desk.choices import NoticeKind, NoticeSource, NoticeStatus
from liaison.desk.models import Notice
from liaison.people.choices import DocumentType, NameKind
from liaison.people.models import IdentityDocument, Person, PersonName

CONTENT_TYPE = "application/x-ndjson; charset=utf-8"
CHUNK = 500

NAME_PROPERTY: dict[str, str] = {
    NameKind.NATIVE: "alias",
    NameKind.PASSPORT: "alias",
    NameKind.ALIAS: "alias",
    NameKind.TRANSCRIPTION: "alias",
    NameKind.NICKNAME: "weakAlias",
    NameKind.FORMER: "previousName",
}
GENDER = {"M": "male", "F": "female"}
PROGRAM: dict[str, dict[str, str]] = {
    NoticeSource.INTERPOL: {NoticeKind.WANTED: "INTERPOL Red Notice", NoticeKind.MISSING: "INTERPOL Yellow Notice"}
}
WANTED_TOPIC = "wanted"
INTEREST_TOPIC = "poi"  # person of interest: locate, information and warning notices

# FtM's languages (ISO 639-3) and the ISO 639-1 codes Liaison usually stores for them.
LANGUAGES_639_1 = {
    "af": "afr", "am": "amh", "ar": "ara", "az": "aze", "be": "bel", "bn": "ben", "bs": "bos", "bg": "bul",
    "ca": "cat", "cs": "ces", "da": "dan", "de": "deu", "el": "ell", "en": "eng", "et": "est", "fa": "fas",
    "fi": "fin", "fr": "fra", "ga": "gle", "he": "heb", "hi": "hin", "hr": "hrv", "hu": "hun", "hy": "hye",
    "id": "ind", "is": "isl", "it": "ita", "ja": "jpn", "kn": "kan", "ka": "kat", "kk": "kaz", "km": "khm",
    "ky": "kir", "ko": "kor", "lo": "lao", "lv": "lav", "lt": "lit", "lb": "ltz", "mk": "mkd", "mt": "mlt",
    "mn": "mon", "ms": "msa", "my": "mya", "ne": "nep", "nl": "nld", "no": "nor", "pl": "pol", "pt": "por",
    "ps": "pus", "ro": "ron", "ru": "rus", "si": "sin", "sk": "slk", "sl": "slv", "es": "spa", "sq": "sqi",
    "sr": "srp", "sw": "swa", "sv": "swe", "ta": "tam", "te": "tel", "tg": "tgk", "tl": "tgl", "th": "tha",
    "tk": "tuk", "tr": "tur", "uk": "ukr", "ur": "urd", "uz": "uzb", "vi": "vie", "zh": "zho",
}  # fmt: skip
LANGUAGES_639_3 = frozenset(LANGUAGES_639_1.values()) | {"cnr", "fil", "mul"}


def node_code() -> str:
    """The code of this node's home agency, as used in entity ids ("node" before one is set up)."""
    from liaison.agencies.models import Agency

    code = Agency.objects.filter(is_home=True).values_list("code", flat=True).first()
    return _slug(code or "node")


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "node"


def entity_id(node: str, kind: str, pk: Any) -> str:
    """A stable FtM id: liaison-<node>-<kind>-<pk> (letters, digits and hyphens, as FtM requires)."""
    return f"liaison-{node}-{kind}-{pk}"


def _english(label: Any) -> str:
    with translation.override("en"):
        return str(label)


def _timestamp(value: Any) -> str:
    return timezone.localtime(value, timezone.get_fixed_timezone(0)).strftime("%Y-%m-%dT%H:%M:%S")


def _language(code: str) -> str | None:
    primary = code.split("-", 1)[0].lower()
    if primary in LANGUAGES_639_3:
        return primary
    return LANGUAGES_639_1.get(primary)


def _add(properties: dict[str, list[str]], name: str, *values: Any) -> None:
    """Add non-empty values once each, as text."""
    for value in values:
        if value is None:
            continue
        text = str(value).strip()
        if not text:
            continue
        bucket = properties.setdefault(name, [])
        if text not in bucket:
            bucket.append(text)


def _entity(ident: str, schema: str, properties: dict[str, list[str]]) -> dict[str, Any]:
    return {"id": ident, "schema": schema, "properties": {k: v for k, v in properties.items() if v}}


def person_entity(person: Person, node: str, notices: list[Notice]) -> dict[str, Any]:
    properties: dict[str, list[str]] = {}
    names: list[PersonName] = list(person.names.all())
    primary = next((n for n in names if n.is_primary), names[0] if names else None)
    _add(properties, "name", primary.full_name if primary else person.display_name)
    taken = set(properties.get("name", []))
    for name in names:
        if name is not primary and name.full_name not in taken:
            _add(properties, NAME_PROPERTY.get(name.kind, "alias"), name.full_name)
            taken.add(name.full_name)
        _add(properties, "firstName", name.given_names)
        _add(properties, "lastName", name.family_name)
        _add(properties, "fatherName", name.patronymic)
    _add(properties, "birthDate", person.birth_date)
    _add(properties, "birthPlace", person.birth_place)
    _add(properties, "birthCountry", str(person.birth_country or "").lower())
    _add(properties, "nationality", *(str(code).lower() for code in person.nationalities or []))
    _add(properties, "gender", GENDER.get(person.sex))
    _add(properties, "height", person.height_cm)
    _add(properties, "weight", person.weight_kg)
    _add(properties, "eyeColor", person.eye_colour)
    _add(properties, "hairColor", person.hair_colour)
    _add(properties, "appearance", person.description, person.distinguishing_marks)
    _add(properties, "spokenLanguage", *(_language(code) for code in person.languages or []))
    for document in person.documents.all():
        _add(properties, "passportNumber" if document.kind == DocumentType.PASSPORT else "idNumber", document.number)
    active = [n for n in notices if n.status == NoticeStatus.ACTIVE]
    if any(n.kind == NoticeKind.WANTED for n in active):
        _add(properties, "topics", WANTED_TOPIC)
    if any(n.kind in (NoticeKind.LOCATE, NoticeKind.INFORMATION, NoticeKind.WARNING) for n in active):
        _add(properties, "topics", INTEREST_TOPIC)
    if person.fictional:
        _add(properties, "notes", "Fictional record (demonstration or training data), not a real person.")
    _add(properties, "modifiedAt", _timestamp(person.updated_at))
    return _entity(entity_id(node, "person", person.pk), "Person", properties)


def document_entity(document: IdentityDocument, node: str, holder: str) -> dict[str, Any]:
    properties: dict[str, list[str]] = {}
    _add(properties, "holder", holder)
    _add(properties, "number", document.number)
    _add(properties, "country", str(document.issuing_country or "").lower())
    _add(properties, "type", _english(document.get_kind_display()))
    _add(properties, "startDate", document.issued_on.isoformat() if document.issued_on else None)
    _add(properties, "endDate", document.valid_until.isoformat() if document.valid_until else None)
    schema = "Passport" if document.kind == DocumentType.PASSPORT else "Identification"
    return _entity(entity_id(node, "document", document.pk), schema, properties)


def notice_entity(notice: Notice, node: str, subject: str) -> dict[str, Any]:
    properties: dict[str, list[str]] = {}
    _add(properties, "entity", subject)
    if notice.issuing_agency is not None:
        _add(properties, "authority", notice.issuing_agency.name_en)
    elif notice.source == NoticeSource.INTERPOL:
        _add(properties, "authority", "INTERPOL")
    elif notice.source == NoticeSource.OWN:
        _add(properties, "authority", notice.owner.name_en)
    _add(properties, "authorityId", notice.interpol_id or notice.reference)
    program = PROGRAM.get(notice.source, {}).get(notice.kind) or _english(notice.get_kind_display())
    _add(properties, "program", program)
    _add(properties, "provisions", _english(notice.get_kind_display()))
    for offence in notice.offences.all():
        reason = offence.description
        if offence.description_translation:
            reason = f"{offence.description} ({offence.description_translation})"
        _add(properties, "reason", reason)
    _add(properties, "listingDate", notice.issued_on.isoformat() if notice.issued_on else None)
    _add(properties, "startDate", notice.issued_on.isoformat() if notice.issued_on else None)
    _add(properties, "endDate", notice.valid_until.isoformat() if notice.valid_until else None)
    _add(properties, "status", _english(notice.get_status_display()))
    _add(properties, "country", str(notice.issuing_country or "").lower())
    _add(properties, "recordId", notice.reference)
    _add(properties, "summary", notice.summary)
    if notice.source == NoticeSource.INTERPOL:
        _add(properties, "sourceUrl", _interpol_url(notice.extra))
    _add(properties, "modifiedAt", _timestamp(notice.updated_at))
    return _entity(entity_id(node, "notice", notice.pk), "Sanction", properties)


def _interpol_url(extra: Any) -> str | None:
    try:
        href = extra["_links"]["self"]["href"]
    except (KeyError, TypeError):
        return None
    return href if isinstance(href, str) and href.startswith("https://") else None


def visible_persons(actor: Any) -> QuerySet[Person]:
    """The current persons the actor may see, with their names and documents (each restricted too)."""
    names = access.restrict(PersonName.objects.all(), actor).order_by("-is_primary", "pk")
    documents = access.restrict(IdentityDocument.objects.all(), actor).order_by("pk")
    return (
        access.restrict(Person.objects.current(), actor)
        .order_by("pk")
        .prefetch_related(Prefetch("names", queryset=names), Prefetch("documents", queryset=documents))
    )


def visible_notices(actor: Any) -> QuerySet[Notice]:
    """The issued notices (not drafts) the actor may see."""
    return (
        access.restrict(Notice.objects.exclude(status=NoticeStatus.DRAFT), actor)
        .select_related("issuing_agency", "owner")
        .prefetch_related("offences")
        .order_by("pk")
    )


def entities(actor: Any) -> Iterator[dict[str, Any]]:
    """Every entity the actor may see: each person, followed by their documents and notices."""
    node = node_code()
    notices = visible_notices(actor)
    persons = visible_persons(actor)
    last_pk = 0
    while True:  # in chunks of persons (keyset pagination): their notices in one query per chunk
        batch = list(persons.filter(pk__gt=last_pk)[:CHUNK])
        if not batch:
            return
        last_pk = batch[-1].pk
        by_person: dict[int, list[Notice]] = {}
        for notice in notices.filter(person_id__in=[p.pk for p in batch]):
            by_person.setdefault(notice.person_id, []).append(notice)
        for person in batch:
            own_notices = by_person.get(person.pk, [])
            subject = entity_id(node, "person", person.pk)
            yield person_entity(person, node, own_notices)
            for document in person.documents.all():
                yield document_entity(document, node, subject)
            for notice in own_notices:
                yield notice_entity(notice, node, subject)


def lines(actor: Any) -> Iterator[str]:
    """The export as JSON lines (one entity a line, UTF-8, keys sorted: the same data gives the same text)."""
    for entity in entities(actor):
        yield json.dumps(entity, ensure_ascii=False, sort_keys=True) + "\n"
