"""Hard-wrapped text (wire copy, e-mail, PDF extracts): a line break inside a figure is a space."""
from __future__ import annotations

import pytest

import analyzer


@pytest.mark.parametrize("text, figure, unit", [
    ("The country has foreign debt totalling 27.8 billion\ndlrs and faces repayments.", "27.8 billion\ndlrs", "USD"),
    ("The index declined to 51.9\npct in February.", "51.9\npct", "percent"),
    ("Output reached 1.45 mln\ntonnes in 1987.", "1.45 mln\ntonnes", "tonne"),
    ("The team scored 27\n\nTonnes of steel were shipped.", "27", ""),  # a paragraph break ends the figure
])
def test_unit_after_a_line_break(nlp, text, figure, unit):
    rows = analyzer.quantities(text, nlp=nlp).to_dict("records")
    row = next((r for r in rows if r["text"] == figure), None)
    assert row is not None, [r["text"] for r in rows]
    assert row["unit"] == unit


@pytest.mark.parametrize("text, figure, value", [
    ("Repayments were up from 3.1\nbillion in 1985.", "3.1\nbillion", 3.1e9),  # a scale word after a line break
    ("Output reached 1.45\nmln tonnes in 1987.", "1.45\nmln tonnes", 1.45e6),
    ("The team scored 3\n\nBillion dollars were spent.", "3", 3.0),  # a blank line ends the figure
])
def test_scale_after_a_line_break(nlp, text, figure, value):
    rows = analyzer.quantities(text, nlp=nlp).to_dict("records")
    row = next((r for r in rows if r["text"] == figure), None)
    assert row is not None, [r["text"] for r in rows]
    assert row["value"] == pytest.approx(value)
