"""Quantity extraction on NewsQuant (CQE's news test set), scored by ../shared/tools/quant_eval.py with
CQE's matching rules, through analyzer.quantities().

    python bench/newsquant.py [--shared ../shared]

Data: ../shared/datasets/newsquant_cqe/test_sets/NewsQuant.json (from github.com/satya77/CQE_Evaluation;
no licence stated, see its README). Split: even 0-based positions = development (rules are tuned on
these only), odd positions = test (reported only, never read for tuning).
"""
from __future__ import annotations

import argparse
import contextlib
import importlib.util
import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _results import write_section  # noqa: E402

PUBLISHED = {"CQE (published, whole set)": (92.0, 85.6, 88.1), "quantulum3 (published, whole set)": (73.0, 47.2, None)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    args = ap.parse_args()
    shared = Path(args.shared)
    scorer = shared / "tools" / "quant_eval.py"
    gold = shared / "datasets" / "newsquant_cqe" / "test_sets" / "NewsQuant.json"
    if not scorer.exists() or not gold.exists():
        sys.exit(f"need {scorer} and {gold}")
    spec = importlib.util.spec_from_file_location("quant_eval", scorer)
    qe = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(qe)

    rows = []
    for split, label in (("even", "dev (even)"), ("odd", "test (odd)"), ("all", "whole set")):
        with contextlib.redirect_stdout(io.StringIO()):
            res = qe.main(["--system", "analyzer", "--gold", str(gold), "--split", split, "--json"])
        m = res["metrics"]
        rows.append((f"geoclaims, {label}", res["docs"], res["n_gold"], res["n_pred"], res["errors"],
                     m["value"], m["value+unit"], m["value+change"]))
        print(label, {k: v["F1"] for k, v in m.items()})
    lines = ["| system, split | sentences | gold | predicted | failed | value P/R/F1 | value+unit F1 "
             "| value+change F1 |", "|---|---:|---:|---:|---:|---|---:|---:|"]
    for name, docs, n_gold, n_pred, errors, v, vu, vc in rows:
        lines.append(f"| {name} | {docs} | {n_gold} | {n_pred} | {errors} | {v['P']}/{v['R']}/**{v['F1']}** "
                     f"| {vu['F1']} | {vc['F1']} |")
    for name, (v, vu, vc) in PUBLISHED.items():
        lines.append(f"| {name} | 590 | | | | {v} | {vu} | {vc if vc is not None else ''} |")
    body = ("F1 as the scorer prints it (CQE's matching: values by np.isclose, each gold matched once).\n\n"
            + "\n".join(lines) + "\n\nTargets of the Numbers issue on the test half: value >= 94, value+unit >= 88, "
            "value+change >= 90.")
    write_section("NewsQuant quantities", "python bench/newsquant.py", body)


if __name__ == "__main__":
    main()
