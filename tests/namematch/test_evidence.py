"""Evidence beyond names: birth date, sex, nationality, documents, MRZ."""

from __future__ import annotations

from namematch import Record, compare
from namematch.mrz import check_digit, parse_mrz

# ICAO 9303 specimen (Anna Maria Eriksson, Utopia)
TD3 = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10"
TD1 = "I<UTOD231458907<<<<<<<<<<<<<<<\n7408122F1204159UTO<<<<<<<<<<<6\nERIKSSON<<ANNA<MARIA<<<<<<<<<<"
TD2 = "I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<\nD231458907UTO7408122F1204159<<<<<<<6"


def rec(**kw: object) -> Record:
    base: dict[str, object] = {"id": "x", "names": ["Nguyen Van Thanh"]}
    base.update(kw)
    return Record(**base)  # type: ignore[arg-type]


def features(a: Record, b: Record) -> dict[str, float]:
    return {e.feature: e.delta for e in compare(a, b).explanation if e.feature not in ("name", "name part")}


def test_birth_date_full_year_swapped_placeholder_and_conflict() -> None:
    base = compare(rec(), rec()).score
    assert features(rec(birth_date="1961-10-12"), rec(birth_date="1961-10-12"))["birth date"] > 0
    assert features(rec(birth_date="1961-10-12"), rec(birth_date="1961"))["birth date"] > 0
    assert features(rec(birth_date="1961-10-12"), rec(birth_date="12.10.1961"))["birth date"] > 0
    swapped = compare(rec(birth_date="1961-10-12"), rec(birth_date="1961-12-10")).explanation
    assert any("swapped" in e.text for e in swapped)
    placeholder = compare(rec(birth_date="1961-01-01"), rec(birth_date="1961-10-12")).explanation
    assert any("placeholder" in e.text for e in placeholder)
    far = compare(rec(birth_date="1961-10-12"), rec(birth_date="1985-10-12"))
    assert far.score < base - 0.2
    assert features(rec(birth_date="1961"), rec(birth_date="1962"))["birth date"] < 0


def test_sex_nationality_document() -> None:
    assert features(rec(sex="M"), rec(sex="F"))["sex"] < 0
    assert features(rec(nationalities=["VN"]), rec(nationalities=["VN", "KR"]))["nationality"] > 0
    assert features(rec(nationalities=["VN"]), rec(nationalities=["CN"]))["nationality"] < 0
    assert features(rec(documents=["C1234567"]), rec(documents=["c 123-4567"]))["document"] > 0
    assert features(rec(documents=["C1234567"]), rec(documents=["C1234568"]))["document"] > 0  # one char off
    assert features(rec(documents=["C1234567"]), rec(documents=["B9999999"]))["document"] == 0


def test_document_lifts_a_weak_name_match() -> None:
    a = Record(id="a", names=["Pham Van Dong"], documents=["B7654321"])
    b = Record(id="b", names=["Pham Dong"], documents=["B7654321"])
    assert (
        compare(a, b).score
        > compare(Record(id="a", names=["Pham Van Dong"]), Record(id="b", names=["Pham Dong"])).score
    )


def test_mrz_td3_parsed_and_checked() -> None:
    m = parse_mrz(TD3)
    assert m.kind == "TD3" and m.valid
    assert (m.surname, m.given_names, m.document_number) == ("ERIKSSON", "ANNA MARIA", "L898902C3")
    assert m.birth_date == "1974-08-12" and m.sex == "F" and m.nationality == "UTO"
    assert check_digit("L898902C3") == 6
    bad = parse_mrz(TD3.replace("L898902C36", "L898902C35"))
    assert not bad.valid and not bad.checks["document number"]


def test_mrz_td1_td2() -> None:
    for text, kind in ((TD1, "TD1"), (TD2, "TD2")):
        m = parse_mrz(text)
        assert m.kind == kind
        assert m.document_number == "D23145890"
        assert m.surname == "ERIKSSON" and m.birth_date == "1974-08-12"


def test_mrz_adds_name_birth_date_and_document_to_a_record() -> None:
    q = Record(id="q", names=[], mrz=TD3)
    listed = Record(id="l", names=["Anna Maria Eriksson"], birth_date="1974-08-12", documents=["L898902C3"])
    m = compare(q, listed)
    assert m.score >= 0.99
    feats = m.explanation.features()
    assert "document" in feats and "birth date" in feats


def test_mrz_with_bad_check_digit_is_reported() -> None:
    q = Record(id="q", names=["Anna Eriksson"], mrz=TD3.replace("7408122F", "7408121F"))
    m = compare(q, Record(id="l", names=["Anna Maria Eriksson"]))
    assert any(e.feature == "mrz" and "check digit failed" in e.text for e in m.explanation)


def test_extra_delta_is_the_sum_of_the_explained_evidence() -> None:
    """The screening hot path adds the evidence up without building it; both must agree exactly."""
    from itertools import product

    from namematch.features import PreparedRecord, extra_delta, other_evidence

    births = [
        None,
        "1961",
        "1962",
        "1970",
        "1961-10",
        "1961-10-12",
        "1961-12-10",
        "1961-10-30",
        "1961-01-01",
        "1961-03-04",
    ]
    sexes = [None, "M", "F"]
    nats = [[], ["VN"], ["CN"], ["VN", "KR"]]
    docs = [[], ["C1234567"], ["C1234568"], ["B9999999"]]
    a_side = [PreparedRecord(rec(birth_date=b, sex=s)) for b, s in product(births, sexes)]
    b_side = [PreparedRecord(rec(nationalities=n, documents=d)) for n, d in product(nats, docs)]
    c_side = [
        PreparedRecord(rec(birth_date=b, nationalities=n, documents=d)) for b, n, d in product(births, nats, docs)
    ]
    pairs = [(x, y) for x in a_side for y in a_side] + [(x, y) for x in b_side for y in b_side]
    pairs += [(x, y) for x in c_side for y in c_side[::7]]
    assert len(pairs) > 1000
    for x, y in pairs:
        assert extra_delta(x, y) == sum(e.delta for e in other_evidence(x, y))
