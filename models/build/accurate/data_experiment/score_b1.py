"""Data experiment, step 4: score an int8 ONNX model as the runtime runs it (the accurate mode's SentenceModel,
one sentence per run, via package.read_margins) on dev and dev-test; save the margins and print the pooled
metrics (pooled_common.evaluate: AP per split and pooled, F1 at the pooled-best threshold). test_gold is never
read. Runs in the project's Python (onnxruntime + tokenizers; no torch).

    python score_b1.py --model M.onnx --tokenizer tokenizer.json --name NAME [--work W]

Writes <work>/scores/<NAME>_b1_{dev,dev-test}.npy (prefix for seeds/bootstrap_ap.py) and
<work>/data_experiment/score_<NAME>_b1.json.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent / "seeds"), str(HERE.parent)]
from pooled_common import base_args, evaluate, save_json  # noqa: E402

p = base_args(__doc__.splitlines()[0])
p.add_argument("--model", type=Path, required=True)
p.add_argument("--tokenizer", type=Path, required=True)
p.add_argument("--name", required=True)
args = p.parse_args()

from package import read_margins  # noqa: E402  (the runtime's SentenceModel over the file, batch 1)

shared = args.shared or args.repo.parent / "shared"
m = read_margins(args.model, args.tokenizer, shared)
(args.work / "scores").mkdir(parents=True, exist_ok=True)
for s in ("dev", "dev-test"):
    np.save(args.work / "scores" / f"{args.name}_b1_{s}.npy", m[s][0])
res = {"model": str(args.model), **evaluate(m["dev"][0], m["dev-test"][0], m["dev"][1], m["dev-test"][1])}
# percentile bootstrap of the pooled AP: seeds/bootstrap_ap.py's resampling (2000, stratified by split, rng 0)
from sklearn.metrics import average_precision_score  # noqa: E402

z, y, nd = (
    np.concatenate([m["dev"][0], m["dev-test"][0]]),
    np.concatenate([m["dev"][1], m["dev-test"][1]]),
    len(m["dev"][1]),
)
rng = np.random.default_rng(0)
boot = []
for _ in range(2000):
    i = np.concatenate([rng.integers(0, nd, nd), nd + rng.integers(0, len(y) - nd, len(y) - nd)])
    boot.append(average_precision_score(y[i], z[i]))
res["pooled_ap_ci95"] = [float(np.quantile(boot, 0.025)), float(np.quantile(boot, 0.975))]
save_json(args.work / "data_experiment" / f"score_{args.name}_b1.json", res)
print(json.dumps({k: round(v, 4) if isinstance(v, float) else v for k, v in res.items()}, indent=1))
