"""An unlinked acronym is the organisation the same text writes out (analyzer.entities.component
`_resolve_acronyms`): both mentions get one name, so that subject, speaker and entities agree. Unlinked, that
name is their `name` (canonical and id stay empty: no half links); linked, the acronym gets the long form's link."""
from __future__ import annotations

import pytest

import analyzer

CASES = [
    # (text, acronym, the name both mentions get; None: the acronym stays as it is)
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
    got = rows.iloc[0]["name"]
    assert (got if got != acronym else None) == canonical, df.to_string()
    assert not rows.iloc[0]["canonical"] and not rows.iloc[0]["entity_id"], df.to_string()  # no half link
    if canonical:  # the written-out mention has the same name
        assert (df["name"] == canonical).sum() == 2, df.to_string()


def test_acronym_of_a_linked_long_form_is_linked(nlp):
    df = analyzer.entities("The Syrian Observatory for Human Rights said so. SOHR counted 40 dead.", nlp=nlp)
    ids = set(df.loc[df["text"].isin(["Syrian Observatory for Human Rights", "SOHR"]), "entity_id"])
    assert len(ids) == 1 and ids != {""}, df.to_string()
