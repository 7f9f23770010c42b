"""The two databases' full-text indexes behind one interface (docs/decisions/0039-full-text-search.md).

Both receive the tokens of core.fulltext.text and match whole tokens (or a token's prefix, for a single CJK
character): the databases split nothing themselves, so SQLite and PostgreSQL find the same documents.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import connection, models
from django.db.models.expressions import Expression

from liaison.core.fulltext.models import FulltextEntry
from liaison.core.fulltext.text import Term

MAX_POSITIONS = 256  # positions PostgreSQL keeps for one lexeme of a tsvector
MAX_RANKED = 5000  # PostgreSQL ranks the newest this many matches (ranked_sql)
NO_LIMIT = 2**62  # the LIMIT of matching()'s subquery on PostgreSQL: a fence for the planner, never reached

# The table names are written out (no SQL is built from strings): core_fulltextentry, core_fulltext_fts.
SQLITE_SETUP = [
    "CREATE VIRTUAL TABLE core_fulltext_fts USING fts5(body, content='core_fulltextentry', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 0')",
    "CREATE TRIGGER core_fulltext_ai AFTER INSERT ON core_fulltextentry BEGIN "
    "INSERT INTO core_fulltext_fts(rowid, body) VALUES (new.id, new.body); END",
    "CREATE TRIGGER core_fulltext_ad AFTER DELETE ON core_fulltextentry BEGIN "
    "INSERT INTO core_fulltext_fts(core_fulltext_fts, rowid, body) VALUES ('delete', old.id, old.body); END",
    "CREATE TRIGGER core_fulltext_au AFTER UPDATE ON core_fulltextentry BEGIN "
    "INSERT INTO core_fulltext_fts(core_fulltext_fts, rowid, body) VALUES ('delete', old.id, old.body); "
    "INSERT INTO core_fulltext_fts(rowid, body) VALUES (new.id, new.body); END",
]
SQLITE_TEARDOWN = [
    "DROP TRIGGER IF EXISTS core_fulltext_au",
    "DROP TRIGGER IF EXISTS core_fulltext_ad",
    "DROP TRIGGER IF EXISTS core_fulltext_ai",
    "DROP TABLE IF EXISTS core_fulltext_fts",
]
POSTGRESQL_SETUP = [
    "ALTER TABLE core_fulltextentry ADD COLUMN vector tsvector",
    "CREATE INDEX core_fulltext_vector ON core_fulltextentry USING gin (vector)",
]
POSTGRESQL_TEARDOWN = ["DROP INDEX IF EXISTS core_fulltext_vector", "ALTER TABLE core_fulltextentry DROP COLUMN vector"]


def setup_statements(vendor: str, *, forward: bool = True) -> list[str]:
    if vendor == "sqlite":
        return SQLITE_SETUP if forward else SQLITE_TEARDOWN
    if vendor == "postgresql":
        return POSTGRESQL_SETUP if forward else POSTGRESQL_TEARDOWN
    return []


# --- queries --------------------------------------------------------------------------------------------------
def _fts5_query(terms: Sequence[Term]) -> str:
    """An FTS5 expression: each token a quoted string (tokens hold letters and digits only, so no quote can close
    it early), a prefix token followed by *, an ordered term's tokens joined by + (a phrase), the rest by AND."""
    parts = []
    for term in terms:
        tokens = [f'"{token.text}"' + (" *" if token.prefix else "") for token in term.tokens]
        parts.append("(" + (" + " if term.ordered else " AND ").join(tokens) + ")")
    return " AND ".join(parts)


def _lexeme(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "''") + "'"


def _tsquery(terms: Sequence[Term]) -> str:
    """A tsquery literal: a prefix token as 'x':*, an ordered term's tokens joined by <-> (followed by), the rest
    by &."""
    parts = []
    for term in terms:
        tokens = [_lexeme(token.text) + (":*" if token.prefix else "") for token in term.tokens]
        parts.append("(" + (" <-> " if term.ordered else " & ").join(tokens) + ")")
    return " & ".join(parts)


def tsvector(tokens: Sequence[str]) -> str:
    """A tsvector literal with every token's positions (1-based, at most MAX_POSITIONS each)."""
    positions: dict[str, list[str]] = {}
    for number, token in enumerate(tokens, start=1):
        where = positions.setdefault(token, [])
        if len(where) < MAX_POSITIONS:
            where.append(str(number))
    return " ".join(f"{_lexeme(token)}:{','.join(where)}" for token, where in positions.items())


def match_sql(kind: str, terms: Sequence[Term]) -> tuple[str, list[Any]]:
    """The condition on an entry table's row (`{table}`: its alias) that it is of `kind` and its document matches
    every term. SQLite: its id among the FTS5 table's matches (the unary + keeps SQLite from scanning every entry
    of the kind through the (kind, object_id) index instead); PostgreSQL: its own vector, under the GIN index."""
    if connection.vendor == "sqlite":
        sql = (
            "+{table}.kind = %s AND {table}.id IN "
            "(SELECT rowid FROM core_fulltext_fts WHERE core_fulltext_fts MATCH %s)"
        )
        return sql, [kind, _fts5_query(terms)]
    if connection.vendor == "postgresql":
        return "{table}.kind = %s AND {table}.vector @@ %s::tsquery", [kind, _tsquery(terms)]
    raise NotImplementedError(f"Full-text search is not available on {connection.vendor}.")


