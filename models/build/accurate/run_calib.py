"""Calibration and ensembles, from the dev/dev-test scores that run_lr.py and run_finetune.py saved (no test_gold).

For each model (default, emb, concat, ft when present) and each ensemble (the mean of the Platt-calibrated
probabilities of two or three models; threshold chosen on dev): dev F1 at the dev threshold, dev-test F1;
Brier score and ECE on dev-test of the raw probability (sigmoid of the margin, for the LR models that is their own
predict_proba), of Platt (fitted on dev) and of isotonic (fitted on dev); a 10-bin reliability table on dev-test of
each model's Platt probabilities. Ensembles are saved to cache/models/ens_<a>+<b>.pkl (members, dev threshold).

    python models/build/accurate/run_calib.py
"""

from __future__ import annotations

import itertools
import pickle

import numpy as np

from common import (
    CACHE,
    HERE,
    Isotonic,
    Platt,
    ap,
    best_threshold,
    brier,
    ece,
    f1,
    load_data,
    md_table,
    reliability,
    save_json,
)

data = load_data(("dev", "dev-test"))
gold = {s: data[s][1] for s in data}
names = [n for n in ("default", "emb", "concat", "ft") if (CACHE / f"scores_{n}_dev.npy").exists()]
z = {n: {s: np.load(CACHE / f"scores_{n}_{s}.npy") for s in ("dev", "dev-test")} for n in names}
prob = {}  # Platt probabilities per model (fitted on dev)
rows, rel_blocks, res = [], [], {}
for n in names:
    platt = Platt().fit(z[n]["dev"], gold["dev"])
    iso = Isotonic().fit(z[n]["dev"], gold["dev"])
    prob[n] = {s: platt(z[n][s]) for s in ("dev", "dev-test")}
    t, fd = best_threshold(gold["dev"], z[n]["dev"])
    raw = 1 / (1 + np.exp(-z[n]["dev-test"]))
    r = {
        "dev_f1": fd,
        "devtest_f1": f1(gold["dev-test"], z[n]["dev-test"] >= t),
        "dev_ap": ap(gold["dev"], z[n]["dev"]),
        "devtest_f1_oracle": best_threshold(gold["dev-test"], z[n]["dev-test"])[1],
        "dev_pos_rate_at_thr": float((z[n]["dev"] >= t).mean()),
        "devtest_pos_rate_at_thr": float((z[n]["dev-test"] >= t).mean()),
        "devtest_ap": ap(gold["dev-test"], z[n]["dev-test"]),
        "brier_raw": brier(gold["dev-test"], raw),
        "brier_platt": brier(gold["dev-test"], prob[n]["dev-test"]),
        "brier_isotonic": brier(gold["dev-test"], iso(z[n]["dev-test"])),
        "ece_raw": ece(gold["dev-test"], raw),
        "ece_platt": ece(gold["dev-test"], prob[n]["dev-test"]),
        "ece_isotonic": ece(gold["dev-test"], iso(z[n]["dev-test"])),
    }
    res[n] = r
    rel_blocks.append(
        (n, reliability(gold["dev-test"], prob[n]["dev-test"]), reliability(gold["dev-test"], iso(z[n]["dev-test"])))
    )
    rows.append(
        [
            n,
            r["dev_ap"],
            r["dev_f1"],
            r["devtest_ap"],
            r["devtest_f1"],
            r["devtest_f1_oracle"],
            r["brier_raw"],
            r["brier_platt"],
            r["brier_isotonic"],
            r["ece_raw"],
            r["ece_platt"],
            r["ece_isotonic"],
        ]
    )

ens_rows = []
for k in (2, 3):
    for combo in itertools.combinations(names, k):
        if "ft" not in combo and k == 2 and not ({"emb", "default"} == set(combo)):
            continue  # ensembles of interest: with the fine-tuned model, and default+emb
        pd_ = {s: np.mean([prob[n][s] for n in combo], axis=0) for s in ("dev", "dev-test")}
        t, fd = best_threshold(gold["dev"], pd_["dev"])
        name = "+".join(combo)
        r = {
            "members": list(combo),
            "threshold": t,
            "dev_f1": fd,
            "devtest_f1": f1(gold["dev-test"], pd_["dev-test"] >= t),
            "dev_ap": ap(gold["dev"], pd_["dev"]),
            "devtest_ap": ap(gold["dev-test"], pd_["dev-test"]),
            "devtest_f1_oracle": best_threshold(gold["dev-test"], pd_["dev-test"])[1],
            "brier": brier(gold["dev-test"], pd_["dev-test"]),
            "ece": ece(gold["dev-test"], pd_["dev-test"]),
        }
        res[name] = r
        with open(CACHE / "models" / f"ens_{name}.pkl", "wb") as fh:
            pickle.dump(r, fh)
        ens_rows.append(
            [
                name,
                r["dev_ap"],
                r["dev_f1"],
                r["devtest_ap"],
                r["devtest_f1"],
                r["devtest_f1_oracle"],
                r["brier"],
                r["ece"],
            ]
        )

out = [
    "## Calibration and ensembles (run_calib.py; fitted on dev, measured on dev-test)\n",
    md_table(
        [
            "model",
            "dev AP",
            "dev F1 (dev thr)",
            "dev-test AP",
            "dev-test F1 (dev thr)",
            "dev-test F1 (own best thr: oracle, diagnostic only)",
            "Brier raw",
            "Brier Platt",
            "Brier isotonic",
            "ECE raw",
            "ECE Platt",
            "ECE isotonic",
        ],
        rows,
    ),
    "",
    "Raw = sigmoid of the model's margin (for `default`, `concat` and `emb` with balanced weights that is a "
    "probability under "
    "balanced classes, so it over-predicts). dev-test base rate: "
    f"{gold['dev-test'].mean():.3f}; dev: {gold['dev'].mean():.3f}.\n",
    "### Ensembles: mean of the members' Platt probabilities, threshold chosen on dev\n",
    md_table(
        [
            "ensemble",
            "dev AP",
            "dev F1",
            "dev-test AP",
            "dev-test F1",
            "dev-test F1 (oracle thr)",
            "Brier (dev-test)",
            "ECE (dev-test)",
        ],
        ens_rows,
    ),
    "",
]
for n, rel_p, rel_i in rel_blocks:
    out.append(f"### Reliability on dev-test: {n} (Platt | isotonic, both fitted on dev)\n")
    out.append(
        md_table(
            ["bin", "n (Platt)", "mean p (Platt)", "observed (Platt)", "n (iso)", "mean p (iso)", "observed (iso)"],
            [[a[0], a[1], a[2], a[3], b[1], b[2], b[3]] for a, b in zip(rel_p, rel_i, strict=True)],
        )
        + "\n"
    )
(HERE / "results_calib.md").write_text("\n".join(out), encoding="utf8")
save_json(HERE / "results_calib.json", res)
print("\n".join(out))
