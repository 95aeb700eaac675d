"""Experiment 19b: assemble the shipping folder for the chosen int8 model: model.onnx, tokenizer.json and
meta.json (threshold maximising F1 and Platt map, both fitted on POOLED dev + dev-test margins from onnxruntime
with the inference batching; per-split AP/F1; training settings; sha256 of model.onnx). It re-scores the copied
file from scratch and checks the ONNX contract (inputs input_ids / attention_mask / token_type_ids, one output
"logits" = margin). test_gold is never read.

    python make_ship.py --model M.onnx --tokenizer T.json --out DIR --training '{"seed": 0, ...}' [--batch 16]
"""

import hashlib
import json
import shutil
import tempfile
from pathlib import Path

import numpy as np
import onnx

from pooled_common import MAX_LEN, ap, base_args, best_threshold, evaluate, f1, load_data, platt, prf, save_json
from run_calib_pooled import score

p = base_args(__doc__.splitlines()[0])
p.add_argument("--model", type=Path, required=True)
p.add_argument("--tokenizer", type=Path, required=True)
p.add_argument("--out", type=Path, required=True)
p.add_argument("--training", required=True, help="JSON object: seed, epochs, lr, batch, ... of the chosen run")
p.add_argument("--variant", default="int8 dynamic, all operators, per-channel (onnxruntime quantize_dynamic)")
p.add_argument("--batch", type=int, default=16)
args = p.parse_args()
args.out.mkdir(parents=True, exist_ok=True)
shutil.copyfile(args.model, args.out / "model.onnx")
shutil.copyfile(args.tokenizer, args.out / "tokenizer.json")
g = onnx.load(str(args.out / "model.onnx")).graph
ins, outs = [i.name for i in g.input], [o.name for o in g.output]
assert ins == ["input_ids", "attention_mask", "token_type_ids"], ins
assert outs == ["logits"], outs

data = load_data(args, ("dev", "dev-test"))
yd, yt = data["dev"][1], data["dev-test"][1]
with tempfile.TemporaryDirectory() as tmp:  # score the shipped copy itself, no cache
    z = score(args.out / "model.onnx", args.out / "tokenizer.json", data, Path(tmp), "ship", 1, args.batch)
zd, zt = z["dev"], z["dev-test"]
zp, yp = np.concatenate([zd, zt]), np.concatenate([yd, yt])
ev = evaluate(zd, zt, yd, yt)
thr, _ = best_threshold(yp, zp)
a, b = platt(zp, yp)


def block(z, y):
    pr, rc, f = prf(y, z >= thr)
    return {
        "ap": ap(y, z),
        "f1": f,
        "precision": pr,
        "recall": rc,
        "n": int(len(y)),
        "yes": int(y.sum()),
        "predicted_yes": int((z >= thr).sum()),
    }


sha = hashlib.sha256((args.out / "model.onnx").read_bytes()).hexdigest()
meta = {
    "max_length": MAX_LEN,
    "threshold": thr,
    "platt": [a, b],
    "platt_formula": "p = 1/(1+exp(-(a*margin+b))), margin = output 'logits' (class1 - class0)",
    "dev": block(zd, yd),
    "dev_test": block(zt, yt),
    "pooled": block(zp, yp),
    "swap": {
        "dev_thr_on_dev_test_f1": ev["devtest_f1_at_dev_thr"],
        "dev_threshold": ev["dev_threshold"],
        "dev_test_thr_on_dev_f1": ev["dev_f1_at_devtest_thr"],
        "dev_test_threshold": ev["devtest_threshold"],
    },
    "scoring": {
        "batch_size": args.batch,
        "sorted_by_length": True,
        "padding": "to the longest in the batch",
        "truncation": MAX_LEN,
        "onnxruntime_threads": 1,
        "note": (
            "one sentence per run: margins are independent of other sentences"
            if args.batch == 1
            else "dynamic int8 quantisation makes a margin depend on its batch-mates (up to ~1 logit); "
            "threshold and Platt were fitted with this batching"
        ),
    },
    "onnx": {
        "inputs": ins,
        "output": outs[0],
        "quantisation": args.variant,
        "bytes": (args.out / "model.onnx").stat().st_size,
    },
    "training": json.loads(args.training),
    "sha256": sha,
    "tokenizer_sha256": hashlib.sha256((args.out / "tokenizer.json").read_bytes()).hexdigest(),
}
assert abs(f1(yp, zp >= thr) - meta["pooled"]["f1"]) < 1e-12
save_json(args.out / "meta.json", meta)
print(json.dumps(meta, indent=1))
