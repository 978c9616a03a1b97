"""Word-level redlines: how one sentence became another, as runs of kept, deleted and inserted
words (difflib over word tokens), and those runs as HTML, Markdown and plain text."""

from __future__ import annotations

import difflib
import html
from dataclasses import dataclass
from xml.sax.saxutils import escape as xml_escape

EQUAL, DELETE, INSERT = "equal", "delete", "insert"


@dataclass(frozen=True)
class Run:
    """Consecutive words that were kept, deleted or inserted, joined by single spaces."""

    op: str
    text: str


TYPOGRAPHY = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"})
"""Quotes and dashes that differ between outlets' copies of one text, not in their words."""


def redline(old: str, new: str) -> tuple[Run, ...]:
    """The runs that turn `old` into `new`, word by word; a replaced stretch is its deletion
    then its insertion. Whitespace counts only as a word boundary; curly and straight quotes
    (or dashes) are the same mark, and a word's closing stop or comma does not make it another
    word; kept words are given as `new` has them."""
    before, after = old.split(), new.split()
    matcher = difflib.SequenceMatcher(
        a=[_key(w) for w in before], b=[_key(w) for w in after], autojunk=False
    )
    runs: list[Run] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            runs.append(Run(EQUAL, " ".join(after[j1:j2])))
            continue
        if i2 > i1:
            runs.append(Run(DELETE, " ".join(before[i1:i2])))
        if j2 > j1:
            runs.append(Run(INSERT, " ".join(after[j1:j2])))
    return tuple(runs)


def _key(word: str) -> str:
    """A word as the diff compares it."""
    return word.translate(TYPOGRAPHY).rstrip(".,;:")


def before(runs: tuple[Run, ...]) -> str:
    """The old text a redline starts from."""
    return " ".join(r.text for r in runs if r.op != INSERT)


def after(runs: tuple[Run, ...]) -> str:
    """The new text a redline arrives at."""
    return " ".join(r.text for r in runs if r.op != DELETE)


def changed(runs: tuple[Run, ...]) -> bool:
    """Whether any word was deleted or inserted."""
    return any(r.op != EQUAL for r in runs)


def to_html(runs: tuple[Run, ...]) -> str:
    """Deleted words in <del>, inserted in <ins>, each with an inline style so that the marks
    survive a paste into a word processor."""
    marks = {
        EQUAL: "{}",
        DELETE: '<del style="text-decoration:line-through;color:#a50f15">{}</del>',
        INSERT: '<ins style="text-decoration:underline;color:#08519c">{}</ins>',
    }
    return " ".join(marks[r.op].format(html.escape(r.text)) for r in runs)


def to_markdown(runs: tuple[Run, ...]) -> str:
    """Deleted words ~~struck~~, inserted words **bold** (Markdown has no underline)."""
    marks = {EQUAL: "{}", DELETE: "~~{}~~", INSERT: "**{}**"}
    return " ".join(marks[r.op].format(r.text) for r in runs)


def to_reportlab(runs: tuple[Run, ...]) -> str:
    """Reportlab's paragraph markup: deleted words struck through in red, inserted underlined
    in blue."""
    marks = {
        EQUAL: "{}",
        DELETE: "<strike><font color='#a50f15'>{}</font></strike>",
        INSERT: "<u><font color='#08519c'>{}</font></u>",
    }
    return " ".join(marks[r.op].format(xml_escape(r.text)) for r in runs)


def to_text(runs: tuple[Run, ...]) -> str:
    """GNU wdiff's marks: [-deleted-] and {+inserted+}, for plain text and CSV."""
    marks = {EQUAL: "{}", DELETE: "[-{}-]", INSERT: "{{+{}+}}"}
    return " ".join(marks[r.op].format(r.text) for r in runs)
