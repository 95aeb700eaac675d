"""An unlinked acronym is the organisation the same text writes out (analyzer.entities.component
`_resolve_acronyms`): both mentions get one name, so that subject, speaker and entities agree."""
from __future__ import annotations

import pytest

import analyzer

CASES = [
    # (text, acronym, the canonical name both mentions get; None: the acronym stays unlinked)
    ("Imperial Chemical Industries PLC posted gains. ICI shares rose.", "ICI", "Imperial Chemical Industries"),
    ("The National Association of Purchasing Management said its index rose. NAPM surveyed 250 firms.",
     "NAPM", "National Association of Purchasing Management"),
    # the long form after the acronym counts too
    ("ICI shares rose on Monday. Imperial Chemical Industries PLC posted gains.", "ICI",
     "Imperial Chemical Industries"),
    # an acronym that spells no name of the text, or a name whose initials differ, is left alone
    ("ICI shares rose on Monday.", "ICI", None),
    ("Imperial Oil Company posted gains. ICI shares rose.", "ICI", None),
]


@pytest.mark.parametrize("text,acronym,canonical", CASES, ids=[c[0][:40] for c in CASES])
def test_acronym_takes_the_written_out_name(nlp, text, acronym, canonical):
    df = analyzer.entities(text, nlp=nlp)
    rows = df[df["text"] == acronym]
    assert len(rows) == 1, df.to_string()
    got = rows.iloc[0]["canonical"]
    assert (got or None) == canonical, df.to_string()
    if canonical:  # the written-out mention has the same name
        assert (df["canonical"] == canonical).sum() == 2, df.to_string()
