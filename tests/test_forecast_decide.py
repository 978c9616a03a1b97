"""The decide exchange-model files, imported: compromise and weighted median per issue equal
what this test computes itself from the raw '#D' rows (power as capability)."""

import csv
import json
from collections import defaultdict
from pathlib import Path

import pytest

from negotiation.analysis import forecast
from negotiation.cli import main
from negotiation.data import importers

DECIDE = Path(__file__).resolve().parent / "data" / "decide"
FILES = ["copenhagen.csv", "cop21.csv", "sample_data.txt"]


def raw_data(path: Path) -> tuple[dict[str, str], list[tuple[str, str, float, float, float]]]:
    """Issue names by key, and the '#D' rows as (actor, issue, position, salience, power)."""
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    names, rows = {}, []
    for fields in csv.reader(text.splitlines(), delimiter="\t"):
        cells = [f.strip().strip("'") for f in fields]
        if cells and cells[0] == "#P":
            names[cells[1]] = cells[2] or cells[1]
        elif cells and cells[0] == "#D":
            actor, issue, *numbers = cells[1:6]
            rows.append((actor, issue, *map(float, numbers)))
    return names, rows


def expected(path: Path) -> dict[str, tuple[float, float]]:
    """Per issue name: Σ power·salience·position / Σ power·salience, and the position where
    the cumulative power·salience crosses half (midway to the next when exactly half)."""
    names, rows = raw_data(path)
    by_issue = defaultdict(list)
    for _, issue, position, salience, power in rows:
        by_issue[names[issue]].append((position, power * salience))
    out = {}
    for name, points in by_issue.items():
        total = sum(w for _, w in points)
        mean = sum(p * w for p, w in points) / total
        pooled = defaultdict(float)
        for position, weight in points:
            pooled[position] += weight
        ordered = sorted((p, w) for p, w in pooled.items() if w > 0)
        running = 0.0
        for index, (position, weight) in enumerate(ordered):
            running += weight
            if abs(running - total / 2) < 1e-9:
                median = (position + ordered[index + 1][0]) / 2
                break
            if running > total / 2:
                median = position
                break
        out[name] = (mean, median)
    return out


def imported(name: str):
    return importers.import_files({name: (DECIDE / name).read_bytes()}, "decide", "decide")


@pytest.mark.parametrize("name", FILES)
def test_power_is_one_capability_per_actor(name):
    # the importer keeps one capability per party: these files give each actor one power
    _, rows = raw_data(DECIDE / name)
    powers = defaultdict(set)
    for actor, _, _, _, power in rows:
        powers[actor].add(power)
    assert all(len(p) == 1 for p in powers.values())


@pytest.mark.parametrize("name", FILES)
def test_forecasts_match_the_raw_rows(name):
    ds = imported(name)
    result = forecast.forecast(ds, ds.version_ids[0]).set_index("issue_name")
    want = expected(DECIDE / name)
    assert sorted(result.index) == sorted(want)
    for issue, (mean, median) in want.items():
        assert result.loc[issue, "compromise_value"] == pytest.approx(mean), issue
        assert result.loc[issue, "median_value"] == pytest.approx(median), issue
    assert forecast.defaults_note(ds, forecast.inputs(ds, ds.version_ids[0])) == ""


def test_a_hand_checked_issue():
    # sample_data.txt, tol-hoogte (0.5 to 7); position (power × salience = weight):
    #   Willems 3 (.7), PvdA 3 (.7), GL 5 (.54), VVDs .5 (.25), SP 2 (.2), CDA 1 (.3),
    #   D66 3 (.06), CU 3 (.1), KvK 1 (.36), Wcentr .5 (.72): Σ weight 3.93, Σ weight × position
    #   8.925. Pooled from the low end: .5 .97, 1 1.63, 2 1.83, 3 3.39 > 3.93 / 2 -> median 3.
    ds = imported("sample_data.txt")
    result = forecast.forecast(ds, ds.version_ids[0]).set_index("issue_name").loc["tol-hoogte"]
    assert result["compromise_value"] == pytest.approx(8.925 / 3.93)
    assert result["median_value"] == pytest.approx(3.0)
    assert expected(DECIDE / "sample_data.txt")["tol-hoogte"] == pytest.approx((8.925 / 3.93, 3.0))


@pytest.mark.parametrize("name", FILES)
def test_cli_forecast_on_an_imported_decide_file(tmp_path, capsys, name):
    folder = tmp_path / "decide"
    assert main(["import", str(DECIDE / name), "-o", str(folder)]) == 0
    capsys.readouterr()
    assert main(["forecast", str(folder), "--format", "json"]) == 0
    issues = json.loads(capsys.readouterr().out)["issues"]
    want = expected(DECIDE / name)
    got = {i["issue_name"]: (i["compromise"], i["median"], i["zone"]) for i in issues}
    ds = imported(name)
    # the command rounds to each issue's precision: half a unit of its last decimal
    close = {i.name: 0.5 * 10**-i.scale.decimals for i in ds.issues}
    assert got == {
        issue: (
            pytest.approx(mean, abs=close[issue]),
            pytest.approx(median, abs=close[issue]),
            "no red lines given",
        )
        for issue, (mean, median) in want.items()
    }
