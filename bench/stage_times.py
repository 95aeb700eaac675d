"""Where the full pipeline's time goes, and how one checkout compares with another on this machine: each
geoclaims stage's seconds over the first N FNC-1 test bodies (parsed once by the base model; best of two
runs on copies of the parsed Docs), then bench/corpus.py's interleaved full/bare throughput on the same bodies.

    python bench/stage_times.py                      # this checkout
    python bench/stage_times.py --repo /path/to/old  # another checkout of geoclaims (a git worktree), same data

Data: ../shared/datasets/fnc1_test/competition_test_bodies.csv (read only). Prints; writes nothing."""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repo", default=str(HERE.parent), help="the geoclaims checkout whose analyzer is measured")
    ap.add_argument("--shared", default=str(HERE.parent.parent / "shared"))
    ap.add_argument("--bodies", type=int, default=300, help="the first N bodies")
    args = ap.parse_args()
    sys.path.insert(0, str(Path(args.repo).resolve()))
    sys.path.insert(1, str(HERE))
    import analyzer  # noqa: E402  (the checkout given)
    import corpus  # noqa: E402  (this checkout's bench: the same measurement for both)
    from analyzer.api import get_pipeline  # noqa: E402

    print(f"analyzer: {Path(analyzer.__file__).parent}", flush=True)
    texts = [t for _, t in corpus.read_bodies(Path(args.shared), args.bodies)]
    nlp = get_pipeline()
    geo = [n for n in nlp.pipe_names if n.startswith("geo_")]
    t0 = time.perf_counter()
    docs = list(nlp.pipe(texts, disable=geo))
    base = time.perf_counter() - t0
    best: dict[str, float] = {}
    for _ in range(2):
        copies = [d.copy() for d in docs]
        for name in geo:
            pipe = nlp.get_pipe(name)
            t0 = time.perf_counter()
            for d in copies:
                pipe(d)
            best[name] = min(best.get(name, float("inf")), time.perf_counter() - t0)
    print(f"{len(texts)} bodies: base model {base:.2f} s; stages (best of 2): "
          + ", ".join(f"{n} {s:.3f} s" for n, s in best.items()) + f"; all stages {sum(best.values()):.3f} s "
          f"({100 * sum(best.values()) / base:.1f}% of the base)", flush=True)
    tp = corpus.throughput(texts, 96)
    ratios = [f / b for f, b in zip(tp["full"], tp["bare"], strict=True)]
    print("full/bare words/s per pass: " + ", ".join(f"{r:.3f}" for r in ratios)
          + f"; median {sorted(ratios)[len(ratios) // 2]:.3f}")


if __name__ == "__main__":
    main()
