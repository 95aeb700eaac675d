"""Experiment 19b: uniform weight average ("model soup") of fine-tuned checkpoints of the same architecture and
the same pre-trained start. The result is ONE model of the same size and inference cost (no ensemble at run
time). Score it with run_finetune_seed.py --score-only.

    python soup.py OUT.pt A.pt B.pt [...]
"""

import sys

import torch

out, *ins = sys.argv[1:]
sds = [torch.load(p, map_location="cpu") for p in ins]
avg = {
    k: (sum(sd[k].float() for sd in sds) / len(sds)).to(sds[0][k].dtype) if sds[0][k].is_floating_point() else sds[0][k]
    for k in sds[0]
}
torch.save(avg, out)
print("averaged", len(ins), "checkpoints ->", out)
