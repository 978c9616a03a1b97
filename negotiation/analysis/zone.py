"""The zone of possible agreement: each party's red lines (accept_min, accept_max) bound what
it can accept; the zone is where they all overlap, or the pairs that do not. Pure pandas."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import combinations

import numpy as np
import pandas as pd

from negotiation.data import table
from negotiation.data.model import DRAFT, EPSILON, Dataset


def red_lines(
    ds: Dataset,
    version: str,
    parties: Sequence[str] | None = None,
    issues: Iterable[str] | None = None,
) -> pd.DataFrame:
    """Per (issue, party) that gives a red line: the acceptable range, normalised (`low`,
    `high`); a missing bound is the end of the scale."""
    parties = [p for p in (parties if parties is not None else ds.party_ids) if p != DRAFT]
    frame = table.select(ds, [version], parties, issues)
    frame = frame[(frame["accept_min"] != "") | (frame["accept_max"] != "")]
    scales = [ds.issue(i).scale for i in frame["issue"]]
    cells = zip(scales, frame["accept_min"], frame["accept_max"], strict=True)
    intervals = [
        s.interval(s.parse(low) if low else None, s.parse(high) if high else None)
        for s, low, high in cells
    ]
    return pd.DataFrame(
        {
            "issue": frame["issue"].to_numpy(),
            "party": frame["party"].to_numpy(),
            "low": [low for low, _ in intervals],
            "high": [high for _, high in intervals],
        },
        columns=["issue", "party", "low", "high"],
    )


def zone_of_agreement(
    ds: Dataset,
    version: str,
    parties: Sequence[str] | None = None,
    issues: Iterable[str] | None = None,
) -> pd.DataFrame:
    """Per issue: the range every red line accepts (normalised and in words), whether it
    exists (NA when no party gives a red line), and the pairs whose ranges do not overlap."""
    lines = red_lines(ds, version, parties, issues)
    names = {p.id: p.name for p in ds.parties}
    rows = []
    for issue in [i for i in ds.issue_ids if issues is None or i in set(issues)]:
        mine = lines[lines["issue"] == issue]
        low = mine["low"].max() if len(mine) else np.nan
        high = mine["high"].min() if len(mine) else np.nan
        blocking = [
            f"{names[a.party]} vs {names[b.party]}"
            for a, b in combinations(mine.itertuples(), 2)
            if a.low > b.high + EPSILON or b.low > a.high + EPSILON
        ]
        scale = ds.issue(issue).scale
        overlap = pd.NA if mine.empty else not blocking
        rows.append(
            {
                "issue": issue,
                "issue_name": ds.issue(issue).name,
                "overlap": overlap,
                "low": low if overlap is True else np.nan,
                "high": high if overlap is True else np.nan,
                "low_label": scale.native_label(low) if overlap is True else "",
                "high_label": scale.native_label(high) if overlap is True else "",
                "blocking": "; ".join(blocking),
            }
        )
    columns = ["issue", "issue_name", "overlap", "low", "high", "low_label", "high_label"]
    frame = pd.DataFrame(rows, columns=[*columns, "blocking"]).astype({"issue": str})
    return frame.assign(overlap=frame["overlap"].astype("boolean"), summary=_zone_words(frame))


def _zone_words(zones: pd.DataFrame) -> list[str]:
    """Each zone in one phrase: its range, "no overlap: …", or that no red line is given."""
    words = []
    for zone in zones.itertuples():
        if pd.isna(zone.overlap):
            words.append("no red lines given")
        elif zone.overlap:
            same = zone.low_label == zone.high_label
            words.append(zone.low_label if same else f"{zone.low_label} to {zone.high_label}")
        else:
            words.append(f"none: {zone.blocking}")
    return words
