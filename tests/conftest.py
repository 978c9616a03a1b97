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
