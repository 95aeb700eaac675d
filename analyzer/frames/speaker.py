"""``speaker``, ``speaker_cue`` and ``modality`` of a figure, resolved (FRAMES.md)."""
from __future__ import annotations

from ..quantities.model import Quantity
from .context import FrameContext


def assign(ctx: FrameContext, q: Quantity) -> None:
    """Resolve ``q.speaker`` (the attribution stage's reading is the starting point)."""
