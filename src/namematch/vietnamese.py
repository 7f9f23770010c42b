"""Vietnamese syllables written in Hangul: the Korean transcription of a Vietnamese name, by the
National Institute of Korean Language's rules for Vietnamese (외래어 표기법, 베트남어 표기 세칙, 2004:
Nguyễn 응우옌, Trần 쩐, Thanh 타인, Đình 딘, Quang 꽝, Diệm 지엠), and the popular spellings Korean
newspapers and documents also use (호치민 beside 호찌민, 탄 beside 타인, 구엔 beside 응우옌).

A Hangul rendering of a Vietnamese name keeps what the romanised reading of the Hangul merges:
aspirated ㅌ is *th*, ㄸ is *t*, ㄷ is *đ*; *anh* is 아인 but *inh* is 인. Scoring uses
:func:`hangul_spellings` to check that a Hangul part and the Vietnamese part it matched are written
alike (타인 is Thanh, not Đình)."""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from itertools import islice, product

_INI = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
_VOW = "ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ"
_FIN = " ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ"

# initial consonants: the official jamo first, then popular spellings; "응" is the separate
# syllable the rules write for ng/ngh, "" an empty initial (ㅇ)
_INITIALS: dict[str, tuple[str, ...]] = {
    "ngh": ("응",),
    "ng": ("응",),
    "nh": ("nh",),
    "gh": ("ㄱ",),
    "gi": ("ㅈ",),
    "kh": ("ㅋ",),
    "ph": ("ㅍ",),
    "th": ("ㅌ",),
    "tr": ("ㅉ", "ㅊ"),
    "ch": ("ㅉ", "ㅊ"),
    "qu": ("ㄲ", "ㅋ"),
    "b": ("ㅂ",),
    "c": ("ㄲ", "ㅋ", "ㄱ"),
    "d": ("ㅈ", "ㄷ"),
    "đ": ("ㄷ",),
    "g": ("ㄱ",),
    "h": ("ㅎ",),
    "k": ("ㄲ", "ㅋ", "ㄱ"),
    "l": ("ㄹ",),
    "m": ("ㅁ",),
    "n": ("ㄴ",),
    "p": ("ㅃ", "ㅍ"),
    "r": ("ㄹ",),
    "s": ("ㅅ", "ㅆ"),
    "t": ("ㄸ", "ㅌ"),
    "v": ("ㅂ",),
    "x": ("ㅆ", "ㅅ"),
}
_INITIAL_KEYS = sorted(_INITIALS, key=len, reverse=True)

# vowel clusters: the vowels of the Hangul syllables they are written with, one letter per syllable
# (Diệm 지엠: iê is 이 + 에; Mười 므어이; the y-glide yê is one syllable, 예)
_NUCLEI: dict[str, str] = {
    "a": "ㅏ",
    "ă": "ㅏ",
    "â": "ㅓ",
    "e": "ㅐ",
    "ê": "ㅔ",
    "i": "ㅣ",
    "y": "ㅣ",
    "o": "ㅗ",
    "ô": "ㅗ",
    "ơ": "ㅓ",
    "u": "ㅜ",
    "ư": "ㅡ",
    "ia": "ㅣㅓ",
    "iê": "ㅣㅔ",
    "ya": "ㅣㅓ",
    "yê": "ㅖ",
    "ua": "ㅜㅓ",
    "uô": "ㅜㅗ",
    "ưa": "ㅡㅓ",
    "ươ": "ㅡㅓ",
    "ai": "ㅏㅣ",
    "ay": "ㅏㅣ",
    "ao": "ㅏㅗ",
    "au": "ㅏㅜ",
    "ăy": "ㅏㅣ",
    "âu": "ㅓㅜ",
    "ây": "ㅓㅣ",
    "eo": "ㅐㅗ",
    "êu": "ㅔㅜ",
    "iu": "ㅣㅜ",
    "oi": "ㅗㅣ",
    "ôi": "ㅗㅣ",
    "ơi": "ㅓㅣ",
    "ui": "ㅜㅣ",
    "ưi": "ㅡㅣ",
    "ưu": "ㅡㅜ",
    "iêu": "ㅣㅔㅜ",
    "yêu": "ㅖㅜ",
    "uôi": "ㅜㅗㅣ",
    "ươi": "ㅡㅓㅣ",
    "ươu": "ㅡㅓㅜ",
    "oa": "ㅗㅏ",
    "oă": "ㅗㅏ",
    "oe": "ㅗㅐ",
    "oo": "ㅗ",
    "oai": "ㅗㅏㅣ",
    "oay": "ㅗㅏㅣ",
    "oao": "ㅗㅏㅗ",
    "oeo": "ㅗㅐㅗ",
    "uy": "ㅜㅣ",
    "uyê": "ㅜㅖ",
    "uya": "ㅜㅣㅓ",
    "uyu": "ㅜㅣㅜ",
    "uâ": "ㅜㅓ",
    "uê": "ㅜㅔ",
    "uơ": "ㅜㅓ",
    "uă": "ㅜㅏ",
    "uây": "ㅜㅓㅣ",
}
# after qu the glide u joins the next vowel in one syllable (Quang 꽝, Quý 뀌); both are seen
_QU_MERGE = {"ㅏ": "ㅘ", "ㅓ": "ㅝ", "ㅔ": "ㅞ", "ㅣ": "ㅟ", "ㅐ": "ㅙ"}
# popular vowel spellings beside the official ones
_VOWEL_POPULAR = {"ㅡ": "ㅜ"}
_Y_GLIDE = {"ㅏ": "ㅑ", "ㅓ": "ㅕ", "ㅗ": "ㅛ", "ㅜ": "ㅠ", "ㅐ": "ㅒ", "ㅔ": "ㅖ"}
_FINALS = {"ng": "ㅇ", "nh": "ㄴ", "ch": "ㄱ", "c": "ㄱ", "m": "ㅁ", "n": "ㄴ", "p": "ㅂ", "t": "ㅅ"}
_FINAL_KEYS = ("ng", "nh", "ch", "c", "m", "n", "p", "t")
_TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
# the most common surname has popular spellings the rules do not produce
_POPULAR_WORDS = {"nguyên": ("응웬", "응우엔", "구엔", "누엔", "웬")}  # Nguyễn, Nguyên
MAX_SPELLINGS = 24


