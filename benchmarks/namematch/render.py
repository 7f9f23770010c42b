"""Renderers: turn one identity into the spellings documents and partners use.

All transliteration here is the benchmark's own rule code (tables in this file
and in tables.py). It deliberately does not call pypinyin, iuliia, jamo,
anyascii or any code from src/namematch, so the benchmark does not grade the
matcher with its own reading rules.
"""

from __future__ import annotations

import random
import unicodedata

from tables import CN_CHARS, KR_GIVEN_SYL, KR_SURNAME_INFO, RU_EN_CONVENTIONAL, VN_SYL


def strip_marks(s: str) -> str:
    s = s.replace("Đ", "D").replace("đ", "d")
    return "".join(c for c in unicodedata.normalize("NFD", s) if unicodedata.category(c) != "Mn")


# ---------------------------------------------------------------------------
# Hangul composition / decomposition (Unicode arithmetic)
# ---------------------------------------------------------------------------
L_JAMO = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
V_JAMO = "ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ"
T_JAMO = [
    "",
    "ㄱ",
    "ㄲ",
    "ㄳ",
    "ㄴ",
    "ㄵ",
    "ㄶ",
    "ㄷ",
    "ㄹ",
    "ㄺ",
    "ㄻ",
    "ㄼ",
    "ㄽ",
    "ㄾ",
    "ㄿ",
    "ㅀ",
    "ㅁ",
    "ㅂ",
    "ㅄ",
    "ㅅ",
    "ㅆ",
    "ㅇ",
    "ㅈ",
    "ㅊ",
    "ㅋ",
    "ㅌ",
    "ㅍ",
    "ㅎ",
]


