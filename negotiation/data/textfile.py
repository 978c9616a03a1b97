"""Bytes to text and text to a table of strings: UTF-8 or UTF-16 decoded (Latin-1 named when
found), the delimiter sniffed, ragged rows and repeated columns reported as Problems."""

from __future__ import annotations

import codecs
import csv
import functools
import io
import re
from collections.abc import Callable

import numpy as np
import pandas as pd
import pyarrow
import pyarrow.compute

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
    # plain UTF-8 is read from its own bytes: decoding 37 MB into text took 0.05 s and as much
    # memory again, and only a wrong file needs the text (decoded then, for its problems)
    plain = _plain_utf8(data)
    text = functools.cache(lambda: decode(data, file))
    if plain is None:
        text()  # the file's problem if it does not decode
        plain = text().encode()
    if _blank(plain, text):
        raise DatasetError([Problem(file, "is empty: it needs a header row and data rows")])
    end = plain.find(b"\n")
    delimiter = sniff_delimiter(plain[: end if end >= 0 else len(plain)].decode())
    unreadable = (pd.errors.ParserError, pd.errors.EmptyDataError, csv.Error, pyarrow.ArrowInvalid)
    try:
        # pyarrow's reader: 6× faster than the C engine at reading every cell as a string
        frame = pd.read_csv(
            io.BytesIO(plain), sep=delimiter, dtype=str, keep_default_na=False, engine="pyarrow"
        )
    except unreadable:
        ragged = _ragged_rows(text(), delimiter, file)
        if ragged:
            raise DatasetError(ragged) from None
        try:  # the C engine reads what pyarrow's does not: line breaks inside quoted cells
            frame = pd.read_csv(
                io.StringIO(text()), sep=delimiter, dtype=str, keep_default_na=False
            )
        except unreadable:
            raise DatasetError([Problem(file, "is not valid CSV")]) from None
    if not isinstance(frame.index, pd.RangeIndex):  # pandas took a wider first row's extra
        ragged = _ragged_rows(text(), delimiter, file)  # field as an index: ragged
        raise DatasetError(ragged or [Problem(file, "is not valid CSV")])
    if _blank_lines(plain):  # blank lines are skipped: number rows as in the file
        frame.index = pd.Index(_record_lines(text(), delimiter, file)[: len(frame)]) - 2
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


def stripped(frame: pd.DataFrame) -> pd.DataFrame:
    """Every cell without surrounding whitespace (`str.strip`). A column none of whose cells
    starts or ends with a space, a control character or a non-ASCII character (the bytes any
    whitespace starts or ends with) is kept as it is: at 600,000 positions stripping every
    column rewrote 37 MB of cells that had nothing to strip."""
    edged = [name for name in frame.columns if _edged(frame[name])]
    return frame.assign(**{name: frame[name].str.strip() for name in edged}) if edged else frame


def _edged(column: pd.Series) -> bool:
    """Whether a column of strings may hold a cell with whitespace at either end: True unless
    its Arrow buffers show that no cell starts or ends with a byte of whitespace."""
    try:
        chunks = pyarrow.chunked_array(column.array.__arrow_array__()).chunks
    except (AttributeError, TypeError, pyarrow.ArrowException):
        return True  # not Arrow strings: stripped the plain way
    for chunk in chunks:
        if chunk.null_count or not (
            pyarrow.types.is_string(chunk.type) or pyarrow.types.is_large_string(chunk.type)
        ):
            return True
        _, offsets, data = chunk.buffers()
        if data is None or len(chunk) == 0 or data.size == 0:
            continue
        width = np.int64 if pyarrow.types.is_large_string(chunk.type) else np.int32
        bounds = np.frombuffer(offsets, dtype=width)[chunk.offset : chunk.offset + len(chunk) + 1]
        text = np.frombuffer(data, dtype=np.uint8)
        # each cell's first byte and last byte (an empty cell reads a neighbour's edge, which
        # is read anyway, or a byte past the cells: at worst a column stripped for nothing)
        for at in (bounds[:-1], bounds[1:] - 1):
            edges = text.take(at, mode="clip")
            if ((edges <= 0x20) | (edges >= 0x7F)).any():
                return True
    return False


def _plain_utf8(data: bytes) -> bytes | None:
    """The file's bytes without a UTF-8 BOM when they are UTF-8 text (what `decode` reads as
    UTF-8), checked by Arrow without decoding; None for UTF-16 and for bytes that are not
    UTF-8."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or _utf16_without_bom(data):
        return None
    plain = data.removeprefix(codecs.BOM_UTF8)
    try:
        _one_string(plain).validate(full=True)
    except pyarrow.ArrowInvalid:
        return None
    return plain


def _one_string(data: bytes) -> pyarrow.LargeStringArray:
    """The bytes as one Arrow string, without a copy (not checked to be UTF-8)."""
    offsets = pyarrow.py_buffer(np.array([0, len(data)], dtype=np.int64))
    return pyarrow.LargeStringArray.from_buffers(1, offsets, pyarrow.py_buffer(data))


def _blank_lines(plain: bytes) -> bool:
    """Whether UTF-8 bytes hold a blank line ("\\n\\n" or "\\n\\r\\n"): one pass of Arrow's
    RE2, where Python's two searches took 0.07 s over 37 MB."""
    found = pyarrow.compute.match_substring_regex(_one_string(plain), "\n\r?\n")
    return bool(found[0].as_py())


_NOT_ASCII_SPACE = re.compile(rb"[^\t\n\x0b\x0c\r\x1c-\x1f ]")
"""A byte that is not ASCII whitespace (as `str.strip` reads it)."""


def _blank(plain: bytes, text: Callable[[], str]) -> bool:
    """Whether the UTF-8 bytes hold nothing but whitespace (`text`: them decoded, asked only
    when a non-ASCII character starts the file after its ASCII whitespace)."""
    found = _NOT_ASCII_SPACE.search(plain)
    if found is None:
        return True
    first = plain[found.start() : found.start() + 4].decode(errors="ignore")[:1]
    return first.isspace() and not text().strip()


def _record_lines(text: str, delimiter: str, file: str) -> list[int]:
    """The line of the file each data row starts on (blank lines skipped, quoted line breaks
    kept), so that a problem names the row an editor shows; a line Python's reader cannot read
    (a lone carriage return in an unquoted cell) is the file's problem."""
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    starts, end = [], 0
    try:
        for row in reader:
            start, end = end + 1, reader.line_num
            if row:
                starts.append(start)
    except csv.Error as error:
        problem = Problem(file, f"is not valid CSV: {error}", row=reader.line_num)
        raise DatasetError([problem]) from None
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
