"""In a real browser: upload a decide file on the Data page, save it, see it on the Matrix."""

import shutil
from pathlib import Path

import pytest
from factory import write_dataset
from playwright.sync_api import Page, expect

from tests.browser.harness import start_app

pytestmark = pytest.mark.browser

COP21 = Path(__file__).resolve().parents[1] / "data" / "decide" / "cop21.csv"


@pytest.fixture(scope="module")
def editable_app(tmp_path_factory):
    """A dashboard with editing on, over a data folder holding only the tiny dataset."""
    root = tmp_path_factory.mktemp("data")
    write_dataset(root / "tiny")
    process, url = start_app({"NEGOTIATION_DATA_DIR": str(root), "NEGOTIATION_EDITABLE": "1"})
    yield url, root
    process.terminate()
    process.wait(timeout=20)
    shutil.rmtree(root, ignore_errors=True)


def wait_for_script(page: Page) -> None:
    expect(page.locator("[data-testid=stApp][data-test-script-state=notRunning]")).to_be_attached()


def test_upload_then_see_it_on_the_matrix(page: Page, editable_app):
    url, root = editable_app
    page.goto(f"{url}/data")
    wait_for_script(page)
    page.get_by_label("Dataset name").fill("cop21")
    page.get_by_label("Dataset name").press("Enter")
    wait_for_script(page)
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(COP21))
    expect(
        page.get_by_text("Valid: 15 parties, 13 issues, 1 versions, 181 positions.")
    ).to_be_visible()
    page.get_by_role("button", name="Save as dataset 'cop21'").click()
    expect(page.get_by_text("Saved the new dataset 'cop21'", exact=False)).to_be_visible()
    assert (root / "cop21" / "positions.csv").is_file()
    page.goto(f"{url}/matrix?dataset=cop21")
    wait_for_script(page)
    expect(page.get_by_role("heading", name="Matrix").first).to_be_visible()
    expect(page.get_by_test_id("stVegaLiteChart").first).to_be_visible()
    # the chart's accessible description lists the parties of the uploaded file
    expect(page.get_by_test_id("stVegaLiteChart").first).to_contain_text("African_grp")
    expect(page.get_by_test_id("stException")).to_have_count(0)
