"""Name scoring (order-free, segment-aligned, weighted by rarity) and record comparison."""

from __future__ import annotations

from functools import lru_cache

from rapidfuzz.fuzz import ratio

from namematch.features import PreparedRecord, other_evidence
from namematch.model import ALGORITHM, Evidence, Explanation, Match, Record
from namematch.names import MIN_FUZZY_LEN, PreparedName, Reading, Segment, compatible, prepare

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
    matches among the atoms left over; return the rarity-weighted coverage score and the pairs."""
    segs_a = ra.segments
    segs_b = rb.segments
    exact: list[tuple[int, float, int, int]] = []
    by_b = rb.by_skel
    for ia, sa in enumerate(segs_a):
        for s in sa.skels:
            lst = by_b.get(s)
            if lst:
                for ib in lst:
                    sb = segs_b[ib]
                    # one-to-one part pairs first (clearer explanations), then runs, heavier first
                    size = max(sa.end - sa.start, sb.end - sb.start)
                    exact.append((-size, sa.weight + sb.weight, ia, ib))
    used_a = [False] * len(ra.atoms)
    used_b = [False] * len(rb.atoms)
    pairs: list[Pair] = []
    if exact:
        exact.sort(reverse=True)
        for _size, _w, ia, ib in exact:
            sa, sb = segs_a[ia], segs_b[ib]
            if any(used_a[sa.start : sa.end]) or any(used_b[sb.start : sb.end]):
                continue
            for i in range(sa.start, sa.end):
                used_a[i] = True
            for i in range(sb.start, sb.end):
                used_b[i] = True
            pairs.append((1.0, ia, ib))
    if ra.fuzzy and rb.fuzzy and not all(used_a) and not all(used_b):
        fuzzy: list[tuple[float, float, int, int]] = []
        for ia in ra.fuzzy:
            sa = segs_a[ia]
            if any(used_a[sa.start : sa.end]):
                continue
            for ib in rb.fuzzy:
                sb = segs_b[ib]
                if any(used_b[sb.start : sb.end]):
                    continue
                best = 0.0
                for x in sa.skels:
                    if len(x) < MIN_FUZZY_LEN:
                        continue
                    for y in sb.skels:
                        if len(y) < MIN_FUZZY_LEN:
                            continue
                        r = ratio(x, y, score_cutoff=FUZZY_FLOOR * 100)
                        if r > best:
                            best = r
                if best:
                    c = _credit(best / 100.0)
                    if c > 0:
                        fuzzy.append((c, sa.weight + sb.weight, ia, ib))
        if fuzzy:
            fuzzy.sort(reverse=True)
            for c, _w, ia, ib in fuzzy:
                sa, sb = segs_a[ia], segs_b[ib]
                if any(used_a[sa.start : sa.end]) or any(used_b[sb.start : sb.end]):
                    continue
                for i in range(sa.start, sa.end):
                    used_a[i] = True
                for i in range(sb.start, sb.end):
                    used_b[i] = True
                pairs.append((c, ia, ib))
    if not pairs:
        return 0.0, pairs
    ma = sum(c * segs_a[ia].weight for c, ia, _ in pairs)
    mb = sum(c * segs_b[ib].weight for c, _, ib in pairs)
    floor = 1.0 if (ra.family in _SYLLABIC or rb.family in _SYLLABIC) else UNMATCHED_FLOOR
    ta = _total(ra, used_a, pairs, segs_a, 1, floor)
    tb = _total(rb, used_b, pairs, segs_b, 2, floor)
    score = _combine(ma / ta, mb / tb)
    if len(pairs) >= 3:
        inv = _order_inversions(pairs, segs_a, segs_b)
        if inv:
            score *= ORDER_PENALTY**inv
    return score, pairs


def _total(
    r: Reading, used: list[bool], pairs: list[Pair], segs: tuple[Segment, ...], side: int, floor: float
) -> float:
    """Weight of a reading for normalisation: matched parts at their rarity weight (times the credit
    they earned), unmatched parts at least UNMATCHED_FLOOR unless they are often-omitted parts."""
    total = 0.0
    for _c, *idx in pairs:
        total += segs[idx[side - 1]].weight
    for atom, u in zip(r.atoms, used, strict=False):
        if not u:
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
    s, ra, rb, pairs = _name_match(a_text, b_text)
    if ra is None or rb is None:
        return 0.0, [Evidence("name", 0.0, f"{a_text!r} and {b_text!r}: no name part agrees")]
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
    return s, items


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
