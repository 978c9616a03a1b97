"""`negotiation export`: predictable file names, clear errors, --list and --quiet."""

import json

import pytest

from negotiation.charts import views
from negotiation.cli import main


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        (
            ["--charts", "matrix,timeline", "--format", "svg,json"],
            [
                "matrix__v1.json",
                "matrix__v1.svg",
                "matrix__v2.json",
                "matrix__v2.svg",
                "timeline.json",
                "timeline.svg",
            ],
        ),
        (
            ["--charts", "widest-gaps", "--versions", "v2", "--format", "png"],
            ["widest-gaps__v2.png"],
        ),
        (["--charts", "draft-drift", "--versions", "v1", "--format", "pdf"], ["draft-drift.pdf"]),
    ],
)
def test_export_writes_each_chart_for_each_version(tiny_path, tmp_path, capsys, options, expected):
    out = tmp_path / "out"
    assert main(["export", str(tiny_path), *options, "-o", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir()) == expected
    assert capsys.readouterr().err == f"Wrote {len(expected)} files to {out}\n"


def test_quiet_says_nothing(tiny_path, tmp_path, capsys):
    out = tmp_path / "out"
    args = ["export", str(tiny_path), "--charts", "matrix", "--format", "json", "--quiet"]
    assert main([*args, "-o", str(out)]) == 0
    assert capsys.readouterr() == ("", "")
    assert sorted(p.name for p in out.iterdir()) == ["matrix__v1.json", "matrix__v2.json"]


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--charts", "pie"], "negotiation: unknown chart 'pie'; valid: matrix, positions,"),
        (["--versions", "v1,v7"], "negotiation: unknown version 'v7'; valid: v1, v2\n"),
        (
            ["--format", "png,gif"],
            "negotiation: unknown format 'gif'; valid: png, svg, pdf, html, json\n",
        ),
    ],
)
def test_unknown_choice_exits_1_with_a_message(tiny_path, tmp_path, capsys, options, message):
    assert main(["export", str(tiny_path), *options, "-o", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert err.startswith(message)
    assert "Traceback" not in err
    assert not (tmp_path / "out").exists()


def test_missing_output_is_a_clear_error(tiny_path, capsys):
    assert main(["export", str(tiny_path)]) == 1
    assert (
        capsys.readouterr().err
        == "negotiation: export needs a dataset folder and -o DIR (or --list)\n"
    )


def test_list_names_every_chart(capsys):
    assert main(["export", "--list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in lines] == list(views.VIEWS)
    assert lines[0] == "matrix           Position matrix (one file per version)"


@pytest.mark.parametrize("issue", ["cap", "nato"])
def test_the_one_issue_charts_show_the_issue_asked_for(tiny, tiny_path, tmp_path, issue):
    out = tmp_path / "out"
    args = ["--charts", "issue-scale,evolution", "--versions", "v2", "--format", "json"]
    assert main(["export", str(tiny_path), *args, "--issue", issue, "-o", str(out)]) == 0
    for name in ("issue-scale__v2.json", "evolution.json"):
        spec = json.loads((out / name).read_text())
        shown = {row["issue_name"] for rows in spec["datasets"].values() for row in rows}
        assert shown == {tiny.issue(issue).name}, name


def test_an_unknown_issue_exits_1_naming_the_issues(tiny_path, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["export", str(tiny_path), "--issue", "army", "-o", str(out)]) == 1
    assert capsys.readouterr().err == "negotiation: unknown issue 'army'; valid: cap, nato\n"
    assert not out.exists()
