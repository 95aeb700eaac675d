"""Does stacking the two check-worthiness models help the accurate mode? One experiment, reported, not shipped.

    python models/build/accurate/stack_experiment.py [--shared ../shared]

The stack: ``p = sigmoid(a * accurate_margin + b * default_logit + c)``, a logistic regression (unregularised,
scikit-learn ``C=1e6``, as the Platt maps of bench/checkworthiness.py) over
- the accurate margin: the shipped int8 MiniLM's margin of each sentence, by the runtime's SentenceModel over the
  shipped files (`package.read_margins`, as `package.py --check` computes it);
- the default logit: the shipped default model's logit of each sentence, end to end through `analyzer.assess`
  with `analyzer.load()` (the pipeline's signals of the whole text, as bench/checkworthiness.py scores it); the
  component's score is taken before `assess` rounds it to 4 decimals, and turned back into its logit.
Both models were fitted on train, so (a, b, c) are fitted on **dev only** (the accurate margins on train are
overfitted). Compared with the accurate mode alone under the same protocol:
- "as now": the decision point is the cut that maximises F1 on dev and dev-test pooled (`package.best_threshold`,
  as the shipped accurate mode's threshold); dev-test is held out for (a, b, c) but not for the cut, and dev is
  in-sample for (a, b, c). The accurate mode alone here is the shipped one (a 1-D map is monotone: same ranking).
- cross-fitted: (a, b, c) and the cut are both fitted on one split and scored on the other (fit on dev, score
  dev-test; fit on dev-test, score dev). The accurate mode alone: its cut fitted on the one split.
AP is the average precision of the score on each split (for "as now", dev's AP of the stack is in-sample).
test_gold is never read, not even its labels.

Decision rule, fixed before the run: stacking is worth shipping only if, under "as now", dev-test F1 gains
>= 0.015 AND dev-test AP gains >= 0.005 over the accurate mode alone, AND the cross-fitted F1 and AP gains (on
dev-test fitted on dev, and on dev fitted on dev-test) are all positive (the same sign).

Result (this script, on the models of commit 7808108; REPORT.md, "Stacking the accurate and default models"):
**not worth shipping**. Fitted on dev: a = 1.031 (margin), b = 0.428 (default logit), c = -0.426.
- As now: dev-test F1 0.866 -> 0.879 (+0.013, short of +0.015; 87 true and 3 false positives against 84 and 2)
  and AP 0.9713 -> 0.9692 (-0.002): the ranking is no better, the F1 gain is where the pooled cut lands. dev
  F1 0.949 -> 0.945 (two more false positives), AP equal.
- Cross-fitted: dev-test F1 -0.006, AP -0.002 (fitted on dev); dev F1 +0.004, AP -0.0005 (fitted on dev-test,
  where b comes out negative, -0.103).
The two models' scores correlate 0.91 on dev, 0.86 on dev-test.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[3]
for p in (ROOT, ROOT / "models" / "build", Path(__file__).resolve().parent):
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))

from package import DATA, FILES, SPLITS, best_threshold, read_margins  # noqa: E402
from train_checkworthiness import read_split  # noqa: E402  (bench/checkworthiness.py's reader)

GAIN_F1, GAIN_AP = 0.015, 0.005
BOOT = 2000


def default_logits(shared: Path) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Each split's default-model logits and gold labels, end to end through `analyzer.assess` (default mode),
    the component's unrounded scores captured on the way (its last `score_sentences` call, over the texts whole;
    the pipeline's own pass also scores the sentences it finds)."""
    import analyzer

    nlp = analyzer.load()
    scorer = nlp.get_pipe("geo_checkworthiness")
    captured: list[np.ndarray] = []
    score_sentences = scorer.score_sentences

    def capture(texts, signal_rows):
        p = score_sentences(texts, signal_rows)
        captured.append((list(texts), np.asarray(p, dtype=np.float64)))
        return p

    scorer.score_sentences = capture
    out = {}
    for split in SPLITS:
        texts, gold = read_split(shared, split)
        captured.clear()
        shown = analyzer.assess(texts, nlp=nlp)["checkworthiness"].to_numpy()
        scored, p = captured[-1]
        assert scored == texts and np.array_equal(np.round(p, 4), shown), "not the scores assess reports"
        if not ((p > 0) & (p < 1)).all():
            raise SystemExit(f"{split}: a default score saturated at 0 or 1; its logit is lost")
        out[split] = (np.log(p) - np.log1p(-p), np.asarray(gold, dtype=int))
        print(f"{split}: {len(texts):,} sentences through analyzer.assess", flush=True)
    return out


def prf(gold: np.ndarray, pred: np.ndarray) -> tuple[float, float, float]:
    from sklearn.metrics import precision_recall_fscore_support

    p, r, f, _ = precision_recall_fscore_support(gold, pred, average="binary", zero_division=0)
    return float(p), float(r), float(f)


def ap(gold: np.ndarray, score: np.ndarray) -> float:
    from sklearn.metrics import average_precision_score

    return float(average_precision_score(gold, score))


def fit_stack(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, float]:
    from sklearn.linear_model import LogisticRegression

    m = LogisticRegression(C=1e6, max_iter=1000).fit(x, y)
    return m.coef_[0].astype(float), float(m.intercept_[0])


def row(name: str, gold: np.ndarray, score: np.ndarray, cut: float) -> dict:
    p, r, f = prf(gold, score >= cut)
    return {"name": name, "P": p, "R": r, "F1": f, "AP": ap(gold, score)}


