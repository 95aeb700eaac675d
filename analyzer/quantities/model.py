"""The record the quantities stage puts on ``Doc._.quantities``: one per numeric mention."""
from __future__ import annotations

import math
from dataclasses import dataclass, field


@dataclass
class Quantity:
    """A numeric mention and what the pipeline learnt about it.

    The quantities stage fills the first group of fields; attribution fills ``speaker``/``modality``,
    checkworthiness fills ``checkworthiness``. Token offsets index the Doc; char offsets the text.
    """

    start: int
    end: int
    start_char: int
    end_char: int
    text: str
    value: float
    value_to: float = math.nan
    qualifier: str = "exact"
    qualifier_cue: str = ""
    direction: str = ""  # increase / decrease when the figure is a change, also under a bound ("up nearly 57%")
    low: float = math.nan
    high: float = math.nan
    unit: str = ""
    dimension: str = "count"  # currency, ratio, mass, volume, length, area, power, energy, time, count...
    quantity_of: str = ""
    per: str = ""
    period: str = ""
    period_start: str = ""
    period_end: str = ""
    entities: list[str] = field(default_factory=list)
    subject: list[str] = field(default_factory=list)  # the entities the figure is about (geo_frames)
    is_claim: bool = True
    anchor: int = -1  # token the quantity hangs from in the parse (its unit, or the noun it counts)
    measured: int = -1  # head token of quantity_of in the parse, -1 when none (geo_frames reads and sets it)
    kind: str = "number"  # number, vague ("dozens of"), fraction ("two-thirds"), one_of ("one of the best")
    # filled by later stages
    speaker: str = "author"
    speaker_cue: str = ""
    modality: str = "asserted"
    checkworthiness: float = math.nan  # the row's: how much to check it first (checkworthiness/rows.py)
    sentence_checkworthiness: float = math.nan  # its sentence's check-worthiness
    stance: dict[str, str] = field(default_factory=dict)  # canonical name -> favor/against/neutral (its sentence)
