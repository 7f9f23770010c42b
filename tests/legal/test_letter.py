"""The request letter in vi, en, ko, zh and ru: DOCX read back with python-docx (names, references, treaty title, fonts
and languages set), PDF text extracted with pypdfium2, the fonts embedded, and the page rendered to PNG with ink
where the Hangul and Han names are, each character drawn by its own glyph (not a box)."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse

from liaison.agencies.models import Agency
from liaison.legal.letter import fonts, texts
from liaison.legal.models import TreatyTerms
from tests.legal.letter_setup import (
    LETTER_LANGUAGES,
    NAMES,
    PARTNER_REFERENCE,
    TREATY_TITLES,
    docx_text,
    letter_request,
    pdf_text,
    save_png,
    says,
)

pytestmark = pytest.mark.django_db


def _letter(api: Any, pk: int, **query: str) -> Any:
    return api.get(reverse("legal-request-letter", kwargs={"pk": pk}), query)


def test_every_language_has_every_wording() -> None:
    keys = set(texts.TEXTS["en"])
    for language in texts.LANGUAGES:
        assert set(texts.TEXTS[language]) == keys, language
        assert set(texts.LANGUAGE_NAMES[language]) == set(texts.LANGUAGE_NAMES["en"])
        assert set(texts.DOCUMENT_KINDS[language]) == set(texts.DOCUMENT_KINDS["en"])


@pytest.mark.parametrize("language", LETTER_LANGUAGES)
def test_docx_reads_back_with_names_references_treaty_and_fonts(
    api: Any, home: Agency, partner: Agency, treaty: TreatyTerms, language: str
) -> None:
    import docx
    from docx.oxml.ns import qn

    request = letter_request(home, partner, treaty)
    response = _letter(api, request.pk, language=language, format="docx")
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert f"-letter-{language}-draft.docx" in response["Content-Disposition"]
    text = docx_text(response.content)
    for name in NAMES.values():
        assert name in text
    assert request.reference in text and PARTNER_REFERENCE in text
    assert TREATY_TITLES[language] in text
    assert texts.TEXTS[language]["draft"] in text
    document = docx.Document(io.BytesIO(response.content))
    runs = [run for paragraph in document.paragraphs for run in paragraph.runs]
    hangul = next(run for run in runs if NAMES["ko"] in run.text)
    fonts_element = hangul._element.rPr.find(qn("w:rFonts"))
    assert fonts_element.get(qn("w:hint")) == "eastAsia"
    assert fonts_element.get(qn("w:eastAsia")).startswith("Noto Serif CJK")
    assert fonts_element.get(qn("w:ascii")) == "Noto Serif"
    cyrillic = next(run for run in runs if NAMES["ru"] in run.text)
    assert cyrillic._element.rPr.find(qn("w:rFonts")).get(qn("w:hint")) is None
    lang = hangul._element.rPr.find(qn("w:lang"))
    assert lang.get(qn("w:val")).startswith(language)


def _ink(image: Any) -> float:
    """The share of dark pixels in a greyscale image."""
    histogram = image.convert("L").histogram()
    return sum(histogram[:128]) / max(1, sum(histogram))


def _char_boxes(page: Any, needle: str) -> list[Any]:
    """The boxes (in PDF points) of the characters of the first occurrence of `needle` on the page."""
    textpage = page.get_textpage()
    searcher = textpage.search(needle, match_case=True)
    found = searcher.get_next()
    assert found is not None, f"{needle} not found on the page"
    start, count = found
    return [textpage.get_charbox(index) for index in range(start, start + count)]


def _crop(bitmap: Any, page: Any, box: tuple[float, float, float, float], scale: float) -> Any:
    left, bottom, right, top = box
    height = page.get_height()
    return bitmap.crop((int(left * scale), int((height - top) * scale), int(right * scale) + 1,
                        int((height - bottom) * scale) + 1))  # fmt: skip


@pytest.mark.parametrize("language", LETTER_LANGUAGES)
def test_pdf_has_the_text_the_fonts_and_ink_where_the_cjk_names_are(
    api: Any, home: Agency, partner: Agency, treaty: TreatyTerms, language: str
) -> None:
    import pypdfium2

    request = letter_request(home, partner, treaty)
    response = _letter(api, request.pk, language=language, format="pdf")
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"] == "application/pdf"
    pdf = response.content
    text = pdf_text(pdf)
    for name in NAMES.values():
        assert name in text, name
    assert request.reference in text and PARTNER_REFERENCE in text
    assert says(text, TREATY_TITLES[language])
    embedded = set(re.findall(rb"/BaseFont\s*/([A-Z]{6}\+[\w-]+)", pdf))
    families = {name.split(b"+")[1] for name in embedded}
    assert any(b"CJK" in family for family in families), families
    assert any(b"CJK" not in family for family in families), families
    document = pypdfium2.PdfDocument(pdf)
    page = next(page for page in document if NAMES["ko"] in page.get_textpage().get_text_range())
    scale = 3.0
    bitmap = page.render(scale=scale).to_pil()
    save_png(f"letter-{language}.png", bitmap)
    for key in ("ko", "zh", "zh_traditional"):
        boxes = _char_boxes(page, NAMES[key])
        whole = (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes),
                 max(b[3] for b in boxes))  # fmt: skip
        crop = _crop(bitmap, page, whole, scale)
        save_png(f"letter-{language}-{key}.png", crop)
        assert 0.03 < _ink(crop) < 0.6, (key, _ink(crop))
        glyphs = [_crop(bitmap, page, box, scale).convert("L").resize((24, 24)).tobytes() for box in boxes]
        assert len(set(glyphs)) == len(glyphs), f"{key}: two characters drawn alike (empty boxes?)"


def test_every_script_of_the_letter_has_a_glyph() -> None:
    for char in "Nguyễn Văn Ánh Đức ƯỚC Ữ 김민준 똠 金敏俊 傑 龍 Ким Ёлкин Щ":
        assert char.isspace() or fonts.has_glyph(char), char
    assert all(fonts.has_glyph(chr(code)) for code in range(0xAC00, 0xD7A4))  # every Hangul syllable
    # every CJK Unified Ideograph up to Unicode 10; the 21 of U+9FEB–U+9FFF (Unicode 11–14) are not in Noto CJK 2.001
    missing = [code for code in range(0x4E00, 0xA000) if not fonts.has_glyph(chr(code))]
    assert missing == list(range(0x9FEB, 0xA000))


def test_a_character_without_a_glyph_is_named_not_drawn_as_a_box(
    api: Any, home: Agency, partner: Agency, treaty: TreatyTerms
) -> None:
    request = letter_request(home, partner, treaty, facts="Bí danh: 𠀀 (chữ Nôm).")
    response = _letter(api, request.pk, language="vi", format="pdf")
    assert response.status_code == 400
    assert "U+20000" in str(response.json())


def test_the_letter_language_defaults_to_the_treaty_first_and_bad_values_are_named(
    api: Any, home: Agency, partner: Agency, treaty: TreatyTerms
) -> None:
    TreatyTerms.objects.filter(pk=treaty.pk).update(languages=["ko", "en"])
    treaty.refresh_from_db()
    request = letter_request(home, partner, treaty)
    response = _letter(api, request.pk)
    assert response.status_code == 200 and "-letter-ko-draft.pdf" in response["Content-Disposition"]
    assert says(pdf_text(response.content), "대한민국과 베트남사회주의공화국 간의 범죄인인도조약")
    wrong = _letter(api, request.pk, language="ja")
    assert wrong.status_code == 400 and "ja" in str(wrong.json())
    wrong = _letter(api, request.pk, format="odt")
    assert wrong.status_code == 400 and "odt" in str(wrong.json())


def test_incoming_request_has_no_letter(api: Any, home: Agency, partner: Agency, treaty: TreatyTerms) -> None:
    request = letter_request(home, partner, treaty, direction="incoming", status="legal_review")
    response = _letter(api, request.pk, language="en")
    assert response.status_code == 400 and "outgoing" in str(response.json())


def test_cli_writes_the_letter(home: Agency, partner: Agency, treaty: TreatyTerms, tmp_path: Path) -> None:
    from django.core.management import CommandError, call_command

    request = letter_request(home, partner, treaty)
    out = tmp_path / "letter.pdf"
    call_command("legal-letter", request.reference, "--language", "ru", "--format", "pdf", "-o", str(out))
    text = pdf_text(out.read_bytes())
    assert NAMES["ko"] in text and says(text, TREATY_TITLES["ru"])
    out_docx = tmp_path / "letter.docx"
    call_command("legal-letter", request.reference, "--format", "docx", "-o", str(out_docx))
    assert request.reference in docx_text(out_docx.read_bytes())
    with pytest.raises(CommandError, match="LR-NONE: no legal request"):
        call_command("legal-letter", "LR-NONE", "-o", str(out))


def test_the_same_letter_gives_the_same_pdf(home: Agency, partner: Agency, treaty: TreatyTerms) -> None:
    from liaison.legal.letter import build_letter, render_pdf

    request = letter_request(home, partner, treaty)
    first, second = build_letter(request, "ko"), build_letter(request, "ko")
    assert first.digest == second.digest and render_pdf(first) == render_pdf(second)
    assert build_letter(request, "ru").digest != first.digest


def test_an_mla_letter_names_every_person_and_a_life_penalty_in_its_language(
    home: Agency, partner: Agency, treaty: TreatyTerms
) -> None:
    from liaison.legal.letter.content import build_letter
    from tests.legal.factories import LegalOffenceFactory
    from tests.people.factories import PersonFactory

    request = letter_request(home, partner, treaty, kind="mla", subkind="taking_evidence")
    second = PersonFactory(owner=home, names=[{"full_name": "Лю Вэй", "language": "ru", "kind": "native"}])
    request.other_persons.add(second)
    LegalOffenceFactory(request=request, description="Rửa tiền", max_penalty="", max_penalty_life=True)
    text = build_letter(request, "ru").text()
    assert NAMES["ko"] in text and "Лю Вэй" in text
    assert "Лицо № 1" in text and "Лицо № 2" in text
    assert "пожизненное лишение свободы" in text
    english = build_letter(request, "en").text()
    assert "Person 2" in english and "life imprisonment" in english
