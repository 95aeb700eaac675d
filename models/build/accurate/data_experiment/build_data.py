"""Data experiment, step 1: the two training sets, CT24 train plus the political-debate sentences of CLEF-2019
Task 1 train and CLEF-2020 Task 5 train (see README.md beside this file for the rule fixed before any result).

Rules, applied in this order (all fixed before training):
1. CLEF-2019 Task 1: train/ only (19 files); its test_gold/ is read only to find overlapping debates.
2. CLEF-2020 Task 5: train/ only (50 files), less every debate whose sentences (normalised, >= 4 words) are
   more than half in a CLEF-2019 test_gold file: 20181015_60_min (named in the READMEs) and
   20160311_GOP_miami (found here by content: the same debate as 2019 test's 20160311_12_gop).
3. A debate sentence is dropped when its normalised text (lower case, non-word runs -> one space) is that of a
   CT24 train sentence (CT24's label wins), or of a CT24 dev, dev-test or test_gold sentence (no evaluation
   sentence may be trained on; test_gold is read only for this text match, never scored). Empty texts go too.
4. Duplicates among the debate sentences (the two labs share debates) are merged by normalised text: the
   first text is kept, labelled check-worthy if any copy is.
5. Variant "asis": all that remain. Variant "sub": all debate positives and a random subset of the debate
   negatives (numpy default_rng(0)) so that the debate part's positive share equals CT24 train's (5,413 /
   22,499 as the project's reader sees it).

Writes <work>/data_experiment/train_{asis,sub}.tsv (text, label 0/1; CT24 train first) and build_data.json.

    python build_data.py [--repo R --shared S --work W]
"""

from __future__ import annotations

import csv
import json
import re
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "seeds"))
from pooled_common import base_args, save_json  # noqa: E402

DROP_2020 = {
    "20181015_60_min.tsv": "also CLEF-2019 test_gold (READMEs)",
    "20160311_GOP_miami.tsv": "same debate as CLEF-2019 test_gold 20160311_12_gop.tsv (98% of its sentences)",
}


def norm(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower()).strip()


def read_debate(path: Path) -> list[tuple[str, int]]:
    """line_number, speaker, text, label (1/0), tab-separated, no header."""
    out = []
    for line in path.read_text(encoding="utf8").splitlines():
        parts = line.split("\t")
        if len(parts) != 4 or parts[3].strip() not in ("0", "1"):
            raise SystemExit(f"{path}: unexpected line {line[:80]!r}")
        out.append((parts[2].strip(), int(parts[3])))
    return out


def main() -> None:
    args = base_args(__doc__.splitlines()[0]).parse_args()
    shared = args.shared or args.repo.parent / "shared"
    ds = shared / "datasets"
    for p in (args.repo, args.repo / "models" / "build"):
        sys.path.insert(0, str(p))
    import train_checkworthiness as tcw

    ct_train = tcw.read_split(shared, "train")
    # evaluation texts, only to keep them out of training (test_gold: text match only, never scored)
    held_out = {norm(t) for s in ("dev", "dev-test", "test_gold") for t in tcw.read_split(shared, s)[0]}
    ct_texts = {norm(t) for t in ct_train[0]}
    t2019 = [
        {norm(t) for t, _ in read_debate(f) if len(norm(t).split()) >= 4}
        for f in sorted((ds / "clef2019_task1_debates_en" / "test_gold").glob("*.tsv"))
    ]

    files = [("clef2019", f) for f in sorted((ds / "clef2019_task1_debates_en" / "train").glob("*.tsv"))]
    dropped_files = {}
    for f in sorted((ds / "clef2020_task5_debates_en" / "train").glob("*.tsv")):
        sents = {norm(t) for t, _ in read_debate(f) if len(norm(t).split()) >= 4}
        share = max(len(sents & t) / max(len(sents), 1) for t in t2019)
        if f.name in DROP_2020 or share > 0.5:
            dropped_files[f.name] = DROP_2020.get(f.name, f"{share:.0%} of its sentences in a CLEF-2019 test file")
            continue
        files.append(("clef2020", f))

    counts = {
        "files": {"clef2019": 0, "clef2020": 0},
        "read": [0, 0],
        "empty": 0,
        "in_ct24_train": [0, 0],
        "in_ct24_eval": [0, 0],
        "duplicate": [0, 0],
    }
    merged: dict[str, list] = {}
    for lab, f in files:
        counts["files"][lab] += 1
        for text, y in read_debate(f):
            counts["read"][y] += 1
            key = norm(text)
            if not key:
                counts["empty"] += 1
            elif key in ct_texts:
                counts["in_ct24_train"][y] += 1
            elif key in held_out:
                counts["in_ct24_eval"][y] += 1
            elif key in merged:
                counts["duplicate"][y] += 1
                merged[key][1] = max(merged[key][1], y)
            else:
                merged[key] = [text, y]
    debate = list(merged.values())
    pos = [d for d in debate if d[1]]
    neg = [d for d in debate if not d[1]]
    rate = float(ct_train[1].mean())
    n_neg = round(len(pos) * (1 - rate) / rate)
    keep = np.sort(np.random.default_rng(0).choice(len(neg), size=n_neg, replace=False))
    sub = [d for d in debate if d[1]] + [neg[i] for i in keep]
    ct = [[t, int(y)] for t, y in zip(*ct_train, strict=True)]
    out = args.work / "data_experiment"
    out.mkdir(parents=True, exist_ok=True)
    summary = {
        "rules": __doc__.split("Rules, applied in this order (all fixed before training):")[1]
        .split("Writes")[0]
        .strip(),
        "dropped_2020_files": dropped_files,
        "counts": counts,
        "ct24_train": {"pos": int(ct_train[1].sum()), "neg": int((~ct_train[1]).sum()), "rate": rate},
        "debate_after_filters": {"pos": len(pos), "neg": len(neg)},
        "debate_sub_neg": n_neg,
    }
    for name, extra in (("asis", debate), ("sub", sub)):
        rows = ct + extra
        with (out / f"train_{name}.tsv").open("w", encoding="utf8", newline="") as fh:
            w = csv.writer(fh, delimiter="\t", quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
            w.writerow(["text", "label"])
            w.writerows(rows)
        summary[name] = {"sentences": len(rows), "pos": sum(r[1] for r in rows), "neg": sum(1 - r[1] for r in rows)}
    save_json(out / "build_data.json", summary)
    print(json.dumps({k: v for k, v in summary.items() if k != "rules"}, indent=1))


if __name__ == "__main__":
    main()
