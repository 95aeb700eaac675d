"""Train the check-worthiness model (`analyzer/checkworthiness/data/model.npz` + `model.json`; card
`models/checkworthiness.md`) on CLEF-2024 CheckThat! Task 1, English.

    python models/build/train_checkworthiness.py [--shared ../shared] [--out DIR] [--workers 2] [--fresh]
    python models/build/train_checkworthiness.py --check     # rebuild into a temporary folder, compare
    python models/build/train_checkworthiness.py --pipeline worktree   # retrain on this tree's pipeline

The model: logistic regression (scikit-learn, liblinear, balanced class weights, C = 2) over sublinear tf-idf
of hashed word 1-2-grams and character 2-5-grams in word bounds (2^18 buckets each, idf from the training
sentences, each block L2-normalised; `features.matrix`, float32) beside the 26 pipeline signals of
`analyzer/checkworthiness/features.py` (scaled by ``signal_weight``). It is fitted on train; the decision
point that maximises F1 on dev (among 66 quantiles of the dev margins) is moved to 0.5 by shifting the
intercept; dev-test and test_gold are only scored.

Each sentence's signals are those `analyzer.assess` computes for it (the whole sentence as one statement),
by the pipeline of commit `SHIPPED_PIPELINE` by default: the one the shipped model was trained with (its
analyzer/ is taken from git and run in a subprocess). The pipeline has changed since, and its signals with
it, so `--pipeline worktree` trains another model. The signals take most of the time (about 2 minutes), so
they are cached in `bench/out/` with a fingerprint of the pipeline's code and data and the base model, and
recomputed when it changes.

The npz is written with `numpy.savez_compressed`, which is deterministic (the zip entries carry the fixed date
1980-01-01), so the same arrays give the same bytes and the same sha256. `--check` exits 1 when the rebuilt
arrays, sha256 or model.json differ from the shipped ones.
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import subprocess
import sys
import tarfile
import tempfile
import types
from collections.abc import Iterable
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

DATA = ROOT / "analyzer" / "checkworthiness" / "data"
CACHE = ROOT / "bench" / "out" / "checkworthiness_signals.npz"
DATASET = "clef2024_task1_checkworthy_en"
SPLITS = ("train", "dev", "dev-test", "test_gold")
# the commit whose pipeline computed the signals the shipped model was trained on: the model was trained with
# --pipeline worktree in that tree and committed there (before, 5051643e, whose signals had drifted from the
# pipeline's by the time the model was last scored). When the pipeline changes, retrain and move this.
SHIPPED_PIPELINE = "7c7707fb0e6b56d9afbedeb86bcede7a5ead7e0c"
WORKTREE = "worktree"  # --pipeline value: this working tree's analyzer/
# chosen by average precision on dev and dev-test pooled (C in 0.25..4, signal weight in 0.5..3; the card);
# C = 2 and weight 1, chosen on dev alone, came before
C = 1.0
SIGNAL_WEIGHT = 0.5
CUT_QUANTILES = np.linspace(0.3, 0.95, 66)  # the pooled margins' quantiles tried as the decision point
CUT_SPLITS = ("dev", "dev-test")  # the decision point is chosen on these two pooled (23% and 34% check-worthy)
# the splits the trainer scores; test_gold (the official test) is scored only by bench/checkworthiness.py, end
# to end, so that no choice made here has seen it
SCORED = ("train", "dev", "dev-test")
ARRAYS = ("idf_word", "idf_char", "coef_word", "coef_char", "coef_signals", "intercept")
ABOUT = ("Check-worthiness of a sentence: logistic regression over hashed word 1-2-grams and character 2-5-grams "
         "(sublinear tf-idf, each block L2-normalised) and the pipeline's signals; trained by "
         "models/build/train_checkworthiness.py, card: models/checkworthiness.md.")


def read_split(shared: Path, split: str) -> tuple[list[str], np.ndarray]:
    """The sentences of one split and whether each is check-worthy. A TSV (Sentence_id, Text, class_label)
    read with the csv module, which removes the quotes around a quoted text; a record without three fields
    is skipped (train's two sentences fused on one line)."""
    path = Path(shared) / "datasets" / DATASET / f"CT24_checkworthy_english_{split}.tsv"
    with path.open(encoding="utf8", newline="") as f:
        rows = [r for r in list(csv.reader(f, delimiter="\t"))[1:] if len(r) == 3]
    return [r[1] for r in rows], np.array([r[2].strip() == "Yes" for r in rows])


def f1(gold: Iterable[bool], pred: Iterable[bool]) -> float:
    """F1 of the positive (check-worthy) class, the official metric."""
    gold, pred = np.asarray(gold, dtype=bool), np.asarray(pred, dtype=bool)
    tp = int((gold & pred).sum())
    return 2 * tp / (int(gold.sum()) + int(pred.sum())) if tp else 0.0


def idf(texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Smoothed idf (scikit-learn's: ln((1 + n) / (1 + df)) + 1, float64) of the word and character blocks
    over ``texts``."""
    from analyzer.checkworthiness.features import hashed_counts

    n = len(texts)
    out = []
    for x in hashed_counts(texts):
        df = np.bincount(x.indices, minlength=x.shape[1])
        out.append(np.log((n + 1) / (df + 1.0)) + 1.0)
    return out[0], out[1]


def pipeline_signals(texts: list[str], workers: int = 1, batch_size: int = 64, nlp=None) -> np.ndarray:
    """The signals (`SIGNALS`) of each text as `analyzer.assess` computes them: the text through the pipeline
    (``nlp``, default `analyzer.load()`, run by `nlp.pipe`; the check-worthiness and claim stages, which no
    signal reads, are off), the attribution of the whole text, `features.signals` over the whole Doc."""
    import analyzer
    from analyzer.api import make_doc
    from analyzer.attribution.rules import attribute_text
    from analyzer.checkworthiness.features import SIGNALS, signals

    nlp = nlp if nlp is not None else analyzer.load()
    cues = nlp.get_pipe("geo_attribution").cues
    off = [name for name in ("geo_checkworthiness", "geo_claims") if name in nlp.pipe_names]
    rows = []
    with nlp.select_pipes(disable=off):
        docs = nlp.pipe((make_doc(nlp, t) for t in texts), batch_size=batch_size, n_process=workers)
        for i, doc in enumerate(docs, 1):
            a = attribute_text(doc, cues)
            rows.append(signals(doc, doc[:], a.speaker, a.modality))
            if i % 2000 == 0:
                print(f"  {i:,}/{len(texts):,} sentences", file=sys.stderr, flush=True)
    return np.vstack(rows).astype(np.float32) if rows else np.zeros((0, len(SIGNALS)), np.float32)


def _git(*args: str) -> bytes:
    return subprocess.run(["git", "-C", str(ROOT), *args], check=True, capture_output=True).stdout


def fingerprint(texts: dict[str, list[str]], pipeline: str) -> str:
    """What the cached signals depend on: the sentences, the pipeline's code and data (analyzer/: of the working
    tree without the model being trained, or the git tree of commit ``pipeline``) and the base spaCy model's
    name and version."""
    from importlib.metadata import version

    from analyzer.pipeline import default_model

    h = hashlib.sha256()
    for split in sorted(texts):
        h.update(json.dumps([split, texts[split]]).encode())
    if pipeline == WORKTREE:
        for path in sorted((ROOT / "analyzer").rglob("*")):
            if path.is_file() and path.parent != DATA and "__pycache__" not in path.parts:
                h.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes())
    else:
        h.update(b"git " + _git("rev-parse", f"{pipeline}:analyzer").strip())
    try:
        h.update(f"{default_model()} {version(default_model())}".encode())
    except Exception:  # a base model that is not an installed package
        h.update(str(default_model()).encode())
    return h.hexdigest()


def signals_at(pipeline: str, texts: dict[str, list[str]], workers: int) -> dict[str, np.ndarray]:
    """The signals of ``texts`` (split -> sentences) computed by the pipeline of commit ``pipeline``: its
    analyzer/ is taken from git into a temporary folder and run there, in a subprocess (this script with
    --signals-worker), on the installed base model and libraries."""
    with tempfile.TemporaryDirectory(prefix="checkworthiness-") as tmp:
        folder = Path(tmp)
        with tarfile.open(fileobj=io.BytesIO(_git("archive", "--format=tar", pipeline, "analyzer"))) as tar:
            tar.extractall(folder / "tree", **({"filter": "data"} if hasattr(tarfile, "data_filter") else {}))
        (folder / "texts.json").write_text(json.dumps(texts), encoding="utf8")
        subprocess.run([sys.executable, str(Path(__file__).resolve()), "--signals-worker", str(folder / "tree"),
                        str(folder / "texts.json"), str(folder / "signals.npz"), "--workers", str(workers)],
                       check=True)
        with np.load(folder / "signals.npz", allow_pickle=False) as npz:
            return {s: npz[s] for s in texts}


def _signals_worker(tree: Path, texts_file: Path, out: Path, workers: int) -> None:
    """In a subprocess of `signals_at`: the signals computed by the analyzer package in ``tree`` (a commit's),
    not by this working tree's nor the installed one's."""
    sys.path[:] = [str(tree)] + [p for p in sys.path if Path(p or ".").resolve() != ROOT]
    from importlib.metadata import entry_points

    # spaCy loads every component the installed package registers; one that the commit lacks gets a stub
    for ep in entry_points(group="spacy_factories"):
        module, _, attr = ep.value.partition(":")
        parts = module.split(".")
        base = tree.joinpath(*parts)
        if parts[0] == "analyzer" and not base.with_suffix(".py").exists() and not (base / "__init__.py").exists():
            stub = types.ModuleType(module)
            setattr(stub, attr, _missing_component)
            sys.modules[module] = stub
    import analyzer

    if Path(analyzer.__file__).resolve().parent != tree.resolve() / "analyzer":
        sys.exit(f"the signals worker imported {analyzer.__file__}, not the commit's analyzer/")
    texts = json.loads(texts_file.read_text(encoding="utf8"))
    np.savez_compressed(out, **{s: pipeline_signals(t, workers) for s, t in texts.items()})


def _missing_component(*args, **kwargs):
    raise RuntimeError("this component is not in the commit whose pipeline computes the signals")


def cached_signals(data: dict[str, tuple[list[str], np.ndarray]], workers: int, pipeline: str = SHIPPED_PIPELINE,
                   cache: Path | None = None, fresh: bool = False) -> dict[str, np.ndarray]:
    """The signals of every split computed by ``pipeline`` (a commit, or `WORKTREE`), from ``cache`` (default
    `cache_path`) when its fingerprint is the current one, else computed (and cached)."""
    texts = {s: data[s][0] for s in SPLITS}
    key = fingerprint(texts, pipeline)
    cache = cache or cache_path(pipeline)
    if cache.exists() and not fresh:
        with np.load(cache, allow_pickle=False) as npz:
            if "fingerprint" in npz.files and str(npz["fingerprint"]) == key:
                print(f"signals: cached in {cache}", flush=True)
                return {s: npz[s] for s in SPLITS}
        print(f"signals: {cache} is from another pipeline version, recomputing", flush=True)
    where = "the working tree's pipeline" if pipeline == WORKTREE else f"the pipeline of commit {pipeline}"
    print(f"signals: {sum(len(t) for t in texts.values()):,} sentences through {where}", flush=True)
    if pipeline == WORKTREE:
        sig = {s: pipeline_signals(texts[s], workers) for s in SPLITS}
    else:
        sig = signals_at(pipeline, texts, workers)
    cache.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(cache, fingerprint=np.array(key), **sig)
    return sig


def cache_path(pipeline: str) -> Path:
    """`CACHE` for the shipped model's pipeline (the one bench/checkworthiness_variants.py reads), a file of its
    own for another."""
    if pipeline == SHIPPED_PIPELINE:
        return CACHE
    return CACHE.with_name(f"checkworthiness_signals_{'worktree' if pipeline == WORKTREE else pipeline[:12]}.npz")


def train(texts: dict[str, list[str]], gold: dict[str, np.ndarray], sig: dict[str, np.ndarray], c: float = C,
          signal_weight: float = SIGNAL_WEIGHT) -> tuple[dict[str, np.ndarray], dict[str, float]]:
    """The model's arrays (float32, as shipped) and the F1 of each split at 0.5. ``texts``, ``gold`` and
    ``sig`` hold "train" and "dev" at least. The decision point is the one that maximises F1 on dev and
    dev-test pooled (`CUT_SPLITS`, those given); other splits are only scored."""
    from sklearn.linear_model import LogisticRegression

    from analyzer.checkworthiness.features import N_CHAR, N_WORD, matrix

    idf_word, idf_char = idf(texts["train"])
    x = matrix(texts["train"], sig["train"], idf_word, idf_char, signal_weight)
    model = LogisticRegression(C=c, solver="liblinear", class_weight="balanced", max_iter=3000)
    model.fit(x, gold["train"])
    coef = model.coef_[0]
    pool = [s for s in CUT_SPLITS if s in texts]  # dev, and dev-test when given: their base rates differ
    z_pool = np.concatenate([matrix(texts[s], sig[s], idf_word, idf_char, signal_weight) @ coef for s in pool])
    z_pool += model.intercept_[0]
    y_pool = np.concatenate([gold[s] for s in pool])
    cut = max(np.quantile(z_pool, CUT_QUANTILES), key=lambda t: f1(y_pool, z_pool >= t))
    arrays = {
        "idf_word": idf_word.astype(np.float32),
        "idf_char": idf_char.astype(np.float32),
        "coef_word": coef[:N_WORD].astype(np.float32),
        "coef_char": coef[N_WORD:N_WORD + N_CHAR].astype(np.float32),
        "coef_signals": coef[N_WORD + N_CHAR:].astype(np.float32),
        "intercept": np.array([model.intercept_[0] - cut], dtype=np.float32),
    }
    scores = {}
    for split in texts:  # scored as the component scores: with the shipped (float32) arrays
        z = score(arrays, texts[split], sig[split], signal_weight)
        scores[split] = round(f1(gold[split], z >= 0.0), 4)
    return arrays, scores


def score(arrays: dict[str, np.ndarray], texts: list[str], sig: np.ndarray, signal_weight: float) -> np.ndarray:
    """The model's margins of ``texts`` (>= 0: check-worthy), computed as the pipeline component does."""
    from analyzer.checkworthiness.features import margins

    a = arrays
    return margins(texts, sig, (a["idf_word"], a["idf_char"]), (a["coef_word"], a["coef_char"], a["coef_signals"]),
                   signal_weight, float(a["intercept"][0]))


def npz_bytes(arrays: dict[str, np.ndarray]) -> bytes:
    """The model file: the arrays in `ARRAYS` order, compressed; the same arrays always give the same bytes."""
    buf = io.BytesIO()
    np.savez_compressed(buf, **{k: arrays[k] for k in ARRAYS})
    return buf.getvalue()


def metadata(raw: bytes, scores: dict[str, float], sizes: dict[str, int], c: float = C,
             signal_weight: float = SIGNAL_WEIGHT) -> dict:
    """model.json: settings, scores, the scikit-learn version and the npz's sha256."""
    import sklearn

    from analyzer.checkworthiness.features import SIGNALS

    return {
        "about": ABOUT,
        "signals": list(SIGNALS),
        "signal_weight": signal_weight,
        "C": c,
        "training_data": "CLEF-2024 CheckThat! Task 1 English train (fit); dev and dev-test pooled (C, signal weight "
                         "and decision point)",
        "data_licence": "no licence stated for the data (the distributing repository is MIT); research use",
        "scikit_learn": sklearn.__version__,
        "f1_positive": scores,
        "sha256": hashlib.sha256(raw).hexdigest(),
        "sentences": sizes,
    }


def json_bytes(meta: dict) -> bytes:
    """model.json as shipped: UTF-8, one-space indent, a final newline."""
    return (json.dumps(meta, ensure_ascii=False, indent=1) + "\n").encode("utf8")


def write_model(folder: Path, arrays: dict[str, np.ndarray], meta: dict) -> bytes:
    """Write model.npz and model.json into ``folder``; the npz's bytes."""
    folder.mkdir(parents=True, exist_ok=True)
    raw = npz_bytes(arrays)
    (folder / "model.npz").write_bytes(raw)
    (folder / "model.json").write_bytes(json_bytes(meta))
    return raw


def load_model(folder: Path) -> tuple[dict[str, np.ndarray], dict, str]:
    """The arrays, model.json and the npz's actual sha256 of a model folder."""
    raw = (folder / "model.npz").read_bytes()
    with np.load(io.BytesIO(raw), allow_pickle=False) as npz:
        arrays = {k: npz[k] for k in npz.files}
    return arrays, json.loads((folder / "model.json").read_text(encoding="utf8")), hashlib.sha256(raw).hexdigest()


def compare(built: Path, shipped: Path = DATA) -> list[str]:
    """The differences between two model folders (arrays, sha256, recorded scores); empty when the same."""
    a, meta_a, sha_a = load_model(built)
    b, meta_b, sha_b = load_model(shipped)
    problems = []
    for k in sorted(set(a) | set(b)):
        if k not in a or k not in b:
            problems.append(f"{k}: only in {'the rebuild' if k in a else 'the shipped model'}")
        elif a[k].dtype != b[k].dtype or a[k].shape != b[k].shape:
            problems.append(f"{k}: {a[k].dtype}{a[k].shape} rebuilt, {b[k].dtype}{b[k].shape} shipped")
        elif not np.array_equal(a[k], b[k]):
            diff = np.abs(a[k].astype(np.float64) - b[k].astype(np.float64))
            problems.append(f"{k}: {int((diff > 0).sum()):,} of {diff.size:,} values differ, max abs diff "
                            f"{diff.max():.3g}")
    if sha_a != sha_b:
        problems.append(f"model.npz sha256: {sha_a} rebuilt, {sha_b} shipped")
    if meta_b.get("sha256") != sha_b:
        problems.append(f"shipped model.json records sha256 {meta_b.get('sha256')}, the shipped npz has {sha_b}")
    for field in sorted(set(meta_a) | set(meta_b)):
        if field != "sha256" and meta_a.get(field) != meta_b.get(field):
            problems.append(f"model.json {field}: {meta_a.get(field)!r} rebuilt, {meta_b.get(field)!r} shipped")
    if not problems and (built / "model.json").read_bytes() != (shipped / "model.json").read_bytes():
        problems.append("model.json: the same fields, other bytes (order or layout)")
    return problems


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"), help="folder with datasets/ (default ../shared)")
    ap.add_argument("--out", default=str(DATA), help=f"where to write model.npz and model.json (default {DATA})")
    ap.add_argument("--check", action="store_true", help="rebuild into a temporary folder and compare with the "
                    "shipped model; exit 1 on a difference")
    ap.add_argument("--pipeline", default=SHIPPED_PIPELINE, help="the pipeline that computes the signals: a git "
                    f"commit, or '{WORKTREE}' (this working tree's analyzer/, to retrain); default the shipped "
                    f"model's, {SHIPPED_PIPELINE[:7]}")
    ap.add_argument("--workers", type=int, default=1, help="processes for the pipeline signals (nlp.pipe n_process)")
    ap.add_argument("--fresh", action="store_true", help="recompute the pipeline signals even when cached")
    ap.add_argument("--signals-worker", nargs=3, metavar=("TREE", "TEXTS", "OUT"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.signals_worker:
        _signals_worker(*(Path(p) for p in args.signals_worker), args.workers)
        return 0
    shared = Path(args.shared)
    if not (shared / "datasets" / DATASET).exists():
        sys.exit(f"need {shared / 'datasets' / DATASET}")
    data = {s: read_split(shared, s) for s in SPLITS}
    sig = cached_signals(data, args.workers, args.pipeline, fresh=args.fresh)
    texts = {s: data[s][0] for s in SCORED}
    gold = {s: data[s][1] for s in SCORED}
    arrays, scores = train(texts, gold, sig)
    meta = metadata(npz_bytes(arrays), scores, {s: len(data[s][0]) for s in SPLITS})
    print("| split | sentences | check-worthy | F1 (positive class) |\n|---|---:|---:|---:|")
    for s in SCORED:
        print(f"| {s}{' (decision point chosen here)' if s in CUT_SPLITS else ''} | {len(texts[s]):,} | "
              f"{int(gold[s].sum()):,} | {scores[s]:.4f} |")
    print(f"| test_gold | {len(data['test_gold'][0]):,} | | not scored here: bench/checkworthiness.py |")
    print(f"model.npz sha256 {meta['sha256']}")
    if args.check:
        with tempfile.TemporaryDirectory() as tmp:
            write_model(Path(tmp), arrays, meta)
            problems = compare(Path(tmp))
        for p in problems:
            print("DIFFERS:", p)
        print("the rebuild differs from the shipped model" if problems else
              "the rebuild equals the shipped model: same arrays, same sha256, same model.json")
        return 1 if problems else 0
    write_model(Path(args.out), arrays, meta)
    print(f"wrote {Path(args.out) / 'model.npz'} and model.json")
    return 0


if __name__ == "__main__":
    sys.exit(main())
