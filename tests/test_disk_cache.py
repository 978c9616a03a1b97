"""The warm-up's results on disk (negotiation/ui/disk_cache.py): read back by a restarted
server instead of computed, never read by other code or for another dataset, and a damaged
or unwritable folder costs a computation, never a failure."""

import logging
import os
from pathlib import Path

import pytest
import streamlit as st

from negotiation.analysis import agreement, headlines, standing
from negotiation.charts import views
from negotiation.data import load
from negotiation.data.load import resolve_dataset
from negotiation.ui import cache, disk_cache, warm
from negotiation.ui.disk_cache import DiskCache
from negotiation.ui.state import data_dir


def fail(*_args, **_kwargs):
    raise AssertionError("computed, where the disk cache holds it")


def kept(folder: Path, key: str, value: object) -> None:
    disk = DiskCache(folder)
    disk.get(key, lambda: value)
    disk.save()


def test_a_saved_value_is_read_back_by_another_instance(tmp_path):
    kept(tmp_path, "k", {"army": 800_000})
    assert DiskCache(tmp_path).get("k", fail) == {"army": 800_000}
    assert DiskCache(tmp_path).get("other", lambda: 1) == 1


def test_nothing_is_written_before_save(tmp_path):
    disk = DiskCache(tmp_path / "cache")
    assert disk.get("k", lambda: 3) == 3
    assert not (tmp_path / "cache").exists()
    disk.save()
    assert len(list((tmp_path / "cache").glob("*.pickle"))) == 1


def test_other_code_does_not_read_an_entry(tmp_path, monkeypatch):
    kept(tmp_path, "k", "old code's")
    monkeypatch.setattr(disk_cache, "code_version", lambda: "another version")
    assert DiskCache(tmp_path).get("k", lambda: "new code's") == "new code's"


def test_the_code_version_changes_with_the_source(tmp_path, monkeypatch):
    before = disk_cache.code_version()
    assert before == disk_cache.code_version.__wrapped__()
    package = tmp_path / "negotiation"
    package.mkdir()
    (package / "__init__.py").write_text("", encoding="utf-8")
    monkeypatch.setattr(disk_cache.negotiation, "__file__", str(package / "__init__.py"))
    assert disk_cache.code_version.__wrapped__() != before


def test_a_damaged_entry_is_computed_again_and_replaced(tmp_path, caplog):
    kept(tmp_path, "k", list(range(1000)))
    (entry,) = tmp_path.glob("*.pickle")
    entry.write_bytes(entry.read_bytes()[:100])
    disk = DiskCache(tmp_path)
    with caplog.at_level(logging.WARNING, logger=disk_cache.LOG.name):
        assert disk.get("k", lambda: "again") == "again"
    assert "unreadable" in caplog.text
    disk.save()
    assert DiskCache(tmp_path).get("k", fail) == "again"


def test_an_unwritable_folder_is_a_warning(tmp_path, caplog):
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder", encoding="utf-8")
    disk = DiskCache(blocked / "cache")
    assert disk.get("k", lambda: 5) == 5
    with caplog.at_level(logging.WARNING, logger=disk_cache.LOG.name):
        disk.save()
    assert "cannot write" in caplog.text
    assert blocked.read_text(encoding="utf-8") == "not a folder"


def test_a_value_that_cannot_be_pickled_leaves_no_file(tmp_path):
    disk = DiskCache(tmp_path)
    disk.get("k", lambda: lambda: 1)
    with pytest.raises(Exception, match="pickle"):
        disk.save()
    assert list(tmp_path.iterdir()) == []


def test_trim_removes_the_entries_used_longest_ago(tmp_path):
    for key, when in (("old", 1_000), ("used", 2_000), ("new", 3_000)):
        kept(tmp_path, key, "x" * 10_000)
        os.utime(DiskCache(tmp_path)._path(key), (when, when))
    DiskCache(tmp_path).get("old", fail)  # reading an entry makes it the newest
    DiskCache(tmp_path, max_bytes=25_000).trim()
    assert not DiskCache(tmp_path)._path("used").exists()
    assert DiskCache(tmp_path)._path("old").exists()
    assert DiskCache(tmp_path)._path("new").exists()


