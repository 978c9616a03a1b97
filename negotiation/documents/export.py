"""Charts to PNG, SVG, PDF, offline HTML and Vega-Lite JSON, one by one or many in a ZIP.

One FORMATS registry drives the in-app buttons, the Export page and the CLI."""

from __future__ import annotations

import dataclasses
import io
import json
import textwrap
import zipfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date

import altair as alt
import vl_convert as vlc

from negotiation.charts import views
from negotiation.data.checks import ids
from negotiation.data.model import Dataset

PNG_SCALE = 2
SOURCE_WIDTH = 90
EXPORT_WIDTH = 640
"""The plot width, in pixels, of an exported chart that stretches to its container on screen."""
# vl-convert bundles several Vega-Lite versions; render with the one Altair writes specs for.
VL_VERSION = "_".join(alt.SCHEMA_VERSION.lstrip("v").split(".")[:2])


@dataclass(frozen=True)
class Format:
    ext: str
    mime: str
    label: str
    build: Callable[[dict], bytes]


FORMATS: dict[str, Format] = {
    "png": Format(
        "png",
        "image/png",
        "PNG",
        lambda spec: vlc.vegalite_to_png(spec, vl_version=VL_VERSION, scale=PNG_SCALE),
    ),
    "svg": Format(
        "svg",
        "image/svg+xml",
        "SVG",
        lambda spec: vlc.vegalite_to_svg(spec, vl_version=VL_VERSION).encode("utf-8"),
    ),
    "pdf": Format(
        "pdf",
        "application/pdf",
        "PDF",
        lambda spec: vlc.vegalite_to_pdf(spec, vl_version=VL_VERSION),
    ),
    # bundle=True inlines the Vega libraries, so the page works offline (no CDN link)
    "html": Format(
        "html",
        "text/html",
        "HTML",
        lambda spec: vlc.vegalite_to_html(spec, vl_version=VL_VERSION, bundle=True).encode(),
    ),
    "json": Format(
        "json",
        "application/json",
        "JSON",
        lambda spec: json.dumps(spec, indent=2).encode("utf-8"),
    ),
}


def chart_bytes(spec: dict, fmt: str) -> bytes:
    """A chart's Vega-Lite spec (from `with_context`) rendered in one of FORMATS."""
    return FORMATS[fmt].build(spec)


def cited_sources(ds: Dataset, sel: views.Selection, versions: Sequence[str]) -> list[str]:
    """The ids of the sources cited by the selection's rows in `versions`, in the dataset's
    order."""
    rows = ds.positions
    shown = rows[
        rows["version"].isin(versions)
        & rows["issue"].isin(sel.issues)
        & rows["party"].isin(["draft", *sel.parties])
    ]
    # each distinct cell once: rows repeat a few source lists (600,000 rows: 0.36 → 0.01 s)
    cells = shown["sources"].dropna().unique()
    cited = {s for cell in cells for s in ids(str(cell))}
    return [s.id for s in ds.sources if s.id in cited]


def cited_publishers(ds: Dataset, sel: views.Selection, versions: Sequence[str]) -> list[str]:
    """The publishers of the sources cited by the selection's rows in `versions`, sorted."""
    return sorted({ds.source(i).publisher for i in cited_sources(ds, sel, versions)})


@dataclass(frozen=True)
class Context:
    """What an exported chart says about where it comes from, apart from the day of export
    (the dashboard keeps it with the drawn chart; finding the cited sources reads every row)."""

    shown: str
    notes: tuple[str, ...]

    def lines(self, today: date | None = None) -> list[str]:
        """The subtitle lines: dataset, version(s) and date, then weights and sources."""
        return [f"{self.shown} · exported {(today or date.today()):%d %B %Y}", *self.notes]


def context_lines(
    ds: Dataset, sel: views.Selection, view_name: str, today: date | None = None
) -> list[str]:
    """The subtitle lines an exported chart carries: dataset, version(s), date, sources."""
    return context(ds, sel, view_name).lines(today)


def context(ds: Dataset, sel: views.Selection, view_name: str) -> Context:
    """The context of a view's chart for a selection."""
    view = views.VIEWS[view_name]
    versions = [sel.version] if view.per_version else ds.version_ids
    shown = (
        ds.version(sel.version).name
        if view.per_version
        else f"all versions ({ds.version(versions[0]).name} to {ds.version(versions[-1]).name})"
    )
    publishers = ", ".join(cited_publishers(ds, sel, versions)) or "none cited"
    # a long source list wraps, so it does not widen the chart
    return Context(
        f"{ds.title} · {shown}",
        (
            *textwrap.wrap(weights_line(ds, sel), SOURCE_WIDTH),
            *textwrap.wrap("Source: " + publishers, SOURCE_WIDTH),
        ),
    )


