"""Long documents (analyzer/pieces.py): parsed in pieces at paragraph boundaries, analysed as one Doc, with
offsets into the whole text; never a max_length error for the user."""
from __future__ import annotations

import json

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import analyzer
import analyzer.pieces
from analyzer.batch import stream
from analyzer.pieces import cut_points, pieces

from .conftest import EXAMPLE
from .test_cli import invoke


@pytest.mark.parametrize("text, limit, cuts", [
    ("short", 10, []),
    ("One para.\n\nTwo para.\n\nThree.", 24, [22]),  # after the last blank line that fits
    ("One para.\n\nTwo para. Three.", 24, [11]),  # a paragraph break beats a later sentence end
    ("First line\nsecond line\nthird", 20, [11]),  # else a line break
    ("It rose. It fell. It rose again.", 20, [18]),  # else a sentence end (with its space)
    ("alpha beta gamma delta", 12, [11]),  # else a space
    ("x" * 25, 10, [10, 20]),  # no space at all: cut at the limit
    ("Para one.\n \t\n  Para two", 16, [15]),  # a blank line holding spaces, and the indent after it
])
def test_cut_points(text, limit, cuts):
    assert cut_points(text, limit) == cuts
    assert "".join(pieces(text, limit)) == text


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab .!?\n\t\u00a0\u2029”"), max_size=400), st.integers(1, 60))
def test_pieces_join_back_and_fit(text, limit):
    parts = list(pieces(text, limit))
    assert "".join(parts) == text
    assert all(0 < len(p) <= limit for p in parts) or text == ""


def test_pieces_give_the_whole_documents_claims(nlp, example_text, monkeypatch):
    whole = analyzer.analyze(example_text, nlp=nlp, doc_id="d")
    whole_entities = analyzer.entities(example_text, nlp=nlp)
    monkeypatch.setattr(analyzer.pieces, "PIECE_CHARS", 700)  # the example's paragraphs are shorter
    assert len(cut_points(example_text, 700)) >= 4
    pd.testing.assert_frame_equal(analyzer.analyze(example_text, nlp=nlp, doc_id="d"), whole)
    pd.testing.assert_frame_equal(analyzer.entities(example_text, nlp=nlp), whole_entities)  # salience, stance


def test_a_long_document_in_a_stream_keeps_its_place(nlp, example_text, monkeypatch):
    monkeypatch.setattr(analyzer.pieces, "PIECE_CHARS", 1000)
    records = [{"id": "short", "text": "Exports rose 12% to $4 billion in 2023, the ministry said."},
               {"id": "long", "text": example_text},
               {"id": "after", "text": "Nearly 2,000 troops left, officials said."}]
    for n_process in (1, 2):
        chunks = list(stream(records, nlp=nlp, batch_size=2, n_process=n_process))
        frame = pd.concat([c.frame for c in chunks], ignore_index=True)
        assert [i for c in chunks for i in c.doc_ids] == ["short", "long", "after"]
        long_rows = frame[frame["doc_id"] == "long"].reset_index(drop=True)
        pd.testing.assert_frame_equal(long_rows, analyzer.analyze(example_text, nlp=nlp, doc_id="long"))
        assert (frame["doc_id"] == "after").sum() >= 1


def test_assess_refuses_a_document():
    with pytest.raises(analyzer.InputError, match=r"texts\[1\]: .* use analyze for a document"):
        analyzer.assess(["Trade rose.", "word " * 30_000])


def test_cli_analyses_an_article_longer_than_max_length(tmp_path, nlp, monkeypatch):
    """A single article of more than spaCy's max_length: analysed, offsets into the whole file, every figure
    found in every part of it. The pipeline's max_length is lowered from 1,000,000 to 20,000 characters (the
    article: 7 copies of the example instead of 304), and BATCH_TOKENS with it, so that the pieces still go
    through the base model in several batches; the command runs in this process, where it uses the session's
    pipeline (`invoke`), and the batches it parses are recorded."""
    monkeypatch.setattr(nlp, "max_length", 20_000)
    monkeypatch.setattr(analyzer.pieces, "BATCH_TOKENS", 1_600)
    base = EXAMPLE.read_text(encoding="utf8")
    parts, k = [], 0
    while sum(len(p) + 2 for p in parts) <= nlp.max_length:
        parts.append(base.replace("$4 billion", f"${k + 1} billion"))  # each copy says a figure of its own
        k += 1
    text = "\n\n".join(parts)
    assert len(text) > nlp.max_length and analyzer.pieces.piece_limit(nlp) == nlp.max_length
    with pytest.raises(ValueError, match="E088"):  # as one text, spaCy refuses it
        nlp.make_doc(text)
    parsed = []  # the pieces the command's run sends through the base model, batch by batch
    batches = analyzer.pieces._batches

    def recorded(docs, budget):
        for batch in batches(docs, budget):
            parsed.append([d.text for d in batch])
            yield batch

    monkeypatch.setattr(analyzer.pieces, "_batches", recorded)
    article = tmp_path / "long.txt"
    article.write_text(text, encoding="utf8")
    out = tmp_path / "claims.jsonl"
    proc = invoke("analyze", str(article), "--out", str(out), "--quiet")
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr and proc.stderr == ""
    assert len(parsed) >= 3 and "".join(t for batch in parsed for t in batch) == text  # in pieces, several batches
    rows = [json.loads(line) for line in out.read_text(encoding="utf8").splitlines()]
    assert all(text[r["start_char"]:r["end_char"]] == r["text"] for r in rows)
    assert len({r["claim_id"] for r in rows}) == len(rows)
    dollars = {r["value"] for r in rows if r["unit"] == "USD"}
    assert dollars == {(i + 1) * 1e9 for i in range(k)}  # the figure of every copy, the last included
    assert sum(r["text"] == "up to 30 million tons" for r in rows) == k


def test_a_token_dense_text_is_parsed_in_pieces_with_the_same_claims(nlp, example_text, monkeypatch):
    """Issue 15: 100 KB of figures is 66,667 tokens under the 100,000-character limit; as one Doc the base
    model took 1.3 GB. A text of more than PIECE_TOKENS tokens is parsed in pieces, in batches of at most
    about BATCH_TOKENS tokens, and gives the claims of the whole Doc."""
    whole = analyzer.analyze(example_text, nlp=nlp, doc_id="d")
    doc = nlp.make_doc(example_text)
    assert not analyzer.pieces.in_pieces(nlp, example_text, doc)
    monkeypatch.setattr(analyzer.pieces, "PIECE_TOKENS", len(doc) - 1)
    monkeypatch.setattr(analyzer.pieces, "PARSE_CHARS", 700)
    monkeypatch.setattr(analyzer.pieces, "BATCH_TOKENS", 300)  # several batches of pieces
    assert analyzer.pieces.in_pieces(nlp, example_text, doc)
    batches = list(analyzer.pieces._batches(iter([nlp.make_doc(p) for p in pieces(example_text, 700)]), 300))
    assert len(batches) >= 3 and all(sum(map(len, b)) <= 300 or len(b) == 1 for b in batches)
    pd.testing.assert_frame_equal(analyzer.analyze(example_text, nlp=nlp, doc_id="d"), whole)
    records = [{"id": "dense", "text": example_text}, {"id": "next", "text": "Exports rose 12% in 2023."}]
    frame = pd.concat([c.frame for c in stream(records, nlp=nlp, batch_size=2)], ignore_index=True)
    pd.testing.assert_frame_equal(frame[frame["doc_id"] == "dense"].reset_index(drop=True),
                                  analyzer.analyze(example_text, nlp=nlp, doc_id="dense"))
