"""The accurate check-worthiness mode: a fine-tuned MiniLM shipped in the package, run by onnxruntime.

When the ``accurate`` extra is installed (CI installs it with the test extra) the real model is loaded from the
package with the network shut, and scores the example article; when it is not, asking for the mode is a
one-line error that names the extra (a missing package is simulated by hiding it from ``import``)."""
from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import analyzer
from analyzer.checkworthiness import accurate
from analyzer.checkworthiness.component import MODES
from analyzer.errors import DataFileError, InputError, MissingExtraError

from ..conftest import EXAMPLE, SHARED
from ..test_cli import assert_one_line_error, invoke, invoke_result

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "analyzer" / "checkworthiness" / "data"

installed = pytest.mark.skipif(not accurate.installed(),
                               reason="the accurate extra is not installed: pip install -e '.[accurate]'")


@pytest.fixture
def no_extra(monkeypatch):
    """onnxruntime is not installed, as far as ``import`` can tell."""
    monkeypatch.setitem(sys.modules, "onnxruntime", None)


@pytest.fixture(scope="module")
def offline_nlp():
    """The accurate pipeline, loaded while every socket refuses to connect (nothing may be downloaded)."""
    pytest.importorskip("onnxruntime")
    pytest.importorskip("tokenizers")

    def refuse(*args, **kwargs):
        raise AssertionError(f"the accurate mode tried to reach the network: {args}")

    patch = pytest.MonkeyPatch()
    patch.setattr(socket.socket, "connect", refuse)
    patch.setattr(socket, "create_connection", refuse)
    try:
        nlp = analyzer.load(checkworthiness="accurate")
    finally:
        patch.undo()
    return nlp


@installed
def test_loads_offline_from_the_package_and_scores_the_example(offline_nlp, nlp, example_text):
    pipe = offline_nlp.get_pipe("geo_checkworthiness")
    assert pipe.mode == "accurate"
    assert Path(pipe._sentences.folder) == DATA  # the package's own files
    table = analyzer.analyze(example_text, nlp=offline_nlp, published="2024-08-20")
    default = analyzer.analyze(example_text, nlp=nlp, published="2024-08-20")
    assert list(table.columns) == list(default.columns)
    figures = ["kind", "start_char", "end_char", "value", "unit"]
    assert table[table["kind"] == "quantity"][figures].reset_index(drop=True).equals(
        default[default["kind"] == "quantity"][figures].reset_index(drop=True))  # the figures are the same
    # a sentence without a figure is a row when the mode's own sentence model calls it check-worthy
    statements = table[table["kind"] == "statement"]
    assert len(statements) and (statements["sentence_checkworthiness"] >= 0.5).all()
    for column in ("checkworthiness", "sentence_checkworthiness"):
        assert table[column].between(0, 1).all()
    # the sentence model is another one: its scores are not the default's
    assert not np.allclose(table[table["kind"] == "quantity"]["sentence_checkworthiness"],
                           default[default["kind"] == "quantity"]["sentence_checkworthiness"], atol=1e-3)
    assert sorted(table["checkworthiness_rank"]) == list(range(1, len(table) + 1))
    top = table.sort_values("checkworthiness_rank")["checkworthiness"].to_numpy()
    assert (np.diff(top) <= 0).all()


@installed
def test_sentence_scores_separate(offline_nlp):
    """Sentences of the kinds the model was trained to tell apart (not the example's), both ways of 0.5."""
    scored = analyzer.assess([
        "Exports of Kazakh grain to Iran fell by 18 percent in 2023 to 1.4 million tonnes, the ministry said.",
        "The unemployment rate doubled within two years, according to the national statistics office.",
        "I would like to thank everyone who came here tonight.",
        "We will talk about that later.",
    ], nlp=offline_nlp)
    assert (scored["checkworthiness"].iloc[:2] >= 0.5).all(), scored
    assert (scored["checkworthiness"].iloc[2:] < 0.5).all(), scored


