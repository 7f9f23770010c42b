"""The request letter as a Word document (python-docx). Word and LibreOffice draw it with the reader's fonts, so each
run names its fonts (w:rFonts ascii/hAnsi: Noto Serif, eastAsia: Noto Serif CJK) and languages (w:lang), and a
Hangul or Han run is marked as East Asian (w:hint) so the right font is picked for it."""

from __future__ import annotations

import io
from typing import Any

from liaison.legal.letter import fonts
from liaison.legal.letter.content import FIELD, HEADING, ITEM, Letter

LANG_TAGS = {"vi": "vi-VN", "en": "en-GB", "ko": "ko-KR", "zh": "zh-CN", "ru": "ru-RU"}
EAST_ASIAN_FONTS = {"ko": "Noto Serif CJK KR", "zh": "Noto Serif CJK SC"}


def _set_fonts(properties: Any, language: str, *, east_asian_hint: bool = False) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    fonts_element = properties.find(qn("w:rFonts"))
    if fonts_element is None:
        fonts_element = OxmlElement("w:rFonts")
        properties.insert(0, fonts_element)
    latin = fonts.FAMILY_NAMES["latin"]
    for attribute in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts_element.set(qn(attribute), latin)
    fonts_element.set(qn("w:eastAsia"), EAST_ASIAN_FONTS.get(language, fonts.FAMILY_NAMES["cjk"]))
    if east_asian_hint:
        fonts_element.set(qn("w:hint"), "eastAsia")
    lang = properties.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        properties.append(lang)
    lang.set(qn("w:val"), LANG_TAGS[language])
    lang.set(qn("w:eastAsia"), LANG_TAGS.get(language if language in EAST_ASIAN_FONTS else "zh"))


def _paragraph(document: Any, text: str, language: str, *, bold: bool = False, style: str | None = None,
               align: Any = None) -> Any:  # fmt: skip
    paragraph = document.add_paragraph(style=style)
    if align is not None:
        paragraph.alignment = align
    for cjk, piece in fonts.runs(text):
        run = paragraph.add_run(piece)
        run.bold = bold or None
        _set_fonts(run._element.get_or_add_rPr(), language, east_asian_hint=cjk)
    return paragraph


def render_docx(letter: Letter) -> bytes:
    """The letter as DOCX bytes."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt, RGBColor

    language = letter.language
    document = docx.Document()
    normal = document.styles["Normal"]
    normal.font.size = Pt(11)
    _set_fonts(normal.element.get_or_add_rPr(), language)
    properties = document.core_properties
    properties.title, properties.author, properties.language = letter.title, letter.letterhead[0], language
    if letter.draft:
        mark = _paragraph(document, letter.draft_mark, language, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
        for run in mark.runs:
            run.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)
    for line in letter.letterhead:
        _paragraph(document, line, language, bold=True)
    for label, value in letter.references:
        _paragraph(document, f"{label}: {value}", language)
    _paragraph(document, letter.place_date, language, align=WD_ALIGN_PARAGRAPH.RIGHT)
    for line in letter.addressee:
        _paragraph(document, line, language)
    title = _paragraph(document, letter.title, language, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    for run in title.runs:
        run.font.size = Pt(14)
    for block in letter.body:
        if block.kind == HEADING:
            _paragraph(document, block.text, language, bold=True)
        elif block.kind == FIELD:
            _paragraph(document, f"{block.label}: {block.text}", language)
        elif block.kind == ITEM:
            _paragraph(document, block.text, language, style="List Number")
        else:
            _paragraph(document, block.text, language)
    document.add_paragraph()
    for index, line in enumerate(letter.signature):
        _paragraph(document, line, language, bold=index == 0)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