def bootstrap(gold: np.ndarray, alone: tuple[np.ndarray, float], stacked: tuple[np.ndarray, float]):
    """2.5% and 97.5% quantiles of the (F1, AP) gain of ``stacked`` over ``alone`` (each a score and its cut)
    over resamples of the sentences, drawn with replacement."""
    rng = np.random.default_rng(0)
    gains = []
    for _ in range(BOOT):
        i = rng.integers(0, len(gold), len(gold))
        a, s = row("", gold[i], alone[0][i], alone[1]), row("", gold[i], stacked[0][i], stacked[1])
        gains.append((s["F1"] - a["F1"], s["AP"] - a["AP"]))
    return np.quantile(gains, 0.025, axis=0), np.quantile(gains, 0.975, axis=0)


def main() -> None:
    ap_ = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])  # "ap" is the metric
    ap_.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = ap_.parse_args()
    assert "test_gold" not in SPLITS
    margins = read_margins(DATA / FILES["model"], DATA / FILES["tokenizer"], args.shared)
    logits = default_logits(args.shared)
    m = {s: margins[s][0] for s in SPLITS}
    z = {s: logits[s][0] for s in SPLITS}
    y = {s: margins[s][1] for s in SPLITS}
    for s in SPLITS:
        assert (y[s] == logits[s][1]).all(), "the two readers disagree"
    x = {s: np.column_stack([m[s], z[s]]) for s in SPLITS}

    # "as now": (a, b, c) fitted on dev; the cut on dev + dev-test pooled
    coef, c = fit_stack(x["dev"], y["dev"])
    stack = {s: x[s] @ coef + c for s in SPLITS}
    pool_y = np.concatenate([y[s] for s in SPLITS])
    cut_acc = best_threshold(np.concatenate([m[s] for s in SPLITS]), pool_y)
    cut_stack = best_threshold(np.concatenate([stack[s] for s in SPLITS]), pool_y)
    rows = []
    for s in SPLITS:
        rows.append(row(f"{s}, accurate alone (cut pooled)", y[s], m[s], cut_acc))
        rows.append(row(f"{s}, stacked on dev (cut pooled)", y[s], stack[s], cut_stack))
    # cross-fitted: (a, b, c) and the cut on one split, scored on the other
    cross = {}
    for fitted, scored in (SPLITS, SPLITS[::-1]):
        k, k0 = fit_stack(x[fitted], y[fitted])
        cross[fitted] = (k, k0)
        cut_a = best_threshold(m[fitted], y[fitted])
        cut_s = best_threshold(x[fitted] @ k + k0, y[fitted])
        rows.append(row(f"{scored}, accurate alone (cut on {fitted})", y[scored], m[scored], cut_a))
        rows.append(row(f"{scored}, stacked on {fitted} (cut on {fitted})", y[scored], x[scored] @ k + k0, cut_s))

    for s in SPLITS:  # for reference: the default mode as shipped (its cut, logit 0, was chosen pooled)
        rows.append(row(f"{s}, default alone (as shipped, cut pooled)", y[s], z[s], 0.0))
    print("\n| split, variant | P | R | F1 | AP |\n|---|---:|---:|---:|---:|")
    for r in rows:
        print(f"| {r['name']} | {r['P']:.3f} | {r['R']:.3f} | {r['F1']:.3f} | {r['AP']:.4f} |")
    print(f"\ncoefficients fitted on dev: a (accurate margin) {coef[0]:.4f}, b (default logit) {coef[1]:.4f}, "
          f"c {c:.4f}; cut pooled: stack {cut_stack:.4f}, accurate margin {cut_acc:.4f}")
    k, k0 = cross["dev-test"]
    print(f"coefficients fitted on dev-test: a {k[0]:.4f}, b {k[1]:.4f}, c {k0:.4f}")
    sd = {s: (float(np.std(m[s])), float(np.std(z[s]))) for s in SPLITS}
    print("standard deviations (margin, logit): " + ", ".join(f"{s} {a:.3f}, {b:.3f}" for s, (a, b) in sd.items()))
    corr = {s: float(np.corrcoef(m[s], z[s])[0, 1]) for s in SPLITS}
    print("correlation of margin and logit: " + ", ".join(f"{s} {v:.3f}" for s, v in corr.items()))

    def gain(key: str, i: int) -> float:
        return rows[i + 1][key] - rows[i][key]

    f1_gain, ap_gain = gain("F1", 2), gain("AP", 2)  # dev-test, as now
    crossed = [gain(key, i) for i in (4, 6) for key in ("F1", "AP")]
    ship = f1_gain >= GAIN_F1 and ap_gain >= GAIN_AP and all(g > 0 for g in crossed)
    print(f"\ndev-test gains (as now): F1 {f1_gain:+.4f} (need >= {GAIN_F1}), AP {ap_gain:+.4f} (need >= {GAIN_AP}); "
          "cross-fitted gains (dev-test fitted on dev F1, AP; dev fitted on dev-test F1, AP): "
          + ", ".join(f"{g:+.4f}" for g in crossed))
    lo, hi = bootstrap(y["dev-test"], (m["dev-test"], cut_acc), (stack["dev-test"], cut_stack))
    print(f"paired bootstrap of dev-test's sentences ({BOOT} draws, coefficients and cuts fixed), 95% interval of "
          f"the gain: F1 {lo[0]:+.4f} .. {hi[0]:+.4f}, AP {lo[1]:+.4f} .. {hi[1]:+.4f}")
    print("decision:", "worth shipping" if ship else "NOT worth shipping (the rule fails)")


if __name__ == "__main__":
    main()
