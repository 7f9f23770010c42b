"""Turn one written name into its readings: sequences of atoms (syllables or words), each atom a set of
alternative Latin romanisations, plus the coarse skeletons of every run of 1–3 consecutive atoms.

Joined and split syllables match because runs are compared joined (Youngsam = 영+삼 = Young-sam)."""

from __future__ import annotations

import re
import sys
import unicodedata
from functools import lru_cache
from itertools import islice, product
from typing import NamedTuple

from namematch import han, hangul
from namematch.frequency import PATRONYMIC_WEIGHT, is_patronymic, part_weight
from namematch.phonetic import fold_latin, skeleton
from namematch.vietnamese import is_syllable as _vietnamese_syllable

MAX_RUN = 3
MIN_FUZZY_LEN = 4  # shorter skeletons (single syllables) must agree exactly
MAX_COMBOS = 8
MAX_ATOMS = 12  # longer inputs are cut (no person name has more parts; protects the hot path)


class Atom(NamedTuple):
    """One part of a reading: its text as written, its alternative Latin romanisations and its rarity
    weight."""

    text: str
    alts: tuple[str, ...]
    weight: float


class Segment(NamedTuple):
    """A run of 1–3 consecutive atoms with the skeletons of its joined romanisations."""

    start: int
    end: int
    skels: tuple[str, ...]
    weight: float
    size: int  # end - start
    mask: int  # the atoms it covers, as bits


# which reading families may be compared (a Korean RR reading of Hangul is not compared with the
# pinyin of a Chinese name; Latin, Cyrillic and Hangul-transcription readings compare with all).
# "kh" is the Korean reading of Han characters (Hanja), "ko" the reading of Hangul.
_OPEN_FAMILIES = frozenset({"latin", "cyrillic"})
# The Korean reading of characters ("kh") is Hangul as Korean writes it: it is compared with Hangul read as
# Korean ("ko"), not with Hangul read as the transcription of a foreign name (류사오하이 is Liu Shaohai in
# Korean letters, not 刘少奇 read 류소기).
_COMPATIBLE = {
    "hf": frozenset({"hf", "zh", "ko"}),
    "ko": frozenset({"ko", "kh", "hf"}),
    "kh": frozenset({"ko", "kh"}),
    "zh": frozenset({"zh", "hf", "yue"}),
    "yue": frozenset({"yue", "zh"}),
    "vi": frozenset({"vi"}),
}


# Readings that are evidence only where the records make them plausible (issue 15): a Chinese citizen's
# passport is in pinyin, not in the Korean, Cantonese or Sino-Vietnamese reading of the characters; a
# Korean citizen's Hangul name is Korean, not a transcription of a foreign name. Each bit names the
# condition a reading family needs; namematch.scoring.context works out which are unmet for two records.
GATE_KOREAN_READING = 1  # "kh": the Korean (Hanja) reading of Han characters
GATE_SINO_VIETNAMESE = 2  # "vi": the Sino-Vietnamese reading of Han characters
GATE_CANTONESE = 4  # "yue"
GATE_PINYIN = 8  # "zh" (not the transcription reading of foreign names written in characters)
GATE_HANGUL_TRANSCRIPTION = 16  # "hf": Hangul read as the transcription of a foreign name
_FAMILY_GATE = {
    "kh": GATE_KOREAN_READING,
    "vi": GATE_SINO_VIETNAMESE,
    "yue": GATE_CANTONESE,
    "zh": GATE_PINYIN,
    "hf": GATE_HANGUL_TRANSCRIPTION,
}
TRANSCRIPTION_LABEL = "Chinese transcription"
# readings with one atom per written syllable ("hf" is not: 체호프 transcribes Chekhov, 프 a bare p)
_SYLLABLE_FAMILIES = frozenset({"ko", "kh", "zh", "yue", "vi"})
_VOWELS = frozenset("aeiou")
_VOWEL_GROUP = re.compile(r"[aeiou]+")
_CYR_VOWEL = re.compile(r"[аеёиоуыэюяАЕЁИОУЫЭЮЯ]")  # in Cyrillic every vowel letter is a syllable (Цзы-ян)


