"""Stance toward linked entities: the lexicon method of analyzer/attribution/stance.py."""
from __future__ import annotations

import pytest

import analyzer


def stance(nlp, text):
    ents = analyzer.entities(text, nlp=nlp)
    return dict(zip(ents["canonical"], ents["stance"], strict=True))


def test_example_article_document_stance(nlp, example_text, expected):
    got = stance(nlp, example_text)
    for name, want in expected["stance"]["toward"].items():
        assert got[name] == want, (name, got)


@pytest.mark.parametrize("text, name, want", [
    ("Kazakhstan praised its strong partnership with China and welcomed closer cooperation.", "China", "favor"),
    ("Moldova condemned Russian aggression and rejected the pressure from Moscow.", "Russia", "against"),
    ("Officials in Yerevan accused Azerbaijan of provocation and of threatening the border.", "Azerbaijan", "against"),
    ("Serbia is not hostile to Russia.", "Russia", "favor"),  # a negated conflict word
    ("Iran hopes to join the SCO and deepen its membership in BRICS.", "BRICS", "favor"),  # a goal
    ("Egypt and Turkey held talks in Cairo on Tuesday.", "Turkey", "neutral"),  # no stance words
    ("The storm hit Manila, but cooperation between agencies in Japan was praised.", "Manila", "neutral"),
])
def test_sentence_stance(nlp, text, name, want):
    assert stance(nlp, text)[name] == want


def test_claims_carry_the_stance_of_their_sentence(nlp):
    text = ("Despite Western sanctions, trade between Russia and India grew 20% last year thanks to their "
            "strong partnership.")
    table = analyzer.analyze(text, nlp=nlp)
    row = table[table["text"] == "20%"].iloc[0]
    got = dict(zip(row["entities"], row["entity_stance"], strict=True))
    assert got.get("the West") in (None, "against") and got["India"] in ("favor", "neutral")
    assert len(row["entity_stance"]) == len(row["entities"])
