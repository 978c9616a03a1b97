"""Negotiation Positions: where the parties to a negotiation stand, issue by issue and draft
by draft."""

from negotiation.load import DatasetError, load_dataset
from negotiation.model import Dataset

__all__ = ["Dataset", "DatasetError", "load_dataset"]
__version__ = "0.1.0"
