"""The text processing of full-text search, the same for both databases and for documents and queries.

A text becomes a sequence of *tokens*:
1. the folding of `core.search.fold` (decision 0023: compatibility forms — full-width letters and digits —
   made ordinary, diacritics removed, lower case, đ → d, ß → ss, ё → е, й → и), so "Nguyễn Văn Đức" and
   "nguyen van duc" give the same tokens;
2. words: runs of letters and digits (everything else separates words, the underscore included);
3. a run of Chinese, Japanese or Korean characters is cut into overlapping character pairs (bigrams: "北京市" →
   北京 京市) and ends with its last character alone (市), so a word of any length inside a run is found by its
   bigrams, and a single character by the prefix search of the query (below). Other words are tokens whole
   (cut at `MAX_TOKEN` characters).

A query is cut the same way. Each word of the query and each "quoted phrase" is one *term*; all terms must match
(AND). A quoted phrase's tokens must follow one another in the document, and so must those of a word cut in
several (e-mail); the bigrams of an unquoted CJK word need only all be in the document (北京市: 北京 and 京市),
which finds the same documents in practice and spares the databases a position check on every candidate
(PostgreSQL reads each candidate's positions: two to three times slower). A single CJK character becomes a prefix
token (any bigram that begins with it, or the character alone at the end of a run). Nothing in a query is syntax but the
double quote, and an unbalanced quote is a separator: no input makes a query invalid.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from liaison.core.search import MULTI, SINGLE_FROM, SINGLE_TO, mark_ranges

MAX_TOKEN = 64  # characters: a longer "word" (a hash, a wallet address run together) is cut there
MAX_TOKENS = 16000  # tokens of one document indexed (PostgreSQL positions stop at 16,383)
MAX_TERMS = 32  # terms of one query kept (the rest are ignored)
MAX_QUERY = 1000  # characters of one query read

# Han (with extensions and compatibility ideographs), Hiragana, Katakana, Hangul syllables and jamo, CJK symbols
_CJK = (
    "\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\ua960-\ua97f"
    "\uac00-\ud7af\ud7b0-\ud7ff\uf900-\ufaff\U00020000-\U0003ffff"
)
# a run of CJK characters, or a run of other letters and digits (the underscore separates)
_SEGMENT = re.compile(f"[{_CJK}]+|[^\\W_{_CJK}]+")
_IS_CJK = re.compile(f"[{_CJK}]")
_PHRASE = re.compile(r'"([^"]*)"')


# core.search.fold's tables, applied with str.translate (a dictionary lookup per character: a regular expression
# of every combining mark costs about a microsecond per character)
# (the marks' table made on first use, from core.search's ranges, not at import: decision 0055)
@functools.cache
def _marks() -> dict[int, None]:
    return dict.fromkeys(code for first, last in mark_ranges() for code in range(first, last + 1))


_SINGLE = str.maketrans(SINGLE_FROM, SINGLE_TO)


def normalize(text: str) -> str:
    """Compatibility decomposition (NFKD, which NFKC's folding of full-width forms is part of), combining marks
    removed, lower case, đ → d and the other letters of core.search.fold written out, recomposed (NFC): the same
    result as core.search.fold."""
    if text.isascii():
        return text.lower()
    text = unicodedata.normalize("NFKD", text).translate(_marks()).lower()
    for letter, written in MULTI:
        text = text.replace(letter, written)
    return unicodedata.normalize("NFC", text.translate(_SINGLE))


def _segments(text: str) -> Iterator[tuple[str, bool]]:
    """(segment, is it CJK) for each word of a normalized text, words split where the script changes."""
    for segment in _SEGMENT.findall(text):
        yield segment, bool(_IS_CJK.match(segment))


def tokens(texts: Iterable[str]) -> list[str]:
    """The tokens of a document (its texts in order), at most MAX_TOKENS."""
    found: list[str] = []
    for text in texts:
        for segment, cjk in _segments(normalize(text or "")):
            if cjk:
                found.extend(segment[i : i + 2] for i in range(len(segment) - 1))
                found.append(segment[-1])
            else:
                found.append(segment[:MAX_TOKEN])
            if len(found) >= MAX_TOKENS:
                return found[:MAX_TOKENS]
    return found


@dataclass(frozen=True)
class Token:
    text: str
    prefix: bool = False  # matches any token that begins with `text`


@dataclass(frozen=True)
class Term:
    """Tokens that must all be found: one after the other when `ordered` (a quoted phrase, a word cut in several
    Latin or Cyrillic tokens), anywhere in the document otherwise (the bigrams of an unquoted CJK word)."""

    tokens: tuple[Token, ...]
    ordered: bool = True


def _term(text: str, *, quoted: bool) -> Term | None:
    found: list[Token] = []
    cjk_found = False
    for segment, cjk in _segments(normalize(text)):
        if not cjk:
            found.append(Token(segment[:MAX_TOKEN]))
        elif len(segment) == 1:
            found.append(Token(segment, prefix=True))
        else:
            found.extend(Token(segment[i : i + 2]) for i in range(len(segment) - 1))
        cjk_found = cjk_found or cjk
    return Term(tuple(found), ordered=quoted or not cjk_found) if found else None


def parse_query(query: str) -> list[Term]:
    """The terms of a query, each a phrase of tokens; [] when it holds no word (it then matches nothing)."""
    query = (query or "")[:MAX_QUERY]
    pieces: list[tuple[str, bool]] = []  # (text, quoted)
    position = 0
    for phrase in _PHRASE.finditer(query):
        pieces.extend((word, False) for word in query[position : phrase.start()].split())
        pieces.append((phrase.group(1), True))
        position = phrase.end()
    pieces.extend((word, False) for word in query[position:].replace('"', " ").split())
    terms: list[Term] = []
    for piece, quoted in pieces:
        term = _term(piece, quoted=quoted)
        if term and term not in terms:
            terms.append(term)
    return terms[:MAX_TERMS]
