"""End to end on the example article: the four claims of putin_baku.expected.json, its entities,
speakers and modality."""
from __future__ import annotations

import math
import re

import pytest

import analyzer


@pytest.fixture(scope="module")
def table(nlp, example_text):
    return analyzer.analyze(example_text, nlp=nlp, published="2024-08-20")


@pytest.fixture(scope="module")
def ents(nlp, example_text):
    return analyzer.entities(example_text, nlp=nlp)


def test_exactly_the_four_quantity_claims(table, expected):
    quantities = table[table["kind"] == "quantity"]
    assert sorted(quantities["text"]) == sorted(q["text"] for q in expected["quantities"])


@pytest.mark.parametrize("index", range(4))
def test_claim_fields(table, expected, index):
    want = expected["quantities"][index]
    row = table[table["text"] == want["text"]].iloc[0]
    assert math.isclose(row["value"], want["value"])
    assert row["qualifier"] == want["qualifier"]
    assert row["unit"] == want["unit"]
    assert row["quantity_of"] == want["quantity_of"]
    assert row["per"] == want.get("per", "")
    assert row["period"] == want.get("period", "")
    assert row["speaker"] == want["speaker"]
    assert set(want["entities"]) <= set(row["entities"])
    if "modality" in want:
        assert row["modality"] == want["modality"]
    if "qualifier_cue" in want:
        assert row["qualifier_cue"] == want["qualifier_cue"]
    if "sentence_starts" in want:
        assert row["sentence"].startswith(want["sentence_starts"])
    # the offsets point at the text in the article
    assert row["claim_id"].endswith(f":{row['start_char']}-{row['end_char']}")


def test_offsets_slice_the_input(table, example_text):
    for row in table.itertuples():
        assert example_text[row.start_char:row.end_char] == row.text


def test_claim_entities_are_exactly_those_expected(table, expected):
    for want in expected["quantities"]:
        row = table[table["text"] == want["text"]].iloc[0]
        assert list(row["entities"]) == want["entities"] or sorted(row["entities"]) == sorted(want["entities"])


def test_period_resolved_against_publication_date(table):
    row = table[table["text"] == "$4 billion"].iloc[0]
    assert (row["period_start"], row["period_end"]) == ("2023-01-01", "2023-12-31")


def test_intervals(table):
    by_text = table.set_index("text")
    assert by_text.loc["over 800,000", "low"] == 800000 and by_text.loc["over 800,000", "high"] == math.inf
    assert by_text.loc["up to 30 million tons", "high"] == 30e6
    assert by_text.loc["nearly 1,300", "high"] == 1300


def test_mentions_that_are_not_claims(nlp, example_text, expected):
    mentions = analyzer.quantities(example_text, nlp=nlp)
    two = mentions[mentions["text"] == "two"]
    assert len(two) == 1 and not two.iloc[0]["is_claim"]
    claims = analyzer.analyze(example_text, nlp=nlp)
    for word in expected["not_quantities"]:
        assert word not in set(claims["text"])
    assert "second" not in set(mentions["text"])  # an ordinal is no quantity at all


def _mentions(text: str, surface: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(rf"\b{re.escape(surface)}\b", text)]


@pytest.mark.parametrize("index", range(9))
def test_every_mention_is_linked(ents, expected, example_text, index):
    entity = expected["entities"][index]
    for surface, label in [(m, entity["type"]) for m in entity["mentions"]] + \
                          [(a, "NORP") for a in entity.get("adjectives", [])]:
        spots = _mentions(example_text, surface)
        assert spots, surface
        for start, end in spots:
            covering = ents[(ents["start_char"] <= start) & (ents["end_char"] >= end)]
            assert len(covering) == 1, f"{surface!r} at {start} is not an entity"
            row = covering.iloc[0]
            assert row["canonical"] == entity["name"], (surface, start, row["canonical"])
            assert row["label"] == label, (surface, start, row["label"])
            assert row["linked"]


def test_azerbaijan_is_never_a_person_and_brics_is_an_org(ents):
    assert set(ents.loc[ents["canonical"] == "Azerbaijan", "label"]) <= {"GPE", "NORP"}
    assert not ((ents["text"] == "Azerbaijan") & (ents["label"] == "PERSON")).any()
    assert set(ents.loc[ents["text"] == "BRICS", "label"]) == {"ORG"}


def test_speakers_and_modality(table):
    by_text = table.set_index("text")
    assert by_text.loc["over 800,000", "speaker"] == "Vladimir Putin"
    assert by_text.loc["over 800,000", "modality"] == "reported"
    for text in ("$4 billion", "nearly 1,300", "up to 30 million tons"):
        assert by_text.loc[text, "speaker"] == "author"
    assert by_text.loc["up to 30 million tons", "modality"] == "hedged"
    assert by_text.loc["$4 billion", "modality"] == "asserted"
