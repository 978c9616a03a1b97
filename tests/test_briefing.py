"""The briefing: headline sentences from the diff, self-contained HTML, a readable PDF."""

import io
import re
from dataclasses import replace
from datetime import date

import pandas as pd
import pypdf
import pytest

from negotiation.charts import views
from negotiation.cli import main
from negotiation.documents import briefing, briefing_pdf

DAY = date(2025, 3, 4)


def diff_row(change: str, party: str = "b", **cells: str) -> pd.Series:
    base = {
        "party": party,
        "party_name": {"draft": "Draft text", "b": "Beta"}[party],
        "issue_name": "Army cap",
        "change": change,
        "value_label_old": "600 thousand",
        "value_label_new": "800 thousand",
        "toward": "",
        "away": "",
    }
    return pd.Series(base | cells)


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (
            diff_row("changed", "draft", toward="Beta"),
            "On Army cap, the draft moved from 600 thousand to 800 thousand, toward Beta.",
        ),
        (
            diff_row("changed", "draft", toward="Beta, Gamma", away="Alpha"),
            "On Army cap, the draft moved from 600 thousand to 800 thousand, toward Beta and "
            "Gamma and away from Alpha.",
        ),
        (
            diff_row("changed", away="Alpha, Gamma, Delta"),
            "On Army cap, Beta moved from 600 thousand to 800 thousand, away from Alpha, Gamma "
            "and Delta.",
        ),
        (diff_row("newly disclosed"), "On Army cap, Beta made its position known: 800 thousand."),
        (
            diff_row("newly undisclosed"),
            "On Army cap, Beta no longer discloses its position (was 600 thousand).",
        ),
        (diff_row("added"), "On Army cap, Beta took a position: 800 thousand."),
        (diff_row("dropped"), "On Army cap, Beta no longer takes a position (was 600 thousand)."),
        (
            diff_row("dropped", value_label_old="undisclosed"),
            "On Army cap, Beta no longer takes a position.",
        ),
    ],
)
def test_sentences(row, expected):
    assert briefing.sentence(row) == expected


def test_headlines_put_the_draft_first_and_the_bigger_move_first(tiny):
    built = briefing.build(tiny, views.Selection.default(tiny), DAY)
    assert built.headlines == [
        "On NATO membership, the draft moved from Barred to By consensus, toward Beta and Gamma "
        "and away from Alpha.",  # half the scale: the bigger move first
        "On Army cap, the draft moved from 600 thousand to 800 thousand, toward Beta and Gamma "
        "and away from Alpha.",
        "On Army cap, Gamma made its position known: 900 thousand.",
        "On NATO membership, Gamma no longer takes a position (was Open path).",
    ]
    assert built.title == "Tiny talks: from First draft to Second draft"
    assert built.subtitle == "Briefing of 04 March 2025"
    assert [title for title, _ in built.charts] == ["Position matrix", "Widest gaps"]
    assert list(built.sources["Publisher"]) == ["Wire"]


def test_same_version_says_nothing_changed(tiny):
    sel = replace(views.Selection.default(tiny), old="v2")
    built = briefing.build(tiny, sel, DAY)
    assert built.headlines == []
    assert briefing.NO_CHANGE in briefing.to_html(built).decode()


def test_html_is_self_contained(tiny):
    page = briefing.to_html(briefing.build(tiny, views.Selection.default(tiny), DAY)).decode()
    assert not re.search(r"<(script|link|img)[^>]+(src|href)=.?https?:", page)
    assert page.count("<svg") == 2
    assert "<style>" in page
    assert "On Army cap, Gamma made its position known: 900 thousand." in page
    assert "<td>Wire</td>" in page


def test_pdf_has_title_headlines_and_charts(tiny):
    pdf = briefing_pdf.to_pdf(briefing.build(tiny, views.Selection.default(tiny), DAY))
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    for expected in (
        "Tiny talks: from First draft to Second draft",
        "Gamma made its position known: 900 thousand.",
        "Sources cited",
        "Wire",
    ):
        assert expected in text
    assert sum(len(page.images) for page in reader.pages) == 2
    assert reader.metadata.title == "Tiny talks: from First draft to Second draft"


@pytest.mark.parametrize(("fmt", "start"), [("pdf", b"%PDF"), ("html", b"<!DOCTYPE html>")])
def test_cli_report(tiny_path, tmp_path, capsys, fmt, start):
    out = tmp_path / f"brief.{fmt}"
    args = ["report", str(tiny_path), "--from", "v1", "--to", "v2", "--format", fmt]
    assert main([*args, "-o", str(out)]) == 0
    assert out.read_bytes().startswith(start)
    assert capsys.readouterr().err == f"Wrote the v1 to v2 briefing to {out}\n"


def test_cli_report_unknown_version(tiny_path, tmp_path, capsys):
    assert main(["report", str(tiny_path), "--to", "v9", "-o", str(tmp_path / "x.pdf")]) == 1
    assert capsys.readouterr().err == "negotiation: unknown version 'v9'; valid: v1, v2\n"
