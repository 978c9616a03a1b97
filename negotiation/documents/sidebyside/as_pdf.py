"""The side-by-side table as a landscape PDF (A4, or A3 past three columns), in both modes:
wrapping cells in their state's colour, disputed ones framed (positions), or each clause's
number on its kind's colour (text); the redline struck and underlined; more columns than fit
are printed in bands, each repeating the issue column."""

from __future__ import annotations

import io
from collections.abc import Callable
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A3, A4, landscape
from reportlab.lib.units import cm
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from negotiation.documents import fonts, redline
from negotiation.documents.clauses import KINDS
from negotiation.documents.sidebyside import cells
from negotiation.documents.sidebyside.table import DISPUTED_MARK, Column, SideBySide
from negotiation.documents.sidebyside.text import TextTable

PDF_COLUMNS = 6
"""Text columns per table on an A3 page; more columns are printed in bands of this many, each
band repeating the issue column."""
MARKS = (
    "<strike><font color='#a50f15'>struck through</font></strike>: deleted since the "
    "column named in the heading; <u><font color='#08519c'>underlined</font></u>: inserted"
)

Cell = tuple[str, str | None, bool]
"""A cell as paragraph markup, its fill colour (None: none) and whether it is framed."""


def document(table: SideBySide, redlines: bool) -> bytes:
    """The positions table: landscape A4 (up to 3 columns) or A3, wrapping cells, the issue
    column repeated in bands of PDF_COLUMNS columns. Set in DejaVu Sans (Latin, Greek,
    Cyrillic)."""
    grid, names = cells.grid(table), cells.source_names(table)

    def cell(issue: str, column: Column) -> Cell:
        found = grid[(issue, column.key)]
        fill = table.legend[found["state"]][1]
        return _pdf_text(found, names, redlines), fill, bool(found["disputed"])

    used = set(table.cells["state"])
    items = [
        f"<font backColor='{fill}'>&nbsp;{escape(name)}&nbsp;</font> {escape(label)}"
        for state, (label, fill, name) in table.legend.items()
        if state in used
    ]
    items.append(f"{DISPUTED_MARK[0]}: disputed, reports of the text conflict")
    legend = " · ".join(items) + ("<br/>" + MARKS if redlines else "")
    counts = [str(table.open_counts.get(c.key, "")) for c in table.columns]
    return _document(table, legend, cell, (cells.OPEN_LABEL, counts))


def text_document(table: TextTable, redlines: bool) -> bytes:
    """The Text-mode table, laid out as `document`: each clause its number on its kind's
    colour, its words redlined, what happened to it in grey."""
    names = cells.source_names(table)

    def cell(issue: str, column: Column) -> Cell:
        found = table.cells[(issue, column.key)]
        if not found:
            return f"<font color='#555555'>{cells.NO_CLAUSE}</font>", None, False
        parts = []
        for clause in found:
            note = cells.clause_note(clause, names)
            parts.append(
                f"<font backColor='{KINDS[clause.kind][1]}'><b>{escape(clause.provision)}</b>"
                f"</font> {redline.to_reportlab(cells.clause_runs(clause, redlines))}"
                + (f"<br/><font color='#555555'>{escape(note)}</font>" if note else "")
            )
        return "<br/><br/>".join(parts), None, False

    items = [
        f"<font backColor='{KINDS[k][1]}'>&nbsp;{escape(KINDS[k][2])}&nbsp;</font> "
        f"{escape(KINDS[k][0])}"
        for k in table.kinds()
    ]
    legend = " · ".join(items) + "<br/>" + (MARKS + ". " if redlines else "")
    legend += escape(cells.MOVED_NOTE)
    if table.silent:
        legend += "<br/>" + escape(cells.silent_line(table))
    return _document(table, legend, cell)


def _document(
    table: SideBySide | TextTable,
    legend: str,
    cell: Callable[[str, Column], Cell],
    footer: tuple[str, list[str]] | None = None,
) -> bytes:
    size = landscape(A4 if len(table.columns) <= 3 else A3)
    styles = fonts.stylesheet()
    small = styles["BodyText"].clone("small", fontSize=7.5, leading=9.5)
    out = io.BytesIO()
    margin = 1.2 * cm
    doc = SimpleDocTemplate(out, pagesize=size, title=table.title, leftMargin=margin,
                            rightMargin=margin, topMargin=margin, bottomMargin=margin)  # fmt: skip
    story = [Paragraph(escape(table.title), styles["Title"]), Paragraph(legend, small)]
    bands = [range(n, min(n + PDF_COLUMNS, len(table.columns)))
             for n in range(0, len(table.columns), PDF_COLUMNS)]  # fmt: skip
    for n, band in enumerate(bands):
        if len(bands) > 1:
            heading = f"Columns {band[0] + 1}–{band[-1] + 1} of {len(table.columns)}"
            story += [PageBreak()] if n else []
            story += [Paragraph(heading, styles["Heading3"])]
        chosen = [table.columns[k] for k in band]
        shown = footer and (footer[0], [footer[1][k] for k in band])
        story += [Spacer(1, 0.2 * cm), _band(table, chosen, small, doc.width, cell, shown)]
    doc.build(story, canvasmaker=fonts.canvas)
    return out.getvalue()


def _band(table, band: list[Column], style, width: float, cell, footer) -> Table:
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
            markup, fill, framed = cell(row.issue, column)
            line.append(Paragraph(markup, style))
            if fill:
                commands.append(("BACKGROUND", (n, at), (n, at), colors.HexColor(fill)))
            if framed:
                red = colors.HexColor(DISPUTED_MARK[1])
                commands.append(("BOX", (n, at), (n, at), 1.2, red, None, (2, 2)))
        rows.append(line)
    if footer:
        rows.append([Paragraph(f"<b>{footer[0]}</b>", style), *footer[1]])
    pdf_table = Table(rows, colWidths=widths, repeatRows=1, splitInRow=1)
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


def _pdf_text(cell: dict, names: dict, redlines: bool) -> str:
    stance, quote, note = cells.texts(cell, redlines, redline.to_reportlab)
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
