"""Where the dashboard finds its datasets: --data-dir, then $NEGOTIATION_DATA_DIR, then data/."""

from pathlib import Path

import pytest

from negotiation import ui
from negotiation.data import settings
from negotiation.ui import registry


@pytest.mark.parametrize(
    ("argv", "env", "expected"),
    [
        (["dashboard.py", "--data-dir", "/srv/talks"], "/env", Path("/srv/talks")),
        (["dashboard.py", "--data-dir=/srv/talks"], None, Path("/srv/talks")),
        (["dashboard.py"], "/env", Path("/env")),
        (["dashboard.py", "--data", "/x"], None, registry.ROOT / "data"),
    ],
)
def test_data_dir(monkeypatch, argv, env, expected):
    monkeypatch.setattr("sys.argv", argv)
    if env is None:
        monkeypatch.delenv("NEGOTIATION_DATA_DIR", raising=False)
    else:
        monkeypatch.setenv("NEGOTIATION_DATA_DIR", env)
    assert ui.data_dir() == expected


@pytest.mark.parametrize(
    ("value", "expected"), [("1", True), ("true", True), ("0", False), ("", False), (None, False)]
)
def test_editing_is_off_unless_switched_on(monkeypatch, value, expected):
    if value is None:
        monkeypatch.delenv(settings.EDITABLE_VARIABLE, raising=False)
    else:
        monkeypatch.setenv(settings.EDITABLE_VARIABLE, value)
    assert settings.editable() is expected


def test_upload_cap_matches_the_streamlit_config():
    config = (registry.ROOT / ".streamlit" / "config.toml").read_text()
    assert f"maxUploadSize = {settings.MAX_UPLOAD_MB}\n" in config
