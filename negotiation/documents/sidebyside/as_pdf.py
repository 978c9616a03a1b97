"""The side-by-side table as a landscape PDF (A4, or A3 past three columns): wrapping cells
in their state's colour, disputed ones framed, the redline struck and underlined; more columns
than fit are printed in bands, each repeating the issue column."""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A3, A4, landscape
from reportlab.lib.units import cm
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from negotiation.documents import fonts, redline
from negotiation.documents.sidebyside import cells
from negotiation.documents.sidebyside.table import DISPUTED_MARK, SideBySide

PDF_COLUMNS = 6
"""Text columns per table on an A3 page; more columns are printed in bands of this many, each
band repeating the issue column."""


def document(table: SideBySide, redlines: bool) -> bytes:
    """Landscape A4 (up to 3 columns) or A3, wrapping cells, the issue column repeated in bands
    of PDF_COLUMNS columns. Set in DejaVu Sans (Latin, Greek, Cyrillic)."""

    size = landscape(A4 if len(table.columns) <= 3 else A3)
    styles = fonts.stylesheet()
    small = styles["BodyText"].clone("small", fontSize=7.5, leading=9.5)
    out = io.BytesIO()
    margin = 1.2 * cm
    doc = SimpleDocTemplate(out, pagesize=size, title=table.title, leftMargin=margin,
                            rightMargin=margin, topMargin=margin, bottomMargin=margin)  # fmt: skip
    story = [Paragraph(escape(table.title), styles["Title"]), _pdf_legend(table, small, redlines)]
    bands = [table.columns[n : n + PDF_COLUMNS] for n in range(0, len(table.columns), PDF_COLUMNS)]
    for n, band in enumerate(bands):
        if len(bands) > 1:
            first, last = n * PDF_COLUMNS + 1, n * PDF_COLUMNS + len(band)
            heading = f"Columns {first}–{last} of {len(table.columns)}"
            story += [PageBreak()] if n else []
            story += [Paragraph(heading, styles["Heading3"])]
        story += [Spacer(1, 0.2 * cm), _pdf_band(table, band, small, doc.width, redlines)]
    doc.build(story, canvasmaker=fonts.canvas)
    return out.getvalue()


def _pdf_legend(table: SideBySide, style, redlines: bool):

    used = set(table.cells["state"])
    items = [
        f"<font backColor='{fill}'>&nbsp;{escape(name)}&nbsp;</font> {escape(label)}"
        for state, (label, fill, name) in table.legend.items()
        if state in used
    ]
    items.append(f"{DISPUTED_MARK[0]}: disputed, reports of the text conflict")
    marks = (
        "<strike><font color='#a50f15'>struck through</font></strike>: deleted since the "
        "column named in the heading; <u><font color='#08519c'>underlined</font></u>: inserted"
    )
    return Paragraph(" · ".join(items) + ("<br/>" + marks if redlines else ""), style)


def _pdf_band(table: SideBySide, band, style, width: float, redlines: bool):

    grid, names = cells.grid(table), cells.source_names(table)
    issue_width = min(4.5 * 28.35, width * 0.16)
    widths = [issue_width, *[(width - issue_width) / len(band)] * len(band)]
    header = [Paragraph("<b>Issue</b>", style)] + [
        Paragraph(f"<b>{escape(c.title)}</b><br/>{escape(c.caption)}", style) for c in band
    ]
    rows, commands, group = [header], [], None
    for row in table.rows.itertuples():
        if row.group != group:
            group = row.group
            rows.append([Paragraph(f"<b>{escape(group.capitalize())}</b>", style)])
            rows[-1] += [""] * len(band)
            at = len(rows) - 1
            commands += [("SPAN", (0, at), (-1, at)), ("BACKGROUND", (0, at), (-1, at),
                                                         colors.HexColor("#e8e8e8"))]  # fmt: skip
        at = len(rows)
        line = [Paragraph(escape(row.issue_name), style)]
        for n, column in enumerate(band, start=1):
            cell = grid[(row.issue, column.key)]
            line.append(Paragraph(_pdf_text(cell, names, redlines), style))
            fill = colors.HexColor(table.legend[cell["state"]][1])
            commands.append(("BACKGROUND", (n, at), (n, at), fill))
            if cell["disputed"]:
                red = colors.HexColor(DISPUTED_MARK[1])
                commands.append(("BOX", (n, at), (n, at), 1.2, red, None, (2, 2)))
        rows.append(line)
    counts = [str(table.open_counts.get(c.key, "")) for c in band]
    rows.append([Paragraph(f"<b>{cells.OPEN_LABEL}</b>", style), *counts])
    pdf_table = Table(rows, colWidths=widths, repeatRows=1)
    pdf_table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.25, colors.HexColor("#cccccc")),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#f3f3f3")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("FONTNAME", (0, 0), (-1, -1), fonts.FAMILY),
                ("FONTSIZE", (0, -1), (-1, -1), 8),
                *commands,
            ]
        )
    )
    return pdf_table


def _pdf_mark(runs: tuple[redline.Run, ...]) -> str:
    marks = {
        redline.EQUAL: "{}",
        redline.DELETE: "<strike><font color='#a50f15'>{}</font></strike>",
        redline.INSERT: "<u><font color='#08519c'>{}</font></u>",
    }
    return " ".join(marks[r.op].format(escape(r.text)) for r in runs)


def _pdf_text(cell: dict, names: dict, redlines: bool) -> str:
    stance, quote, note = cells.texts(cell, redlines, _pdf_mark)
    sources = "; ".join(escape(names[s][0]) for s in cell["sources"] if s in names)
    parts = [
        f"<b>{escape(cell['term'])}</b>",
        stance,
        f"<i>“{quote}”</i>" if quote else "",
        f"<font color='#555555'>{escape(cells.status_line(cell))}"
        + (f" · {escape(note)}" if note else "")
        + "</font>",
        f"<font color='#555555'>Sources: {sources}</font>" if sources else "",
    ]
    return "<br/>".join(p for p in parts if p)
