"""Which encoding a CSV was saved in: a byte-order mark, UTF-16's zero bytes, strict UTF-8, or the legacy
code page that reads most plausibly (see the package docstring). No Django here."""

from __future__ import annotations

import codecs
import unicodedata
from collections.abc import Callable
from itertools import chain, pairwise
from typing import Final

LEGACY: Final = ("cp1258", "cp1251", "koi8_r", "cp949", "gb18030", "cp1252")


def decode_sample(sample: bytes, encoding: str, complete: bool) -> str | None:
    """The sample decoded strictly, or None. An incomplete sample may end inside a character."""
    decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
    try:
        return str(decoder.decode(sample, final=complete))
    except UnicodeError:  # UnicodeDecodeError, and UTF-16/32 without a byte-order mark
        return None


def _script(ch: str) -> str:
    code = ord(ch)
    if code < 0x80:
        return "latin"
    if 0xAC00 <= code <= 0xD7A3 or 0x1100 <= code <= 0x11FF or 0x3130 <= code <= 0x318F:
        return "hangul"
    if 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0xF900 <= code <= 0xFAFF or code >= 0x20000:
        return "han"
    if 0x0400 <= code <= 0x052F:
        return "cyrillic"
    if 0x00C0 <= code <= 0x024F or 0x1E00 <= code <= 0x1EFF:
        return "latin-accented"
    return "other"


# Russian letters that make up about 7% of a Russian text; a Cyrillic code page read as another turns
# frequent letters into these (а → ю, и → х in Windows-1251 read as KOI8-R; т → ф, в → ч the other way).
RARE_CYRILLIC: Final = frozenset("ъёфэщцюшжхйчЪЁФЭЩЦЮШЖХЙЧ")
RARE_CYRILLIC_SHARE: Final = 0.15


def _word_penalty(word: list[str]) -> float:
    scripts = {"latin" if s == "latin-accented" else s for s in map(_script, word)}
    if len(scripts) > 1:
        return 3  # Cyrillic inside a Latin word, Hangul beside Hanja: a wrong code page
    if scripts == {"other"}:
        return 2
    if scripts == {"latin"}:
        accented = sum(1 for ch in word if _script(ch) == "latin-accented")
        if len(word) >= 3 and accented * 2 > len(word):
            return 2  # "Èâàíîâ": Cyrillic read as a Latin code page
    if any(a.islower() and b.isupper() for a, b in pairwise(word)):
        return 2  # "хБЮМНБ": one Cyrillic code page read as another swaps the cases
    return 0


def plausibility(text: str) -> float:
    """Penalty points per 100 letters of `text` read in some encoding: lower is more plausible."""
    penalty = 0.0
    letters = cyrillic = rare = 0
    word: list[str] = []
    for ch in chain(text, " "):
        category = unicodedata.category(ch)
        if category[0] == "L" or category == "Mn":
            letters += 1
            word.append(ch)
            if 0x0400 <= ord(ch) <= 0x04FF:
                cyrillic += 1
                rare += ch in RARE_CYRILLIC
            continue
        if len(word) >= 2:
            penalty += _word_penalty(word)
        word.clear()
        if category in ("Cc", "Co", "Cn", "Cs") and ch not in "\t\r\n":
            penalty += 5
        elif category in ("So", "Sk"):
            penalty += 1
    if cyrillic >= 8:
        penalty += max(0.0, rare - RARE_CYRILLIC_SHARE * cyrillic)
    return 100.0 * penalty / max(letters, 1)


def binary_share(text: str) -> float:
    """Share of characters no table holds (control, unassigned, private use): binary data read as text."""
    bad = sum(1 for ch in text if ch not in "\t\r\n" and unicodedata.category(ch) in ("Cc", "Cn", "Co", "Cs"))
    return bad / max(len(text), 1)


def detect_encoding(sample: bytes, *, complete: bool, header_score: Callable[[str], int] | None = None) -> str:
    """The encoding a CSV sample is most plausibly written in (see the module docstring)."""
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if sample.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return "utf-32"
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    head = sample[:4096]
    if len(head) >= 4 and head.count(0) * 4 >= len(head):
        even = head[0::2].count(0)
        odd = head[1::2].count(0)
        return "utf-16-be" if even > odd else "utf-16-le"
    if decode_sample(sample, "utf-8", complete) is not None:
        return "utf-8"
    best: tuple[float, int, str] | None = None
    for order, encoding in enumerate(LEGACY):
        text = decode_sample(sample, encoding, complete)
        if text is None:
            continue
        text = unicodedata.normalize("NFC", text)
        score = plausibility(text)
        if encoding == "cp949" and not any(_script(ch) == "hangul" for ch in text):
            score += 5  # Korean text has Hangul; Hanja alone is more likely Chinese read wrongly
        if header_score is not None:
            first_line = text.splitlines()[0] if text else ""
            score -= 10 * header_score(first_line)
        key = (score, order, encoding)
        if best is None or key < best:
            best = key
    assert best is not None  # KOI8-R decodes every byte: binary data is refused after decoding (sniff)
    return best[2]
