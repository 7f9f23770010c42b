"""Marking what a full-text search found (core.fulltext.highlight): the same folding as the search (diacritics,
case, full-width forms, ё/й), CJK bigrams and single characters inside runs, whole words only, escaped HTML, and
hostile or empty queries that mark nothing and never raise."""

from __future__ import annotations

import pytest

from liaison.core.fulltext.highlight import MAX_TEXT, highlight, marks, match_count


def marked(text: str, query: str) -> list[str]:
    return [piece for piece, hit in marks(text, query) if hit]


def test_a_word_typed_without_diacritics_marks_the_word_as_written() -> None:
    assert marked("Ông Nguyễn Văn Hùng đã đến Hà Nội", "nguyen HA noi") == ["Nguyễn", "Hà", "Nội"]
    assert marked("Ёлкин Андрей задержан", "елкин") == ["Ёлкин"]
    assert marked("ＴＥＳＴ 2026", "test") == ["ＴＥＳＴ"]


def test_only_whole_words_are_marked() -> None:
    assert marked("Hanoi and Han and Hà", "ha") == ["Hà"]
    assert marked("e-mail: ban@example.vn", "mail") == ["mail"]


def test_chinese_and_korean_are_marked_by_bigram_and_by_a_character_searched_alone() -> None:
    assert marked("北京市公安局通报", "北京 通报") == ["北京", "通报"]
    assert marked("서울지방경찰청", "경찰") == ["경찰"]
    assert marked("北京市公安局", "市") == ["市"]
    assert marked("北京市公安局", "上海") == []


def test_the_pieces_give_back_the_text_and_the_html_is_escaped() -> None:
    text = "<script>alert('Nguyễn')</script> & Nguyen"
    assert "".join(piece for piece, _hit in marks(text, "nguyen")) == text
    html = str(highlight(text, "nguyen"))
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert html.count("<mark>") == 2
    assert match_count(text, "nguyen") == 2


@pytest.mark.parametrize("query", ["", "   ", '"', '""', "-- ; DROP", "*", "\x00", "(", "⁂"])
def test_a_query_without_words_marks_nothing(query: str) -> None:
    assert marks("Nguyễn Văn Hùng", query) == [("Nguyễn Văn Hùng", False)]


def test_a_very_long_text_is_marked_in_its_head_only_and_kept_whole() -> None:
    text = "x " * MAX_TEXT + "nguyen"
    pieces = marks(text, "nguyen")
    assert "".join(piece for piece, _hit in pieces) == text and not any(hit for _piece, hit in pieces)
