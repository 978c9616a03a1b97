"""Benchmarks: synthetic datasets of any size and a runner measuring speed, memory and load."""

import compileall
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "negotiation"


def compile_package() -> None:
    """Byte-compile the package, as `pip install .` does and as Python does on a first import
    where it may write, before timing a start against a floor: the floor's pandas, Altair and
    Streamlit load from compiled files, and an editable install under PYTHONDONTWRITEBYTECODE
    would otherwise compile this package again at every start (0.2-0.4 s on a 2-core machine)."""
    compileall.compile_dir(PACKAGE, quiet=1)
