"""Experiment 19b, step 3: export one fine-tuned checkpoint (run_finetune_seed.py) to ONNX and quantise it.

* fp32 export: inputs input_ids / attention_mask / token_type_ids (int64, dynamic batch and sequence), one
  output "logits" of shape [batch] = class-1 logit minus class-0 logit (the margin), opset 17, TorchScript
  exporter (as in experiment 19).
* int8: onnxruntime.quantization.quantize_dynamic, QInt8 weights, per-channel, (a) all default operator types
  ("all-ops", about 23 MB, the shipping default) and (b) MatMul only (about 59 MB).
* Fidelity: mean / max |margin - fp32 margin| on dev (onnxruntime, one thread, batch 16 sorted by length) and
  the torch margins against fp32 ONNX. Then pooled threshold + Platt (run_calib_pooled.calibration_report).
* tokenizer.json: the base model's WordPiece saved by transformers (same as experiment 19's).

    python export_quant.py --checkpoint runs/<tag>/epoch<k>.pt --name <name> [--repo R --work W --gt G]

Writes <work>/onnx/<name>/{model_fp32,model_int8_allops_pc,model_int8_matmul_pc}.onnx, tokenizer.json,
<work>/scores/<name>_<variant>_{dev,dev-test}.npy and <work>/export_<name>.json. test_gold is never read.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np

from pooled_common import MAX_LEN, base_args, load_data, save_json
from run_calib_pooled import calibration_report, score

p = base_args(__doc__.splitlines()[0])
p.add_argument("--checkpoint", type=Path, required=True)
p.add_argument("--name", required=True)
p.add_argument("--threads", type=int, default=1)
p.add_argument("--batch", type=int, default=16, help="scoring batch (int8 margins depend on it)")
args = p.parse_args()
out = args.work / "onnx" / args.name
out.mkdir(parents=True, exist_ok=True)
t_start = time.perf_counter()

import torch  # noqa: E402
from onnxruntime.quantization import QuantType, quantize_dynamic  # noqa: E402
from torch_model import Classifier  # noqa: E402  (models/build/accurate/torch_model.py)
from transformers import AutoTokenizer  # noqa: E402

torch.set_num_threads(args.threads)
data = load_data(args, ("dev", "dev-test"))
yd, yt = data["dev"][1], data["dev-test"][1]
tok = AutoTokenizer.from_pretrained(str(args.gt))


model = Classifier(args.gt)
model.load_state_dict(torch.load(args.checkpoint))
model.eval()
fp32 = out / "model_fp32.onnx"
e = tok(
    ["a short example sentence", "another one, a little longer than the first"],
    padding=True,
    truncation=True,
    max_length=MAX_LEN,
    return_tensors="pt",
)
dummy = (e["input_ids"], e["attention_mask"], e["token_type_ids"])
names = ["input_ids", "attention_mask", "token_type_ids"]
torch.onnx.export(
    model,
    dummy,
    str(fp32),
    input_names=names,
    output_names=["logits"],
    opset_version=17,
    dynamo=False,
    dynamic_axes={n: {0: "batch", 1: "sequence"} for n in names} | {"logits": {0: "batch"}},
)
tok.backend_tokenizer.save(str(out / "tokenizer.json"))
variants = {
    "allops_pc": {"per_channel": True},
    "matmul_pc": {"op_types_to_quantize": ["MatMul"], "per_channel": True},
}
for v, kw in variants.items():
    quantize_dynamic(str(fp32), str(out / f"model_int8_{v}.onnx"), weight_type=QuantType.QInt8, **kw)

res = {"checkpoint": str(args.checkpoint), "batch": args.batch, "python": sys.version.split()[0]}
z = {}
for v in ("fp32", *variants):
    path = fp32 if v == "fp32" else out / f"model_int8_{v}.onnx"
    z[v] = score(path, out / "tokenizer.json", data, args.work / "scores", f"{args.name}_{v}", args.threads, args.batch)
    r = {"file": str(path), "mb": path.stat().st_size / 1e6}
    if v != "fp32":
        d = np.abs(
            np.concatenate([z[v]["dev"], z[v]["dev-test"]]) - np.concatenate([z["fp32"]["dev"], z["fp32"]["dev-test"]])
        )
        r["pooled_mean_abs_diff_vs_fp32"], r["pooled_max_abs_diff_vs_fp32"] = float(d.mean()), float(d.max())
    r.update(calibration_report(z[v]["dev"], z[v]["dev-test"], yd, yt))
    res[v] = r
    print(v, {k: round(x, 4) for k, x in r.items() if isinstance(x, float)}, flush=True)
# the torch margins saved by the training run, against the fp32 ONNX file
tm = args.checkpoint.parent / args.checkpoint.name.replace(".pt", "").replace("epoch", "margins_epoch")
if Path(f"{tm}_dev.npy").exists():
    res["fp32_max_abs_diff_vs_torch_dev"] = float(np.abs(np.load(f"{tm}_dev.npy") - z["fp32"]["dev"]).max())
    print("fp32 ONNX vs torch, dev max |diff|:", res["fp32_max_abs_diff_vs_torch_dev"])
res["minutes"] = (time.perf_counter() - t_start) / 60
save_json(args.work / f"export_{args.name}.json", res)
