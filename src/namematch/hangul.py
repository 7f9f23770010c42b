"""Hangul: syllable decomposition, Revised Romanization (with customary passport surname spellings)
and a "foreign-sound" reading for Hangul transcriptions of Chinese, Vietnamese and Russian names."""

from __future__ import annotations

from functools import lru_cache

_INITIALS = ["g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t", "p", "h"]
_VOWELS = [
    "a",
    "ae",
    "ya",
    "yae",
    "eo",
    "e",
    "yeo",
    "ye",
    "o",
    "wa",
    "wae",
    "oe",
    "yo",
    "u",
    "wo",
    "we",
    "wi",
    "yu",
    "eu",
    "ui",
    "i",
]
_FINALS = [
    "",
    "k",
    "k",
    "k",
    "n",
    "n",
    "n",
    "t",
    "l",
    "k",
    "m",
    "l",
    "l",
    "l",
    "p",
    "l",
    "m",
    "p",
    "p",
    "t",
    "t",
    "ng",
    "t",
    "t",
    "k",
    "t",
    "p",
    "t",
]

# Customary / passport / McCune–Reischauer spellings of surnames whose coarse skeleton differs from RR.
SURNAME_VARIANTS: dict[str, tuple[str, ...]] = {
    "이": ("i", "lee", "yi", "rhee", "li", "ri", "ree"),
    "리": ("ri", "lee", "li", "yi", "i"),
    "임": ("im", "lim", "rim"),
    "림": ("rim", "lim", "im"),
    "류": ("ryu", "yu", "yoo", "lyu", "you", "ryoo"),
    "유": ("yu", "yoo", "you", "ryu"),
    "노": ("no", "roh", "noh", "ro"),
    "로": ("ro", "roh", "no"),
    "나": ("na", "ra"),
    "라": ("ra", "la", "na"),
    "박": ("bak", "park", "pak", "pahk"),
    "양": ("yang", "ryang"),
    "량": ("ryang", "yang"),
    "여": ("yeo", "yeoh", "yuh", "ryeo"),
    "려": ("ryeo", "yeo"),
    "염": ("yeom", "yum", "ryeom"),
    "렴": ("ryeom", "yeom"),
    "용": ("yong", "ryong"),
    "룡": ("ryong", "yong"),
    "우": ("u", "woo", "wu"),
    "오": ("o", "oh"),
    "어": ("eo", "uh", "oh"),
    "엄": ("eom", "uhm", "um", "ohm"),
    "허": ("heo", "hur", "huh", "her"),
    "위": ("wi", "wee"),
    "예": ("ye", "yeh"),
    "하": ("ha", "hah"),
    "김": ("gim", "kim"),
    "최": ("choe", "choi", "chey"),
    "정": ("jeong", "jung", "chung", "chong"),
    "신": ("sin", "shin"),
    "심": ("sim", "shim"),
    "시": ("si", "shi"),
    "서": ("seo", "suh", "so"),
    "전": ("jeon", "jun", "chun", "chon"),
    "안": ("an", "ahn"),
    "손": ("son", "sohn"),
    "백": ("baek", "paik", "paek"),
    "성": ("seong", "sung"),
    "구": ("gu", "koo", "ku"),
    "문": ("mun", "moon"),
    "윤": ("yun", "yoon"),
    "변": ("byeon", "byun", "pyon"),
    "남궁": ("namgung", "namkung"),
    "선우": ("seonu", "sunwoo"),
    "황보": ("hwangbo",),
    "제갈": ("jegal",),
    "독고": ("dokgo",),
    "서문": ("seomun",),
}
COMPOUND_SURNAMES = frozenset(k for k in SURNAME_VARIANTS if len(k) == 2)


def is_hangul_syllable(ch: str) -> bool:
    return "\uac00" <= ch <= "\ud7a3"


def decompose(ch: str) -> tuple[int, int, int]:
    code = ord(ch) - 0xAC00
    return code // 588, (code % 588) // 28, code % 28


@lru_cache(maxsize=20_000)
def romanize_syllable(ch: str) -> str:
    """Revised Romanization of one syllable in isolation (names are romanised syllable by syllable)."""
    if not is_hangul_syllable(ch):
        return ""
    i, v, f = decompose(ch)
    return _INITIALS[i] + _VOWELS[v] + _FINALS[f]


@lru_cache(maxsize=20_000)
def foreign_syllable(ch: str, first_in_word: bool) -> tuple[str, ...]:
    """Reading of one syllable as a Korean transcription of a foreign (Chinese, Vietnamese, Russian)
    sound: the epenthetic ㅡ of 스, 크, 프, 르, 쯔 ... is dropped (or read as pinyin -i), ㅓ reads as e
    (펑 = peng) or o, and a word-initial 응 is the Vietnamese ng."""
    if not is_hangul_syllable(ch):
        return ("",)
    i, v, f = decompose(ch)
    ini = _INITIALS[i]
    vow = _VOWELS[v]
    fin = _FINALS[f]
    if first_in_word and ch == "응":
        return ("ng",)
    if vow == "eu" and f == 0:
        if ini in ("j", "jj", "ch", "s", "ss"):
            return (ini, ini + "i")
        return (ini,)
    if ch in ("시", "지", "치"):
        return (ini + vow, ini)
    if vow == "wo" and ini == "":  # 원 is pinyin wen as well as won (NIKL's rules for Chinese: 원자바오 Wen Jiabao)
        return ("wo" + fin, "we" + fin)
    if vow in ("eo", "yeo", "weo"):
        return (
            ini + vow.replace("eo", "e") + fin,
            ini + vow.replace("eo", "o") + fin,
            ini + vow.replace("eo", "a") + fin,
        )
    return (ini + vow + fin,)


def surname_variants(syl: str) -> tuple[str, ...]:
    return SURNAME_VARIANTS.get(syl, (romanize_syllable(syl),))