def _compose(ini: str, vow: str, fin: str = "") -> str:
    return chr(0xAC00 + (_INI.index(ini) * 21 + _VOW.index(vow)) * 28 + _FIN.index(fin or " "))


def _untoned(word: str) -> str:
    """The word in lower case without its tone marks (the letters ă â đ ê ô ơ ư stay)."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONE_MARKS))


def _parse(syl: str) -> tuple[str, str, str] | None:
    """(initial, vowel cluster, final) of one Vietnamese syllable, or None if it is not one."""
    ini = next((k for k in _INITIAL_KEYS if syl.startswith(k)), "")
    rest = syl[len(ini) :]
    if ini == "gi" and (not rest or rest[0] not in "aăâeêioôơuưy"):
        rest = "i" + rest  # gìn, gì: the i is the vowel
    fin = next((k for k in _FINAL_KEYS if rest.endswith(k) and len(rest) > len(k)), "")
    vowels = rest[: len(rest) - len(fin)]
    if vowels not in _NUCLEI:
        return None
    return ini, vowels, fin


def is_syllable(word: str) -> bool:
    """Whether ``word`` (any case, tone marks or not) is spelt as one Vietnamese syllable."""
    return _parse(_untoned(word)) is not None


@lru_cache(maxsize=20_000)
def hangul_spellings(word: str) -> tuple[str, ...]:
    """The Hangul spellings of one Vietnamese syllable (a word of a name), official first; empty
    when the word is not one Vietnamese syllable (nothing to check it by)."""
    syl = _untoned(word)
    parsed = _parse(syl)
    if parsed is None:
        return ()
    ini, vowels, fin = parsed
    nuclei = [_NUCLEI[vowels]]
    if ini == "qu":  # the glide u: Quang 꽝, Quốc 꾸옥, Quân 꿘 or 꾸언
        split = "ㅜ" + nuclei[0]
        head = _QU_MERGE.get(nuclei[0][0])
        nuclei = [head + nuclei[0][1:], split] if head else [split]
    for plain, popular in _VOWEL_POPULAR.items():
        nuclei += [n.replace(plain, popular) for n in nuclei if plain in n]
    final = _FINALS.get(fin, "")
    if fin in ("nh", "ch") and nuclei[0][-1] in ("ㅏ", "ㅘ"):
        # anh 아인, ach 아익 (Thanh 타인, Mạnh 마인); popularly 탄, 탁
        nuclei = [n + "ㅣ" for n in nuclei] + nuclei
    out: list[str] = []
    for lead, nucleus in product(_INITIALS.get(ini, ("",)), dict.fromkeys(nuclei)):
        for glide in (True, False) if lead == "nh" else (False,):
            syllables: list[str] = []
            first = lead
            if lead == "응":
                syllables.append("응")
                first = ""
            elif lead == "nh":
                first = "ㄴ"
            for k, v in enumerate(nucleus):
                if k == 0 and glide:
                    v = _Y_GLIDE.get(v, v)
                lead_jamo = first if k == 0 and first else "ㅇ"
                syllables.append(_compose(lead_jamo, v, final if k == len(nucleus) - 1 else ""))
            out.append("".join(syllables))
    out = list(dict.fromkeys(out))
    out.extend(_POPULAR_WORDS.get(syl, ()))
    return tuple(dict.fromkeys(out))[:MAX_SPELLINGS]


def run_spellings(words: tuple[str, ...], limit: int = 64) -> set[str]:
    """Hangul spellings of consecutive syllables written together; empty if one of them has none."""
    per_word = [hangul_spellings(w) for w in words]
    if not all(per_word):
        return set()
    return {"".join(c) for c in islice(product(*per_word), limit)}
