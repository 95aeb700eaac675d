"""Which rows to check first: NDCG@5 of each article's claim-table rows ordered by check-worthiness, against
a fact-checker's labels (issue 19), and how far the scores spread.

    python bench/ranking.py [--shared ../shared] [--write]     # both modes; the accurate one needs its extra

Data: bench/data/checkworthiness_rank/labels.jsonl, the project's labels (0 not worth checking, 1 worth
checking, 2 check first; GUIDELINES.md) of the rows of 90 FNC-1 training bodies, whose texts are read from
../shared/datasets/fnc1_train_bodies. Parts by article: train (50; the row models are fitted on it), dev (20;
their settings and calibration are chosen on it), test (20; only scored here). Orders compared, for each
check-worthiness mode (default, accurate): the mode's row model (the claim table's `checkworthiness`), its
sentence model alone (`sentence_checkworthiness`: a sentence's figures tie, in text order); then the score
before issue 19 (the default sentence model's score on every figure of the sentence, as labelled), and all rows
equal (the mean over 1,000 random orders).
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
from train_ranker import labelled_rows, mean_ndcg, ndcg_at, output, pipeline  # noqa: E402


def all_equal(articles, seed: int = 0, draws: int = 1000) -> float:
    rnd = random.Random(seed)
    per = []
    for a in articles:
        n = len(a[3])
        per.append(np.mean([ndcg_at(a[3], np.array([rnd.random() for _ in range(n)])) for _ in range(draws)]))
    return float(np.mean(per))


def available_modes() -> list[str]:
    from analyzer.checkworthiness import accurate

    return ["default", "accurate"] if accurate.installed() else ["default"]


def scored(shared: Path, mode: str):
    """The labelled articles of ``mode``'s pipeline, each with its rows' scores by the mode's row model last."""
    import json

    from analyzer.checkworthiness.rows import scores

    ranker = json.loads(output(mode).read_text(encoding="utf8"))
    coef, platt = np.array(ranker["coef"]), tuple(ranker["platt"])
    articles, unmatched = labelled_rows(shared, pipeline(mode))
    return [(*a, scores(a[2], coef, platt)) for a in articles], unmatched


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--write", action="store_true", help="write the section of bench/RESULTS.md")
    args = ap.parse_args()
    t0 = time.perf_counter()
    modes = {mode: scored(Path(args.shared), mode) for mode in available_modes()}
    articles, unmatched = modes["default"]
    now = {mode: {a[0]: a[6] for a in arts} for mode, (arts, _) in modes.items()}
    sentence = {mode: {a[0]: a[4] for a in arts} for mode, (arts, _) in modes.items()}
    head = [f"{mode}: row model | {mode}: sentence model alone" for mode in modes]
    lines = [f"| part | articles | rows | {' | '.join(head)} | before issue 19 | all equal |",
             "|---|---:|---:|" + "---:|" * (2 * len(modes) + 2)]
    for part in ("train", "dev", "test"):
        mine = [a for a in articles if a[1] == part]
        cells = [f"**{mean_ndcg(mine, lambda a, m=mode: now[m][a[0]]):.3f}** | "
                 f"{mean_ndcg(mine, lambda a, m=mode: sentence[m][a[0]]):.3f}" for mode in modes]
        lines.append(f"| {'**test**' if part == 'test' else part} | {len(mine)} | {sum(len(a[3]) for a in mine)} | "
                     f"{' | '.join(cells)} | {mean_ndcg(mine, lambda a: a[5]):.3f} | {all_equal(mine):.3f} |")
    if "accurate" not in modes:
        lines.append("\n(the accurate mode is not installed here: pip install 'geoclaims[accurate]')")
    spread = [f"| rows | figure rows | share above 0.9 before | {' | '.join(f'share above 0.9, {m}' for m in modes)} | "
              f"median before | {' | '.join(f'median, {m}' for m in modes)} |",
              "|---|---:|---:|" + "---:|" * (2 * len(modes) + 1)]
    for name, parts in (("dev and test", ("dev", "test")), ("all 90 articles", ("train", "dev", "test"))):
        mine = [a for a in articles if a[1] in parts]
        is_fig = np.concatenate([a[2][:, 2] == 0 for a in mine])  # feature 2: statement
        before = np.concatenate([a[5] for a in mine])[is_fig]
        after = {m: np.concatenate([now[m][a[0]] for a in mine])[is_fig] for m in modes}
        spread.append(f"| {name} | {int(is_fig.sum())} | {np.mean(before > 0.9):.1%} | "
                      f"{' | '.join(f'{np.mean(v > 0.9):.1%}' for v in after.values())} | {np.median(before):.2f} | "
                      f"{' | '.join(f'{np.median(v):.2f}' for v in after.values())} |")
    body = "\n".join([
        "NDCG@5 per article (gains 2^label - 1), the mean over articles. Labels: bench/data/checkworthiness_rank "
        "(90 FNC-1 training bodies, read in full and labelled without any score; GUIDELINES.md). The row model is "
        "fitted on train, its C, target and Platt map chosen on dev; test is only scored. Each check-worthiness "
        "mode has its own row model (it reads the mode's sentence score). "
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
