"""Check-worthiness: F1 of the positive class (the official CLEF metric; a score >= 0.5 is check-worthy) of
both modes (default; accurate, when its extra is installed), run end to end through `analyzer.assess` on
CLEF-2024 CheckThat! Task 1 English, their calibration, load time, and what the stage adds to the pipeline's
time.

    python bench/checkworthiness.py [--shared ../shared]

Data (read from ../shared, never copied): clef2024_task1_checkworthy_en. train fitted the models; dev and
dev-test, pooled, chose their settings and decision points (models/build/train_checkworthiness.py for the
default, models/build/accurate/package.py for the accurate mode); test_gold (the official test set) is scored
only here.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "models" / "build"))

from _results import write_section  # noqa: E402
from train_checkworthiness import read_split  # noqa: E402  (the trainer's reader: the same sentences)


def prf(gold, pred) -> tuple[float, float, float]:
    tp = sum(g and p for g, p in zip(gold, pred, strict=True))
    p = tp / sum(pred) if sum(pred) else 0.0
    r = tp / sum(gold) if sum(gold) else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def brier(gold: np.ndarray, p: np.ndarray) -> float:
    return float(np.mean((p - gold) ** 2))


def platt_on(gold: np.ndarray, p: np.ndarray):
    """The Platt map fitted on (gold, p), applied to the logit of a score."""
    from sklearn.linear_model import LogisticRegression

    def logit(q: np.ndarray) -> np.ndarray:
        q = np.clip(q, 1e-6, 1 - 1e-6)
        return np.log(q / (1 - q))[:, None]

    m = LogisticRegression(C=1e6, max_iter=1000).fit(logit(p), gold.astype(int))
    return lambda q: m.predict_proba(logit(q))[:, 1]


def reliability(gold: np.ndarray, p: np.ndarray) -> list[str]:
    """A 10-bin reliability table of scores ``p`` against ``gold``, as Markdown rows."""
    rows = ["| scores | bin | sentences | mean score | check-worthy share |", "|---|---|---:|---:|---:|"]
    for k in range(10):
        lo, hi = k / 10, (k + 1) / 10
        inside = (p >= lo) & ((p < hi) if k < 9 else (p <= hi))
        if inside.any():
            rows.append(f"| as shipped | {lo:.1f}-{hi:.1f} | {int(inside.sum())} | {p[inside].mean():.3f} | "
                        f"{gold[inside].mean():.3f} |")
    return rows


def calibration(scored: dict[str, tuple[np.ndarray, np.ndarray]]) -> str:
    """How well the sentence model's scores read as probabilities on dev-test: the Brier score as shipped and
    after a Platt map fitted on dev, and a 10-bin reliability table (issue 19)."""
    gold, p = scored["dev-test"]
    platt = platt_on(*scored["dev"])
    rows = reliability(gold, p)
    return (f"Calibration on dev-test ({len(gold)} sentences, {gold.mean():.1%} check-worthy; dev has "
            f"{scored['dev'][0].mean():.1%}): Brier score **{brier(gold, p):.4f}** as shipped, "
            f"{brier(gold, platt(p)):.4f} after a Platt map fitted on dev (not applied: the share of check-worthy "
            "sentences differs between dev and dev-test, and the map makes dev-test worse), "
            f"{brier(gold, np.full_like(p, scored['dev'][0].mean())):.4f} for a constant at dev's share.\n\n"
            + "\n".join(rows))


def scores_of(nlp, shared: Path) -> tuple[list[str], dict[str, tuple[np.ndarray, np.ndarray]]]:
    """The F1 table's rows and each split's (gold, scores), end to end through `analyzer.assess`."""
    import analyzer

    lines = ["| split | sentences | check-worthy | P | R | F1 (positive class) |", "|---|---:|---:|---:|---:|---:|"]
    scored = {}
    for split, name in (("dev", "dev (settings chosen on dev + dev-test)"), ("dev-test", "dev-test (the same)"),
                        ("test_gold", "**test_gold** (official test)")):
        texts, gold = read_split(shared, split)
        scores = analyzer.assess(texts, nlp=nlp)["checkworthiness"].to_numpy()
        scored[split] = (np.array(gold, dtype=float), scores)
        p, r, f = prf(gold, list(scores >= 0.5))
        lines.append(f"| {name} | {len(texts)} | {sum(gold)} | {p:.3f} | {r:.3f} | **{f:.3f}** |")
        print(split, round(f, 4), flush=True)
    return lines, scored


def stage_cost(nlp, texts: list[str]) -> tuple[float, float]:
    """Seconds of the pipeline without the stage, and of ``geo_checkworthiness`` alone, over ``texts``."""
    t0 = time.perf_counter()
    docs = list(nlp.pipe(texts, disable=["geo_checkworthiness", "geo_claims"]))
    rest = time.perf_counter() - t0
    stage = nlp.get_pipe("geo_checkworthiness")
    t0 = time.perf_counter()
    for _ in stage.pipe(docs):  # as nlp.pipe runs it: a batch of documents at once
        pass
    return rest, time.perf_counter() - t0


def default_mode(shared: Path) -> str:
    import analyzer
    from analyzer.checkworthiness.component import GeoCheckworthiness

    t0 = time.perf_counter()
    GeoCheckworthiness().initialize()
    load_s = time.perf_counter() - t0
    nlp = analyzer.load()
    meta = nlp.get_pipe("geo_checkworthiness").meta
    lines, scored = scores_of(nlp, shared)
    texts, _ = read_split(shared, "dev")
    rest, stage_s = stage_cost(nlp, texts)
    return (
        "### Default mode\n\n"
        f"Model: `analyzer/checkworthiness/data/model.npz` (card: `models/checkworthiness.md`), scikit-learn "
        f"{meta['scikit_learn']}, C={meta['C']}, signal weight {meta['signal_weight']}; trained on CLEF-2024 train, "
        "settings and decision point chosen on dev and dev-test pooled. Scored end to end through `analyzer.assess` (one row per sentence, unsplit):\n\n"
        + "\n".join(lines)
        + "\n\n" + calibration(scored)
        + f"\n\nLoading the model (checksum verified): {load_s * 1000:.0f} ms. On the {len(texts):,} dev sentences "
          f"the pipeline without the stage took {rest:.2f} s and `geo_checkworthiness` {stage_s:.2f} s: "
          f"**{100 * stage_s / rest:.1f}%** of the rest of the pipeline ({', '.join(nlp.pipe_names)}).\n"
    )


def accurate_mode(shared: Path) -> str:
    import analyzer
    from analyzer.checkworthiness.accurate import SentenceModel, require_extra
    from analyzer.errors import MissingExtraError

    try:
        require_extra()
    except MissingExtraError as e:
        return f"### Accurate mode\n\nNot measured: {e}.\n"
    t0 = time.perf_counter()
    model = SentenceModel(ROOT / "analyzer" / "checkworthiness" / "data")
    load_s = time.perf_counter() - t0
    meta = model.meta
    nlp = analyzer.load(checkworthiness="accurate")
    lines, scored = scores_of(nlp, shared)
    texts, _ = read_split(shared, "dev")
    rest, stage_s = stage_cost(nlp, texts)
    gold, p = scored["dev-test"]
    rows = reliability(gold, p)
    swap = meta["scores"]["dev_test_fitted_on_dev"]
    return (
        "### Accurate mode (`analyzer.load(checkworthiness=\"accurate\")`, `geoclaims analyze --accurate`)\n\n"
        f"Model: `analyzer/checkworthiness/data/accurate/model.onnx` ({meta['model']['bytes'] / 1e6:.1f} MB, int8) "
        f"and its tokenizer, on onnxruntime: {meta['base_model']}, fine-tuned on CLEF-2024 train "
        "(models/build/accurate/). Its decision point (the margin that maximises F1) and the slope of its "
        "logistic map were fitted on dev and dev-test pooled (`models/build/accurate/package.py`), so neither "
        "split is held out for them: test_gold is. Scored end to end through `analyzer.assess`:\n\n"
        + "\n".join(lines)
        + f"\n\nCalibration on dev-test ({len(gold)} sentences, {gold.mean():.1%} check-worthy): Brier score "
          f"**{brier(gold, p):.4f}** as shipped (fitted on dev and dev-test); **{swap['brier']:.4f}** with the "
          f"decision point and slope fitted on dev alone (held out: F1 {swap['f1']:.3f}); "
          f"{brier(gold, np.full_like(p, scored['dev'][0].mean())):.4f} for a constant at dev's share.\n\n"
        + "\n".join(rows)
        + f"\n\nLoading the model (onnxruntime session, checksums verified): {load_s * 1000:.0f} ms. On the "
          f"{len(texts):,} dev sentences the pipeline without the stage took {rest:.2f} s and `geo_checkworthiness` "
          f"{stage_s:.2f} s: **{100 * stage_s / rest:.1f}%** of the rest of the pipeline (one onnxruntime thread; "
          "the corpus bench gives the cost on news).\n"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    args = ap.parse_args()
    shared = Path(args.shared)
    if not (shared / "datasets" / "clef2024_task1_checkworthy_en").exists():
        sys.exit(f"need {shared}/datasets/clef2024_task1_checkworthy_en")
    body = default_mode(shared) + "\n" + accurate_mode(shared)
    print(body)
    write_section("checkworthiness", "python bench/checkworthiness.py", body)


if __name__ == "__main__":
    main()