@installed
def test_statement_scores_match_assess(offline_nlp):
    """A one-sentence text gets the same sentence score in the claim table and from assess (one model)."""
    text = "Turkey's exports to Russia rose by 60 percent last year, the trade minister said."
    table = analyzer.analyze(text, nlp=offline_nlp)
    assert table["sentence_checkworthiness"].iloc[0] == pytest.approx(
        analyzer.assess(text, nlp=offline_nlp)["checkworthiness"].iloc[0], abs=2e-4)


@installed
def test_many_sentences_in_batches_keep_their_order(offline_nlp):
    model = offline_nlp.get_pipe("geo_checkworthiness")._sentences
    texts = [f"Exports rose by {n} percent in {2000 + n}." if n % 2 else "Thank you all." * (n % 7 + 1)
             for n in range(50)]
    together = model.scores(texts)
    alone = np.array([model.scores([t])[0] for t in texts])
    np.testing.assert_array_equal(together, alone)  # a sentence's score does not depend on its neighbours
    assert model.scores([]).shape == (0,)
    # a sentence longer than the model reads is truncated, not an error
    assert 0 <= model.scores(["The figure was 3 percent. " * 400])[0] <= 1


@installed
def test_cli_accurate(tmp_path):
    out = tmp_path / "claims.jsonl"
    proc = invoke("analyze", EXAMPLE, "--published", "2024-08-20", "--accurate", "--out", out, "--quiet")
    assert proc.returncode == 0, proc.stderr
    rows = [json.loads(line) for line in out.read_text(encoding="utf8").splitlines()]
    default = tmp_path / "default.jsonl"
    assert invoke("analyze", EXAMPLE, "--published", "2024-08-20", "--out", default, "--quiet").returncode == 0
    before = [json.loads(line) for line in default.read_text(encoding="utf8").splitlines()]
    figures = [r for r in rows if r["kind"] == "quantity"]
    assert [r["text"] for r in figures] == [r["text"] for r in before if r["kind"] == "quantity"]
    assert [r["sentence_checkworthiness"] for r in figures] != [r["sentence_checkworthiness"] for r in before
                                                                if r["kind"] == "quantity"]


@installed
def test_forked_workers_give_the_same_rows(offline_nlp):
    texts = [f"Exports of grain rose by {n} percent to {n + 1} million tonnes in {1990 + n}, the ministry said. "
             f"The minister spoke in Baku." for n in range(12)]
    one = pd.concat(analyzer.analyze_many(texts, nlp=offline_nlp, batch_size=3), ignore_index=True)
    two = pd.concat(analyzer.analyze_many(texts, nlp=offline_nlp, batch_size=3, n_process=2), ignore_index=True)
    pd.testing.assert_frame_equal(one, two)


@installed
def test_saved_pipeline_keeps_the_mode_and_checks_its_files(offline_nlp, tmp_path):
    folder = tmp_path / "pipeline"
    offline_nlp.to_disk(folder)
    saved = folder / "geo_checkworthiness"
    assert (saved / accurate.META).exists() and (saved / "accurate" / "model.onnx").exists()
    again = analyzer.load(folder, trust_path=True)
    assert again.get_pipe("geo_checkworthiness").mode == "accurate"
    text = "Oil output fell by 2 percent in May, the ministry said."
    assert analyzer.assess(text, nlp=again).equals(analyzer.assess(text, nlp=offline_nlp))
    # the saved pipeline loaded in the default mode: replaced, not mixed
    assert analyzer.load(folder, trust_path=True, checkworthiness="default").get_pipe("geo_checkworthiness").mode \
        == "default"
    model = saved / "accurate" / "model.onnx"
    model.write_bytes(model.read_bytes()[:-10])
    with pytest.raises(DataFileError, match="checksum"):
        analyzer.load(folder, trust_path=True)


