"""The fine-tuned classifier at build time (torch and transformers; never imported by the package): MiniLM
with mean pooling over the attention mask and a linear head whose two logits give one margin per sentence,
the length-sorted batches, and the margins of a list of sentences. Shared by run_finetune.py and the scripts
of seeds/ (more seeds, export and quantisation)."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import torch
from transformers import AutoModel


class Classifier(torch.nn.Module):
    def __init__(self, weights: str | Path):
        super().__init__()
        self.bert = AutoModel.from_pretrained(str(weights))
        self.head = torch.nn.Linear(self.bert.config.hidden_size, 2)

    def forward(self, input_ids, attention_mask, token_type_ids):
        h = self.bert(input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids)[0]
        w = attention_mask.unsqueeze(-1).to(h.dtype)
        pooled = (h * w).sum(1) / w.sum(1).clamp(min=1e-9)
        logits = self.head(pooled)
        return logits[:, 1] - logits[:, 0]  # one margin per sentence (>0: check-worthy)


def batches(texts, size, shuffle):
    """Batches of similar length (sorted in chunks of 50 batches), in random order when ``shuffle``."""
    n = len(texts)
    idx = np.random.permutation(n) if shuffle else np.arange(n)
    lens = np.array([len(t) for t in texts])
    chunk = size * 50
    out = []
    for k in range(0, n, chunk):
        part = idx[k : k + chunk]
        part = part[np.argsort(lens[part], kind="stable")]
        out += [part[j : j + size] for j in range(0, len(part), size)]
    if shuffle:
        np.random.shuffle(out)
    return out


def encode(tok, texts, max_len):
    e = tok(texts, padding=True, truncation=True, max_length=max_len, return_tensors="pt")
    return e["input_ids"], e["attention_mask"], e.get("token_type_ids", torch.zeros_like(e["input_ids"]))


@torch.no_grad()
def margins(model, tok, texts, max_len, size=64):
    model.eval()
    out = np.zeros(len(texts), np.float32)
    for b in batches(texts, size, False):
        out[b] = model(*encode(tok, [texts[i] for i in b], max_len)).numpy()
    return out


def step(model, inputs, target, loss_fn, opt, sched) -> float:
    """One optimisation step on a batch (gradients clipped at norm 1); the batch's loss."""
    loss = loss_fn(model(*inputs), target.float())
    loss.backward()
    torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
    opt.step()
    sched.step()
    opt.zero_grad()
    return loss.item()


def probe(k: int, t0: float, steps_per_epoch: int, batch: int, log: dict, limit_min: float) -> bool:
    """After ``k`` batches of the first epoch: print and log the projected minutes per epoch; False when over
    ``limit_min`` (the caller stops)."""
    import time

    per = (time.perf_counter() - t0) / k
    proj = per * steps_per_epoch / 60
    print(f"probe: {per:.2f} s/batch of {batch}, projected {proj:.1f} min/epoch", flush=True)
    log["probe_s_per_batch"], log["projected_min_per_epoch"] = per, proj
    return proj <= limit_min


def report(epoch: int, k: int, steps_per_epoch: int, running: float, t0: float) -> None:
    import time

    print(f"  epoch {epoch} batch {k}/{steps_per_epoch} loss {running / 100:.4f} "
          f"{(time.perf_counter() - t0) / 60:.1f} min", flush=True)


def optimiser(model, lr: float, steps: int):
    """AdamW (weight decay 0.01) and its schedule over ``steps`` batches: 6% linear warm-up, then linear decay."""
    opt = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=0.01)
    warm = int(0.06 * steps)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min((s + 1) / max(warm, 1), max(0.0, (steps - s) / (steps - warm)))
    )
    return opt, sched


def fine_tune(model, texts, y, args, log: dict, out: Path, encode, score_epoch, save_json) -> None:
    """Train ``model`` on ``texts`` / ``y`` (a numpy array of 0/1) for ``args.epochs`` epochs (``args.batch``,
    ``args.lr``, ``args.probe``, ``args.max_epoch_min``): after each epoch save ``out/epochN.pt``, append
    ``score_epoch(model, epoch, {"train_min": ...})`` to ``log["epochs"]`` and write ``out/log.json``. Stops with
    SystemExit when the first ``args.probe`` batches project an epoch over ``args.max_epoch_min`` minutes."""
    import math
    import time

    target = torch.tensor(y.astype(np.int64))
    steps_per_epoch = math.ceil(len(texts) / args.batch)
    opt, sched = optimiser(model, args.lr, steps_per_epoch * args.epochs)
    loss_fn = torch.nn.BCEWithLogitsLoss()
    t_start = time.perf_counter()
    for epoch in range(1, args.epochs + 1):
        model.train()
        t0 = time.perf_counter()
        running = 0.0
        for k, b in enumerate(batches(texts, args.batch, True), 1):
            running += step(model, encode([texts[i] for i in b]), target[b], loss_fn, opt, sched)
            if epoch == 1 and k == args.probe and not probe(k, t0, steps_per_epoch, args.batch, log,
                                                            args.max_epoch_min):
                save_json(out / "log.json", log)
                raise SystemExit(f"projected {log['projected_min_per_epoch']:.1f} min per epoch > "
                                 f"{args.max_epoch_min}: stopped")
            if k % 100 == 0:
                report(epoch, k, steps_per_epoch, running, t0)
                running = 0.0
        train_min = (time.perf_counter() - t0) / 60
        torch.save(model.state_dict(), out / f"epoch{epoch}.pt")
        log["epochs"].append(score_epoch(model, epoch, {"train_min": train_min}))
        log["wall_min"] = (time.perf_counter() - t_start) / 60
        save_json(out / "log.json", log)
    print("done", log.get("tag", ""), f"{(time.perf_counter() - t_start) / 60:.1f} min", flush=True)
