"""Where a full-text query matches a text, for showing it: the words a search found, marked in the text as written.

The search compares folded tokens (text.py): "nguyen" finds "Nguyễn", 北京 finds 北京市. To mark what it found, a
text is cut into words *as written* (the same word boundaries), each word folded on its own and compared with the
query's tokens: a Latin or Cyrillic word is marked when one of its tokens is one of the query's, and in a run of
Chinese, Japanese or Korean characters the characters of each bigram of the query (and a single character searched
alone) are marked. Words of a quoted phrase are marked wherever they occur, as a reader scanning for them expects.

`marks(text, query)` gives the text in pieces, (piece, matched); `highlight(text, query)` the HTML, escaped, with
<mark> around the matches. Texts longer than MAX_TEXT characters are marked in their first MAX_TEXT only.
"""

from __future__ import annotations

import re
import unicodedata

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from liaison.core.fulltext.text import _CJK, MAX_TOKEN, _segments, normalize, parse_query

MAX_TEXT = 200_000  # characters of one text looked at (the rest is shown unmarked)

# A word as written: a CJK run, or letters and digits with their combining marks (a text not in NFC keeps them)
_WORD = re.compile(f"[{_CJK}]+|(?:[^\\W_{_CJK}][\u0300-\u036f]*)+")


def _query_tokens(query: str) -> tuple[set[str], set[str], set[str]]:
    """(whole-word tokens, CJK bigrams, single CJK characters searched alone) of a query."""
    words: set[str] = set()
    bigrams: set[str] = set()
    singles: set[str] = set()
    for term in parse_query(query):
        for token in term.tokens:
            if token.prefix:
                singles.add(token.text)
            elif len(token.text) == 2 and all(_is_cjk(ch) for ch in token.text):
                bigrams.add(token.text)
            else:
                words.add(token.text)
    return words, bigrams, singles


_CJK_CHAR = re.compile(f"[{_CJK}]")


def _is_cjk(character: str) -> bool:
    return bool(_CJK_CHAR.match(character))


def _cjk_marks(run: str, bigrams: set[str], singles: set[str]) -> list[bool]:
    folded = [normalize(ch) for ch in run]
    marked = [False] * len(run)
    for i in range(len(run)):
        if folded[i] in singles:
            marked[i] = True
        if i + 1 < len(run) and folded[i] + folded[i + 1] in bigrams:
            marked[i] = marked[i + 1] = True
    return marked


def marks(text: str, query: str) -> list[tuple[str, bool]]:
    """The text in consecutive pieces, each with whether the query found it; [(text, False)] when nothing
    matches (or the query has no word)."""
    text = text or ""
    words, bigrams, singles = _query_tokens(query)
    if not text or not (words or bigrams or singles):
        return [(text, False)] if text else []
    head, tail = text[:MAX_TEXT], text[MAX_TEXT:]
    head = unicodedata.normalize("NFC", head)
    pieces: list[tuple[str, bool]] = []
    position = 0

    def add(piece: str, matched: bool) -> None:
        if not piece:
            return
        if pieces and pieces[-1][1] == matched:
            pieces[-1] = (pieces[-1][0] + piece, matched)
        else:
            pieces.append((piece, matched))

    for found in _WORD.finditer(head):
        word = found.group()
        add(head[position : found.start()], False)
        position = found.end()
        if _is_cjk(word[0]):
            if not (bigrams or singles):
                add(word, False)
                continue
            flags = _cjk_marks(word, bigrams, singles)
            for character, matched in zip(word, flags, strict=True):
                add(character, matched)
        else:
            hit = bool(words) and any(
                not cjk and segment[:MAX_TOKEN] in words for segment, cjk in _segments(normalize(word))
            )
            add(word, hit)
    add(head[position:] + tail, False)
    return pieces


def highlight(text: str, query: str) -> SafeString:
    """The text as HTML (escaped), with each match in <mark>."""
    return mark_safe(  # every piece is escaped here
        "".join(
            f"<mark>{escape(piece)}</mark>" if matched else str(escape(piece)) for piece, matched in marks(text, query)
        )
    )


def match_count(text: str, query: str) -> int:
    """How many separate places of the text the query found."""
    return sum(1 for _piece, matched in marks(text, query) if matched)
