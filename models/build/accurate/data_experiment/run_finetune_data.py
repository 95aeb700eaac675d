"""Data experiment, step 2: fine-tune all-MiniLM-L6-v2 with v1's recipe (training.json: seed 0, 2 epochs, lr
5e-5, batch 32, max length 64, AdamW with weight decay 0.01, 6% warm-up then linear decay, BCE on the margin,
grad-norm clip 1.0; torch_model.py) on a training set written by build_data.py instead of CT24 train. The loop
is seeds/run_finetune_seed.py's; only the training sentences differ. After each epoch: a checkpoint and the
torch margins of dev and dev-test with their pooled metrics (pooled_common.evaluate). test_gold is never read.
The candidate is epoch 2 (v1's epoch count; no epoch selection).

    python run_finetune_data.py --variant sub [--threads 1] [--repo R --work W --gt G]

Writes <work>/runs/data_<variant>/{epoch<k>.pt, margins_epoch<k>_{dev,dev-test}.npy, log.json}.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "seeds"))
from pooled_common import MAX_LEN, base_args, evaluate, load_data, save_json, training_args  # noqa: E402

p = base_args(__doc__.splitlines()[0])
p.add_argument("--variant", choices=("asis", "sub"), required=True)
training_args(p, 30.0)
args = p.parse_args()
tag = f"data_{args.variant}"
out = args.work / "runs" / tag
out.mkdir(parents=True, exist_ok=True)

import torch  # noqa: E402
import torch_model  # noqa: E402  (models/build/accurate/torch_model.py: the classifier, batches, margins)
from torch_model import Classifier  # noqa: E402
from transformers import AutoTokenizer  # noqa: E402

torch.set_num_threads(args.threads)
torch.manual_seed(args.seed)
np.random.seed(args.seed)
data = load_data(args, ("dev", "dev-test"))
with (args.work / "data_experiment" / f"train_{args.variant}.tsv").open(encoding="utf8", newline="") as fh:
    rows = list(csv.reader(fh, delimiter="\t"))[1:]
texts, y = [r[0] for r in rows], np.array([int(r[1]) for r in rows])
print(f"{tag}: {len(texts):,} training sentences, {int(y.sum()):,} check-worthy", flush=True)
tok = AutoTokenizer.from_pretrained(str(args.gt))
yd, yt = data["dev"][1], data["dev-test"][1]


def encode(batch_texts):
    return torch_model.encode(tok, batch_texts, MAX_LEN)


def score_epoch(model, epoch, extra) -> dict:
    zd = torch_model.margins(model, tok, data["dev"][0], MAX_LEN)
    zt = torch_model.margins(model, tok, data["dev-test"][0], MAX_LEN)
    np.save(out / f"margins_epoch{epoch}_dev.npy", zd)
    np.save(out / f"margins_epoch{epoch}_dev-test.npy", zt)
    e = {"epoch": epoch, **extra, **evaluate(zd, zt, yd, yt)}
    print({k: round(v, 4) if isinstance(v, float) else v for k, v in e.items()}, flush=True)
    return e


model = Classifier(args.gt)
log = {"tag": tag, "train_sentences": len(texts), "train_pos": int(y.sum()),
       "args": {k: str(v) if isinstance(v, Path) else v for k, v in vars(args).items()}, "epochs": []}
torch_model.fine_tune(model, texts, y, args, log, out, encode, score_epoch, save_json)
