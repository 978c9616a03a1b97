"""The README documents every page, CLI command and data column."""

import re
from pathlib import Path

import pytest

from negotiation.cli import build_parser
from negotiation.data.exchange import METADATA_COLUMNS, SOURCE_COLUMNS
from negotiation.data.model import POSITION_COLUMNS
from negotiation.data.table import TIDY_COLUMNS
from negotiation.ui import registry

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
PAGE_TITLES = [page.title for page in registry.PAGES]


def commands() -> list[str]:
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    return list(sub.choices)


@pytest.mark.parametrize("title", PAGE_TITLES)
def test_every_page_is_documented(title):
    assert f"| {title} |" in README


@pytest.mark.parametrize("command", commands())
def test_every_cli_command_is_documented(command):
    assert f"negotiation {command}" in README


@pytest.mark.parametrize("column", POSITION_COLUMNS)
def test_every_positions_column_is_documented(column):
    assert f"`{column}`" in README


@pytest.mark.parametrize("column", [*TIDY_COLUMNS, *METADATA_COLUMNS, *SOURCE_COLUMNS])
def test_every_table_column_is_documented(column):
    assert re.search(rf"\b{column}\b", README.split("## Command line")[1])


def test_there_are_pages_to_check():
    assert len(PAGE_TITLES) >= 5
