"""Which int8 quantisation of the fine-tuned model (cache/ft/model_fp32.onnx) keeps its margins: quantize_dynamic
variants (all default op types incl. the embedding Gather | MatMul only; per-tensor | per-channel). Chosen on dev
by the mean absolute difference from the fp32 margins (fidelity; no labels); dev AP/F1 and dev-test F1 reported.
The chosen file becomes the `ft` model: cache/ft/model_int8.onnx is replaced by it and cache/models/ft.pkl
(threshold, Platt, isotonic: fitted on dev) and cache/scores_ft_*.npy are rewritten.

    python models/build/accurate/run_quant.py
"""

from __future__ import annotations

import pickle
import shutil

import numpy as np
from onnxruntime.quantization import QuantType, quantize_dynamic

from common import CACHE, HERE, Isotonic, Platt, ap, best_threshold, f1, load_data, md_table, save_json
from encoder import OnnxEncoder

FT = CACHE / "ft"
data = load_data(("dev", "dev-test"))
gold = {s: data[s][1] for s in data}


def scores(path):
    enc = OnnxEncoder(path, FT / "tokenizer.json", max_length=64, threads=1, output="logits")
    return {s: enc.encode(data[s][0], batch_size=32) for s in data}


ref = scores(FT / "model_fp32.onnx")
variants = {
    "all ops, per-tensor (first export)": {},
    "all ops, per-channel": {"per_channel": True},
    "MatMul only, per-tensor": {"op_types_to_quantize": ["MatMul"]},
    "MatMul only, per-channel": {"op_types_to_quantize": ["MatMul"], "per_channel": True},
}
rows, res, z = [], {}, {}
for k, (name, kw) in enumerate(variants.items()):
    path = FT / f"model_int8_v{k}.onnx"
    quantize_dynamic(str(FT / "model_fp32.onnx"), str(path), weight_type=QuantType.QInt8, **kw)
    zz = scores(path)
    t, fd = best_threshold(gold["dev"], zz["dev"])
    d = np.abs(zz["dev"] - ref["dev"])
    r = {
        "file": path.name,
        "mb": path.stat().st_size / 1e6,
        "dev_mean_abs_diff": float(d.mean()),
        "dev_max_abs_diff": float(d.max()),
        "dev_ap": ap(gold["dev"], zz["dev"]),
        "dev_f1": fd,
        "threshold": t,
        "devtest_ap": ap(gold["dev-test"], zz["dev-test"]),
        "devtest_f1": f1(gold["dev-test"], zz["dev-test"] >= t),
    }
    res[name], z[name] = r, zz
    rows.append(
        [
            name,
            round(r["mb"], 1),
            r["dev_mean_abs_diff"],
            r["dev_max_abs_diff"],
            r["dev_ap"],
            r["dev_f1"],
            r["devtest_ap"],
            r["devtest_f1"],
        ]
    )
    print(name, r, flush=True)
t, fd = best_threshold(gold["dev"], ref["dev"])
rows.append(
    [
        "fp32 (reference)",
        round((FT / "model_fp32.onnx").stat().st_size / 1e6, 1),
        0.0,
        0.0,
        ap(gold["dev"], ref["dev"]),
        fd,
        ap(gold["dev-test"], ref["dev-test"]),
        f1(gold["dev-test"], ref["dev-test"] >= t),
    ]
)
best = min(res, key=lambda n: res[n]["dev_mean_abs_diff"])
print("chosen:", best)
shutil.copyfile(FT / res[best]["file"], FT / "model_int8.onnx")
zz = z[best]
for s in data:
    np.save(CACHE / f"scores_ft_{s}.npy", zz[s])
with open(CACHE / "models" / "ft.pkl", "wb") as fh:
    pickle.dump(
        {
            "model": str(FT / "model_int8.onnx"),
            "threshold": res[best]["threshold"],
            "platt": Platt().fit(zz["dev"], gold["dev"]),
            "isotonic": Isotonic().fit(zz["dev"], gold["dev"]),
            "config": {**res[best], "variant": best},
        },
        fh,
    )
out = (
    "## Quantisation of the fine-tuned model (run_quant.py; chosen on dev by fidelity to fp32)\n\n"
    + md_table(
        [
            "variant",
            "MB",
            "dev mean |diff| vs fp32",
            "dev max |diff|",
            "dev AP",
            "dev F1",
            "dev-test AP",
            "dev-test F1 (dev thr)",
        ],
        rows,
    )
    + f"\n\nChosen: **{best}**.\n"
)
(HERE / "results_quant.md").write_text(out, encoding="utf8")
save_json(HERE / "results_quant.json", {"variants": res, "chosen": best})
print(out)
