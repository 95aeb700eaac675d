"""``quantity_of``: what a figure counts or measures (FRAMES.md)."""
from __future__ import annotations

from ..quantities.model import Quantity
from .context import FrameContext


def assign(ctx: FrameContext, q: Quantity) -> None:
    """Set ``q.quantity_of`` (the quantity stage's reading is the starting point)."""
