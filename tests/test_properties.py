"""Properties of the claim table over arbitrary text: all of Unicode, and news-like text built from the
number shapes the parser reads. Deterministic under the ``ci`` hypothesis profile (tests/conftest.py);
``HYPOTHESIS_PROFILE=dev`` draws new examples each run."""
from __future__ import annotations

import math

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.language import Language

import analyzer
from analyzer.claims.table import COLUMNS
from analyzer.io import RecordError

WORDS = [
    "trade", "turnover", "exports", "imports", "rose", "fell", "grew", "dropped", "surpassing", "reached", "about",
    "nearly", "over", "under", "more", "than", "less", "at", "least", "up", "to", "between", "and", "from", "of",
    "the", "a", "an", "by", "per", "year", "annually", "last", "this", "month", "in", "Russia", "Azerbaijan",
    "Putin", "said", "told", "reporters", "according", "officials", "enterprises", "students", "cargo", "tons",
    "barrels", "people", "troops", "budget", "deficit", "GDP", "inflation", "percent", "per cent", "points",
    "dollars", "euros", "rubles", "manat", "kilometres", "km", "mph", "degrees", "doubled", "halved", "half",
    "dozens", "hundreds", "thousands", "millions", "tens", "one", "two", "three", "twenty-five", "first", "third",
    "billion", "million", "thousand", "bn", "m", "k", "was", "is", "will", "could", "not", "denied", "claimed",
    "minus", "plus", "or", "some", "roughly", "almost", "around", "below", "zero", "aged", "BRICS", "EU", "U.S.",
    "past", "previous", "years", "months", "weeks", "days", "score",
]
PUNCTUATION = [".", ",", ";", ":", "!", "?", "(", ")", "\"", "'", "“", "”", "-", "–", "—", "/", "%", "$", "€", "£",
               "…", "'s"]
SEPARATORS = [" ", " ", " ", " ", "", "\n", "\n\n", "\t", "\u00a0", "\u200b", "\u200d", "\ufeff", "\u2009", "\r\n",
              "  "]
NUMBER_SHAPES = [
    "$4 billion", "nearly 1,300", "up to 30 million tons", "between 5 and 10 percent", "12.5%", "3/4", "two-thirds",
    "1.2bn", "€3,5", "-3.2", "−5", "2023", "1990s", "3rd", "10-15", "10–15%", "½", "5 1/2", "a dozen",
    "half a million", "tens of thousands", "one in five", "1e308", "1e309", "10^999", "1.99×10−30", "12.32E+14",
    "9" * 400, "0." + "0" * 300 + "1", "$35bn-$40bn", "6.5%-7.0", "~25", "sub-7", "minus-5", "RM23.50", "10kW",
    "115USD", "$2.174T.", "HK $216,925", "N70 million", "200,000 to-260,000", "0-60mph", "25- to 34-year-olds",
    "١٢٣", "१२३", "１２３", "٣٫٥", "+0.3%", "5,000 or more", "100,000-plus", "a year and a half", "1 in 36",
    "from $2 to $3 billion", "four or five hundred", "1.5million", "$3billion", "£37m.", "1e-999", "1e99999",
    "5²-", "²", "⒈", "⑨-5", "1e3099999999999", "past ² years",
]


@st.composite
def numbers(draw: st.DrawFn) -> str:
    """A number in one of the shapes the parser reads, fixed or built from drawn parts."""
    digits = draw(st.one_of(
        st.integers(-10**12, 10**12).map(str),
        st.integers(0, 10**9).map(lambda n: f"{n:,}"),
        st.floats(allow_nan=False, allow_infinity=False).map(repr),
        st.integers(1, 500).map(lambda k: "9" * k),
        st.tuples(st.integers(-9, 9), st.integers(-2000, 2000)).map(lambda t: f"{t[0]}e{t[1]}"),
        st.integers(-2000, 2000).map(lambda e: f"10^{e}"),
        st.tuples(st.integers(0, 99), st.integers(1, 99)).map(lambda t: f"{t[0]}/{t[1]}"),
        st.tuples(st.integers(0, 10**6), st.integers(0, 10**6)).map(lambda t: f"{t[0]}-{t[1]}"),
        st.text(st.characters(categories=["Nd", "No"]), min_size=1, max_size=6),
    ))
    prefix = draw(st.sampled_from(["", "", "$", "US$", "€", "£", "~", "-", "−", "+", "about ", "over ", "up to "]))
    suffix = draw(st.sampled_from(["", "", "", "%", "bn", "m", "k", " billion", " million", " tons", " percent",
                                   "th", "s", "km", " per cent", " a year", "-year-old"]))
    built = prefix + digits + suffix
    return draw(st.one_of(st.sampled_from(NUMBER_SHAPES), st.just(built)))