def hangul_decompose(syl: str) -> tuple[str, str, str]:
    code = ord(syl) - 0xAC00
    if not 0 <= code < 11172:
        raise ValueError(syl)
    return L_JAMO[code // 588], V_JAMO[(code % 588) // 28], T_JAMO[code % 28]


def hangul_compose(lead: str, vowel: str, tail: str = "") -> str:
    return chr(0xAC00 + L_JAMO.index(lead) * 588 + V_JAMO.index(vowel) * 28 + T_JAMO.index(tail))


# ---------------------------------------------------------------------------
# Korean: Revised Romanization, McCune-Reischauer, customary, Kontsevich
# ---------------------------------------------------------------------------
RR_L = dict(
    zip(
        L_JAMO,
        ["g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t", "p", "h"],
        strict=False,
    )
)
RR_V = dict(
    zip(
        V_JAMO,
        [
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
        ],
        strict=False,
    )
)
RR_T = {
    "": "",
    "ㄱ": "k",
    "ㄲ": "k",
    "ㅋ": "k",
    "ㄴ": "n",
    "ㄷ": "t",
    "ㅅ": "t",
    "ㅆ": "t",
    "ㅈ": "t",
    "ㅊ": "t",
    "ㅌ": "t",
    "ㅎ": "t",
    "ㄹ": "l",
    "ㅁ": "m",
    "ㅂ": "p",
    "ㅍ": "p",
    "ㅇ": "ng",
}
MR_V = dict(RR_V, **{"ㅓ": "ŏ", "ㅕ": "yŏ", "ㅝ": "wŏ", "ㅡ": "ŭ", "ㅢ": "ŭi"})
MR_L_PLAIN = {
    "ㄱ": "k",
    "ㄲ": "kk",
    "ㄴ": "n",
    "ㄷ": "t",
    "ㄸ": "tt",
    "ㄹ": "r",
    "ㅁ": "m",
    "ㅂ": "p",
    "ㅃ": "pp",
    "ㅅ": "s",
    "ㅆ": "ss",
    "ㅇ": "",
    "ㅈ": "ch",
    "ㅉ": "tch",
    "ㅊ": "ch'",
    "ㅋ": "k'",
    "ㅌ": "t'",
    "ㅍ": "p'",
    "ㅎ": "h",
}
MR_VOICED = {"ㄱ": "g", "ㄷ": "d", "ㅂ": "b", "ㅈ": "j"}


def rr_syllable(s: str) -> str:
    lead, vowel, tail = hangul_decompose(s)
    return RR_L[lead] + RR_V[vowel] + RR_T[tail]


def mr_word(sylls: str) -> list[str]:
    out = []
    prev_tail: str | None = None
    for s in sylls:
        lead, vowel, tail = hangul_decompose(s)
        if prev_tail is not None and lead in MR_VOICED and prev_tail in ("", "ㄴ", "ㅁ", "ㅇ", "ㄹ"):
            cons = MR_VOICED[lead]
        elif lead == "ㄹ" and prev_tail in ("ㄹ", "ㄴ"):
            cons = "l"
        elif lead == "ㅅ" and vowel in ("ㅣ", "ㅟ"):
            cons = "sh"
        else:
            cons = MR_L_PLAIN[lead]
        out.append(cons + MR_V[vowel] + RR_T[tail])
        prev_tail = tail
    return out


def customary_syllable(rr: str, rng: random.Random) -> str:
    """Common passport/self-chosen spellings of a given-name syllable."""
    subs = [
        ("yeong", ["young", "yeong", "yung"]),
        ("eong", ["ung", "eong", "ong"]),
        ("yeon", ["yun", "yeon", "yon"]),
        ("eon", ["un", "eon", "on"]),
        ("eo", ["u", "eo", "o"]),
        ("eu", ["eu", "u"]),
        ("oo", ["oo"]),
        ("u", ["u", "oo"]),
        ("i", ["i", "ee"]),
    ]
    out = rr
    for src, opts in subs:
        if src in out:
            out = out.replace(src, rng.choice(opts), 1)
            break
    if out.startswith("g") and rng.random() < 0.6:
        out = "k" + out[1:]
    elif out.startswith("d") and rng.random() < 0.3:
        out = "t" + out[1:]
    elif out.startswith("b") and rng.random() < 0.3:
        out = "p" + out[1:]
    elif out.startswith("j") and rng.random() < 0.3:
        out = "ch" + out[1:]
    if out.startswith("u") and rng.random() < 0.6:
        out = "w" + out
    return out


KO_CYR_L_INIT = {
    "ㄱ": "к",
    "ㄲ": "кк",
    "ㄴ": "н",
    "ㄷ": "т",
    "ㄸ": "тт",
    "ㄹ": "р",
    "ㅁ": "м",
    "ㅂ": "п",
    "ㅃ": "пп",
    "ㅅ": "с",
    "ㅆ": "сс",
    "ㅇ": "",
    "ㅈ": "ч",
    "ㅉ": "чч",
    "ㅊ": "чх",
    "ㅋ": "кх",
    "ㅌ": "тх",
    "ㅍ": "пх",
    "ㅎ": "х",
}
KO_CYR_VOICED = {"ㄱ": "г", "ㄷ": "д", "ㅂ": "б", "ㅈ": "дж"}
KO_CYR_V = dict(
    zip(
        V_JAMO,
        [
            "а",
            "э",
            "я",
            "йя",
            "о",
            "е",
            "ё",
            "йе",
            "о",
            "ва",
            "вэ",
            "вэ",
            "ё",
            "у",
            "во",
            "ве",
            "ви",
            "ю",
            "ы",
            "ый",
            "и",
        ],
        strict=False,
    )
)
KO_CYR_T = {"": "", "ㄱ": "к", "ㄲ": "к", "ㅋ": "к", "ㄴ": "н", "ㄹ": "ль", "ㅁ": "м", "ㅂ": "п", "ㅍ": "п", "ㅇ": "н"}


def kontsevich_word(sylls: str) -> str:
    out = []
    prev_tail: str | None = None
    for s in sylls:
        lead, vowel, tail = hangul_decompose(s)
        if prev_tail is not None and lead in KO_CYR_VOICED and prev_tail in ("", "ㄴ", "ㅁ", "ㅇ"):
            cons = KO_CYR_VOICED[lead]
        elif lead == "ㄹ" and prev_tail == "ㄹ":
            cons = "л"
        else:
            cons = KO_CYR_L_INIT[lead]
        v = KO_CYR_V[vowel]
        if cons and v.startswith("й"):
            v = v[1:]
        out.append(cons + v + KO_CYR_T.get(tail, "т"))
        if out[-1].endswith("ль") and False:
            pass
        prev_tail = tail
    return "".join(out).capitalize()


# ---------------------------------------------------------------------------
# Mandarin: pinyin -> Wade-Giles, Palladius Cyrillic, Korean (NIKL) Hangul
# ---------------------------------------------------------------------------
PY_INITIALS = [
    "zh",
    "ch",
    "sh",
    "b",
    "p",
    "m",
    "f",
    "d",
    "t",
    "n",
    "l",
    "g",
    "k",
    "h",
    "j",
    "q",
    "x",
    "r",
    "z",
    "c",
    "s",
]


def split_pinyin(py: str) -> tuple[str, str]:
    for ini in PY_INITIALS:
        if py.startswith(ini) and len(py) > len(ini):
            fin = py[len(ini) :]
            if ini in ("j", "q", "x") and fin.startswith("u"):
                fin = "v" + fin[1:]
            return ini, fin
    # zero-initial syllables: y-/w- spellings -> medial finals
    y_map = {
        "yi": "i",
        "ya": "ia",
        "ye": "ie",
        "yao": "iao",
        "you": "iu",
        "yan": "ian",
        "yin": "in",
        "yang": "iang",
        "ying": "ing",
        "yong": "iong",
        "yu": "v",
        "yue": "ve",
        "yuan": "van",
        "yun": "vn",
        "wu": "u",
        "wa": "ua",
        "wo": "uo",
        "wai": "uai",
        "wei": "ui",
        "wan": "uan",
        "wen": "un",
        "wang": "uang",
        "weng": "ueng",
    }
    return "", y_map.get(py, py)


WG_INI = {
    "b": "p",
    "p": "p'",
    "m": "m",
    "f": "f",
    "d": "t",
    "t": "t'",
    "n": "n",
    "l": "l",
    "g": "k",
    "k": "k'",
    "h": "h",
    "j": "ch",
    "q": "ch'",
    "x": "hs",
    "zh": "ch",
    "ch": "ch'",
    "sh": "sh",
    "r": "j",
    "z": "ts",
    "c": "ts'",
    "s": "s",
    "": "",
}
WG_FIN = {
    "a": "a",
    "o": "o",
    "e": "e",
    "ai": "ai",
    "ei": "ei",
    "ao": "ao",
    "ou": "ou",
    "an": "an",
    "en": "en",
    "ang": "ang",
    "eng": "eng",
    "ong": "ung",
    "er": "erh",
    "i": "i",
    "ia": "ia",
    "ie": "ieh",
    "iao": "iao",
    "iu": "iu",
    "ian": "ien",
    "in": "in",
    "iang": "iang",
    "ing": "ing",
    "iong": "iung",
    "u": "u",
    "ua": "ua",
    "uo": "o",
    "uai": "uai",
    "ui": "ui",
    "uan": "uan",
    "un": "un",
    "uang": "uang",
    "ueng": "ueng",
    "v": "ü",
    "ve": "üeh",
    "van": "üan",
    "vn": "ün",
}
WG_ZERO = {
    "i": "i",
    "ia": "ya",
    "ie": "yeh",
    "iao": "yao",
    "iu": "yu",
    "ian": "yen",
    "in": "yin",
    "iang": "yang",
    "ing": "ying",
    "iong": "yung",
    "v": "yü",
    "ve": "yüeh",
    "van": "yüan",
    "vn": "yün",
    "u": "wu",
    "ua": "wa",
    "uo": "wo",
    "uai": "wai",
    "ui": "wei",
    "uan": "wan",
    "un": "wen",
    "uang": "wang",
    "ueng": "weng",
    "e": "o",
}


def wade_giles(py: str) -> str:
    ini, fin = split_pinyin(py)
    special = {
        ("z", "i"): "tzu",
        ("c", "i"): "tz'u",
        ("s", "i"): "ssu",
        ("zh", "i"): "chih",
        ("ch", "i"): "ch'ih",
        ("sh", "i"): "shih",
        ("r", "i"): "jih",
    }
    if (ini, fin) in special:
        return special[(ini, fin)]
    if not ini:
        return WG_ZERO.get(fin, WG_FIN.get(fin, fin))
    f = WG_FIN[fin]
    if fin == "e" and ini in ("g", "k", "h"):
        f = "o"
    if fin == "uo" and ini in ("g", "k", "h", "sh"):
        f = "uo"
    if fin == "ui" and ini in ("g", "k"):
        f = "uei"
    return WG_INI[ini] + f


PAL_INI = {
    "b": "б",
    "p": "п",
    "m": "м",
    "f": "ф",
    "d": "д",
    "t": "т",
    "n": "н",
    "l": "л",
    "g": "г",
    "k": "к",
    "h": "х",
    "j": "цз",
    "q": "ц",
    "x": "с",
    "zh": "чж",
    "ch": "ч",
    "sh": "ш",
    "r": "ж",
    "z": "цз",
    "c": "ц",
    "s": "с",
    "": "",
}
PAL_FIN = {
    "a": "а",
    "o": "о",
    "e": "э",
    "ai": "ай",
    "ei": "эй",
    "ao": "ао",
    "ou": "оу",
    "an": "ань",
    "en": "энь",
    "ang": "ан",
    "eng": "эн",
    "ong": "ун",
    "er": "эр",
    "i": "и",
    "ia": "я",
    "ie": "е",
    "iao": "яо",
    "iu": "ю",
    "ian": "янь",
    "in": "инь",
    "iang": "ян",
    "ing": "ин",
    "iong": "юн",
    "u": "у",
    "ua": "уа",
    "uo": "о",
    "uai": "уай",
    "ui": "уй",
    "uan": "уань",
    "un": "унь",
    "uang": "уан",
    "ueng": "вэн",
    "v": "юй",
    "ve": "юэ",
    "van": "юань",
    "vn": "юнь",
}
PAL_ZERO = {
    "i": "и",
    "ia": "я",
    "ie": "е",
    "iao": "яо",
    "iu": "ю",
    "ian": "янь",
    "in": "инь",
    "iang": "ян",
    "ing": "ин",
    "iong": "юн",
    "u": "у",
    "ua": "ва",
    "uo": "во",
    "uai": "вай",
    "ui": "вэй",
    "uan": "вань",
    "un": "вэнь",
    "uang": "ван",
    "ueng": "вэн",
}


def palladius(py: str) -> str:
    ini, fin = split_pinyin(py)
    if fin == "i" and ini in ("z", "c", "s"):
        return {"z": "цзы", "c": "цы", "s": "сы"}[ini]
    if not ini:
        return PAL_ZERO.get(fin, PAL_FIN.get(fin, fin))
    return PAL_INI[ini] + PAL_FIN[fin]


HG_INI = {
    "b": "ㅂ",
    "p": "ㅍ",
    "m": "ㅁ",
    "f": "ㅍ",
    "d": "ㄷ",
    "t": "ㅌ",
    "n": "ㄴ",
    "l": "ㄹ",
    "g": "ㄱ",
    "k": "ㅋ",
    "h": "ㅎ",
    "j": "ㅈ",
    "q": "ㅊ",
    "x": "ㅅ",
    "zh": "ㅈ",
    "ch": "ㅊ",
    "sh": "ㅅ",
    "r": "ㄹ",
    "z": "ㅉ",
    "c": "ㅊ",
    "s": "ㅆ",
    "": "ㅇ",
}
# final -> list of (vowel, tail) syllables; later syllables take the silent ㅇ lead
HG_FIN: dict[str, list[tuple[str, str]]] = {
    "a": [("ㅏ", "")],
    "o": [("ㅗ", "")],
    "e": [("ㅓ", "")],
    "ai": [("ㅏ", ""), ("ㅣ", "")],
    "ei": [("ㅔ", ""), ("ㅣ", "")],
    "ao": [("ㅏ", ""), ("ㅗ", "")],
    "ou": [("ㅓ", ""), ("ㅜ", "")],
    "an": [("ㅏ", "ㄴ")],
    "en": [("ㅓ", "ㄴ")],
    "ang": [("ㅏ", "ㅇ")],
    "eng": [("ㅓ", "ㅇ")],
    "ong": [("ㅜ", "ㅇ")],
    "er": [("ㅓ", "ㄹ")],
    "i": [("ㅣ", "")],
    "ia": [("ㅑ", "")],
    "ie": [("ㅖ", "")],
    "iao": [("ㅑ", ""), ("ㅗ", "")],
    "iu": [("ㅠ", "")],
    "ian": [("ㅕ", "ㄴ")],
    "in": [("ㅣ", "ㄴ")],
    "iang": [("ㅑ", "ㅇ")],
    "ing": [("ㅣ", "ㅇ")],
    "iong": [("ㅠ", "ㅇ")],
    "u": [("ㅜ", "")],
    "ua": [("ㅘ", "")],
    "uo": [("ㅝ", "")],
    "uai": [("ㅘ", ""), ("ㅣ", "")],
    "ui": [("ㅜ", ""), ("ㅣ", "")],
    "uan": [("ㅘ", "ㄴ")],
    "un": [("ㅜ", "ㄴ")],
    "uang": [("ㅘ", "ㅇ")],
    "ueng": [("ㅝ", "ㅇ")],
    "v": [("ㅟ", "")],
    "ve": [("ㅞ", "")],
    "van": [("ㅟ", ""), ("ㅏ", "ㄴ")],
    "vn": [("ㅟ", "ㄴ")],
}
HG_ZERO = {
    "ie": [("ㅖ", "")],
    "ian": [("ㅕ", "ㄴ")],
    "ui": [("ㅞ", ""), ("ㅣ", "")],
    "un": [("ㅝ", "ㄴ")],
    "ve": [("ㅞ", "")],
    "uan": [("ㅘ", "ㄴ")],
}
UNPALATAL = {"ㅑ": "ㅏ", "ㅕ": "ㅓ", "ㅛ": "ㅗ", "ㅠ": "ㅜ", "ㅖ": "ㅔ"}


def mandarin_hangul(py: str) -> str:
    ini, fin = split_pinyin(py)
    if fin == "i" and ini in ("z", "c", "s", "zh", "ch", "sh", "r"):
        return hangul_compose(HG_INI[ini], "ㅡ")
    parts = (HG_ZERO.get(fin) if not ini else None) or HG_FIN[fin]
    lead = HG_INI[ini]
    out = []
    for i, (v, t) in enumerate(parts):
        if i == 0 and lead in ("ㅈ", "ㅊ", "ㅉ") and v in UNPALATAL:
            v = UNPALATAL[v]
        out.append(hangul_compose(lead if i == 0 else "ㅇ", v, t))
    return "".join(out)


# ---------------------------------------------------------------------------
# Russian: letter tables for the romanisation schemes (own tables)
# ---------------------------------------------------------------------------
_RU = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"


def _tab(values: list[str]) -> dict[str, str]:
    assert len(values) == len(_RU), len(values)
    return dict(zip(_RU, values, strict=False))


# ICAO Doc 9303 (7th ed., 2015), used in Russian passports since 2014
ICAO = _tab(
    [
        "a",
        "b",
        "v",
        "g",
        "d",
        "e",
        "e",
        "zh",
        "z",
        "i",
        "i",
        "k",
        "l",
        "m",
        "n",
        "o",
        "p",
        "r",
        "s",
        "t",
        "u",
        "f",
        "kh",
        "ts",
        "ch",
        "sh",
        "shch",
        "ie",
        "y",
        "",
        "e",
        "iu",
        "ia",
    ]
)
# MVD order 310 (1997), passports 1997-2010 ("old passport")
MVD310 = _tab(
    [
        "a",
        "b",
        "v",
        "g",
        "d",
        "e",
        "e",
        "zh",
        "z",
        "i",
        "y",
        "k",
        "l",
        "m",
        "n",
        "o",
        "p",
        "r",
        "s",
        "t",
        "u",
        "f",
        "kh",
        "ts",
        "ch",
        "sh",
        "shch",
        "",
        "y",
        "",
        "e",
        "yu",
        "ya",
    ]
)
# French-based spelling of Soviet-era foreign passports
FRENCH = _tab(
    [
        "a",
        "b",
        "v",
        "g",
        "d",
        "e",
        "e",
        "j",
        "z",
        "i",
        "i",
        "k",
        "l",
        "m",
        "n",
        "o",
        "p",
        "r",
        "s",
        "t",
        "ou",
        "f",
        "kh",
        "ts",
        "tch",
        "ch",
        "chtch",
        "",
        "y",
        "",
        "e",
        "iou",
        "ia",
    ]
)
# GOST 7.79-2000 system B (ASCII)
GOST_B = _tab(
    [
        "a",
        "b",
        "v",
        "g",
        "d",
        "e",
        "yo",
        "zh",
        "z",
        "i",
        "j",
        "k",
        "l",
        "m",
        "n",
        "o",
        "p",
        "r",
        "s",
        "t",
        "u",
        "f",
        "x",
        "cz",
        "ch",
        "sh",
        "shh",
        "``",
        "y'",
        "`",
        "e`",
        "yu",
        "ya",
    ]
)
# BGN/PCGN 1947 (ye/yë rules handled in code)
BGN = _tab(
    [
        "a",
        "b",
        "v",
        "g",
        "d",
        "e",
        "ë",
        "zh",
        "z",
        "i",
        "y",
        "k",
        "l",
        "m",
        "n",
        "o",
        "p",
        "r",
        "s",
        "t",
        "u",
        "f",
        "kh",
        "ts",
        "ch",
        "sh",
        "shch",
        "\u201d",
        "y",
        "\u2019",
        "e",
        "yu",
        "ya",
    ]
)
# German (Duden-style) transcription
GERMAN = _tab(
    [
        "a",
        "b",
        "w",
        "g",
        "d",
        "e",
        "jo",
        "sch",
        "s",
        "i",
        "i",
        "k",
        "l",
        "m",
        "n",
        "o",
        "p",
        "r",
        "s",
        "t",
        "u",
        "f",
        "ch",
        "z",
        "tsch",
        "sch",
        "schtsch",
        "",
        "y",
        "",
        "e",
        "ju",
        "ja",
    ]
)
# English press-style (BGN/PCGN without diacritics and apostrophes)
ENGLISH = dict(BGN, **{"ё": "yo", "ъ": "", "ь": ""})
VOWELS_RU = set("аеёиоуыэюя")


def ru_latin(word: str, table: dict[str, str], scheme: str) -> str:
    w = word.lower()
    out = []
    for i, ch in enumerate(w):
        prev = w[i - 1] if i else ""
        nxt = w[i + 1] if i + 1 < len(w) else ""
        if scheme in ("bgn", "english", "german") and ch in "её" and (not prev or prev in VOWELS_RU or prev in "йъь"):
            out.append(
                {
                    "bgn": "ye" if ch == "е" else "yë",
                    "english": "ye" if ch == "е" else "yo",
                    "german": "je" if ch == "е" else "jo",
                }[scheme]
            )
            continue
        if scheme in ("english", "german") and ch in "ыи" and nxt == "й" and i + 2 == len(w):
            out.append("y" if scheme == "english" else "i")
            continue
        if scheme in ("english", "german") and ch == "й" and i + 1 == len(w) and prev in "ыи":
            continue
        if scheme == "german" and ch == "с" and prev in VOWELS_RU and nxt in VOWELS_RU:
            out.append("ss")
            continue
        if scheme == "gost" and ch == "ц" and nxt in "иеыйюяё":
            out.append("c")
            continue
        out.append(table.get(ch, ch))
    s = "".join(out)
    if scheme == "german" and s.endswith("ow") is False and w.endswith("ов"):
        s = s[:-1] + "w"
    if scheme == "german" and w.endswith("ев"):
        s = s[:-1] + "w"
    return s[:1].upper() + s[1:]


# Russian -> Hangul (simplified NIKL rules for Russian)
RU_HG_C = {
    "б": "ㅂ",
    "в": "ㅂ",
    "г": "ㄱ",
    "д": "ㄷ",
    "ж": "ㅈ",
    "з": "ㅈ",
    "к": "ㅋ",
    "л": "ㄹ",
    "м": "ㅁ",
    "н": "ㄴ",
    "п": "ㅍ",
    "р": "ㄹ",
    "с": "ㅅ",
    "т": "ㅌ",
    "ф": "ㅍ",
    "х": "ㅎ",
    "ц": "ㅊ",
    "ч": "ㅊ",
    "ш": "ㅅ",
    "щ": "ㅅ",
}
RU_HG_V = {"а": "ㅏ", "е": "ㅖ", "ё": "ㅛ", "и": "ㅣ", "о": "ㅗ", "у": "ㅜ", "ы": "ㅣ", "э": "ㅔ", "ю": "ㅠ", "я": "ㅑ"}
RU_HG_ALONE = {
    "ж": "주",
    "ш": "시",
    "щ": "시치",
    "в": "브",
    "к": "크",
    "п": "프",
    "т": "트",
    "ф": "프",
    "б": "브",
    "г": "그",
    "д": "드",
    "з": "즈",
    "с": "스",
    "х": "흐",
    "ц": "츠",
    "ч": "치",
    "р": "르",
    "м": "므",
    "н": "느",
    "л": "르",
}


def ru_hangul(word: str) -> str:
    w = word.lower().replace("ь", "").replace("ъ", "")
    if w.endswith("ий"):
        w = w[:-1]
    out: list[str] = []
    i = 0
    n = len(w)
    while i < n:
        ch = w[i]
        nxt = w[i + 1] if i + 1 < n else ""
        if ch in RU_HG_V:
            v = RU_HG_V[ch]
            out.append(hangul_compose("ㅇ", v))
            i += 1
            continue
        if ch == "й":
            out.append("이")
            i += 1
            continue
        if ch in RU_HG_C and nxt in RU_HG_V:
            v = RU_HG_V[nxt]
            lead = RU_HG_C[ch]
            if v == "ㅖ":
                v = "ㅔ"
            if ch in "жчшщц" and v in UNPALATAL:
                v = UNPALATAL[v]
            if ch == "л" and out and i > 0 and w[i - 1] in VOWELS_RU:
                # intervocalic l -> ㄹㄹ
                prev = out[-1]
                a, b, c = hangul_decompose(prev)
                if not c:
                    out[-1] = hangul_compose(a, b, "ㄹ")
            out.append(hangul_compose(lead, v))
            i += 2
            continue
        if ch in "мнл" and out and (not nxt or nxt not in RU_HG_V):
            a, b, c = hangul_decompose(out[-1])
            if not c:
                out[-1] = hangul_compose(a, b, {"м": "ㅁ", "н": "ㄴ", "л": "ㄹ"}[ch])
                i += 1
                continue
        if ch == "к" and out and nxt and nxt not in RU_HG_V:
            a, b, c = hangul_decompose(out[-1])
            if not c:
                out[-1] = hangul_compose(a, b, "ㄱ")
                i += 1
                continue
        if ch == "в" and (not nxt or nxt in "кпстфхцчшщ"):
            out.append("프")
        elif ch in RU_HG_ALONE:
            out.append(RU_HG_ALONE[ch])
        i += 1
    return "".join(out)


# Russian -> Chinese characters (Xinhua-style syllable table, simplified)
RU_ZH_CV = {
    "б": "巴别比博布贝",
    "в": "瓦韦维沃武维",
    "г": "加盖吉戈古吉",
    "д": "达杰季多杜德",
    "ж": "扎热日若茹日",
    "з": "扎泽济佐祖济",
    "к": "卡克基科库克",
    "л": "拉列利洛卢雷",
    "м": "马梅米莫穆梅",
    "н": "纳涅尼诺努内",
    "п": "帕佩皮波普佩",
    "р": "拉列里罗鲁雷",
    "с": "萨谢西索苏瑟",
    "т": "塔捷季托图特",
    "ф": "法费菲福富菲",
    "х": "哈赫希霍胡赫",
    "ц": "察采齐措楚采",
    "ч": "恰切奇乔丘奇",
    "ш": "沙舍希绍舒希",
    "щ": "夏谢希晓休希",
}
RU_ZH_VIDX = {"а": 0, "я": 0, "е": 1, "э": 1, "и": 2, "о": 3, "ё": 3, "у": 4, "ю": 4, "ы": 5}
RU_ZH_V = {"а": "阿", "я": "亚", "е": "叶", "э": "埃", "и": "伊", "о": "奥", "ё": "约", "у": "乌", "ю": "尤", "ы": "厄"}
RU_ZH_ALONE = {
    "б": "布",
    "в": "夫",
    "г": "格",
    "д": "德",
    "ж": "日",
    "з": "兹",
    "к": "克",
    "л": "尔",
    "м": "姆",
    "н": "恩",
    "п": "普",
    "р": "尔",
    "с": "斯",
    "т": "特",
    "ф": "夫",
    "х": "赫",
    "ц": "茨",
    "ч": "奇",
    "ш": "什",
    "щ": "什",
}
RU_ZH_N = {"а": "安", "я": "扬", "е": "延", "и": "因", "о": "翁", "у": "温"}
RU_ZH_CVN = {
    "ли": "林",
    "ри": "林",
    "ки": "金",
    "ти": "京",
    "ми": "明",
    "си": "辛",
    "ви": "温",
    "ло": "隆",
    "ро": "龙",
    "то": "东",
    "мо": "蒙",
    "но": "农",
    "ко": "孔",
    "со": "松",
    "до": "东",
    "ле": "连",
    "ре": "连",
    "не": "年",
    "ме": "缅",
    "ту": "通",
    "ку": "昆",
}
RU_ZH_CAN = {
    "в": "万",
    "д": "丹",
    "л": "兰",
    "м": "曼",
    "р": "兰",
    "с": "桑",
    "т": "坦",
    "к": "坎",
    "н": "南",
    "г": "甘",
    "б": "班",
    "п": "潘",
    "х": "汉",
    "з": "赞",
    "ф": "凡",
}


def ru_chinese(word: str) -> str:
    w = word.lower().replace("ь", "").replace("ъ", "")
    out: list[str] = []
    i = 0
    n = len(w)
    while i < n:
        ch = w[i]
        nxt = w[i + 1] if i + 1 < n else ""
        nn = w[i + 2] if i + 2 < n else ""
        closed = i + 3 >= n or w[i + 3] not in VOWELS_RU
        if ch in RU_ZH_CAN and nxt == "а" and nn == "н" and closed:
            out.append(RU_ZH_CAN[ch])
            i += 3
            continue
        if ch in RU_ZH_CV and nxt in RU_ZH_VIDX:
            cvn = RU_ZH_CVN.get(ch + nxt)
            if cvn and nn == "н" and (i + 3 >= n or w[i + 3] not in VOWELS_RU):
                out.append(cvn)
                i += 3
                continue
            out.append(RU_ZH_CV[ch][RU_ZH_VIDX[nxt]])
            i += 2
            if i < n and w[i] == "й":
                if nxt in "аоуы":
                    out.append("伊")
                i += 1
            elif nn == "н" and (i + 1 >= n or w[i + 1] not in VOWELS_RU):
                i += 1  # nasal coda absorbed (approximation)
            continue
        if ch in RU_ZH_V:
            if nxt == "н" and (not nn or nn not in VOWELS_RU) and ch in RU_ZH_N:
                out.append(RU_ZH_N[ch])
                i += 2
                continue
            out.append(RU_ZH_V[ch])
            i += 1
            if i < n and w[i] == "й":
                i += 1
            continue
        if ch == "й":
            out.append("伊")
        elif ch in RU_ZH_ALONE:
            out.append(RU_ZH_ALONE[ch])
        i += 1
    return "".join(out)


def ru_english_given(name: str, rng: random.Random) -> str:
    if name in RU_EN_CONVENTIONAL:
        return rng.choice(RU_EN_CONVENTIONAL[name])
    return ru_latin(name, ENGLISH, "english")


# ---------------------------------------------------------------------------
# Per-nationality rendering of an identity
# ---------------------------------------------------------------------------
def _join_given(parts: list[str], style: str) -> str:
    if style == "hyphen":
        return "-".join([parts[0]] + [p.lower() for p in parts[1:]])
    if style == "joined":
        return parts[0] + "".join(p.lower() for p in parts[1:])
    return " ".join(parts)


VN_KINDS = [
    "vn-native",
    "vn-ascii",
    "vn-upper",
    "vn-given-first",
    "vn-joined",
    "vn-no-middle",
    "vn-hangul",
    "vn-cyrillic",
    "vn-han-simplified",
    "vn-han-traditional",
]
KR_KINDS = [
    "kr-hangul",
    "kr-hanja",
    "kr-rr",
    "kr-mr",
    "kr-mr-plain",
    "kr-passport",
    "kr-passport-joined",
    "kr-given-first",
    "kr-cyrillic",
]
CN_KINDS = [
    "cn-simplified",
    "cn-traditional",
    "cn-pinyin",
    "cn-pinyin-upper",
    "cn-wade-giles",
    "cn-cantonese",
    "cn-sino-vietnamese",
    "cn-hangul",
    "cn-cyrillic",
]
RU_KINDS = [
    "ru-cyrillic",
    "ru-cyrillic-short",
    "ru-icao",
    "ru-gost",
    "ru-bgn",
    "ru-old-passport",
    "ru-soviet-french",
    "ru-english",
    "ru-german",
    "ru-hangul",
    "ru-chinese",
]
KINDS = {"VN": VN_KINDS, "KR": KR_KINDS, "CN": CN_KINDS, "RU": RU_KINDS}


def render_vn(p: dict, kind: str, rng: random.Random) -> str:
    sur, mid, giv = p["surname"], p["middle"], p["given"]
    sylls = [sur, *mid, *giv]
    if kind == "vn-native":
        return " ".join(sylls)
    if kind == "vn-ascii":
        return strip_marks(" ".join(sylls))
    if kind == "vn-upper":
        return strip_marks(" ".join(sylls)).upper()
    if kind == "vn-given-first":
        s = " ".join(mid + giv + [sur]) if rng.random() < 0.5 else " ".join([*giv, sur, *mid])
        return strip_marks(s) if rng.random() < 0.7 else s
    if kind == "vn-joined":
        a = strip_marks(sur)
        b = strip_marks("".join(mid + giv))
        return (a + b).upper() if rng.random() < 0.5 else f"{a} {b.capitalize()}"
    if kind == "vn-no-middle":
        s = " ".join([sur, *giv]) if rng.random() < 0.5 else " ".join([*giv, sur])
        return strip_marks(s) if rng.random() < 0.7 else s
    if kind == "vn-hangul":
        sep = "" if rng.random() < 0.6 else " "
        return sep.join(VN_SYL[s][2] for s in sylls)
    if kind == "vn-cyrillic":
        return " ".join(VN_SYL[s][3] for s in sylls)
    if kind == "vn-han-simplified":
        return "".join(VN_SYL[s][0] for s in sylls)
    if kind == "vn-han-traditional":
        return "".join(VN_SYL[s][1] for s in sylls)
    raise KeyError(kind)


def render_kr(p: dict, kind: str, rng: random.Random) -> str:
    sur, giv = p["surname"], p["given"]  # Hangul surname, Hangul given syllables (str)
    hanja, customary, cyr = KR_SURNAME_INFO[sur]
    style = rng.choice(["hyphen", "joined", "space"])
    if kind == "kr-hangul":
        return sur + giv if rng.random() < 0.8 else f"{sur} {giv}"
    if kind == "kr-hanja":
        return hanja + "".join(KR_GIVEN_SYL[s] for s in giv)
    if kind == "kr-rr":
        return f"{rr_syllable(sur).capitalize()} " + _join_given([rr_syllable(s).capitalize() for s in giv], style)
    if kind in ("kr-mr", "kr-mr-plain"):
        s_mr = mr_word(sur)[0].capitalize()
        g = mr_word(giv)
        if kind == "kr-mr-plain":
            s_mr = strip_marks(s_mr).replace("'", "")
            g = [strip_marks(x).replace("'", "") for x in g]
        return f"{s_mr} " + _join_given([x.capitalize() for x in g], "hyphen" if kind == "kr-mr" else style)
    if kind in ("kr-passport", "kr-passport-joined", "kr-given-first"):
        s_c = customary[0] if rng.random() < 0.7 else rng.choice(customary)
        g = [customary_syllable(rr_syllable(s), rng).capitalize() for s in giv]
        if kind == "kr-passport":
            return f"{s_c} " + _join_given(g, style)
        if kind == "kr-passport-joined":
            return f"{s_c} {_join_given(g, 'joined')}".upper()
        return _join_given(g, style) + f" {s_c}"
    if kind == "kr-cyrillic":
        s_c = cyr[0] if rng.random() < 0.7 else rng.choice(cyr)
        if rng.random() < 0.5:
            return f"{s_c} {kontsevich_word(giv)}"
        return s_c + " " + " ".join(kontsevich_word(s) for s in giv)
    raise KeyError(kind)


def render_cn(p: dict, kind: str, rng: random.Random) -> str:
    sur, giv = p["surname"], p["given"]  # simplified chars
    pys = [CN_CHARS[c][1] for c in giv]
    if kind == "cn-simplified":
        return sur + giv
    if kind == "cn-traditional":
        return CN_CHARS[sur][0] + "".join(CN_CHARS[c][0] for c in giv)
    if kind in ("cn-pinyin", "cn-pinyin-upper"):
        g = "".join(pys)
        if rng.random() < 0.2 and len(pys) > 1:
            g = " ".join(x.capitalize() for x in pys)
        s = CN_CHARS[sur][1].capitalize()
        out = f"{s} {g[:1].upper()}{g[1:]}" if rng.random() < 0.8 else f"{g[:1].upper()}{g[1:]} {s}"
        return out.upper() if kind == "cn-pinyin-upper" else out
    if kind == "cn-wade-giles":
        wg = [wade_giles(x) for x in pys]
        if rng.random() < 0.4:
            wg = [x.replace("'", "") for x in wg]
        s = wade_giles(CN_CHARS[sur][1]).replace("'", "" if rng.random() < 0.4 else "'")
        return f"{s.capitalize()} {_join_given([x.capitalize() for x in wg], 'hyphen')}"
    if kind == "cn-cantonese":
        g = [CN_CHARS[c][2] for c in giv]
        st = rng.choice(["space", "hyphen"])
        return f"{CN_CHARS[sur][2]} " + _join_given(g, st)
    if kind == "cn-sino-vietnamese":
        s = " ".join(CN_CHARS[c][3] for c in sur + giv)
        return s if rng.random() < 0.7 else strip_marks(s)
    if kind == "cn-hangul":
        return "".join(mandarin_hangul(x) for x in [CN_CHARS[sur][1], *pys])
    if kind == "cn-cyrillic":
        g = "".join(palladius(x) for x in pys)
        return f"{palladius(CN_CHARS[sur][1]).capitalize()} {g.capitalize()}"
    raise KeyError(kind)


RU_SCHEMES = {
    "ru-icao": (ICAO, "icao"),
    "ru-gost": (GOST_B, "gost"),
    "ru-bgn": (BGN, "bgn"),
    "ru-old-passport": (MVD310, "mvd"),
    "ru-soviet-french": (FRENCH, "french"),
    "ru-german": (GERMAN, "german"),
}


def render_ru(p: dict, kind: str, rng: random.Random) -> str:
    sur, giv, pat = p["surname"], p["given"], p["patronymic"]
    if kind == "ru-cyrillic":
        return rng.choice([f"{sur} {giv} {pat}", f"{giv} {pat} {sur}", f"{sur.upper()} {giv} {pat}"])
    if kind == "ru-cyrillic-short":
        return rng.choice([f"{giv} {sur}", f"{sur} {giv}", f"{sur} {giv[0]}. {pat[0]}."])
    if kind in RU_SCHEMES:
        table, scheme = RU_SCHEMES[kind]
        s, g, pt = (ru_latin(x, table, scheme) for x in (sur, giv, pat))
        if kind in ("ru-icao", "ru-old-passport", "ru-soviet-french"):
            return f"{s} {g}".upper() if rng.random() < 0.7 else f"{s} {g} {pt}".upper()
        return rng.choice([f"{g} {s}", f"{s} {g} {pt}", f"{g} {pt} {s}"])
    if kind == "ru-english":
        g = ru_english_given(giv, rng)
        s = ru_latin(sur, ENGLISH, "english")
        return rng.choice([f"{g} {s}", f"{s} {g}", f"{g} {ru_latin(pat, ENGLISH, 'english')} {s}"])
    if kind == "ru-hangul":
        return f"{ru_hangul(giv)} {ru_hangul(sur)}"
    if kind == "ru-chinese":
        return f"{ru_chinese(giv)}·{ru_chinese(sur)}"
    raise KeyError(kind)


RENDER = {"VN": render_vn, "KR": render_kr, "CN": render_cn, "RU": render_ru}


def native(p: dict) -> str:
    nat = p["nat"]
    if nat == "VN":
        return " ".join([p["surname"]] + p["middle"] + p["given"])
    if nat in ("KR", "CN"):
        return p["surname"] + p["given"]
    return f"{p['surname']} {p['given']} {p['patronymic']}"
