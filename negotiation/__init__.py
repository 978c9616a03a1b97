"""Negotiation Positions: where the parties to a negotiation stand, issue by issue and draft
by draft."""

from __future__ import annotations

import importlib

__all__ = ["Dataset", "DatasetError", "load_dataset"]
__version__ = "0.1.0"

_LAZY = {
    "Dataset": "negotiation.data.model",
    "DatasetError": "negotiation.data.problems",
    "load_dataset": "negotiation.data.load",
}
"""Where each re-export lives: imported on first use, so that `import negotiation` (and the
command line's --help) does not pay for pandas."""


def __getattr__(name: str) -> object:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'negotiation' has no attribute '{name}'")


def __dir__() -> list[str]:
    return sorted([*globals(), *_LAZY])
