"""Spaces inside numbers (issue 15, item 8): every Unicode space separator read as a space, and thousands
grouped by spaces read as one number where the grouping is valid; offsets and text from the original."""
from __future__ import annotations

import math

import pytest

import analyzer
from analyzer.parse_text import SPACE_SEPARATORS

SEPARATORS = [" ", *SPACE_SEPARATORS]
NAMES = ["space", *(f"U+{ord(c):04X}" for c in SPACE_SEPARATORS)]


def rows(text: str):
    df = analyzer.quantities(text)
    for r in df.itertuples():  # every offset slices the text as given
        assert text[r.start_char:r.end_char] == r.text, (text, r.text)
    return df


@pytest.mark.parametrize("s", SEPARATORS, ids=NAMES)
def test_space_grouped_thousands_and_scale_words(s):
    text = (f"Trade reached $4{s}billion, ships carried 1{s}000{s}000 tons and 2{s}500{s}000 tons, "
            f"and Azerbaijan got US${s}4 billion.")
    df = rows(text)
    assert list(df["value"]) == [4e9, 1e6, 2.5e6, 4e9]
    assert list(df["unit"]) == ["USD", "tonne", "tonne", "USD"]
    assert list(df["text"]) == [f"$4{s}billion", f"1{s}000{s}000 tons", f"2{s}500{s}000 tons", f"US${s}4 billion"]
    assert set(df["sentence"]) == {text}


@pytest.mark.parametrize("s", SPACE_SEPARATORS, ids=NAMES[1:])
def test_one_group_after_a_unicode_space_is_one_number(s):
    assert list(rows(f"Ships carried 12{s}300 tons.")["value"]) == [12_300]
    assert list(rows(f"It cost \u20ac2{s}500 in 2023.")["value"]) == [2500]
    assert list(rows(f"Exports reached 1{s}234{s}567.89 tonnes.")["value"]) == [1_234_567.89]
    assert list(rows(f"Prices rose to 1{s}234,5 euros.")["value"]) == [1234.5]  # a decimal comma, as in French


@pytest.mark.parametrize("text, values", [
    ("About 300 000 people fled and only 120 000 returned.", [300_000, 120_000]),  # a group starting with 0
    ("China's population is 1 414 021 100.", [1_414_021_100]),  # two groups or more
    ("Ships carried 1\u00a0000 000 tons.", [1_000_000]),  # separators mixed
])
def test_ascii_space_groups_that_can_only_be_one_number(text, values):
    assert list(rows(text)["value"]) == values


@pytest.mark.parametrize("text, values", [
    ("In 2023 100 people died.", [100]),  # a year first: 4 digits is no first group
    ("More than 50 155mm guns were seen.", [50, 155]),  # an ASCII space between two numbers
    ("The 239 239 retweets came later.", [239, 239]),
    ("Ships carried 12 300 tons.", [12, 300]),  # ambiguous with an ASCII space: left as written
])
def test_ascii_space_between_two_numbers_is_not_merged(text, values):
    assert list(rows(text)["value"]) == values


@pytest.mark.parametrize("text", [
    "Call 0800 555 111 now.", "Call 0800\u00a0555\u00a0111 now.",  # a zero-led first group: a phone number
    "Call 555 123 4567 now.", "Call 555\u00a0123\u00a04567 now.",  # groups running into a 4-digit number
])
def test_telephone_numbers_are_not_numbers(text):
    assert rows(text).empty


def test_a_comma_grouping_after_spaces_is_not_read_as_one_number():
    assert 1_234_567 not in list(rows("Prices rose to 1\u00a0234,567 euros.")["value"])


def test_claims_keep_the_original_characters():
    text = "Russia\u2019s exports rose 12%\u00a0to $4\u202fbillion last year,\u3000the ministry said."
    df = analyzer.analyze(text)
    assert list(df["text"]) == ["12%", "$4\u202fbillion"]
    assert all(text[a:b] == t for a, b, t in zip(df["start_char"], df["end_char"], df["text"], strict=True))
    assert list(df["sentence"]) == [text, text]
    assert not math.isnan(df["value"].iloc[1]) and df["value"].iloc[1] == 4e9
    ents = analyzer.entities(text)
    assert all(text[a:b] == t for a, b, t in zip(ents["start_char"], ents["end_char"], ents["text"], strict=True))


def test_display_shows_the_original_text():
    text = "Trade reached $4\u00a0billion last year."
    view = analyzer.display(text)
    assert view.text == text
    assert "$4\u00a0billion" in view._repr_html_() or "$4&nbsp;billion" in view._repr_html_()


def test_assess_and_entities_read_unicode_spaces():
    df = analyzer.assess(["Putin\u00a0said trade grew.", "Putin said trade grew."])
    assert df["speaker"].iloc[0] == df["speaker"].iloc[1] != "author"
    assert list(df["text"]) == ["Putin\u00a0said trade grew.", "Putin said trade grew."]