def compatible(fa: str, fb: str) -> bool:
    if fa == "latin-vi" or fb == "latin-vi":
        # a spelling with Vietnamese letters (ă â đ ê ô ơ ư) is never pinyin, a Cantonese romanisation
        # nor the Korean reading of the characters: names written in Han characters are written in
        # Vietnamese by their Sino-Vietnamese reading
        return (fb if fa == "latin-vi" else fa) not in ("yue", "zh", "kh")
    if fa in _OPEN_FAMILIES or fb in _OPEN_FAMILIES:
        return True
    return fb in _COMPATIBLE.get(fa, ())


class Reading:
    """One way of reading a name: its atoms (parts) and the runs of 1–3 consecutive atoms (segments)
    with their skeletons. Atoms and segments are kept as parallel tuples of strings and numbers, not
    as objects: Python's cyclic garbage collector stops tracking such tuples, and an index of 100,000
    names holds about a million segments (seconds per full collection when they are objects). The
    :attr:`atoms` and :attr:`segments` properties build the objects for explanations."""

    __slots__ = (
        "alts",
        "by_skel",
        "family",
        "full",
        "fuzzy",
        "gate",
        "keyset",
        "label",
        "long_skels",
        "n",
        "pmask",
        "pstems",
        "seg_end",
        "seg_mask",
        "seg_size",
        "seg_skels",
        "seg_start",
        "seg_syl",
        "seg_weight",
        "syllabic",
        "texts",
        "total",
        "unit_kind",
        "units",
        "vietnamese",
        "weights",
    )

    def __init__(
        self,
        label: str,
        atoms: list[Atom],
        family: str = "latin",
        units: tuple[str, ...] = (),
        unit_kind: str = "",
        vietnamese: bool = False,
    ) -> None:
        self.label = label
        self.family = family
        # a Latin name that reads as Vietnamese (its letters, tone marks or syllables): the kind of name that
        # makes the Sino-Vietnamese reading of characters plausible
        self.vietnamese = vietnamese or family == "latin-vi"
        # which plausibility condition this reading needs (GATE_*; see namematch.scoring.context)
        self.gate = 0 if label == TRANSCRIPTION_LABEL else _FAMILY_GATE.get(family, 0)
        atoms = atoms[:MAX_ATOMS]
        n = len(atoms)
        self.n = n
        # the written syllable behind each atom where the reading comes from a syllabic script
        # (``unit_kind`` "hangul": a Hangul syllable; "han": a Han character in simplified form; "hanja":
        # the Hangul reading of a Han character followed by the character): two such readings tell
        # apart syllables that the romanisation merges (은 eun / 연 yeon, 峰 fung / 邦 bong)
        self.units = units[:n] if len(units) >= n else ()
        self.unit_kind = unit_kind if self.units else ""
        if n:
            self.texts, self.alts, self.weights = (tuple(t) for t in zip(*atoms, strict=True))
        else:
            self.texts = self.alts = self.weights = ()
        alts = self.alts
        weights = self.weights
        starts: list[int] = []
        ends: list[int] = []
        sizes: list[int] = []
        masks: list[int] = []
        seg_skels: list[tuple[str, ...]] = []
        seg_weight: list[float] = []
        fuzzy: list[int] = []
        long_skels: list[tuple[str, ...]] = []
        by_skel: dict[str, list[int]] = {}
        # one atom per written syllable (a Han character, a Hangul syllable): a run of such atoms may not be
        # paired with fewer syllables of a Latin or Cyrillic name (馬英 is two syllables, Minh one), nor one
        # of them with several Latin words (邦 = Wei Yang): the coarse skeleton merges vowels across syllables
        self.syllabic = family in _SYLLABLE_FAMILIES and label != TRANSCRIPTION_LABEL and "words" not in label
        syl: list[int] = []
        if self.syllabic:
            # the fewest vowel groups a Latin spelling of the run shows (a syllable that begins with a vowel
            # may run into the one before: 재인 JAEIN)
            opens = [all(x[:1] in _VOWELS for x in a) for a in alts]
        else:
            groups = [max((len(_VOWEL_GROUP.findall(x)) for x in a), default=0) for a in alts]
            if family == "cyrillic":
                groups = [max(g, len(_CYR_VOWEL.findall(t))) for g, t in zip(groups, self.texts, strict=True)]
        for i in range(n):
            run_weight = 0.0
            for length in range(1, min(MAX_RUN, n - i) + 1):
                run_weight += weights[i + length - 1]
                skels, longs = _run_skels(alts[i : i + length])
                if not skels:
                    continue
                seg = len(starts)
                if self.syllabic:
                    syl.append(length - sum(opens[i + 1 : i + length]))
                else:
                    syl.append(sum(groups[i : i + length]))
                for k in skels:
                    lst = by_skel.get(k)
                    if lst is None:
                        by_skel[k] = [seg]
                    else:
                        lst.append(seg)
                starts.append(i)
                ends.append(i + length)
                sizes.append(length)
                masks.append(((1 << length) - 1) << i)
                seg_skels.append(skels)
                seg_weight.append(run_weight)
                if longs:  # long enough for fuzzy comparison (shorter ones must agree exactly)
                    fuzzy.append(seg)
                    long_skels.append(longs)
        self.seg_start = tuple(starts)
        self.seg_end = tuple(ends)
        self.seg_size = tuple(sizes)
        self.seg_mask = tuple(masks)
        self.seg_skels = tuple(seg_skels)
        self.seg_weight = tuple(seg_weight)
        # per segment: for a syllabic reading, the fewest vowel groups its spelling may show; otherwise
        # the vowel groups of its words
        self.seg_syl = tuple(syl)
        self.by_skel: dict[str, tuple[int, ...]] = {k: tuple(v) for k, v in by_skel.items()}
        self.keyset = frozenset(by_skel)
        self.fuzzy = tuple(fuzzy)
        self.long_skels = tuple(long_skels)  # per fuzzy segment, its skeletons long enough for it
        self.full = (1 << n) - 1
        self.total = sum(weights)
        # the atoms that are patronymics (Russian -ovich/-evna ...), as bits
        self.pmask = sum(1 << i for i, w in enumerate(weights) if w == PATRONYMIC_WEIGHT)
        # per atom, the skeletons of a patronymic's stem (the father's name: Oleg of Olegovna), () for the others
        self.pstems = tuple(_patronymic_stems(a) if self.pmask >> i & 1 else () for i, a in enumerate(alts))

    @property
    def atoms(self) -> tuple[Atom, ...]:
        return tuple(Atom(*t) for t in zip(self.texts, self.alts, self.weights, strict=True))

    @property
    def segments(self) -> tuple[Segment, ...]:
        return tuple(
            Segment(*t)
            for t in zip(
                self.seg_start, self.seg_end, self.seg_skels, self.seg_weight, self.seg_size, self.seg_mask, strict=True
            )
        )

    def describe(self) -> str:
        return " ".join("/".join(a[:3]) for a in self.alts)


