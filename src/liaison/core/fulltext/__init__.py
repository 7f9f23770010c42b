"""Full-text search over the documents that any app indexes (docs/decisions/0039-full-text-search.md).

An app indexes a record as a *document* of a `kind` (its model's label, "exchange.message"): a few texts
(subject, body, translations) under the record's id, from the action that writes the record, in the same
transaction. Then:

    Message.objects.filter(pk__in=fulltext.matching("exchange.message", q))   # a filter among others
    fulltext.search_ids("exchange.message", q, limit=50)                       # ids, best match first
    fulltext.ranked(Message.objects.filter(...), "exchange.message", q).order_by("-relevance")  # a page, best first

Documents and queries go through the same text processing (core/fulltext/text.py): diacritics and case are
ignored ("nguyen" finds "Nguyễn"), Chinese, Japanese and Korean are cut into character bigrams (北京, 서울 are
found inside longer runs), every word of the query must be found, a "quoted phrase" must be found as written.
No query is invalid: an empty or hostile one finds nothing or what its words find.

Backends: SQLite FTS5 (external-content table kept by triggers) and PostgreSQL tsvector + GIN, created by
migration core 0006 (core/fulltext/backends.py). `liaison fulltext rebuild` rebuilds the index from the sources
that apps register with `core.registry.register_fulltext_source`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import connection, models, transaction

from liaison.core.fulltext import backends, sources
from liaison.core.fulltext.models import FulltextEntry
from liaison.core.fulltext.text import parse_query, tokens

__all__ = ["FulltextEntry", "index", "index_many", "matching", "ranked", "rebuild", "remove", "search_ids"]

BATCH = 1000  # documents written per statement batch by index_many and rebuild


def index(kind: str, object_id: int, texts: Iterable[str | None]) -> None:
    """Index (or index again) the document `object_id` of `kind` from its texts; texts that are None or empty
    are skipped, and a document without a word is removed from the index."""
    index_many(kind, [(object_id, texts)])


def index_many(kind: str, documents: Iterable[tuple[int, Iterable[str | None]]]) -> int:
    """Index many documents of `kind` (the last one wins for an id given twice); the number indexed."""
    count = 0
    batch: dict[int, list[str]] = {}
    with transaction.atomic():
        for object_id, texts in documents:
            batch[int(object_id)] = tokens(text for text in texts if text)
            if len(batch) >= BATCH:
                backends.write(kind, list(batch.items()))
                count += len(batch)
                batch = {}
        if batch:
            backends.write(kind, list(batch.items()))
            count += len(batch)
    return count


def remove(kind: str, object_id: int) -> None:
    """Take the document out of the index (the record was deleted, recalled or its content erased)."""
    FulltextEntry.objects.filter(kind=kind, object_id=object_id).delete()


def matching(kind: str, query: str) -> models.QuerySet[FulltextEntry, Any]:
    """The ids of the documents of `kind` that match `query`, as a subquery for `pk__in=` (no rows for a query
    without a word; sliced on PostgreSQL, so not to be filtered further)."""
    terms = parse_query(query)
    if not terms:
        return FulltextEntry.objects.none().values("object_id")
    sql, params = backends.match_sql(kind, terms)
    found = FulltextEntry.objects.filter(backends.Matches(sql, params)).values("object_id")
    if connection.vendor == "postgresql":
        # A LIMIT that never binds keeps PostgreSQL from pulling the subquery up into a join: the matches become
        # one hashed set that each listed row probes, whatever the planner guesses of their number (decision 0051:
        # a rare Chinese name's page walked the list reading an entry per message).
        found = found[: backends.NO_LIMIT]
    return found


def ranked(queryset: models.QuerySet[Any], kind: str, query: str) -> models.QuerySet[Any]:
    """The records of `queryset` (of the model whose primary key is the document's object id) that match `query`,
    each with its `relevance`, higher for a better match (PostgreSQL ts_rank_cd, SQLite FTS5 BM25), to order
    by: `.order_by("-relevance", "-created_at")`. Every match is ranked, so the order holds on every page; none for
    a query without a word. The queryset must stay the outer query (not a `pk__in=` subquery): the join names
    the model's table."""
    terms = parse_query(query)
    if not terms:
        return queryset.none()
    meta = queryset.model._meta
    assert meta.pk is not None
    return queryset.extra(**backends.ranked_join(kind, terms, meta.db_table, meta.pk.column))


def search_ids(kind: str, query: str, *, limit: int = 100) -> list[int]:
    """The ids of the documents of `kind` that match `query`, best first, at most `limit`."""
    terms = parse_query(query)
    if not terms or limit <= 0:
        return []
    sql, params = backends.ranked_sql(kind, terms, limit)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]


def rebuild(kind: str | None = None) -> dict[str, int]:
    """Index again every document of the registered sources (of `kind` only, when given), each source in one
    transaction: its entries are removed, then written from what it yields. The number indexed per kind."""
    chosen = [sources.source(kind)] if kind else sources.sources()
    counts = {}
    for source in chosen:
        with transaction.atomic():
            FulltextEntry.objects.filter(kind=source.kind).delete()
            counts[source.kind] = index_many(source.kind, source.documents())
    return counts
