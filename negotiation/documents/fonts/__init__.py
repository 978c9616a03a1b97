"""DejaVu Sans for the PDFs: it covers Latin, Greek and Cyrillic, so the names, stances and
quotes of any dataset print (reportlab's standard Helvetica shows Latin-1 only). The four
faces ship with the package (licence in LICENSE beside them); nothing is fetched at run time."""

from __future__ import annotations

from functools import cache, partial
from pathlib import Path

from reportlab.lib.styles import StyleSheet1, getSampleStyleSheet
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

FAMILY = "DejaVuSans"
FACES = {
    "normal": FAMILY,
    "bold": f"{FAMILY}-Bold",
    "italic": f"{FAMILY}-Oblique",
    "boldItalic": f"{FAMILY}-BoldOblique",
}
HELVETICA = {
    "Helvetica": FACES["normal"],
    "Helvetica-Bold": FACES["bold"],
    "Helvetica-Oblique": FACES["italic"],
    "Helvetica-BoldOblique": FACES["boldItalic"],
}
"""reportlab's sample styles by their Helvetica face, and the DejaVu face that replaces it."""


@cache
def register() -> str:
    """Register the family with reportlab (once) so that <b> and <i> find its faces; its name."""
    folder = Path(__file__).parent
    for face in FACES.values():
        pdfmetrics.registerFont(TTFont(face, folder / f"{face}.ttf"))
    pdfmetrics.registerFontFamily(FAMILY, **FACES)
    return FAMILY


def canvas(*args: object, **kwargs: object) -> Canvas:
    """A canvas whose own starting font is DejaVu Sans too (reportlab's is Helvetica), for a
    document's build(canvasmaker=...)."""
    return partial(Canvas, initialFontName=register())(*args, **kwargs)


def stylesheet() -> StyleSheet1:
    """reportlab's sample styles, set in DejaVu Sans."""
    register()
    styles = getSampleStyleSheet()
    for style in styles.byName.values():
        font = getattr(style, "fontName", None)
        if font in HELVETICA:
            style.fontName = HELVETICA[font]
        if getattr(style, "bulletFontName", None) in HELVETICA:
            style.bulletFontName = HELVETICA[style.bulletFontName]
    return styles