@lru_cache(maxsize=100_000)
def _run_skels(run: tuple[tuple[str, ...], ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Skeletons of a run of atoms joined, one per combination of their romanisations (at most
    MAX_COMBOS), and those of them long enough for fuzzy comparison; cached, as the same syllables
    and words recur across names."""
    if all(len(a) == 1 for a in run):
        k = skeleton("".join(a[0] for a in run))
        skels: tuple[str, ...] = (k,) if k else ()
    else:
        joined = map("".join, islice(product(*run), MAX_COMBOS))
        skels = tuple(dict.fromkeys(filter(None, map(skeleton, joined))))
    return skels, tuple(k for k in skels if len(k) >= MIN_FUZZY_LEN)


# romanised patronymic endings, longest first (Cyrillic patronymics are read in romanisation)
_PATRONYMIC_ENDINGS = ("inichna", "ovitch", "evitch", "ovich", "evich", "ichna", "ovna", "evna", "ovic", "evic", "ich")


_STEM_FOLD = str.maketrans("yjw", "iiv")
_DOUBLED = re.compile(r"(.)\1+")


@lru_cache(maxsize=20_000)
def _patronymic_stems(alts: tuple[str, ...]) -> tuple[str, ...]:
    """The father's name in a patronymic's romanisations (Olegovna: oleg; Yuryevna, Iurevna: iuri, iur),
    spelt with the letters that romanisations of Cyrillic exchange made one (y j i, w v, kh h, x ks, doubled
    letters): two patronymics share their ending, which carries most of their coarse skeleton (Olegovna and
    Yurevna are olekopna and olepna), so they are told apart by the stem (issue 15)."""
    out: list[str] = []
    for a in alts:
        for end in _PATRONYMIC_ENDINGS:
            if a.endswith(end) and len(a) > len(end):
                stem = a[: -len(end)].replace("kh", "h").replace("x", "ks").translate(_STEM_FOLD)
                stem = _DOUBLED.sub(r"\1", stem)
                if stem not in out:
                    out.append(stem)
                break
    return tuple(out)


def _signature(r: Reading) -> tuple[object, ...]:
    """Everything the scoring of a reading depends on (its family, part weights and the skeletons
    of its runs): two readings with one signature always score alike."""
    return (r.family, r.weights, r.seg_start, r.seg_end, r.seg_skels, r.seg_weight, r.units, r.unit_kind, r.pstems)


class PreparedName:
    __slots__ = ("keys", "readings", "script", "text")

    def __init__(self, text: str, script: str, readings: list[Reading]) -> None:
        self.text = text
        self.script = script
        # readings that reduce to the same skeletons (ICAO and BGN spellings of most Russian names)
        # score alike: keep the first, so every comparison does the work once
        uniq: dict[tuple[object, ...], Reading] = {}
        for r in readings:
            if r.n:
                uniq.setdefault(_signature(r), r)
        self.readings = tuple(uniq.values())
        keys: set[str] = set()
        for r in self.readings:
            keys.update(r.by_skel)
        self.keys = frozenset(keys)


_SPLIT = re.compile(r"[\s\-‐‑–—_,./·•・|()\[\]<>]+")
_VN_LETTERS = set("ăâđêôơưĂÂĐÊÔƠƯ")
_VN_COMMON = frozenset(
    [
        "nguyen",
        "tran",
        "le",
        "pham",
        "hoang",
        "huynh",
        "phan",
        "vu",
        "vo",
        "dang",
        "bui",
        "do",
        "ho",
        "ngo",
        "duong",
        "ly",
        "van",
        "thi",
        "duc",
        "dinh",
        "minh",
        "quang",
        "thanh",
        "tuan",
        "hung",
        "anh",
        "ngoc",
        "xuan",
        "trung",
    ]
)
_LATIN_SURNAME_ALTS: dict[str, tuple[str, ...]] = {}
for _variants in hangul.SURNAME_VARIANTS.values():
    for _v in _variants:
        if len(_variants) > 1:
            _LATIN_SURNAME_ALTS[_v] = tuple(dict.fromkeys((_v, *_variants)))


# English/German exonyms of Russian given names
_EXONYM_GROUPS = [
    ("lev", "leo"),
    ("aleksandr", "alexander", "alexandre", "alessandro"),
    ("mikhail", "michael", "michail"),
    ("pyotr", "petr", "peter"),
    ("pavel", "paul"),
    ("nikolai", "nikolay", "nicholas", "nikolaus"),
    ("grigory", "grigori", "gregory"),
    ("yekaterina", "ekaterina", "catherine", "katharina"),
    ("yelena", "elena", "helen", "helena"),
    ("fyodor", "fedor", "theodore"),
    ("ivan", "john"),
    ("iosif", "joseph", "josef"),
    ("yakov", "jacob", "jakob"),
    ("andrei", "andrew"),
    ("maria", "mary"),
    ("sofia", "sophia", "sofya"),
    ("yevgeny", "evgeny", "eugene"),
    ("matvei", "matthew"),
    ("stepan", "stephen", "steven"),
    ("anatoly", "anatoli"),
    ("vasily", "basil"),
]
EXONYMS: dict[str, tuple[str, ...]] = {}
for _group in _EXONYM_GROUPS:
    for _name in _group:
        EXONYMS[_name] = tuple(n for n in _group if n != _name)


def detect_script(text: str) -> str:
    counts = {"hangul": 0, "han": 0, "cyrillic": 0, "latin": 0, "other": 0}
    for ch in text:
        if not ch.isalpha():
            continue
        if hangul.is_hangul_syllable(ch) or "\u1100" <= ch <= "\u11ff" or "\u3130" <= ch <= "\u318f":
            counts["hangul"] += 1
        elif han.is_han(ch):
            counts["han"] += 1
        elif "\u0400" <= ch <= "\u04ff":
            counts["cyrillic"] += 1
        elif ch.isascii() or "\u00c0" <= ch <= "\u024f" or "\u1e00" <= ch <= "\u1eff":
            counts["latin"] += 1
        else:
            counts["other"] += 1
    best = max(counts, key=lambda k: counts[k])
    return best if counts[best] else "latin"


def _words(text: str) -> list[str]:
    return [w for w in _SPLIT.split(text) if w]


def _weight(alts: tuple[str, ...], word: str = "") -> float:
    if word and is_patronymic(word):
        return PATRONYMIC_WEIGHT
    w = min(part_weight(a) for a in alts) if alts else 1.0
    return w


@lru_cache(maxsize=100_000)
def latin_alts(word: str, vietnamese: bool) -> tuple[str, ...]:
    base = fold_latin(word.replace("'", "").replace("’", ""))
    if not base:
        return ()
    alts = [base]
    if base in _LATIN_SURNAME_ALTS:
        alts.extend(_LATIN_SURNAME_ALTS[base])
    if vietnamese:
        if word[:1] in ("d", "D"):
            alts.append("z" + base[1:])
        if base.startswith("gi"):
            alts.append("z" + base[2:])
        if base.startswith("tr"):
            alts.append("ch" + base[2:])
    if "sch" in base or base.endswith(("ow", "ew")) or base.startswith("j"):
        ger = base.replace("tsch", "\x00").replace("sch", "sh").replace("ch", "kh").replace("\x00", "ch")
        ger = ger.replace("w", "v")
        if ger.startswith("j"):
            ger = "y" + ger[1:]
        alts.append(ger)
    if "rn" in base:  # OCR: rn read for m
        alts.append(base.replace("rn", "m"))
    if vietnamese and base.endswith("anh"):
        alts.append(base[:-3] + "ain")
    if "x" in base[1:]:
        alts.append(base[0] + base[1:].replace("x", "ks"))
    alts.extend(EXONYMS.get(base, ()))
    if base[:1] == "c" and base[1:2] in ("a", "e", "i", "o", "u"):
        alts.append("ts" + base[1:])
    return tuple(dict.fromkeys(alts))


_TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")


def _has_vietnamese_letter(text: str) -> bool:
    """ă â đ ê ô ơ ư, with a tone mark or not (ễ in Nguyễn, ồ in Hồ are ê and ô)."""
    if any(c in _VN_LETTERS for c in text):
        return True
    if text.isascii():
        return False
    bare = unicodedata.normalize("NFC", "".join(c for c in unicodedata.normalize("NFD", text) if c not in _TONE_MARKS))
    return any(c in _VN_LETTERS for c in bare)


def _accented(word: str) -> bool:
    return unicodedata.normalize("NFD", word) != word


def _latin(text: str) -> list[Reading]:
    words = _words(text)
    folded = [fold_latin(w) for w in words]
    vietnamese = (
        _has_vietnamese_letter(text)
        or sum(f in _VN_COMMON for f in folded) >= 2
        or (any(unicodedata.normalize("NFD", c) != c and c.lower() not in "áéíóúàèìòùäöüçñ" for c in text))
        # accents every language has (Hàn Chính), but on Vietnamese syllables only: written as Vietnamese
        or (len(words) > 1 and all(_accented(w) and _vietnamese_syllable(w) for w in words))
    )
    atoms = []
    for w in words:
        alts = latin_alts(w, vietnamese)
        if alts:
            atoms.append(Atom(w, alts, _weight(alts, w)))
    family = "latin-vi" if _has_vietnamese_letter(text) else "latin"
    return [Reading("Latin", atoms, family, vietnamese=vietnamese)]


def _hangul(text: str) -> list[Reading]:
    words = _words(text)
    ko: list[Atom] = []
    ko_units: list[str] = []
    foreign: list[Atom] = []
    foreign_units: list[str] = []
    foreign_words: list[Atom] = []
    word_units: list[str] = []
    long_word = False
    for wi, w in enumerate(words):
        syls = [c for c in w if hangul.is_hangul_syllable(c)]
        if not syls:
            continue
        long_word = long_word or len(syls) > MAX_RUN
        start = 0
        if wi == 0 and len(syls) >= 3 and "".join(syls[:2]) in hangul.COMPOUND_SURNAMES:
            alts = hangul.surname_variants("".join(syls[:2]))
            ko.append(Atom("".join(syls[:2]), alts, _weight(alts)))
            ko_units.append(sys.intern("".join(syls[:2])))
            start = 2
        for si in range(start, len(syls)):
            s = syls[si]
            alts = hangul.surname_variants(s) if wi == 0 and si == 0 else (hangul.romanize_syllable(s),)
            ko.append(Atom(s, alts, _weight(alts)))
            ko_units.append(sys.intern(s))
        variants: tuple[list[str], list[str], list[str]] = ([], [], [])
        for si, s in enumerate(syls):
            falts = hangul.foreign_syllable(s, si == 0)
            foreign.append(Atom(s, falts, _weight(falts)))
            foreign_units.append(sys.intern(s))
            variants[0].append(falts[0])
            variants[1].append(falts[-1])
            variants[2].append(falts[1] if len(falts) > 1 else falts[0])
        walts = tuple(dict.fromkeys("".join(v) for v in variants))
        foreign_words.append(Atom(w, walts, _weight(walts)))
        word_units.append(sys.intern("".join(syls)))
    readings = [
        Reading("Korean RR/passport", ko, "ko", tuple(ko_units), "hangul"),
        Reading("Hangul transcription", foreign, "hf", tuple(foreign_units), "hangul"),
    ]
    if long_word:
        readings.append(Reading("Hangul transcription (words)", foreign_words, "hf", tuple(word_units), "hangul"))
    return readings


def _han(text: str) -> list[Reading]:
    words = _words(text)
    foreign_marks = any(c in text for c in "·•・") or len(words) > 1
    mandarin: list[Atom] = []
    canto: list[Atom] = []
    viet: list[Atom] = []
    korean: list[Atom] = []
    # the written unit of each atom: the character (simplified) for Chinese and Vietnamese readings,
    # its Hangul reading followed by the character for the Korean one (compared with Hangul by the
    # reading, with another Hanja reading by both)
    units: tuple[list[str], list[str], list[str], list[str]] = ([], [], [], [])
    foreign: list[Atom] = []
    first = True
    n_chars = 0
    for w in words:
        chars = [c for c in w if han.is_han(c)]
        n_chars += len(chars)
        for c in chars:
            unit = sys.intern(han.to_simplified(c))
            p = han.pinyin(c, surname=first and not foreign_marks)
            if p:
                mandarin.append(Atom(c, p, _weight(p)))
                units[0].append(unit)
            ca = han.cantonese(c)
            if ca:
                canto.append(Atom(c, ca, _weight(ca)))
                units[1].append(unit)
            sv = han.sino_vietnamese(c)
            if sv:
                svf = fold_latin(sv)
                alts = (svf, "z" + svf[1:]) if sv[:1] in ("d", "D") else (svf,)
                if svf.startswith("tr"):
                    alts = (*alts, "ch" + svf[2:])
                viet.append(Atom(c, alts, _weight(alts)))
                units[2].append(unit)
            hg = han.hanja_hangul(c, surname=first)
            if hg:
                kalts = hangul.surname_variants(hg) if first else (hangul.romanize_syllable(hg),)
                korean.append(Atom(c, kalts, _weight(kalts)))
                units[3].append(sys.intern(hg + c))
            first = False
        spellings = han.foreign_word("".join(chars))
        if spellings:
            foreign.append(Atom(w, spellings, _weight(spellings)))
    readings = [
        Reading("pinyin", mandarin, "zh", tuple(units[0]), "han"),
        Reading("Sino-Vietnamese", viet, "vi", tuple(units[2]), "han"),
        Reading("Korean Hanja reading", korean, "kh", tuple(units[3]), "hanja"),
        Reading("Cantonese", canto, "yue", tuple(units[1]), "han"),
    ]
    if foreign_marks or n_chars >= 4:
        readings.append(Reading(TRANSCRIPTION_LABEL, foreign, "zh"))
    return readings


_PALLADIUS_ZH = re.compile(r"(?<![чЧ])[жЖ]")
_KONTSEVICH_W = re.compile(r"(?<=[кхчгКХЧГ])[вВ](?=[аеэоиыяёуАЕЭОИЫЯЁУ])")
_ASPIRATES = (
    ("тх", "т"),
    ("Тх", "Т"),
    ("ТХ", "Т"),
    ("кх", "к"),
    ("Кх", "К"),
    ("КХ", "К"),
    ("пх", "п"),
    ("Пх", "П"),
    ("ПХ", "П"),
    ("чх", "ч"),
    ("Чх", "Ч"),
    ("ЧХ", "Ч"),
    ("дж", "чж"),
    ("Дж", "Чж"),
    ("ДЖ", "ЧЖ"),
)


@lru_cache(maxsize=20_000)
def _cyr_word(word: str, scheme: str) -> str:
    import iuliia

    if scheme == "palladius":
        # Kontsevich (Korean) writes aspiration as х after the consonant (Тхэ = 태, Чхве = 최, Пхён = 평) and the
        # popular press ㅈ as дж (Джун = 준) where Kontsevich and Palladius write чж
        for digraph, plain in _ASPIRATES:
            word = word.replace(digraph, plain)
        word = _KONTSEVICH_W.sub("", word)  # Квон = 권 kwon, Хван = 황 hwang, Чве = 최 choe: the w glide
        # Palladius (Chinese) ж = r; Kontsevich (Korean) and Vietnamese ы = ㅡ / ư
        word = _PALLADIUS_ZH.sub(lambda m: "р" if m.group(0) == "ж" else "Р", word)
        word = word.replace("ы", "у").replace("Ы", "У")
        tr = iuliia.WIKIPEDIA.translate(word)
    elif scheme == "icao":
        tr = iuliia.ICAO_DOC_9303.translate(word)
    else:
        tr = iuliia.WIKIPEDIA.translate(word)
    return fold_latin(tr)


_CYR_VOWEL_RUN = re.compile(r"[аеёиоуыэюяАЕЁИОУЫЭЮЯ]+")
# A Vietnamese syllable in Cyrillic: the Russian practical transcription writes ch as a soft т (ть, or т before
# и/е/я/ю: Trường Chinh = Чыонг Тинь, Chính = Тьинь), and older spellings taken from French write it ш (Hồ Chí
# Minh = Хо Ши Мин, from French Ho Chi Minh).
_VN_CH = re.compile(r"^(?:[Тт][Ьь](?=[аеёиоуыэюяАЕЁИОУЫЭЮЯ])|[Тт](?=[иеёяюИЕЁЯЮ])|[Шш](?=[аеёиоуыэюяАЕЁИОУЫЭЮЯ]))")


@lru_cache(maxsize=20_000)
def _vietnamese_cyr(word: str) -> tuple[str, ...]:
    """Other spellings of a one-syllable Cyrillic word read as a Vietnamese syllable (ch written ть or ш)."""
    if len(_CYR_VOWEL_RUN.findall(word)) != 1 or not _VN_CH.match(word):
        return ()
    alt = _cyr_word(_VN_CH.sub("Ч", word), "palladius")
    return (alt,) if alt else ()


def _cyrillic(text: str) -> list[Reading]:
    words = _words(text)
    out = []
    for scheme, label in (
        ("wikipedia", "Cyrillic (BGN/Wikipedia)"),
        ("icao", "Cyrillic (ICAO 9303)"),
        ("palladius", "Cyrillic (Palladius/Kontsevich)"),
    ):
        atoms = []
        for w in words:
            tr = _cyr_word(w, scheme)
            if tr:
                alts = (tr, *_vietnamese_cyr(w)) if scheme == "palladius" else (tr,)
                atoms.append(Atom(w, alts, _weight(alts, w)))
        out.append(Reading(label, atoms, "cyrillic"))
    # ICAO and Wikipedia often agree: drop duplicate readings
    seen: set[tuple[tuple[str, ...], ...]] = set()
    uniq = []
    for r in out:
        sig = r.alts
        if sig not in seen:
            seen.add(sig)
            uniq.append(r)
    return uniq


def _other(text: str) -> list[Reading]:
    from anyascii import anyascii

    return _latin(anyascii(text))


# names prepared recently (queries, comparisons); an index's records keep their own (PreparedRecord.hold),
# so this bounds what a long screening run adds to memory: about 9 KB per name
PREPARE_CACHE = 50_000


@lru_cache(maxsize=PREPARE_CACHE)
def prepare(text: str) -> PreparedName:
    """All readings of one name (cached: names repeat)."""
    text = unicodedata.normalize("NFC", text).strip()
    script = detect_script(text)
    fn = {"latin": _latin, "hangul": _hangul, "han": _han, "cyrillic": _cyrillic}.get(script, _other)
    return PreparedName(text, script, fn(text))
