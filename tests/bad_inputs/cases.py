"""The bad-input corpus: each case is the files a user might bring, the dataset name they
give, and the message the import must answer with (a substring of one reported problem)."""

from __future__ import annotations

import io
import stat
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field

import yaml
from factory import ROWS, csv_text, metadata, row
from openpyxl import Workbook

from negotiation.data import settings

HEADER = "version,party,issue,value\n"
DATED = "version,version_date,party,issue,value\n"


@dataclass(frozen=True)
class Case:
    id: str
    files: Callable[[], dict[str, bytes]]
    expected: str
    fmt: str = "auto"
    levels: dict[str, list[str]] = field(default_factory=dict)
    name: str = "bad"


def table(text: str, file: str = "t.csv") -> Callable[[], dict[str, bytes]]:
    return lambda: {file: text.encode("utf-8")}


def raw(data: bytes, file: str = "t.csv") -> Callable[[], dict[str, bytes]]:
    return lambda: {file: data}


def folder(rows: list[dict] | None = None, meta: object = None, meta_text: str | None = None):
    """A dataset.yaml + positions.csv upload from the factory, with one thing changed."""
    text = meta_text if meta_text is not None else yaml.safe_dump(meta or metadata())
    positions = csv_text(ROWS if rows is None else rows)
    return lambda: {"dataset.yaml": text.encode(), "positions.csv": positions.encode()}


def zipped(entries: dict[str, bytes], link: str | None = None) -> Callable[[], dict[str, bytes]]:
    def build() -> dict[str, bytes]:
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, data in entries.items():
                archive.writestr(name, data)
            if link:
                info = zipfile.ZipInfo(link)
                info.external_attr = (stat.S_IFLNK | 0o777) << 16
                archive.writestr(info, "../../etc/passwd")
        return {"upload.zip": out.getvalue()}

    return build