def weights_line(ds: Dataset, sel: views.Selection) -> str:
    """The weights moved by hand, so that an exported forecast does not pass for the data's
    (empty when none was moved)."""
    if not sel.weighed:
        return ""
    moved = [f"{ds.party(p).name} capability {w:g}" for p, w in sel.capability]
    moved += [
        f"{ds.party(p).name} salience on {ds.issue(i).name} {w:g}" for (p, i), w in sel.salience
    ]
    return "Weights set by hand: " + "; ".join(moved)


def with_context(
    spec: dict,
    ds: Dataset,
    sel: views.Selection,
    view_name: str,
    today: date | None = None,
) -> dict:
    """A chart's Vega-Lite spec titled with its view's title, its own title kept as the first
    subtitle line, then the dataset, version(s), date and sources. It takes the spec rather
    than the chart so that the dashboard exports the spec it already drew, without building
    the chart again."""
    return titled(spec, view_name, context_lines(ds, sel, view_name, today))


def titled(spec: dict, view_name: str, lines: list[str]) -> dict:
    """The spec titled with its view's title, its own title, then the context `lines`."""
    text = views.VIEWS[view_name].title
    own = spec.get("title")
    own_subtitle = own.get("subtitle", []) if isinstance(own, dict) else []
    own = own.get("text") if isinstance(own, dict) else own
    kept = [own] if isinstance(own, str) and own and own != text else []
    own_lines = [own_subtitle] if isinstance(own_subtitle, str) else list(own_subtitle)
    subtitle = [*kept, *own_lines, *lines]
    # a chart that stretches to its container on screen has none in a file: give it a width
    width = {"width": EXPORT_WIDTH} if spec.get("width") == "container" else {}
    return spec | width | {"title": {"text": text, "subtitle": subtitle, "anchor": "start"}}


def file_name(chart: str, version: str | None, ext: str) -> str:
    """`<chart>__<version>.<ext>`, or `<chart>.<ext>` for a chart over all versions."""
    return f"{chart}__{version}.{ext}" if version else f"{chart}.{ext}"


def check(
    ds: Dataset,
    charts: Sequence[str],
    versions: Sequence[str],
    formats: Sequence[str],
    issues: Sequence[str] = (),
) -> None:
    """Raise ValueError naming the valid choices when a chart, version, format or issue is
    unknown."""
    for kind, chosen, valid in (
        ("chart", charts, list(views.VIEWS)),
        ("version", versions, ds.version_ids),
        ("format", formats, list(FORMATS)),
        ("issue", issues, ds.issue_ids),
    ):
        unknown = [c for c in chosen if c not in valid]
        if unknown:
            raise ValueError(f"unknown {kind} '{unknown[0]}'; valid: {', '.join(valid)}")


def jobs(charts: Sequence[str], versions: Sequence[str]) -> list[tuple[str, str | None]]:
    """Each (chart, version) to render; charts over all versions once, with version None."""
    return [
        (name, version)
        for name in charts
        for version in (versions if views.VIEWS[name].per_version else [None])
    ]


def export_all(
    ds: Dataset,
    sel: views.Selection,
    charts: Sequence[str],
    versions: Sequence[str],
    formats: Sequence[str],
    today: date | None = None,
) -> Iterator[tuple[str, bytes | None]]:
    """(file name, bytes) for every chart × version × format; bytes None when the chart has
    nothing to show for that selection. Each chart is built once for all its formats."""
    for name, version in jobs(charts, versions):
        chosen = dataclasses.replace(sel, version=version) if version else sel
        chart = views.build(name, ds, chosen)
        spec = (
            None
            if chart is None
            else with_context(chart.to_dict(validate=False), ds, chosen, name, today)
        )
        for fmt in formats:
            yield file_name(name, version, fmt), None if spec is None else FORMATS[fmt].build(spec)


def count(charts: Sequence[str], versions: Sequence[str], formats: Sequence[str]) -> int:
    """How many files `export_all` yields."""
    return len(jobs(charts, versions)) * len(formats)


def zip_exports(
    ds: Dataset,
    sel: views.Selection,
    charts: Sequence[str],
    versions: Sequence[str],
    formats: Sequence[str],
    progress: Callable[[int, int, str], None] | None = None,
) -> bytes:
    """A ZIP of every chart × version × format (empty charts left out); `progress(done, total,
    file name)` is called after each file."""
    total = count(charts, versions, formats)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for done, (name, data) in enumerate(
            export_all(ds, sel, charts, versions, formats), start=1
        ):
            if data is not None:
                archive.writestr(name, data)
            if progress:
                progress(done, total, name)
    return out.getvalue()
