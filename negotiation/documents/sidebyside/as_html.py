"""The side-by-side table as HTML, in both modes (positions: `html_table`, text: `text_table`):
the table the page draws (scrolling sideways inside its frame on a narrow screen), its legend,
and the self-contained page the export writes. Every colour, frame and mark is an inline style,
so that Word keeps them on a paste."""

from __future__ import annotations

import html
from collections.abc import Callable

from negotiation.documents import redline, texts
from negotiation.documents.clauses import KINDS, Clause
from negotiation.documents.sidebyside import cells
from negotiation.documents.sidebyside.table import DISPUTED_MARK, SideBySide
from negotiation.documents.sidebyside.text import TextTable

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
    grid, names = cells.grid(table), cells.source_names(table)
    counts = "".join(
        f"<td><strong>{table.open_counts[c.key]}</strong></td>"
        if c.key in table.open_counts
        else "<td></td>"
        for c in table.columns
    )
    foot = f"<tr><th class='sbs-issue' scope='row'>{cells.OPEN_LABEL}</th>{counts}</tr>"
    return _frame(
        table,
        lambda issue, key: _html_cell(grid[(issue, key)], table, names, redlines),
        f"<tfoot>{foot}</tfoot>",
    )


def _frame(table: SideBySide | TextTable, cell: Callable[[str, str], str], foot: str = "") -> str:
    """Either table's frame: the header of column titles, a heading row per group, a row per
    issue of `cell(issue, column key)`, then `foot`, in a box that scrolls."""
    e = html.escape
    head = "".join(
        f"<th>{e(c.title)}<div class='sbs-sub'>{e(c.caption)}</div></th>" for c in table.columns
    )
    body, group = [], None
    for row in table.rows.itertuples():
        if row.group != group:
            group = row.group
            body.append(
                f"<tr class='sbs-group'><th colspan='{len(table.columns) + 1}'>"
                f"<span class='sbs-sticky'>{e(group)}</span></th></tr>"
            )
        line = "".join(cell(row.issue, c.key) for c in table.columns)
        body.append(f"<tr><th class='sbs-issue' scope='row'>{e(row.issue_name)}</th>{line}</tr>")
    return (
        "<div class='sbs-scroll'><table class='sbs'>"
        f"<thead><tr><th class='sbs-issue'>Issue</th>{head}</tr></thead>"
        f"<tbody>{''.join(body)}</tbody>{foot}</table></div>"
    )


def _html_cell(cell: dict, table: SideBySide, names: dict, redlines: bool) -> str:
    e = html.escape
    fill = table.legend[cell["state"]][1]
    frame = f"border:2px dashed {DISPUTED_MARK[1]};" if cell["disputed"] else ""
    stance, quote, note = cells.texts(cell, redlines, redline.to_html)
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
        f"<div class='sbs-note'>{e(cells.status_line(cell))}"
        + (f" · {e(note)}" if note else "")
        + "</div>",
        f"<div class='sbs-sources'>Sources: {links}</div>" if links else "",
    ]
    return f"<td style='background-color:{fill};{frame}'>{''.join(parts)}</td>"


def legend_html(table: SideBySide, redlines: bool = True) -> str:
    """The colours in words: each state's colour named, the disputed frame, and the redline's
    marks when they are shown."""
    used = set(table.cells["state"])
    items = [
        _swatch(fill, name, label)
        for state, (label, fill, name) in table.legend.items()
        if state in used
    ]
    items.append(
        f"<span style='border:2px dashed {DISPUTED_MARK[1]};padding:0 .4rem'>"
        f"{DISPUTED_MARK[0]}</span> disputed: reports of the text conflict"
    )
    shown = f"<p class='sbs-legend'>{MARKS}</p>" if redlines else ""
    return f"<p class='sbs-legend'>{' · '.join(items)}</p>{shown}"


MARKS = (
    "<del style='text-decoration:line-through;color:#a50f15'>struck through</del>: deleted "
    "since the column named in the heading; "
    "<ins style='text-decoration:underline;color:#08519c'>underlined</ins>: inserted."
)
"""The redline's marks in words, each in its own style."""


def _swatch(fill: str, name: str, label: str) -> str:
    """A legend's colour, named on its fill, then what it means."""
    e = html.escape
    return (
        f"<span style='background-color:{fill};border:1px solid #ccc;padding:0 .4rem'>"
        f"{e(name)}</span> {e(label)}"
    )


def document(table: SideBySide, redlines: bool) -> bytes:
    """The table as one self-contained HTML page, with its legend and sources."""
    return _page(table, legend_html(table, redlines), html_table(table, redlines))


def _page(table: SideBySide | TextTable, legend: str, body: str) -> bytes:
    """A self-contained HTML page: the table's title, `legend`, `body` and the sources."""
    e = html.escape
    page = (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{e(table.title)}</title><style>body {{ margin: 1.5rem; }}{CSS}</style></head>"
        f"<body><h1>{e(table.title)}</h1>{legend}{body}"
        f"<h2>Sources</h2>{_html_sources(table)}</body></html>"
    )
    return page.encode("utf-8")


def _html_sources(table: SideBySide | TextTable) -> str:
    return f"<ul>{''.join(texts.source_html(s) for s in table.sources.itertuples())}</ul>"


def text_table(table: TextTable, redlines: bool = True) -> str:
    """The Text-mode table as an HTML <table> like `html_table`: each clause a block filled
    with its kind's colour (inline styles), its number in bold, its words redlined."""
    names = cells.source_names(table)
    return _frame(
        table,
        lambda issue, key: f"<td>{_html_clauses(table.cells[(issue, key)], names, redlines)}</td>",
    )


def _html_clauses(found: tuple[Clause, ...], names: dict, redlines: bool) -> str:
    e = html.escape
    if not found:
        return f"<div class='sbs-note'>{e(cells.NO_CLAUSE)}</div>"
    blocks = []
    for clause in found:
        fill = KINDS[clause.kind][1]
        note = cells.clause_note(clause, names)
        blocks.append(
            f"<div style='background-color:{fill};padding:0.2rem 0.3rem;margin-bottom:0.3rem'>"
            f"<strong>{e(clause.provision)}</strong> "
            f"{redline.to_html(cells.clause_runs(clause, redlines))}"
            + (f"<div class='sbs-note'>{e(note)}</div>" if note else "")
            + "</div>"
        )
    return "".join(blocks)


def text_legend_html(table: TextTable, redlines: bool = True) -> str:
    """The clauses' colours in words, and the redline's marks when they are shown."""
    e = html.escape
    items = [_swatch(KINDS[k][1], KINDS[k][2], KINDS[k][0]) for k in table.kinds()]
    marks = f"{MARKS} " if redlines else ""
    return (
        f"<p class='sbs-legend'>{' · '.join(items)}</p>"
        f"<p class='sbs-legend'>{marks}{e(cells.MOVED_NOTE)}</p>"
    )


def text_document(table: TextTable, redlines: bool) -> bytes:
    """The Text-mode table as one self-contained HTML page, with its legend and sources."""
    silent = f"<p>{html.escape(cells.silent_line(table))}</p>" if table.silent else ""
    body = text_table(table, redlines) + silent
    return _page(table, text_legend_html(table, redlines), body)
