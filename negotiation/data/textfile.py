"""Bytes to text and text to a table of strings: UTF-8 or UTF-16 decoded (Latin-1 named when
found), the delimiter sniffed, ragged rows and repeated columns reported as Problems."""

from __future__ import annotations

import codecs
import csv
import io
import re

import pandas as pd
import pyarrow

from negotiation.data.problems import MAX_PROBLEMS, DatasetError, Problem, repeated


def decode(data: bytes, file: str) -> str:
    """Text of a file: UTF-8 (with or without BOM) or UTF-16 (a BOM, or plain text without)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as error:  # a cut or corrupt file: an odd byte at the end
            where = f"{error.reason} at offset {error.start}"
            message = f"starts as UTF-16 but does not decode ({where}); save it as UTF-8"
            raise DatasetError([Problem(file, message)]) from None
    utf16 = _utf16_without_bom(data)
    if utf16:
        return data.decode(utf16, errors="replace")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        guess = "it looks like Latin-1" if is_latin1(data) else "nor Latin-1, nor UTF-16 with a BOM"
        raise DatasetError(
            [
                Problem(
                    file,
                    f"is not UTF-8 text (byte 0x{data[error.start]:02x} at offset {error.start}; "
                    f"{guess}); save it as UTF-8",
                )
            ]
        ) from None


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when the start is plain text in UTF-16 (every other byte NUL)."""
    head = data[:2000]
    for codec, nuls in (("utf-16-le", head[1::2]), ("utf-16-be", head[0::2])):
        if len(head) >= 4 and len(head) % 2 == 0 and nuls.count(0) == len(nuls):
            return codec
    return None


_NOT_LATIN1 = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def is_latin1(data: bytes) -> bool:
    """True when bytes read as Latin-1 text: no control bytes, which text never holds but
    binary files, UTF-16 without a BOM and Windows-1252 do."""
    return _NOT_LATIN1.search(data) is None


def sniff_delimiter(header: str) -> str:
    """The delimiter (comma, semicolon or tab) that splits the header into the most columns."""
    return max([",", ";", "\t"], key=lambda d: len(header.split(d)))


UNNAMED = re.compile(r"Unnamed: \d+")
"""How pandas names a column whose header cell is empty."""


def read_table(data: bytes, file: str) -> pd.DataFrame:
    """Every cell of a delimited file as a string; ragged rows and bad headers reported."""
    text = decode(data, file)
    if not text.strip():
        raise DatasetError([Problem(file, "is empty: it needs a header row and data rows")])
    delimiter = sniff_delimiter(text.split("\n", 1)[0])
    unreadable = (pd.errors.ParserError, pd.errors.EmptyDataError, csv.Error, pyarrow.ArrowInvalid)
    try:
        # pyarrow's reader: 6× faster than the C engine at reading every cell as a string
        frame = pd.read_csv(
            io.BytesIO(_as_utf8(data, text)), sep=delimiter, dtype=str, keep_default_na=False,
            engine="pyarrow",
        )  # fmt: skip
    except unreadable:
        ragged = _ragged_rows(text, delimiter, file)
        if ragged:
            raise DatasetError(ragged) from None
        try:  # the C engine reads what pyarrow's does not: line breaks inside quoted cells
            frame = pd.read_csv(io.StringIO(text), sep=delimiter, dtype=str, keep_default_na=False)
        except unreadable:
            raise DatasetError([Problem(file, "is not valid CSV")]) from None
    if not isinstance(frame.index, pd.RangeIndex):  # pandas took a wider first row's extra
        ragged = _ragged_rows(text, delimiter, file)  # field as an index: ragged
        raise DatasetError(ragged or [Problem(file, "is not valid CSV")])
    if "\n\n" in text or "\n\r\n" in text:  # blank lines are skipped: number rows as in the file
        frame.index = pd.Index(_record_lines(text, delimiter)[: len(frame)]) - 2
    names = [re.sub(r"\.\d+$", "", c) for c in frame.columns]  # "a.1": pandas' second "a"
    unnamed = [
        n
        for n, (name, column) in enumerate(zip(names, frame.columns, strict=True), 1)
        if not name.strip() or UNNAMED.fullmatch(column)
    ]
    named = [name for n, name in enumerate(names, 1) if n not in unnamed]
    problems = [
        Problem(file, "the column appears more than once", row=1, column=c) for c in repeated(named)
    ] + [Problem(file, f"column {n} has no name in the header", row=1) for n in unnamed]
    if problems:
        raise DatasetError(problems)
    return frame


def _as_utf8(data: bytes, text: str) -> bytes:
    """The file as UTF-8 bytes: its own bytes when they are UTF-8 already (no second copy of a
    large file in memory), else the decoded text encoded."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or _utf16_without_bom(data):
        return text.encode()
    return data.removeprefix(codecs.BOM_UTF8)


def _record_lines(text: str, delimiter: str) -> list[int]:
    """The line of the file each data row starts on (blank lines skipped, quoted line breaks
    kept), so that a problem names the row an editor shows."""
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    starts, end = [], 0
    for row in reader:
        start, end = end + 1, reader.line_num
        if row:
            starts.append(start)
    return starts[1:]


def _ragged_rows(text: str, delimiter: str, file: str) -> list[Problem]:
    """Rows with more or fewer fields than the header (none: the file is not ragged)."""
    rows = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        width = len(next(rows))
        problems = [
            Problem(file, f"has {len(row)} fields where the header has {width}", row=number)
            for number, row in enumerate(rows, start=2)
            if row and len(row) != width
        ]
    except csv.Error as error:
        problems = [Problem(file, f"is not valid CSV: {error}", row=rows.line_num)]
    return problems[:MAX_PROBLEMS]
