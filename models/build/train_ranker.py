"""Train the row model of check-worthiness (analyzer/checkworthiness/rows.py): which rows of an article to
check first.

    python models/build/train_ranker.py [--shared ../shared]          # writes analyzer/checkworthiness/data/ranker.json
    python models/build/train_ranker.py --check                        # rebuilds and compares with the shipped file
    python models/build/train_ranker.py --mode accurate [--check]      # the accurate mode's: ranker_accurate.json

Data: the project's labels of 90 FNC-1 training bodies (bench/data/checkworthiness_rank/labels.jsonl; 0 not worth
checking, 1 worth checking, 2 check first; the texts are read from ../shared/datasets/fnc1_train_bodies). The
model is fitted on the `train` part (50 articles), its settings (C, the target) are chosen and its Platt map
fitted on the `dev` part (20 articles) by NDCG@5; the `test` part (20 articles) is only scored, by
bench/ranking.py. The sentence model's scores are an input, so it is trained after that model, and each
check-worthiness mode (the sentence model it runs) has its own row model.
"""
from __future__ import annotations

import argparse
import csv
import json
import math
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

LABELS = ROOT / "bench" / "data" / "checkworthiness_rank" / "labels.jsonl"
DATA = ROOT / "analyzer" / "checkworthiness" / "data"
PUBLISHED = "2015-01-01"  # the date the rows were labelled under (periods only; no row depends on it)
C_GRID = (0.03, 0.1, 0.3, 1.0, 3.0)
TARGETS = ("first", "graded")


def read_labels() -> dict[str, list[dict]]:
    """doc id -> its labelled rows."""
    out: dict[str, list[dict]] = defaultdict(list)
    with LABELS.open(encoding="utf8") as fh:
        for line in fh:
            rec = json.loads(line)
            out[rec["doc"]].append(rec)
    return dict(out)


def read_texts(shared: Path, ids: set[str]) -> dict[str, str]:
    """The FNC-1 training bodies named ``fnc<Body ID>``."""
    path = shared / "datasets" / "fnc1_train_bodies" / "train_bodies.csv"
    with path.open(encoding="utf8", newline="") as fh:
        texts = {f"fnc{r['Body ID']}": r["articleBody"] for r in csv.DictReader(fh)}
    missing = ids - set(texts)
    if missing:
        sys.exit(f"{path}: no body for {', '.join(sorted(missing)[:5])}")
    return {i: texts[i] for i in ids}


def output(mode: str) -> Path:
    from analyzer.checkworthiness.component import RANKERS

    return DATA / RANKERS[mode]


def labelled_rows(shared: Path, nlp=None):
    """Per labelled article: (doc id, part, feature matrix, labels, sentence scores, old scores) of the rows
    the pipeline gives that carry a label (a row no longer given is counted in `unmatched`)."""
    from analyzer.api import get_pipeline, make_doc
    from analyzer.checkworthiness.rows import features, rows_of
    from analyzer.text import original_text

    labels = read_labels()
    texts = read_texts(shared, set(labels))
    nlp = get_pipeline(nlp)
    ids = sorted(labels)
    docs = nlp.pipe(make_doc(nlp, texts[i], published=PUBLISHED, doc_id=i) for i in ids)
    out, unmatched = [], 0
    for doc_id, doc in zip(ids, docs, strict=True):
        rows = rows_of(doc, [q for q in doc._.quantities or () if q.is_claim], doc._.statements or [],
                       original_text(doc))
        by_key = {(r.kind, r.start_char, r.end_char): k for k, r in enumerate(rows)}
        keep, y, old = [], [], []
        for rec in labels[doc_id]:
            k = by_key.get((rec["kind"], rec["start_char"], rec["end_char"]))
            if k is None:
                unmatched += 1
                continue
            keep.append(k)
            y.append(rec["label"])
            old.append(rec["score_before"])
        x = features(doc, rows)[keep]
        sentence = np.array([rows[k].sentence_score for k in keep])
        out.append((doc_id, labels[doc_id][0]["part"], x, np.array(y), sentence, np.array(old)))
    return out, unmatched


def ndcg_at(labels: np.ndarray, scores: np.ndarray, k: int = 5) -> float:
    """NDCG@k of one article's rows ordered by ``scores`` (ties: text order), gains 2^label - 1."""
    order = sorted(range(len(scores)), key=lambda i: (-scores[i], i))
    gains = [(2.0 ** labels[i] - 1) for i in order[:k]]
    ideal = sorted((2.0 ** g - 1 for g in labels), reverse=True)[:k]
    dcg = sum(g / math.log2(n + 2) for n, g in enumerate(gains))
    best = sum(g / math.log2(n + 2) for n, g in enumerate(ideal))
    return dcg / best if best else 1.0


def mean_ndcg(articles, score_of) -> float:
    return float(np.mean([ndcg_at(a[3], score_of(a)) for a in articles]))


