"""Name scoring (order-free, segment-aligned, weighted by rarity) and record comparison."""

from __future__ import annotations

from functools import lru_cache

from rapidfuzz.fuzz import ratio

from namematch.features import PreparedRecord, other_evidence
from namematch.model import ALGORITHM, Evidence, Explanation, Match, Record
from namematch.names import PreparedName, Reading, Segment, compatible, prepare

FUZZY_FLOOR = 0.70  # skeleton similarity below this earns nothing
UNMATCHED_FLOOR = 0.6  # a name part that finds no partner counts at least this much against ...
MISSING_OK = 0.2  # ... unless it is a part that is often left out (patronymic, Van/Thi)
ORDER_PENALTY = 0.7  # per inversion of the part order beyond a rotation (surname first/last)
_SYLLABIC = frozenset({"ko", "hf", "zh", "yue", "vi"})  # every syllable of a CJK name is essential
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


def score_readings(ra: Reading, rb: Reading) -> tuple[float, list[Pair]]:
    """Align two readings: exact skeleton matches of atom runs first (longest first), then fuzzy
    matches among the atoms left over; return the rarity-weighted coverage score and the pairs.
    When that greedy alignment crosses the part order (several parts share one skeleton, e.g. jie,
    chi and je are all ``ce``), the alignment that keeps parts in place is tried too; the better wins."""
    score, pairs, inv = _align(ra, rb, False)
    if inv:
        score2, pairs2, _inv2 = _align(ra, rb, True)
        if score2 > score:
            return score2, pairs2
    return score, pairs


def _align(ra: Reading, rb: Reading, diagonal: bool) -> tuple[float, list[Pair], int]:
    fuzzy_ok = ra.fuzzy and rb.fuzzy
    common = ra.keyset & rb.keyset
    if not common and not fuzzy_ok:
        return 0.0, [], 0  # no skeleton in common and nothing long enough to compare fuzzily
    segs_a = ra.segments
    segs_b = rb.segments
    used_a = used_b = 0  # atoms already paired, as bits
    pairs: list[Pair] = []
    if common:
        exact: list[tuple[int, float, int, int]] = []
        by_a = ra.by_skel
        by_b = rb.by_skel
        for s in common:
            lb = by_b[s]
            for ia in by_a[s]:
                sa = segs_a[ia]
                for ib in lb:
                    sb = segs_b[ib]
                    # one-to-one part pairs first (clearer explanations), then runs, heavier first
                    exact.append((-max(sa.size, sb.size), sa.weight + sb.weight, ia, ib))
        exact.sort(reverse=True)
        if diagonal:
            # among equally long runs, parts at the same place (from the start or the end) first
            na, nb = len(ra.atoms), len(rb.atoms)
            exact.sort(
                key=lambda t: (
                    t[0],
                    min(
                        abs(segs_a[t[2]].start - segs_b[t[3]].start),
                        abs((na - segs_a[t[2]].end) - (nb - segs_b[t[3]].end)),
                    ),
                )
            )
        for _size, _w, ia, ib in exact:
            ma = segs_a[ia].mask
            mb = segs_b[ib].mask
            if used_a & ma or used_b & mb:
                continue
            used_a |= ma
            used_b |= mb
            pairs.append((1.0, ia, ib))
    if fuzzy_ok and used_a != ra.full and used_b != rb.full:
        fuzzy: list[tuple[float, float, int, int]] = []
        cutoff = FUZZY_FLOOR * 100
        fb = [
            (ib, segs_b[ib], ks) for ib, ks in zip(rb.fuzzy, rb.long_skels, strict=True) if not used_b & segs_b[ib].mask
        ]
        if fb:
            for ia, ksa in zip(ra.fuzzy, ra.long_skels, strict=True):
                sa = segs_a[ia]
                if used_a & sa.mask:
                    continue
                for ib, sb, ksb in fb:
                    best = 0.0
                    for x in ksa:
                        for y in ksb:
                            r = ratio(x, y, score_cutoff=cutoff)
                            if r > best:
                                best = r
                    if best:
                        c = _credit(best / 100.0)
                        if c > 0:
                            fuzzy.append((c, sa.weight + sb.weight, ia, ib))
        if fuzzy:
            fuzzy.sort(reverse=True)
            for c, _w, ia, ib in fuzzy:
                ma = segs_a[ia].mask
                mb = segs_b[ib].mask
                if used_a & ma or used_b & mb:
                    continue
                used_a |= ma
                used_b |= mb
                pairs.append((c, ia, ib))
    if not pairs:
        return 0.0, pairs, 0
    ma_w = sum(c * segs_a[ia].weight for c, ia, _ in pairs)
    mb_w = sum(c * segs_b[ib].weight for c, _, ib in pairs)
    floor = 1.0 if (ra.family in _SYLLABIC or rb.family in _SYLLABIC) else UNMATCHED_FLOOR
    ta = _total(ra, used_a, [segs_a[ia].weight for _c, ia, _ib in pairs], floor)
    tb = _total(rb, used_b, [segs_b[ib].weight for _c, _ia, ib in pairs], floor)
    score = _combine(ma_w / ta, mb_w / tb)
    inv = 0
    if len(pairs) >= 3:
        inv = _order_inversions(pairs, segs_a, segs_b)
        if inv:
            score *= ORDER_PENALTY**inv
    return score, pairs, inv


