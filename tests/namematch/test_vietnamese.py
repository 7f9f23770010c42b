"""Korean transcription of Vietnamese syllables (NIKL rules, with the popular spellings)."""

from __future__ import annotations

import pytest

from namematch.vietnamese import hangul_spellings, run_spellings

# (syllable, the NIKL spelling): the examples the rules give and the names the development set holds
OFFICIAL = [
    ("Nguyễn", "응우옌"),
    ("Trần", "쩐"),
    ("Thanh", "타인"),
    ("Đình", "딘"),
    ("Quang", "꽝"),
    ("Diệm", "지엠"),
    ("Triết", "찌엣"),
    ("Mười", "므어이"),
    ("Lương", "르엉"),
    ("Duẩn", "주언"),
    ("Giáp", "잡"),
    ("Nhung", "늉"),
    ("Ngọc", "응옥"),
    ("Xuân", "쑤언"),
    ("Huỳnh", "후인"),
    ("Yến", "옌"),
    ("Phiêu", "피에우"),
    ("Chí", "찌"),
    ("Việt", "비엣"),
    ("Oanh", "오아인"),
    ("Quốc", "꾸옥"),
]


@pytest.mark.parametrize(("word", "hangul"), OFFICIAL)
def test_the_official_spelling_comes_first(word: str, hangul: str) -> None:
    assert hangul_spellings(word)[0] == hangul


def test_popular_spellings_are_also_accepted() -> None:
    assert "치" in hangul_spellings("Chí")  # 호치민
    assert "탄" in hangul_spellings("Thanh")
    assert "구엔" in hangul_spellings("Nguyễn")
    assert "꿘" in hangul_spellings("Quân") and "꾸언" in hangul_spellings("Quân")


def test_aspiration_and_d_are_kept_apart() -> None:
    assert "딘" not in hangul_spellings("Thanh")
    assert "타인" not in hangul_spellings("Đình")
    assert not set(hangul_spellings("Đức")) & set(hangul_spellings("Thức"))


def test_a_word_that_is_not_one_vietnamese_syllable_has_no_spelling() -> None:
    assert hangul_spellings("Gorbachev") == ()
    assert hangul_spellings("") == ()
    assert run_spellings(("Hồ", "Gorbachev")) == set()
    assert "호찌민" in run_spellings(("Hồ", "Chí", "Minh"))
