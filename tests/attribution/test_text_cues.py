"""Whole-text modality from words anywhere in it (attribution.json 'text_cues'), as analyzer.assess reads
a headline or a post."""
from __future__ import annotations

import pytest

import analyzer


@pytest.mark.parametrize("text, modality", [
    ("Hugh Hefner Dead? Fans Panic That Playboy Founder Is Gone", "hedged"),  # a question asserts nothing
    ("Cesar Millan is Not Dead: Dog Whisperer Death Hoax Circulates", "denied"),
    ("Alleged New Audio of Michael Brown Shooting", "hedged"),
    ("Rumor: Apple Watch Screens To Be Supplied By LG Display", "hedged"),
    ("GOP Rep: At Least Ten ISIS Fighters Have Been Caught Coming Across The Border", "reported"),
    ("Islamic State flying three jets in Syria: monitor", "reported"),
    ("HP to split into two businesses -- report", "reported"),
    ("India: Angry bride marries guest after groom falls ill", "asserted"),  # a dateline is no source
    ("Apple unveils a thinner MacBook Air at its spring event", "asserted"),
    ("The ministry did not deny the reports.", "reported"),  # a negated denial verb is no denial
])
def test_text_modality(nlp, text, modality):
    assert analyzer.assess([text], nlp=nlp)["modality"].iloc[0] == modality
