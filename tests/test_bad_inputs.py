"""Every input of the bad-input corpus is refused with its message, by the library path the
Data page takes and by `negotiation import`, without a traceback and without writing."""

import pytest
from bad_inputs.cases import CASES, Case

from negotiation import cli
from negotiation.data import importers, store
from negotiation.data.load import DatasetError, resolve_dataset


def attempt(case: Case, root) -> list[str]:
    """What the Data page does with an upload: check the name, import, save; the messages."""
    try:
        folder = resolve_dataset(root, case.name)
        ds = importers.import_files(case.files(), case.name, case.fmt, case.levels)
        store.save(ds, folder, overwrite=False)
    except DatasetError as error:
        return [str(p) for p in error.problems]
    except ValueError as error:
        return [str(error)]
    return []


def test_the_corpus_has_at_least_40_cases_with_unique_ids():
    ids = [case.id for case in CASES]
    assert len(ids) >= 40
    assert len(set(ids)) == len(ids)


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_bad_input_is_refused_with_its_message(case, tmp_path, capsys):
    root = tmp_path / "data"
    root.mkdir()
    problems = attempt(case, root)
    assert any(case.expected in p for p in problems), problems
    assert list(root.iterdir()) == []
    if case.name == "bad":  # the same files through the command line
        sources = tmp_path / "in"
        sources.mkdir()
        paths = []
        for name, data in case.files().items():
            (sources / name).write_bytes(data)
            paths.append(str(sources / name))
        args = ["import", *paths, "-o", str(root / case.name), "--format", case.fmt]
        levels = [f"--levels={issue}={','.join(ids)}" for issue, ids in case.levels.items()]
        assert cli.main(args + levels) == 1
        err = capsys.readouterr().err
        assert case.expected in err
        assert "Traceback" not in err
        assert list(root.iterdir()) == []
