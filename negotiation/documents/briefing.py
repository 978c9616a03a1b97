"""A briefing that compares two versions, as one self-contained HTML page or a PDF: headline
changes in sentences, the matrix, the gaps chart, the changes table, the texts' changed clauses
redlined (when both texts are recorded) and the sources cited."""

from __future__ import annotations

import dataclasses
import html
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import pandas as pd

from negotiation.analysis import agreement, standing
from negotiation.charts import views
from negotiation.data.model import DRAFT, Dataset
from negotiation.data.table import display_names
from negotiation.documents import export, redline
from negotiation.documents.clauses import Clause
from negotiation.documents.sidebyside.text import text_changes

CHARTS = ("matrix", "widest-gaps")
CHANGE_COLUMNS = {k: v for k, v in agreement.DIFF_LABELS.items() if k not in ("away", "stance_new")}
# the draft's own changes lead: they are what the parties are negotiating over
ORDER = {change: rank for rank, change in enumerate(agreement.CHANGES)}


@dataclass(frozen=True)
class Briefing:
    title: str
    subtitle: str
    versions: list[str]
    headlines: list[str]
    charts: list[tuple[str, dict]]
    changes: pd.DataFrame
    judged: str
    """What the changes' "moved toward" was judged against."""
    sources: pd.DataFrame
    texts: tuple[Clause, ...] = ()
    """How the newer text changed the older, clause by clause (when both are recorded)."""


def _and(names: str, known: Sequence[str] = ()) -> str:
    """'A, B, C' (a diff's `toward` cell) as 'A, B and C', each of the `known` names kept whole
    even where it holds a comma ("EU/E3 (France, Germany, UK, EU)")."""
    parts = _split_names(names, sorted(known, key=len, reverse=True))
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def _split_names(names: str, known: Sequence[str]) -> list[str]:
    """The names of a ", "-joined list, longest known name first at each place."""
    parts, rest = [], names
    while rest:
        name = next((k for k in known if rest == k or rest.startswith(k + ", ")), None)
        name = name or rest.split(", ", 1)[0]
        parts.append(name)
        rest = rest[len(name) + 2 :]
    return parts


def sentence(row: pd.Series, known: Sequence[str] = ()) -> str:
    """One plain sentence for a row of agreement.version_diff that is not unchanged; `known`:
    the names its parties may hold, each kept whole."""
    who = "the draft" if row["party"] == DRAFT else row["party_name"]
    start = f"On {row['issue_name']}, {who}"
    old, new = row["value_label_old"], row["value_label_new"]
    if row["change"] == "changed":
        toward = f", toward {_and(row['toward'], known)}" if row["toward"] else ""
        away = (
            f"{' and' if toward else ','} away from {_and(row['away'], known)}"
            if row["away"]
            else ""
        )
        return f"{start} moved from {old} to {new}{toward}{away}."
    if row["change"] == "status changed":
        return f"{start} keeps {new}, now {row['status_new']} (was {row['status_old']})."
    return {
        "newly disclosed": f"{start} made its position known: {new}.",
        "newly undisclosed": f"{start} no longer discloses its position (was {old}).",
        "added": f"{start} took a position: {new}.",
        "dropped": f"{start} no longer takes a position"
        + ("." if old == "undisclosed" else f" (was {old})."),
    }[row["change"]]


def changes(diff: pd.DataFrame) -> pd.DataFrame:
    """The changed rows of a version diff, the most important first: the draft's own changes
    before the parties', each by the size of the move (on the common scale; changes without a
    size, such as newly disclosed, after the moves), then by kind of change."""
    moved = diff[diff["change"] != "unchanged"]
    keys = pd.DataFrame(
        {
            "party": moved["party"] != DRAFT,
            "size": -(moved["norm_new"] - moved["norm_old"]).abs().fillna(-1),
            "kind": moved["change"].map(ORDER),
        },
        index=moved.index,
    )
    return moved.loc[keys.sort_values(["party", "size", "kind"], kind="stable").index]


HEADLINES = 10
"""Changes told as sentences; the rest are counted in one line and listed in the table."""


def headlines(moved: pd.DataFrame, known: Sequence[str] = ()) -> list[str]:
    """The first HEADLINES changes as sentences, then "and N more" when there are more."""
    told = [sentence(row, known) for _, row in moved.head(HEADLINES).iterrows()]
    rest = len(moved) - HEADLINES
    if rest > 0:
        told.append(f"And {rest} more change{'s' if rest > 1 else ''}, listed in the table below.")
    return told


