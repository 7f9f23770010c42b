"""Two classes of false alarm read off held-out parts 1 and 3 of the real-name set (issue 15, decision 0056),
fixed as classes: public names, each test keeping the real renderings.

* Two patronymics paired by their shared ending (-ovna, -evich carry most of the coarse skeleton: Olegovna and
  Yurevna are ``olekopna`` and ``olepna``): they are compared on the father's name.
* A Latin spelling of a Korean name against Hangul read as Korean, matched by a skeleton that merges vowels
  (across joined syllables CHAEYONG and 주영 *juyeong* run into one vowel): each syllable's vowel must be one
  that some romanisation of Korean writes it with.
"""

from __future__ import annotations

import pytest

from namematch import DEFAULT_THRESHOLD, Record, compare


def score(listed: str, nationality: str, query: str) -> float:
    return compare(Record(id="a", names=[listed], nationalities=[nationality]), Record(id="b", names=[query])).score


PATRONYMICS = [
    # (listed, real renderings with the patronymic, the same name with another father's)
    ("Шарапова Мария Юрьевна", ["Maria Yuryevna Sharapova", "SHARAPOVA MARIIA IUREVNA"], "Maria Olegovna Sharapova"),
    ("Лавров Сергей Викторович", ["Sergei Viktorovich Lavrov", "Sergey Victorovich Lavrov"], "Sergei Igorevich Lavrov"),
    ("Гагарин Юрий Алексеевич", ["Yuri Alekseyevich Gagarin", "Yuriy Alexeyevich Gagarin"], "Yuri Olegovich Gagarin"),
    (
        "Громыко Андрей Андреевич",
        ["Andrei Andreyevich Gromyko", "GROMYKO ANDREI ANDREEVICH"],
        "Andrei Yurievich Gromyko",
    ),
]


@pytest.mark.parametrize(("listed", "renderings", "other"), PATRONYMICS)
def test_another_fathers_patronymic_does_not_alert(listed: str, renderings: list[str], other: str) -> None:
    for r in renderings:
        assert score(listed, "RU", r) >= DEFAULT_THRESHOLD, r
    assert score(listed, "RU", other) < DEFAULT_THRESHOLD


def test_a_patronymic_left_out_still_matches() -> None:
    assert score("Шарапова Мария Юрьевна", "RU", "Maria Sharapova") >= DEFAULT_THRESHOLD


KOREAN = [
    # (listed, real renderings: Revised, McCune–Reischauer, customary, joined; a name with other vowels)
    ("정주영", ["Chung Ju-yung", "Jeong Ju-yeong", "Chung Ju-yeong"], "Chong Chae-yong"),
    ("문재인", ["Moon Jae-in", "Mun Jae-in", "MOON JAEIN"], "Moon Joo-in"),
    ("김연아", ["Kim Yuna", "Kim Yu-na", "KIM YUNA", "Gim Yeon-a"], "Kim Yoo-ma"),
    ("이건희", ["Lee Kun-hee", "I Geon-hui", "LEE KUNHEE"], "Lee Kan-hee"),
    ("최규하", ["Choi Kyu-hah", "Ch'oe Kyu-ha", "CHOI KYUHA"], "Choi Kae-ha"),
    ("윤석열", ["Yoon Suk-yeol", "Yun Seok-yeol", "YOON SUKYEOL"], "Yoon Sak-yeol"),
]


GLIDES = [
    # a y glide is written for ㅑ ㅒ ㅕ ㅖ ㅛ ㅠ and no other vowel (a generated hard negative of held-out part 4):
    # (listed, real renderings, a name whose y glide is not the listed syllable's, or is missing from it)
    ("이건희", ["Lee Kun-hee", "I Geon-hui", "LEE KUNHEE"], "Lee Kyun-hee"),
    ("박근혜", ["Park Geun-hye", "Pak Kun-hye", "PARK GEUNHYE"], "Park Gyun-hye"),
    ("김영삼", ["Kim Young-sam", "Gim Yeong-sam", "KIM YOUNGSAM"], "Kim Ong-sam"),
    ("최규하", ["Choi Kyu-hah", "Ch'oe Kyu-ha", "CHOI KYUHA"], "Choi Ku-ha"),
]


@pytest.mark.parametrize(("listed", "renderings", "other"), KOREAN + GLIDES)
def test_korean_vowels_are_checked(listed: str, renderings: list[str], other: str) -> None:
    for r in renderings:
        assert score(listed, "KR", r) >= DEFAULT_THRESHOLD, r
    assert score(listed, "KR", other) < DEFAULT_THRESHOLD


def test_a_run_only_like_a_korean_one_is_checked_as_written() -> None:
    # after the vowel check set YEONG apart from 윤, the retried alignment paired the run OH YEONG with 서윤 by
    # likeness (fuzzy), unchecked: such a pair is now checked as an exact one is (a development seed's alert)
    assert score("서윤수", "KR", "OH YEONG-SU") < 0.5
    assert score("서윤수", "KR", "Seo Yun-su") >= DEFAULT_THRESHOLD
    assert score("서윤수", "KR", "SUH YOONSOO") >= DEFAULT_THRESHOLD


def test_customary_oo_for_u_in_a_diphthong() -> None:
    # the customary oo for u (Moon, Joo) also in ㅢ and ㅟ: 희 HOOI as the generator's passport spellings write it
    assert score("김희희", "KR", "KIM HUIHOOI") >= DEFAULT_THRESHOLD


def test_where_the_glide_tells_nothing_it_is_not_asked_for() -> None:
    # Yi and Yim for 이 and 임; after ㅅ ㅈ ㅊ spellings go both ways (Sye for 세, Revised jeo for 져)
    assert score("이순신", "KR", "Yi Sun-sin") >= DEFAULT_THRESHOLD
    assert score("정세균", "KR", "Chung Sye-kyun") >= DEFAULT_THRESHOLD
    assert score("임꺽정", "KR", "Yim Kkeok-jeong") >= DEFAULT_THRESHOLD


def test_odd_latin_spellings_against_hangul_do_not_break_the_glide_check() -> None:
    # a y then a w before a vowel, a lone y, doubled glides: scored, never an error
    for odd in ("Lee Ywan-hee", "Y Kun-hee", "Lee Yywun-hee", "LEE KUNHEEY"):
        assert 0.0 <= score("이건희", "KR", odd) <= 1.0
