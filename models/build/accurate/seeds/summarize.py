"""Experiment 19b: one table of every candidate (runs/*/log.json, torch fp32 margins), sorted by pooled AP.

python summarize.py [--work W]
"""

import json

from pooled_common import base_args

args = base_args(__doc__.splitlines()[0]).parse_args()
rows = []
for f in sorted((args.work / "runs").glob("*/log.json")):
    log = json.loads(f.read_text())
    for e in log["epochs"]:
        name = log["tag"] if e["epoch"] == 0 else f"{log['tag']}_ep{e['epoch']}"
        rows.append((name, e))
rows.sort(key=lambda r: -r[1]["pooled_ap"])
cols = [
    ("dev_ap", "dev AP"),
    ("devtest_ap", "dev-test AP"),
    ("pooled_ap", "pooled AP"),
    ("pooled_threshold", "pooled thr"),
    ("dev_f1_at_pooled_thr", "dev F1"),
    ("devtest_f1_at_pooled_thr", "dev-test F1"),
    ("pooled_f1", "pooled F1"),
    ("devtest_f1_at_dev_thr", "dev thr -> dev-test F1"),
    ("dev_f1_at_devtest_thr", "dev-test thr -> dev F1"),
]
print("| candidate (torch fp32) | train min | " + " | ".join(c[1] for c in cols) + " |")
print("|---|---:|" + "---:|" * len(cols))
for name, e in rows:
    tm = f"{e['train_min']:.1f}" if "train_min" in e else ""
    print(
        f"| {name} | {tm} | "
        + " | ".join(f"{e[c]:.4f}" if c != "pooled_threshold" else f"{e[c]:.3f}" for c, _ in cols)
        + " |"
    )
