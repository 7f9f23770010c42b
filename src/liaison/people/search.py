"""Person search: one in-memory namematch index over every current person of the node.

Public API (other apps import exactly these):

- ``person_record(person) -> namematch.Record``: the person as namematch sees them (``people.matching``, the one
  Person → namematch adapter, builds it and every record of the index).
- ``search_persons(query, *, actor, limit=20, threshold=None, birth_date="", nationality="")
  -> list[PersonHit]``: a name in any script (or a ``namematch.Record``), best first, only persons the actor
  may view (``access.restrict(Person.objects.current(), actor)``). ``threshold`` defaults to
  ``SEARCH_THRESHOLD``, lower than the screening threshold because an officer reads the list. A query that
  is an identity document number also finds the holders of that document exactly (score 1, algorithm
  ``DOCUMENT_ALGORITHM``), first.
- ``possible_duplicates(names, *, actor, birth_date="", nationalities=(), documents=(), exclude_pk=None,
  limit=5) -> list[PersonHit]``: the persons the actor may see that may be the one about to be recorded
  (threshold ``namematch.DEFAULT_THRESHOLD``), for the warning on create.
- ``PersonHit(person, score, explanation, algorithm)``: one result; ``explanation`` is
  ``namematch.Explanation.as_dict()``.
- ``reset_index()``: forget the index (tests; the next query builds it again).
- ``warm()``: build the index now; ``warm_in_background()``: the same in a thread (a server calls it at start
  so the first search does not wait for the build: about 20 s per 100,000 persons, namematch's preparation).

How the index stays fresh. The index is built once per process, lazily, from three bulk ``values_list`` queries
(persons, names, documents; no query per person: ``people.matching.person_records``). Each query first reads a
change marker: the audit chain's last sequence number (every people action is audited, in its own transaction,
so the sequence is a commit-ordered change log), and the count and highest id of persons plus the counts of
names and identity documents (these catch rows added or removed behind the actions, e.g. bulk loads); a few
milliseconds at 100,000 persons. When the marker moved, the persons named by new people audit records, the
persons whose ``updated_at`` is later than at the last look and the new persons are (re-)indexed one by one: a
new person is added with ``Index.add``; a changed person is added again under a fresh index id and its old entry
is masked, since namematch indexes cannot remove an entry; a merged or removed person is masked. When masked
entries pile up (a quarter of the index) or the counts cannot be reconciled, the index is rebuilt. A lock makes
all of it thread-safe. Not seen until something else moves the marker: a name edited in place behind the
actions (no audit record, no new row).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from django.db.models import Max
from django.utils.translation import gettext as _

import namematch
from liaison.core import access
from liaison.core.models import AuditEvent, AuditHead
from liaison.people import matching
from liaison.people.matching import person_record as person_record
from liaison.people.models import IdentityDocument, Person, PersonName, document_number_normal

SEARCH_THRESHOLD = 0.5
"""Default threshold of the search box: an officer reads the list, so weaker candidates are shown too."""

OVERFETCH = 5
"""The index is asked for this many times ``limit`` candidates (at least 50), so that enough remain after
leaving out the persons the actor may not see."""

DOCUMENT_ALGORITHM = "document-number"
"""The `algorithm` of a hit found by an exact identity-document number rather than by namematch."""

REBUILD_MASKED_SHARE = 0.25
REBUILD_MASKED_MIN = 500

PEOPLE_OBJECT_TYPES = ("people.person", "people.personname", "people.identitydocument")
IGNORED_ACTIONS = frozenset({"person.share"})  # audited people actions that change nothing the index holds


_Scored = tuple[int, float, namematch.Explanation, str]


@dataclass(slots=True)
class PersonHit:
    """One search result: the person, the namematch score and explanation, and the algorithm that scored it."""

    person: Person
    score: float
    explanation: dict[str, Any]
    algorithm: str


# --- the index ----------------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class _Marker:
    audit_seq: int
    persons: int
    max_pk: int
    names: int
    documents: int


def _read_marker() -> _Marker:
    head = AuditHead.objects.filter(id=1).values_list("last_seq", flat=True).first() or 0
    # Separate queries: SQLite answers a bare COUNT(*) and a MAX(pk) from the index, not both at once.
    return _Marker(
        audit_seq=head,
        persons=Person.objects.count(),
        max_pk=Person.objects.aggregate(max_pk=Max("pk"))["max_pk"] or 0,
        names=PersonName.objects.count(),
        documents=IdentityDocument.objects.count(),
    )


def _fetch_records(pks: Iterable[int] | None = None) -> tuple[dict[int, namematch.Record], dict[int, tuple[int, int]]]:
    """Records of the current persons (all of them, or those of `pks`) in three bulk queries, and how many
    names and documents each person (current or not) has."""
    persons = Person.objects.order_by()  # no ORDER BY: a sort of every row costs more than the fetch
    if pks is not None:
        persons = persons.filter(pk__in=list(pks))
    fetched = matching.person_records(persons)
    return fetched.records, fetched.counts


@dataclass
class _State:
    index: namematch.Index
    marker: _Marker
    watermark: Any  # the latest `updated_at` of a person when the index was last brought up to date
    live: dict[str, int] = field(default_factory=dict)  # index record id → person pk, for entries in use
    entry: dict[int, str] = field(default_factory=dict)  # person pk → its live index record id
    counts: dict[int, tuple[int, int]] = field(default_factory=dict)  # person pk → (names, documents)
    records: dict[int, namematch.Record] = field(default_factory=dict)  # person pk → the record indexed
    masked: int = 0
    generation: int = 0
    built_in: float = 0.0

    def put(self, pk: int, record: namematch.Record | None) -> None:
        """Index the person's current record (None: the person is gone or merged)."""
        old = self.entry.pop(pk, None)
        if old is not None:
            del self.live[old]
            self.masked += 1
        if record is None:
            self.records.pop(pk, None)
            return
        if old is not None:
            self.generation += 1
            record.id = f"{pk}/{self.generation}"
        self.records[pk] = record
        self.index.add(record)
        self.live[record.id] = pk
        self.entry[pk] = record.id


