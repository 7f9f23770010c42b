"""The fonts of the request letter (legal/fonts/, built by scripts/build-letter-fonts.py; decision 0047).

Two families, both Noto under the SIL Open Font License (legal/fonts/OFL.txt): Noto Serif (Latin with every
Vietnamese letter, Greek, Cyrillic; regular and bold) and Noto Serif CJK SC (every Hangul syllable and jamo, the CJK
Unified Ideographs U+4E00–U+9FFF, simplified and traditional; CJK punctuation; one weight). Text is cut into runs by
script (`runs`): Hangul, Han and CJK punctuation go to the CJK font, everything else to the Latin one, so a Korean
name inside a Russian letter is drawn by the font that has it. `check_coverage(text)` names every character
neither font has (e.g. a Han character of Extension B), so a letter is never drawn with empty boxes.
"""

from __future__ import annotations

import functools
import pathlib
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

FONT_DIR = pathlib.Path(__file__).resolve().parent.parent / "fonts"
LATIN, LATIN_BOLD, CJK = "LiaisonSerif", "LiaisonSerif-Bold", "LiaisonSerifCJK"
FILES = {LATIN: "NotoSerif-Regular.ttf", LATIN_BOLD: "NotoSerif-Bold.ttf", CJK: "NotoSerifCJK-Regular.ttf"}
FAMILY_NAMES = {"latin": "Noto Serif", "cjk": "Noto Serif CJK SC"}
"""The names Word and LibreOffice look for (word.py sets them in w:rFonts)."""

_CJK_RANGES = (
    (0x1100, 0x11FF), (0x2E80, 0x2FDF), (0x3000, 0x303F), (0x3040, 0x30FF), (0x3130, 0x318F), (0x3200, 0x32FF),
    (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xA960, 0xA97F), (0xAC00, 0xD7FF), (0xF900, 0xFAFF), (0xFE30, 0xFE4F),
    (0xFF00, 0xFFEF), (0x20000, 0x3FFFF),
)  # fmt: skip


def is_cjk(char: str) -> bool:
    code = ord(char)
    return any(start <= code <= end for start, end in _CJK_RANGES)


def runs(text: str) -> list[tuple[bool, str]]:
    """`text` cut into (is CJK, run) pieces; spaces and punctuation shared by both stay with the run they are in."""
    pieces: list[tuple[bool, str]] = []
    for char in text:
        cjk = is_cjk(char) if not (char.isspace() or char in ",.;:()-—") else (pieces[-1][0] if pieces else False)
        if pieces and pieces[-1][0] == cjk:
            pieces[-1] = (cjk, pieces[-1][1] + char)
        else:
            pieces.append((cjk, char))
    return pieces


@functools.cache
def _cmap(name: str) -> frozenset[int]:
    from reportlab.pdfbase.ttfonts import TTFontFile

    return frozenset(TTFontFile(str(FONT_DIR / FILES[name])).charToGlyph)


def has_glyph(char: str) -> bool:
    return ord(char) in _cmap(CJK if is_cjk(char) else LATIN)


def check_coverage(text: str) -> None:
    """A ValidationError naming each character of `text` the letter's fonts cannot draw, with where it is."""
    missing: dict[str, str] = {}
    for line in text.splitlines():
        for char in line:
            if char.isspace() or unicodedata.category(char) in ("Cc", "Cf") or has_glyph(char):
                continue
            missing.setdefault(char, line.strip()[:60])
    if missing:
        found = "; ".join(f"“{char}” (U+{ord(char):04X}) in “{line}”" for char, line in missing.items())
        raise ValidationError(
            _("The letter's fonts have no glyph for: %(characters)s. Write these characters otherwise (e.g. a name "
              "in another script on record), or see docs/decisions/0047-request-letter.md for what is covered.")
            % {"characters": found}
        )  # fmt: skip


@functools.cache
def register() -> None:
    """Register the three fonts with reportlab (once per process)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for name, filename in FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(FONT_DIR / filename)))
    pdfmetrics.registerFontFamily(LATIN, normal=LATIN, bold=LATIN_BOLD, italic=LATIN, boldItalic=LATIN_BOLD)
