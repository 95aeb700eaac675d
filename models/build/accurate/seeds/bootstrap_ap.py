"""Experiment 19b: paired bootstrap (stratified by split, 2000 resamples) of the pooled-AP difference between two
candidates' margins on dev + dev-test. Margins: runs/<tag>/margins_epoch<k>_{dev,dev-test}.npy or scores/<name>_*.

    python bootstrap_ap.py PREFIX_A PREFIX_B      (a prefix is a path without _dev.npy / _dev-test.npy)
"""

import sys

import numpy as np
from sklearn.metrics import average_precision_score as aps

from pooled_common import base_args, load_data

a_pref, b_pref = sys.argv[1:3]
args = base_args("x").parse_args(sys.argv[3:])
d = load_data(args, ("dev", "dev-test"))
y = np.concatenate([d["dev"][1], d["dev-test"][1]])
za = np.concatenate([np.load(f"{a_pref}_dev.npy"), np.load(f"{a_pref}_dev-test.npy")])
zb = np.concatenate([np.load(f"{b_pref}_dev.npy"), np.load(f"{b_pref}_dev-test.npy")])
nd = len(d["dev"][1])
rng = np.random.default_rng(0)
diffs = []
for _ in range(2000):
    i = np.concatenate([rng.integers(0, nd, nd), nd + rng.integers(0, len(y) - nd, len(y) - nd)])
    diffs.append(aps(y[i], za[i]) - aps(y[i], zb[i]))
diffs = np.array(diffs)
print(
    f"pooled AP A-B = {aps(y, za) - aps(y, zb):+.4f}; bootstrap 95% [{np.quantile(diffs, 0.025):+.4f}, "
    f"{np.quantile(diffs, 0.975):+.4f}], P(A>B) = {(diffs > 0).mean():.2f}"
)
