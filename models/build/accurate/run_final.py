"""test_gold, once, for the finalists chosen before it was seen (FINALISTS below, fixed from dev/dev-test results).
Every model, threshold and calibrator is the one saved in cache/models/ (fitted on train, chosen on dev); nothing
is refitted or changed here. Refuses to run again when results_final.json exists (pass --force only to
re-print the same numbers after a crash; the numbers cannot change since nothing is fitted).

    python models/build/accurate/run_final.py
"""

from __future__ import annotations

import argparse
import pickle

import numpy as np
from scipy import sparse

from common import CACHE, HERE, ap, brier, load_data, md_table, prf, save_json

FINALISTS = [
    "ft",
    "default+ft",
    "concat",
]  # fixed on dev before test_gold was scored: the dev-best single model, ensemble (dev F1), of experiments 1-2

p = argparse.ArgumentParser()
p.add_argument("--force", action="store_true")
p.add_argument("finalists", nargs="*", default=FINALISTS)
args = p.parse_args()
if (HERE / "results_final.json").exists() and not args.force:
    raise SystemExit("results_final.json exists: test_gold was already scored once")

texts, gold = load_data(("test_gold",))["test_gold"]
emb = np.load(CACHE / "emb_int8_test_gold.npy")
with np.load(CACHE / "signals_shipped.npz") as npz:
    sig = npz["test_gold"]


def margin(name: str) -> np.ndarray:
    m = pickle.load(open(CACHE / "models" / f"{name}.pkl", "rb"))
    if name in ("default", "concat"):
        from analyzer.checkworthiness.features import matrix

        x = matrix(texts, sig, *m["model"]["idf"], 1.0)
        if name == "concat":
            x = sparse.hstack([x, sparse.csr_matrix(emb * m["model"]["emb_weight"])], format="csr")
        return m["model"]["lr"].decision_function(x)
    if name == "emb":
        return m["model"].decision_function(emb)
    if name == "ft":
        from encoder import OnnxEncoder

        return OnnxEncoder(
            m["model"], CACHE / "ft" / "tokenizer.json", max_length=64, threads=1, output="logits"
        ).encode(texts)
    raise KeyError(name)


cache, rows, res = {}, [], {}
for name in args.finalists:
    members = name.split("+")
    probs = []
    for n in members:
        if n not in cache:
            cache[n] = margin(n)
        probs.append(pickle.load(open(CACHE / "models" / f"{n}.pkl", "rb"))["platt"](cache[n]))
    if len(members) == 1:
        m = pickle.load(open(CACHE / "models" / f"{name}.pkl", "rb"))
        pred, score, prob = cache[name] >= m["threshold"], cache[name], probs[0]
    else:
        e = pickle.load(open(CACHE / "models" / f"ens_{name}.pkl", "rb"))
        prob = np.mean(probs, axis=0)
        pred, score = prob >= e["threshold"], prob
    pr, rc, f = prf(gold, pred)
    res[name] = {
        "P": pr,
        "R": rc,
        "F1": f,
        "AP": ap(gold, score),
        "brier_platt": brier(gold, prob),
        "predicted_yes": int(pred.sum()),
    }
    rows.append([name, pr, rc, f, res[name]["AP"], res[name]["brier_platt"], int(pred.sum())])
    print(name, res[name], flush=True)
out = (
    f"## test_gold ({len(texts)} sentences, {int(gold.sum())} check-worthy), scored once (run_final.py)\n\n"
    + md_table(["finalist", "P", "R", "F1 (positive class)", "AP", "Brier (Platt from dev)", "predicted Yes"], rows)
    + "\n"
)
(HERE / "results_final.md").write_text(out, encoding="utf8")
save_json(HERE / "results_final.json", res)
print(out)
