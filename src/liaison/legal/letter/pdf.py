"""The request letter as a PDF (reportlab; fonts.py embeds subsets of the Noto fonts and picks one per script run)."""

from __future__ import annotations

import io
from typing import Any
from xml.sax.saxutils import escape

from liaison.legal.letter import fonts
from liaison.legal.letter.content import FIELD, HEADING, ITEM, Letter


def markup(text: str) -> str:
    """reportlab paragraph markup of `text`: CJK runs in the CJK font, the rest in the paragraph's own font."""
    return "".join(
        f'<font name="{fonts.CJK}">{escape(run)}</font>' if cjk else escape(run) for cjk, run in fonts.runs(text)
    )


def render_pdf(letter: Letter) -> bytes:
    """The letter as PDF bytes (A4). The same letter gives the same bytes (reportlab's invariant mode)."""
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER, TA_RIGHT
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    fonts.check_coverage(letter.text())
    fonts.register()
    wrap = "CJK" if letter.language == "zh" else None
    base = ParagraphStyle("letter", fontName=fonts.LATIN, fontSize=10.5, leading=15, wordWrap=wrap, spaceAfter=4)
    bold = ParagraphStyle("bold", parent=base, fontName=fonts.LATIN_BOLD)
    title = ParagraphStyle("title", parent=bold, fontSize=13, leading=18, alignment=TA_CENTER, spaceBefore=8,
                           spaceAfter=10)  # fmt: skip
    heading = ParagraphStyle("heading", parent=bold, spaceBefore=8, spaceAfter=3)
    right = ParagraphStyle("right", parent=base, alignment=TA_RIGHT)
    item = ParagraphStyle("item", parent=base, leftIndent=8 * mm, firstLineIndent=-5 * mm)
    draft = ParagraphStyle("draft", parent=bold, textColor=colors.red, alignment=TA_CENTER)
    story: list[object] = []
    if letter.draft:
        story.append(Paragraph(markup(letter.draft_mark), draft))
    story += [Paragraph(markup(line), bold) for line in letter.letterhead]
    story += [Paragraph(markup(f"{label}: {value}"), base) for label, value in letter.references]
    story.append(Paragraph(markup(letter.place_date), right))
    story.append(Spacer(1, 3 * mm))
    story += [Paragraph(markup(line), base) for line in letter.addressee]
    story.append(Paragraph(markup(letter.title), title))
    number = 0
    for block in letter.body:
        if block.kind == HEADING:
            number = 0
            story.append(Paragraph(markup(block.text), heading))
        elif block.kind == FIELD:
            story.append(Paragraph(f"{markup(block.label)}: {markup(block.text)}", base))
        elif block.kind == ITEM:
            number += 1
            story.append(Paragraph(f"{number}. {markup(block.text)}", item))
        else:
            story.append(Paragraph(markup(block.text), base))
    story.append(Spacer(1, 8 * mm))
    story += [Paragraph(markup(line), bold if index == 0 else base) for index, line in enumerate(letter.signature)]
    out = io.BytesIO()
    document = SimpleDocTemplate(
        out, pagesize=A4, leftMargin=25 * mm, rightMargin=20 * mm, topMargin=20 * mm, bottomMargin=20 * mm,
        title=letter.title, author=letter.letterhead[0], lang=letter.language, invariant=1,
    )  # fmt: skip
    reference = letter.references[0][1]

    def footer(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont(fonts.LATIN, 8)
        canvas.drawRightString(A4[0] - 20 * mm, 12 * mm, f"{reference} · {doc.page}")
        canvas.restoreState()

    document.build(story, onFirstPage=footer, onLaterPages=footer)
    return out.getvalue()
