"""Saving: round trip, validation first, bounded history and undo, stale-save refusal (also
under concurrency), zip export, and unzip refusing hostile archives."""

import dataclasses
import io
import stat
import threading
import zipfile

import pytest
from factory import ROWS, VERSIONS, metadata, row, write_dataset

from negotiation.data import settings, store
from negotiation.data.load import DatasetError, load_dataset


def with_stance(ds, stance: str):
    """The dataset with every stance replaced: a visible, valid edit."""
    return dataclasses.replace(ds, positions=ds.positions.assign(stance=stance))


def test_save_round_trips_the_files(tiny, tmp_path):
    folder = tmp_path / "data" / "copy"
    store.save(tiny, folder)
    assert store.to_files(load_dataset(folder)) == store.to_files(tiny)
    assert load_dataset(folder).positions["salience"].isna().all()


def test_save_keeps_per_version_capabilities(tmp_path):
    versions = [dict(VERSIONS[0], capabilities={"a": 0.7}), VERSIONS[1]]
    ds = load_dataset(write_dataset(tmp_path / "src", meta=metadata(versions=versions)))
    store.save(ds, tmp_path / "copy")
    assert load_dataset(tmp_path / "copy").version("v1").capabilities == (("a", 0.7),)


def test_save_returns_the_hash_that_read_gives(tiny_path, tiny):
    new_hash = store.save(with_stance(tiny, "edited"), tiny_path)
    ds, read_hash = store.read(tiny_path)
    assert new_hash == read_hash
    assert set(ds.positions["stance"]) == {"edited"}


def test_invalid_save_is_refused_and_writes_nothing(tiny_path, tiny):
    before = store.read_files(tiny_path)
    bad = tiny.positions.copy()
    bad.loc[0, "value"] = "5000"  # off the 0–1000 scale
    with pytest.raises(DatasetError) as caught:
        store.save(dataclasses.replace(tiny, positions=bad), tiny_path)
    assert "5,000 is off the scale 0–1,000 thousand" in str(caught.value)
    assert store.read_files(tiny_path) == before
    assert store.history_entries(tiny_path) == []


def test_history_keeps_the_previous_versions_bounded(tiny_path, tiny, monkeypatch):
    monkeypatch.setattr(settings, "HISTORY_KEEP", 3)
    for n in range(5):
        store.save(with_stance(tiny, f"edit {n}"), tiny_path)
    entries = store.history_entries(tiny_path)
    assert len(entries) == 3
    newest, _ = store.read(entries[0])
    assert set(newest.positions["stance"]) == {"edit 3"}
    assert not list(tiny_path.parent.glob(".tiny.tmp-*"))


def test_restore_undoes_the_content_before_the_last_save(tiny_path, tiny):
    original = store.read_files(tiny_path)
    store.save(with_stance(tiny, "oops"), tiny_path)
    store.restore(tiny_path)
    assert store.read_files(tiny_path) == original
    store.restore(tiny_path)  # the undone edit went into the history: undo the undo
    assert set(load_dataset(tiny_path).positions["stance"]) == {"oops"}


def test_restore_without_history_says_so(tiny_path):
    with pytest.raises(FileNotFoundError, match="'tiny' has no earlier version to go back to"):
        store.restore(tiny_path)


def test_stale_save_is_refused_and_keeps_the_other_change(tiny_path):
    mine, loaded_hash = store.read(tiny_path)
    theirs, _ = store.read(tiny_path)
    store.save(with_stance(theirs, "theirs"), tiny_path, loaded_hash)
    with pytest.raises(store.StaleError, match="'tiny' was changed by someone else"):
        store.save(with_stance(mine, "mine"), tiny_path, loaded_hash)
    assert set(load_dataset(tiny_path).positions["stance"]) == {"theirs"}


def test_concurrent_saves_from_one_copy_let_exactly_one_through(tiny_path):
    ds, loaded_hash = store.read(tiny_path)
    start = threading.Barrier(4)
    outcomes: list[str] = []

    def editor(n: int) -> None:
        start.wait()
        try:
            store.save(with_stance(ds, f"editor {n}"), tiny_path, loaded_hash)
            outcomes.append(f"saved {n}")
        except store.StaleError:
            outcomes.append("stale")

    threads = [threading.Thread(target=editor, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    saved = [o for o in outcomes if o.startswith("saved")]
    assert (len(saved), outcomes.count("stale")) == (1, 3)
    winner = saved[0].removeprefix("saved ")
    assert set(load_dataset(tiny_path).positions["stance"]) == {f"editor {winner}"}


def test_new_dataset_is_not_overwritten_without_leave(tiny, tmp_path):
    folder = tmp_path / "x"
    store.save(tiny, folder, overwrite=False)
    with pytest.raises(FileExistsError, match="already exists"):
        store.save(tiny, folder, overwrite=False)


def test_export_zip_holds_the_two_files_in_a_named_folder(tiny_path):
    names = zipfile.ZipFile(io.BytesIO(store.export_zip(tiny_path))).namelist()
    assert sorted(names) == ["tiny/dataset.yaml", "tiny/positions.csv"]


def zipped(*entries: tuple[str, bytes], link: str | None = None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries:
            archive.writestr(name, data)
        if link:
            info = zipfile.ZipInfo(link)
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            archive.writestr(info, "/etc/passwd")
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (zipped(("../evil.csv", b"x")), "z.zip: ../evil.csv: is a path leaving the archive"),
        (zipped(("/etc/evil", b"x")), "z.zip: /etc/evil: is a path leaving the archive"),
        (zipped(link="dataset.yaml"), "z.zip: dataset.yaml: is a link; links are refused"),
        (zipped(("bomb.csv", b"0" * 5_000_000)), "expands over 100 times its size (a zip bomb?)"),
        (zipped(*((f"f{n}", b"x") for n in range(101))), "has 101 files; at most 100"),
        (b"PK\x03\x04 not really", "z.zip: is not a readable zip file"),
    ],
    ids=["parent path", "absolute path", "link", "zip bomb", "too many files", "not a zip"],
)
def test_unzip_refuses_hostile_archives(data, expected):
    with pytest.raises(DatasetError) as caught:
        store.unzip(data, "z.zip")
    assert any(expected in str(p) for p in caught.value.problems), caught.value.problems


def test_save_keeps_undisclosed_empty(tmp_path, tiny):
    store.save(tiny, tmp_path / "d")
    text = (tmp_path / "d" / "positions.csv").read_text()
    assert "v1,c,cap,,c on cap,undisclosed" in text
    assert len(text.splitlines()) == len(ROWS) + 1
    assert row("v1", "c", "cap")["status"] == "undisclosed"