_lock = threading.RLock()
_state: _State | None = None


def _build() -> _State:
    started = time.perf_counter()
    marker = _read_marker()  # read first: anything committed later is seen by the next sync
    watermark = _watermark()
    records, counts = _fetch_records()
    state = _State(index=namematch.Index(), marker=marker, watermark=watermark, counts=counts)
    for pk, record in records.items():
        state.index.add(record)
        state.live[record.id] = pk
        state.entry[pk] = record.id
    state.index.seal()  # compact postings, out of the garbage collector's way (namematch.Index.seal)
    state.records = records
    state.built_in = time.perf_counter() - started
    return state


def _watermark() -> Any:
    return Person.objects.aggregate(latest=Max("updated_at"))["latest"]


def _changed_persons(state: _State, marker: _Marker, watermark: Any) -> set[int] | None:
    """The persons to re-index since the state's marker, or None when a rebuild is needed."""
    old = state.marker
    if marker.audit_seq < old.audit_seq:
        return None  # history went backwards (a restored backup): start again
    changed: set[int] = set()
    if marker.audit_seq != old.audit_seq:
        events = AuditEvent.objects.filter(
            seq__gt=old.audit_seq, seq__lte=marker.audit_seq, object_type__in=PEOPLE_OBJECT_TYPES
        ).values_list("action", "object_type", "object_id", "before", "after")
        for action, object_type, object_id, before, after in events:
            if action in IGNORED_ACTIONS:
                continue
            if object_type == "people.person":
                if object_id.isdigit():
                    changed.add(int(object_id))
                for data in (before, after):
                    if isinstance(data, dict):
                        changed.update(v for k in ("duplicate", "survivor") if isinstance(v := data.get(k), int))
            else:
                data = after if isinstance(after, dict) else before if isinstance(before, dict) else {}
                if isinstance(data.get("person"), int):
                    changed.add(data["person"])
    if marker.max_pk > old.max_pk:
        changed.update(Person.objects.filter(pk__gt=old.max_pk).order_by().values_list("pk", flat=True))
    if state.watermark is None:
        if watermark is not None:
            return None  # the register was empty: build it whole
    elif watermark != state.watermark:
        changed.update(Person.objects.filter(updated_at__gt=state.watermark).order_by().values_list("pk", flat=True))
    return changed


