"""Experiment 19b: onnxruntime throughput (1 thread) of an int8 model at batch 1 vs 16 vs 32 on dev, interleaved
repeats (the machine is shared, so only the ratios mean much).

    python speed_batch.py --model M.onnx --tokenizer tokenizer.json [--repo R]
"""

import time
from pathlib import Path

from pooled_common import MAX_LEN, base_args, load_data  # first: it puts encoder.py's folder on the path
from encoder import OnnxEncoder

p = base_args(__doc__.splitlines()[0])
p.add_argument("--model", type=Path, required=True)
p.add_argument("--tokenizer", type=Path, required=True)
p.add_argument("--repeats", type=int, default=3)
args = p.parse_args()
texts = load_data(args, ("dev",))["dev"][0]
enc = OnnxEncoder(args.model, args.tokenizer, max_length=MAX_LEN, threads=1, output="logits")
enc.encode(texts[:64], batch_size=16)
best = {}
for _ in range(args.repeats):
    for bs in (1, 16, 32):
        t0 = time.perf_counter()
        enc.encode(texts, batch_size=bs)
        best[bs] = max(best.get(bs, 0), len(texts) / (time.perf_counter() - t0))
print({bs: round(v) for bs, v in best.items()}, "sentences/s (best of repeats)")
