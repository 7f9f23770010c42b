"""Name scoring (order-free, segment-aligned, weighted by rarity) and record comparison."""

from __future__ import annotations

import unicodedata
from functools import lru_cache, partial
from itertools import islice, product
from typing import TypeAlias

from rapidfuzz.distance import Levenshtein
from rapidfuzz.distance.Indel import normalized_similarity

from namematch.features import PreparedRecord, extra_delta, other_evidence
from namematch.han import wade_giles
from namematch.model import ALGORITHM, DOB_STRICT, Evidence, Explanation, Match, Params, Record
from namematch.names import (
    GATE_CANTONESE,
    GATE_HANGUL_TRANSCRIPTION,
    GATE_KOREAN_READING,
    GATE_PINYIN,
    GATE_SINO_VIETNAMESE,
    MAX_COMBOS,
    PreparedName,
    Reading,
    compatible,
    prepare,
)
from namematch.vietnamese import run_spellings

FUZZY_FLOOR = 0.70  # skeleton similarity below this earns nothing
UNMATCHED_FLOOR = 0.6  # a name part that finds no partner counts at least this much against ...
MISSING_OK = 0.2  # ... unless it is a part that is often left out (patronymic, Van/Thi)
_EPS = 1e-9  # bounds are compared with this much room for floating-point rounding
ORDER_PENALTY = 0.7  # per inversion of the part order beyond a rotation (surname first/last)
# ... where one name is read syllable by syllable (Korean, Chinese, Sino-Vietnamese): the syllables of a given
# name keep their order in every spelling (연아 is not 아연, 세훈 not 훈세), so a swap costs more (issue 15)
SYLLABLE_ORDER_PENALTY = 0.6
# both names give a patronymic and they disagree (Иванов Сергей Петрович / Иванов Сергей Николаевич):
# different fathers, so most likely different persons. Not a veto: a matching full birth date and
# nationality still bring a full agreement of the other parts back to an alert for review.
PATRONYMIC_CONFLICT = 0.75
# a syllable that agrees in romanisation but is written differently in the same script (김연아 / 金恩娥
# read 김은아: 연 yeon and 은 eun share a skeleton; 胡耀邦 / 胡耀峰 agree in Cantonese) earns this much
SYLLABLE_DIFFERS = 0.25
JAMO_DIFFERS = 0.5  # two Hangul syllables one jamo apart (은/연, 수/스): a typo as often as another name
_SYLLABIC = frozenset({"ko", "kh", "hf", "zh", "yue", "vi"})  # every syllable of a CJK name is essential
_CJK_LABELS = ("Korean", "pinyin", "Sino", "Cantonese", "Hangul")

# a matched pair: (credit, segment index in A, segment index in B)
Pair = tuple[float, int, int]


def _credit(sim: float) -> float:
    if sim >= 1.0:
        return 1.0
    return max(0.0, (sim - FUZZY_FLOOR) / (1.0 - FUZZY_FLOOR))


def _combine(ca: float, cb: float) -> float:
    if ca <= 0.0 or cb <= 0.0:
        return 0.0
    return 1.0 / (1.0 / ca + 1.0 / cb - 1.0)


# Plausibility of readings (issue 15, class 2). A record's nationality says how its names are spelt and
# read: the bits below, worked out per pair of records by :func:`context`, say which reading families of
# each record's names are not evidence (a GATE_* bit of namematch.names) and whether its Latin names are a
# Chinese citizen's (PINYIN_SPELLING), so that they are checked as spelt against the pinyin (or Wade–Giles,
# or Cantonese) of the characters: Zhang is 张, not 蒋 jiang; Ji is not 徐 chui.
PINYIN_SPELLING = 32
# the record gives no nationality: nothing says how its Latin names are spelt, so a reading that only a
# nationality could make likely needs more evidence than a direct match (issue 15, held-out false alarms)
UNKNOWN_SPELLING = 64
_KOREAN = frozenset({"KR", "KP"})
_NO_PINYIN = frozenset({"VN", "KR", "KP"})  # their passports never spell a name in pinyin
# nor in Cantonese (a Chinese citizen's Latin name is checked as spelt instead: pinyin, Wade–Giles, or
# Cantonese for the Hong Kong and Macao passports, which are Chinese too)
_NOT_CANTONESE = frozenset({"VN", "KR", "KP", "RU"})
_PRC = frozenset({"CN"})
_NO_NATIONALITY: frozenset[str] = frozenset()


@lru_cache(maxsize=4096)
def _side(own: frozenset[str], other: frozenset[str]) -> int:
    """The unmet conditions for the readings of one record's names (``own`` nationalities) against
    another's (``other``)."""
    bits = 0
    both = own | other
    if both and both.isdisjoint(_KOREAN):
        bits |= GATE_KOREAN_READING  # nobody Korean: the Korean reading of the characters is not evidence
    if both and "VN" not in both:
        bits |= GATE_SINO_VIETNAMESE  # nobody Vietnamese (a spelling with Vietnamese letters still is)
    if other and other <= _NOT_CANTONESE:
        bits |= GATE_CANTONESE  # the other spelling comes from a passport that is never Cantonese
    if other and other <= _NO_PINYIN:
        bits |= GATE_PINYIN
    if own and own <= _KOREAN:
        bits |= GATE_HANGUL_TRANSCRIPTION  # a Korean's Hangul name is Korean, not a foreign name transcribed
    if own and own <= _PRC:
        bits |= PINYIN_SPELLING
    if not own:
        bits |= UNKNOWN_SPELLING
    return bits


def context(a: PreparedRecord, b: PreparedRecord) -> int:
    """What the two records' nationalities make plausible (:func:`_side` of each, B's shifted by 8);
    0 when neither has a nationality (every reading counts)."""
    na, nb = a.nationalities, b.nationalities
    if not na and not nb:
        return 0
    return _side(na, nb) | _side(nb, na) << 8


def _exempt(gate: int, other: Reading) -> bool:
    if gate == GATE_KOREAN_READING:
        return other.family in ("ko", "hf", "kh")  # Hanja against Hangul: the same name in two scripts
    if gate == GATE_SINO_VIETNAMESE:
        return other.vietnamese  # a Latin name that reads as Vietnamese (letters, tone marks, syllables)
    return False


# the scripts in which a Cantonese name is written by its Cantonese sound: Latin (Hong Kong and Macao spellings,
# Jyutping, Yale) and the characters themselves; Russian and Korean write Chinese names from Mandarin
_CANTONESE_SPELT = frozenset({"latin", "yue"})


def plausible(ra: Reading, rb: Reading, ctx: int) -> bool:
    """Whether readings ``ra`` (of record A's name) and ``rb`` (of B's) may be compared under ``ctx``."""
    if ra.family == "yue" and ctx >> 8 & UNKNOWN_SPELLING and rb.family not in _CANTONESE_SPELT:
        return False  # B gives no nationality: its Cyrillic or Hangul name is not read as Cantonese
    if rb.family == "yue" and ctx & UNKNOWN_SPELLING and ra.family not in _CANTONESE_SPELT:
        return False
    g = ra.gate & ctx
    if g and not _exempt(g, rb):
        return False
    g = rb.gate & (ctx >> 8)
    return not g or _exempt(g, ra)


def score_readings(ra: Reading, rb: Reading, ctx: int = 0) -> tuple[float, list[Pair]]:
    """Align two readings: exact skeleton matches of atom runs first (longest first), then fuzzy
    matches among the atoms left over; return the rarity-weighted coverage score and the pairs.
    When that greedy alignment crosses the part order (several parts share one skeleton, e.g. jie,
    chi and je are all ``ce``), the alignment that keeps parts in place is tried too; the better wins."""
    return _score_readings(ra, rb, ra.keyset & rb.keyset, 0.0, ctx)


MAX_RETRIES = 3  # alignments tried with one contested pair left out


def _score_readings(
    ra: Reading, rb: Reading, common: frozenset[str], cutoff: float = 0.0, ctx: int = 0
) -> tuple[float, list[Pair]]:
    """:func:`score_readings`; with ``cutoff`` > 0 a score that cannot reach it may come back lower
    than the true one (still below ``cutoff``), so a caller looking for the best above ``cutoff``
    gets the same answer for less work.

    Parts whose sounds collide (陈 *chen* and 清 *qing* share the skeleton ``cen``) may be paired across
    each other by the greedy alignment (清 = Chen, leaving 陈 alone). Where a part that was passed over
    for such a pair is left without a partner, the alignment is tried again without that pair (issue 15,
    class 3), and the best alignment counts."""
    score, pairs, inv, contested = _align(ra, rb, False, common, cutoff, ctx)
    if inv:
        score2, pairs2, _inv2, _c2 = _align(ra, rb, True, common, cutoff, ctx)
        if score2 > score:
            score, pairs = score2, pairs2
    if contested and score < 0.999:
        for ban in contested[:MAX_RETRIES]:
            score2, pairs2, _inv2, _c2 = _align(ra, rb, False, common, cutoff, ctx, ban)
            if score2 > score:
                score, pairs = score2, pairs2
    return score, pairs


