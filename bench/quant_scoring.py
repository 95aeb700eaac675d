"""Scoring the quantity rows with ../shared/tools/quant_eval.py (CQE's matching rules), two ways.

The scorer's analyzer adapter passes ``quantity_of`` followed by the row's ``subject`` as one phrase, so that
NewsQuant's concepts, which name the holder ("Ford" in "Ford has 13,000 workers") as often as the measure, are
matched against both. Its unit check for counts reads the head noun of that same phrase (gold unit "worker"
against the last word of "workers Ford"), so a row that names its subject fails ``value+unit`` although its unit
and counted noun are right. `evaluate` reports the scorer's numbers as they are and ``value+unit (quantity_of)``:
the same unit check reading ``quantity_of`` alone, as it did before the subject column existed. Both read the
claim table's unit "fraction" as the scorer reads NewsQuant's "% <group>" (`SAME_UNIT_NAMES`).

    python bench/quant_scoring.py [--split even] [--gold PATH]
"""
from __future__ import annotations

import argparse
import contextlib
import importlib.util
import io
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SCORER = SHARED / "tools" / "quant_eval.py"
NEWSQUANT = SHARED / "datasets" / "newsquant_cqe" / "test_sets" / "NewsQuant.json"
UNIT_ALONE = "value+unit (quantity_of)"
# unit names the claim table writes where the scorer knows the same unit under another name: a fraction ("a third",
# "one in four") is unit "fraction" in the table (FRAMES.md) and "% <group>" in NewsQuant, which the scorer reads
# as a plain count, as it reads "fold", "times" and "dimensionless"
SAME_UNIT_NAMES = {"fraction": ""}


def load_scorer(path: Path = SCORER) -> ModuleType:
    spec = importlib.util.spec_from_file_location("quant_eval", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.SYNONYMS.update(SAME_UNIT_NAMES)
    return module


def evaluate(gold: Path = NEWSQUANT, split: str = "all", nlp=None, scorer: ModuleType | None = None) -> dict:
    """F1 per metric of ``analyzer.quantities`` on ``gold`` (the scorer's metrics, plus `UNIT_ALONE`)."""
    return {m: v["F1"] for m, v in result(gold, split, nlp, scorer)["metrics"].items()}


def result(gold: Path = NEWSQUANT, split: str = "all", nlp=None, scorer: ModuleType | None = None) -> dict:
    """The scorer's whole result for ``analyzer.quantities`` on ``gold`` (docs, counts, P/R/F1 per metric),
    with `UNIT_ALONE` among the metrics."""
    import analyzer

    scorer = scorer or load_scorer()
    scorer.SYNONYMS.update(SAME_UNIT_NAMES)
    nlp = nlp or analyzer.get_pipeline()
    fmt, docs = scorer.load_gold(str(gold), split)

    def predict(doc):
        kw = {"published": doc["published"]} if fmt == "native" and doc.get("published") else {}
        df = analyzer.quantities(doc["text"], nlp=nlp, **kw)
        out = []
        for r in df.to_dict("records"):
            q = scorer.quantity(r.get("value"), r.get("value_to"), r.get("qualifier"), r.get("unit"),
                                scorer._frame_words(r), r.get("per"), text=r.get("text"))
            q["quantity_of_alone"] = scorer._s(r.get("quantity_of"))
            out.append(q)
        return out

    metrics = ["value", "value+unit", UNIT_ALONE, "value+change"] + (
        ["value+qualifier"] if fmt == "native" else ["value+concept", "value+concept_complete"])
    scorer.METRICS[UNIT_ALONE] = lambda g, p: scorer.unit_match(g, {**p, "quantity_of": p["quantity_of_alone"]})
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            result = scorer.score(docs, predict, metrics)
    finally:
        scorer.METRICS.pop(UNIT_ALONE, None)
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--gold", type=Path, default=NEWSQUANT)
    ap.add_argument("--split", default="even", choices=("all", "even", "odd"))
    a = ap.parse_args()
    if not a.gold.exists():
        sys.exit(f"no gold file {a.gold}")
    for metric, f1 in evaluate(a.gold, a.split).items():
        print(f"{metric:28s} {f1:5.1f}")


if __name__ == "__main__":
    main()
