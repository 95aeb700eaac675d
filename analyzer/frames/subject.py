"""``subject``: the entities a figure is about (FRAMES.md)."""
from __future__ import annotations

from ..quantities.model import Quantity
from .context import FrameContext


def assign(ctx: FrameContext, q: Quantity) -> None:
    """Set ``q.subject``."""
