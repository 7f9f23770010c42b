"""Name matching across scripts, through the public API."""

from __future__ import annotations

import pytest

from namematch import DEFAULT_THRESHOLD, Record, compare


def score(a: str, b: str) -> float:
    return compare(Record(id="a", names=[a]), Record(id="b", names=[b])).score


SAME = [
    # Vietnamese: diacritics, đ, order, joined/split syllables, other scripts
    ("Trần Văn Thanh", "Tran Van Thanh"),
    ("Trần Văn Thanh", "TRAN VAN THANH"),
    ("Nguyễn Văn An", "An Nguyen Van"),
    ("Đỗ Mười", "Do Muoi"),
    ("Phạm Văn Đồng", "PHAMVAN DONG"),
    ("Phạm Văn Đồng", "팜반동"),
    ("Phạm Văn Đồng", "范文同"),
    ("Phạm Văn Đồng", "Фам Ван Донг"),
    ("Nguyễn Minh Triết", "응우옌민찌엣"),
    ("Ngô Đình Diệm", "Нго Динь Зьем"),
    ("Trần Đức Lương", "Чан Дык Лыонг"),
    ("Trần Văn Thanh", "陈文清"),
    # Korean: RR, MR, passport spellings, hyphenated/joined, Hanja, Cyrillic (Kontsevich)
    ("김영삼", "Kim Young-sam"),
    ("김영삼", "KIM YOUNGSAM"),
    ("김영삼", "Gim Yeong-sam"),
    ("김영삼", "金泳三"),
    ("김영삼", "Ким Ён Сам"),
    # Kontsevich's aspiration (тх, чх), the w glide (Квон, Чхве) and the press's дж for ㅈ
    ("박태윤", "Пак Тхэ Юн"),
    ("최서린", "Чхве Со Рин"),
    ("권성욱", "Квон Сон Ук"),
    ("김민준", "Ким Мин Джун"),
    ("김민준", "Ким Минджун"),
    ("최규하", "Choe Gyu-ha"),
    ("정세균", "Chung Sye-kyun"),
    ("이명박", "Lee Myung-bak"),
    ("이명박", "Yi Myeong-bak"),
    ("박지성", "Park Ji-sung"),
    ("박지성", "Bak Ji Seong"),
    ("노무현", "Roh Moo-hyun"),
    ("류현진", "Ryu Hyeon-jin"),
    ("최태원", "Chey Tae-won"),
    ("Kim Jong Un", "김정은"),
    # Chinese: simplified/traditional, pinyin, Wade–Giles, Cantonese, Sino-Vietnamese, Hangul, Cyrillic
    ("李鹏", "李鵬"),
    ("胡耀邦", "Hu Yaobang"),
    ("胡耀邦", "후야오방"),
    ("胡耀邦", "Ху Яобан"),
    ("胡耀邦", "Hồ Diệu Bang"),
    ("李鹏", "리펑"),
    ("朱镕基", "Чжу Жунцзи"),
    ("刘少奇", "Liu Shao-chi"),
    ("习近平", "Hsi Chin-p'ing"),
    ("毛泽东", "Mao Tse-tung"),
    ("马英九", "Ma Ying-jeou"),
    ("赵紫阳", "자오쯔양"),
    # Russian: schemes, patronymic, order, German/English spellings, Hangul and Chinese transcriptions
    ("Гагарин Юрий Алексеевич", "Yuri Gagarin"),
    ("Гагарин Юрий Алексеевич", "GAGARIN IURII"),
    ("Гагарин Юрий Алексеевич", "유리 가가린"),
    ("Гагарин Юрий Алексеевич", "尤里·加加林"),
    ("Чехов Антон Павлович", "Anton Tschechow"),
    ("Чехов Антон Павлович", "안톤 체호프"),
    ("Толстой Лев Николаевич", "Leo Tolstoy"),
    ("Горбачёв Михаил Сергеевич", "Gorbatschow Michail"),
    ("Горбачёв Михаил Сергеевич", "GORBACHEV MIKHAIL"),
    ("Калашников Михаил Тимофеевич", "米哈伊尔·卡拉什尼科夫"),
    # typos and OCR
    ("Nguyen Van Anh", "Nguyen Van Ahn"),
    ("Gagarin Yuri", "Gagarln Yuri"),
    ("Kim Jong Un", "Kirn Jong Un"),
]

DIFFERENT = [
    ("Nguyen Van An", "Nguyen Van Bao"),
    ("김정은", "김정일"),
    ("Li Qiang", "Li Keqiang"),
    ("李强", "李克强"),
    ("Kim Young-sam", "Kim Yong-nam"),
    ("Ivanov Ivan", "Ivanov Petr"),
    ("Zhang Wei", "Zhang Wen"),
    ("양제츠", "赵紫阳"),
    ("韓正", "류현진"),
    ("马英九", "황교안"),
    ("Park Ji-sung", "Park Ji-min"),
]


@pytest.mark.parametrize(("a", "b"), SAME)
def test_same_person_matches(a: str, b: str) -> None:
    assert score(a, b) >= DEFAULT_THRESHOLD, (a, b)


@pytest.mark.parametrize(("a", "b"), DIFFERENT)
def test_different_people_sharing_common_parts_do_not_match(a: str, b: str) -> None:
    assert score(a, b) < DEFAULT_THRESHOLD, (a, b)


def test_compare_is_symmetric_enough() -> None:
    assert abs(score("김영삼", "Kim Young-sam") - score("Kim Young-sam", "김영삼")) < 1e-9


def test_explanation_names_the_matched_parts() -> None:
    m = compare(Record(id="a", names=["김영삼"]), Record(id="b", names=["Kim Young-sam"]))
    text = str(m.explanation)
    assert "김 = Kim" in text and "Korean RR/passport" in text
    assert m.explanation.algorithm == m.algorithm
    d = m.as_dict()
    assert d["explanation"]["evidence"][0]["feature"] == "name"


def test_empty_and_unknown_script_names() -> None:
    assert score("", "Kim") == 0.0
    assert score("Ахмед", "Ахмед") >= DEFAULT_THRESHOLD
    assert score("Σωκράτης", "Sokratis") >= DEFAULT_THRESHOLD  # other scripts via anyascii


def test_parts_sharing_a_skeleton_keep_their_order() -> None:
    # jie, chi and je all reduce to "ce": the alignment must not cross them (Yang Jiechi in Hangul)
    assert score("杨洁篪", "양제츠") >= 0.9


def test_vietnamese_spelling_is_not_read_as_cantonese() -> None:
    assert score("赵紫阳", "Chu Dung Cơ") < 0.62
