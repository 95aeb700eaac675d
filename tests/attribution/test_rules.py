"""Speaker and modality, one behaviour per row."""
from __future__ import annotations

import pytest

import analyzer

CASES = [
    # text, quantity, speaker, modality
    ("Exports rose 5%, the ministry said.", "5%", "ministry", "reported"),
    ("Putin said trade reached $4 billion.", "$4 billion", "Vladimir Putin", "reported"),
    ("According to the IMF, growth will reach 3%.", "3%", "International Monetary Fund", "projected"),
    ("Trade reached $4 billion last year.", "$4 billion", "author", "asserted"),
    ("Output may fall by 10% next year.", "10%", "author", "hedged"),
    ("The deal could be worth $2 billion, analysts said.", "$2 billion", "analysts", "hedged"),
    ("Iran reportedly sold 50 drones.", "50", "author", "hedged"),
    ("The plant will produce 5 million tonnes.", "5 million tonnes", "author", "projected"),
    ("Armenia plans to spend $1 billion on defence.", "$1 billion", "author", "projected"),
    ("Exports did not reach $10 billion.", "$10 billion", "author", "denied"),
    ("The ministry denied that 2,000 soldiers had died.", "2,000", "ministry", "denied"),
    ("Erdogan told reporters that 3 million refugees live in Turkey.", "3 million", "Recep Tayyip Erdoğan", "reported"),
    ("The lender approved $300 million, the World Bank said.", "$300 million", "World Bank", "reported"),
    ("The EU added a dozen firms to the list.", "a dozen", "author", "asserted"),
    ("Growth is expected to hit 4% this year.", "4%", "author", "projected"),
    ("The bank said he estimated the cost at $5 billion.", "$5 billion", "bank", "reported"),
]


@pytest.mark.parametrize("text, quantity, speaker, modality", CASES)
def test_speaker_and_modality(nlp, text, quantity, speaker, modality):
    table = analyzer.quantities(text, nlp=nlp)
    row = table[table["text"] == quantity]
    assert len(row) == 1, list(table["text"])
    assert row.iloc[0]["speaker"] == speaker
    assert row.iloc[0]["modality"] == modality


def test_pronoun_speaker_resolves_to_last_person(nlp):
    text = "Ilham Aliyev visited Moscow. He said 500 firms would invest."
    row = analyzer.quantities(text, nlp=nlp).iloc[0]
    assert row["speaker"] == "Ilham Aliyev"


@pytest.mark.parametrize("text, speaker, modality", [
    ("Putin said the economy grew.", "Vladimir Putin", "reported"),
    ("The economy may grow next year.", "author", "hedged"),
    ("The claim that vaccines cause autism is false.", "author", "denied"),
    ("Azerbaijan will host the summit.", "author", "projected"),
])
def test_assess_whole_texts(nlp, text, speaker, modality):
    row = analyzer.assess([text], nlp=nlp).iloc[0]
    assert (row["speaker"], row["modality"]) == (speaker, modality)
    assert 0.0 <= row["checkworthiness"] <= 1.0