def ranked_sql(kind: str, terms: Sequence[Term], limit: int) -> tuple[str, list[Any]]:
    """The object ids of `kind` whose document matches, best first, ties newest (highest id) first. SQLite: BM25
    over every match. PostgreSQL: ts_rank over the newest MAX_RANKED matches (ts_rank reads each vector: over
    tens of thousands of matches of a common word, it would take seconds, and ranks little)."""
    if connection.vendor == "sqlite":
        sql = (
            "SELECT e.object_id FROM core_fulltext_fts f JOIN core_fulltextentry e ON e.id = f.rowid "
            "WHERE core_fulltext_fts MATCH %s AND e.kind = %s ORDER BY f.rank, e.object_id DESC LIMIT %s"
        )
        return sql, [_fts5_query(terms), kind, limit]
    if connection.vendor == "postgresql":
        sql = (
            "SELECT object_id FROM (SELECT object_id, vector FROM core_fulltextentry "
            "WHERE kind = %s AND vector @@ CAST(%s AS tsquery) ORDER BY object_id DESC LIMIT %s) AS newest "
            "ORDER BY ts_rank(vector, CAST(%s AS tsquery)) DESC, object_id DESC LIMIT %s"
        )
        query = _tsquery(terms)
        return sql, [kind, query, MAX_RANKED, query, limit]
    raise NotImplementedError(f"Full-text search is not available on {connection.vendor}.")


def ranked_join(kind: str, terms: Sequence[Term], table: str, pk: str) -> dict[str, Any]:
    """`QuerySet.extra()` arguments that join a model's table (`table`, primary key column `pk`: the document's
    object id) to its matching entry of `kind` and select its `relevance`, higher for a better match: PostgreSQL
    ts_rank_cd (cover density: the terms found close together rank higher), SQLite FTS5 BM25 (negated: FTS5's is
    lower for a better match). An entry is unique per (kind, object id), so the join adds no row."""
    model = f"{connection.ops.quote_name(table)}.{connection.ops.quote_name(pk)}"
    if connection.vendor == "sqlite":
        return {
            "tables": ["core_fulltextentry", "core_fulltext_fts"],
            "where": [
                "core_fulltext_fts MATCH %s",
                '"core_fulltextentry"."id" = "core_fulltext_fts"."rowid"',
                '+"core_fulltextentry"."kind" = %s',  # the unary +: from the FTS5 matches, not every entry
                f'"core_fulltextentry"."object_id" = {model}',
            ],
            "params": [_fts5_query(terms), kind],
            "select": {"relevance": "-bm25(core_fulltext_fts)"},
        }
    if connection.vendor == "postgresql":
        query = _tsquery(terms)
        return {
            "tables": ["core_fulltextentry"],
            "where": [
                '"core_fulltextentry"."kind" = %s',
                f'"core_fulltextentry"."object_id" = {model}',
                '"core_fulltextentry"."vector" @@ CAST(%s AS tsquery)',
            ],
            "params": [kind, query],
            "select": {"relevance": 'ts_rank_cd("core_fulltextentry"."vector", CAST(%s AS tsquery))'},
            "select_params": [query],
        }
    raise NotImplementedError(f"Full-text search is not available on {connection.vendor}.")


class Matches(Expression):
    """The condition of `match_sql` for `FulltextEntry.objects.filter(...)`, written with the alias Django gives
    the entry table (inside `pk__in=` it is a subquery's "U0")."""

    output_field = models.BooleanField()

    def __init__(self, sql: str, params: list[Any], source: Any = None) -> None:
        super().__init__()
        self.sql, self.params = sql, params
        self.source: Any = source if source is not None else models.F("id")  # a Col once resolved

    def get_source_expressions(self) -> list[Any]:
        return [self.source]

    def set_source_expressions(self, exprs: Sequence[Any]) -> None:
        (self.source,) = exprs

    def as_sql(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, list[Any]]:
        table = compiler.quote_name_unless_alias(self.source.alias)  # the resolved id column's table alias
        return self.sql.replace("{table}", table), list(self.params)


# --- writes ---------------------------------------------------------------------------------------------------
def write(kind: str, documents: Sequence[tuple[int, list[str]]]) -> None:
    """Replace the entries of these documents of `kind` (an empty token list removes the entry)."""
    ids = [object_id for object_id, _tokens in documents]
    FulltextEntry.objects.filter(kind=kind, object_id__in=ids).delete()
    kept = [(object_id, found) for object_id, found in documents if found]
    if not kept:
        return
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.executemany(
                "INSERT INTO core_fulltextentry (kind, object_id, body, vector) VALUES (%s, %s, '', %s::tsvector)",
                [(kind, object_id, tsvector(found)) for object_id, found in kept],
            )
        else:
            cursor.executemany(
                "INSERT INTO core_fulltextentry (kind, object_id, body) VALUES (%s, %s, %s)",
                [(kind, object_id, " ".join(found)) for object_id, found in kept],
            )
