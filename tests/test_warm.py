"""The warm first visit (negotiation/ui/warm.py): what the server computes before its first
reader, so that the reader's run finds it in the shared caches."""

import functools
import gc
import logging
import sys
from pathlib import Path

import pytest
import streamlit as st
from factory import write_dataset

from negotiation.analysis import agreement, headlines, standing
from negotiation.charts import views
from negotiation.data.load import resolve_dataset
from negotiation.ui import cache, registry, warm
from negotiation.ui.state import data_dir


@pytest.fixture
def cold(tiny_app: Path):
    """The app's data folder holds the tiny dataset, and no cache holds anything yet."""
    st.cache_resource.clear()
    yield tiny_app
    st.cache_resource.clear()


def fail(*_args, **_kwargs):
    raise AssertionError("computed again: the warm-up should have left it in the cache")


def impostor(function):
    """A function the cache takes for `function` (its key is the function's name), which fails
    if the cache calls it."""
    fail_as = functools.wraps(function)(fail)
    return fail_as


def test_the_warm_up_leaves_the_overview_in_the_caches(cold, monkeypatch):
    warm.warm_up()
    recorded = cache.load(resolve_dataset(data_dir(), "tiny"))
    ds = cache.cached(impostor(standing.as_of), recorded, standing.DEFAULT_MODE)
    sel = views.Selection.default(ds)
    # the reader's run finds each of these without computing it
    counts = cache.cached(impostor(agreement.headline_counts), ds, sel.version, sel.parties)
    assert counts == agreement.headline_counts(ds, sel.version, sel.parties)
    numbers = cache.cached(impostor(headlines.numbers), ds, sel.version, sel.parties)
    assert numbers.equals(headlines.numbers(ds, sel.version, sel.parties))
    # the sidebar's focus issue, as the sidebar asks for it
    issue = cache.cached(impostor(views.focus_issue), ds, sel.version, sel.parties, sel.issues)
    assert issue == views.focus_issue(ds, sel.version, sel.parties, sel.issues)
    monkeypatch.setattr(views, "data", fail)
    for name in registry.page("overview").charts:
        frame, _note, spec, _context = cache.drawn(name, ds, sel)
        assert not frame.empty
        assert "$schema" in spec


def test_the_overview_does_not_load_the_pdf_and_xlsx_writers():
    """reportlab and openpyxl serve downloads only: the first reader's run does not wait for
    them (0.5 s of imports)."""
    import subprocess

    code = (
        "import sys; from negotiation.ui import controls, render; "
        "print(sorted(m for m in ('reportlab', 'openpyxl') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_a_broken_default_dataset_is_logged_not_raised(tmp_path, monkeypatch, caplog):
    folder = write_dataset(tmp_path / "broken")
    (folder / "positions.csv").write_text("not,a,dataset\n", encoding="utf-8")
    monkeypatch.setenv("NEGOTIATION_DATA_DIR", str(tmp_path))
    st.cache_resource.clear()
    with caplog.at_level(logging.WARNING, logger=warm.LOG.name):
        warm._warm_up_quietly()
    assert "warm-up skipped" in caplog.text
    assert "positions.csv" in caplog.text
    assert gc.isenabled()


def test_the_collector_is_off_only_during_the_warm_up(cold, monkeypatch):
    seen = []
    monkeypatch.setattr(warm, "warm_up", lambda **_: seen.append(gc.isenabled()))
    warm._warm_up_quietly()
    assert seen == [False]
    assert gc.isenabled()


def test_only_the_warm_ups_missing_context_warnings_are_dropped():
    def record(thread: str) -> logging.LogRecord:
        entry = logging.LogRecord(warm.CONTEXT_LOGGER, logging.WARNING, "", 0, "missing", (), None)
        entry.threadName = thread
        return entry

    assert not warm._not_warm_up(record(warm.THREAD))
    assert warm._not_warm_up(record("ScriptRunner.scriptThread"))


def test_the_server_writes_its_results_to_disk_once_a_reader_has_a_chart(cold, monkeypatch):
    import threading

    from negotiation.ui import disk_cache

    folder = cold / "disk-cache"  # not a dataset: it holds no dataset.yaml
    monkeypatch.setenv(disk_cache.VARIABLE, str(folder))
    written_before = []
    warm.warm_up(before_saving=lambda: written_before.append(list(folder.glob("*.pickle"))))
    assert written_before == [[]], "nothing written while the first reader waits"
    assert list(folder.glob("*.pickle")), "written afterwards"
    # the server's warm-up waits for a chart sent (or SAVE_WAIT seconds) before writing
    monkeypatch.setattr(cache, "CHART_SENT", threading.Event())
    monkeypatch.setattr(cache, "RUN_STARTED", threading.Event())
    monkeypatch.setattr(warm, "SAVE_WAIT", 600)
    warm._until_a_chart_is_sent()  # no reader yet: written at once
    cache.RUN_STARTED.set()  # a reader waits, as controls.sidebar says
    waiting = threading.Thread(target=warm._until_a_chart_is_sent)
    waiting.start()
    assert waiting.is_alive()
    cache.CHART_SENT.set()  # as render.chart does
    waiting.join(60)
    assert not waiting.is_alive()
