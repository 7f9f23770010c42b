"""namematch 2.0 (issue 15): the birth-date policy, readings gated by plausibility, alignments that do not
pair colliding parts across each other, and machine codes on every explanation. Built from public names."""

from __future__ import annotations

import pytest

from namematch import ALGORITHM, DEFAULT_THRESHOLD, DOB_UNRELIABLE, Index, Record, compare
from namematch.cli import main


def rec(name: str, birth: str | None = None, nat: str | None = None, sex: str | None = None, rid: str = "x") -> Record:
    return Record(id=rid, names=[name], birth_date=birth, nationalities=[nat] if nat else [], sex=sex)


def test_algorithm_version() -> None:
    assert ALGORITHM == "namematch-xs/2.4"


# -- 1. birth dates separate namesakes ---------------------------------------------------------------------
NAMESAKES = [
    ("Nguyễn Văn Hùng", "NGUYEN VAN HUNG", "VN"),
    ("김정은", "KIM JONGUN", "KR"),
    ("习近平", "XI JINPING", "CN"),
    ("Иванов Сергей Петрович", "IVANOV SERGEI", "RU"),
]


@pytest.mark.parametrize(("listed", "passport", "nat"), NAMESAKES)
def test_full_dates_years_apart_bring_a_perfect_name_below_the_threshold(listed: str, passport: str, nat: str) -> None:
    same = compare(rec(listed, "1980-03-02", nat, "M"), rec(passport, "1980-03-02", nat, "M"))
    assert same.score >= DEFAULT_THRESHOLD
    apart = compare(rec(listed, "1980-03-02", nat, "M"), rec(passport, "1995-07-11", nat, "M"))
    assert apart.score < DEFAULT_THRESHOLD
    (dob,) = [e for e in apart.explanation if e.feature == "birth date"]
    assert dob.code == "dob_apart" and dob.args["years"] == 15
    assert "born 15 years apart" in dob.text
    # "dates of birth may be false": kept above the threshold, ranked below the same name with the same date
    kept = compare(
        rec(listed, "1980-03-02", nat, "M"), rec(passport, "1995-07-11", nat, "M"), dob_policy=DOB_UNRELIABLE
    )
    assert DEFAULT_THRESHOLD <= kept.score < same.score
    assert [e.args.get("policy") for e in kept.explanation if e.code == "dob_apart"] == [DOB_UNRELIABLE]


@pytest.mark.parametrize(
    ("b", "code"),
    [
        ("1980-03-02", "dob_equal"),
        ("1980-02-03", "dob_day_month_swapped"),
        ("1980-03-12", "dob_one_digit"),  # one digit
        ("1986-03-02", "dob_one_digit"),
        ("1908-03-02", "dob_one_digit"),  # two neighbouring digits swapped
        ("1980", "dob_year_equal"),
        ("1981-03-02", "dob_one_digit"),
        ("1979-03-02", "dob_year_off_by_one"),
    ],
)
def test_typos_and_swaps_keep_the_match(b: str, code: str) -> None:
    m = compare(rec("Nguyễn Văn Hùng", "1980-03-02", "VN"), rec("NGUYEN VAN HUNG", b, "VN"))
    assert m.score >= DEFAULT_THRESHOLD, (b, str(m.explanation))
    assert code in m.explanation.codes()


def test_same_year_other_day_is_another_person() -> None:
    m = compare(rec("김정은", "1984-01-08", "KR"), rec("KIM JONGUN", "1984-07-25", "KR"))
    assert m.score < DEFAULT_THRESHOLD
    assert "dob_same_year_other_day" in m.explanation.codes()


def test_year_only_far_apart_is_another_person() -> None:
    assert compare(rec("김정은", "1984", "KR"), rec("KIM JONGUN", "1990-05-05", "KR")).score < DEFAULT_THRESHOLD


def test_index_query_and_cli_take_the_policy() -> None:
    idx = Index([rec("Nguyễn Văn Hùng", "1980-03-02", "VN", "M", rid="w1")])
    q = rec("NGUYEN VAN HUNG", "1995-07-11", "VN", "M", rid="q")
    assert idx.query(q) == []
    (hit,) = idx.query(q, dob_policy=DOB_UNRELIABLE)
    assert hit.algorithm == ALGORITHM and "dob_apart" in hit.explanation.codes()
    with pytest.raises(ValueError):
        idx.query(q, dob_policy="sometimes")
    import io

    out = io.StringIO()
    argv = ["compare", "Nguyễn Văn Hùng", "NGUYEN VAN HUNG", "--birth-date-a", "1980-03-02", "--birth-date-b"]
    assert main([*argv, "1995-07-11"], stdout=out) == 0
    assert "no match" in out.getvalue() and "born 15 years apart" in out.getvalue()
    out = io.StringIO()
    assert main([*argv, "1995-07-11", "--dob-policy", "unreliable"], stdout=out) == 0
    assert "possible match" in out.getvalue()


# -- 2. readings gated by plausibility ----------------------------------------------------------------------
IMPLAUSIBLE = [
    # (Latin or Hangul name, its nationality, name in characters, its nationality): the reading that matched
    ("Luong Cuong", "VN", "敬丽娟", "CN"),  # Korean reading of a Chinese name
    ("GAO JIAN", "CN", "梁浩", "CN"),  # Korean reading (and a PRC passport is pinyin)
    ("JI LU", "CN", "徐柳", "CN"),  # Cantonese against a PRC passport
    ("ZHANG LIANG", "CN", "蒋亮", "CN"),  # 蒋 is jiang: a PRC passport spells its pinyin
    ("Jiang Jieshi", "CN", "이서연", "KR"),  # a Korean's Hangul name read as a transcription of Chinese
]


