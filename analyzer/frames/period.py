"""The period a figure refers to: ``period``, ``period_start``, ``period_end`` (FRAMES.md)."""
from __future__ import annotations

from ..quantities.model import Quantity
from .context import FrameContext


def assign(ctx: FrameContext, q: Quantity) -> None:
    """Set the period fields of ``q`` (the quantity stage's reading is the starting point)."""