def big_file() -> dict[str, bytes]:
    """A 50 MB table, made at test time rather than stored."""
    line = b"v1,a,tax,1\n"
    return {"big.csv": HEADER.encode() + line * (50 * 2**20 // len(line))}


def many_rows() -> dict[str, bytes]:
    lines = "".join(f"v1,p{n},tax,1\n" for n in range(settings.MAX_ROWS + 1))
    return {"rows.csv": (HEADER + lines).encode()}


def xlsx_lookalike() -> dict[str, bytes]:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<not really/>")
    return {"book.xlsx": out.getvalue()}


def workbook(*rows: list) -> Callable[[], dict[str, bytes]]:
    def build() -> dict[str, bytes]:
        book = Workbook()
        for values in rows:
            book.active.append(values)
        out = io.BytesIO()
        book.save(out)
        return {"book.xlsx": out.getvalue()}

    return build


def decide(text: str) -> Callable[[], dict[str, bytes]]:
    return table(text, "talks.txt")


ALIASES = "a: &a [x, x, x]\nb: &b [*a, *a, *a]\nc: &c [*b, *b, *b]\ntitle: *c\n"
DECIDE_HEAD = "'#A'\t'X'\n'#P'\t'tax'\n"
OK = "v1,a,tax,1\n"

CASES = [
    # --- shape of a table
    Case(
        "ragged row",
        table(HEADER + OK + "v1,b,tax,2,extra\n"),
        "t.csv, row 3: has 5 fields where the header has 4",
    ),
    Case(
        "short row",
        table(HEADER + OK + "v1,b,tax\n"),
        "t.csv, row 3: has 3 fields where the header has 4",
    ),
    Case(
        "every row one field wider",
        table(HEADER + "v1,a,tax,1,x\n"),
        "t.csv, row 2: has 5 fields where the header has 4",
    ),
    Case(
        "wrong delimiter",
        table("version|party|issue|value\nv1|a|tax|1\n"),
        "t.csv, row 1, column 'version': is a required column but missing",
    ),
    Case("empty file", table(""), "t.csv: is empty: it needs a header row and data rows"),
    Case("blank lines only", table("\n\n  \n"), "t.csv: is empty"),
    Case("header only", table(HEADER), "t.csv: has a header but no data rows"),
    Case(
        "missing column",
        table("version,party,value\nv1,a,1\n"),
        "row 1, column 'issue': is a required column but missing",
    ),
    Case(
        "extra column",
        table("version,party,issue,value,colour\nv1,a,tax,1,red\n"),
        "row 1, column 'colour': is not a known column",
    ),
    Case(
        "duplicated column",
        table("version,party,issue,value,value\nv1,a,tax,1,2\n"),
        "row 1, column 'value': the column appears more than once",
    ),
    Case(
        "too many columns",
        table(
            ",".join(["version", "party", "issue", "value", *(f"x{n}" for n in range(60))])
            + "\n"
            + OK.strip()
            + "," * 60
            + "\n"
        ),
        "has 64 columns; at most 60",
    ),
    Case(
        "too many rows",
        many_rows,
        f"rows.csv: has {settings.MAX_ROWS + 1} rows; at most {settings.MAX_ROWS}",
    ),
    Case("50 MB file", big_file, "big.csv: is 50.0 MB; at most 20 MB accepted"),
    Case(
        "very long cell",
        table("version,party,issue,value,stance\nv1,a,tax,1," + "x" * 10_000 + "\n"),
        "row 2, column 'stance': the cell is over 5000 characters long",
    ),
    # --- encodings
    Case(
        "windows-1252",
        raw("version,party,issue,value,stance\nv1,a,tax,1,\u201cquoted\u201d\n".encode("cp1252")),
        "t.csv: is not UTF-8 text (byte 0x93 at offset 44; nor Latin-1, nor UTF-16 with a BOM)",
    ),
    Case(
        "binary file",
        raw(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00"),
        "t.csv: is not UTF-8 text (byte 0x89 at offset 0",
    ),
    Case(
        "latin-1 yaml in a folder",
        lambda: {"dataset.yaml": b"title: Caf\xe9\x01\n", "positions.csv": csv_text(ROWS).encode()},
        "dataset.yaml: is not UTF-8 text (byte 0xe9 at offset 10; nor Latin-1",
    ),
    # --- values
    Case(
        "value off the scale",
        folder([*ROWS[:1], row("v1", "a", "cap", "1500"), *ROWS[2:]]),
        "positions.csv, row 3, column 'value': 1,500 is off the scale 0–1,000 thousand (issue cap)",
    ),
    Case(
        "value not a level",
        table(DATED + "v1,2025-01-01,a,nato,maybe\n"),
        "row 2, column 'value': 'maybe' is not a level; valid levels: open, barred",
        levels={"nato": ["open", "barred"]},
    ),
    Case(
        "not a number",
        folder([row("v1", "a", "cap", "lots")]),
        "row 2, column 'value': 'lots' is not a number (issue cap)",
    ),
    Case(
        "NaN",
        folder([row("v1", "a", "cap", "nan")]),
        "row 2, column 'value': 'nan' is not a finite number",
    ),
    Case(
        "infinity",
        folder([row("v1", "a", "cap", "inf")]),
        "row 2, column 'value': 'inf' is not a finite number",
    ),
    Case(
        "salience not a number",
        folder([row("v1", "a", "cap", "5", salience="high")]),
        "row 2, column 'salience': 'high' must be a number from 0 to 1",
    ),
    Case(
        "ordinal table without levels",
        table(DATED + "v1,2025-01-01,a,nato,open\n"),
        "issue 'nato' has values that are not numbers (e.g. 'open'): list its levels",
    ),
    Case(
        "duplicate rows",
        folder([ROWS[0], ROWS[1], ROWS[1]]),
        "positions.csv, row 4: repeats an earlier (version, party, issue)",
    ),
    Case(
        "unknown party",
        folder([row("v1", "zz", "cap", "5")]),
        "row 2, column 'party': 'zz' is not a known party",
    ),
    Case(
        "unknown issue",
        folder([row("v1", "a", "tax", "5")]),
        "row 2, column 'issue': 'tax' is not a known issue",
    ),
    Case(
        "unknown source",
        folder([row("v1", "a", "cap", "5", sources="s9")]),
        "row 2, column 'sources': unknown source id(s): s9",
    ),
    Case(
        "unknown status",
        folder([row("v1", "a", "cap", "5", status="rumoured")]),
        "row 2, column 'status': 'rumoured' is not a known status",
    ),
    # --- dates
    Case(
        "date not a date in yaml",
        folder(
            meta=metadata(
                versions=[
                    {"id": "v1", "name": "V", "date": "next tuesday", "kind": "draft"},
                    {"id": "v2", "name": "W", "date": "2025-02-01", "kind": "draft"},
                ]
            )
        ),
        "column 'versions > #1 (v1) > date': Input should be a valid date",
    ),
    Case(
        "date not a date in a table",
        table("version,party,issue,value,version_date\nv1,a,tax,1,31/02/2025\n"),
        "row 2, column 'version_date': '31/02/2025' is not a date (YYYY-MM-DD)",
    ),
    # --- YAML
    Case(
        "yaml a list",
        folder(meta_text="- a\n- b\n"),
        "dataset.yaml: must be a mapping of keys to values, found list",
    ),
    Case(
        "yaml a scalar",
        folder(meta_text="just words\n"),
        "dataset.yaml: must be a mapping of keys to values, found str",
    ),
    Case(
        "yaml aliases",
        folder(meta_text=ALIASES),
        "dataset.yaml, row 2: not valid YAML: aliases (*name) are not allowed",
    ),
    Case(
        "yaml python tag",
        folder(meta_text="title: !!python/object/apply:os.system ['echo hi']\n"),
        "dataset.yaml, row 1: not valid YAML",
    ),
    Case(
        "yaml broken", folder(meta_text="title: [unclosed\n"), "dataset.yaml, row 2: not valid YAML"
    ),
    Case(
        "yaml missing parties",
        folder(meta=metadata(parties=None) | {"parties": []}),
        "column 'parties': List should have at least 1 item",
    ),
    Case(
        "yaml scale upside down",
        folder(
            meta=metadata(
                issues=[
                    {"id": "cap", "name": "Cap", "scale": {"kind": "numeric", "min": 10, "max": 1}}
                ]
            )
        ),
        "min (10) must be below max (1)",
    ),
    # --- injection in names and ids
    Case(
        "html in an id",
        table(HEADER + "v1,<script>alert(1)</script>,tax,1\n"),
        "row 2, column 'party': '<script>alert(1)</script>' is not an id",
    ),
    Case(
        "markdown in an id",
        table(HEADER + "v1,[click](http://evil.example),tax,1\n"),
        "row 2, column 'party': '[click](http://evil.example)' is not an id",
    ),
    Case(
        "html in a yaml id",
        folder(meta=metadata(parties=[{"id": "<b>a</b>", "name": "A"}])),
        "column 'parties > #1 (<b>a</b>) > id': String should match pattern",
    ),
    Case(
        "formula as a value",
        folder([row("v1", "a", "cap", '=HYPERLINK("http://evil.example")')]),
        "'=HYPERLINK(\"http://evil.example\")' is not a number",
    ),
    Case(
        "formula as an id",
        table(HEADER + "v1,=cmd|' /C calc'!A0,tax,1\n"),
        "column 'party': '=cmd|' /C calc'!A0' is not an id",
    ),
    Case(
        "reserved party id",
        folder(meta=metadata(parties=[{"id": "draft", "name": "D"}])),
        "'draft' is reserved for the draft text of each version",
    ),
    # --- dataset names
    Case(
        "name with ../", table(HEADER + OK), "'../escape' is not a dataset name", name="../escape"
    ),
    Case(
        "absolute name",
        table(HEADER + OK),
        "'/etc/passwd' is not a dataset name",
        name="/etc/passwd",
    ),
    Case("hidden name", table(HEADER + OK), "'.history' is not a dataset name", name=".history"),
    Case("nested name", table(HEADER + OK), "'a/../../b' is not a dataset name", name="a/../../b"),
    # --- zips
    Case(
        "zip with ../ entry",
        zipped({"../../evil/positions.csv": b"x", "dataset.yaml": b"x"}),
        "upload.zip: ../../evil/positions.csv: is a path leaving the archive",
    ),
    Case(
        "zip with absolute entry",
        zipped({"/tmp/evil.csv": b"x"}),
        "upload.zip: /tmp/evil.csv: is a path leaving the archive",
    ),
    Case(
        "zip with a link",
        zipped({}, link="positions.csv"),
        "upload.zip: positions.csv: is a link; links are refused",
    ),
    Case(
        "zip bomb",
        zipped({"positions.csv": b"0" * 30_000_000}),
        "expands over 100 times its size (a zip bomb?)",
    ),
    Case(
        "zip without positions",
        zipped({"t/dataset.yaml": b"title: x\n"}),
        "positions.csv: is missing (found: t/dataset.yaml)",
    ),
    Case(
        "zip that is not a zip",
        raw(b"PK\x03\x04 broken", "upload.zip"),
        "upload.zip: is not a readable zip file",
    ),
    Case(
        "xlsx that is not a workbook", xlsx_lookalike, "book.xlsx: is not a readable XLSX workbook"
    ),
    Case(
        "xlsx duplicated column",
        workbook(["version", "party", "issue", "value", "value"], ["v1", "a", "tax", 1, 2]),
        "book.xlsx, row 1, column 'value': the column appears more than once",
    ),
    Case("xlsx empty", workbook(), "book.xlsx: is empty: it needs a header row and data rows"),
    # --- decide
    Case(
        "decide empty",
        decide("'#0'\t'only a comment'\n"),
        "talks.txt: is empty: it needs #A, #P and #D rows",
    ),
    Case(
        "decide unknown actor",
        decide(DECIDE_HEAD + "'#D'\t'Y'\t'tax'\t5\t0.5\t0.5\n"),
        "talks.txt, row 3, column 'actor': 'Y' is not a declared actor (#A row)",
    ),
    Case(
        "decide salience not a number",
        decide(DECIDE_HEAD + "'#D'\t'X'\t'tax'\t5\tmuch\t0.5\n"),
        "talks.txt, row 3, column 'salience': 'much' is not a number",
    ),
    Case(
        "decide power off range",
        decide(DECIDE_HEAD + "'#D'\t'X'\t'tax'\t5\t0.5\t7\n"),
        "talks.txt, row 3, column 'power': 7 is outside 0–1",
    ),
    Case(
        "decide short row",
        decide(DECIDE_HEAD + "'#D'\t'X'\n"),
        "talks.txt, row 3: a #D row needs 6 fields, found 2",
    ),
]
