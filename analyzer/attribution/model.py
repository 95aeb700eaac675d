"""The record the attribution stage puts on ``Doc._.statements``: one per sentence."""
from __future__ import annotations

import math
from dataclasses import dataclass, field

MODALITIES = ("asserted", "hedged", "projected", "reported", "denied")  # how firmly a sentence says it


@dataclass
class Statement:
    """A sentence, who asserts it and how firmly; checkworthiness fills its score."""

    start: int  # token offsets of the sentence
    end: int
    start_char: int
    end_char: int
    text: str
    speaker: str = "author"
    speaker_cue: str = ""
    modality: str = "asserted"
    entities: list[str] = field(default_factory=list)
    has_quantity: bool = False
    # it has a verb: a claim states something of something; a fragment without one ("Copyright 2014 The
    # Associated Press.", "Email: ...", a label) is never a statement row
    has_predicate: bool = True
    checkworthiness: float = math.nan  # the sentence's check-worthiness (CheckThat!'s sense)
    row_checkworthiness: float = math.nan  # as a claim-table row: how much to check it first
    stance: dict[str, str] = field(default_factory=dict)  # canonical name -> favor/against/neutral

    @property
    def may_be_row(self) -> bool:
        """Can the sentence be a ``statement`` row (when its score reaches the threshold)? Not when it states a
        figure (the figure is the row) nor when it is a fragment without a verb."""
        return self.has_predicate and not self.has_quantity
