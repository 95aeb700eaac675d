"""The row model of check-worthiness (analyzer/checkworthiness/rows.py, issue 19): every row of a document gets
its own calibrated score and a rank, the figures of one sentence no longer tie, and the shipped model is what
models/build/train_ranker.py builds from the labelled articles."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import analyzer
from analyzer.checkworthiness.rows import ROW_FEATURES, features, rows_of
from analyzer.text import original_text

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared" / "datasets" / "fnc1_train_bodies"


@pytest.fixture(scope="module")
def example(nlp):
    text = (ROOT / "data" / "examples" / "putin_baku.txt").read_text(encoding="utf8")
    return analyzer.analyze(text, published="2024-08-20", nlp=nlp)


def test_ranks_number_the_rows_of_a_document_by_score(example):
    assert sorted(example["checkworthiness_rank"]) == list(range(1, len(example) + 1))
    by_rank = example.sort_values("checkworthiness_rank")["checkworthiness"].to_numpy()
    assert np.all(np.diff(by_rank) <= 0)


def test_figure_rows_spread(example):
    """The old score gave every figure of the example at least 0.87; the rows now spread below that."""
    figures = example[example["kind"] == "quantity"]
    assert figures["sentence_checkworthiness"].min() > 0.9  # the sentences are as worth checking as before
    assert figures["checkworthiness"].max() < 0.9 and figures["checkworthiness"].nunique() == len(figures)
    assert ((example["checkworthiness"] > 0) & (example["checkworthiness"] < 1)).all()


def test_the_key_figures_come_first(example):
    """The example's key figures (trade turnover surpassing $4 billion, over 800,000 students) are among its
    first three rows to check; its opinion sentences come last."""
    ranked = example.sort_values("checkworthiness_rank")
    assert {"$4 billion", "over 800,000"} <= set(ranked["text"].head(3))
    assert (ranked.tail(5)["kind"] == "statement").all()


def test_features_have_the_models_order(nlp):
    doc = nlp("Exports rose 5% to $10 billion, officials said. Nobody knows why.")
    rows = rows_of(doc, doc._.quantities, doc._.statements, original_text(doc))
    x = features(doc, rows)
    assert x.shape == (len(rows), len(ROW_FEATURES)) and np.isfinite(x).all()
    shipped = json.loads((ROOT / "analyzer" / "checkworthiness" / "data" / "ranker.json").read_text(encoding="utf8"))
    assert shipped["features"] == list(ROW_FEATURES) and len(shipped["coef"]) == len(ROW_FEATURES)


def test_an_empty_document_has_no_rows(nlp):
    assert analyzer.analyze("", nlp=nlp).empty


@pytest.mark.skipif(not SHARED.exists(), reason="needs ../shared/datasets/fnc1_train_bodies")
def test_the_shipped_row_model_is_the_build():
    run = subprocess.run([sys.executable, str(ROOT / "models" / "build" / "train_ranker.py"), "--check"],
                         cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stdout + run.stderr


def test_quantities_ranks_every_mention(nlp):
    table = analyzer.quantities("Exports rose 5% to $10 billion. The two nations met.", nlp=nlp)
    assert sorted(table["checkworthiness_rank"]) == [1, 2, 3]
    assert table.set_index("text").loc["two", "checkworthiness_rank"] == 3  # a reference, not a claim: last
