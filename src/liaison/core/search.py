"""Search that ignores diacritics and case, the same on SQLite and PostgreSQL (docs/decisions/0023).

`fold(text)` is the one folding: compatibility decomposition (NFKD), combining marks removed, lower case (the
Unicode default mapping, as Python's `str.lower` and ICU's root locale apply it), the letters that carry their
mark inside them written out (đ → d, ł → l, ø → o, ß → ss, æ → ae, …), recomposed (NFC, so Hangul syllables
stay syllables). "Đàm Quang Thịnh", "DAM QUANG THINH" and "dam quang thinh" fold alike; Korean, Russian or
Chinese text folds to itself (Ё → е and Й → и excepted: their marks go too).

The database applies the same folding in the `fold` transform (`field__fold__contains=fold_query(text)`):
- SQLite: the Python function itself, registered on every connection as `liaison_fold` (`register_sqlite`);
- PostgreSQL: one SQL expression built here from the same tables: normalize(…, NFKD), regexp_replace of the
  same combining marks, lower() under the ICU root collation ("und-x-icu"), the same replacements, normalize(…,
  NFC). Nothing is stored, so nothing goes stale and no migration is needed.
`fold_q(fields, text)` is the search condition over several fields; list pages, `?q=`, `?search=` and the name
filters all use it.
"""

from __future__ import annotations

import functools
import re
import sys
import unicodedata
from collections.abc import Iterable
from typing import Any

from django.db import models
from django.db.backends.signals import connection_created

# Letters that keep their mark inside them (no decomposition), in lower case: written out.
MULTI = (("ß", "ss"), ("æ", "ae"), ("œ", "oe"), ("þ", "th"))
SINGLE_FROM = "đðłøıħŧς"
SINGLE_TO = "ddloihtσ"
_SINGLE = str.maketrans(SINGLE_FROM, SINGLE_TO)


@functools.cache
def mark_ranges() -> tuple[tuple[int, int], ...]:
    """Every nonspacing combining mark (Unicode category Mn), as code-point ranges: computed on first use, not at
    import (a pass over every code point, about 0.35 s: a node restarting answers sooner; decision 0055)."""
    ranges: list[tuple[int, int]] = []
    for code in range(sys.maxunicode + 1):
        if unicodedata.category(chr(code)) == "Mn":
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1] = (ranges[-1][0], code)
            else:
                ranges.append((code, code))
    return tuple(ranges)


@functools.cache
def marks() -> str:
    """A bracket expression of every nonspacing combining mark (Unicode category Mn), as code-point ranges."""
    return "[" + "".join(chr(a) if a == b else f"{chr(a)}-{chr(b)}" for a, b in mark_ranges()) + "]"


@functools.cache
def _marks_re() -> re.Pattern[str]:
    return re.compile(marks())


@functools.lru_cache(maxsize=65536)
def fold(text: str | None) -> str | None:
    """The folded form of a text (None stays None, as SQL's NULL)."""
    if text is None:
        return None
    text = _marks_re().sub("", unicodedata.normalize("NFKD", text)).lower()
    for letter, written in MULTI:
        text = text.replace(letter, written)
    return unicodedata.normalize("NFC", text.translate(_SINGLE))


def fold_query(text: str) -> str:
    """A search text folded, its spaces collapsed."""
    return " ".join((fold(text) or "").split())


def fold_q(fields: Iterable[str], text: str) -> models.Q:
    """Records any of whose `fields` contains the text, diacritics and case ignored."""
    needle = fold_query(text)
    condition = models.Q()
    for field in fields:
        condition |= models.Q(**{f"{field}__fold__contains": needle})
    return condition


def _postgresql_sql(column: str) -> str:
    sql = f"lower(regexp_replace(normalize({column}, NFKD), %s, '', 'g') COLLATE \"und-x-icu\")"
    for _letter, _written in MULTI:
        sql = f"replace({sql}, %s, %s)"
    return f"normalize(translate({sql}, %s, %s), NFC)"


def _postgresql_params() -> list[str]:
    return [marks(), *(part for pair in MULTI for part in pair), SINGLE_FROM, SINGLE_TO]


class Fold(models.Transform):
    """`field__fold`: the field's text folded by `fold()`, in the database."""

    lookup_name = "fold"
    function = "liaison_fold"  # SQLite: fold() itself (register_sqlite)
    output_field = models.TextField()

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, list[Any]]:
        lhs, params = compiler.compile(self.lhs)
        return _postgresql_sql(f"({lhs})::text"), [*params, *_postgresql_params()]


models.CharField.register_lookup(Fold)
models.TextField.register_lookup(Fold)


def register_sqlite(sender: Any, connection: Any, **kwargs: Any) -> None:
    if connection.vendor == "sqlite":
        connection.connection.create_function("liaison_fold", 1, fold, deterministic=True)


connection_created.connect(register_sqlite, dispatch_uid="liaison.core.search.register_sqlite")
