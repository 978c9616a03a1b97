"""The briefing as an A4 PDF (reportlab), apart from `briefing` so that reportlab loads only
when a PDF is asked for."""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

import pandas as pd
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import cm
from reportlab.platypus import (
    Image,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from negotiation.documents import export, fonts, redline
from negotiation.documents.briefing import (
    NO_CHANGE,
    TEXTS_HEADING,
    TEXTS_NOTE,
    Briefing,
    clause_line,
)


def _pdf_table(frame: pd.DataFrame, style) -> Table:
    cells = [[Paragraph(escape(str(v)), style) for v in values] for values in frame.values]
    header = [Paragraph(f"<b>{escape(c)}</b>", style) for c in frame.columns]
    table = Table([header, *cells], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#f3f3f3")),
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.HexColor("#dddddd")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("FONTNAME", (0, 0), (-1, -1), fonts.FAMILY),
            ]
        )
    )
    return table


def _pdf_image(spec: dict, width: float, height: float) -> Image:
    """A chart as a PNG at 2x, scaled to fit the frame with its proportions kept."""
    png = export.FORMATS["png"].build(spec)
    image = Image(io.BytesIO(png))
    scale = min(width / image.imageWidth, height / image.imageHeight)
    image.drawWidth, image.drawHeight = image.imageWidth * scale, image.imageHeight * scale
    return image


def to_pdf(brief: Briefing) -> bytes:
    """The briefing as an A4 PDF with the charts embedded."""
    styles = fonts.stylesheet()
    body, small = styles["BodyText"], styles["BodyText"].clone("small", fontSize=8, leading=10)
    out = io.BytesIO()
    doc = SimpleDocTemplate(
        out, pagesize=A4, title=brief.title, leftMargin=2 * cm, rightMargin=2 * cm
    )
    story = [
        Paragraph(escape(brief.title), styles["Title"]),
        Paragraph(escape(brief.subtitle), body),
        Paragraph("Versions", styles["Heading2"]),
        *(Paragraph("• " + escape(v), body) for v in brief.versions),
        Paragraph("Headline changes", styles["Heading2"]),
        *(Paragraph("• " + escape(line), body) for line in brief.headlines or [NO_CHANGE]),
    ]
    for _, spec in brief.charts:
        story += [Spacer(1, 0.4 * cm), _pdf_image(spec, doc.width, doc.height * 0.8)]
    # a heading stays on the page of the start of its table
    changed = [_pdf_table(brief.changes, small)] if len(brief.changes) else []
    judged = Paragraph(escape(brief.judged), body)
    story += [KeepTogether([Paragraph("Changes", styles["Heading2"]), judged, *changed])]
    if brief.texts:
        story += [Paragraph(TEXTS_HEADING, styles["Heading2"]), Paragraph(TEXTS_NOTE, small)]
        story += [
            Paragraph(f"• <b>{escape(clause_line(c))}</b> {redline.to_reportlab(c.runs)}", body)
            for c in brief.texts
        ]
    sources = [Paragraph("Sources cited", styles["Heading2"]), _pdf_table(brief.sources, small)]
    story += [KeepTogether(sources)]
    doc.build(story, canvasmaker=fonts.canvas)
    return out.getvalue()
