"""Regression floors on the development data (never the held-out halves): a change that loses accuracy
fails here before it reaches bench/RESULTS.md. Scored with ../shared/tools/quant_eval.py; skipped when
../shared is absent."""
from __future__ import annotations

import importlib.util

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
    """F1 per metric. ``value+unit`` is the scorer's unit check reading ``quantity_of`` alone: its analyzer
    adapter appends the row's ``subject`` to the phrase whose head noun it compares with a count's unit
    (bench/quant_scoring.py says why); the scorer's own number is ``value+unit (as scored)``."""
    spec = importlib.util.spec_from_file_location("quant_scoring", ROOT / "bench" / "quant_scoring.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    scores = module.evaluate(gold, split, scorer=scorer)
    scores["value+unit (as scored)"] = scores["value+unit"]
    scores["value+unit"] = scores.pop(module.UNIT_ALONE)
    return scores


@pytest.mark.parametrize("name, floors", [
    ("news_quantities_dev", {"value": 99.0, "value+unit": 97.0, "value+qualifier": 95.0}),
    ("news_quantities_dev2", {"value": 96.5, "value+unit": 87.5, "value+qualifier": 93.5}),
    ("news_quantities_dev3", {"value": 97.5, "value+unit": 94.5, "value+qualifier": 93.5}),
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



@pytest.fixture(scope="module")
def bench_quantities():
    spec = importlib.util.spec_from_file_location("bench_quantities", ROOT / "bench" / "quantities.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("name, dataset, floors", [
    ("liar_quantities_dev", "liar", {"value": 97.0, "value+unit": 92.0, "value+qualifier": 90.0}),
    ("emergent_quantities_dev", "emergent", {"value": 92.5, "value+unit": 90.0, "value+qualifier": 90.5}),
    ("clef2024_quantities_dev", "clef2024_task1_checkworthy_en",
     {"value": 90.0, "value+unit": 88.5, "value+qualifier": 80.0}),
])
def test_annotated_shared_texts(nlp, scorer, bench_quantities, tmp_path, name, dataset, floors):
    """Our annotations of texts in ../shared (LIAR statements, Emergent headlines, CLEF debate sentences)."""
    if not (SHARED / "datasets" / dataset).exists():
        pytest.skip(f"{dataset} is not in ../shared")
    scores = f1(scorer, bench_quantities.joined_gold(SHARED, name, tmp_path / f"{name}.jsonl"))
    for metric, floor in floors.items():
        assert scores[metric] >= floor, (metric, scores)
