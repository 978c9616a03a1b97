"""The dashboard's pages, in one registry read by dashboard.py, the tests, the benchmark and
the docs test: each page's file, title, icon and the charts it draws."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
"""The repository: dashboard.py and pages/ are here."""


@dataclass(frozen=True)
class PageSpec:
    name: str
    """The file name in pages/ without .py, and the page's URL path (the default page has '')."""
    title: str
    icon: str
    charts: tuple[str, ...] = ()
    """The views (negotiation.charts.views.VIEWS) the page draws on the bundled dataset by
    default."""
    default: bool = False

    @property
    def path(self) -> str:
        """The page's file, relative to dashboard.py."""
        return f"pages/{self.name}.py"

    @property
    def url_path(self) -> str:
        return "" if self.default else self.name


PAGES = (
    PageSpec("overview", "Overview", ":material/dashboard:", ("timeline",), default=True),
    PageSpec("matrix", "Matrix", ":material/grid_on:", ("matrix",)),
    PageSpec(
        "gaps",
        "Gaps & agreement",
        ":material/compare_arrows:",
        ("issue-scale", "positions", "agreement", "widest-gaps"),
    ),
    PageSpec(
        "compare",
        "Compare versions",
        ":material/difference:",
        ("evolution", "draft-distance", "draft-drift"),
    ),
    PageSpec("sidebyside", "Side by side", ":material/view_column:"),
    PageSpec("texts", "Texts", ":material/article:"),
    PageSpec("forecast", "Forecast", ":material/query_stats:", ("forecast", "sensitivity")),
    PageSpec("sources", "Sources", ":material/menu_book:"),
    PageSpec("data", "Data", ":material/database:"),
    PageSpec("export", "Export", ":material/download:"),
)


def page(name: str) -> PageSpec:
    """The page called `name`; KeyError naming the valid ones otherwise."""
    for spec in PAGES:
        if spec.name == name:
            return spec
    raise KeyError(f"No page '{name}'; valid: {', '.join(p.name for p in PAGES)}")
