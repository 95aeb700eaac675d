"""`analyzer.quantities.context`: what the parse around a figure says of it: its qualifier and interval, the
rate it is given in, and the change it states."""
from __future__ import annotations

import math

import pytest

import analyzer

INF = math.inf

CASES = [
    # (text, figure, qualifier, low, high, per)
    ("Prices rose by about 5% in March.", "about 5%", "approximately", None, None, ""),  # an approximation: no bounds
    ("More than 1,300 Russian enterprises work there.", "More than 1,300", "more_than", 1300, INF, ""),
    ("Between 10 and 20 people died.", "Between 10 and 20", "range", 10, 20, ""),
    ("Putin said trade rose 5% to $4 billion.", "5%", "increase", 5, 5, ""),  # a change, its direction
    ("Putin said trade rose 5% to $4 billion.", "$4 billion", "exact", 4e9, 4e9, ""),  # the level it reached
    ("Output fell to 30 million tons a year.", "30 million tons", "exact", 3e7, 3e7, "year"),  # a rate
    ("It costs 5 dollars per kilo.", "5 dollars", "exact", 5, 5, "kilogram"),
    ("The car went from zero to 60 mph in 4 seconds.", "4 seconds", "exact", 4, 4, ""),  # no rate of its own
]


@pytest.mark.parametrize("text, figure, qualifier, low, high, per", CASES, ids=[f"{c[1]}" for c in CASES])
def test_qualifier_interval_and_rate(nlp, text, figure, qualifier, low, high, per):
    df = analyzer.quantities(text, nlp=nlp)
    row = df[df["text"] == figure].iloc[0]
    assert (row["qualifier"], row["per"]) == (qualifier, per)
    if low is None:
        assert math.isnan(row["low"]) and math.isnan(row["high"])
    else:
        assert (row["low"], row["high"]) == (low, high)