def _total(r: Reading, used: int, matched: list[float], floor: float) -> float:
    """Weight of a reading for normalisation: matched parts at their rarity weight (times the credit
    they earned), unmatched parts at least UNMATCHED_FLOOR unless they are often-omitted parts."""
    total = 0.0
    for w in matched:
        total += w
    for i, atom in enumerate(r.atoms):
        if not used >> i & 1:
            w = atom.weight
            total += w if w <= MISSING_OK else max(w, floor)
    return total if total > 0 else 1.0


def _order_inversions(pairs: list[Pair], segs_a: tuple[Segment, ...], segs_b: tuple[Segment, ...]) -> int:
    seq = [segs_b[ib].start for _, ia, ib in sorted(pairs, key=lambda p: segs_a[p[1]].start)]
    best = len(seq) * len(seq)
    for r in range(len(seq)):
        rot = seq[r:] + seq[:r]
        inv = sum(1 for i in range(len(rot)) for j in range(i + 1, len(rot)) if rot[i] > rot[j])
        best = min(best, inv)
    return best


def score_names(a: PreparedName, b: PreparedName) -> tuple[float, Reading | None, Reading | None, list[Pair]]:
    best = (0.0, None, None, [])  # type: tuple[float, Reading | None, Reading | None, list[Pair]]
    for ra in a.readings:
        for rb in b.readings:
            if not compatible(ra.family, rb.family):
                continue
            s, pairs = score_readings(ra, rb)
            if s > best[0]:
                best = (s, ra, rb, pairs)
                if s >= 0.999:
                    return best
    return best


@lru_cache(maxsize=200_000)
def _name_match(a: str, b: str) -> tuple[float, Reading | None, Reading | None, list[Pair]]:
    return score_names(prepare(a), prepare(b))


def name_score(a: str, b: str) -> float:
    """Score of two written names alone, in [0, 1] (cached)."""
    return _name_match(a, b)[0]


