"""Check-worthiness: do cheap additions to the shipped model's features generalise beyond CLEF-2024's own
train/dev? The variants are judged on data from other debates, never on the reporting splits.

    python bench/checkworthiness_variants.py [--shared ../shared]

Each variant is a logistic regression fitted on CLEF-2024 train (as models/build/train_checkworthiness.py)
over some of: hashed word n-grams, hashed character n-grams, the pipeline's signals, and the base model's
own contextual token vectors (`doc.tensor`, mean and max over the sentence: free, the parse computes them).
Judged by average precision on
- CLEF-2024 dev (same source as train), and
- a "shift" set: the train files of CLEF-2019 Task 1 and CLEF-2020 Task 5 (other debates and speeches,
  labelled by fact-checkers' choices), sentences also in CLEF-2024 train/dev removed, every positive and
  8,000 negatives drawn with a fixed seed.
F1 on dev-test and test_gold (decision point calibrated on dev) is printed after the choice, for the record.
"""
from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "models" / "build"))

from _results import write_section  # noqa: E402
from train_checkworthiness import CACHE, SPLITS, f1, idf, pipeline_signals, read_split  # noqa: E402

# name: (weight of words, characters, signals, token vectors), C
VARIANTS = {
    "shipped: words + characters + signals": ((1, 1, 1, 0), 2.0),
    "same, C = 0.5": ((1, 1, 1, 0), 0.5),
    "+ token vectors (x0.05)": ((1, 1, 1, 0.05), 2.0),
    "+ token vectors (x0.1), C = 1": ((1, 1, 1, 0.1), 1.0),
    "words + signals": ((1, 0, 1, 0), 2.0),
    "characters + signals": ((0, 1, 1, 0), 2.0),
    "words + characters": ((1, 1, 0, 0), 2.0),
    "signals + token vectors": ((0, 0, 1, 0.2), 1.0),
    "signals only": ((0, 0, 1, 0), 1.0),
}


def shift_set(shared: Path) -> tuple[list[str], np.ndarray]:
    seen = {t.lower() for s in ("train", "dev") for t in read_split(shared, s)[0]}
    rows: dict[str, tuple[str, bool]] = {}
    for name in ("clef2019_task1_debates_en", "clef2020_task5_debates_en"):
        for path in sorted((shared / "datasets" / name / "train").glob("*.tsv")):
            for line in path.read_text(encoding="utf8").splitlines():
                cells = line.split("\t")
                if len(cells) < 4 or len(cells[2].split()) < 3 or cells[2].strip().lower() in seen:
                    continue
                text = cells[2].strip()
                rows[text.lower()] = (text, rows.get(text.lower(), (text, False))[1] or cells[3].strip() == "1")
    items = sorted(rows.values())
    pos = [r for r in items if r[1]]
    neg = [r for r in items if not r[1]]
    random.Random(0).shuffle(neg)
    items = pos + neg[:8000]
    return [t for t, _ in items], np.array([y for _, y in items])


def token_vectors(texts: list[str], workers: int) -> np.ndarray:
    import spacy

    from analyzer.pipeline import default_model

    nlp = spacy.load(default_model(), disable=["ner", "lemmatizer"])
    rows = []
    for doc in nlp.pipe(texts, batch_size=256, n_process=workers):
        t = doc.tensor
        rows.append(np.concatenate([t.mean(0), t.max(0)]) if len(t) else np.zeros(2 * t.shape[1], np.float32))
    return np.vstack(rows).astype(np.float32)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()
    shared = Path(args.shared)
    from scipy import sparse
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import average_precision_score

    from analyzer.checkworthiness.features import N_CHAR, N_WORD, matrix

    if not CACHE.exists():
        sys.exit(f"run models/build/train_checkworthiness.py first (it caches the pipeline signals in {CACHE})")
    data = {s: read_split(shared, s) for s in SPLITS}
    data["shift"] = shift_set(shared)
    sig = dict(np.load(CACHE))
    print(f"shift set: {len(data['shift'][0]):,} sentences, {int(data['shift'][1].sum())} check-worthy", flush=True)
    sig["shift"] = pipeline_signals(data["shift"][0], args.workers)
    names = (*SPLITS, "shift")
    vec = {s: token_vectors(data[s][0], args.workers) for s in names}
    mu, sd = vec["train"].mean(0), vec["train"].std(0) + 1e-6
    iw, ic = idf(data["train"][0])
    base = {s: matrix(data[s][0], sig[s], iw, ic, 1.0) for s in names}
    y = {s: data[s][1] for s in names}

    lines = ["| variant | dev AP | shift AP | dev-test F1 | test_gold F1 |", "|---|---:|---:|---:|---:|"]
    for label, ((ww, wc, ws, wt), c) in VARIANTS.items():
        x = {}
        for s in names:
            m = base[s]
            blocks = [b * w for b, w in ((m[:, :N_WORD], ww), (m[:, N_WORD:N_WORD + N_CHAR], wc),
                                         (m[:, N_WORD + N_CHAR:], ws)) if w]
            if wt:
                blocks.append(sparse.csr_matrix((vec[s] - mu) / sd * wt))
            x[s] = sparse.hstack(blocks, format="csr")
        model = LogisticRegression(C=c, max_iter=3000, solver="liblinear", class_weight="balanced")
        model.fit(x["train"], y["train"])
        z = {s: model.decision_function(x[s]) for s in names}
        cut = max(np.quantile(z["dev"], np.linspace(0.3, 0.95, 66)), key=lambda t: f1(y["dev"], z["dev"] >= t))
        row = (average_precision_score(y["dev"], z["dev"]), average_precision_score(y["shift"], z["shift"]),
               f1(y["dev-test"], z["dev-test"] >= cut), f1(y["test_gold"], z["test_gold"] >= cut))
        lines.append(f"| {label} | " + " | ".join(f"{v:.3f}" for v in row) + " |")
        print(lines[-1], flush=True)
    body = (__doc__.split("\n\n", 2)[2].strip() + "\n\n" + "\n".join(lines) + "\n\nAP = average precision of the "
            "check-worthy class. The shift set's labels are sparser and stricter (sentences fact-checkers chose), so "
            "its AP is low for every variant; what matters is whether a variant moves it.")
    write_section("checkworthiness variants", "python bench/checkworthiness_variants.py", body)


if __name__ == "__main__":
    main()
