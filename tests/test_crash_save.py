"""A process saving in a loop is killed with SIGKILL at random moments: the dataset always
loads and holds exactly the old or the new content, never a mix or a truncated file."""

import dataclasses
import multiprocessing
import os
import random
import signal
import time

from negotiation.data import store
from negotiation.data.load import load_dataset

KILLS = 40


def _save_forever(folder, contents, ready) -> None:
    """Alternate between two contents until killed. Validation is switched off in this child
    only: it is most of a save's time, and the kills should land in the writes and the swap."""
    store.parse_dataset = lambda *args, **kwargs: None
    for n in range(10**9):
        store.save_files(contents[n % 2], folder)
        ready.set()


def test_sigkill_during_saves_leaves_old_or_new(tiny_path, tiny):
    long = dataclasses.replace(tiny, positions=tiny.positions.assign(stance="x" * 5000))
    contents = [store.to_files(tiny), store.to_files(long)]
    allowed = {store.content_hash(files) for files in contents}
    forked = multiprocessing.get_context("fork")
    rng = random.Random(5)
    interrupted = 0
    for _ in range(KILLS):
        ready = forked.Event()
        child = forked.Process(target=_save_forever, args=(tiny_path, contents, ready))
        child.start()
        assert ready.wait(30), "the saving child never finished a first save"
        time.sleep(rng.uniform(0, 0.005))  # a random moment of a later save
        os.kill(child.pid, signal.SIGKILL)
        child.join()
        assert child.exitcode == -signal.SIGKILL
        interrupted += bool(list(tiny_path.parent.glob(".tiny.tmp-*")))
        # byte for byte one of the two valid contents, so it loads (checked once below)
        assert store.content_hash(store.read_files(tiny_path)) in allowed
    assert interrupted > 0, "no kill landed inside a save: the test proved nothing"
    assert load_dataset(tiny_path).version_ids == ["v1", "v2"]
    # a killed save leaves at most a hidden staging folder, which the next save removes
    store.save_files(contents[0], tiny_path)
    assert not list(tiny_path.parent.glob(".tiny.tmp-*"))
    assert store.read_files(tiny_path) == contents[0]
    assert len(store.history_entries(tiny_path)) <= 20
