"""Experiment 19b: fine-tune all-MiniLM-L6-v2 as a check-worthiness sentence classifier, one run per seed / lr /
epoch count. The recipe is experiment 19's (run_finetune.py): mean pooling over the attention mask + a linear
head (2 classes; the model's output is the margin class1 - class0), BCE on the margin, AdamW (weight decay
0.01), 6% linear warm-up then linear decay, grad-norm clip 1.0, max_seq_len 64, batch 32, batches of similar
length. torch and transformers are needed at BUILD time only.

After each epoch: a checkpoint <work>/runs/<tag>/epoch<k>.pt, the torch margins of dev and dev-test
(margins_epoch<k>_{dev,dev-test}.npy) and their metrics (pooled_common.evaluate: AP on dev, dev-test and the
pooled dev+dev-test set; F1 at the pooled-best threshold). The epoch and run are chosen later, by POOLED AP
(select_and_export.py). test_gold is never read.

    python run_finetune_seed.py --seed 1 --lr 5e-5 --epochs 2 --threads 1 [--repo R --work W --gt G]
    python run_finetune_seed.py --score-only CKPT --tag NAME    # margins + metrics of an existing checkpoint
"""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np

from pooled_common import MAX_LEN, base_args, evaluate, load_data, save_json, training_args

p = base_args(__doc__.splitlines()[0])
training_args(p, 14.0)
p.add_argument("--tag", default=None, help="run folder name (default s<seed>_lr<lr>_e<epochs>)")
p.add_argument("--score-only", type=Path, default=None, help="score this checkpoint instead of training")
args = p.parse_args()
tag = args.tag or f"s{args.seed}_lr{args.lr:g}_e{args.epochs}"
out = args.work / "runs" / tag
out.mkdir(parents=True, exist_ok=True)

import torch  # noqa: E402
import torch_model  # noqa: E402  (models/build/accurate/torch_model.py: the classifier, batches, margins)
from torch_model import Classifier  # noqa: E402
from transformers import AutoTokenizer  # noqa: E402

torch.set_num_threads(args.threads)
torch.manual_seed(args.seed)
np.random.seed(args.seed)
data = load_data(args)
tok = AutoTokenizer.from_pretrained(str(args.gt))
yd, yt = data["dev"][1], data["dev-test"][1]


def encode(texts):
    return torch_model.encode(tok, texts, MAX_LEN)


def margins(model, texts, size=64):
    return torch_model.margins(model, tok, texts, MAX_LEN, size)


def score_epoch(model, epoch, extra) -> dict:
    t0 = time.perf_counter()
    zd, zt = margins(model, data["dev"][0]), margins(model, data["dev-test"][0])
    np.save(out / f"margins_epoch{epoch}_dev.npy", zd)
    np.save(out / f"margins_epoch{epoch}_dev-test.npy", zt)
    e = {"epoch": epoch, **extra, "score_s": time.perf_counter() - t0, **evaluate(zd, zt, yd, yt)}
    print({k: round(v, 4) if isinstance(v, float) else v for k, v in e.items()}, flush=True)
    return e


model = Classifier(args.gt)
log = {"tag": tag, "args": {k: str(v) if isinstance(v, Path) else v for k, v in vars(args).items()}, "epochs": []}
if args.score_only:
    model.load_state_dict(torch.load(args.score_only))
    log["epochs"].append(score_epoch(model, 0, {"checkpoint": str(args.score_only)}))
    save_json(out / "log.json", log)
    raise SystemExit(0)

texts, y = data["train"]
torch_model.fine_tune(model, texts, y, args, log, out, encode, score_epoch, save_json)
