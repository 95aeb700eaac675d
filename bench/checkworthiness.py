"""Check-worthiness: F1 of the positive class (the official CLEF metric; a score >= 0.5 is check-worthy) of
the shipped model, run end to end through `analyzer.assess` on CLEF-2024 CheckThat! Task 1 English, its
load time, and what the stage adds to the pipeline's time.

    python bench/checkworthiness.py [--shared ../shared]

Data (read from ../shared, never copied): clef2024_task1_checkworthy_en. train fitted the model and dev and
dev-test, pooled, chose its settings and decision point (models/build/train_checkworthiness.py); test_gold (the
official test set) is scored only here.
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


def calibration(scored: dict[str, tuple[np.ndarray, np.ndarray]]) -> str:
    """How well the sentence model's scores read as probabilities on dev-test: the Brier score as shipped and
    after a Platt map fitted on dev, and a 10-bin reliability table (issue 19)."""
    gold, p = scored["dev-test"]
    platt = platt_on(*scored["dev"])
    rows = ["| scores | bin | sentences | mean score | check-worthy share |", "|---|---|---:|---:|---:|"]
    for k in range(10):
        lo, hi = k / 10, (k + 1) / 10
        inside = (p >= lo) & ((p < hi) if k < 9 else (p <= hi))
        if inside.any():
            rows.append(f"| as shipped | {lo:.1f}-{hi:.1f} | {int(inside.sum())} | {p[inside].mean():.3f} | "
                        f"{gold[inside].mean():.3f} |")
    return (f"Calibration on dev-test ({len(gold)} sentences, {gold.mean():.1%} check-worthy; dev has "
            f"{scored['dev'][0].mean():.1%}): Brier score **{brier(gold, p):.4f}** as shipped, "
            f"{brier(gold, platt(p)):.4f} after a Platt map fitted on dev (not applied: the share of check-worthy "
            "sentences differs between dev and dev-test, and the map makes dev-test worse), "
            f"{brier(gold, np.full_like(p, scored['dev'][0].mean())):.4f} for a constant at dev's share.\n\n"
            + "\n".join(rows))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    args = ap.parse_args()
    shared = Path(args.shared)
    if not (shared / "datasets" / "clef2024_task1_checkworthy_en").exists():
        sys.exit(f"need {shared}/datasets/clef2024_task1_checkworthy_en")
    import analyzer
    from analyzer.checkworthiness.component import GeoCheckworthiness

    t0 = time.perf_counter()
    GeoCheckworthiness().initialize()
    load_s = time.perf_counter() - t0
    nlp = analyzer.load()
    meta = nlp.get_pipe("geo_checkworthiness").meta

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

    texts, _ = read_split(shared, "dev")
    names = nlp.pipe_names
    t0 = time.perf_counter()
    docs = list(nlp.pipe(texts, disable=["geo_checkworthiness", "geo_claims"]))
    rest = time.perf_counter() - t0
    stage = nlp.get_pipe("geo_checkworthiness")
    t0 = time.perf_counter()
    for _ in stage.pipe(docs):  # as nlp.pipe runs it: a batch of documents at once
        pass
    stage_s = time.perf_counter() - t0
    body = (
        f"Model: `analyzer/checkworthiness/data/model.npz` (card: `models/checkworthiness.md`), scikit-learn "
        f"{meta['scikit_learn']}, C={meta['C']}, signal weight {meta['signal_weight']}; trained on CLEF-2024 train, "
        "settings and decision point chosen on dev and dev-test pooled. Scored end to end through `analyzer.assess` (one row per sentence, unsplit):\n\n"
        + "\n".join(lines)
        + "\n\n" + calibration(scored)
        + f"\n\nLoading the model (checksum verified): {load_s * 1000:.0f} ms. On the {len(texts):,} dev sentences "
          f"the pipeline without the stage took {rest:.2f} s and `geo_checkworthiness` {stage_s:.2f} s: "
          f"**{100 * stage_s / rest:.1f}%** of the rest of the pipeline ({', '.join(names)}).\n"
    )
    print(body)
    write_section("checkworthiness", "python bench/checkworthiness.py", body)


if __name__ == "__main__":
    main()
