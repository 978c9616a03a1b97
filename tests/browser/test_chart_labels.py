"""The exported SVGs of the charts whose labels crowd most, measured in Chromium: no two texts
overlap, and no label or title is cut short with '…' (the matrix's cells and the forecast's
words, abridged on purpose, say their cut with the library's own '…', which the test tells
apart: Vega cuts nothing)."""

from dataclasses import replace

import pytest
from factory import ISSUES, PARTIES, metadata, row, write_dataset
from playwright.sync_api import Page

from negotiation.charts import views
from negotiation.charts.forecast import FORECAST_CHARS
from negotiation.charts.layout import abridge
from negotiation.charts.matrix import cell_text
from negotiation.data.load import load_dataset
from negotiation.data.model import Dataset
from negotiation.documents import export
from tests.conftest import BUNDLED

pytestmark = pytest.mark.browser

TEXTS = """() => [...document.querySelectorAll('svg text')]
  .filter(t => t.textContent.trim() && t.getBBox().width > 0
               && getComputedStyle(t).opacity !== '0' && !t.closest('[opacity="0"]'))
  .map(t => { const r = t.getBoundingClientRect();
              return {text: [...t.querySelectorAll('tspan')].map(s => s.textContent).join('\\n')
                            || t.textContent,
                      box: [r.left, r.top, r.right, r.bottom]}; })"""


def measured(page: Page, svg: str) -> list[dict]:
    """Every visible text of the SVG with its box on the page, in pixels."""
    page.set_content(f"<html><body style='margin:0'>{svg}</body></html>")
    return page.evaluate(TEXTS)


def overlapping(texts: list[dict], slack: float = 1.0) -> list[tuple[str, str]]:
    """The pairs of texts whose boxes overlap by more than `slack` pixels each way."""
    pairs = []
    for n, a in enumerate(texts):
        for b in texts[n + 1 :]:
            (l1, t1, r1, b1), (l2, t2, r2, b2) = a["box"], b["box"]
            if min(r1, r2) - max(l1, l2) > slack and min(b1, b2) - max(t1, t2) > slack:
                pairs.append((a["text"], b["text"]))
    return pairs


def exported_svg(ds: Dataset, sel: views.Selection, name: str) -> str:
    """The chart as the Export page and the CLI write it."""
    spec = export.with_context(views.build(name, ds, sel).to_dict(), ds, sel, name)
    return export.chart_bytes(spec, "svg").decode()


@pytest.fixture(scope="module")
def bundled() -> Dataset:
    return load_dataset(BUNDLED)


@pytest.fixture(scope="module")
def crowded(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    """Twenty versions in one month, their names of every length."""
    kinds = ["draft", "counter-proposal", "summit", "statement", "framework"]
    versions = [
        {
            "id": f"v{n}",
            "name": ["Draft", "Counter-proposal on the ceasefire line", "Summit in Geneva",
                     "Joint statement of the foreign ministers", "Framework"][n % 5] + f" {n}",
            "date": f"2025-11-{n + 1:02d}",
            "kind": kinds[n % 5],
        }
        for n in range(20)
    ]  # fmt: skip
    rows = [row(f"v{n}", p, "cap", str(600 + 10 * n)) for n in range(20) for p in ("draft", "a")]
    folder = write_dataset(
        tmp_path_factory.mktemp("crowded") / "crowded",
        rows,
        metadata(versions=versions, issues=ISSUES[:1], parties=PARTIES[:2]),
    )
    return load_dataset(folder)


ABRIDGED = {
    "matrix": lambda frame: set(cell_text(frame["value_label"])),
    "forecast": lambda frame: {"\n".join(abridge(t, FORECAST_CHARS)) for t in frame["text"]},
}
"""The texts a chart abridges on purpose (its words cut at a clause or a word, marked '…', the
whole in the tooltip): those alone may end in '…'."""

CASES = [
    # (dataset fixture, chart, version, issue in focus)
    ("bundled", "timeline", None, None),
    ("crowded", "timeline", None, None),
    ("bundled", "matrix", "us-28", None),
    ("bundled", "matrix", "ukraine-20", None),
    ("bundled", "issue-scale", "us-28", "army-cap"),
    ("bundled", "issue-scale", "ukraine-20", "army-cap"),
    ("bundled", "issue-scale", "us-28", "zaporizhzhia-npp"),  # five levels, long ones
    ("bundled", "issue-scale", "eu-counter", "crimea"),
    ("bundled", "evolution", None, "army-cap"),
    ("bundled", "draft-drift", None, None),
    ("bundled", "forecast", "us-28", None),
    ("bundled", "forecast", "geneva-2026", None),
    ("bundled", "sensitivity", "us-28", "army-cap"),
]


@pytest.mark.parametrize(("dataset", "name", "version", "issue"), CASES)
def test_no_two_labels_overlap_and_none_is_cut(
    request: pytest.FixtureRequest, page: Page, dataset, name, version, issue
):
    ds = request.getfixturevalue(dataset)
    default = views.Selection.default(ds)
    sel = replace(default, version=version or default.version, issue=issue or default.issue)
    texts = measured(page, exported_svg(ds, sel, name))
    assert len(texts) > 5  # the chart was drawn and its texts found
    assert overlapping(texts) == []
    frame, _ = views.data(name, ds, sel)
    abridged = ABRIDGED.get(name, lambda _: set())(frame)
    cut = [t["text"] for t in texts if t["text"].endswith("…") and t["text"] not in abridged]
    assert cut == []


def test_the_measure_finds_an_overlap(page: Page):
    """The test above can fail: two texts drawn at one place are found."""
    svg = (
        "<svg xmlns='http://www.w3.org/2000/svg' width='200' height='50'>"
        "<text x='10' y='20'>Anchorage summit</text><text x='30' y='24'>Berlin talks</text>"
        "<text x='10' y='45'>Alone</text></svg>"
    )
    assert overlapping(measured(page, svg)) == [("Anchorage summit", "Berlin talks")]


def test_crowded_timeline_names_every_version(page: Page, crowded: Dataset):
    svg = exported_svg(crowded, views.Selection.default(crowded), "timeline")
    texts = {t["text"] for t in measured(page, svg)}
    assert {v.name for v in crowded.versions} <= texts