def _sync(state: _State) -> _State:
    """Bring the index up to date with the database (the caller holds the lock)."""
    marker = _read_marker()
    if marker == state.marker:
        return state
    watermark = _watermark()
    changed = _changed_persons(state, marker, watermark)
    if changed is None:
        return _build()
    records, counts = _fetch_records(changed)
    for pk in changed:
        state.put(pk, records.get(pk))
        if pk in counts:
            state.counts[pk] = counts[pk]
        else:
            state.counts.pop(pk, None)
    if len(state.counts) != marker.persons:
        # Persons removed without an audit record: drop those no longer stored.
        stored = set(Person.objects.order_by().values_list("pk", flat=True))
        for pk in [pk for pk in state.counts if pk not in stored]:
            state.put(pk, None)
            del state.counts[pk]
        if len(state.counts) != marker.persons:
            return _build()
    names = sum(n for n, _d in state.counts.values())
    documents = sum(d for _n, d in state.counts.values())
    if names != marker.names or documents != marker.documents:
        return _build()  # a name or document changed behind the actions' back
    if state.masked > max(REBUILD_MASKED_MIN, REBUILD_MASKED_SHARE * len(state.live)):
        return _build()
    state.marker = marker
    state.watermark = watermark
    return state


def _current() -> _State:
    global _state
    _state = _build() if _state is None else _sync(_state)
    return _state


def warm() -> None:
    """Build (or refresh) the index now."""
    with _lock:
        _current()


def warm_in_background() -> threading.Thread:
    """Build the index in a background thread (for a server at start: the build takes about 20 seconds per
    100,000 persons, and a search arriving meanwhile waits for it rather than building it twice)."""

    def run() -> None:
        from django.db import connection

        try:
            warm()
        finally:
            connection.close()

    thread = threading.Thread(target=run, name="person-search-index", daemon=True)
    thread.start()
    return thread


def reset_index() -> None:
    """Forget the index; the next search builds it again."""
    global _state
    with _lock:
        _state = None


def index_size() -> int:
    """How many persons the index holds (building it if needed)."""
    with _lock:
        return len(_current().live)


# --- queries ------------------------------------------------------------------------------------------------
def _candidates(state: _State, record: namematch.Record, *, top: int, threshold: float) -> list[_Scored]:
    """(pk, score, explanation, algorithm) of the indexed persons matching `record`, best first.

    A record with several names is looked up one name at a time and the candidates scored against the whole
    record: the index ranks candidates by the blocking keys they share with the query, and a record holding
    all of the query's names (the person itself, when its duplicates are sought) would otherwise crowd out a
    record sharing only one of them."""
    names = [name for name in record.names if name.strip()]
    lookups = [record] if len(names) <= 1 else [replace(record, names=[name]) for name in names]
    loose = max(0.0, threshold - 0.2)  # one name alone may score a little lower than the whole record
    found: dict[int, namematch.Candidate] = {}
    for lookup in lookups:
        for candidate in state.index.query(lookup, top=top, threshold=threshold if len(lookups) == 1 else loose):
            pk = state.live.get(candidate.record_id)
            if pk is None:
                continue  # a masked (changed, merged or removed) entry
            if pk not in found or candidate.score > found[pk].score:
                found[pk] = candidate
    scored: list[_Scored] = []
    for pk, candidate in found.items():
        if len(lookups) == 1:
            scored.append((pk, candidate.score, candidate.explanation, candidate.algorithm))
            continue
        match = namematch.compare(record, state.records[pk])
        if match.score >= threshold:
            scored.append((pk, match.score, match.explanation, match.algorithm))
    scored.sort(key=lambda item: (-item[1], item[0]))
    return scored[:top]