def build(ds: Dataset, sel: views.Selection, today: date | None = None) -> Briefing:
    """The briefing comparing `sel.old` to `sel.new` for the selection's parties and issues."""
    old, new = ds.version(sel.old), ds.version(sel.new)
    moved = changes(agreement.version_diff(ds, sel.old, sel.new, sel.parties, sel.issues))
    at_new = dataclasses.replace(sel, version=sel.new)
    drawn = [(name, views.build(name, ds, at_new)) for name in CHARTS]
    cited = export.cited_sources(ds, sel, [sel.old, sel.new])
    return Briefing(
        title=f"{ds.title}: from {old.name} to {new.name}",
        subtitle=f"Briefing of {(today or date.today()):%d %B %Y}"
        + (f". {note}" if (note := standing.comparison_note(ds, sel.old, sel.new)) else ""),
        versions=[
            f"{v.name} ({v.date:%d %B %Y}, {v.kind})" + (f": {v.summary}" if v.summary else "")
            for v in (old, new)
        ],
        headlines=headlines(moved, list(display_names(ds)["party"].values())),
        charts=[
            (views.VIEWS[name].title, export.with_context(chart.to_dict(), ds, at_new, name, today))
            for name, chart in drawn
            if chart is not None
        ],
        changes=moved[list(CHANGE_COLUMNS)].rename(columns=CHANGE_COLUMNS),
        judged=agreement.direction_note(ds, sel.old, sel.new),
        sources=_sources(ds, cited),
        texts=text_changes(ds, sel.old, sel.new, sel.issues),
    )


def _sources(ds: Dataset, cited: Sequence[str]) -> pd.DataFrame:
    """The sources cited by the briefing's rows (`export.cited_sources`: each once, in the
    dataset's order)."""
    rows = [
        {"Publisher": s.publisher, "Title": s.title, "Date": s.when, "URL": s.url}
        for s in map(ds.source, cited)
    ]
    return pd.DataFrame(rows, columns=["Publisher", "Title", "Date", "URL"]).fillna("")


NO_CHANGE = "Nothing changed between these versions for the chosen parties and issues."
CSS = """
body { font-family: Helvetica, Arial, sans-serif; max-width: 60rem; margin: 2rem auto;
       color: #222; line-height: 1.4; }
h1 { font-size: 1.6rem; margin-bottom: 0; } .sub { color: #666; margin-top: .2rem; }
table { border-collapse: collapse; width: 100%; font-size: .85rem; }
th, td { border-bottom: 1px solid #ddd; padding: .3rem; text-align: left; vertical-align: top; }
th { background: #f3f3f3; } figure { margin: 1rem 0; } svg { max-width: 100%; height: auto; }
"""


def _html_table(frame: pd.DataFrame) -> str:
    return frame.to_html(index=False, escape=True, border=0) if len(frame) else ""


TEXTS_HEADING = "The texts, clause by clause"
TEXTS_NOTE = (
    "The clauses of the newer text that changed, moved, were added or deleted, redlined against "
    "the clause each continues in the older text: deleted words struck through, inserted "
    "underlined."
)


def clause_line(clause: Clause) -> str:
    """A clause's number and what happened to it, for the briefing's list."""
    return f"{clause.provision} ({clause.note})"


def _html_texts(brief: Briefing) -> str:
    e = html.escape
    if not brief.texts:
        return ""
    items = "".join(
        f"<li><b>{e(clause_line(c))}</b> {redline.to_html(c.runs)}</li>" for c in brief.texts
    )
    return f"<h2>{TEXTS_HEADING}</h2><p class='sub'>{TEXTS_NOTE}</p><ul>{items}</ul>"


def to_html(brief: Briefing) -> bytes:
    """The briefing as one HTML page with its CSS and SVG charts inline (works offline)."""
    e = html.escape
    items = "".join(f"<li>{e(line)}</li>" for line in brief.headlines)
    figures = "".join(
        f"<figure>{export.FORMATS['svg'].build(spec).decode()}</figure>" for _, spec in brief.charts
    )
    body = (
        f"<h1>{e(brief.title)}</h1><p class='sub'>{e(brief.subtitle)}</p>"
        "<h2>Versions</h2><ul>"
        + "".join(f"<li>{e(v)}</li>" for v in brief.versions)
        + "</ul><h2>Headline changes</h2>"
        + (f"<ul>{items}</ul>" if items else f"<p>{NO_CHANGE}</p>")
        + f"<h2>Charts</h2>{figures}<h2>Changes</h2><p class='sub'>{e(brief.judged)}</p>"
        + _html_table(brief.changes)
        + _html_texts(brief)
        + f"<h2>Sources cited</h2>{_html_table(brief.sources)}"
    )
    page = (
        f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{e(brief.title)}</title><style>{CSS}</style></head><body>{body}</body></html>"
    )
    return page.encode("utf-8")
