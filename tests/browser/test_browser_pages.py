"""Every page in a real browser: charts rendered, no exception, the URL keeps the view."""

import contextlib
import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from negotiation.analysis import standing
from negotiation.charts import views
from negotiation.data.load import list_datasets, load_dataset
from negotiation.ui import DEFAULT_DATASET, data_dir, registry
from tests.browser.conftest import ARTIFACTS

pytestmark = pytest.mark.browser


def shown_dataset():
    """The dataset the dashboard opens on, as it shows it: standing positions."""
    names = list_datasets(data_dir())
    folder = data_dir() / (DEFAULT_DATASET if DEFAULT_DATASET in names else names[0])
    return standing.as_of(load_dataset(folder))


def drawn_by_default(charts: tuple[str, ...]) -> int:
    """How many of a page's charts have data in the default view (the others say why not)."""
    ds = shown_dataset()
    sel = views.Selection.default(ds)
    return sum(not views.data(name, ds, sel)[0].empty for name in charts)


PAGES = [(page.title, page.url_path, drawn_by_default(page.charts)) for page in registry.PAGES]


def shown_dataset_title() -> str:
    return shown_dataset().title


def wait_for_script(page: Page) -> None:
    expect(page.locator("[data-testid=stApp][data-test-script-state=notRunning]")).to_be_attached()


@contextlib.contextmanager
def page_at(browser: Browser, url: str, width: int) -> Iterator[Page]:
    """A page `width` pixels wide, in a browser context of its own, at `url` once its script
    has run; the context closed after."""
    context = browser.new_context(viewport={"width": width, "height": 1000})
    try:
        page = context.new_page()
        page.goto(url)
        wait_for_script(page)
        yield page
    finally:
        context.close()


@pytest.mark.parametrize(("title", "path", "charts"), PAGES)
def test_page_renders_its_charts(page: Page, app_url: str, title: str, path: str, charts: int):
    page.goto(app_url)
    wait_for_script(page)
    page.get_by_test_id("stSidebarNav").get_by_text(title, exact=True).click()
    expect(page).to_have_url(re.compile(rf"^{re.escape(app_url)}/{path}(\?.*)?$"))
    wait_for_script(page)
    heading = title if path else shown_dataset_title()
    expect(page.get_by_role("heading", name=heading).first).to_be_visible()
    if charts:
        expect(page.get_by_test_id("stVegaLiteChart")).to_have_count(charts)
        expect(
            page.locator(
                "[data-testid=stVegaLiteChart] canvas, [data-testid=stVegaLiteChart] svg"
            ).first
        ).to_be_visible()
    expect(page.get_by_test_id("stException")).to_have_count(0)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"{path or 'overview'}.png", full_page=True)