def _query(record: namematch.Record, *, actor: Any, limit: int, threshold: float) -> list[PersonHit]:
    if limit <= 0 or not (any(name.strip() for name in record.names) or record.documents or record.mrz):
        return []
    if not access.can(actor, Person, access.VIEW):
        return []
    visible_qs = access.restrict(Person.objects.current(), actor)
    with _lock:
        ranked = _candidates(_current(), record, top=max(50, limit * OVERFETCH), threshold=threshold)
    if not ranked:
        return []
    visible = visible_qs.filter(pk__in=[item[0] for item in ranked]).in_bulk()
    hits = []
    for pk, score, explanation, algorithm in ranked:
        person = visible.get(pk)
        if person is None:
            continue
        hits.append(
            PersonHit(person=person, score=round(score, 4), explanation=explanation.as_dict(), algorithm=algorithm)
        )
        if len(hits) >= limit:
            break
    return hits


def search_persons(
    query: str | namematch.Record,
    *,
    actor: Any,
    limit: int = 20,
    threshold: float | None = None,
    birth_date: str = "",
    nationality: str = "",
) -> list[PersonHit]:
    """Persons the actor may see whose names match `query` (a name in any script, or a namematch Record),
    best first. `birth_date` (YYYY, YYYY-MM or YYYY-MM-DD) and `nationality` (ISO 3166 alpha-2) are evidence
    for the score when given; a plain string that looks like a document number is also matched as one."""
    exact: list[PersonHit] = []
    if isinstance(query, namematch.Record):
        record = query
    else:
        text = " ".join(query.split())
        record = namematch.Record(id="query", names=[text] if text else [])
        number = document_number_normal(text)
        if len(number) >= 5 and any(ch.isdigit() for ch in number):
            exact = _document_hits(number, actor=actor, limit=limit)
    if birth_date:
        record.birth_date = birth_date
    if nationality:
        record.nationalities = [*record.nationalities, nationality.upper()]
    hits = _query(record, actor=actor, limit=limit, threshold=SEARCH_THRESHOLD if threshold is None else threshold)
    found = {hit.person.pk for hit in exact}
    return (exact + [hit for hit in hits if hit.person.pk not in found])[:limit]


def _document_hits(number: str, *, actor: Any, limit: int) -> list[PersonHit]:
    """Persons the actor may see holding an identity document with exactly this number."""
    if not access.can(actor, Person, access.VIEW):
        return []
    persons = access.restrict(Person.objects.current(), actor).filter(documents__number_normal=number).distinct()
    text = _("identity document number equal (%(number)s)") % {"number": number}
    explanation = {"algorithm": DOCUMENT_ALGORITHM, "evidence": [{"feature": "document", "delta": 1.0, "text": text}]}
    return [
        PersonHit(person=person, score=1.0, explanation=dict(explanation), algorithm=DOCUMENT_ALGORITHM)
        for person in persons[:limit]
    ]


def possible_duplicates(
    names: list[str],
    *,
    actor: Any,
    birth_date: str = "",
    nationalities: Iterable[str] = (),
    documents: Iterable[str] = (),
    exclude_pk: int | None = None,
    limit: int = 5,
) -> list[PersonHit]:
    """Recorded persons the actor may see that may be the person about to be recorded (score at least
    namematch.DEFAULT_THRESHOLD), best first; `exclude_pk` leaves the person being edited out."""
    record = namematch.Record(
        id="new",
        names=[n for n in names if n and n.strip()],
        birth_date=birth_date or None,
        nationalities=[str(code).upper() for code in nationalities if code],
        documents=[d for d in documents if d],
    )
    hits = _query(record, actor=actor, limit=limit + 1, threshold=namematch.DEFAULT_THRESHOLD)
    return [hit for hit in hits if hit.person.pk != exclude_pk][:limit]
