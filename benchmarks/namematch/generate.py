"""Seeded generator of labelled cross-script name-matching data.

    python benchmarks/namematch/generate.py --identities 2000 --queries 1500 --seed 7 --out /tmp/nm

writes references.jsonl (the watch list: one record per identity, native
name only) and queries.jsonl (renderings of listed identities, hard negatives
and unrelated persons, each with its ground-truth label).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
import unicodedata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import tables as T
from render import KINDS, RENDER, hangul_compose, hangul_decompose, native

NATS = ["VN", "KR", "CN", "RU"]


def _wchoice(rng: random.Random, table: list[tuple[str, float]]) -> str:
    names, weights = zip(*table, strict=False)
    return rng.choices(names, weights)[0]


RU_SUR_W = [(s, 1.0 / (i + 1) ** 0.8) for i, s in enumerate(T.RU_SURNAMES)]


def ru_female_surname(s: str) -> str:
    if s.endswith("ский"):
        return s[:-2] + "ая"
    if s.endswith("ой"):
        return s[:-2] + "ая"
    if s.endswith(("ов", "ев", "ёв", "ин")):
        return s + "а"
    return s  # -енко and others do not change


def ru_patronymic(father: str, sex: str) -> str:
    irregular = {
        "Илья": ("Ильич", "Ильинична"),
        "Пётр": ("Петрович", "Петровна"),
        "Лев": ("Львович", "Львовна"),
        "Павел": ("Павлович", "Павловна"),
        "Николай": ("Николаевич", "Николаевна"),
    }
    if father in irregular:
        m, f = irregular[father]
    elif father.endswith("ий"):
        m, f = father[:-2] + "ьевич", father[:-2] + "ьевна"
    elif father.endswith("ей") or father.endswith("й"):
        m, f = father[:-1] + "евич", father[:-1] + "евна"
    else:
        m, f = father + "ович", father + "овна"
    return m if sex == "M" else f


def make_person(nat: str, rng: random.Random, sex: str | None = None) -> dict:
    sex = sex or rng.choice("MF")
    if nat == "VN":
        mids = T.VN_MIDDLE_M if sex == "M" else T.VN_MIDDLE_F
        pool = T.VN_GIVEN_M if sex == "M" else T.VN_GIVEN_F
        given = [rng.choice(pool)]
        if rng.random() < 0.2:
            given.insert(0, rng.choice(pool))
        return {
            "nat": nat,
            "sex": sex,
            "surname": _wchoice(rng, T.VN_SURNAMES),
            "middle": [_wchoice(rng, mids)],
            "given": given,
        }
    if nat == "KR":
        pool = T.KR_GIVEN_M if sex == "M" else T.KR_GIVEN_F
        n = 1 if rng.random() < 0.05 else 2
        return {
            "nat": nat,
            "sex": sex,
            "surname": _wchoice(rng, T.KR_SURNAMES),
            "given": "".join(rng.choice(pool) for _ in range(n)),
        }
    if nat == "CN":
        pool = [c for c in T.CN_GIVEN if (c in T.CN_GIVEN_F) == (sex == "F") or rng.random() < 0.3]
        n = 1 if rng.random() < 0.35 else 2
        return {
            "nat": nat,
            "sex": sex,
            "surname": _wchoice(rng, T.CN_SURNAMES),
            "given": "".join(rng.choice(pool) for _ in range(n)),
        }
    if nat == "RU":
        sur = _wchoice(rng, RU_SUR_W)
        if sex == "F":
            sur = ru_female_surname(sur)
        given = rng.choice(T.RU_GIVEN_M if sex == "M" else T.RU_GIVEN_F)
        return {
            "nat": nat,
            "sex": sex,
            "surname": sur,
            "given": given,
            "patronymic": ru_patronymic(rng.choice(T.RU_GIVEN_M), sex),
        }
    raise ValueError(nat)


def hard_negative(p: dict, rng: random.Random) -> dict:
    """A different person sharing the surname and at least one given syllable."""
    q = {k: (list(v) if isinstance(v, list) else v) for k, v in p.items() if k not in ("dob", "id")}
    nat = p["nat"]
    if nat == "VN":
        pool = T.VN_GIVEN_M if p["sex"] == "M" else T.VN_GIVEN_F
        if rng.random() < 0.7:
            i = len(q["given"]) - 1
            q["given"][i] = rng.choice([g for g in pool if g != p["given"][i]])
        else:
            mids = T.VN_MIDDLE_M if p["sex"] == "M" else T.VN_MIDDLE_F
            q["middle"] = [rng.choice([m for m, _ in mids if m != p["middle"][0]])]
    elif nat == "KR":
        pool = T.KR_GIVEN_M if p["sex"] == "M" else T.KR_GIVEN_F
        g = list(p["given"])
        i = len(g) - 1 if rng.random() < 0.7 else 0
        g[i] = rng.choice([x for x in pool if x != g[i]])
        q["given"] = "".join(g)
    elif nat == "CN":
        g = list(p["given"])
        r = rng.random()
        if len(g) == 1:  # 李强 -> 李克强
            g.insert(0, rng.choice([c for c in T.CN_GIVEN if c != g[0]]))
        elif r < 0.3:  # 李克强 -> 李强
            del g[rng.randrange(2)]
        else:
            i = rng.randrange(2)
            g[i] = rng.choice([c for c in T.CN_GIVEN if c not in g])
        q["given"] = "".join(g)
    elif nat == "RU":
        r = rng.random()
        if r < 0.5:  # same surname and first name, different father
            while q["patronymic"] == p["patronymic"]:
                q["patronymic"] = ru_patronymic(rng.choice(T.RU_GIVEN_M), p["sex"])
        else:  # same surname and patronymic, different first name
            pool = T.RU_GIVEN_M if p["sex"] == "M" else T.RU_GIVEN_F
            q["given"] = rng.choice([g for g in pool if g != p["given"]])
    return q


# ---------------------------------------------------------------------------
# noise
# ---------------------------------------------------------------------------
OCR = {
    "O": "0",
    "o": "0",
    "I": "1",
    "l": "1",
    "i": "1",
    "S": "5",
    "B": "8",
    "Z": "2",
    "G": "6",
    "О": "0",
    "З": "3",
    "б": "6",
    "Ч": "4",
}
HANGUL_VOWEL_CONFUSION = {
    "ㅐ": "ㅔ",
    "ㅔ": "ㅐ",
    "ㅓ": "ㅗ",
    "ㅗ": "ㅓ",
    "ㅕ": "ㅛ",
    "ㅛ": "ㅕ",
    "ㅡ": "ㅜ",
    "ㅜ": "ㅡ",
}


def _script(s: str) -> str:
    for c in s:
        if "\uac00" <= c <= "\ud7a3":
            return "hangul"
        if "\u4e00" <= c <= "\u9fff":
            return "han"
        if "\u0400" <= c <= "\u04ff":
            return "cyrillic"
    return "latin"


def add_noise(s: str, rng: random.Random) -> tuple[str, str | None]:
    script = _script(s)
    if script == "han":
        return s, None  # no noise model for characters
    if script == "hangul":
        idx = [i for i, c in enumerate(s) if "\uac00" <= c <= "\ud7a3"]
        for _ in range(4):
            i = rng.choice(idx)
            a, b, c = hangul_decompose(s[i])
            if b in HANGUL_VOWEL_CONFUSION:
                return s[:i] + hangul_compose(a, HANGUL_VOWEL_CONFUSION[b], c) + s[i + 1 :], "typo"
        return s, None
    tokens = s.split()
    kind = rng.choice(["typo", "typo", "ocr", "missing", "initials"])
    if kind == "missing" and len(tokens) >= 3:
        del tokens[rng.randrange(1, len(tokens))]
        return " ".join(tokens), "missing"
    if kind == "initials" and len(tokens) >= 2:
        i = rng.randrange(1, len(tokens))
        tokens[i] = tokens[i][0] + "."
        return " ".join(tokens), "initials"
    if kind == "ocr":
        pos = [i for i, c in enumerate(s) if c in OCR]
        if pos:
            i = rng.choice(pos)
            return s[:i] + OCR[s[i]] + s[i + 1 :], "ocr"
    letters = [i for i, c in enumerate(s) if c.isalpha()]
    i = rng.choice(letters[1:] or letters)
    op = rng.choice(["delete", "swap", "double", "sub"])
    if op == "delete":
        out = s[:i] + s[i + 1 :]
    elif op == "swap" and i + 1 < len(s) and s[i + 1].isalpha():
        out = s[:i] + s[i + 1] + s[i] + s[i + 2 :]
    elif op == "double":
        out = s[:i] + s[i] + s[i:]
    else:
        alphabet = sorted({c.lower() for c in s if c.isalpha()})
        c = rng.choice(alphabet)
        out = s[:i] + (c.upper() if s[i].isupper() else c) + s[i + 1 :]
    return out, "typo"


# ---------------------------------------------------------------------------
# dates of birth
# ---------------------------------------------------------------------------
def random_dob(rng: random.Random) -> dt.date:
    return dt.date(1950, 1, 1) + dt.timedelta(days=rng.randrange(365 * 50))


def query_dob(d: dt.date, rng: random.Random) -> tuple[str | None, str]:
    r = rng.random()
    if r < 0.45:
        return d.isoformat(), "exact"
    if r < 0.60:
        return str(d.year), "year-only"
    if r < 0.70 and d.day <= 12 and d.day != d.month:
        return f"{d.year:04d}-{d.day:02d}-{d.month:02d}", "day-month-swap"
    if r < 0.80:
        return f"{d.year:04d}-01-01", "placeholder-01-01"
    if r < 0.85:
        return f"{d.year + rng.choice((-1, 1)):04d}-{d.month:02d}-{d.day:02d}", "year-off-by-one"
    return None, "missing"


# ---------------------------------------------------------------------------
def person_key(p: dict) -> str:
    return unicodedata.normalize("NFC", p["nat"] + ":" + native(p))


def build_references(
    identities: int, rng: random.Random, *, unique: bool = True, nats: list[str] | None = None
) -> tuple[list[dict], list[dict], set[str]]:
    """The watch list: ``identities`` persons, nationalities in turn, native names only."""
    nats = nats or NATS
    refs: list[dict] = []
    persons: list[dict] = []
    seen: set[str] = set()
    tries = 0
    while len(refs) < identities:
        nat = nats[len(refs) % len(nats)]
        p = make_person(nat, rng)
        k = person_key(p)
        tries += 1
        if unique and k in seen:
            if tries > identities * 50:
                raise SystemExit("name space exhausted: lower --identities or pass --allow-homonyms")
            continue
        seen.add(k)
        p["dob"] = random_dob(rng)
        rid = f"R{len(refs):07d}"
        p["id"] = rid
        persons.append(p)
        refs.append(
            {
                "id": rid,
                "names": [native(p)],
                "birth_date": p["dob"].isoformat(),
                "nationalities": [nat],
                "sex": p["sex"],
            }
        )
    return refs, persons, seen


def render_unlike(q: dict, like: dict, rng: random.Random) -> tuple[str, str]:
    """``(kind, name)``: a rendering of the negative ``q`` that is not also the same rendering of the
    listed person ``like`` it was made from. A hard negative that differs only in a part the rendering
    leaves out (Гагарин Юрий Петрович rendered without the patronymic, Nguyễn Đức An without the
    middle name) is written exactly as the listed person would be: an alert on it is right, not false."""
    render = RENDER[q["nat"]]
    for _ in range(20):
        kind = rng.choice(KINDS[q["nat"]])
        seed = rng.getrandbits(32)
        name = render(q, kind, random.Random(seed))
        if name.casefold() != render(like, kind, random.Random(seed)).casefold():
            return kind, name
    raise ValueError("no rendering tells the negative from the listed person")


def make_query(
    p: dict,
    truth: str | None,
    negative: str | None,
    near: str | None,
    dob: dt.date,
    rng: random.Random,
    noise: float,
    like: dict | None = None,
) -> dict:
    if like is not None:
        kind, name = render_unlike(p, like, rng)
    else:
        kind = rng.choice(KINDS[p["nat"]])
        name = RENDER[p["nat"]](p, kind, rng)
    applied = None
    if rng.random() < noise:
        name, applied = add_noise(name, rng)
    if truth:
        bd, bd_kind = query_dob(dob, rng)
    else:
        bd, bd_kind = (dob.isoformat() if rng.random() < 0.6 else None), "other-person"
    return {
        "id": "",
        "names": [name],
        "birth_date": bd,
        "nationalities": [p["nat"]] if rng.random() < 0.6 else [],
        "sex": p["sex"] if rng.random() < 0.7 else None,
        "truth": truth,
        "nat": p["nat"],
        "kind": kind,
        "noise": applied,
        "negative": negative,
        "near": near,
        "dob_kind": bd_kind,
    }


def query_of_type(
    t: str, persons: list[dict], seen: set[str], rng: random.Random, noise: float, nats: list[str] | None = None
) -> dict:
    """One query: t = "listed" (a rendering of a listed person), "hard" (a different person sharing
    surname and a given syllable with a listed one) or "random" (an unrelated person)."""
    if t == "listed":
        p = rng.choice(persons)
        return make_query(p, p["id"], None, None, p["dob"], rng, noise)
    while True:
        like = None
        if t == "hard":
            like = rng.choice(persons)
            q = hard_negative(like, rng)
            near = like["id"]
        else:
            q = make_person(rng.choice(nats or NATS), rng)
            near = None
        if person_key(q) not in seen:  # a listed name would not be a negative
            return make_query(q, None, t, near, random_dob(rng), rng, noise, like)


def generate(
    identities: int,
    queries: int,
    seed: int,
    *,
    hard_frac: float = 0.25,
    random_frac: float = 0.15,
    noise: float = 0.25,
    unique: bool = True,
    nats: list[str] | None = None,
) -> tuple[list[dict], list[dict]]:
    rng = random.Random(seed)
    refs, persons, seen = build_references(identities, rng, unique=unique, nats=nats)
    n_hard = int(queries * hard_frac)
    n_rand = int(queries * random_frac)
    types = ["listed"] * (queries - n_hard - n_rand) + ["hard"] * n_hard + ["random"] * n_rand
    out = [query_of_type(t, persons, seen, rng, noise, nats) for t in types]
    rng.shuffle(out)
    for i, q in enumerate(out):
        q["id"] = f"Q{i:07d}"
    return refs, out


def write_jsonl(path: Path, rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--identities", type=int, default=2000, help="reference-list size")
    ap.add_argument("--queries", type=int, default=1500)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--hard-frac", type=float, default=0.25)
    ap.add_argument("--random-frac", type=float, default=0.15)
    ap.add_argument("--noise", type=float, default=0.25, help="share of queries with one noise edit")
    ap.add_argument("--allow-homonyms", action="store_true", help="allow identical native names in the list")
    ap.add_argument("--out", type=Path, default=Path("benchmarks/namematch/out"))
    a = ap.parse_args()
    refs, qs = generate(
        a.identities,
        a.queries,
        a.seed,
        hard_frac=a.hard_frac,
        random_frac=a.random_frac,
        noise=a.noise,
        unique=not a.allow_homonyms,
    )
    a.out.mkdir(parents=True, exist_ok=True)
    write_jsonl(a.out / "references.jsonl", refs)
    write_jsonl(a.out / "queries.jsonl", qs)
    print(f"wrote {len(refs)} references and {len(qs)} queries to {a.out}")


if __name__ == "__main__":
    main()