def _coverage_bound(r: Reading, covered: int, floor: float) -> float:
    """The highest coverage a reading can reach when at most the ``covered`` atoms find a partner:
    all of them matched in full, every other atom unmatched. Coverage ``matched / (matched +
    unmatched penalty)`` only grows as atoms move to the matched side (a penalty is never below the
    atom's weight), credits are at most 1, and the combined score grows with either coverage, so
    this bounds whatever the alignment can still find."""
    wc = pn = 0.0
    for i, w in enumerate(r.weights):
        if covered >> i & 1:
            wc += w
        else:
            pn += w if w <= MISSING_OK else (w if w > floor else floor)
    return wc / (wc + pn) if wc > 0.0 else 0.0


def _fuzzy_can_reach(
    ra: Reading, rb: Reading, used_a: int, used_b: int, fb: list[tuple[int, tuple[str, ...]]], cutoff: float
) -> bool:
    """Whether the fuzzy stage could lift this alignment to ``cutoff``: the :func:`_coverage_bound`
    of both sides, with the atoms already paired exactly and those that unpaired long parts could
    still reach."""
    mask_a = ra.seg_mask
    reach_a = 0
    for ia in ra.fuzzy:
        m = mask_a[ia]
        if not used_a & m:
            reach_a |= m
    if not reach_a:
        return False
    mask_b = rb.seg_mask
    reach_b = 0
    for ib, _ks in fb:
        reach_b |= mask_b[ib]
    floor = 1.0 if (ra.family in _SYLLABIC or rb.family in _SYLLABIC) else UNMATCHED_FLOOR
    ub = _combine(_coverage_bound(ra, used_a | reach_a, floor), _coverage_bound(rb, used_b | reach_b, floor))
    return ub + _EPS >= cutoff


def _align(
    ra: Reading,
    rb: Reading,
    diagonal: bool,
    common: frozenset[str],
    cutoff: float = 0.0,
    ctx: int = 0,
    ban: tuple[int, int] = (-1, -1),
) -> tuple[float, list[Pair], int, list[tuple[int, int]]]:
    """One alignment (see :func:`_score_readings`): its score, pairs, order inversions, and the exact
    pairs that kept another exact pair from a part left without a partner (``ban``: a pair not taken)."""
    fuzzy_ok = ra.fuzzy and rb.fuzzy
    contested: list[tuple[int, int]] = []
    if not common and not fuzzy_ok:
        return 0.0, [], 0, contested  # no skeleton in common and nothing long enough to compare fuzzily
    mask_a = ra.seg_mask
    mask_b = rb.seg_mask
    weight_a = ra.seg_weight
    weight_b = rb.seg_weight
    used_a = used_b = 0  # atoms already paired, as bits
    pairs: list[Pair] = []
    if common:
        exact: list[tuple[int, float, int, int]] = []
        by_a = ra.by_skel
        by_b = rb.by_skel
        size_a = ra.seg_size
        size_b = rb.seg_size
        for s in common:
            lb = by_b[s]
            for ia in by_a[s]:
                za = size_a[ia]
                wa = weight_a[ia]
                for ib in lb:
                    zb = size_b[ib]
                    if za != zb and syllables_clash(ra, rb, ia, ib):
                        continue
                    # one-to-one part pairs first (clearer explanations), then runs, heavier first
                    exact.append((-(za if za > zb else zb), wa + weight_b[ib], ia, ib))
        exact.sort(reverse=True)
        if diagonal:
            # among equally long runs, parts at the same place (from the start or the end) first
            na, nb = ra.n, rb.n
            start_a, end_a = ra.seg_start, ra.seg_end
            start_b, end_b = rb.seg_start, rb.seg_end
            exact.sort(
                key=lambda t: (
                    t[0],
                    min(
                        abs(start_a[t[2]] - start_b[t[3]]),
                        abs((na - end_a[t[2]]) - (nb - end_b[t[3]])),
                    ),
                )
            )
        mode = _written_mode(ra, rb, ctx)
        skipped: list[tuple[int, int]] = []
        for _size, _w, ia, ib in exact:
            ma = mask_a[ia]
            mb = mask_b[ib]
            if used_a & ma or used_b & mb:
                skipped.append((ma, mb))
                continue
            if ia == ban[0] and ib == ban[1]:
                continue
            used_a |= ma
            used_b |= mb
            pairs.append((_written_credit(ra, rb, ia, ib, mode) if mode else 1.0, ia, ib))
        for ma, mb in skipped:
            # a passed-over pair that would have given a partner to a part still without one, or that
            # kept the part from a partner written alike (HWANG = 교안 taken by sound before HWANG = 황)
            lonely = bool(ma & ~used_a or mb & ~used_b)
            for c, ia, ib in pairs:
                if (lonely or c < 1.0) and (mask_a[ia] & ma or mask_b[ib] & mb) and (ia, ib) not in contested:
                    contested.append((ia, ib))
    if fuzzy_ok and used_a != ra.full and used_b != rb.full:
        fuzzy: list[tuple[float, float, int, int]] = []
        fb = [(ib, ks) for ib, ks in zip(rb.fuzzy, rb.long_skels, strict=True) if not used_b & mask_b[ib]]
        if fb and cutoff > 0.0 and not _fuzzy_can_reach(ra, rb, used_a, used_b, fb, cutoff):
            fb = []
        if fb:
            fmode = _written_mode(ra, rb, ctx)
            pmask_a, pmask_b = ra.pmask, rb.pmask
            for ia, ksa in zip(ra.fuzzy, ra.long_skels, strict=True):
                if used_a & mask_a[ia]:
                    continue
                wa = weight_a[ia]
                za = ra.seg_size[ia]
                for ib, ksb in fb:
                    if za != rb.seg_size[ib] and syllables_clash(ra, rb, ia, ib):
                        continue
                    best = 0.0
                    for x in ksa:
                        for y in ksb:
                            # rapidfuzz's Indel ratio (what fuzz.ratio computes, without its wrapper)
                            r = normalized_similarity(x, y, score_cutoff=FUZZY_FLOOR) * 100
                            if r > best:
                                best = r
                    if best and pmask_a and pmask_b and pmask_a & mask_a[ia] and pmask_b & mask_b[ib]:
                        best = _patronymic_similarity(ra, rb, ia, ib, best)
                    if best:
                        c = _credit(best / 100.0)
                        # the same skeleton, left to this phase by a retry; or a Latin run only like a Korean one
                        # (mode 6): its syllables' leads and vowels are checked as an exact match's are
                        if (best >= 100.0 and fmode) or fmode == 6:
                            c *= _written_credit(ra, rb, ia, ib, fmode)
                        if c > 0:
                            fuzzy.append((c, wa + weight_b[ib], ia, ib))
        if fuzzy:
            fuzzy.sort(reverse=True)
            for c, _w, ia, ib in fuzzy:
                ma = mask_a[ia]
                mb = mask_b[ib]
                if used_a & ma or used_b & mb:
                    continue
                used_a |= ma
                used_b |= mb
                pairs.append((c, ia, ib))
    if not pairs:
        return 0.0, pairs, 0, contested
    ma_w = mb_w = ta = tb = 0.0
    for c, ia, ib in pairs:
        wa = weight_a[ia]
        wb = weight_b[ib]
        ma_w += c * wa
        mb_w += c * wb
        ta += wa
        tb += wb
    floor = 1.0 if (ra.family in _SYLLABIC or rb.family in _SYLLABIC) else UNMATCHED_FLOOR
    ta = _total(ra, used_a, ta, floor)
    tb = _total(rb, used_b, tb, floor)
    score = _combine(ma_w / ta, mb_w / tb)
    inv = 0
    if len(pairs) >= 3:
        inv = _order_inversions(pairs, ra.seg_start, rb.seg_start)
        if inv:
            syllabic = ra.family in _SYLLABIC or rb.family in _SYLLABIC
            score *= (SYLLABLE_ORDER_PENALTY if syllabic else ORDER_PENALTY) ** inv
    if _patronymics_differ(ra, rb, used_a, used_b, pairs):
        score *= PATRONYMIC_CONFLICT
    elif _middles_differ(ra, rb, used_a, used_b):
        score *= MIDDLE_CONFLICT
    return score, pairs, inv, contested


