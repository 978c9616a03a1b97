"""The Side by side page through AppTest: the chosen versions as columns, redlines on and off,
the army cap under the US draft and the European counter-proposal, paging of many issues."""

from html.parser import HTMLParser

import pytest
from apptest import open_page

from benchmarks import generate
from negotiation.documents import sidebyside


class Rows(HTMLParser):
    """The side-by-side table as {row header: [each cell's text]}, and its column titles."""

    def __init__(self):
        super().__init__()
        self.rows, self.header, self.cells, self.text, self.depth = {}, [], None, "", 0

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self.cells = []
        elif tag in ("th", "td"):
            self.text, self.depth = "", self.depth + 1

    def handle_endtag(self, tag):
        if tag in ("th", "td"):
            self.depth -= 1
            self.cells.append(" ".join(self.text.split()))
        elif tag == "tr" and len(self.cells) > 1:  # a group's heading row has one cell
            if not self.header:
                self.header = self.cells
            else:
                self.rows[self.cells[0]] = self.cells[1:]

    def handle_data(self, data):
        if self.depth:
            self.text += data + " "


def table_of(at) -> Rows:
    parsed = Rows()
    parsed.feed(next(h.proto.body for h in at.get("html") if "class='sbs'" in h.proto.body))
    return parsed


def body_of(at) -> str:
    return next(h.proto.body for h in at.get("html") if "class='sbs'" in h.proto.body)


def test_default_columns_are_the_versions_with_a_known_text():
    at = open_page("sidebyside")
    assert not at.exception, [e.value for e in at.exception]
    chosen = at.multiselect(key="columns").value
    assert chosen[:2] == ["ukraine-memo", "istanbul-memo"]
    assert "anchorage" not in chosen and len(chosen) == 12
    header = table_of(at).header
    assert header[1].startswith("Ukraine's Istanbul memorandum")
    assert len(header) == 13  # the issue column and one per version


def test_army_cap_under_the_us_draft_and_the_european_counter_proposal():
    at = open_page("sidebyside")
    assert at.session_state["mode"] == "positions"  # some default columns have no text
    at.multiselect(key="columns").set_value(["eu-counter", "us-28"]).run()
    assert at.session_state["mode"] == "text"  # both have theirs: the mode follows, untouched
    at.session_state["mode"], at.session_state["_mode_chosen"] = "positions", True
    at.run()
    assert not at.exception
    assert at.query_params["columns"] == ["eu-counter", "us-28"]  # as picked; shown by date
    parsed = table_of(at)
    assert parsed.header[1].startswith("US 28-point draft")
    assert parsed.header[2].startswith("European counter-proposal")
    us, europe = parsed.rows["Ukraine's army size cap"][:2]
    assert us.startswith("600 thousand personnel")
    assert europe.startswith("800 thousand personnel")
    assert "moved toward Ukraine's aims (toward Ukraine, Europe" in europe
    assert "disputed" in europe
    footer = parsed.rows["Still open (undisclosed or disputed)"]
    table = sidebyside.build(at.session_state["_current"][0], ["us-28", "eu-counter"])
    assert footer == [str(table.open_counts["us-28"]), str(table.open_counts["eu-counter"])]


def test_download_buttons_for_every_format():
    at = open_page("sidebyside", {"columns": ["us-28", "eu-counter"], "mode": "positions"})
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == ["HTML (opens in Word)", "DOCX", "XLSX", "PDF", "Markdown", "CSV"]


def test_redlines_toggle_between_marks_and_clean_text():
    at = open_page("sidebyside", {"columns": ["us-28", "eu-counter"], "mode": "positions"})
    assert "<del" in body_of(at) and "<ins" in body_of(at)
    at.toggle(key="redlines").set_value(False).run()
    assert "<del" not in body_of(at) and "<ins" not in body_of(at)
    europe = table_of(at).rows["Ukraine's army size cap"][1]
    assert "rather than a blanket cap of 600,000 proposed by the U.S. plan" in europe


def test_party_and_forecast_columns():
    at = open_page(
        "sidebyside",
        {"columns": ["us-28", "eu-counter"], "parties": ["us", "russia"], "mode": "positions"},
    )
    at.toggle(key="party_columns").set_value(True).run()
    at.toggle(key="forecast_column").set_value(True).run()
    header = table_of(at).header
    assert [h.split(" position at")[0] for h in header[3:5]] == ["United States", "Russia"]
    assert header[5].startswith("Where it may land")


def test_no_version_chosen_says_so():
    at = open_page("sidebyside")
    at.multiselect(key="columns").set_value([]).run()
    assert not at.exception
    assert "No version is chosen: pick at least one above." in [i.value for i in at.info]


@pytest.fixture
def many_issues(tmp_path, monkeypatch):
    generate.write(tmp_path / "many", generate.Size.parse("3x60x3"))
    monkeypatch.setenv("NEGOTIATION_DATA_DIR", str(tmp_path))


def test_many_issues_are_paged_and_the_page_says_so(many_issues):
    at = open_page("sidebyside")
    assert not at.exception
    notes = [i.value for i in at.info]
    assert any(n.startswith("Showing issues 1–25 of 60 (page 1 of 3)") for n in notes)
    assert len(table_of(at).rows) == 25 + 1  # the footer
    at.selectbox(key="issue_page").set_value(2).run()
    notes = [i.value for i in at.info]
    assert any(n.startswith("Showing issues 51–60 of 60 (page 3 of 3)") for n in notes)
    assert len(table_of(at).rows) == 10 + 1


def test_two_drafts_with_their_texts_open_in_text_mode():
    at = open_page("sidebyside", {"columns": ["us-28", "eu-counter"]})
    assert not at.exception, [e.value for e in at.exception]
    assert at.session_state["mode"] == "text"
    army = table_of(at).rows["Ukraine's army size cap"]
    assert army[0].startswith("6 The size of the Ukrainian Armed Forces will be limited to 600,000")
    assert "<del" in body_of(at) and "800,000 people" in army[1]
    assert [b.proto.label for b in at.get("download_button")][1] == "DOCX"
