"""A draft read whole: a version's provisions in the text's order, each with the issues it
speaks to and its source, as a table, Markdown or HTML; and a phrase found across all the
drafts (how did "referendum" come and go?)."""

from __future__ import annotations

import html
import re

import pandas as pd

from negotiation.data.checks import ids
from negotiation.data.model import NO_DATE, Dataset
from negotiation.data.provisions import PROVISION_COLUMNS

TEXT_COLUMNS = ("provision", "text", "issues", "issue_names", "sources", "source_names", "note")
FOUND_COLUMNS = ("version", "version_name", "version_date", "provision", "issue_names", "excerpt")
EXCERPT_CHARS = 80
"""Characters of context on each side of a phrase found in a clause."""


def versions_with_texts(ds: Dataset) -> list[str]:
    """The versions with provisions, in the dataset's order."""
    if ds.provisions is None:
        return []
    written = set(ds.provisions["version"])
    return [v for v in ds.version_ids if v in written]


def provisions_of(ds: Dataset, version: str) -> pd.DataFrame:
    """A version's rows of provisions.csv, in the text's order (empty when it has none)."""
    if ds.provisions is None:
        return pd.DataFrame(columns=list(PROVISION_COLUMNS))
    return ds.provisions[ds.provisions["version"] == version]


def clauses(ds: Dataset, version: str) -> pd.DataFrame:
    """A version's provisions in the text's order, with the issues' names and the sources'
    publishers and dates beside their ids (empty when it has none)."""
    rows = provisions_of(ds, version)
    issue_names = {i.id: i.name for i in ds.issues}
    source_names = {s.id: f"{s.publisher}, {s.when}" for s in ds.sources}
    return rows.assign(
        issue_names=rows["issues"].map(lambda c: "; ".join(issue_names[i] for i in ids(c))),
        source_names=rows["sources"].map(lambda c: "; ".join(source_names[s] for s in ids(c))),
    )[list(TEXT_COLUMNS)].reset_index(drop=True)


def about(row) -> str:
    """A clause's issues, source and note in one line."""
    said = [f"Issues: {row.issue_names}"] if row.issue_names else []
    return " · ".join(
        said + [f"Source: {row.source_names}"] + ([f"Note: {row.note}"] if row.note else [])
    )


def to_markdown(ds: Dataset, version: str) -> str:
    """The version's text as Markdown: a heading, then each clause with its issues and source."""
    found = ds.version(version)
    lines = [f"# {found.name} ({found.date:%d %B %Y})", ""]
    for row in clauses(ds, version).itertuples():
        lines += [f"**{row.provision}.** {row.text}", "", f"*{about(row)}*", ""]
    lines += ["## Sources", ""]
    lines += [
        f"- {source_words(s)} " + (f"<{s.url}>" if _on_web(s.url) else s.url)
        for s in cited(ds, version).itertuples()
    ]
    return "\n".join(lines) + "\n"


def to_html(ds: Dataset, version: str) -> bytes:
    """The version's text as one HTML page (pastes into a word processor as it looks)."""
    found, e = ds.version(version), html.escape
    items = "".join(
        f"<li><p><b>{e(row.provision)}.</b> {e(row.text)}</p>"
        f"<p class='meta'>{e(about(row))}</p></li>"
        for row in clauses(ds, version).itertuples()
    )
    sources = "".join(source_html(s) for s in cited(ds, version).itertuples())
    style = "body{font-family:sans-serif;max-width:48em}ol{list-style:none}.meta{color:#555}"
    return (
        f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{e(found.name)}"
        f"</title><style>{style}</style></head><body><h1>{e(found.name)}</h1>"
        f"<p>{found.date:%d %B %Y}</p><ol>{items}</ol><h2>Sources</h2><ul>{sources}</ul>"
        "</body></html>"
    ).encode()


def cited(ds: Dataset, version: str) -> pd.DataFrame:
    """The sources a version's clauses were read from (`sources_table`)."""
    return sources_table(
        ds, {s for cell in provisions_of(ds, version)["sources"] for s in ids(cell)}
    )


def sources_table(ds: Dataset, cited: set[str]) -> pd.DataFrame:
    """The `cited` sources in the dataset's order: id, publisher, date, title, and url (or
    where an unpublished source was read)."""
    rows = [
        (s.id, s.publisher, s.iso_date, s.title, s.url or f"(no link: {s.unpublished})")
        for s in ds.sources
        if s.id in cited
    ]
    return pd.DataFrame(rows, columns=["id", "publisher", "date", "title", "url"])


def source_words(source) -> str:
    """A row of `sources_table` in words, its address left out: "Publisher, 2025-11-21:
    Title." (NO_DATE when undated), as every file listing its sources writes it."""
    return f"{source.publisher}, {source.date or NO_DATE}: {source.title}."


def source_html(source) -> str:
    """A row of `sources_table` as an HTML list item, its address a link when it is one."""
    e, url = html.escape, source.url
    link = f"<a href='{e(url)}'>{e(url)}</a>" if _on_web(url) else e(url)
    return f"<li>{e(source_words(source))} {link}</li>"


def _on_web(url: str) -> bool:
    """Whether a source's address is a link (else where an unpublished source was read)."""
    return url.startswith(("http://", "https://"))


def search(ds: Dataset, phrase: str) -> pd.DataFrame:
    """Every clause holding `phrase` (any case), in the dataset's order of versions and the
    texts' order, with its version, number, issues and the words around the phrase."""
    versions = versions_with_texts(ds)
    if not phrase.strip() or not versions:
        return pd.DataFrame(columns=list(FOUND_COLUMNS))
    every = pd.concat(
        [
            clauses(ds, v).assign(
                version=v, version_name=ds.version(v).name, version_date=ds.version(v).date
            )
            for v in versions
        ],
        ignore_index=True,
    )
    pattern = re.compile(re.escape(phrase.strip()), re.IGNORECASE)
    hits = every[every["text"].map(lambda text: bool(pattern.search(text)))]
    return hits.assign(excerpt=hits["text"].map(lambda text: _excerpt(text, pattern)))[
        list(FOUND_COLUMNS)
    ].reset_index(drop=True)


def _excerpt(text: str, pattern: re.Pattern) -> str:
    """The words around the first match, cut with "…" where the clause goes on."""
    match = pattern.search(text)
    start, end = max(0, match.start() - EXCERPT_CHARS), match.end() + EXCERPT_CHARS
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")
