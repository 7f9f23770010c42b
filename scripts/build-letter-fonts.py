"""Build the fonts of the generated request letters (src/liaison/legal/fonts/, docs/decisions/0047-request-letter.md).

Run once by a maintainer; the result is committed, so neither `make venv` nor the product runs this script. It needs
fontTools (not a dependency of Liaison: `python -m venv /tmp/fv && /tmp/fv/bin/pip install fonttools==4.68.0`) and
the Noto fonts of Debian's packages fonts-noto-cjk (1:20220127) and fonts-noto-core (20201225-1; `apt-get download
fonts-noto-core && dpkg-deb -x fonts-noto-core_*.deb /tmp/noto-core`):

    /tmp/fv/bin/python scripts/build-letter-fonts.py --cjk /usr/share/fonts/opentype/noto \
        --core /tmp/noto-core/usr/share/fonts/truetype/noto --out src/liaison/legal/fonts

What it makes (all under the SIL Open Font License 1.1, OFL.txt beside them):
- NotoSerif-Regular.ttf, NotoSerif-Bold.ttf: Noto Serif subset to Latin (Basic, Latin-1, Extended-A and -B,
  Extended Additional: every Vietnamese letter), combining marks, Greek, Cyrillic (with its supplement), general
  punctuation and the currency and letter-like symbols. Already TrueType (glyf); only subset.
- NotoSerifCJK-Regular.ttf (one weight only: bold CJK text is set in it too): Noto Serif CJK SC (its
  simplified-Chinese forms) subset to every Hangul syllable and jamo, the CJK Unified Ideographs (U+4E00–U+9FFF:
  simplified and traditional characters), CJK symbols and punctuation, half- and full-width forms; converted from
  CFF outlines to TrueType quadratic outlines (reportlab embeds TrueType glyf fonts only) with fontTools' cu2qu, at
  a tolerance of 2 units per 1000 em (0.02 pt at 10 pt: invisible). No OpenType layout tables are kept: reportlab
  applies none.
"""

from __future__ import annotations

import argparse
import pathlib

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, TTFont, newTable

LATIN_RANGES = [
    (0x0020, 0x007E), (0x00A0, 0x024F), (0x0250, 0x02FF), (0x0300, 0x036F), (0x0370, 0x03FF),
    (0x0400, 0x052F), (0x1E00, 0x1EFF), (0x2000, 0x206F), (0x20A0, 0x20CF), (0x2100, 0x214F),
    (0x2190, 0x21FF), (0x2200, 0x22FF), (0x25A0, 0x25FF),
]  # fmt: skip
CJK_RANGES = [
    (0x0020, 0x007E), (0x1100, 0x11FF), (0x2000, 0x206F), (0x3000, 0x303F), (0x3130, 0x318F),
    (0x3200, 0x32FF), (0x4E00, 0x9FFF), (0xA960, 0xA97F), (0xAC00, 0xD7A3), (0xD7B0, 0xD7FF),
    (0xFF00, 0xFFEF),
]  # fmt: skip
CJK_FACE = "Noto Serif CJK SC"


def codepoints(ranges: list[tuple[int, int]]) -> list[int]:
    return [code for start, end in ranges for code in range(start, end + 1)]


def subset_font(font: TTFont, ranges: list[tuple[int, int]]) -> TTFont:
    options = subset.Options()
    options.layout_features = []  # reportlab applies no OpenType layout: alternates (locl, vert) would only add glyphs
    options.drop_tables += ["GSUB", "GPOS", "GDEF", "vhea", "vmtx", "VORG"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.hinting = False
    options.desubroutinize = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=codepoints(ranges))
    subsetter.subset(font)
    return font


def cff_to_glyf(font: TTFont, max_err: float) -> None:
    """Replace the CFF table by glyf/loca (quadratic outlines), as fontTools' Snippets/otf2ttf.py does."""
    glyph_order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyphs = {}
    for name in glyph_order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, max_err, reverse_direction=True))
        glyphs[name] = pen.glyph()
    font["loca"] = newTable("loca")
    font["glyf"] = glyf = newTable("glyf")
    glyf.glyphOrder = glyph_order
    glyf.glyphs = glyphs
    del font["CFF "]
    if "VORG" in font:
        del font["VORG"]
    glyf.compile(font)
    font["maxp"] = maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    maxp.maxZones = 1
    for field in ("maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                  "maxStackElements", "maxSizeOfInstructions"):  # fmt: skip
        setattr(maxp, field, 0)
    maxp.compile(font)
    post = font["post"]
    post.formatType = 3.0  # no glyph names: smaller, and reportlab does not need them
    font["head"].indexToLocFormat = 0
    font.sfntVersion = "\x00\x01\x00\x00"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cjk", type=pathlib.Path, required=True, help="folder of NotoSerifCJK-*.ttc")
    parser.add_argument("--core", type=pathlib.Path, required=True, help="folder of NotoSerif-*.ttf")
    parser.add_argument("--out", type=pathlib.Path, required=True)
    parser.add_argument("--max-err", type=float, default=2.0, help="cu2qu tolerance in font units")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for weight in ("Regular", "Bold"):
        latin = subset_font(TTFont(args.core / f"NotoSerif-{weight}.ttf"), LATIN_RANGES)
        latin.save(args.out / f"NotoSerif-{weight}.ttf")
    for weight in ("Regular",):  # one CJK weight: a bold one would double the 15 MB (decision 0047)
        collection = TTCollection(args.cjk / f"NotoSerifCJK-{weight}.ttc")
        face = next(font for font in collection.fonts if font["name"].getDebugName(1) == CJK_FACE)
        cjk = subset_font(face, CJK_RANGES)
        cff_to_glyf(cjk, args.max_err)
        cjk.save(args.out / f"NotoSerifCJK-{weight}.ttf")
    for path in sorted(args.out.glob("*.ttf")):
        print(path, path.stat().st_size)


if __name__ == "__main__":
    main()
