"""Quantities stage: numbers, units, currencies, qualifiers and rates (a figure's period is read by the frames
stage, `analyzer/frames/period.py`; `periods` resolves period phrases to dates)."""
from .model import Quantity

__all__ = ["Quantity"]
