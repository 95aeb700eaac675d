"""Title-case sentences (`analyzer.text.is_headline`, and `headlines` of all sentences at once), one text per row."""
from __future__ import annotations

import pytest

from analyzer.text import headlines, is_headline

CASES = [
    ("Afghan Mother Kills 25 Taliban", [True]),  # + every long word capitalised
    ("IRAN SAYS OIL EXPORTS ROSE", [True]),  # + in capitals
    ("Exports rose 5% in March, the ministry said.", [False]),  # - a sentence
    ("Putin Meets Erdogan", [True]),  # + three words of more than three letters
    ("Putin Met Him", [False]),  # - too few long words
    ("Afghan Mother Kills 25 Taliban\n\nThe mother said the men had attacked her home at night.", [True, False]),
    ("The mother said the men had attacked her home.\n\nAfghan Mother Kills 25 Taliban", [False, True]),
    ("Russian Troops Advance on Kharkiv with Heavy Losses", [True]),  # + prepositions title case leaves small
    ("Says Gerald Daugherty is endorsed by the Austin American-Statesman.", [False]),  # - names, but 'endorsed'
    ("Related Goals: Brazil Hits Target But Others Failing on Poverty and EducationIndia: Girl Burned Alive For "
     "Refusing to Stop Using Mobile PhoneIndia: Consider Husband as Son", [True]),  # + headlines run together
]


@pytest.mark.parametrize("text, expected", CASES)
def test_headlines(nlp, text, expected):
    doc = nlp(text)
    sents = [s for s in doc.sents if s.text.strip()]
    assert [is_headline(s) for s in sents] == expected
    starts = [s.start for s in doc.sents]
    assert [h for s, h in zip(doc.sents, headlines(doc, starts), strict=True) if s.text.strip()] == expected
