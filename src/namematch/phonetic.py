"""Latin folding and the coarse phonetic skeleton that every reading is reduced to.

The skeleton maps a lowercase ASCII romanisation to a short string over a small alphabet:
consonant classes ``p t k c s l m n`` and vowel classes ``a``, ``o`` (o, u) and ``e`` (e, i, y);
a vowel run takes the class of its last letter.
It is deliberately coarse so that romanisation systems agree (Kim/Gim, Park/Bak/Pak, Choi/Choe,
Jung/Jeong/Chung, Young/Yeong/Yong, Hyun/Hyeon, Zhu/Chu, Qi/Chi, Yuri/Iurii, Khai/Kkhai ...),
and fine distinctions are left to the fuzzy comparison of skeletons.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_MULTI = [
    ("shch", "s"),
    ("tsch", "c"),
    ("sch", "s"),
    ("tch", "c"),
    ("ch", "c"),
    ("sh", "s"),
    ("zh", "c"),
    ("kh", "k"),
    ("gh", "k"),
    ("ph", "p"),
    ("th", "t"),
    ("ts", "c"),
    ("tz", "c"),
    ("dz", "c"),
    ("dj", "c"),
    ("hs", "s"),
    ("ck", "k"),
    ("ng", "n"),
    ("nh", "n"),
    ("rh", "l"),
]
_SINGLE = {
    "b": "p",
    "p": "p",
    "f": "p",
    "v": "p",
    "w": "p",
    "d": "t",
    "t": "t",
    "g": "k",
    "k": "k",
    "c": "k",
    "h": "k",
    "q": "c",
    "j": "c",
    "z": "c",
    "s": "s",
    "x": "s",
    "l": "l",
    "r": "l",
    "m": "m",
    "n": "n",
}
_VOWELS = frozenset("aeiouy")
_FRONT = frozenset("eiy")
_BACK_ROUND = frozenset("ou")
_TOKEN_RE = re.compile("|".join(m for m, _ in _MULTI) + "|[a-z]")
_MULTI_MAP = dict(_MULTI)
_H_DROP = re.compile(r"(?<=[aeiouy])h(?![aeiouy])")
_W_GLIDE = re.compile(r"(?<=[bcdfghjklmnpqrstvxz])w(?=[aeiouy])")


def _vowel_class(run: str) -> str:
    last = run[-1]
    if last in _FRONT:
        return "e"
    if last in _BACK_ROUND:
        return "o"
    return "a"


# every token's symbol: consonant classes, and the vowel class of a vowel letter (marked by its case
# below: a vowel run's class is that of its last letter)
_TOKEN_SYMBOL = {**{c: "" for c in "abcdefghijklmnopqrstuvwxyz"}, **_SINGLE, **_MULTI_MAP}
_VOWEL_SYMBOL = {v: _vowel_class(v) for v in _VOWELS}


@lru_cache(maxsize=200_000)
def skeleton(text: str) -> str:
    """Reduce a lowercase ASCII romanisation to its coarse phonetic skeleton."""
    s = text
    if "h" in s:
        s = _H_DROP.sub("", s)
    if "w" in s:
        s = _W_GLIDE.sub("u", s)
    out: list[str] = []
    last = ""
    vowel = ""  # the class of the vowel run being read
    vowels = _VOWEL_SYMBOL
    symbols = _TOKEN_SYMBOL
    for tok in _TOKEN_RE.findall(s):
        v = vowels.get(tok)
        if v is not None:
            vowel = v
            continue
        if vowel:
            if vowel != last:
                out.append(vowel)
                last = vowel
            vowel = ""
        sym = symbols[tok]
        if sym and sym != last:
            out.append(sym)
            last = sym
    if vowel and vowel != last:
        out.append(vowel)
    return "".join(out)


_OCR_DIGITS = str.maketrans({"0": "o", "1": "l", "3": "e", "4": "a", "5": "s", "6": "g", "8": "b", "7": "t"})
_SPECIAL = str.maketrans(
    {"đ": "d", "Đ": "D", "ß": "ss", "æ": "ae", "ø": "o", "ł": "l", "Ł": "L", "ı": "i", "œ": "oe", "þ": "th", "ð": "d"}
)
_NON_ALPHA = re.compile(r"[^a-z]+")


@lru_cache(maxsize=200_000)
def fold_latin(word: str) -> str:
    """Strip diacritics (đ → d), lowercase, fix OCR digits inside words, keep a–z only."""
    w = word.translate(_SPECIAL)
    w = unicodedata.normalize("NFKD", w)
    w = "".join(ch for ch in w if not unicodedata.combining(ch)).lower()
    if any(c.isdigit() for c in w) and any(c.isalpha() for c in w):
        w = w.translate(_OCR_DIGITS)
    return _NON_ALPHA.sub("", w)
