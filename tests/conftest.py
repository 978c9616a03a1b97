from pathlib import Path

import pytest
from factory import NEEDS_OUTCOME, write_dataset, write_outcome

from negotiation.data.load import load_dataset
from negotiation.ui.disk_cache import VARIABLE

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "data" / "ukraine-2025"


@pytest.fixture(autouse=True, scope="session")
def _disk_cache_in_tmp(tmp_path_factory: pytest.TempPathFactory):
    """The servers' disk cache (negotiation/ui/disk_cache.py) in a folder of the test run's,
    for the warm-ups that tests run and the servers they start, never in the user's."""
    folder = tmp_path_factory.mktemp("disk-cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(VARIABLE, str(folder))
        yield folder


@pytest.fixture
def tiny_path(tmp_path: Path) -> Path:
    return write_dataset(tmp_path / "tiny")


@pytest.fixture
def tiny(tiny_path: Path):
    return load_dataset(tiny_path)


@pytest.fixture
def tiny_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The app's data folder holds only the hand-made example dataset."""
    write_dataset(tmp_path / "tiny")
    monkeypatch.setenv("NEGOTIATION_DATA_DIR", str(tmp_path))
    return tmp_path


@pytest.fixture
def outcome(tmp_path: Path):
    """The hand-made negotiation with an agreed text (tests/factory.py), for backtests."""
    return load_dataset(write_outcome(tmp_path / "outcome"))


@pytest.fixture
def drawable(request: pytest.FixtureRequest):
    """For a test parametrised by view `name`: a dataset the view draws on (the tiny one, or
    the one with an agreed text for views that need an outcome)."""
    name = request.node.callspec.params["name"]
    return request.getfixturevalue("outcome" if name in NEEDS_OUTCOME else "tiny")
