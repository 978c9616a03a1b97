"""Word-level redlines of known sentence pairs, and their marks in each format."""

import pytest

from negotiation.documents import redline
from negotiation.documents.redline import DELETE, EQUAL, INSERT, Run


@pytest.mark.parametrize(
    ("old", "new", "runs"),
    [
        ("Limited to 600,000.", "Limited to 600,000.", [(EQUAL, "Limited to 600,000.")]),
        (
            "Ukraine's army capped in peacetime.",
            "Ukraine's army capped at 800,000 in peacetime.",
            [
                (EQUAL, "Ukraine's army capped"),
                (INSERT, "at 800,000"),
                (EQUAL, "in peacetime."),
            ],
        ),
        (
            "No foreign troops at all in Ukraine.",
            "No foreign troops in Ukraine.",
            [(EQUAL, "No foreign troops"), (DELETE, "at all"), (EQUAL, "in Ukraine.")],
        ),
        (
            "Ukraine's armed forces limited to 600,000.",
            "Ukraine's military capped at 800,000 in peacetime.",
            [
                (EQUAL, "Ukraine's"),
                (DELETE, "armed forces limited to 600,000."),
                (INSERT, "military capped at 800,000 in peacetime."),
            ],
        ),
        ("", "", []),
        ("", "A new clause.", [(INSERT, "A new clause.")]),
        ("An old clause.", "", [(DELETE, "An old clause.")]),
        ("  spaced   out ", "spaced out", [(EQUAL, "spaced out")]),
    ],
    ids=["identical", "insertion", "deletion", "replacement", "empty", "from empty", "to empty",
         "whitespace only"],
)  # fmt: skip
def test_redline_of_known_pairs(old, new, runs):
    found = redline.redline(old, new)
    assert [(r.op, r.text) for r in found] == runs
    assert redline.before(found) == " ".join(old.split())
    assert redline.after(found) == " ".join(new.split())
    assert redline.changed(found) == (" ".join(old.split()) != " ".join(new.split()))


REPLACED = (Run(EQUAL, "capped at"), Run(DELETE, "600,000"), Run(INSERT, "800,000 <in peace>"))


@pytest.mark.parametrize(
    ("render", "expected"),
    [
        (
            redline.to_html,
            'capped at <del style="text-decoration:line-through;color:#a50f15">600,000</del> '
            '<ins style="text-decoration:underline;color:#08519c">800,000 &lt;in peace&gt;</ins>',
        ),
        (redline.to_markdown, "capped at ~~600,000~~ **800,000 <in peace>**"),
        (redline.to_text, "capped at [-600,000-] {+800,000 <in peace>+}"),
    ],
)
def test_marks_in_each_format(render, expected):
    assert render(REPLACED) == expected
