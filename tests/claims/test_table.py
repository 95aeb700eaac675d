"""Assembling the claim table."""
from __future__ import annotations

import dataclasses
import math

import analyzer.api
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


def test_a_fragment_without_a_verb_is_never_a_statement_row(nlp):
    """A byline, a credit line or a caption states nothing: whatever its score, it is no row; a sentence with a
    verb and no figure is a row from the threshold up (here 0, so every one)."""
    from analyzer.claims.component import GeoClaims

    text = ("The ministry said exports to Turkey had risen sharply. Copyright 2014 The Associated Press.\n\n"
            "Hala Gorani (@HalaGorani) January 27, 2015\n\nOfficials denied the report on Monday.")
    doc = next(nlp.pipe([analyzer.api.make_doc(nlp, text)], disable=["geo_claims"]))
    fragments = [s for s in doc._.statements if not s.has_predicate]
    assert "Hala Gorani (@HalaGorani) January 27, 2015" in {s.text for s in fragments}
    assert "Copyright 2014" in " ".join(s.text for s in fragments)  # (one sentence or two, as the parser splits)
    GeoClaims(statement_threshold=0.0)(doc)
    rows = [c.text for c in doc._.claims if c.kind == "statement"]
    assert rows == ["The ministry said exports to Turkey had risen sharply.", "Officials denied the report on Monday."]
