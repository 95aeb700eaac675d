"""Regression floors on the development data (never the held-out halves): a change that loses accuracy
fails here before it reaches bench/RESULTS.md. Scored with ../shared/tools/quant_eval.py; skipped when
../shared is absent."""
from __future__ import annotations

import contextlib
import importlib.util
import io

import pytest

from ..conftest import ROOT, SHARED

SCORER = SHARED / "tools" / "quant_eval.py"
pytestmark = pytest.mark.skipif(not SCORER.exists(), reason="../shared/tools/quant_eval.py is not here")


@pytest.fixture(scope="module")
def scorer():
    spec = importlib.util.spec_from_file_location("quant_eval", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def f1(scorer, gold, split="all") -> dict[str, float]:
    with contextlib.redirect_stdout(io.StringIO()):
        result = scorer.main(["--system", "analyzer", "--gold", str(gold), "--split", split, "--json"])
    return {metric: values["F1"] for metric, values in result["metrics"].items()}


@pytest.mark.parametrize("name, floors", [
    ("news_quantities_dev", {"value": 99.0, "value+unit": 97.0, "value+qualifier": 95.0}),
    ("news_quantities_dev2", {"value": 96.5, "value+unit": 86.5, "value+qualifier": 93.5}),
])
def test_own_development_sets(nlp, scorer, name, floors):
    scores = f1(scorer, ROOT / "bench" / "data" / f"{name}.jsonl")
    for metric, floor in floors.items():
        assert scores[metric] >= floor, (metric, scores)


def test_newsquant_development_half(nlp, scorer):
    gold = SHARED / "datasets" / "newsquant_cqe" / "test_sets" / "NewsQuant.json"
    if not gold.exists():
        pytest.skip("NewsQuant is not in ../shared")
    scores = f1(scorer, gold, split="even")
    assert scores["value"] >= 96.0 and scores["value+unit"] >= 90.5 and scores["value+change"] >= 88.5, scores


def test_liar_development_set(nlp, scorer, tmp_path):
    """Our annotations of 200 LIAR train statements, joined with the statements from ../shared."""
    import csv
    import json

    train = SHARED / "datasets" / "liar" / "train.tsv"
    if not train.exists():
        pytest.skip("LIAR is not in ../shared")
    with train.open(encoding="utf8", newline="") as fh:
        statements = {row[0]: row[2] for row in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)}
    gold = tmp_path / "liar.jsonl"
    with gold.open("w", encoding="utf8") as out:
        for line in (ROOT / "bench" / "data" / "liar_quantities_dev.annotations.jsonl").open(encoding="utf8"):
            item = json.loads(line)
            out.write(json.dumps({"id": item["id"], "text": statements[item["id"]], "quantities": item["quantities"]})
                      + "\n")
    scores = f1(scorer, gold)
    assert scores["value"] >= 97.0 and scores["value+unit"] >= 91.5 and scores["value+qualifier"] >= 90.0, scores