@st.composite
def newsy(draw: st.DrawFn) -> str:
    """News-like text: words, punctuation and numbers joined by ordinary and unusual white space."""
    fragment = st.one_of(st.sampled_from(WORDS), st.sampled_from(PUNCTUATION), numbers())
    parts = draw(st.lists(fragment, min_size=1, max_size=40))
    out = []
    for part in parts:
        out.append(part)
        out.append(draw(st.sampled_from(SEPARATORS)))
    return "".join(out)


TEXTS = st.one_of(st.text(max_size=300), newsy())
EXAMPLES = settings(deadline=None, max_examples=100, suppress_health_check=[HealthCheck.too_slow])


def _tables(text: str, nlp: Language) -> tuple[pd.DataFrame, pd.DataFrame]:
    return analyzer.analyze(text, nlp=nlp), analyzer.quantities(text, nlp=nlp)


@EXAMPLES
@given(text=TEXTS)
def test_analyze_never_raises(nlp: Language, text: str) -> None:
    assert list(analyzer.analyze(text, nlp=nlp).columns) == list(COLUMNS)


@EXAMPLES
@given(text=TEXTS)
def test_quantities_never_raises(nlp: Language, text: str) -> None:
    assert list(analyzer.quantities(text, nlp=nlp).columns) == list(COLUMNS)


@settings(deadline=None, max_examples=5)
@given(text=st.text(st.characters(categories=["Cs"]), min_size=1, max_size=3).map(lambda s: f"Trade rose {s} 5%."))
def test_lone_surrogate_is_an_input_error(nlp: Language, text: str) -> None:
    with pytest.raises(analyzer.InputError):
        analyzer.analyze(text, nlp=nlp)


@EXAMPLES
@given(text=TEXTS)
def test_offsets_slice_to_row_text(nlp: Language, text: str) -> None:
    for table in _tables(text, nlp):
        for start, end, row_text in zip(table["start_char"], table["end_char"], table["text"], strict=True):
            assert 0 <= start <= end <= len(text)
            assert text[start:end] == row_text


@EXAMPLES
@given(text=TEXTS)
def test_value_lies_in_its_interval(nlp: Language, text: str) -> None:
    for table in _tables(text, nlp):
        for value, low, high in zip(table["value"], table["low"], table["high"], strict=True):
            if not (math.isnan(low) or math.isnan(high)):
                assert low <= high
            if not (math.isnan(low) or math.isnan(value)):
                assert low <= value
            if not (math.isnan(high) or math.isnan(value)):
                assert value <= high


@EXAMPLES
@given(text=TEXTS)
def test_values_are_finite_or_nan(nlp: Language, text: str) -> None:
    for table in _tables(text, nlp):
        for column in ("value", "value_to"):
            assert not table[column].isin([math.inf, -math.inf]).any(), table[["text", column]]


@EXAMPLES
@given(text=TEXTS)
def test_column_dtypes(nlp: Language, text: str) -> None:
    for table in _tables(text, nlp):
        assert {name: str(dtype) for name, dtype in table.dtypes.items()} == COLUMNS


@EXAMPLES
@given(text=TEXTS)
def test_same_input_same_output(nlp: Language, text: str) -> None:
    first, second = _tables(text, nlp), _tables(text, nlp)
    assert first[0].equals(second[0])
    assert first[1].equals(second[1])


@settings(deadline=None, max_examples=4, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(texts=st.lists(TEXTS, min_size=1, max_size=5))
def test_two_processes_give_the_same_rows(nlp: Language, texts: list[str]) -> None:
    records = [{"id": f"doc-{i}", "text": t} for i, t in enumerate(texts)]
    one_errors: list[RecordError] = []
    two_errors: list[RecordError] = []
    one = list(analyzer.analyze_many(records, nlp=nlp, n_process=1, batch_size=2, errors=one_errors))
    two = list(analyzer.analyze_many(records, nlp=nlp, n_process=2, batch_size=2, errors=two_errors))
    one_frame = pd.concat(one, ignore_index=True)
    two_frame = pd.concat(two, ignore_index=True)
    assert one_frame.equals(two_frame)
    assert [str(e) for e in one_errors] == [str(e) for e in two_errors]
    assert list(one_frame["doc_id"].unique()) == [r["id"] for r in records if r["id"] in set(one_frame["doc_id"])]
