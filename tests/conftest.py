from pathlib import Path

import pytest
from factory import write_dataset

from negotiation.load import load_dataset

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "data" / "ukraine-2025"


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