def _pair_text(ra: Reading, rb: Reading, pair: Pair) -> tuple[float, str]:
    c, ia, ib = pair
    sa, sb = ra.segments[ia], rb.segments[ib]
    ta = " ".join(a.text for a in ra.atoms[sa.start : sa.end])
    tb = " ".join(a.text for a in rb.atoms[sb.start : sb.end])
    ja = (
        "".join(a.text for a in ra.atoms[sa.start : sa.end])
        if all(len(a.text) == 1 for a in ra.atoms[sa.start : sa.end])
        else ta
    )
    jb = (
        "".join(a.text for a in rb.atoms[sb.start : sb.end])
        if all(len(a.text) == 1 for a in rb.atoms[sb.start : sb.end])
        else tb
    )
    cjk = ra.label.startswith(_CJK_LABELS) or rb.label.startswith(_CJK_LABELS)
    surname = "surname " if cjk and (sa.start == 0 or sb.start == 0) else ""
    how = ra.label if ra.label == rb.label else f"{ra.label} / {rb.label}"
    quality = "" if c >= 1.0 else f", similar {c:.2f}"
    weight = min(sa.weight / max(1, sa.end - sa.start), sb.weight / max(1, sb.end - sb.start))
    common = f", common part (weight {weight:.2f})" if weight < 0.5 else ""
    return c * (sa.weight + sb.weight) / 2, f"{surname}{ja} = {jb} ({how}{quality}{common})"


def name_evidence(a_text: str, b_text: str) -> tuple[float, list[Evidence]]:
    s, items = _name_evidence(a_text, b_text)
    return s, list(items)


@lru_cache(maxsize=50_000)
def _name_evidence(a_text: str, b_text: str) -> tuple[float, tuple[Evidence, ...]]:
    s, ra, rb, pairs = _name_match(a_text, b_text)
    if ra is None or rb is None:
        return 0.0, (Evidence("name", 0.0, f"{a_text!r} and {b_text!r}: no name part agrees"),)
    items = [
        Evidence(
            "name",
            s,
            f"{a_text!r} ~ {b_text!r} via {ra.label} / {rb.label}: "
            f"{len(pairs)} part(s) agree, rarity-weighted agreement {s:.2f}",
        )
    ]
    used_a: set[int] = set()
    used_b: set[int] = set()
    for pair in sorted(pairs, key=lambda p: ra.segments[p[1]].start):
        w, text = _pair_text(ra, rb, pair)
        items.append(Evidence("name part", w, text))
        used_a.update(range(ra.segments[pair[1]].start, ra.segments[pair[1]].end))
        used_b.update(range(rb.segments[pair[2]].start, rb.segments[pair[2]].end))
    for side, reading, used in (("first", ra, used_a), ("second", rb, used_b)):
        for i, atom in enumerate(reading.atoms):
            if i not in used:
                items.append(
                    Evidence(
                        "name part",
                        -atom.weight,
                        f"{atom.text} of the {side} name not matched (weight {atom.weight:.2f})",
                    )
                )
    return s, tuple(items)


def score_prepared(a: PreparedRecord, b: PreparedRecord, floor: float) -> float:
    """The score of :func:`compare_prepared`, or -1.0 as soon as it is certain to stay below
    ``floor`` (the other evidence is summed first: with a perfect name it must still reach it)."""
    extra = sum(e.delta for e in other_evidence(a, b))
    if 1.0 + extra < floor:
        return -1.0
    best = 0.0
    for na in a.names:
        for nb in b.names:
            s = _name_match(na, nb)[0]
            if s > best:
                best = s
    return min(1.0, max(0.0, best + extra))


def compare_prepared(a: PreparedRecord, b: PreparedRecord, *, explain: bool = True) -> Match:
    best = 0.0
    best_pair = ("", "")
    for na in a.names:
        for nb in b.names:
            s = name_score(na, nb)
            if s > best:
                best = s
                best_pair = (na, nb)
    extra = other_evidence(a, b)
    score = best + sum(e.delta for e in extra)
    score = min(1.0, max(0.0, score))
    expl = Explanation(algorithm=ALGORITHM)
    if explain:
        if best_pair[0]:
            _s, items = name_evidence(*best_pair)
            expl.items.extend(items)
        else:
            expl.append(Evidence("name", 0.0, "no name part agrees"))
        expl.items.extend(extra)
        expl.items.extend(a.notes)
        expl.items.extend(b.notes)
    return Match(score=score, explanation=expl, algorithm=ALGORITHM)


def compare(a: Record, b: Record) -> Match:
    """Score in [0, 1] that ``a`` and ``b`` are the same person, with its explanation."""
    return compare_prepared(PreparedRecord(a), PreparedRecord(b))