def fit(articles, c: float, target: str) -> np.ndarray:
    """Coefficients (in the order of ROW_FEATURES, the first the bias) of a logistic regression on the rows
    of ``articles``. ``target``: 'first' (label 2 against the rest) or 'graded' (label 1 counts half a
    positive)."""
    from sklearn.linear_model import LogisticRegression

    x = np.vstack([a[2] for a in articles])
    y = np.concatenate([a[3] for a in articles])
    if target == "first":
        xs, ys, ws = x, (y == 2).astype(int), np.ones(len(y))
    else:  # each row twice, as a positive and a negative, weighted by its share of "check first"
        share = y / 2.0
        xs, ys, ws = np.vstack([x, x]), np.r_[np.ones(len(y)), np.zeros(len(y))], np.r_[share, 1 - share]
    model = LogisticRegression(C=c, fit_intercept=False, max_iter=2000)  # the bias is a feature
    model.fit(xs, ys, sample_weight=ws)
    return model.coef_[0]


def platt(articles, coef: np.ndarray) -> tuple[float, float]:
    """The map a * margin + b fitted on ``articles`` (label 2 against the rest)."""
    from sklearn.linear_model import LogisticRegression

    margin = np.concatenate([a[2] @ coef for a in articles])[:, None]
    y = (np.concatenate([a[3] for a in articles]) == 2).astype(int)
    m = LogisticRegression(C=1e6, max_iter=1000).fit(margin, y)
    return float(m.coef_[0][0]), float(m.intercept_[0])


def pipeline(mode: str):
    """The pipeline whose sentence scores a row model of ``mode`` reads. The rows' own scores are not read
    here, so the default mode's row model serves while a mode has none yet."""
    from analyzer import load

    nlp = load()
    if mode != "default":
        pipe = nlp.replace_pipe("geo_checkworthiness", "geo_checkworthiness", config={"mode": mode})
        pipe.initialize(nlp=nlp, ranker_file=output("default"))
    return nlp


def build(shared: Path, mode: str = "default") -> dict:
    from analyzer.checkworthiness.rows import ROW_FEATURES

    articles, unmatched = labelled_rows(shared, pipeline(mode))
    train = [a for a in articles if a[1] == "train"]
    dev = [a for a in articles if a[1] == "dev"]
    tried = []
    for target in TARGETS:
        for c in C_GRID:
            coef = fit(train, c, target)
            tried.append((mean_ndcg(dev, lambda a, coef=coef: a[2] @ coef), target, c, coef))
    best = max(tried, key=lambda t: (round(t[0], 4), -t[2]))  # ties: the smaller C
    dev_ndcg, target, c, coef = best
    a, b = platt(dev, coef)
    return {
        "about": "Which claim-table rows to check first: logistic regression over the sentence's check-worthiness "
                 f"(the {mode} mode's) and the row's traits (analyzer/checkworthiness/rows.py), Platt-calibrated; "
                 "trained by models/build/train_ranker.py, card: models/checkworthiness.md.",
        "features": list(ROW_FEATURES),
        "coef": [round(float(v), 6) for v in coef],
        "platt": [round(a, 6), round(b, 6)],
        "target": target,
        "C": c,
        "training_data": "the project's labels of 90 FNC-1 training bodies (bench/data/checkworthiness_rank): "
                         "fit on train (50 articles), C, target and Platt map chosen on dev (20)",
        "data_licence": "FNC-1 bodies: no licence stated (research use); the labels are the project's own",
        "dev_ndcg5": round(dev_ndcg, 4),
        "tried": [{"target": t, "C": cc, "dev_ndcg5": round(n, 4)} for n, t, cc, _ in tried],
        "rows": {"train": int(sum(len(x[3]) for x in train)), "dev": int(sum(len(x[3]) for x in dev)),
                 "unmatched": unmatched},
    }


def compare(built: dict, shipped: dict, tol: float = 1e-3) -> list[str]:
    """What differs between a rebuilt model and the shipped one: settings exactly, numbers within ``tol`` (another
    scikit-learn or BLAS may move the solver's last digits)."""
    problems = [f"{k}: {built.get(k)!r} != {shipped.get(k)!r}" for k in ("features", "target", "C", "rows")
                if built.get(k) != shipped.get(k)]
    for k in ("coef", "platt"):
        a, b = np.array(built[k]), np.array(shipped[k])
        if a.shape != b.shape or np.abs(a - b).max() > tol:
            problems.append(f"{k}: differs by up to {np.abs(a - b).max() if a.shape == b.shape else 'shape'}")
    return problems


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--check", action="store_true", help="rebuild and compare with the shipped file")
    ap.add_argument("--mode", choices=("default", "accurate"), default="default",
                    help="the check-worthiness mode whose sentence scores the rows read")
    args = ap.parse_args()
    meta = build(Path(args.shared), args.mode)
    out = output(args.mode)
    text = json.dumps(meta, ensure_ascii=False, indent=1) + "\n"
    if args.check:
        problems = compare(meta, json.loads(out.read_text(encoding="utf8")))
        print("the same as the shipped file" if not problems else "DIFFERS from the shipped file:\n  "
              + "\n  ".join(problems))
        sys.exit(1 if problems else 0)
    out.write_text(text, encoding="utf8")
    print(f"wrote {out}: target {meta['target']}, C {meta['C']}, dev NDCG@5 {meta['dev_ndcg5']}")
    for t in meta["tried"]:
        print(f"  {t['target']:7s} C={t['C']:<5} dev NDCG@5 {t['dev_ndcg5']}")


if __name__ == "__main__":
    main()
