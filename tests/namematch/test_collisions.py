"""Classes of false alarm found by growing the development set's negatives (issue 15): parts whose coarse
skeletons collide although their writing tells them apart. Public names; each test keeps the real rendering."""

from __future__ import annotations

import pytest

from namematch import DEFAULT_THRESHOLD, Record, compare


def score(a: str, b: str) -> float:
    return compare(Record(id="a", names=[a]), Record(id="b", names=[b])).score


# (listed name, its real rendering, a different person's name whose skeleton collides with it)
CASES = [
    # a run of characters against fewer Latin syllables: 马英 (two syllables) is not Minh, 胡耀 is not Hồ
    ("马英九", "Ma Ying-jeou", "Do Minh"),
    ("胡耀邦", "Hu Yaobang", "Hồ Bang"),
    # two patronymics paired only by a faint likeness: different fathers
    ("Гагарин Юрий Алексеевич", "GAGARIN IURII ALEKSEEVICH", "GAGARIN IURII ANDREEVICH"),
    # the Sino-Vietnamese reading against a Vietnamese spelling: 俊 tuấn is not Duẩn (黎笋 is Lê Duẩn)
    ("黎笋", "Lê Duẩn", "黎俊"),
    # the Korean and Cantonese readings keep h apart from g/k: 奇 기 gi / kei is not HUI
    ("刘少奇", "Liu Shaoqi", "Liu Shao-hui"),
    # Hangul read as a transcription is not compared with the Korean reading of the characters
    ("刘少奇", "류사오치", "류사오하이"),
]


@pytest.mark.parametrize(("listed", "rendering", "other"), CASES)
def test_colliding_skeletons_do_not_alert(listed: str, rendering: str, other: str) -> None:
    assert score(listed, rendering) >= DEFAULT_THRESHOLD
    assert score(listed, other) < DEFAULT_THRESHOLD


def test_a_character_used_for_its_sound_still_matches() -> None:
    # 杜梅 is Đỗ Mười (梅 read mai): the same initial letter, so part for part it is not checked as spelt
    assert score("Đỗ Mười", "杜梅") >= DEFAULT_THRESHOLD


def test_vowel_initial_syllables_may_run_together() -> None:
    # 재인 spelt JAEIN shows one vowel group for two syllables
    assert score("문재인", "MOON JAEIN") >= DEFAULT_THRESHOLD
    assert score("赵紫阳", "Чжао Цзыян") >= DEFAULT_THRESHOLD  # in Cyrillic every vowel letter is a syllable


def kr_score(listed: str, other: str) -> float:
    return compare(Record(id="a", names=[listed], nationalities=["KR"]), Record(id="b", names=[other])).score


# a Korean's name (the record says KR, so Hangul is read as Korean) against Latin and Cyrillic spellings whose
# leads every romanisation keeps apart: ㄱ is g/k (never h, j), ㅎ is h (Cyrillic х), ㅈ is j/ch
KOREAN = [
    ("정세균", "CHUNG SYEKYUN", "JEONG SEHYUN"),  # 정세현 Jeong Se-hyun, another minister: 균 is not HYUN
    ("정세균", "Чон Се Гюн", "Чон Се Хён"),
    ("박근혜", "PARK GEUNHYE", "Bak Jeong-hui"),  # 박정희 Park Chung-hee, her father: 근 is not JEONG
]


@pytest.mark.parametrize(("listed", "rendering", "other"), KOREAN)
def test_korean_leads_are_kept_apart(listed: str, rendering: str, other: str) -> None:
    assert kr_score(listed, rendering) >= DEFAULT_THRESHOLD
    assert kr_score(listed, other) < DEFAULT_THRESHOLD
