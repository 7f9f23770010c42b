"""Transcriptions between non-Latin scripts read back by their own tables (issue 15): Chinese transcriptions of
Russian names by Xinhua's Russian–Chinese table (soft consonants written with Mandarin's palatal initials), and
Russian spellings of Vietnamese syllables (the practical transcription's soft т, the older French-based ш).
Public names (Pushkin, Gagarin and Chekhov are also in the development set; none is in a held-out part)."""

from __future__ import annotations

import pytest

from namematch import DEFAULT_THRESHOLD, Record, compare, han


def score(a: str, b: str) -> float:
    return compare(Record(id="a", names=[a]), Record(id="b", names=[b])).score


# Russian name in Cyrillic / its Chinese transcription (the persons' Chinese Wikipedia articles)
RUSSIAN_IN_CHINESE = [
    ("Пушкин Александр Сергеевич", "亚历山大·普希金"),  # 希 x-: ш, 金 j-: кин
    ("Гагарин Юрий Алексеевич", "尤里·加加林"),
    ("Андропов Юрий Владимирович", "尤里·安德罗波夫"),
    ("Зюганов Геннадий Андреевич", "根纳季·久加诺夫"),  # 季 j-: ди, 久 j-: зю
    ("Чехов Антон Павлович", "安东·契诃夫"),  # 契 q-: че
    ("Хрущёв Никита Сергеевич", "尼基塔·赫鲁晓夫"),  # 基 j-: ки, 晓 x-: щё
    ("Менделеев Дмитрий Иванович", "德米特里·门捷列夫"),  # 捷 j-: де, 列 -ie: ле
]


@pytest.mark.parametrize(("cyrillic", "chinese"), RUSSIAN_IN_CHINESE)
def test_chinese_transcription_of_a_russian_name_is_read_back(cyrillic: str, chinese: str) -> None:
    assert score(cyrillic, chinese) >= DEFAULT_THRESHOLD


def test_palatal_initials_stand_for_the_soft_consonants_they_transcribe() -> None:
    assert {"di", "ti", "ki", "gi"} <= set(han.foreign_alternatives("基"))  # Владимир 弗拉基米尔
    assert "tin" in han.foreign_alternatives("京")  # Путин 普京
    assert "tsin" in han.foreign_alternatives("钦")  # Ельцин 叶利钦
    assert "l" in han.foreign_alternatives("利")  # Ель 叶利: a final soft л
    assert han.foreign_word("普京")[0] == "pujing"  # the table's own reading first


def test_different_russian_names_stay_apart_in_chinese() -> None:
    # Alexander Pushkin / Alexey Pushkov (阿列克谢·普什科夫): the surname shares its first syllables only
    assert score("Пушков Алексей Константинович", "亚历山大·普希金") < DEFAULT_THRESHOLD
    assert score("Гагарин Юрий", "尤里·加加诺夫") < DEFAULT_THRESHOLD


# Vietnamese name / its Russian spelling (the persons' Russian Wikipedia articles)
VIETNAMESE_IN_CYRILLIC = [
    ("Trường Chinh", "Чыонг Тинь"),  # practical transcription: ch = т before и
    ("Nguyễn Chí Thanh", "Нгуен Ти Тхань"),
    ("Hồ Chí Minh", "Хо Ши Мин"),  # the older spelling, after French Ho Chi Minh
    ("HO CHI MINH", "Хо Ши Мин"),
]


@pytest.mark.parametrize(("latin", "cyrillic"), VIETNAMESE_IN_CYRILLIC)
def test_russian_spelling_of_vietnamese_ch_is_read_back(latin: str, cyrillic: str) -> None:
    assert score(latin, cyrillic) >= DEFAULT_THRESHOLD


def test_only_a_one_syllable_word_is_read_as_vietnamese() -> None:
    # Шишкин is a Russian surname, not a Vietnamese syllable: ш stays sh
    assert score("Шишкин Иван", "Chishkin Ivan") < DEFAULT_THRESHOLD
    assert score("Nguyễn Chí", "Нгуен Тин") < DEFAULT_THRESHOLD  # Chí is not Tín
