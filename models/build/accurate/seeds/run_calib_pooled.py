"""Experiment 19b, step 1: threshold and Platt calibration of an int8 ONNX classifier fitted on the POOLED
dev + dev-test set, with a 2-fold swap (threshold / Platt fitted on dev applied to dev-test, and vice versa).

The ONNX file is scored with onnxruntime only (encoder.OnnxEncoder, one thread, max_len 64, output = the model's
margin). Margins are cached in <work>/scores/<name>_{dev,dev-test}.npy; results go to
<work>/calib_<name>.json. test_gold is never read.

    python run_calib_pooled.py --model M.onnx --tokenizer tokenizer.json --name v1 [--repo R --work W]
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from pooled_common import MAX_LEN, base_args, brier, ece, evaluate, f1, load_data, platt, prf, save_json, sigmoid


def score(
    model: Path, tokenizer: Path, data, cache: Path, name: str, threads: int = 1, batch: int = 16
) -> dict[str, np.ndarray]:
    """Margins of dev and dev-test, batches of ``batch`` sentences sorted by length (dynamic int8 quantisation
    makes a margin depend on the other sentences of its batch, so the batch size is part of the setting)."""
    from encoder import OnnxEncoder

    cache.mkdir(parents=True, exist_ok=True)
    files = {s: cache / f"{name}_{s}.npy" for s in ("dev", "dev-test")}
    if all(f.exists() for f in files.values()):
        return {s: np.load(f) for s, f in files.items()}
    enc = OnnxEncoder(model, tokenizer, max_length=MAX_LEN, threads=threads, output="logits")
    z = {s: enc.encode(data[s][0], batch_size=batch).reshape(-1) for s in files}
    for s, f in files.items():
        np.save(f, z[s])
    return z


def calibration_report(zd, zt, yd, yt) -> dict:
    zp, yp = np.concatenate([zd, zt]), np.concatenate([yd, yt])
    res = evaluate(zd, zt, yd, yt)
    t = res["pooled_threshold"]
    a, b = platt(zp, yp)
    res["platt_pooled"] = [a, b]
    res["prf_at_pooled_thr"] = {
        n: prf(y, z >= t) for n, z, y in (("dev", zd, yd), ("dev-test", zt, yt), ("pooled", zp, yp))
    }
    res["predicted_yes_at_pooled_thr"] = {"dev": int((zd >= t).sum()), "dev-test": int((zt >= t).sum())}
    res["gold_yes"] = {"dev": int(yd.sum()), "dev-test": int(yt.sum())}
    # Brier / ECE: raw sigmoid(margin), Platt fitted on pooled (in-sample), and the 2-fold swap (out of sample)
    ad, bd = platt(zd, yd)
    at, bt = platt(zt, yt)
    res["platt_dev"], res["platt_devtest"] = [ad, bd], [at, bt]
    cal = {}
    for name, z, y in (("dev", zd, yd), ("dev-test", zt, yt), ("pooled", zp, yp)):
        cal[name] = {
            "brier_raw": brier(y, sigmoid(z)),
            "ece_raw": ece(y, sigmoid(z)),
            "brier_platt_pooled": brier(y, sigmoid(a * z + b)),
            "ece_platt_pooled": ece(y, sigmoid(a * z + b)),
        }
    cal["dev-test"]["brier_platt_from_dev"] = brier(yt, sigmoid(ad * zt + bd))
    cal["dev-test"]["ece_platt_from_dev"] = ece(yt, sigmoid(ad * zt + bd))
    cal["dev"]["brier_platt_from_devtest"] = brier(yd, sigmoid(at * zd + bt))
    cal["dev"]["ece_platt_from_devtest"] = ece(yd, sigmoid(at * zd + bt))
    res["calibration"] = cal
    # the threshold implied by the pooled Platt map at p = 0.5 (-b/a), for comparison with the F1-best cut
    res["platt_p05_margin"] = -b / a
    res["f1_at_platt_p05"] = {
        "dev": f1(yd, zd >= -b / a),
        "dev-test": f1(yt, zt >= -b / a),
        "pooled": f1(yp, zp >= -b / a),
    }
    # stability of the pooled threshold: F1 on the pooled set across a +-0.5 margin band around it
    res["pooled_f1_band"] = {f"{d:+.2f}": f1(yp, zp >= t + d) for d in (-0.5, -0.25, 0.0, 0.25, 0.5)}
    return res


if __name__ == "__main__":
    p = base_args(__doc__.splitlines()[0])
    p.add_argument("--model", type=Path, required=True)
    p.add_argument("--tokenizer", type=Path, required=True)
    p.add_argument("--name", required=True)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--batch", type=int, default=16)
    args = p.parse_args()
    data = load_data(args, ("dev", "dev-test"))
    z = score(args.model, args.tokenizer, data, args.work / "scores", args.name, args.threads, args.batch)
    res = {
        "model": str(args.model),
        "batch": args.batch,
        **calibration_report(z["dev"], z["dev-test"], data["dev"][1], data["dev-test"][1]),
    }
    save_json(args.work / f"calib_{args.name}.json", res)
    import json

    print(json.dumps(res, indent=1))
