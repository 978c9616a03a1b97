"""A warm first visit: when the server starts, a background thread loads the default dataset
and computes the Overview's default views into the shared caches, so the first reader does not
wait for the imports, the load and the analyses. The health check answers meanwhile."""

from __future__ import annotations

import contextlib
import gc
import logging
import threading
from collections.abc import AsyncIterator, Callable

from negotiation.data.problems import DatasetError  # light: no pandas

LOG = logging.getLogger(__name__)
THREAD = "warm-up"
SAVE_WAIT = 20.0
"""The longest the server's warm-up waits for the chart of a reader who came while it worked,
before writing its results to disk (`cache.CHART_SENT`): writing them (pickling 200 MB at
600,000 positions, 0.6 s) while the first reader waited for the Overview held the interpreter
that reader's run needed."""
CONTEXT_LOGGER = "streamlit.runtime.scriptrunner_utils.script_run_context"
"""Streamlit's logger that warns of a "missing ScriptRunContext" whenever a thread outside a
reader's run calls it, as the warm-up does by design."""


def _not_warm_up(record: logging.LogRecord) -> bool:
    return record.threadName != THREAD


def warm_up(before_saving: Callable[[], object] = lambda: None) -> None:
    """Fill the caches with what the first reader of the default view needs: the default
    dataset, the Overview's counts, headline numbers and charts, for the sidebar's default
    selection, and keep them on disk (after `before_saving` returns). Everything is imported
    here, in the warm-up's thread, not when the server imports this."""
    import streamlit as st

    # Streamlit walks the whole stack (inspect.stack, reading every frame's file) the first
    # time the process writes an element, to warn when it is not under `streamlit run`: once,
    # here on a short stack, rather than in the reader's run (0.6 s while the server is busy).
    st.empty()
    from negotiation.analysis import agreement, headlines, standing
    from negotiation.charts import views
    from negotiation.data.load import list_datasets, resolve_dataset

    # controls and render too, unused here: the reader's run needs them as it starts
    from negotiation.ui import cache, controls, registry, render  # noqa: F401
    from negotiation.ui.disk_cache import DiskCache, default_folder
    from negotiation.ui.state import DEFAULT_DATASET, data_dir

    names = list_datasets(data_dir())
    if not names:
        return
    name = DEFAULT_DATASET if DEFAULT_DATASET in names else names[0]
    disk = DiskCache(default_folder())  # what a restarted server reads back
    recorded = cache.load(resolve_dataset(data_dir(), name), disk)
    ds = cache.cached(standing.as_of, recorded, standing.DEFAULT_MODE, disk=disk)
    sel = cache.cached(views.Selection.default, ds, disk=disk)
    # as the sidebar asks for it (the same arguments, so the same cache entry)
    cache.cached(views.focus_issue, ds, sel.version, sel.parties, sel.issues, disk=disk)
    cache.cached(agreement.headline_counts, ds, sel.version, sel.parties, disk=disk)
    cache.cached(headlines.numbers, ds, sel.version, sel.parties, disk=disk)
    cache.cached(headlines.term_paths, ds, sel.version, sel.issues, disk=disk)
    for chart in registry.page("overview").charts:
        cache.drawn(chart, ds, sel, disk=disk)
    before_saving()
    disk.save()


def _warm_up_quietly() -> None:
    # The imports create hundreds of thousands of objects that live as long as the server:
    # the collections they set off midway free nothing and took a tenth of the warm-up.
    gc.disable()
    try:
        warm_up(before_saving=_until_a_chart_is_sent)
    except (DatasetError, ValueError, OSError) as error:  # the page will show it in words
        LOG.warning("warm-up skipped: %s", error)
    finally:
        gc.enable()


def _until_a_chart_is_sent() -> None:
    """When a reader's run has started (and waited for the warm-up), wait until a reader has a
    chart or SAVE_WAIT seconds passed, the collector on again; else return at once (nobody
    waits: the results are written before the first reader comes)."""
    from negotiation.ui import cache

    gc.enable()
    if cache.RUN_STARTED.is_set():
        cache.CHART_SENT.wait(SAVE_WAIT)


@contextlib.asynccontextmanager
async def lifespan(_app: object) -> AsyncIterator[None]:
    """The server's start: warm the caches in a thread, without delaying the server."""
    logging.getLogger(CONTEXT_LOGGER).addFilter(_not_warm_up)
    threading.Thread(target=_warm_up_quietly, name=THREAD, daemon=True).start()
    yield
