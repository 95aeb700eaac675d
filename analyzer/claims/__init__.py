"""Claim assembly: the claim table's rows (`Claim`), columns and DataFrame."""
from .model import Claim
from .table import COLUMNS, CONTRACT, to_frame

__all__ = ["Claim", "COLUMNS", "CONTRACT", "to_frame"]