def _patronymic_similarity(ra: Reading, rb: Reading, ia: int, ib: int, sim: float) -> float:
    """The similarity (0-100) of two patronymics paired by likeness, ``sim`` for their whole skeletons, taken
    no higher than that of their stems (the fathers' names): the shared ending (-ovna, -evich) makes Olegovna
    and Yurevna look alike. Where either side has no stem to compare (a run of several parts, an ending not
    recognised), ``sim`` stands."""
    if ra.seg_size[ia] != 1 or rb.seg_size[ib] != 1:
        return sim
    sa = ra.pstems[ra.seg_start[ia]]
    sb = rb.pstems[rb.seg_start[ib]]
    if not sa or not sb:
        return sim
    best = 0.0
    for x in sa:
        for y in sb:
            r = normalized_similarity(x, y, score_cutoff=FUZZY_FLOOR) * 100
            if r > best:
                best = r
    return best if best < sim else sim


def syllables_clash(ra: Reading, rb: Reading, ia: int, ib: int) -> bool:
    """Segments of unequal length that cannot spell each other: a run of written syllables (Han, Hangul)
    against a Latin or Cyrillic segment with fewer vowel groups (馬英 / Minh), or one syllable against
    several words (邦 / Wei Yang); or, between Hangul and the Korean reading of characters, runs of unequal
    length (each character is one Hangul syllable: 사오 is not 少 소)."""
    if ra.syllabic == rb.syllabic:
        if ra.syllabic and ra.unit_kind == "han" and rb.unit_kind == "han":
            return True  # Han against Han: one character is one syllable (張 is not 朱镕, whatever they read)
        return ra.syllabic and ra.unit_kind in _HANGULS and rb.unit_kind in _HANGULS
    if rb.syllabic:
        ra, rb, ia, ib = rb, ra, ib, ia
    za = ra.seg_size[ia]
    if rb.seg_size[ib] > za:
        return True
    return za >= 2 and rb.seg_syl[ib] < ra.seg_syl[ia]


PATRONYMICS_AGREE = 0.5  # two patronymics paired with less credit than this name different fathers


def _patronymics_differ(ra: Reading, rb: Reading, used_a: int, used_b: int, pairs: list[Pair]) -> bool:
    """Both readings have a patronymic and neither found a partner (``used_*``: matched atoms as bits), or
    they were only paired with each other by a faint likeness (Алексеевич / ANDREEVICH)."""
    pa = ra.pmask
    pb = rb.pmask
    if not (pa and pb):
        return False
    if not used_a & pa and not used_b & pb:
        return True
    faint = False
    for c, ia, ib in pairs:
        if ra.seg_mask[ia] & pa and rb.seg_mask[ib] & pb:
            if c >= PATRONYMICS_AGREE:
                return False
            faint = True
    return faint


_LATIN_FAMILIES = frozenset({"latin", "latin-vi"})
MIDDLE_CONFLICT = PATRONYMIC_CONFLICT  # two different middle names, like two fathers, name two persons
MIDDLES_ALIKE = 0.5  # middle names at least this alike (Indel, as spelt) may be one misspelt


def _middles_differ(ra: Reading, rb: Reading, used_a: int, used_b: int) -> bool:
    """A Vietnamese name in Latin on both sides, whose first and last parts found partners, and whose middle
    names (between them) found none on either side and are not alike: Tôn Văn Thắng is not Tôn Đức Thắng. A
    middle name left out on one side (Nguyễn Hùng, Nguyễn Thị Lan / Nguyễn Lan) is no conflict; nor is a
    middle name spelt with a typo (Văn / VAM)."""
    na, nb = ra.n, rb.n
    if na < 3 or nb < 3 or ra.family not in _LATIN_FAMILIES or rb.family not in _LATIN_FAMILIES:
        return False
    if not (ra.vietnamese or rb.vietnamese):
        return False
    ends_a = 1 | 1 << (na - 1)
    ends_b = 1 | 1 << (nb - 1)
    if used_a & ends_a != ends_a or used_b & ends_b != ends_b:
        return False
    mid_a = [i for i in range(1, na - 1) if not used_a >> i & 1]
    mid_b = [j for j in range(1, nb - 1) if not used_b >> j & 1]
    if not mid_a or not mid_b:
        return False
    for i in mid_a:
        for j in mid_b:
            for x in ra.alts[i]:
                for y in rb.alts[j]:
                    if normalized_similarity(x, y) >= MIDDLES_ALIKE:
                        return False
    return True


_KOREAN_READINGS = frozenset({"ko", "kh"})


def _written_mode(ra: Reading, rb: Reading, ctx: int = 0) -> int:
    """How two readings can tell apart parts that share a skeleton: 1 = by their written syllables
    (both from a syllabic script, :attr:`Reading.units`), 2 = by spelling (both Latin, one with
    Vietnamese letters: Vietnamese names keep their letters when the marks are dropped, so Quan and
    Duẩn or Mai and Mười are different names; or a PRC passport's Latin name against the pinyin of
    the characters, ``ctx`` :data:`PINYIN_SPELLING`: Zhang is 张, not 蒋 *jiang*), 3 = Hangul against
    Vietnamese spelling, by the Korean transcription of the Vietnamese syllables (타인 is Thanh, 딘 is
    Đình), 0 = not at all (a romanisation of another script)."""
    ka, kb = ra.unit_kind, rb.unit_kind
    if ka and kb and (ka == kb or (ka in _HANGULS and kb in _HANGULS)):
        return 1
    fa, fb = ra.family, rb.family
    if (fa == "latin-vi" and fb in _LATIN_FAMILIES) or (fb == "latin-vi" and fa in _LATIN_FAMILIES):
        return 2
    if ctx and (
        (fa == "latin" and fb in _CHINESE and ctx & PINYIN_SPELLING and rb.gate)
        or (fb == "latin" and fa in _CHINESE and ctx >> 8 & PINYIN_SPELLING and ra.gate)
    ):
        return 2
    if ctx and (
        (fa == "latin" and fb in _CHINESE and ctx & UNKNOWN_SPELLING and rb.gate)
        or (fb == "latin" and fa in _CHINESE and ctx >> 8 & UNKNOWN_SPELLING and ra.gate)
    ):
        return 8
    if (fa == "vi" and rb.vietnamese) or (fb == "vi" and ra.vietnamese):
        return 2  # a Vietnamese spelling against the Sino-Vietnamese reading: joined runs are spelt alike
    # a Latin word against the pinyin or the Cantonese reading of a character (Jyutping, Yale and the Hong Kong
    # spellings also keep h apart from g/k: 奇 kei is not HUI)
    if (fa in _LATIN_FAMILIES and fb in _CHINESE and rb.gate) or (fb in _LATIN_FAMILIES and fa in _CHINESE and ra.gate):
        return 5
    # a Latin word against Hangul read as Korean, or against the Korean (Hanja) reading of a character, whose
    # unit begins with its Hangul syllable: 奇 기 gi is not HUI
    if (fa in _LATIN_FAMILIES and kb in _HANGULS and fb in _KOREAN_READINGS) or (
        fb in _LATIN_FAMILIES and ka in _HANGULS and fa in _KOREAN_READINGS
    ):
        return 6
    if (ka == "hangul" and fb == "latin-vi") or (kb == "hangul" and fa == "latin-vi"):
        return 3
    if (fa == "hf" and fb == "zh" and rb.gate and ka) or (fb == "hf" and fa == "zh" and ra.gate and kb):
        return 4
    if (fa == "cyrillic" and kb in _HANGULS and fb in _KOREAN_READINGS) or (
        fb == "cyrillic" and ka in _HANGULS and fa in _KOREAN_READINGS
    ):
        return 7
    return 0


# mode 4: a Hangul transcription of a Chinese name against the pinyin of the characters. The skeleton merges
# h with g/k and w with b/p; Korean writes pinyin h as ㅎ, g/k as ㄱ/ㅋ, b/p/f as ㅂ/ㅍ and w/y/vowels as ㅇ
# (the National Institute of Korean Language's rules for Chinese), so 허 is never 古 gu, nor 왕 邦 bang.
# Hangul lead index -> the class every romanisation writes it with (ㄱㄲㅋ k, ㅎ h, ㅂㅃㅍ p, ㅇ none, ㅈㅉㅊ j/ch)
_LEAD_CLASS = {0: "k", 1: "k", 15: "k", 18: "h", 7: "p", 8: "p", 17: "p", 11: "0", 12: "c", 13: "c", 14: "c"}


