"""Hostile input (issue 15, item 18): thousands of figures in one sentence cost each stage time in
proportion to the figures, and each claim row stays small however long its sentence is."""
from __future__ import annotations

import time

import pytest

import analyzer
from analyzer.claims.model import SENTENCE_CHARS, SENTENCE_WINDOW, sentence_cell
from analyzer.pipeline import COMPONENTS


def _stage_seconds(nlp, text: str, runs: int) -> tuple[float, int]:
    """The fastest of ``runs`` runs of the geoclaims stages alone (the base model parses once), and the
    number of quantities they found."""
    doc = nlp.make_doc(text)
    for name, proc in nlp.pipeline:
        if name not in COMPONENTS:
            doc = proc(doc)
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        for name, proc in nlp.pipeline:
            if name in COMPONENTS:
                doc = proc(doc)
        best = min(best, time.perf_counter() - start)
    return best, len(doc._.quantities)


@pytest.mark.parametrize("unit", ["$1 ", "5% "], ids=["wide", "deep"])  # one root with thousands of
def test_stages_are_linear_in_the_figures_of_a_sentence(nlp, unit):  # children; a chain thousands deep
    small, n_small = _stage_seconds(nlp, unit * 200, runs=3)
    large, n_large = _stage_seconds(nlp, unit * 2000, runs=1)
    assert n_small == 200 and n_large == 2000
    # linear: about 10x for 10x the figures; the quadratic stages this replaces took 50-100x
    assert large / small < 25, f"200 figures: {small:.3f} s, 2,000 figures: {large:.3f} s"


def test_rows_of_a_giant_sentence_stay_small_and_locate_it(nlp):
    text = "Officials said " + "$1 " * 2000 + "were paid."
    claims = analyzer.analyze(text, nlp=nlp)
    assert len(claims) == 2000
    full = text.strip()
    assert set(claims["sentence_start"]) == {0} and set(claims["sentence_end"]) == {len(full)}
    assert claims["sentence"].str.len().max() <= SENTENCE_WINDOW + 2  # two ellipses at most
    for row in claims.itertuples():
        assert row.text in row.sentence  # the window is around its own claim
        assert text[row.start_char:row.end_char] == row.text
    first, last = claims["sentence"].iloc[0], claims["sentence"].iloc[-1]
    assert first.startswith("Officials said $1") and first.endswith("…")
    assert last.startswith("…") and last.endswith("were paid.")
    assert all(s.startswith("…") and s.endswith("…") for s in claims["sentence"].iloc[100:-100])
    # every row is small: its cells add up to well under a kilobyte and a half
    widths = claims.apply(lambda row: sum(len(str(v)) for v in row), axis=1)
    assert widths.max() < 1500


def test_an_ordinary_sentence_is_whole_and_its_offsets_slice_it(nlp, example_text):
    claims = analyzer.analyze(example_text, nlp=nlp)
    assert len(claims) > 5
    for row in claims.itertuples():
        assert example_text[row.sentence_start:row.sentence_end] == row.sentence
        assert row.sentence_start <= row.start_char < row.end_char <= row.sentence_end


def test_sentence_cell_cuts_long_sentences_at_spaces():
    words = " ".join(f"w{k}" for k in range(1000))  # 4,890 characters
    at = words.index("w500")
    cell = sentence_cell(words, 0, len(words), at, at + 4)
    assert cell.startswith("…w") and cell.endswith("…") and " w500 " in cell
    assert len(cell) <= SENTENCE_WINDOW + 2
    assert all(part.startswith("w") for part in cell.strip("…").split(" "))  # no word cut in two
    short = words[:SENTENCE_CHARS]
    assert sentence_cell(short, 0, len(short), 0, 2) == short
