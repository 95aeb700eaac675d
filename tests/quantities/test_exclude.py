"""`analyzer.quantities.exclude`: numbers that are no quantities (dates and times, identifiers, addresses,
scores, ranks, ages after a name, model names, years), each beside a figure in the same sentence that stays."""
from __future__ import annotations

import pytest

import analyzer

CASES = [
    # (text, the figures that must be found, as written)
    ("The meeting was held on March 5, 2024 at 10:30 in room 12.", []),  # a date, a time, a room number
    ("Call 555-0142 or visit 221B Baker Street.", []),  # a phone number, an address
    ("Arsenal beat Chelsea 3-1 on Sunday.", []),  # a score
    ("She finished 2nd in the 100-metre race.", ["100-metre"]),  # a rank; the distance stays
    ("Putin, 71, said trade rose 5% to $4 billion.", ["5%", "$4 billion"]),  # an age after a name
    ("The F-16 jets and Boeing 747 planes landed.", []),  # model names
    ("In 2023, exports of 1,300 tonnes were shipped.", ["1,300 tonnes"]),  # a year
]


@pytest.mark.parametrize("text, figures", CASES, ids=[c[0][:40] for c in CASES])
def test_numbers_that_are_no_quantities(nlp, text, figures):
    assert list(analyzer.quantities(text, nlp=nlp)["text"]) == figures
