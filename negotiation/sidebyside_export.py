"""The side-by-side table as files: self-contained HTML (which also pastes into Word, every
mark an inline style), XLSX (coloured cells, redlines as rich text), landscape PDF, Markdown
and a tidy CSV of the cells. The page draws the same HTML table."""

from __future__ import annotations

import html
import io
from collections.abc import Callable
from dataclasses import dataclass
from xml.sax.saxutils import escape

import pandas as pd

from negotiation import redline, spreadsheet
from negotiation.sidebyside import DISPUTED_MARK, SideBySide


@dataclass(frozen=True)
class Format:
    label: str
    mime: str


FORMATS = {
    "html": Format("HTML (opens in Word)", "text/html"),
    "xlsx": Format("XLSX", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "pdf": Format("PDF", "application/pdf"),
    "md": Format("Markdown", "text/markdown"),
    "csv": Format("CSV", "text/csv"),
}
BASIS = {"quote": "changes in the text's quoted words", "stance": "changes in the stance"}
OPEN_LABEL = "Still open (undisclosed or disputed)"
CSV_COLUMNS = {
    "issue": "issue",
    "issue_name": "issue_name",
    "group": "group",
    "column": "column",
    "column_title": "column_title",
    "term": "term",
    "stance": "stance",
    "quote": "quote",
    "status": "status",
    "state": "state",
    "state_label": "state_label",
    "disputed": "disputed",
    "basis": "redline_on",
    "marked": "redline",
    "source_ids": "sources",
}
"""The CSV's columns (one row per issue and column), from the cells' fields."""


def render(table: SideBySide, fmt: str, redlines: bool = True) -> bytes:
    """The table in one of FORMATS; `redlines` False gives clean text."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format '{fmt}'; valid: {', '.join(FORMATS)}")
    return _RENDERERS[fmt](table, redlines)


def _grid(table: SideBySide) -> dict[tuple[str, str], dict]:
    """Each cell by (issue, column key)."""
    return {(c["issue"], c["column"]): c for c in table.cells.to_dict("records")}


def _shown(cell: dict, redlines: bool) -> tuple[tuple[redline.Run, ...], str]:
    """The cell's redline (or its new text alone when redlines are off) and the note saying
    what it compares ('' when there is nothing to say)."""
    runs = cell["redline"]
    if not redlines or not redline.changed(runs):
        return (redline.Run(redline.EQUAL, redline.after(runs)),) if runs else (), ""
    return runs, BASIS.get(cell["basis"], "")


def _texts(cell: dict, redlines: bool, mark: Callable) -> tuple[str, str, str]:
    """The stance, the quote (each marked up by `mark` where the redline runs on it) and the
    note on the redline."""
    runs, note = _shown(cell, redlines)
    on_quote = cell["basis"] == "quote"
    plain = (redline.Run(redline.EQUAL, cell["stance"]),) if cell["stance"] else ()
    quoted = (redline.Run(redline.EQUAL, cell["quote"]),) if cell["quote"] else ()
    stance = mark(plain if on_quote else runs)
    quote = mark(runs if on_quote else quoted)
    return stance, quote, note


def _source_names(table: SideBySide) -> dict[str, tuple[str, str]]:
    """Each cited source's short name (publisher, date) and link."""
    return {
        row.id: (f"{row.publisher}, {pd.Timestamp(row.date):%d %b %Y}", row.url)
        for row in table.sources.itertuples()
    }


def _status_line(cell: dict) -> str:
    return cell["state_label"] + (" · disputed: reports conflict" if cell["disputed"] else "")


# --- HTML ----------------------------------------------------------------------------------

CSS = """
.sbs-scroll { overflow: auto; max-width: 100%; max-height: 85vh; }
.sbs { border-collapse: separate; border-spacing: 0; font-family: Helvetica, Arial, sans-serif;
       font-size: 0.85rem; line-height: 1.35; color: #222; }
.sbs th, .sbs td { border: 1px solid #cccccc; padding: 0.35rem 0.45rem; vertical-align: top;
                   text-align: left; min-width: 11rem; max-width: 22rem;
                   overflow-wrap: anywhere; }
.sbs thead th { background: #f3f3f3; position: sticky; top: 0; z-index: 2; }
.sbs th.sbs-issue { position: sticky; left: 0; background: #fafafa; min-width: 7rem;
                    max-width: 10rem; z-index: 1; }
.sbs thead th.sbs-issue { z-index: 3; }
.sbs tr.sbs-group th { background: #e8e8e8; text-transform: capitalize; }
.sbs .sbs-sub, .sbs .sbs-note, .sbs .sbs-sources { color: #555; font-size: 0.78rem; }
.sbs .sbs-quote { font-style: italic; }
.sbs a { color: #08519c; }
.sbs .sbs-sticky { position: sticky; left: 0.45rem; display: inline-block; }
.sbs-legend span { white-space: nowrap; }
"""
"""Layout only: every colour, frame and mark is also an inline style on its element."""


def html_table(table: SideBySide, redlines: bool = True) -> str:
    """The table as an HTML <table> in a container that scrolls sideways on a narrow screen;
    each cell's colour and frame are inline styles, so that a paste into Word keeps them."""
    e = html.escape
    grid, names = _grid(table), _source_names(table)
    head = "".join(
        f"<th>{e(c.title)}<div class='sbs-sub'>{e(c.subtitle)}</div></th>" for c in table.columns
    )
    body, group = [], None
    for row in table.rows.itertuples():
        if row.group != group:
            group = row.group
            body.append(
                f"<tr class='sbs-group'><th colspan='{len(table.columns) + 1}'>"
                f"<span class='sbs-sticky'>{e(group)}</span></th></tr>"
            )
        cells = "".join(
            _html_cell(grid[(row.issue, c.key)], table, names, redlines) for c in table.columns
        )
        body.append(f"<tr><th class='sbs-issue' scope='row'>{e(row.issue_name)}</th>{cells}</tr>")
    counts = "".join(
        f"<td><strong>{table.open_counts[c.key]}</strong></td>"
        if c.key in table.open_counts
        else "<td></td>"
        for c in table.columns
    )
    foot = f"<tr><th class='sbs-issue' scope='row'>{OPEN_LABEL}</th>{counts}</tr>"
    return (
        "<div class='sbs-scroll'><table class='sbs'>"
        f"<thead><tr><th class='sbs-issue'>Issue</th>{head}</tr></thead>"
        f"<tbody>{''.join(body)}</tbody><tfoot>{foot}</tfoot></table></div>"
    )


def _html_cell(cell: dict, table: SideBySide, names: dict, redlines: bool) -> str:
    e = html.escape
    fill = table.legend[cell["state"]][1]
    frame = f"border:2px dashed {DISPUTED_MARK[1]};" if cell["disputed"] else ""
    stance, quote, note = _texts(cell, redlines, redline.to_html)
    links = ", ".join(
        f"<a href='{e(names[s][1])}'>{e(names[s][0])}</a>"
        if names[s][1].startswith("http")
        else e(names[s][0])
        for s in cell["sources"]
        if s in names
    )
    parts = [
        f"<strong>{e(cell['term'])}</strong>",
        f"<div>{stance}</div>" if stance else "",
        f"<div class='sbs-quote'>“{quote}”</div>" if quote else "",
        f"<div class='sbs-note'>{e(_status_line(cell))}"
        + (f" · {e(note)}" if note else "")
        + "</div>",
        f"<div class='sbs-sources'>Sources: {links}</div>" if links else "",
    ]
    return f"<td style='background-color:{fill};{frame}'>{''.join(parts)}</td>"


def legend_html(table: SideBySide, redlines: bool = True) -> str:
    """The colours in words: each state's colour named, the disputed frame, and the redline's
    marks when they are shown."""
    e = html.escape
    used = set(table.cells["state"])
    items = [
        f"<span style='background-color:{fill};border:1px solid #ccc;padding:0 .4rem'>"
        f"{e(name)}</span> {e(label)}"
        for state, (label, fill, name) in table.legend.items()
        if state in used
    ]
    items.append(
        f"<span style='border:2px dashed {DISPUTED_MARK[1]};padding:0 .4rem'>"
        f"{DISPUTED_MARK[0]}</span> disputed: reports of the text conflict"
    )
    marks = (
        "<del style='text-decoration:line-through;color:#a50f15'>struck through</del>: deleted "
        "since the previous column; <ins style='text-decoration:underline;color:#08519c'>"
        "underlined</ins>: inserted."
    )
    shown = f"<p class='sbs-legend'>{marks}</p>" if redlines else ""
    return f"<p class='sbs-legend'>{' · '.join(items)}</p>{shown}"


def _html(table: SideBySide, redlines: bool) -> bytes:
    e = html.escape
    page = (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{e(table.title)}</title><style>body {{ margin: 1.5rem; }}{CSS}</style></head>"
        f"<body><h1>{e(table.title)}</h1>{legend_html(table, redlines)}"
        f"{html_table(table, redlines)}"
        f"<h2>Sources</h2>{_html_sources(table)}</body></html>"
    )
    return page.encode("utf-8")


def _html_sources(table: SideBySide) -> str:
    e = html.escape
    items = "".join(
        f"<li>{e(s.publisher)}, {e(s.date)}: {e(s.title)}. "
        + (f"<a href='{e(s.url)}'>{e(s.url)}</a>" if s.url.startswith("http") else e(s.url))
        + "</li>"
        for s in table.sources.itertuples()
    )
    return f"<ul>{items}</ul>"


# --- XLSX ----------------------------------------------------------------------------------

COLUMN_WIDTH = 45


def _xlsx(table: SideBySide, redlines: bool) -> bytes:
    """One row per issue, a column per version (then parties and forecast), each cell filled
    with its state's colour, its redline as rich text; the footer counts what is open."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = "side by side"
    titles = (spreadsheet.inert(f"{c.title}\n{c.subtitle}") for c in table.columns)
    sheet.append(["Issue", "Group", *titles])
    grid = _grid(table)
    dashed = Side(style="dashed", color=DISPUTED_MARK[1].lstrip("#"))
    wrap = Alignment(wrap_text=True, vertical="top")
    for row in table.rows.itertuples():
        sheet.append([spreadsheet.inert(row.issue_name), spreadsheet.inert(row.group)])
        at = sheet.max_row
        for n, column in enumerate(table.columns, start=3):
            cell = grid[(row.issue, column.key)]
            target = sheet.cell(row=at, column=n, value=_rich(cell, table, redlines))
            fill = "FF" + table.legend[cell["state"]][1].lstrip("#").upper()
            target.fill = PatternFill("solid", start_color=fill, end_color=fill)
            if cell["disputed"]:
                target.border = Border(left=dashed, right=dashed, top=dashed, bottom=dashed)
    counts = [table.open_counts.get(c.key) for c in table.columns]
    sheet.append([OPEN_LABEL, "", *counts])
    for cells in sheet.iter_rows():
        for cell in cells:
            cell.alignment = wrap
    for cell in (*sheet[1], *sheet[sheet.max_row]):
        cell.font = Font(bold=True)
    sheet.column_dimensions["A"].width, sheet.column_dimensions["B"].width = 28, 14
    for n in range(3, len(table.columns) + 3):
        sheet.column_dimensions[get_column_letter(n)].width = COLUMN_WIDTH
    sheet.freeze_panes = "C2"
    sources = table.sources.rename(columns={"id": "source"})
    spreadsheet.write_sheet(book, "sources", sources)
    return spreadsheet.workbook_bytes(book)


def _rich(cell: dict, table: SideBySide, redlines: bool):
    """A cell as rich text: the term in bold, the redline struck and underlined, the state and
    the sources' ids."""
    from openpyxl.cell.rich_text import CellRichText, TextBlock
    from openpyxl.cell.text import InlineFont

    fonts = {
        redline.EQUAL: None,
        redline.DELETE: InlineFont(strike=True, color="A50F15"),
        redline.INSERT: InlineFont(u="single", color="08519C"),
    }

    def blocks(runs: tuple[redline.Run, ...]) -> list:
        out: list = []
        for n, run in enumerate(runs):
            text = (" " if n else "") + run.text
            out.append(TextBlock(fonts[run.op], text) if fonts[run.op] else text)
        return out

    runs, note = _shown(cell, redlines)
    on_quote = cell["basis"] == "quote"
    stance = [cell["stance"]] if on_quote else blocks(runs)
    quote = blocks(runs) if on_quote else ([cell["quote"]] if cell["quote"] else [])
    status = _status_line(cell) + (f" · {note}" if note else "")
    parts: list = [TextBlock(InlineFont(b=True), cell["term"]), "\n", *stance]
    if quote:
        parts += ["\n“", *quote, "”"]
    parts += [f"\n{status}"]
    if cell["sources"]:
        parts += [f"\nSources: {'; '.join(cell['sources'])}"]
    return CellRichText([p for p in parts if not isinstance(p, str) or p])


# --- PDF -----------------------------------------------------------------------------------

PDF_COLUMNS = 6
"""Text columns per table on an A3 page; more columns are printed in bands of this many, each
band repeating the issue column."""


def _pdf(table: SideBySide, redlines: bool) -> bytes:
    """Landscape A4 (up to 3 columns) or A3, wrapping cells, the issue column repeated in bands
    of PDF_COLUMNS columns. The standard Helvetica font shows Latin-1 text only."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A3, A4, landscape
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.lib.units import cm
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer

    size = landscape(A4 if len(table.columns) <= 3 else A3)
    styles = getSampleStyleSheet()
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
        story += [Spacer(1, 0.2 * cm), _pdf_band(table, band, small, doc.width, redlines, colors)]
    doc.build(story)
    return out.getvalue()


def _pdf_legend(table: SideBySide, style, redlines: bool):
    from reportlab.platypus import Paragraph

    used = set(table.cells["state"])
    items = [
        f"<font backColor='{fill}'>&nbsp;{escape(name)}&nbsp;</font> {escape(label)}"
        for state, (label, fill, name) in table.legend.items()
        if state in used
    ]
    items.append(f"{DISPUTED_MARK[0]}: disputed, reports of the text conflict")
    marks = (
        "<strike><font color='#a50f15'>struck through</font></strike>: deleted since the "
        "previous column; <u><font color='#08519c'>underlined</font></u>: inserted"
    )
    return Paragraph(" · ".join(items) + ("<br/>" + marks if redlines else ""), style)


def _pdf_band(table: SideBySide, band, style, width: float, redlines: bool, colors):
    from reportlab.platypus import Paragraph, Table, TableStyle

    grid, names = _grid(table), _source_names(table)
    issue_width = min(4.5 * 28.35, width * 0.16)
    widths = [issue_width, *[(width - issue_width) / len(band)] * len(band)]
    header = [Paragraph("<b>Issue</b>", style)] + [
        Paragraph(f"<b>{escape(c.title)}</b><br/>{escape(c.subtitle)}", style) for c in band
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
    rows.append([Paragraph(f"<b>{OPEN_LABEL}</b>", style), *counts])
    pdf_table = Table(rows, colWidths=widths, repeatRows=1)
    pdf_table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.25, colors.HexColor("#cccccc")),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#f3f3f3")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
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
    stance, quote, note = _texts(cell, redlines, _pdf_mark)
    sources = "; ".join(escape(names[s][0]) for s in cell["sources"] if s in names)
    parts = [
        f"<b>{escape(cell['term'])}</b>",
        stance,
        f"<i>“{quote}”</i>" if quote else "",
        f"<font color='#555555'>{escape(_status_line(cell))}"
        + (f" · {escape(note)}" if note else "")
        + "</font>",
        f"<font color='#555555'>Sources: {sources}</font>" if sources else "",
    ]
    return "<br/>".join(p for p in parts if p)


# --- Markdown and CSV ----------------------------------------------------------------------


def _md_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _md(table: SideBySide, redlines: bool) -> bytes:
    """A Markdown table, one row per issue: deleted words ~~struck~~, inserted **bold**."""
    grid, names = _grid(table), _source_names(table)
    titles = [f"{c.title} ({c.subtitle})" for c in table.columns]
    lines = [
        f"# {table.title}",
        "",
        "Deleted words since the previous column are ~~struck through~~, inserted words are "
        "**bold**. Each cell: the term, the stance, the text's quoted words, its change since "
        "the previous column, its sources.",
        "",
        "| " + " | ".join(_md_escape(t) for t in ["Issue", "Group", *titles]) + " |",
        "|" + "---|" * (len(titles) + 2),
    ]
    for row in table.rows.itertuples():
        cells = [_md_cell(grid[(row.issue, c.key)], names, redlines) for c in table.columns]
        lines.append("| " + " | ".join([_md_escape(row.issue_name), row.group, *cells]) + " |")
    counts = [str(table.open_counts.get(c.key, "")) for c in table.columns]
    lines.append("| " + " | ".join([OPEN_LABEL, "", *counts]) + " |")
    return ("\n".join(lines) + "\n").encode("utf-8")


def _md_cell(cell: dict, names: dict, redlines: bool) -> str:
    def mark(runs):
        return redline.to_markdown(tuple(redline.Run(r.op, _md_escape(r.text)) for r in runs))

    stance, quote, note = _texts(cell, redlines, mark)
    links = ", ".join(
        f"[{_md_escape(names[s][0])}]({names[s][1]})"
        if names[s][1].startswith("http")
        else _md_escape(names[s][0])
        for s in cell["sources"]
        if s in names
    )
    parts = [
        f"**{_md_escape(cell['term'])}**",
        stance,
        f"“{quote}”" if quote else "",
        f"_{_md_escape(_status_line(cell))}" + (f" · {note}" if note else "") + "_",
        f"Sources: {links}" if links else "",
    ]
    return "<br>".join(p for p in parts if p)


def cells_frame(table: SideBySide, redlines: bool = True) -> pd.DataFrame:
    """The tidy cells, one row per issue and column, redlines in GNU wdiff's marks."""
    titles = {c.key: c.title for c in table.columns}
    frame = table.cells.merge(table.rows, on="issue", how="left")
    return frame.assign(
        column_title=frame["column"].map(titles),
        marked=[redline.to_text(_shown(c, redlines)[0]) for c in frame.to_dict("records")],
        source_ids=frame["sources"].map("; ".join),
        disputed=frame["disputed"].map({True: "yes", False: ""}),
    )[list(CSV_COLUMNS)].rename(columns=CSV_COLUMNS)


def _csv(table: SideBySide, redlines: bool) -> bytes:
    return spreadsheet.to_csv(cells_frame(table, redlines))


_RENDERERS: dict[str, Callable[[SideBySide, bool], bytes]] = {
    "html": _html,
    "xlsx": _xlsx,
    "pdf": _pdf,
    "md": _md,
    "csv": _csv,
}
