"""The qualifier's precedence (`extract.settle_qualifier`): a written bound beats a change, a change beats a
written range, and the parse fills in where nothing was written; on the table and on real sentences."""
import pytest

import analyzer
from analyzer.quantities.extract import settle_qualifier


@pytest.mark.parametrize("written, written_cue, parsed, parsed_cue, direction, expected", [
    # nothing written: the parse's reading, a change with its verb or a "+" sign
    ("exact", "", "more_than", "surpassing", "", ("more_than", "surpassing")),
    ("exact", "", "increase", "rose", "increase", ("increase", "rose")),
    ("exact", "", "exact", "", "increase", ("increase", "+")),
    ("exact", "", "exact", "", "", ("exact", "")),
    # a written range: a change wins, a static reading does not
    ("range", "between", "decrease", "dropped", "decrease", ("decrease", "dropped")),
    ("range", "between", "more_than", "surpassing", "", ("range", "between")),
    # a written bound wins over everything; the change stays the direction (not returned here)
    ("approximately", "nearly", "increase", "up", "increase", ("approximately", "nearly")),
    ("more_than", "more than", "increase", "", "increase", ("more_than", "more than")),
])
def test_the_precedence_table(written, written_cue, parsed, parsed_cue, direction, expected):
    assert settle_qualifier(written, written_cue, parsed, parsed_cue, direction) == expected


@pytest.mark.parametrize("sentence, text, qualifier, cue, direction", [
    ("Exports were up nearly 57% last year.", "nearly 57%", "approximately", "nearly", "increase"),
    ("Temperatures dropped by 1 to 1.5 degrees.", "1 to 1.5 degrees", "decrease", "dropped", "decrease"),
    ("The Dow closed +0.2% on Friday.", "+0.2%", "increase", "+", "increase"),
    ("Trade turnover surpassing $4 billion last year.", "$4 billion", "more_than", "surpassing", ""),
    ("Imports more than doubled.", "more than doubled", "more_than", "more than", "increase"),
    ("Between 10 and 15 million people voted.", "Between 10 and 15 million", "range", "between", ""),
])
def test_the_precedence_in_sentences(sentence, text, qualifier, cue, direction):
    row = analyzer.quantities(sentence).iloc[0]
    assert (row.text, row.qualifier, row.qualifier_cue, row.direction) == (text, qualifier, cue, direction)
