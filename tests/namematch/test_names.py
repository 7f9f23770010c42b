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
    ("Ngô Đình Diệm", "응오 딘 지엠"),
    ("Hồ Chí Minh", "호찌민"),  # the rules' spelling
    ("Hồ Chí Minh", "호치민"),  # the popular one
    ("Võ Nguyên Giáp", "보응우옌잡"),
    ("Nguyễn Thị Kim Ngân", "응우옌 티 낌 응언"),
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
    # patronymics given on both sides and different: different fathers
    ("Калашников Михаил Викторович", "Калашников Михаил Тимофеевич"),
    ("Viktor Sergeyevich Chernomyrdin", "Черномырдин Виктор Степанович"),
    ("Valentina Evgen`evna Tereshkova", "Терешкова Валентина Владимировна"),
    # the same skeleton, written differently in one script (or in Vietnamese spelling)
    ("金恩娥", "김연아"),  # Hanja read 김은아: 은 eun / 연 yeon
    ("胡耀峰", "胡耀邦"),  # Cantonese fung / bong
    ("王奇山", "王岐山"),  # homophones qi / qi, 기 / 기: different characters
    ("김윤현", "김윤경"),
    ("Le Quan", "Lê Duẩn"),  # Vietnamese q is not d
    ("Thi Mai Tu Nguyen", "Đỗ Mười"),
    ("黎强", "Lê Duẩn"),  # Vietnamese letters are never pinyin
    ("응오 타인 지엠", "Ngô Đình Diệm"),  # 타인 is Thanh in Korean transcription; Đình is 딘
    ("쩐 반 타인", "Trần Văn Đình"),
    ("王岐", "Phan Văn Khải"),  # the Korean reading of characters is never Vietnamese spelling
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


def test_a_missing_patronymic_is_not_a_conflict() -> None:
    assert score("Гагарин Юрий", "Гагарин Юрий Алексеевич") >= 0.9
    assert score("GAGARIN IURII ALEKSEEVICH", "Гагарин Юрий Алексеевич") >= 0.99


def test_different_patronymics_are_explained_and_full_evidence_brings_an_alert_back() -> None:
    a = Record(id="a", names=["Калашников Михаил Викторович"], birth_date="1919-11-10", nationalities=["RU"])
    b = Record(id="b", names=["Калашников Михаил Тимофеевич"], birth_date="1919-11-10", nationalities=["RU"])
    m = compare(a, b)
    assert "patronymics differ (Викторович / Тимофеевич)" in str(m.explanation)
    assert m.score >= DEFAULT_THRESHOLD  # same name and full birth date: an alert for review
    assert compare(Record(id="a", names=a.names), Record(id="b", names=b.names)).score < DEFAULT_THRESHOLD


def test_written_forms_that_agree_keep_full_credit() -> None:
    assert score("金妍兒", "김연아") >= 0.99  # Hanja read as the Hangul
    assert score("張學良", "张学良") >= 0.99  # traditional / simplified
    assert score("리명수", "이명수") >= 0.99  # North / South Korean surname spelling
    assert score("Nguyen Van Thanh", "Nguyễn Văn Thành") >= 0.99
    assert score("NGUYENVANTHANH", "Nguyễn Văn Thanh") >= 0.99  # joined


def test_written_differences_are_explained() -> None:
    m = compare(Record(id="a", names=["金恩娥"]), Record(id="b", names=["김연아"]))
    assert "written differently: 恩/연" in str(m.explanation) or "written differently: 은/연" in str(m.explanation), (
        str(m.explanation)
    )
    m = compare(Record(id="a", names=["Le Quan"]), Record(id="b", names=["Lê Duẩn"]))
    assert "written differently: Quan/Duẩn" in str(m.explanation), str(m.explanation)


def test_one_jamo_apart_is_between_the_same_and_another_syllable() -> None:
    same, typo, other = score("김수현", "김수현"), score("김스현", "김수현"), score("김윤현", "김윤경")
    assert same > typo > other


def test_hangul_is_checked_against_the_korean_transcription_of_vietnamese() -> None:
    m = compare(Record(id="a", names=["응오 타인 지엠"]), Record(id="b", names=["Ngô Đình Diệm"]))
    assert "written differently: 타인/Đình" in str(m.explanation), str(m.explanation)
    assert score("응오딘지엠", "Ngô Đình Diệm") >= 0.99
    # one jamo from a transcription (딘 / 띤) is between the same and another syllable
    listed = "Ngô Đình Diệm"
    assert score("응오딘지엠", listed) > score("응오띤지엠", listed) > score("응오타인지엠", listed)


def records_score(a: list[str], b: list[str]) -> tuple[float, str]:
    m = compare(Record(id="a", names=a), Record(id="b", names=b))
    return m.score, str(m.explanation)


def test_a_romanised_alias_does_not_escape_the_written_comparison() -> None:
    alone, _ = records_score(["박태운"], ["박태윤"])
    assert alone < 0.99
    # PARK TAEYUN renders 박태윤: by sound it equals 박태운, as written it does not
    with_alias, text = records_score(["박태운"], ["박태윤", "PARK TAEYUN"])
    assert with_alias == pytest.approx(alone)
    assert "only by sound" in text and "'박태운' ~ 'PARK TAEYUN' would score 1.00" in text, text
    assert records_score(["Park Tae-un", "박태운"], ["PARK TAEYUN", "박태윤"])[0] == pytest.approx(alone)
    vi_alone, _ = records_score(["Dam Quang Thin"], ["Đàm Quang Thịnh"])
    assert records_score(["Dam Quang Thin"], ["DAM QUANG THINH", "Đàm Quang Thịnh"])[0] == pytest.approx(vi_alone)


def test_an_alias_that_is_another_name_still_matches_by_itself() -> None:
    # the alias does not render the other name of the record: it is evidence of its own
    assert records_score(["김정은"], ["김정일", "Kim Jong Un"])[0] >= 0.99
    assert records_score(["PARK TAEYUN"], ["박태윤", "PARK TAEYUN"])[0] >= 0.99
    assert records_score(["박태윤"], ["PARK TAEYUN", "박태윤"])[0] >= 0.99
