"""A realistic arrivals list screened against a native-script wanted list (issue 15).

    python benchmarks/namematch/arrivals.py --seed 101 --out benchmarks/namematch/out/arrivals

The **wanted list** holds persons drawn per nationality (VN, KR, CN, RU) from the frequency tables of
``tables.py`` (sources named there: Lê Trung Hoa 2005 for Vietnamese surnames, Statistics Korea's 2015
census for Korean surnames, the Ministry of Public Security's household-registration name report for
Chinese surnames, Zhuravlev's ranking of Russian surnames), each with their **native name only**
(Vietnamese with diacritics, Hangul, simplified characters, Cyrillic with patronymic), sex, nationality and
a full date of birth (10 % year only, as some notices give).

The **arrivals list** is what a border or airline list holds: the name as the passport's visual zone
spells it, upper case, with a full date of birth, sex and nationality:

* Vietnamese: the name without diacritics (đ → D), family name first — the Vietnamese passport;
* Korean: the customary surname spelling (Kim, Lee, Park, Choi …: the first listed in
  ``tables.KR_SURNAME_INFO`` most often) and the given name in Revised Romanization, written joined
  (``KIM MINJUN``) or with a hyphen or space; a quarter with an older customary spelling of a syllable
  (``YOUNG``, ``EUN`` → ``UN``, ``EE``) — the spellings Korean passports carry;
* Chinese: pinyin without tones, given name joined (``ZHANG XIAOMING``) — the PRC passport;
* Russian: surname and given name by ICAO Doc 9303 (the Russian passport's table since 2014), no
  patronymic (the international passport prints none in Latin).

Three groups of arrivals, labelled:

* **planted**: a wanted person, passport spelling, the date of birth in one of five variants in turn —
  ``exact``, ``missing``, ``year-only``, ``day-month-swap`` (only where the day is 1–12 and differs from
  the month), ``one-digit-off`` (one digit of YYYYMMDD changed, still a valid date);
* **namesake**: another person with the same native name, nationality and sex as a wanted person, born
  at least 3 years before or after — the common case on real lists (38 % of Vietnamese are Nguyễn);
* **unrelated**: other travellers drawn from the same tables; one whose native name, nationality and sex
  equal a wanted person's is a namesake and is not used here.

Seeds: ``DEV_SEEDS`` may be looked at while developing; ``HELD_OUT_SEEDS`` are only reported on.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import tables as T
from generate import NATS, make_person, person_key
from render import ICAO, customary_syllable, native, rr_syllable, ru_latin, strip_marks

DEV_SEEDS = (1, 2, 3)  # development: look at these
HELD_OUT_SEEDS = (101, 102, 103)  # report only: never tune on these
DATE_VARIANTS = ("exact", "missing", "year-only", "day-month-swap", "one-digit-off")
MIN_YEARS_APART = 3


def passport_name(p: dict, rng: random.Random) -> str:
    """The name as the passport's Latin line spells it (see the module's docstring)."""
    nat = p["nat"]
    if nat == "VN":
        return strip_marks(native(p)).upper()
    if nat == "KR":
        _hanja, customary, _cyr = T.KR_SURNAME_INFO[p["surname"]]
        sur = customary[0] if rng.random() < 0.8 else rng.choice(customary)
        sylls = [rr_syllable(s) for s in p["given"]]
        if rng.random() < 0.25:
            sylls = [customary_syllable(s, rng) for s in sylls]
        style = rng.random()
        given = "".join(sylls) if style < 0.7 else ("-".join(sylls) if style < 0.85 else " ".join(sylls))
        return f"{sur} {given}".upper()
    if nat == "CN":
        sur = T.CN_CHARS[p["surname"]][1] if p["surname"] in T.CN_CHARS else None
        if sur is None:  # a surname not in the character table
            raise KeyError(p["surname"])
        given = "".join(T.CN_CHARS[c][1] for c in p["given"])
        return f"{sur} {given}".upper().replace("V", "U")  # ü is written U (LYU rarely)
    if nat == "RU":
        return f"{ru_latin(p['surname'], ICAO, 'icao')} {ru_latin(p['given'], ICAO, 'icao')}".upper()
    raise ValueError(nat)


def _dob(rng: random.Random, lo: int = 1950, hi: int = 2002) -> dt.date:
    start = dt.date(lo, 1, 1)
    return start + dt.timedelta(days=rng.randrange((dt.date(hi, 12, 31) - start).days))


def _one_digit_off(d: dt.date, rng: random.Random) -> dt.date:
    s = d.strftime("%Y%m%d")
    for _ in range(200):
        i = rng.randrange(2, 8)  # not the century
        c = rng.choice([x for x in "0123456789" if x != s[i]])
        t = s[:i] + c + s[i + 1 :]
        try:
            d2 = dt.date(int(t[:4]), int(t[4:6]), int(t[6:]))
        except ValueError:
            continue
        if d2.year <= 2010 and (d2.month, d2.day) != (d.day, d.month):
            return d2
    raise ValueError("no one-digit variant")


def _person(nat: str, rng: random.Random, sex: str | None = None) -> dict:
    while True:
        p = make_person(nat, rng, sex)
        if nat != "CN" or (p["surname"] in T.CN_CHARS and all(c in T.CN_CHARS for c in p["given"])):
            return p


def wanted_list(n: int, rng: random.Random) -> list[dict]:
    out = []
    for i in range(n):
        p = _person(NATS[i % len(NATS)], rng)
        p["dob"] = _dob(rng)
        p["id"] = f"W{i:06d}"
        p["dob_written"] = str(p["dob"].year) if rng.random() < 0.10 else p["dob"].isoformat()
        out.append(p)
    return out


def _row(p: dict, rng: random.Random, birth_date: str | None, **label: object) -> dict:
    return {
        "id": "",
        "names": [passport_name(p, rng)],
        "birth_date": birth_date,
        "nationalities": [p["nat"]],
        "sex": p["sex"],
        "nat": p["nat"],
        "kind": "passport",
        "noise": None,
        "truth": None,
        "negative": None,
        "near": None,
        **label,
    }


def planted(p: dict, variant: str, rng: random.Random) -> dict:
    d = p["dob"]
    bd: str | None
    if variant == "exact":
        bd = d.isoformat()
    elif variant == "missing":
        bd = None
    elif variant == "year-only":
        bd = str(d.year)
    elif variant == "day-month-swap":
        bd = f"{d.year:04d}-{d.day:02d}-{d.month:02d}"
    else:
        bd = _one_digit_off(d, rng).isoformat()
    return _row(p, rng, bd, truth=p["id"], group="planted", dob_kind=variant)


def namesake(p: dict, rng: random.Random) -> dict:
    q = {k: (list(v) if isinstance(v, list) else v) for k, v in p.items() if k not in ("dob", "id", "dob_written")}
    while True:
        d = _dob(rng, 1940, 2006)
        if abs(d.year - p["dob"].year) >= MIN_YEARS_APART:
            break
    return _row(q, rng, d.isoformat(), negative="namesake", near=p["id"], group="namesake", dob_kind="other-person")


def unrelated(rng: random.Random, taken: set[str]) -> dict:
    while True:
        p = _person(rng.choice(NATS), rng)
        if person_key(p) + p["sex"] not in taken:
            return _row(p, rng, _dob(rng).isoformat(), negative="unrelated", group="unrelated", dob_kind="other-person")


def generate(
    seed: int, wanted: int = 400, n_planted: int = 200, n_namesakes: int = 200, n_unrelated: int = 600
) -> tuple[list[dict], list[dict]]:
    """``(wanted list, arrivals)`` as benchmark records (run.py's arms read ``id``, ``names``,
    ``birth_date``, ``nationalities``, ``sex``; the rest are labels)."""
    rng = random.Random(seed)
    persons = wanted_list(wanted, rng)
    taken = {person_key(p) + p["sex"] for p in persons}
    swappable = [p for p in persons if p["dob"].day <= 12 and p["dob"].day != p["dob"].month]
    rows = []
    for i in range(n_planted):
        variant = DATE_VARIANTS[i % len(DATE_VARIANTS)]
        p = rng.choice(swappable if variant == "day-month-swap" else persons)
        rows.append(planted(p, variant, rng))
    rows += [namesake(rng.choice(persons), rng) for _ in range(n_namesakes)]
    rows += [unrelated(rng, taken) for _ in range(n_unrelated)]
    rng.shuffle(rows)
    for i, r in enumerate(rows):
        r["id"] = f"A{seed}-{i:06d}"
    refs = [
        {
            "id": p["id"],
            "names": [native(p)],
            "birth_date": p["dob_written"],
            "nationalities": [p["nat"]],
            "sex": p["sex"],
        }
        for p in persons
    ]
    return refs, rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seed", type=int, default=DEV_SEEDS[0])
    ap.add_argument("--wanted", type=int, default=400)
    ap.add_argument("--planted", type=int, default=200)
    ap.add_argument("--namesakes", type=int, default=200)
    ap.add_argument("--unrelated", type=int, default=600)
    ap.add_argument("--csv", action="store_true", help="also write wanted.csv and arrivals.csv for `namematch screen`")
    ap.add_argument("--out", type=Path, default=Path("benchmarks/namematch/out/arrivals"))
    a = ap.parse_args()
    refs, rows = generate(a.seed, a.wanted, a.planted, a.namesakes, a.unrelated)
    a.out.mkdir(parents=True, exist_ok=True)
    for name, items in (("wanted", refs), ("arrivals", rows)):
        with (a.out / f"{name}.jsonl").open("w", encoding="utf-8") as f:
            for r in items:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
        if a.csv:
            import csv

            with (a.out / f"{name}.csv").open("w", encoding="utf-8", newline="") as f:
                w = csv.writer(f)
                w.writerow(["id", "name", "birth_date", "nationality", "sex"])
                for r in items:
                    w.writerow([r["id"], r["names"][0], r["birth_date"] or "", r["nationalities"][0], r["sex"]])
    print(f"wrote {len(refs)} wanted persons and {len(rows)} arrivals to {a.out} (seed {a.seed})")


if __name__ == "__main__":
    main()