def test_the_folder_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv(disk_cache.VARIABLE, str(tmp_path))
    assert disk_cache.default_folder() == tmp_path
    monkeypatch.setenv(disk_cache.VARIABLE, "")
    assert disk_cache.default_folder() is None
    monkeypatch.delenv(disk_cache.VARIABLE)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert disk_cache.default_folder() == tmp_path / "xdg" / "negotiation"


def test_off_computes_every_time_and_writes_nothing(tmp_path):
    disk = DiskCache(None)
    assert disk.get("k", lambda: 1) == 1
    assert disk.get("k", lambda: 2) == 2
    disk.save()
    assert list(tmp_path.iterdir()) == []


@pytest.fixture
def restart(tiny_app: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A server's first warm-up over the tiny dataset, with a disk cache of its own; then the
    memory caches emptied, as a restart does."""
    monkeypatch.setenv(disk_cache.VARIABLE, str(tmp_path / "disk"))
    st.cache_resource.clear()
    warm.warm_up()
    st.cache_resource.clear()
    yield tiny_app
    st.cache_resource.clear()


def test_a_restarted_server_reads_the_warm_up_back(restart, monkeypatch):
    folder = resolve_dataset(data_dir(), "tiny")
    first = load.load_dataset(folder)
    monkeypatch.setattr(load, "load_dataset", fail)
    monkeypatch.setattr(cache, "load_dataset", fail)
    for function in (standing.as_of, agreement.headline_counts, headlines.numbers):
        monkeypatch.setattr(function, "__code__", fail.__code__)
    monkeypatch.setattr(views, "data", fail)  # the Overview's chart: read back too
    warm.warm_up()
    recorded = cache.load(folder)
    assert recorded.fingerprint == first.fingerprint
    assert recorded.positions.equals(first.positions)
    ds = cache.cached(standing.as_of, recorded, standing.DEFAULT_MODE)
    sel = views.Selection.default(ds)
    counts = cache.cached(agreement.headline_counts, ds, sel.version, sel.parties)
    assert counts["issues"] == len(first.issues)


def test_an_edited_dataset_is_computed_again(restart):
    folder = resolve_dataset(data_dir(), "tiny")
    text = (folder / "dataset.yaml").read_text(encoding="utf-8")
    (folder / "dataset.yaml").write_text(
        text.replace("title: Tiny talks", "title: Edited talks"), "utf-8"
    )
    warm.warm_up()
    assert cache.load(folder).title.startswith("Edited")


def test_trim_removes_what_a_stopped_write_left(tmp_path):
    old, fresh = tmp_path / "a.part", tmp_path / "b.part"
    for part in (old, fresh):
        part.write_bytes(b"half a pickle")
    os.utime(old, (1_000, 1_000))
    DiskCache(tmp_path).trim()
    assert not old.exists()
    assert fresh.exists()  # another server may be writing it


def test_what_a_readers_run_computed_first_is_kept_too(tiny_app, tmp_path, monkeypatch):
    """The reader's run and the warm-up share the memory caches: whichever asks first computes,
    and the warm-up keeps on disk also what the reader's run (which has no disk) computed."""
    monkeypatch.setenv(disk_cache.VARIABLE, str(tmp_path / "disk"))
    st.cache_resource.clear()
    folder = resolve_dataset(data_dir(), "tiny")
    recorded = cache.load(folder)  # the reader's sidebar, first
    ds = cache.cached(standing.as_of, recorded, standing.DEFAULT_MODE)
    sel = cache.cached(views.Selection.default, ds)
    cache.cached(views.focus_issue, ds, sel.version, sel.parties, sel.issues)
    cache.drawn("timeline", ds, sel)
    warm.warm_up()
    st.cache_resource.clear()  # a restart: everything read back, nothing computed
    monkeypatch.setattr(load, "load_dataset", fail)
    monkeypatch.setattr(cache, "load_dataset", fail)
    for function in (standing.as_of, views.Selection.default.__func__, views.focus_issue):
        monkeypatch.setattr(function, "__code__", fail.__code__)
    monkeypatch.setattr(views, "data", fail)
    warm.warm_up()
    st.cache_resource.clear()
