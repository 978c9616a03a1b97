"""Serve the dashboard headless on a free port and drive Debian's Chromium: one harness for
the browser tests and the benchmark's load run."""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_app(
    env: dict[str, str] | None = None, timeout: float = 60, script: Path = ROOT / "dashboard.py"
) -> tuple[subprocess.Popen, str]:
    """Run the dashboard (or another Streamlit script) headless on a free port; return the
    process and its URL once its health check answers."""
    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable, "-m", "streamlit", "run", str(script),
            "--server.headless", "true", "--server.port", str(port),
            "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false",
            "--server.fileWatcherType", "none",  # an edit to the code mid-run changes nothing
        ],
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return process, url
        except OSError:
            time.sleep(0.3)
    process.kill()
    raise RuntimeError(f"the dashboard did not start within {timeout:.0f} s")


def serve_only(tmp_path_factory, name: str, write: Callable[[Path], object]) -> Iterator[str]:
    """A dashboard over a data folder holding only the dataset `write` makes in `name`: its
    URL, for a module's fixture to yield from."""
    root = tmp_path_factory.mktemp("data")
    write(root / name)
    process, url = start_app({"NEGOTIATION_DATA_DIR": str(root)})
    yield url
    process.terminate()
    process.wait(timeout=20)
    shutil.rmtree(root, ignore_errors=True)
