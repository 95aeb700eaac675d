"""The check-worthiness model: probabilities, ordering on clear cases, one score per sentence, the
checksum guard, and statement rows for check-worthy sentences without a number."""
from __future__ import annotations

import shutil

import pytest

import analyzer
from analyzer._resources import data_file
from analyzer.checkworthiness.component import GeoCheckworthiness
from analyzer.errors import DataFileError


def assess(nlp, text):
    return float(analyzer.assess([text], nlp=nlp)["checkworthiness"].iloc[0])


def test_scores_are_probabilities(nlp):
    table = analyzer.quantities("Exports rose 5% to $10 billion, officials said.", nlp=nlp)
    assert ((table["checkworthiness"] > 0) & (table["checkworthiness"] < 1)).all()


@pytest.mark.parametrize("worthy, unworthy", [
    ("Turkey's exports to Iraq reached $11 billion in 2023.", "Thank you all for coming tonight."),
    ("Unemployment has fallen to 3.5 percent, the lowest in fifty years.", "I want to talk about my family."),
    ("Crime in our cities went up 20 percent last year.", "Well, let me say this."),
])
def test_factual_claims_outrank_small_talk(nlp, worthy, unworthy):
    assert assess(nlp, worthy) >= 0.5 > assess(nlp, unworthy)


def test_figures_keep_their_sentences_score_and_get_their_own(nlp):
    """Both figures of a sentence carry its score as sentence_checkworthiness; as rows they differ: a level
    reached in money is more worth checking first than the change before it."""
    table = analyzer.analyze("Exports rose 5% to $10 billion. The two nations met.", nlp=nlp).set_index("text")
    assert table.loc["5%", "sentence_checkworthiness"] == table.loc["$10 billion", "sentence_checkworthiness"]
    assert table.loc["$10 billion", "checkworthiness"] > table.loc["5%", "checkworthiness"]
    assert 0 < table.loc["5%", "checkworthiness"] < 1
    assert table.loc["$10 billion", "checkworthiness_rank"] == 1


def test_a_changed_model_file_is_refused(tmp_path):
    folder = data_file("analyzer.checkworthiness", "model.json").parent
    for name in ("model.npz", "model.json"):
        shutil.copy(folder / name, tmp_path / name)
    raw = bytearray((tmp_path / "model.npz").read_bytes())
    raw[len(raw) // 2] ^= 0xFF
    (tmp_path / "model.npz").write_bytes(bytes(raw))
    with pytest.raises(DataFileError, match="checksum"):
        GeoCheckworthiness().initialize(data_dir=tmp_path)


def test_the_model_card_records_the_shipped_files_checksum():
    import hashlib
    import json
    import re

    from ..conftest import ROOT

    folder = data_file("analyzer.checkworthiness", "model.json").parent
    digest = hashlib.sha256((folder / "model.npz").read_bytes()).hexdigest()
    assert json.loads((folder / "model.json").read_text(encoding="utf8"))["sha256"] == digest
    card = (ROOT / "models" / "checkworthiness.md").read_text(encoding="utf8")
    assert re.search(r"`model\.npz` sha256 `([0-9a-f]{64})`", card).group(1) == digest


def test_checkworthy_sentences_without_numbers_become_statement_rows(nlp):
    text = ("The president said the new law has cut crime across the country. "
            "Thank you all for coming tonight.")
    table = analyzer.analyze(text, nlp=nlp)
    statements = table[table["kind"] == "statement"]
    assert list(statements["text"]) == ["The president said the new law has cut crime across the country."]
    row = statements.iloc[0]
    assert row["sentence_checkworthiness"] >= 0.5 and row["sentence"] == row["text"]  # what keeps it a row
    assert 0 < row["checkworthiness"] < 1 and row["checkworthiness_rank"] == 1


def test_char_hasher_gives_scikit_learns_matrix():
    """The fast character block must be the matrix the model was trained on (scikit-learn's)."""
    from analyzer.checkworthiness.features import CharHasher, vectorizers

    texts = ["Trade rose 12% to $4 billion last year, the minister said.", "", "   ", "a", "x" * 3,
             "Ünïcode — ≥5%  tabs\tand\nnewlines", "Putin's  BRICS   summit: 'nearly 1,300' firms?",
             "Trade rose 12% to $4 billion last year, the minister said."]
    hasher = CharHasher(max_words=3)  # a small cache, so clearing it is exercised too
    for _ in range(2):
        ref, mine = vectorizers()[1].transform(texts), hasher.transform(texts)
        assert ref.shape == mine.shape and (ref != mine).nnz == 0


@pytest.mark.parametrize("texts", [
    ["Trade rose 12% to $4 billion last year, the minister said.", "", "   ", "a", "x" * 3,
     "Ünïcode — ≥5%  tabs\tand\nnewlines", "Putin's  BRICS   summit: 'nearly 1,300' firms?",
     "Trade rose 12% to $4 billion last year, the minister said.", "word word word", "_under_score 3.5 x-y"],
    ["One"],
])
def test_word_hasher_gives_scikit_learns_matrix(texts):
    """The fast word block must be the matrix the model was trained on (scikit-learn's), entry for entry and
    in the same order (the margins add the entries of a row in order)."""
    from analyzer.checkworthiness.features import WordHasher, vectorizers

    hasher = WordHasher(max_grams=3)  # a small cache, so clearing it is exercised too
    for _ in range(2):
        ref, mine = vectorizers()[0].transform(texts), hasher.transform(texts)
        assert ref.shape == mine.shape and (ref != mine).nnz == 0
        assert ref.indptr.tolist() == mine.indptr.tolist() and ref.indices.tolist() == mine.indices.tolist()
        assert ref.data.tolist() == mine.data.tolist()


def test_word_hasher_refuses_no_texts_as_scikit_learn_does():
    from analyzer.checkworthiness.features import WordHasher, vectorizers

    errors = []
    for transform in (vectorizers()[0].transform, WordHasher().transform):
        try:
            transform([])
        except Exception as e:  # noqa: BLE001 - whichever scikit-learn raises
            errors.append(type(e))
    assert len(errors) == 2 and errors[0] is errors[1]
