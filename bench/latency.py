"""Latency of analyzer.analyze() on one sentence, against the bare base spaCy model on the same
sentence in the same process; and the cost of the first call (pipeline load).

    python bench/latency.py [--repeat 300]
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _results import write_section  # noqa: E402

SENTENCES = [
    "Trade turnover between the two countries surpassed $4 billion last year, the minister said.",
    "Kazakhstan plans to ship over 10 million tonnes of grain annually through its Caspian ports by 2027.",
    "Turkey's annual inflation fell 3.85 percentage points to 71.6 percent in June.",
]


def timed(fn, repeat: int) -> list[float]:
    out = []
    for k in range(repeat):
        t0 = time.perf_counter()
        fn(SENTENCES[k % len(SENTENCES)])
        out.append(time.perf_counter() - t0)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repeat", type=int, default=300)
    args = ap.parse_args()

    t0 = time.perf_counter()
    import analyzer

    t_import = time.perf_counter() - t0
    t0 = time.perf_counter()
    nlp = analyzer.get_pipeline()
    t_load = time.perf_counter() - t0
    base = analyzer.load.__globals__["spacy"].load(analyzer.pipeline.default_model())

    for fn in (base, lambda s: analyzer.analyze(s)):  # warm up both
        timed(fn, 20)
    rounds = []
    for _ in range(3):  # interleave so that drift hits both alike
        bare = timed(base, args.repeat)
        full = timed(lambda s: analyzer.analyze(s, nlp=nlp), args.repeat)
        rounds.append((statistics.median(bare), statistics.median(full)))
    bare_ms = statistics.median(r[0] for r in rounds) * 1000
    full_ms = statistics.median(r[1] for r in rounds) * 1000
    body = f"""
Median over {args.repeat} calls x 3 interleaved rounds, three news sentences in turn.

| what | time |
|---|---:|
| `import analyzer` | {t_import * 1000:.0f} ms |
| first call: load the pipeline (base model + components + data) | {t_load * 1000:.0f} ms |
| bare base model `nlp(sentence)` | {bare_ms:.2f} ms |
| `analyzer.analyze(sentence)` (full pipeline + claim DataFrame) | {full_ms:.2f} ms |
| ratio full / bare | {full_ms / bare_ms:.2f} |

After the first call the pipeline is reused: a sentence costs milliseconds, not a model load.
"""
    print(body)
    write_section("latency", "python bench/latency.py", body)


if __name__ == "__main__":
    main()
