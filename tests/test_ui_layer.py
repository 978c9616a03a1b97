"""The UI layer's contracts: Streamlit is imported only by negotiation/ui/, and the shared
caches never serve one dataset's results for another."""

import ast
import dataclasses
import gc
from pathlib import Path

import pytest
from factory import ROWS, row, write_dataset

from negotiation import ui
from negotiation.data import store
from negotiation.data.load import load_dataset
from negotiation.data.table import tidy

PACKAGE = Path(__file__).resolve().parents[1] / "negotiation"


def imported_modules(path: Path) -> set[str]:
    modules = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            modules |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            modules.add(node.module)
    return modules


LIBRARY = sorted(p for p in PACKAGE.rglob("*.py") if "ui" not in p.relative_to(PACKAGE).parts)


@pytest.mark.parametrize("path", LIBRARY, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_only_the_ui_package_imports_streamlit(path):
    streamlit = {m for m in imported_modules(path) if m.split(".")[0] == "streamlit"}
    assert not streamlit, f"{path.name} imports {streamlit}; Streamlit belongs in negotiation/ui/"


def test_the_library_check_sees_the_whole_package():
    names = {str(p.relative_to(PACKAGE)) for p in LIBRARY}
    assert {"data/model.py", "analysis/agreement.py", "cli.py"} <= names
    assert not any(name.startswith("ui/") for name in names)
    assert "streamlit" in imported_modules(PACKAGE / "ui" / "cache.py")


def cap_of_alpha(ds) -> str:
    table = ui.cached(tidy, ds)
    return table.set_index(["version", "party", "issue"]).loc[("v2", "a", "cap"), "value"]


def test_cached_results_follow_every_edit_past_the_cache_size(tmp_path):
    folder = write_dataset(tmp_path / "talks", ROWS)
    for value in range(100, 100 + 40):  # the load cache keeps 16 datasets
        ds = load_dataset(folder)
        edited = ds.positions.copy()
        at = (edited["version"] == "v2") & (edited["party"] == "a") & (edited["issue"] == "cap")
        edited.loc[at, "value"] = str(value)
        store.save(dataclasses.replace(ds, positions=edited), folder)
        del ds, edited
        gc.collect()  # old datasets go, so a new one may take an old one's memory address
        shown = ui.load(folder)
        assert len(shown.positions) == len(ROWS)
        assert cap_of_alpha(shown) == str(value)


def test_fingerprint_follows_content(tmp_path):
    rows = [row("v1", "a", "cap", "600"), row("v1", "b", "cap", "800")]
    first = load_dataset(write_dataset(tmp_path / "one", rows))
    same = load_dataset(write_dataset(tmp_path / "one", rows))
    other = load_dataset(write_dataset(tmp_path / "one", [rows[0], row("v1", "b", "cap", "700")]))
    assert first.fingerprint == same.fingerprint != other.fingerprint
    moved = first.positions.assign(value=first.positions["value"].replace("800", "700"))
    in_memory = {
        dataclasses.replace(first, positions=moved).fingerprint,
        dataclasses.replace(first, title="Other talks").fingerprint,
        dataclasses.replace(first).fingerprint,
    }
    assert len(in_memory) == 3
    assert first.fingerprint not in in_memory