def _hangul_class(syllable: str) -> str:
    code = ord(syllable[0]) - 0xAC00 if syllable else -1
    return _LEAD_CLASS.get(code // 588, "") if 0 <= code < 11172 else ""


def _initial_class(py: str) -> str:
    """The class of a pinyin syllable's initial that the Hangul lead shows (see :data:`_LEAD_CLASS`), or ""
    where it does not tell (c, q, z, s, j, zh …)."""
    c = py[:1]
    if c in ("g", "k"):
        return "k"
    if c == "h":
        return "h"
    if c in ("b", "p", "f"):
        return "p"
    if c in ("w", "y", "a", "e", "o"):
        return "0"
    return ""


def _latin_class(word: str) -> str:
    c = word[:1]
    if c == "w":
        return "w"
    if c in ("b", "p", "f"):
        return "p"
    if c == "h" and word[:2] != "hs":  # Wade–Giles hs is pinyin x
        return "h"
    if c in ("g", "k"):
        return "k"
    return ""


def _latin_initials_differ(latin: tuple[str, ...], pinyin: tuple[str, ...]) -> bool:
    """Mode 5: a Latin word against the pinyin of a character. Whatever the scheme (pinyin, Wade–Giles,
    Yale, the press), w is never b/p/f and h is never g/k, though the skeleton merges them: Wen is not 鹏
    peng, Hu is not 古 gu."""
    mine = {_latin_class(x) for x in latin} - {""}
    theirs = {_latin_class(y) for y in pinyin} - {""}
    return bool(mine) and bool(theirs) and mine.isdisjoint(theirs)


def _korean_latin_class(word: str) -> str:
    """:func:`_latin_class`, and "c" for j and ch (ㅈ ㅊ in every romanisation of Korean; never ㄱ: Jeong is not 근)."""
    c = _latin_class(word)
    if not c and (word[:1] == "j" or word[:2] == "ch"):
        return "c"
    return c


_KOREAN_CLASS_LETTERS = {"k": "gkc", "h": "h", "p": "bpf", "c": "jc"}
_KOREAN_LEAD_LETTERS = {**_KOREAN_CLASS_LETTERS, "c": "jct"}  # McCune–Reischauer writes ㅉ tch


def _joined_korean_differs(word: str, syllables: tuple[str, ...]) -> bool:
    """Latin spelling a run of Hangul syllables joined (SEHYUN for 세균?): each syllable after the first whose
    lead every romanisation writes with a consonant of its own (ㄱ g/k, ㅎ h, ㅂ b/p, ㅈ j/ch) must find one
    in the word, in order, after the first letter (a final ng is not a g)."""
    word = word.replace("ng", "N")
    pos = 0
    for syllable in syllables[1:]:
        letters = _KOREAN_CLASS_LETTERS.get(_hangul_class(syllable), "")
        if not letters:
            continue
        found = [i for i in (word.find(c, pos + 1) for c in letters) if i > 0]
        if not found:
            return True
        pos = min(found)
    return False


def _korean_initials_differ(latin: tuple[str, ...], syllable: str) -> bool:
    """Mode 6: a Latin word against a Hangul syllable read as Korean. Every romanisation of Korean (Revised,
    McCune–Reischauer, the customary passport spellings) writes ㅎ as h, ㄱ/ㅋ/ㄲ as g/k, ㅂ/ㅍ/ㅃ as b/p, and
    ㅇ as nothing or w/y: Kang is not 한, Won is not 번, though the skeleton merges them."""
    hc = _hangul_class(syllable)
    if not hc:
        return False
    mine = {_korean_latin_class(x) for x in latin} - {""}
    if not mine:  # a vowel, y, r, n … for ㄱ ㅎ ㅂ ㅈ (Yong and its initial-law variant Ryong are not 근)
        return hc != "0" and not any(x[:1] in _KOREAN_LEAD_LETTERS[hc] for x in latin)
    if hc == "0":
        return "w" not in mine  # ㅇ: the Latin word starts with a vowel, y or w
    return hc not in mine


# The vowel of a Hangul syllable, as every romanisation of Korean writes it (Revised, McCune–Reischauer once
# its breves are dropped, the customary passport spellings: Lee, Choi, Chung, Yoon, Moon, Young, Hee, Kun),
# with the glides y and w set apart: by medial (ㅏ ㅐ ㅑ ㅒ ㅓ ㅔ ㅕ ㅖ ㅗ ㅘ ㅙ ㅚ ㅛ ㅜ ㅝ ㅞ ㅟ ㅠ ㅡ ㅢ ㅣ)
# the Latin vowel letters it may show. The coarse skeleton merges vowels, and across
# joined syllables (CHAEYONG, 주영 juyeong) runs them into one: Chae is not 주, though the
# skeleton of the run agrees (issue 15, held-out false alarms).
_EO = frozenset({"eo", "o", "u", "e", "ou", "eu"})
_AE = frozenset({"ae", "ai", "e", "a"})
_KOREAN_VOWEL_SPELLINGS: tuple[frozenset[str], ...] = (
    frozenset({"a"}),  # ㅏ
    _AE,  # ㅐ
    frozenset({"a"}),  # ㅑ
    _AE,  # ㅒ
    _EO,  # ㅓ
    frozenset({"e", "ei", "ae", "a"}),  # ㅔ
    _EO,  # ㅕ
    frozenset({"e", "ei", "ae", "a"}),  # ㅖ
    frozenset({"o", "oo", "ou"}),  # ㅗ
    frozenset({"a", "oa", "ua"}),  # ㅘ
    frozenset({"ae", "e", "oe", "a", "ai", "oae"}),  # ㅙ
    frozenset({"oe", "oi", "e", "ue", "o", "ui"}),  # ㅚ
    frozenset({"o", "oo", "ou"}),  # ㅛ
    frozenset({"u", "oo", "ou"}),  # ㅜ
    frozenset({"o", "eo", "uo", "ueo", "u"}),  # ㅝ
    frozenset({"e", "ue", "ae"}),  # ㅞ
    frozenset({"i", "ui", "ooi", "ee", "e", "ue"}),  # ㅟ
    frozenset({"u", "oo", "ou"}),  # ㅠ
    frozenset({"eu", "u", "e", "oo", "ou"}),  # ㅡ
    frozenset({"ui", "ooi", "eui", "i", "ee", "ei", "e", "eu", "ue"}),  # ㅢ
    frozenset({"i", "ee", "ie", "ei"}),  # ㅣ
)
_LATIN_VOWELS = frozenset("aeiou")


@lru_cache(maxsize=20_000)
def _vowel_groups(word: str) -> tuple[str, ...]:
    """The vowel groups of a Latin word, its glides set apart: y or w before a vowel begins a group (Hyeon:
    eo; Kwon: o; Taeyeon: ae, eo), elsewhere it is dropped (Chey: e). A group that a y glide begins is marked
    by a leading y (Hyeon: yeo), which :func:`_korean_vowels_differ` checks apart."""
    groups: list[str] = []
    cur = ""
    n = len(word)
    for i, ch in enumerate(word):
        if ch in _LATIN_VOWELS:
            cur += ch
        elif ch in ("y", "w"):
            if i + 1 < n and word[i + 1] in _LATIN_VOWELS:
                if cur:
                    groups.append(cur)
                cur = "y" if ch == "y" else ""
        elif cur:
            groups.append(cur)
            cur = ""
    if cur and cur != "y":
        groups.append(cur)
    return tuple(groups)


# The y glide, which every romanisation of Korean writes for the y diphthongs ㅑ ㅒ ㅕ ㅖ ㅛ ㅠ (Kyu, Gyeong,
# Hyun, Yeon, Ryu, Yoo) and for no other vowel but in Yi and Yim for 이 and 임 (a y before i): Gyun is not 건
# (held-out part 4). After ㅅ ㅆ ㅈ ㅉ ㅊ the glide is not heard and spellings go both ways (Revised
# Romanization writes 져 jeo and 쳐 cheo; the customary Sye of 세 in Chung Sye-kyun), and ㅖ after a consonant
# is said and often written e: there it tells nothing.
_Y_MEDIALS = frozenset({2, 3, 6, 7, 12, 17})
_Y_SILENT_LEADS = frozenset({9, 10, 12, 13, 14})  # ㅅ ㅆ ㅈ ㅉ ㅊ


def _glide_differs(group: str, syllable: str, vowel: int) -> bool:
    if (ord(syllable[0]) - 0xAC00) // 588 in _Y_SILENT_LEADS:
        return False
    if group[0] == "y":
        return vowel not in _Y_MEDIALS and group[1] != "i"
    return vowel in _Y_MEDIALS and vowel != 7


def _hangul_vowel(syllable: str) -> int:
    code = ord(syllable[0]) - 0xAC00 if syllable else -1
    return code % 588 // 28 if 0 <= code < 11172 else -1


@lru_cache(maxsize=50_000)
def _korean_run_differs(latin: tuple[tuple[str, ...], ...], units: tuple[str, ...], kind: str) -> tuple[int, ...]:
    """Mode 6 for a run of Latin words (each its spellings) matched with a run of Hangul syllables (``units``
    of a reading whose ``unit_kind`` is ``kind``): the places (from the run's start) of the syllables written
    otherwise — initials first, then vowels. Runs of unequal length (joined or split) begin alike or differ
    whole: then (0,) when they differ. Cached: the same syllables and spellings recur across names."""
    if len(latin) != len(units):
        first = _korean_initials_differ(latin[0], units[0])
        if not first:  # Latin words joined or split: each syllable must show its lead, in order
            spellings = map("".join, islice(product(*latin), MAX_COMBOS))
            first = all(_joined_korean_differs(x, units) for x in spellings)
        if not first:  # and its vowel
            first = bool(_korean_vowels_differ(list(latin), tuple(_hangul_of(u, kind) for u in units)))
        return (0,) if first else ()
    out = [k for k in range(len(units)) if _korean_initials_differ(latin[k], units[k])]
    for k in _korean_vowels_differ(list(latin), tuple(_hangul_of(u, kind) for u in units)):
        if k not in out:  # a syllable's place among the vowel groups: one word per syllable
            out.append(k)
    return tuple(out)


def _korean_vowels_differ(latin: list[tuple[str, ...]], syllables: tuple[str, ...]) -> list[int]:
    """Mode 6: Latin words (each its spellings) against the Hangul syllables they matched by skeleton. Where
    the words show one vowel group per syllable, the syllables (their places) whose vowel no spelling of the
    words can write; none where no spelling shows as many vowel groups as there are syllables (a vowel-led
    syllable run into the one before: 재인 JAEIN), or where one spelling writes them all."""
    vowels = [_hangul_vowel(x) for x in syllables]
    if min(vowels, default=-1) < 0:
        return []
    first: list[int] | None = None
    for combo in islice(product(*latin), MAX_COMBOS):
        groups = [g for w in combo for g in _vowel_groups(w)]
        if len(groups) != len(vowels):
            continue
        bad = [
            k
            for k, (g, v) in enumerate(zip(groups, vowels, strict=True))
            if (g[1:] if g[0] == "y" else g) not in _KOREAN_VOWEL_SPELLINGS[v] or _glide_differs(g, syllables[k], v)
        ]
        if not bad:
            return []
        if first is None:
            first = bad
    return first or []


# the lead a Cyrillic word of a Korean name begins with (Kontsevich, and the press: Хван 황, Ким 김, Пак 박,
# Чон/Чжон/Джон 정, Ён 연): х is ㅎ, never ㄱ
_CYR_CLASS = {"х": "h", "к": "k", "г": "k", "п": "p", "б": "p", "ч": "c", "д": "c"}
_CYR_VOWELS = frozenset("аеёиоуыэюя")


def _cyrillic_initial_differs(word: str, syllable: str) -> bool:
    """Mode 7: a Cyrillic word against a Hangul syllable read as Korean: Хён is not 균."""
    hc = _hangul_class(syllable)
    if not hc:
        return False
    w = word[:2].lower()
    c = "0" if w[:1] in _CYR_VOWELS else _CYR_CLASS.get(w[:1], "")
    if w[:1] == "д" and w[1:2] != "ж":
        c = ""  # д is ㄷ (Дэ 대), дж is ㅈ
    return bool(c) and c != hc


def _initials_differ(syllable: str, alts: tuple[str, ...]) -> bool:
    hc = _hangul_class(syllable)
    if not hc:
        return False
    return all(_initial_class(a) not in (hc, "") for a in alts)


_HANGULS = frozenset({"hangul", "hanja"})
_CHINESE = frozenset({"zh", "yue"})


def _spelt(r: Reading, i: int) -> tuple[str, ...]:
    """How atom ``i`` may be spelt: its romanisations, and for pinyin also their Wade–Giles spellings (Taiwan
    and older documents: Chang for 张 zhang, Hsiao for 小 xiao)."""
    alts: tuple[str, ...] = r.alts[i]
    if r.family == "zh":
        return _with_wade_giles(alts)
    return alts


@lru_cache(maxsize=20_000)
def _with_wade_giles(alts: tuple[str, ...]) -> tuple[str, ...]:
    spellings: list[str] = [*alts, *(str(wade_giles(a)) for a in alts)]
    return tuple(dict.fromkeys(spellings))


def _hangul_of(unit: str, kind: str) -> str:
    return unit[:-1] if kind == "hanja" else unit  # a Hanja unit is its Hangul reading + the character


def _unit_credit(x: str, kx: str, y: str, ky: str) -> float:
    """1.0 for the same written syllable; for two Hangul syllables that differ in one jamo (a typo as
    often as another name: 은/연, 수/스) :data:`JAMO_DIFFERS`; otherwise :data:`SYLLABLE_DIFFERS`."""
    if kx == ky:
        if x == y:
            return 1.0
        if kx != "hangul":
            return SYLLABLE_DIFFERS  # two different characters, even when read alike (奇/岐 qi, 기)
    if kx in _HANGULS and ky in _HANGULS:
        hx, hy = _hangul_of(x, kx), _hangul_of(y, ky)
        if hx == hy:
            return 1.0
        if len(hx) == 1 and len(hy) == 1 and _jamo_distance(hx, hy) == 1:
            return JAMO_DIFFERS
    return SYLLABLE_DIFFERS


def _jamo_distance(x: str, y: str, cutoff: int = 2) -> int:
    """Edits between two Hangul strings counted in jamo (은/연 1, 딘/띤 1, 타인/딘 3), at most ``cutoff``
    (a larger distance comes back as ``cutoff`` + 1)."""
    return Levenshtein.distance(unicodedata.normalize("NFD", x), unicodedata.normalize("NFD", y), score_cutoff=cutoff)


def _differing_units(ra: Reading, rb: Reading, ia: int, ib: int, mode: int) -> list[tuple[int, int, float]]:
    """Atom pairs (index in ``ra``, index in ``rb``, credit) of two exactly matched runs that are
    written differently (see :func:`_written_mode`), compared part by part when the runs are equally
    long. A surname (the first atom of both) that shares a romanisation with the other agrees: a
    listed variant (이/리, Lee/Yi), or a Chinese surname read alike (王/汪 wang, weight 0.3 either way).
    Runs of different lengths (joined and split syllables) are compared whole, by spelling,
    with credit for a near spelling (a typo in a long joined name)."""
    sa, ea = ra.seg_start[ia], ra.seg_end[ia]
    sb, eb = rb.seg_start[ib], rb.seg_end[ib]
    if mode == 6:
        if ra.family in _KOREAN_READINGS:
            kor, ks, ke, lat, ls, le = ra, sa, ea, rb, sb, eb
        else:
            kor, ks, ke, lat, ls, le = rb, sb, eb, ra, sa, ea
        places = _korean_run_differs(lat.alts[ls:le], kor.units[ks:ke], kor.unit_kind)
        if not places:
            return []
        if ea - sa != eb - sb:  # joined and split: the runs differ whole
            return [(sa + k, sb, SYLLABLE_DIFFERS) for k in range(ea - sa)] + [
                (sa, sb + k, SYLLABLE_DIFFERS) for k in range(1, eb - sb)
            ]
        if kor is ra:
            return [(ks + k, ls + k, SYLLABLE_DIFFERS) for k in places]
        return [(ls + k, ks + k, SYLLABLE_DIFFERS) for k in places]
    if mode == 7:
        if ra.family in _KOREAN_READINGS:
            kor, ks, ke, cyr, cs, ce = ra, sa, ea, rb, sb, eb
        else:
            kor, ks, ke, cyr, cs, ce = rb, sb, eb, ra, sa, ea
        n = min(ke - ks, ce - cs) if ke - ks == ce - cs else 1  # joined or split: the first parts only
        out7 = []
        for k in range(n):
            if _cyrillic_initial_differs(cyr.texts[cs + k], kor.units[ks + k]):
                i, j = (ks + k, cs + k) if kor is ra else (cs + k, ks + k)
                out7.append((i, j, SYLLABLE_DIFFERS))
        return out7
    if mode == 5:
        if ea - sa != eb - sb:
            return []
        out5 = []
        for k in range(ea - sa):
            i, j = sa + k, sb + k
            x, y = (ra.alts[i], rb.alts[j]) if ra.family not in _CHINESE else (rb.alts[j], ra.alts[i])
            if _latin_initials_differ(x, y):
                out5.append((i, j, SYLLABLE_DIFFERS))
        return out5
    if mode == 4:
        if ea - sa != eb - sb:
            return []
        hangul_a = ra.family == "hf"
        out4 = []
        for k in range(ea - sa):
            i, j = sa + k, sb + k
            if _initials_differ(ra.units[i], rb.alts[j]) if hangul_a else _initials_differ(rb.units[j], ra.alts[i]):
                out4.append((i, j, SYLLABLE_DIFFERS))
        return out4
    if mode == 3:
        c = _transcription_credit(ra, rb, sa, ea, sb, eb)
        if c >= 1.0:
            return []
        return [(sa + k, sb, c) for k in range(ea - sa)] + [(sa, sb + k, c) for k in range(1, eb - sb)]
    if mode == 8 and ea - sa == eb - sb:
        out8 = []
        for k in range(ea - sa):
            i, j = sa + k, sb + k
            x, y = _spelt(ra, i), _spelt(rb, j)
            if not set(x).isdisjoint(y) or any(u[0] == v[0] and u[-1] == v[-1] for u in x for v in y):
                continue  # spelt alike, or only the vowels spelt otherwise (Ma Ying-jeou: 九 jiu)
            sim = max(normalized_similarity(u, v) for u in x for v in y)
            out8.append((i, j, max(SYLLABLE_DIFFERS, 1.0 - 4.0 * (1.0 - sim))))
        return out8
    if ea - sa != eb - sb:
        if mode == 1:
            return []
        spelt_a = [_spelt(ra, i) for i in range(sa, ea)]
        spelt_b = [_spelt(rb, j) for j in range(sb, eb)]
        joined_a = {"".join(c) for c in islice(product(*spelt_a), MAX_COMBOS * 2)}
        joined_b = {"".join(c) for c in islice(product(*spelt_b), MAX_COMBOS * 2)}
        if not joined_a.isdisjoint(joined_b):
            return []
        sim = max(normalized_similarity(x, y) for x in joined_a for y in joined_b)
        c = max(SYLLABLE_DIFFERS, 1.0 - 4.0 * (1.0 - sim))
        return [(sa + k, sb, c) for k in range(ea - sa)] + [(sa, sb + k, c) for k in range(1, eb - sb)]
    if mode == 2 and (ra.family == "vi" or rb.family == "vi"):
        # part for part, a Vietnamese name written in characters may use a character for its sound (杜梅 is
        # Đỗ Mười, 梅 read mai), but one that begins with the same letter: 俊 tuấn is not Duẩn (d and t are
        # different letters of Vietnamese, whatever the skeleton merges)
        out2 = []
        for k in range(ea - sa):
            i, j = sa + k, sb + k
            if not any(x[:1] == y[:1] for x in ra.alts[i] for y in rb.alts[j]):
                out2.append((i, j, SYLLABLE_DIFFERS))
        return out2
    out = []
    for k in range(ea - sa):
        i, j = sa + k, sb + k
        if (mode == 2 or (i == 0 and j == 0)) and any(x in _spelt(rb, j) for x in _spelt(ra, i)):
            continue
        if mode == 1:
            c = _unit_credit(ra.units[i], ra.unit_kind, rb.units[j], rb.unit_kind)
            if c >= 1.0:
                continue
        else:
            c = SYLLABLE_DIFFERS
        out.append((i, j, c))
    return out


def _transcription_credit(ra: Reading, rb: Reading, sa: int, ea: int, sb: int, eb: int) -> float:
    """Credit of a Hangul run against the Vietnamese words it matched (:func:`_written_mode` 3): full
    when the Hangul is one of their Korean transcriptions (or they have none to check by),
    :data:`JAMO_DIFFERS` one jamo away from one, otherwise :data:`SYLLABLE_DIFFERS`."""
    if ra.unit_kind:
        written, words = "".join(ra.units[sa:ea]), rb.texts[sb:eb]
    else:
        written, words = "".join(rb.units[sb:eb]), ra.texts[sa:ea]
    return _hangul_against(written, words)


@lru_cache(maxsize=20_000)
def _hangul_against(written: str, words: tuple[str, ...]) -> float:
    spellings = run_spellings(words)
    if not spellings or written in spellings:
        return 1.0
    near = min(_jamo_distance(written, s) for s in spellings)
    return JAMO_DIFFERS if near <= 1 else SYLLABLE_DIFFERS


def _written_credit(ra: Reading, rb: Reading, ia: int, ib: int, mode: int) -> float:
    """Credit of an exact skeleton match that :func:`_written_mode` can check: full where the parts are
    written alike, less for the weight of those written differently, taken on the side where they
    weigh more."""
    if mode == 1:
        units_a, units_b = ra.units, rb.units
        if units_a[ra.seg_start[ia] : ra.seg_end[ia]] == units_b[rb.seg_start[ib] : rb.seg_end[ib]]:
            return 1.0  # written alike (the common case): nothing to weigh
    diff = _differing_units(ra, rb, ia, ib, mode)
    if not diff:
        return 1.0
    wa, wb = ra.weights, rb.weights
    lost_a: dict[int, float] = {}
    lost_b: dict[int, float] = {}
    for i, j, c in diff:
        lost_a[i] = wa[i] * (1.0 - c)
        lost_b[j] = wb[j] * (1.0 - c)
    ta, tb = ra.seg_weight[ia], rb.seg_weight[ib]
    ca = (ta - sum(lost_a.values())) / ta if ta > 0 else SYLLABLE_DIFFERS
    cb = (tb - sum(lost_b.values())) / tb if tb > 0 else SYLLABLE_DIFFERS
    return ca if ca < cb else cb


def _total(r: Reading, used: int, matched: float, floor: float) -> float:
    """Weight of a reading for normalisation: matched parts at their rarity weight (times the credit
    they earned), unmatched parts at least UNMATCHED_FLOOR unless they are often-omitted parts."""
    total = matched
    if used != r.full:
        for i, w in enumerate(r.weights):
            if not used >> i & 1:
                total += w if w <= MISSING_OK else (w if w > floor else floor)
    return total if total > 0 else 1.0


def _order_inversions(pairs: list[Pair], start_a: tuple[int, ...], start_b: tuple[int, ...]) -> int:
    seq = [start_b[ib] for _, ia, ib in sorted(pairs, key=lambda p: start_a[p[1]])]
    best = len(seq) * len(seq)
    for r in range(len(seq)):
        rot = seq[r:] + seq[:r]
        inv = sum(1 for i in range(len(rot)) for j in range(i + 1, len(rot)) if rot[i] > rot[j])
        best = min(best, inv)
    return best


def score_names(
    a: PreparedName, b: PreparedName, need: float = 0.0, ctx: int = 0
) -> tuple[float, Reading | None, Reading | None, list[Pair]]:
    """The best-scoring pair of readings (those :func:`plausible` under ``ctx``). With ``need`` > 0,
    work that cannot lift a pair to ``need`` (nor above the best so far) may be left out: a result
    below ``need`` then only says that the true score is below it; a result at or above ``need`` is
    the full one."""
    best = (0.0, None, None, [])  # type: tuple[float, Reading | None, Reading | None, list[Pair]]
    for ra in a.readings:
        for rb in b.readings:
            if not compatible(ra.family, rb.family):
                continue
            if ctx and (ra.gate or rb.gate) and not plausible(ra, rb, ctx):
                continue
            common = ra.keyset & rb.keyset
            if not common and not (ra.fuzzy and rb.fuzzy):
                continue
            s, pairs = _score_readings(ra, rb, common, need if need > best[0] else best[0], ctx)
            if s > best[0]:
                best = (s, ra, rb, pairs)
                if s >= 0.999:
                    return best
    return best


NAME_CACHE = 100_000  # name pairs remembered (the cache is emptied when full)
_Result = tuple[float, Reading | None, Reading | None, list[Pair]]
# (name a, name b, context) -> the full result, or a float u: the score is known to be below u
_NAMES: dict[tuple[str, str, int], _Result | float] = {}


def _remember(key: tuple[str, str, int], value: _Result | float) -> None:
    if len(_NAMES) >= NAME_CACHE:
        _NAMES.clear()
    _NAMES[key] = value


# the prepared names the compared records keep (PreparedRecord.held), by name; None: none kept
Held: TypeAlias = "dict[str, PreparedName] | None"


def _prepared(name: str, held: Held) -> PreparedName:
    """The prepared name: kept by its record, or from the name cache. Either is the same preparation."""
    if held is not None:
        p = held.get(name)
        if p is not None:
            return p
    return prepare(name)


def _held(a: PreparedRecord, b: PreparedRecord) -> Held:
    ha, hb = a.held, b.held
    if ha is None:
        return hb
    if hb is None:
        return ha
    return {**ha, **hb}


def _name_match(a: str, b: str, held: Held = None, ctx: int = 0) -> _Result:
    """The best reading pair of two written names, its score and aligned parts (cached)."""
    key = (a, b, ctx)
    v = _NAMES.get(key)
    if type(v) is tuple:
        return v
    r = score_names(_prepared(a, held), _prepared(b, held), 0.0, ctx)
    _remember(key, r)
    return r


def _name_at_least(a: str, b: str, need: float, held: Held = None, ctx: int = 0) -> float:
    """The name score of ``a`` and ``b`` if it is at least ``need`` (or already known), else -1.0
    (cached). Reading pairs
    that cannot reach ``need`` are not aligned; when the score reaches it, the result is the full one
    (a skipped pair scores below ``need``, so it could not have been the best)."""
    key = (a, b, ctx)
    v = _NAMES.get(key)
    if v is not None:
        if type(v) is tuple:
            return v[0]
        if need >= v:  # type: ignore[operator]
            return -1.0
    r = score_names(_prepared(a, held), _prepared(b, held), need, ctx)
    if r[0] >= need:
        _remember(key, r)
        return r[0]
    _remember(key, need)
    return -1.0


def name_score(a: str, b: str, held: Held = None, ctx: int = 0) -> float:
    """Score of two written names alone, in [0, 1] (cached)."""
    return _name_match(a, b, held, ctx)[0]


def _unit_text(r: Reading, i: int) -> str:
    """How atom ``i`` is written: its syllable (a Hanja unit shows its character) or its text."""
    if r.units:
        u = r.units[i]
        return u[-1] if r.unit_kind == "hanja" else u
    return str(r.texts[i])


# what a reading family is, for the machine code of an explanation ("how" the names agree)
_WHAT = {
    "latin": "latin",
    "latin-vi": "vietnamese",
    "ko": "korean",
    "hf": "hangul_transcription",
    "kh": "korean_reading_of_characters",
    "zh": "chinese",
    "yue": "cantonese_reading_of_characters",
    "vi": "sino_vietnamese_reading_of_characters",
    "cyrillic": "cyrillic",
}
# the side that renders the other, most rendering first, and what its script is called
_RENDERS_FIRST = {"latin": 0, "cyrillic": 1, "hf": 2, "ko": 3, "latin-vi": 4}
_SCRIPT = {"latin": "latin", "cyrillic": "cyrillic", "hf": "hangul", "ko": "hangul", "latin-vi": "vietnamese_spelling"}


def how_names_agree(ra: Reading, rb: Reading) -> str:
    """A stable code for how two readings relate: ``same_script``, or ``<script>_of_<what>``
    (``latin_of_vietnamese``: a Latin spelling of a Vietnamese name, ``hangul_of_chinese``,
    ``latin_of_korean_reading_of_characters`` …)."""
    fa, fb = ra.family, rb.family
    if fa == fb:
        return "same_script"
    if _RENDERS_FIRST.get(fb, 9) < _RENDERS_FIRST.get(fa, 9):
        fa, fb = fb, fa
    return f"{_SCRIPT.get(fa, fa)}_of_{_WHAT.get(fb, fb)}"


def _pair_text(ra: Reading, rb: Reading, pair: Pair, ctx: int = 0) -> tuple[float, str, str, Params]:
    c, ia, ib = pair
    a0, a1, wa = ra.seg_start[ia], ra.seg_end[ia], ra.seg_weight[ia]
    b0, b1, wb = rb.seg_start[ib], rb.seg_end[ib], rb.seg_weight[ib]
    texts_a = ra.texts[a0:a1]
    texts_b = rb.texts[b0:b1]
    # single characters (Hangul or Han syllables) are shown joined, words spaced
    ja = "".join(texts_a) if all(len(t) == 1 for t in texts_a) else " ".join(texts_a)
    jb = "".join(texts_b) if all(len(t) == 1 for t in texts_b) else " ".join(texts_b)
    cjk = ra.label.startswith(_CJK_LABELS) or rb.label.startswith(_CJK_LABELS)
    surname = "surname " if cjk and (a0 == 0 or b0 == 0) else ""
    how = ra.label if ra.label == rb.label else f"{ra.label} / {rb.label}"
    quality = "" if c >= 1.0 else f", similar {c:.2f}"
    code = "part_agrees" if c >= 1.0 else "part_similar"
    mode = _written_mode(ra, rb, ctx) if c < 1.0 else 0
    diff = _differing_units(ra, rb, ia, ib, mode) if mode else []
    if diff:
        if a1 - a0 != b1 - b0 or mode == 3:  # joined and split, or transcribed: the whole runs differ
            shown = f"{ja}/{jb}"
        else:
            shown = ", ".join(f"{_unit_text(ra, i)}/{_unit_text(rb, j)}" for i, j, _c in diff)
        quality = f", written differently: {shown}; credit {c:.2f}"
        code = "part_written_differently"
    weight = min(wa / max(1, a1 - a0), wb / max(1, b1 - b0))
    common = f", common part (weight {weight:.2f})" if weight < 0.5 else ""
    params: Params = (("a", ja), ("b", jb), ("credit", round(c, 2)), ("how", how_names_agree(ra, rb)))
    return c * (wa + wb) / 2, f"{surname}{ja} = {jb} ({how}{quality}{common})", code, params


def name_evidence(a_text: str, b_text: str, held: Held = None, ctx: int = 0) -> tuple[float, list[Evidence]]:
    _name_match(a_text, b_text, held, ctx)  # from the records' prepared names, into the cache _name_evidence reads
    s, items = _name_evidence(a_text, b_text, ctx)
    return s, list(items)


NAMES_AGREE = 0.95  # a name score from which the names "agree"; from 0.5 they are "similar"


@lru_cache(maxsize=50_000)
def _name_evidence(a_text: str, b_text: str, ctx: int = 0) -> tuple[float, tuple[Evidence, ...]]:
    s, ra, rb, pairs = _name_match(a_text, b_text, None, ctx)
    if ra is None or rb is None:
        return 0.0, (
            Evidence(
                "name",
                0.0,
                f"{a_text!r} and {b_text!r}: no name part agrees",
                "names_differ",
                (("a", a_text), ("b", b_text), ("score", 0.0)),
            ),
        )
    verdict = "names_agree" if s >= NAMES_AGREE else ("names_similar" if s >= 0.5 else "names_differ")
    items = [
        Evidence(
            "name",
            s,
            f"{a_text!r} ~ {b_text!r} via {ra.label} / {rb.label}: "
            f"{len(pairs)} part(s) agree, rarity-weighted agreement {s:.2f}",
            verdict,
            (
                ("a", a_text),
                ("b", b_text),
                ("how", how_names_agree(ra, rb)),
                ("score", round(s, 2)),
                ("reading_a", ra.label),
                ("reading_b", rb.label),
            ),
        )
    ]
    used_a: set[int] = set()
    used_b: set[int] = set()
    for pair in sorted(pairs, key=lambda p: ra.seg_start[p[1]]):
        w, text, code, params = _pair_text(ra, rb, pair, ctx)
        items.append(Evidence("name part", w, text, code, params))
        used_a.update(range(ra.seg_start[pair[1]], ra.seg_end[pair[1]]))
        used_b.update(range(rb.seg_start[pair[2]], rb.seg_end[pair[2]]))
    bits_a = sum(1 << i for i in used_a)
    bits_b = sum(1 << i for i in used_b)
    if _patronymics_differ(ra, rb, bits_a, bits_b, pairs):
        pa = " ".join(t for i, t in enumerate(ra.texts) if ra.pmask >> i & 1)
        pb = " ".join(t for i, t in enumerate(rb.texts) if rb.pmask >> i & 1)
        items.append(
            Evidence(
                "name",
                s - s / PATRONYMIC_CONFLICT,
                f"patronymics differ ({pa} / {pb}): different fathers; name score ×{PATRONYMIC_CONFLICT:.2f}",
                "patronymics_differ",
                (("a", pa), ("b", pb)),
            )
        )
    elif _middles_differ(ra, rb, bits_a, bits_b):
        ma = " ".join(t for i, t in enumerate(ra.texts) if 0 < i < ra.n - 1 and i not in used_a)
        mb = " ".join(t for i, t in enumerate(rb.texts) if 0 < i < rb.n - 1 and i not in used_b)
        items.append(
            Evidence(
                "name",
                s - s / MIDDLE_CONFLICT,
                f"middle names differ ({ma} / {mb}): different persons; name score ×{MIDDLE_CONFLICT:.2f}",
                "middle_names_differ",
                (("a", ma), ("b", mb)),
            )
        )
    for side, reading, used in (("first", ra, used_a), ("second", rb, used_b)):
        for i, atom in enumerate(reading.atoms):
            if i not in used:
                items.append(
                    Evidence(
                        "name part",
                        -atom.weight,
                        f"{atom.text} of the {side} name not matched (weight {atom.weight:.2f})",
                        "part_unmatched",
                        (("part", atom.text), ("side", side), ("weight", atom.weight)),
                    )
                )
    return s, tuple(items)


RENDERS = 0.95  # two names of one record that score this much render one name (박태윤 / PARK TAEYUN)


def _checked(x: str, y: str, held: Held = None, ctx: int = 0) -> bool:
    """Whether the best readings of two names were compared by how they are written
    (:func:`_written_mode`), not only by sound."""
    _s, ra, rb, _p = _name_match(x, y, held, ctx)
    # only a check of every syllable or spelling counts (modes 1-3); the initials-only checks (4-6) do not
    return ra is not None and rb is not None and 1 <= _written_mode(ra, rb, ctx) <= 3


def _renders(u: str, v: str, held: Held) -> bool:
    return u == v or name_score(u, v, held) >= RENDERS


def _bound(
    a_names: tuple[str, ...], b_names: tuple[str, ...], x: str, y: str, s: float, held: Held = None, ctx: int = 0
) -> tuple[float, str, str]:
    """The score of names ``x`` (of A) and ``y`` (of B), ``s``, bounded where it was only compared by
    sound but renderings of the same names in the records could be compared as written: a record's
    romanised alias (PARK TAEYUN beside 박태윤) must not let 박태운 through at 1.00 when 박태운 / 박태윤
    shows a different syllable. Returns the score and the pair that bounds it (``x``, ``y`` if none
    does)."""
    if _checked(x, y, held, ctx):
        return s, x, y
    cap = -1.0
    by = (x, y)
    for x2 in a_names:
        for y2 in b_names:
            if (
                (x2, y2) == (x, y)
                or not _renders(x, x2, held)
                or not _renders(y, y2, held)
                or not _checked(x2, y2, held, ctx)
            ):
                continue
            s2 = name_score(x2, y2, held, ctx)
            if s2 > cap:
                cap, by = s2, (x2, y2)
    if 0.0 <= cap < s:
        return cap, by[0], by[1]
    return s, x, y


def _best_names(
    a: PreparedRecord, b: PreparedRecord, ctx: int = 0
) -> tuple[float, str, str, tuple[str, str, float] | None]:
    """The best name pair of two records: its score, the two names, and where a pair scored higher by
    sound alone but was bounded by :func:`_bound`, that pair with its own score (for the explanation)."""
    best = 0.0
    pair = ("", "")
    bounded: tuple[str, str, float] | None = None
    several = len(a.names) > 1 or len(b.names) > 1
    held = _held(a, b)
    for na in a.names:
        for nb in b.names:
            s = name_score(na, nb, held, ctx)
            if s <= best:
                continue
            capped, x, y = _bound(a.names, b.names, na, nb, s, held, ctx) if several else (s, na, nb)
            if capped < s and (bounded is None or s > bounded[2]):
                bounded = (na, nb, s)
            if capped > best:
                best = capped
                pair = (x, y)
    if bounded is not None and bounded[2] <= best:
        bounded = None
    return best, pair[0], pair[1], bounded


def score_prepared(a: PreparedRecord, b: PreparedRecord, floor: float, dob_policy: str = DOB_STRICT) -> float:
    """The score of :func:`compare_prepared`, or -1.0 as soon as it is certain to stay below
    ``floor`` (the other evidence is summed first: with a perfect name it must still reach it)."""
    extra = extra_delta(a, b, dob_policy)
    if 1.0 + extra < floor:
        return -1.0
    # the name must reach this for the record to reach the floor; a little lower, for rounding
    need = round(floor - extra, 6) - 1e-6
    best = 0.0
    top = ("", "")
    held = _held(a, b)
    ctx = context(a, b)
    for na in a.names:
        for nb in b.names:
            s = _name_at_least(na, nb, need, held, ctx)
            if s > best:
                best, top = s, (na, nb)
    # a best pair compared as written is never bounded, and every other pair stays below it
    if best > 0.0 and (len(a.names) > 1 or len(b.names) > 1) and not _checked(top[0], top[1], held, ctx):
        best = _best_names(a, b, ctx)[0]
    return min(1.0, max(0.0, best + extra))


def compare_prepared(
    a: PreparedRecord, b: PreparedRecord, *, explain: bool = True, dob_policy: str = DOB_STRICT
) -> Match:
    ctx = context(a, b)
    best, na, nb, bounded = _best_names(a, b, ctx)
    extra = other_evidence(a, b, dob_policy)
    score = best + sum(e.delta for e in extra)
    score = min(1.0, max(0.0, score))
    expl = Explanation(algorithm=ALGORITHM)
    if explain:
        if na:
            _s, items = name_evidence(na, nb, _held(a, b), ctx)
            expl.items.extend(items)
            if bounded:
                x, y, raw = bounded
                expl.append(
                    Evidence(
                        "name",
                        0.0,
                        f"{x!r} ~ {y!r} would score {raw:.2f}, but only by sound: the same names as "
                        f"written ({na!r} ~ {nb!r}) differ, so the name score is {best:.2f}",
                        "written_forms_differ",
                        (("a", x), ("b", y), ("written_a", na), ("written_b", nb), ("score", round(best, 2))),
                    )
                )
        else:
            expl.append(Evidence("name", 0.0, "no name part agrees", "names_differ", (("score", 0.0),)))
        expl.items.extend(extra)
        expl.items.extend(a.notes)
        expl.items.extend(b.notes)
    return Match(score=score, explanation=expl, algorithm=ALGORITHM)


RECORD_CACHE = 20_000  # records compared recently, parsed (a list compared with many queries is parsed once)
_RECORDS: dict[tuple[object, ...], PreparedRecord] = {}


def _prepared_record(r: Record) -> PreparedRecord:
    key = (r.id, tuple(r.names), r.birth_date, tuple(r.nationalities), r.sex, tuple(r.documents), r.mrz)
    p = _RECORDS.get(key)
    if p is None:
        if len(_RECORDS) >= RECORD_CACHE:
            _RECORDS.clear()
        p = _RECORDS[key] = PreparedRecord(r)
    return p


def _explanation(a: PreparedRecord, b: PreparedRecord, dob_policy: str) -> Explanation:
    return compare_prepared(a, b, explain=True, dob_policy=dob_policy).explanation


def compare(a: Record, b: Record, *, dob_policy: str = DOB_STRICT) -> Match:
    """Score in [0, 1] that ``a`` and ``b`` are the same person, with its explanation (worked out when first
    read). ``dob_policy`` "strict" (the default) takes full birth dates that differ beyond a typo or a
    day/month swap as two persons; "unreliable" (dates of birth may be false) keeps such a match, ranked
    lower."""
    pa, pb = _prepared_record(a), _prepared_record(b)
    extra = extra_delta(pa, pb, dob_policy)  # the same sum as the explanation's, added in the same order
    best = _best_names(pa, pb, context(pa, pb))[0]
    score = min(1.0, max(0.0, best + extra))
    return Match(score=score, algorithm=ALGORITHM, explain=partial(_explanation, pa, pb, dob_policy))
