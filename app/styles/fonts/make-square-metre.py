#!/usr/bin/python3
"""Writes square-metre.woff (and -bold): one glyph, U+33A1 ㎡ drawn as Liberation Sans' "m" followed by its "²".

The CJK fonts the pages fall back to (WenQuanYi Micro Hei, Noto Sans CJK) draw ㎡ as one square ideograph cell
with a small ² perched over the m's shoulder; next to Latin digits it reads as "m" with a stray mark. The pages
draw ㎡ from this font instead (app.css: @font-face with unicode-range U+33A1, first in the body's stack), so
the text itself stays ㎡ (search, copy, exports, JSON, e-mails untouched). docs/decisions/157.

Run once with Debian's python3-fonttools (`apt-get install python3-fonttools`):
  /usr/bin/python3 app/styles/fonts/make-square-metre.py
Liberation Sans is under the SIL Open Font License 1.1; its reserved name is not used for this derivative.
"""
from pathlib import Path

from fontTools.subset import Options, Subsetter
from fontTools.ttLib import TTFont
from fontTools.ttLib.tables._g_l_y_f import Glyph, GlyphComponent

HERE = Path(__file__).parent
SOURCES = {
    "square-metre.woff": "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
    "square-metre-bold.woff": "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
}


def build(source: str, target: Path) -> None:
    font = TTFont(source)
    options = Options()
    options.name_IDs = []
    options.notdef_outline = True
    options.layout_features = []
    subsetter = Subsetter(options)
    cmap = font.getBestCmap()
    m, two = cmap[ord("m")], cmap[0xB2]  # glyph names differ between fonts ("uni00B2")
    subsetter.populate(unicodes=[ord("m"), 0xB2])
    subsetter.subset(font)
    glyf, hmtx = font["glyf"], font["hmtx"]
    m_width = hmtx[m][0]
    sup_width = hmtx[two][0]
    square = Glyph()
    square.numberOfContours = -1
    square.components = []
    for name, dx in ((m, 0), (two, m_width)):
        c = GlyphComponent()
        c.glyphName, c.x, c.y, c.flags = name, dx, 0, 0x0004  # ROUND_XY_TO_GRID
        square.components.append(c)
    order = font.getGlyphOrder() + ["square.metre"]
    font.setGlyphOrder(order)
    glyf.glyphOrder = order
    glyf["square.metre"] = square
    hmtx["square.metre"] = (m_width + sup_width, 0)
    square.recalcBounds(glyf)
    for table in font["cmap"].tables:
        table.cmap = {0x33A1: "square.metre"}
    font["maxp"].numGlyphs = len(order)
    name = font["name"]
    name.names = []
    family = "parkmatch square metre"
    style = "Bold" if "bold" in target.name else "Regular"
    for nid, value in ((1, family), (2, style), (4, f"{family} {style}"), (6, f"parkmatch-square-metre-{style}")):
        name.setName(value, nid, 3, 1, 0x409)
    font.flavor = "woff"
    font.save(target)


for file, source in SOURCES.items():
    build(source, HERE / file)
    print(file, (HERE / file).stat().st_size, "bytes")
