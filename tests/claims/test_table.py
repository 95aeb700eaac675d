"""Assembling the claim table."""
from __future__ import annotations

import dataclasses
import math

from analyzer.claims import COLUMNS, Claim, to_frame
from analyzer.claims.model import text_id


def test_claim_fields_are_the_columns():
    """The Claim dataclass and the table's COLUMNS list the same fields in the same order (this was an assert at
    import time in claims/table.py)."""
    assert [f.name for f in dataclasses.fields(Claim)] == list(COLUMNS)
    claim = Claim(doc_id="d", claim_id="d:0-2", kind="quantity", text="5%", start_char=0, end_char=2, sentence="5%.")
    frame = to_frame([claim, claim])
    assert list(frame.columns) == list(COLUMNS) and len(frame) == 2
    assert math.isnan(frame["value"].iloc[0])


def test_text_id_is_stable_and_short():
    assert text_id("abc") == text_id("abc") != text_id("abd")
    assert len(text_id("abc")) == 16


def test_equal_length_entity_lists_stay_lists():
    claims = [Claim(doc_id="d", claim_id=f"d:{i}", kind="quantity", text="x", start_char=i, end_char=i + 1,
                    sentence="x", entities=["Russia", "Azerbaijan"]) for i in range(3)]
    frame = to_frame(claims)
    assert frame["entities"].tolist() == [["Russia", "Azerbaijan"]] * 3