@pytest.mark.parametrize(("a", "na", "b", "nb"), IMPLAUSIBLE)
def test_readings_that_do_not_belong_to_the_record_are_not_evidence(a: str, na: str, b: str, nb: str) -> None:
    assert compare(rec(a, nat=na), rec(b, nat=nb)).score < DEFAULT_THRESHOLD


PLAUSIBLE = [
    ("ZHANG LIANG", "CN", "张亮", "CN"),
    ("LYU XIAOMING", "CN", "吕小明", "CN"),  # ü written YU on PRC passports
    ("XI JINPING", "CN", "习近平", "CN"),
    ("NGUYEN VAN HUNG", "VN", "阮文雄", "VN"),  # Sino-Vietnamese for a Vietnamese record
    ("KIM YOUNGSAM", "KR", "金泳三", "KR"),  # Korean reading for a Korean record
    ("Chu Dung Cơ", None, "朱镕基", "CN"),  # Vietnamese letters: the Sino-Vietnamese reading is the Vietnamese name
    ("LEUNG CHIU WAI", "HK", "梁朝伟", "HK"),  # Cantonese for a Hong Kong record
    ("시진핑", "CN", "习近平", "CN"),  # a Chinese name in Hangul transcription
    ("Jiang Jieshi", "CN", "장제스", "CN"),
    ("원자바오", None, "温家宝", "CN"),  # 원 is wen in the Korean transcription of Chinese
]


@pytest.mark.parametrize(("a", "na", "b", "nb"), PLAUSIBLE)
def test_plausible_readings_still_match(a: str, na: str | None, b: str, nb: str) -> None:
    assert compare(rec(a, nat=na), rec(b, nat=nb)).score >= DEFAULT_THRESHOLD


def test_hangul_transcription_tells_h_from_g() -> None:
    # 허룽 is He Long (贺龙); 古龙 is Gu Long: the skeleton merges h and g, the Hangul does not
    assert compare(rec("허룽"), rec("古龙")).score < DEFAULT_THRESHOLD
    assert compare(rec("허룽"), rec("贺龙")).score >= DEFAULT_THRESHOLD


# -- 3. colliding parts are not paired across each other ----------------------------------------------------
@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("陈文清", "Chen Wenqing"),
        ("陈文清", "Wenqing Chen"),
        ("陈明清", "Chen Mingqing"),
        ("王文清", "Wang Wenqing"),
        ("杨洁篪", "양제츠"),
        ("陈清", "Chen Qing"),
    ],
)
def test_parts_whose_sounds_collide_are_aligned_in_place(a: str, b: str) -> None:
    assert compare(rec(a), rec(b)).score >= 0.95


# -- 6. machine codes for officers' explanations --------------------------------------------------------------
def test_every_explanation_item_has_a_code_and_the_name_says_how() -> None:
    m = compare(rec("Nguyễn Văn Hùng", "1980-03-02", "VN", "M"), rec("NGUYEN VAN HUNG", "1980-03-02", "VN", "M"))
    assert all(e.code for e in m.explanation)
    summary = m.explanation.summary()
    assert summary[0] == (
        "names_agree",
        {
            "a": "Nguyễn Văn Hùng",
            "b": "NGUYEN VAN HUNG",
            "how": "latin_of_vietnamese",
            "score": 1.0,
            "reading_a": "Latin",
            "reading_b": "Latin",
        },
    )
    assert [c for c, _p in summary[1:]] == ["dob_equal", "sex_equal", "nationality_equal"]
    d = m.explanation.as_dict()["evidence"][0]
    assert d["code"] == "names_agree" and d["params"]["how"] == "latin_of_vietnamese"
    assert compare(rec("김영삼"), rec("Kim Young-sam")).explanation[0].args["how"] == "latin_of_korean"
    assert compare(rec("习近平"), rec("시진핑")).explanation[0].args["how"] == "hangul_of_chinese"


@pytest.mark.parametrize(
    ("a", "na", "b", "nb", "agree"),
    [
        ("Wen Li", None, "李鹏", "CN", False),  # w is never p, whatever the romanisation
        ("Li Peng", None, "李鹏", "CN", True),
        ("Hu Yaobang", None, "胡耀邦", None, True),
        ("黎氏安", None, "Lê Duẩn", "VN", False),  # two characters are not one Vietnamese syllable
        ("杜梅", None, "Đỗ Mười", "VN", True),  # a character for its sound, part for part
        ("CHANG HSIAOMING", "CN", "张小明", "CN", True),  # Wade–Giles on a Chinese citizen's record
        ("CHAN TAI MAN", "HK", "陈大文", "HK", True),  # Cantonese by sound for a Hong Kong record
        ("CHAN SAN", "CN", "陈新", "CN", True),  # Cantonese spelt as Cantonese on a Chinese citizen's record
    ],
)
def test_romanisations_checked_as_spelt_where_the_record_says_how(
    a: str, na: str | None, b: str, nb: str | None, agree: bool
) -> None:
    assert (compare(rec(a, nat=na), rec(b, nat=nb)).score >= DEFAULT_THRESHOLD) is agree


@pytest.mark.parametrize(
    ("a", "b", "agree"),
    [
        ("KANG WONJEONG", "한균준", False),  # ㅎ is h in every romanisation of Korean, never k
        ("KANG WONJEONG", "강원정", True),
        ("HWANG KYOAHN", "황교안", True),  # not HWANG = 교안 by sound, crossing the parts
        ("PYUN WOO", "변우", True),
        ("WON BIN", "원빈", True),
        ("BAN KIMOON", "반기문", True),
    ],
)
def test_latin_against_korean_keeps_h_k_p_apart(a: str, b: str, agree: bool) -> None:
    assert (compare(rec(a, nat="KR"), rec(b, nat="KR")).score >= DEFAULT_THRESHOLD) is agree
