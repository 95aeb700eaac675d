"""Which rows to check first: NDCG@5 of each article's claim-table rows ordered by check-worthiness, against
a fact-checker's labels (issue 19), and how far the scores spread.

    python bench/ranking.py [--shared ../shared] [--write]

Data: bench/data/checkworthiness_rank/labels.jsonl, the project's labels (0 not worth checking, 1 worth
checking, 2 check first; GUIDELINES.md) of the rows of 90 FNC-1 training bodies, whose texts are read from
../shared/datasets/fnc1_train_bodies. Parts by article: train (50; the row model is fitted on it), dev (20;
its settings and calibration are chosen on it), test (20; only scored here). Orders compared: the row model
(the claim table's `checkworthiness` now), the sentence model alone (`sentence_checkworthiness`: a sentence's
figures tie, in text order), the score before issue 19 (the sentence model's score on every figure of the
sentence, as labelled), and all rows equal (the mean over 1,000 random orders).
"""
from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "models" / "build"))

from _results import write_section  # noqa: E402
from train_ranker import OUT, labelled_rows, mean_ndcg, ndcg_at  # noqa: E402


def all_equal(articles, seed: int = 0, draws: int = 1000) -> float:
    rnd = random.Random(seed)
    per = []
    for a in articles:
        n = len(a[3])
        per.append(np.mean([ndcg_at(a[3], np.array([rnd.random() for _ in range(n)])) for _ in range(draws)]))
    return float(np.mean(per))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--write", action="store_true", help="write the section of bench/RESULTS.md")
    args = ap.parse_args()
    import json

    from analyzer.checkworthiness.rows import scores

    t0 = time.perf_counter()
    ranker = json.loads(OUT.read_text(encoding="utf8"))
    coef, platt = np.array(ranker["coef"]), tuple(ranker["platt"])
    articles, unmatched = labelled_rows(Path(args.shared))
    now = {a[0]: scores(a[2], coef, platt) for a in articles}
    lines = ["| part | articles | rows | row model (now) | sentence model alone | before issue 19 | all equal |",
             "|---|---:|---:|---:|---:|---:|---:|"]
    for part in ("train", "dev", "test"):
        mine = [a for a in articles if a[1] == part]
        lines.append(f"| {'**test**' if part == 'test' else part} | {len(mine)} | {sum(len(a[3]) for a in mine)} | "
                     f"**{mean_ndcg(mine, lambda a: now[a[0]]):.3f}** | {mean_ndcg(mine, lambda a: a[4]):.3f} | "
                     f"{mean_ndcg(mine, lambda a: a[5]):.3f} | {all_equal(mine):.3f} |")
    spread = ["| rows | figure rows | share above 0.9 before | share above 0.9 now | median before | median now |",
              "|---|---:|---:|---:|---:|---:|"]
    for name, parts in (("dev and test", ("dev", "test")), ("all 90 articles", ("train", "dev", "test"))):
        mine = [a for a in articles if a[1] in parts]
        is_fig = np.concatenate([a[2][:, 2] == 0 for a in mine])  # feature 2: statement
        before = np.concatenate([a[5] for a in mine])[is_fig]
        after = np.concatenate([now[a[0]] for a in mine])[is_fig]
        spread.append(f"| {name} | {int(is_fig.sum())} | {np.mean(before > 0.9):.1%} | {np.mean(after > 0.9):.1%} | "
                      f"{np.median(before):.2f} | {np.median(after):.2f} |")
    body = "\n".join([
        "NDCG@5 per article (gains 2^label - 1), the mean over articles. Labels: bench/data/checkworthiness_rank "
        "(90 FNC-1 training bodies, read in full and labelled without any score; GUIDELINES.md). The row model is "
        "fitted on train, its C, target and Platt map chosen on dev; test is only scored. "
        f"Rows of the pipeline without a label: {unmatched}.",
        "", *lines, "",
        "How the figure rows' scores spread (before: every figure took its sentence's score):", "", *spread, "",
        f"({time.perf_counter() - t0:.0f} s)",
    ])
    print(body)
    if args.write:
        write_section("ranking", "python bench/ranking.py --write", body)


if __name__ == "__main__":
    main()
