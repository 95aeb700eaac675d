"""The first check-worthiness score: ordered as its documented weights say."""
from __future__ import annotations

import analyzer


def score(nlp, text, quantity):
    table = analyzer.quantities(text, nlp=nlp)
    return float(table.loc[table["text"] == quantity, "checkworthiness"].iloc[0])


def test_scores_are_probabilities(nlp):
    table = analyzer.quantities("Exports rose 5% to $10 billion, officials said.", nlp=nlp)
    assert ((table["checkworthiness"] > 0) & (table["checkworthiness"] < 1)).all()


def test_money_about_a_country_outranks_a_bare_count(nlp):
    assert score(nlp, "Turkey's exports to Iraq reached $11 billion in 2023.", "$11 billion") > \
        score(nlp, "He owns 3 dogs.", "3")


def test_projection_ranks_below_the_same_fact(nlp):
    assert score(nlp, "Azerbaijan exported 25 bcm of gas.", "25 bcm") > \
        score(nlp, "Azerbaijan will export 25 bcm of gas.", "25 bcm")


def test_reference_ranks_lowest(nlp):
    table = analyzer.quantities("The two nations signed 14 agreements.", nlp=nlp)
    by_text = table.set_index("text")["checkworthiness"]
    assert by_text["two"] < by_text["14"]