@installed
def test_a_changed_model_file_is_refused(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    tokenizer = folder / "accurate" / "tokenizer.json"
    tokenizer.write_text(tokenizer.read_text(encoding="utf8").replace("[UNK]", "[UNKNOWN]", 1), encoding="utf8")
    with pytest.raises(DataFileError) as info:
        accurate.SentenceModel(folder)
    assert "accurate.json:" in str(info.value) and "tokenizer.sha256" in str(info.value)


def test_threads_setting(monkeypatch):
    monkeypatch.setenv(accurate.THREADS_VARIABLE, "2")
    assert accurate.threads() == 2
    for bad in ("0", "two", "-1"):
        monkeypatch.setenv(accurate.THREADS_VARIABLE, bad)
        with pytest.raises(InputError, match=accurate.THREADS_VARIABLE):
            accurate.threads()


def test_unknown_mode_is_a_clear_error():
    with pytest.raises(InputError, match="checkworthiness='fast'.*'default', 'accurate'"):
        analyzer.load(checkworthiness="fast")
    assert MODES == ("default", "accurate")


def test_without_the_extra_load_names_it(no_extra):
    with pytest.raises(MissingExtraError) as info:
        analyzer.load(checkworthiness="accurate")
    assert "pip install 'geoclaims[accurate]'" in str(info.value)
    assert "onnxruntime" in str(info.value)
    assert "\n" not in str(info.value)


def test_without_the_extra_cli_fails_in_one_line(no_extra, tmp_path):
    out = tmp_path / "claims.csv"
    proc = invoke("analyze", EXAMPLE, "--accurate", "--out", out)
    assert_one_line_error(proc, 2, "--accurate", "geoclaims[accurate]", "onnxruntime")
    assert not out.exists()


def test_without_the_extra_default_mode_works(no_extra, nlp):
    assert invoke_result("analyze", EXAMPLE, "--format", "csv").exit_code == 0


def test_without_the_extra_in_a_real_process():
    """The installed script in its own process, with onnxruntime hidden by a startup hook."""
    code = ("import sys; sys.modules['onnxruntime'] = None; from analyzer.cli import main; "
            f"sys.argv = ['geoclaims', 'analyze', {str(EXAMPLE)!r}, '--accurate']; main()")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert_one_line_error(proc, 2, "geoclaims[accurate]")


@installed
@pytest.mark.skipif(not (SHARED / "datasets").exists(), reason="../shared/datasets is absent")
def test_packaged_decision_point_rebuilds():
    """models/build/accurate/package.py --check: the shipped threshold and slope are what the shipped model's
    margins on dev and dev-test give (by the runtime's own code)."""
    proc = subprocess.run([sys.executable, str(ROOT / "models" / "build" / "accurate" / "package.py"), "--check",
                           "--shared", str(SHARED)], capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "the same as the shipped file" in proc.stdout


def test_metadata_describes_the_shipped_files():
    meta = json.loads((DATA / accurate.META).read_text(encoding="utf8"))
    for key in ("model", "tokenizer"):
        path = DATA / meta[key]["file"]
        assert path.stat().st_size == meta[key]["bytes"]
    assert meta["scores"]["dev_test"]["f1"] > 0.8
    assert "research" in meta["data_licence"]


@installed
def test_bytes_round_trip_carries_the_model(offline_nlp):
    from analyzer.checkworthiness.component import GeoCheckworthiness

    pipe = offline_nlp.get_pipe("geo_checkworthiness")
    fresh = GeoCheckworthiness(mode="accurate").from_bytes(pipe.to_bytes())
    texts = ["Oil output fell by 2 percent in May.", "Hello there."]
    np.testing.assert_array_equal(fresh.score_sentences(texts, None), pipe.score_sentences(texts, None))
    assert fresh.ranker == pipe.ranker and "the accurate mode's" in fresh.ranker["about"]  # the mode's own row model
