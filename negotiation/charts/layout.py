"""Where chart labels go and how they break, worked out before drawing so that no two overlap and
none is cut: label lanes on a time axis, text wrapped or abridged to a few lines, and offsets
that keep equal positions apart. Plain Python and pandas, measured in characters and pixels."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Sequence

import numpy as np
import pandas as pd

CHAR_WIDTH = 0.56
"""A character's width as a share of the font size: above the average of sans-serif text, so
that an estimate errs on the wide side."""

_CLAUSE_BREAK = re.compile(r"\s*(?::|;|,|\(|\s[—–-]\s)")


def text_width(text: str, font_size: float) -> float:
    """The estimated width of a line of text, in pixels."""
    return len(text) * font_size * CHAR_WIDTH


def chars_in(pixels: float, font_size: float) -> int:
    """How many characters fit in `pixels` at `font_size` (at least one)."""
    return max(int(pixels / (font_size * CHAR_WIDTH)), 1)


def wrap(text: str, chars: int) -> list[str]:
    """The text in lines of at most `chars` characters, broken at spaces; a longer word keeps a
    line of its own rather than being cut."""
    return textwrap.wrap(str(text), chars, break_long_words=False, break_on_hyphens=False) or [""]


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"“'‘(])")
_LEAD_BREAK = re.compile(r"[:;]\s")


def lead(text: str, chars: int = 320) -> tuple[str, bool]:
    """A long description's opening, to show above the fold: its first two sentences when they
    fit in `chars`, else the first that fits, else the first sentence up to its first colon or
    semicolon (ended with '…'); and whether anything was left out (the whole text goes below)."""
    text = " ".join(str(text).split())
    sentences = _SENTENCE_END.split(text)
    for count in (2, 1):
        opening = " ".join(sentences[:count])
        if len(opening) <= chars:
            return opening, opening != text
    cut = _LEAD_BREAK.search(sentences[0])
    if cut and cut.start() <= chars:
        return sentences[0][: cut.start()] + " …", True
    return textwrap.shorten(sentences[0], chars, placeholder=" …"), True


def abridge(text: str, chars: int, lines: int = 2) -> list[str]:
    """The text in at most `lines` lines of `chars` characters: whole when it fits, else its
    longest opening clause that fits (cut before a colon, semicolon, comma, bracket or dash),
    else its opening words followed by '…'. The whole text belongs in a tooltip beside it."""
    whole = wrap(text, chars)
    if len(whole) <= lines:
        return whole
    openings = [text[: m.start()] for m in _CLAUSE_BREAK.finditer(text) if m.start() > 0]
    fitting = [wrap(o, chars) for o in openings if len(wrap(o, chars)) <= lines]
    if fitting:
        return max(fitting, key=lambda w: sum(map(len, w)))
    return [*whole[: lines - 1], textwrap.shorten(whole[lines - 1] + " …", chars, placeholder=" …")]


def lanes(starts: Sequence[float], ends: Sequence[float], gap: float = 0.0) -> list[int]:
    """A lane for each interval such that intervals in one lane do not overlap (with `gap`
    between them): taken left to right, each goes to the lowest lane free at its start."""
    last_end: list[float] = []
    found = [0] * len(starts)
    for n in sorted(range(len(starts)), key=lambda i: (starts[i], ends[i])):
        free = [lane for lane, end in enumerate(last_end) if end + gap <= starts[n]]
        lane = free[0] if free else len(last_end)
        if lane == len(last_end):
            last_end.append(ends[n])
        last_end[lane] = ends[n]
        found[n] = lane
    return found


def time_domain(dates: pd.Series, share: float = 0.03) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The dates' span widened by `share` of it on each side (by a day when all are the same),
    so that the first and last marks do not sit on the chart's edges."""
    start, end = pd.to_datetime(dates).min(), pd.to_datetime(dates).max()
    pad = max((end - start) * share, pd.Timedelta(days=1))
    return start - pad, end + pad


def label_lanes(
    dates: pd.Series, labels: pd.Series, width: float, font_size: float, mark: float = 8.0
) -> pd.DataFrame:
    """For marks at `dates` on a time axis `width` pixels wide, each with a label beside it: the
    label's side (right of the mark, or left where it would run past the right edge) and a lane
    (row) such that no two labels or marks in one lane overlap. Columns x (pixels), side, lane."""
    start, end = time_domain(dates)
    x = (pd.to_datetime(dates) - start) / (end - start) * width
    sizes = [text_width(str(label), font_size) + mark for label in labels]
    right = [at + size <= width for at, size in zip(x, sizes, strict=True)]
    starts = [at - mark if r else at - size for at, size, r in zip(x, sizes, right, strict=True)]
    ends = [at + size if r else at + mark for at, size, r in zip(x, sizes, right, strict=True)]
    return pd.DataFrame(
        {
            "x": x.to_numpy(),
            "side": ["right" if r else "left" for r in right],
            "lane": lanes(starts, ends, gap=font_size),
        },
        index=dates.index,
    )


def label_side(share: pd.Series) -> np.ndarray:
    """For marks at `share` of the chart's width (0 at its left edge, 1 at its right), the side
    their labels go: right of the mark across most of the chart, left of it near the right
    edge, so that a label runs toward the middle."""
    return np.where(share <= 0.55, "right", "left")


def dodge(frame: pd.DataFrame, by: Sequence[str], value: str, step: float) -> pd.Series:
    """Offsets that set rows sharing `by` and `value` side by side, `step` apart and centred on
    the value (0 for a row alone), so that equal positions stay visible as separate marks."""
    keys = [*by, value]
    rank = frame.groupby(keys, dropna=False, sort=False).cumcount()
    size = frame.groupby(keys, dropna=False, sort=False)[value].transform("size")
    return (rank - (size - 1) / 2) * step
