"""The check-worthiness trainer (models/build/train_checkworthiness.py): its reader, idf, arrays and model
file on a small fixture (no CLEF data needed), built twice to the same bytes; the signals of the shipped
model's pipeline commit, when git has it; and, when ../shared is here, the idf of CLEF-2024 train equal to
the shipped model's. The full rebuild (`--check`: a few minutes the first time) runs only with
GEOCLAIMS_FULL_REBUILD=1."""
from __future__ import annotations

import hashlib
import importlib.util
import os
import subprocess
import sys

import numpy as np
import pytest

from analyzer.checkworthiness.features import SIGNALS

from ..conftest import ROOT, SHARED

SCRIPT = ROOT / "models" / "build" / "train_checkworthiness.py"
CLEF = SHARED / "datasets" / "clef2024_task1_checkworthy_en"


def _load_trainer():
    spec = importlib.util.spec_from_file_location("train_checkworthiness", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("train_checkworthiness", module)
    spec.loader.exec_module(module)
    return module


T = _load_trainer()

# (sentence, check-worthy): made up in the style of debate transcripts
TRAIN = [
    ("Unemployment has fallen to 3.5 percent, the lowest in fifty years.", True),
    ("We spent $2 trillion on the war in Iraq.", True),
    ("Crime in our cities went up 20 percent last year.", True),
    ("The deficit doubled under his administration.", True),
    ("China holds more than a trillion dollars of our debt.", True),
    ("Twelve million people lost their health insurance.", True),
    ("Exports to Mexico rose by a third since 2010.", True),
    ("Thank you all for coming tonight.", False),
    ("Well, let me say this.", False),
    ("I want to talk about my family.", False),
    ("That's a good question, Jim.", False),
    ('"We will get it done," she said.', False),
    ("Let's move on to the next topic.", False),
    ("You know, I have great respect for him.", False),
    ("What would you do?", False),
    ("Good evening, everybody.", False),
]
DEV = [
    ("Taxes went up 15 percent for the middle class.", True),
    ("He voted against the budget eleven times.", True),
    ("I appreciate the opportunity to be here.", False),
    ("Let me finish, please.", False),
    ("Our troops have been in Afghanistan for 18 years.", True),
    ("I think that's right.", False),
]


def _data(signal_rows):
    texts = {"train": [t for t, _ in TRAIN], "dev": [t for t, _ in DEV]}
    gold = {"train": np.array([y for _, y in TRAIN]), "dev": np.array([y for _, y in DEV])}
    return texts, gold, signal_rows


@pytest.fixture(scope="module")
def fixture_signals(nlp):
    return {"train": T.pipeline_signals([t for t, _ in TRAIN], nlp=nlp),
            "dev": T.pipeline_signals([t for t, _ in DEV], nlp=nlp)}


def test_signals_are_the_pipelines(nlp, fixture_signals):
    rows = fixture_signals["train"]
    assert rows.shape == (len(TRAIN), len(SIGNALS)) and rows.dtype == np.float32
    names = list(T.metadata(b"", {}, {})["signals"])
    assert rows[1, names.index("money")] == 1.0 and rows[0, names.index("percent")] == 1.0
    assert rows[14, names.index("question")] == 1.0 and rows[14, names.index("second_person")] == 1.0
    assert np.array_equal(rows, T.pipeline_signals([t for t, _ in TRAIN], nlp=nlp))


def test_two_builds_give_the_same_bytes(tmp_path, fixture_signals):
    texts, gold, sig = _data(fixture_signals)
    first, scores = T.train(texts, gold, sig)
    second, _ = T.train(texts, gold, sig)
    assert T.npz_bytes(first) == T.npz_bytes(second)
    assert {k: (v.dtype, v.shape) for k, v in first.items()} == {
        "idf_word": (np.float32, (2**18,)), "idf_char": (np.float32, (2**18,)),
        "coef_word": (np.float32, (2**18,)), "coef_char": (np.float32, (2**18,)),
        "coef_signals": (np.float32, (len(SIGNALS),)), "intercept": (np.float32, (1,))}
    assert set(scores) == {"train", "dev"} and scores["train"] > 0.8
    raw = T.write_model(tmp_path / "a", first, T.metadata(T.npz_bytes(first), scores, {"train": len(TRAIN)}))
    T.write_model(tmp_path / "b", second, T.metadata(T.npz_bytes(second), scores, {"train": len(TRAIN)}))
    assert (tmp_path / "a" / "model.npz").read_bytes() == (tmp_path / "b" / "model.npz").read_bytes() == raw
    assert T.compare(tmp_path / "a", tmp_path / "b") == []
    arrays, meta, sha = T.load_model(tmp_path / "a")
    assert meta["sha256"] == sha == hashlib.sha256(raw).hexdigest() and list(arrays) == list(T.ARRAYS)


def test_the_component_reads_what_the_trainer_writes(tmp_path, fixture_signals):
    from analyzer.checkworthiness.component import GeoCheckworthiness

    texts, gold, sig = _data(fixture_signals)
    arrays, scores = T.train(texts, gold, sig)
    T.write_model(tmp_path, arrays, T.metadata(T.npz_bytes(arrays), scores, {}))
    stage = GeoCheckworthiness()
    stage.initialize(data_dir=tmp_path)
    p = stage.score_sentences(texts["dev"], sig["dev"])
    assert np.array_equal(p >= 0.5, T.score(arrays, texts["dev"], sig["dev"], T.SIGNAL_WEIGHT) >= 0)
    assert T.f1(gold["dev"], p >= 0.5) == scores["dev"]


def test_compare_names_a_changed_array(tmp_path, fixture_signals):
    texts, gold, sig = _data(fixture_signals)
    arrays, scores = T.train(texts, gold, sig)
    T.write_model(tmp_path / "a", arrays, T.metadata(T.npz_bytes(arrays), scores, {}))
    changed = dict(arrays, intercept=arrays["intercept"] + np.float32(0.5))
    T.write_model(tmp_path / "b", changed, T.metadata(T.npz_bytes(changed), scores, {}))
    problems = T.compare(tmp_path / "b", tmp_path / "a")
    assert any(p.startswith("intercept: 1 of 1 values differ") for p in problems)
    assert any(p.startswith("model.npz sha256") for p in problems)


def _has_commit(rev: str) -> bool:
    return subprocess.run(["git", "-C", str(ROOT), "cat-file", "-e", f"{rev}^{{commit}}"],
                          capture_output=True).returncode == 0


@pytest.mark.skipif(not _has_commit(T.SHIPPED_PIPELINE), reason="git history without the shipped model's commit")
def test_signals_of_the_shipped_models_pipeline_come_from_its_commit():
    texts = {"a": ["We spent $2 trillion on the war in Iraq.", "What would you do?"], "b": ["Good evening."]}
    sig = T.signals_at(T.SHIPPED_PIPELINE, texts, workers=1)
    names = list(T.metadata(b"", {}, {})["signals"])
    assert sig["a"].shape == (2, len(SIGNALS)) and sig["b"].shape == (1, len(SIGNALS)) and sig["a"].dtype == np.float32
    assert sig["a"][0, names.index("money")] == 1.0 and sig["a"][1, names.index("question")] == 1.0
    assert T.fingerprint(texts, T.SHIPPED_PIPELINE) != T.fingerprint(texts, T.WORKTREE)


def test_idf_is_scikit_learns_smoothed_idf():
    from sklearn.feature_extraction.text import TfidfTransformer

    from analyzer.checkworthiness.features import hashed_counts

    texts = [t for t, _ in TRAIN]
    for mine, x in zip(T.idf(texts), hashed_counts(texts), strict=True):
        assert np.array_equal(mine.astype(np.float32),
                              TfidfTransformer(sublinear_tf=True).fit(x).idf_.astype(np.float32))


def test_reader_unquotes_and_skips_a_fused_record(tmp_path):
    folder = tmp_path / "datasets" / T.DATASET
    folder.mkdir(parents=True)
    (folder / "CT24_checkworthy_english_dev.tsv").write_text(
        'Sentence_id\tText\tclass_label\n1\t"Now, let\'s balance the budget."\tNo\n'
        "2\tTaxes rose 5%.\tYes\n3\tWe've got to grow.\tNo4\tFused.\tNo\n5\tThe end.\tNo", encoding="utf8")
    texts, gold = T.read_split(tmp_path, "dev")
    assert texts == ["Now, let's balance the budget.", "Taxes rose 5%.", "The end."]
    assert gold.tolist() == [False, True, False]


@pytest.mark.skipif(not CLEF.exists(), reason="../shared/datasets/clef2024_task1_checkworthy_en is not here")
def test_clef_sentences_and_idf_are_the_shipped_models():
    """Quick (seconds): the pipeline-independent part of the rebuild. The sentence counts are model.json's
    and the idf of train is the shipped model's, array for array."""
    arrays, meta, _ = T.load_model(T.DATA)
    texts = {s: T.read_split(SHARED, s)[0] for s in T.SPLITS}
    assert {s: len(t) for s, t in texts.items()} == meta["sentences"]
    idf_word, idf_char = T.idf(texts["train"])
    assert np.array_equal(idf_word.astype(np.float32), arrays["idf_word"])
    assert np.array_equal(idf_char.astype(np.float32), arrays["idf_char"])


@pytest.mark.skipif(not CLEF.exists(), reason="../shared/datasets/clef2024_task1_checkworthy_en is not here")
@pytest.mark.skipif(os.environ.get("GEOCLAIMS_FULL_REBUILD") != "1",
                    reason="the full rebuild takes minutes: set GEOCLAIMS_FULL_REBUILD=1")
def test_full_rebuild_check(tmp_path):
    assert T.main(["--shared", str(SHARED), "--check"]) == 0
