"""Corpus scale: words/s of the full pipeline against the bare base spaCy model (same process, interleaved);
the `geoclaims analyze` command on 1 and 2 worker processes (wall time, speed-up, identical output); peak
memory of a streaming run over the corpus and over the corpus repeated; and the Dask backend
(``--scheduler local``) against ``--workers 2``.

    python bench/corpus.py [--shared ../shared] [--repeat-memory 10] [--memory-docs 300] [--skip-dask] [--limit N]

Data (read from ../shared, never copied into the repo): fnc1_test/competition_test_bodies.csv, the 904 news
article bodies of the FNC-1 test set (columns ``Body ID``, ``articleBody``). The command-line runs read them
as JSONL (``id``, ``text``) written under bench/out/corpus/ (git-ignored), with their Parquet outputs.
``--limit N`` uses the first N bodies for everything (for trying the script out; the section says so).
"""
from __future__ import annotations

import argparse
import csv
import importlib.util
import json
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out" / "corpus"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _results import write_section  # noqa: E402

BATCH = 32
ROUNDS = 3
WARMUP = 20
POLL_S = 0.2
MiB = 2**20

# runs a command and prints the largest ru_maxrss (KiB on Linux) of the processes it waited for: a check on
# the polled figure, which can miss a peak shorter than the polling interval
WRAPPER = ("import resource, subprocess, sys\n"
           "code = subprocess.run(sys.argv[1:]).returncode\n"
           "print('ru_maxrss_kib', resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)\n"
           "sys.exit(code)\n")


# ---- data ------------------------------------------------------------------------------------------
def read_bodies(shared: Path, limit: int | None) -> list[tuple[str, str]]:
    csv.field_size_limit(sys.maxsize)
    path = shared / "datasets" / "fnc1_test" / "competition_test_bodies.csv"
    with path.open(encoding="utf8", newline="") as fh:
        rows = [(row["Body ID"], row["articleBody"]) for row in csv.DictReader(fh)]
    return rows[:limit] if limit else rows


def write_jsonl(path: Path, bodies: list[tuple[str, str]], repeat: int = 1) -> Path:
    """The bodies as JSONL records ``{"id", "text"}``, ``repeat`` times over (ids made unique)."""
    with path.open("w", encoding="utf8") as fh:
        for k in range(repeat):
            for body_id, text in bodies:
                rid = body_id if repeat == 1 else f"{body_id}-{k}"
                fh.write(json.dumps({"id": rid, "text": text}, ensure_ascii=False) + "\n")
    return path


def words(texts: list[str]) -> int:
    return sum(len(t.split()) for t in texts)


def largest_batch(texts: list[str]) -> int:
    """Words in the largest batch of BATCH consecutive texts (what a streaming run holds at once)."""
    return max((words(texts[i:i + BATCH]) for i in range(0, len(texts), BATCH)), default=0)


# ---- 1. throughput in one process --------------------------------------------------------------------
def throughput(texts: list[str], block: int, accurate: bool = False) -> dict:
    """Words/s of the bare base model and of the full pipeline (and, with ``accurate``, of the full pipeline in
    the accurate check-worthiness mode), ROUNDS passes each over ``texts``. Within a pass they alternate every
    ``block`` texts (the order rotating from block to block), so that a change in the machine's load hits all
    alike; ``block`` 0: whole passes alternate."""
    import pandas as pd
    import spacy

    import analyzer
    from analyzer.pipeline import default_model

    t0 = time.perf_counter()
    base = spacy.load(default_model())
    base_load = time.perf_counter() - t0
    t0 = time.perf_counter()
    nlp = analyzer.load()
    full_load = time.perf_counter() - t0
    accurate_nlp, accurate_load = None, 0.0
    if accurate:
        t0 = time.perf_counter()
        accurate_nlp = analyzer.load(checkworthiness="accurate")
        accurate_load = time.perf_counter() - t0
    errors: list = []

    def bare_run(batch: list[str]) -> int:
        for _ in base.pipe(batch, batch_size=BATCH):
            pass
        return 0

    def full_run(batch: list[str], pipeline=nlp) -> int:
        chunks = list(analyzer.analyze_many(batch, nlp=pipeline, batch_size=BATCH, errors=errors))
        return len(pd.concat(chunks, ignore_index=True)) if chunks else 0

    runs = {"bare": bare_run, "full": full_run}
    if accurate_nlp is not None:
        runs["accurate"] = lambda batch: full_run(batch, accurate_nlp)
    for run in runs.values():
        run(texts[:WARMUP])
    errors.clear()
    n_words = words(texts)
    step = block or len(texts)
    blocks = [texts[i:i + step] for i in range(0, len(texts), step)]
    sides = list(runs)
    speeds: dict[str, list[float]] = {side: [] for side in sides}
    claims = 0
    for r in range(ROUNDS):
        spent = dict.fromkeys(sides, 0.0)
        claims = 0
        for j, part in enumerate(blocks):
            k = (j + r * len(blocks)) % len(sides)
            for side in sides[k:] + sides[:k]:
                t0 = time.perf_counter()
                n = runs[side](part)
                spent[side] += time.perf_counter() - t0
                claims += n if side == "full" else 0
        for side in sides:
            speeds[side].append(n_words / spent[side])
        print(f"  round {r + 1}: " + ", ".join(f"{side} {speeds[side][-1]:,.0f} words/s" for side in sides)
              + f", ratio {speeds['full'][-1] / speeds['bare'][-1]:.3f}, {claims:,} claims", flush=True)
    return {"bare": speeds["bare"], "full": speeds["full"], "accurate": speeds.get("accurate"), "claims": claims,
            "errors": len(errors) // (ROUNDS * (len(sides) - 1)), "words": n_words, "base_load": base_load,
            "full_load": full_load, "accurate_load": accurate_load, "model": default_model(),
            "pipes": list(nlp.pipe_names), "block": block, "blocks": len(blocks)}


# ---- command-line runs ------------------------------------------------------------------------------
def geoclaims_command() -> list[str]:
    script = Path(sys.executable).with_name("geoclaims")
    return [str(script)] if script.exists() else [sys.executable, "-m", "analyzer"]


def tree_rss(proc) -> int:
    """RSS (bytes) of the wrapper's descendants: the geoclaims process and its workers."""
    import psutil

    total = 0
    try:
        children = proc.children(recursive=True)
    except psutil.Error:
        return 0
    for child in children:
        try:
            total += child.memory_info().rss
        except psutil.Error:
            pass
    return total


def run_cli(args: list[str], label: str, timeout: float = 3600) -> dict:
    """Run ``geoclaims analyze ARGS`` under the ru_maxrss wrapper; wall time, polled peak RSS of the
    process tree, ru_maxrss of the largest single process, exit code and stderr."""
    import psutil

    cmd = [sys.executable, "-c", WRAPPER, *geoclaims_command(), "analyze", *args]
    print(f"  {label}: geoclaims analyze {' '.join(args)}", flush=True)
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    ps = psutil.Process(proc.pid)
    samples: list[tuple[float, int]] = []
    done = threading.Event()

    def poll() -> None:
        while not done.is_set():
            samples.append((time.perf_counter() - t0, tree_rss(ps)))
            done.wait(POLL_S)

    poller = threading.Thread(target=poll, daemon=True)
    poller.start()
    try:
        stdout, stderr = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        stdout, stderr = proc.communicate()
        stderr += f"\n(killed after {timeout:.0f} s)"
    wall = time.perf_counter() - t0
    done.set()
    poller.join()
    peak = max((rss for _, rss in samples), default=0)
    maxrss = 0
    lines = []
    for line in stderr.splitlines():
        if line.startswith("ru_maxrss_kib "):
            maxrss = int(line.split()[1]) * 1024
        else:
            lines.append(line)
    result = {"wall": wall, "peak": peak, "maxrss": maxrss, "code": proc.returncode,
              "stderr": "\n".join(lines).strip(), "stdout": stdout, "samples": samples}
    status = "ok" if proc.returncode == 0 else f"exit code {proc.returncode}"
    print(f"    {wall:.1f} s, peak RSS {peak / MiB:,.0f} MiB (tree), ru_maxrss {maxrss / MiB:,.0f} MiB, {status}",
          flush=True)
    if proc.returncode != 0 and result["stderr"]:
        print("    " + result["stderr"][-2000:].replace("\n", "\n    "), flush=True)
    return result


def rss_profile(result: dict, parts: int = 10) -> str:
    """The polled peak RSS (MiB) in each tenth of a run's wall time: flat, or growing with the input?"""
    peaks = [0] * parts
    for t, rss in result["samples"]:
        k = min(int(parts * t / result["wall"]), parts - 1)
        peaks[k] = max(peaks[k], rss)
    return " / ".join(f"{p / MiB:,.0f}" if p else "-" for p in peaks)


def compare(a: Path, b: Path) -> str:
    """'yes' when the two Parquet files hold the same frame, else 'no (why)'."""
    import pandas as pd

    try:
        fa, fb = pd.read_parquet(a), pd.read_parquet(b)
    except Exception as e:  # noqa: BLE001 - reported, not raised
        return f"no (cannot read: {type(e).__name__}: {e})"
    try:
        pd.testing.assert_frame_equal(fa, fb)
        return "yes"
    except AssertionError as e:
        why = " ".join(str(e).split())[:300]
        if fa.shape != fb.shape:
            why = f"shape {fa.shape} vs {fb.shape}; {why}"
        return f"no ({why})"


def fmt_failure(result: dict) -> str:
    tail = result["stderr"].splitlines()[-15:] or ["(no output on stderr)"]
    return "\n".join(["```", *tail, "```"])


# ---- main ------------------------------------------------------------------------------------------
def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--repeat-memory", type=int, default=10, help="the long memory run: corpus repeated this often")
    ap.add_argument("--memory-docs", type=int, default=300,
                    help="bodies in the memory runs (the first N; 0 = all): the repeated run must stay short")
    ap.add_argument("--block", type=int, default=3 * BATCH,
                    help="throughput: bare and full alternate every N texts within a pass (0: whole passes)")
    ap.add_argument("--skip-dask", action="store_true")
    ap.add_argument("--skip-accurate", action="store_true",
                    help="no throughput of the accurate check-worthiness mode (measured when its extra is installed)")
    ap.add_argument("--limit", type=int, default=0, help="use only the first N bodies for everything (trying out)")
    args = ap.parse_args()
    shared = Path(args.shared)
    if not (shared / "datasets" / "fnc1_test" / "competition_test_bodies.csv").exists():
        sys.exit(f"need {shared}/datasets/fnc1_test/competition_test_bodies.csv")
    t_start = time.perf_counter()
    bodies = read_bodies(shared, args.limit or None)
    texts = [t for _, t in bodies]
    n_words = words(texts)
    shutil.rmtree(OUT, ignore_errors=True)
    OUT.mkdir(parents=True)
    print(f"{len(bodies)} FNC-1 bodies, {n_words:,} words; temporary files in {OUT}", flush=True)

    # 1. throughput
    print("1. throughput, one process, bare base model vs full pipeline (interleaved)", flush=True)
    from analyzer.checkworthiness import accurate

    tp = throughput(texts, args.block, accurate=not args.skip_accurate and accurate.installed())

    # 2. workers
    print("2. workers: the command line on 1 and 2 processes", flush=True)
    corpus = write_jsonl(OUT / "corpus.jsonl", bodies)
    tiny = write_jsonl(OUT / "tiny.jsonl", bodies[:1])
    common = ["--quiet", "--batch-size", str(BATCH)]
    w1 = run_cli([str(corpus), "--out", str(OUT / "w1.parquet"), *common, "--workers", "1"], "workers 1")
    w2 = run_cli([str(corpus), "--out", str(OUT / "w2.parquet"), *common, "--workers", "2"], "workers 2")
    t1 = run_cli([str(tiny), "--out", str(OUT / "t1.parquet"), *common, "--workers", "1"], "1 document, workers 1")
    t2 = run_cli([str(tiny), "--out", str(OUT / "t2.parquet"), *common, "--workers", "2"], "1 document, workers 2")
    same_w = compare(OUT / "w1.parquet", OUT / "w2.parquet") if w1["code"] == 0 and w2["code"] == 0 else \
        "no (a run failed)"
    print(f"  identical: {same_w}", flush=True)

    # 3. memory
    mem_n = min(args.memory_docs or len(bodies), len(bodies))
    reps = args.repeat_memory
    print(f"3. memory: streaming run over {mem_n} bodies x1 and x{reps}", flush=True)
    mem_bodies = bodies[:mem_n]
    m1_in = write_jsonl(OUT / "memory_x1.jsonl", mem_bodies)
    mk_in = write_jsonl(OUT / f"memory_x{reps}.jsonl", mem_bodies, repeat=reps)
    m1 = run_cli([str(m1_in), "--out", str(OUT / "memory_x1.parquet"), *common, "--workers", "1"], "x1")
    mk = run_cli([str(mk_in), "--out", str(OUT / f"memory_x{reps}.parquet"), *common, "--workers", "1"], f"x{reps}")

    # 4. dask
    dask_note = ""
    dk = dt = None
    same_d = "-"
    if args.skip_dask:
        dask_note = "Skipped (`--skip-dask`)."
    elif importlib.util.find_spec("distributed") is None:
        dask_note = "Skipped: `distributed` is not installed (the 'dask' extra)."
    else:
        print("4. Dask: --scheduler local --workers 2", flush=True)
        dk = run_cli([str(corpus), "--out", str(OUT / "dask.parquet"), *common, "--scheduler", "local",
                      "--workers", "2"], "dask")
        if dk["code"] == 0:
            dt = run_cli([str(tiny), "--out", str(OUT / "dask_tiny.parquet"), *common, "--scheduler", "local",
                          "--workers", "2"], "1 document, dask")
            same_d = compare(OUT / "w1.parquet", OUT / "dask.parquet") if w1["code"] == 0 else "no (workers 1 failed)"
            print(f"  identical to --workers 1: {same_d}", flush=True)

    total = time.perf_counter() - t_start
    body = report(args, bodies, n_words, tp, w1, w2, t1, t2, same_w, mem_n, reps, m1, mk, dk, dt, same_d,
                  dask_note, total)
    print(body)
    command = "python bench/corpus.py" + (f" --limit {args.limit}" if args.limit else "") + \
        (f" --memory-docs {args.memory_docs}" if args.memory_docs != 300 else "") + \
        (f" --repeat-memory {reps}" if reps != 10 else "") + (" --skip-dask" if args.skip_dask else "") + \
        (" --skip-accurate" if args.skip_accurate else "")
    write_section("corpus", command, body)
    for name in OUT.glob("memory_x*.jsonl"):  # the large inputs; the rest stays for a look
        name.unlink()


def accurate_rows(tp: dict, bare_med: float, full_med: float) -> list[str]:
    """The throughput table's rows of the accurate check-worthiness mode (target: >= 0.5 of the bare model)."""
    if not tp.get("accurate"):
        return ["| (c) accurate mode | not measured (`--skip-accurate`, or the 'accurate' extra is not installed) |"]
    med = statistics.median(tp["accurate"])
    per_round = ", ".join(f"{a / b:.3f}" for b, a in zip(tp["bare"], tp["accurate"], strict=True))
    return [f"| (c) full pipeline + claim table, accurate mode (`analyzer.load(checkworthiness=\"accurate\")`, "
            f"loaded in {tp['accurate_load']:.2f} s), median of {ROUNDS} | {med:,.0f} |",
            f"| ratio (c) / (a) | **{med / bare_med:.3f}** ({'meets' if med / bare_med >= 0.5 else '**misses**'} "
            f"the 0.5 target) |",
            f"| ratio (c) / (a) of each pass | {per_round} |",
            f"| time of (c) over (b) | {full_med / med:.2f}x |"]


def report(args, bodies, n_words, tp, w1, w2, t1, t2, same_w, mem_n, reps, m1, mk, dk, dt, same_d, dask_note,
           total) -> str:
    n = len(bodies)
    bare_med, full_med = statistics.median(tp["bare"]), statistics.median(tp["full"])
    ratio = full_med / bare_med
    per_round = ", ".join(f"{f / b:.3f}" for b, f in zip(tp["bare"], tp["full"], strict=True))

    def ok(cond: bool) -> str:
        return "meets" if cond else "**misses**"

    def wall(r: dict) -> str:
        return f"{r['wall']:.1f} s" if r["code"] == 0 else f"failed (exit {r['code']})"

    out = [
        f"Data: the {n} news article bodies of the FNC-1 test set (`fnc1_test/competition_test_bodies.csv`, "
        f"{n_words:,} whitespace words"
        + (f"; **`--limit {args.limit}`: only the first {n} bodies**" if args.limit else "") + "). "
        f"Batch size {BATCH} everywhere. Total bench time {total / 60:.1f} min.",
        "",
        "### Throughput, one process",
        "",
        f"Words/s over the {n} bodies of (a) the bare base model `spacy.load(\"{tp['model']}\")` through "
        f"`nlp.pipe(texts, batch_size={BATCH})`, consuming the docs, and (b) the full pipeline "
        f"({', '.join(tp['pipes'])}) producing the claim table, "
        f"`pd.concat(analyzer.analyze_many(texts, batch_size={BATCH}))`. Both warmed up on {WARMUP} texts, then "
        f"{ROUNDS} passes of each over all {n} bodies, alternating (bare, full, bare, full, ...)"
        + (f" every {tp['block']} texts, the order flipping from block to block ({tp['blocks']} blocks a pass), "
           f"so that a change in the machine's load hits both alike (`--block 0`: whole passes alternate)"
           if tp["blocks"] > 1 else "") + "; words/s of a pass = its words / its total time; medians of the "
        f"{ROUNDS} passes. Target: full / bare >= 0.85.",
        "",
        "| what | words/s |",
        "|---|---:|",
        f"| (a) bare base model, median of {ROUNDS} | {bare_med:,.0f} |",
        f"| (b) full pipeline + claim table, median of {ROUNDS} | {full_med:,.0f} |",
        f"| ratio (b) / (a) of the medians | **{ratio:.3f}** ({ok(ratio >= 0.85)} the 0.85 target) |",
        f"| ratio of each pass | {per_round} |",
        *accurate_rows(tp, bare_med, full_med),
        "",
        f"Claims produced: {tp['claims']:,} ({tp['claims'] / n:.1f} per article); records that could not be "
        f"analysed: {tp['errors']}. Loading: base model {tp['base_load']:.2f} s, full pipeline "
        f"{tp['full_load']:.2f} s (after the base model was loaded once).",
        "",
        "### Worker processes (`geoclaims analyze`)",
        "",
        "The command as users run it, in a subprocess, on the corpus written once as JSONL (`id`, `text`): "
        "`geoclaims analyze corpus.jsonl --out X.parquet --quiet --workers N`. A run's wall time includes "
        "starting Python and loading the pipeline (in each worker process too); the speed-up excluding that "
        "subtracts the wall time of the same command on a 1-document file. Target: speed-up >= 1.7 on 2 cores.",
        "",
        "| run | wall time | 1-document run | wall time minus 1-document run | docs/s (minus 1-doc run) | "
        "peak RSS (tree) |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for label, r, t in (("`--workers 1`", w1, t1), ("`--workers 2`", w2, t2)):
        net = r["wall"] - t["wall"]
        out.append(f"| {label} | {wall(r)} | {wall(t)} | {net:.1f} s | {n / net:,.1f} | {r['peak'] / MiB:,.0f} MiB |")
    if w1["code"] == 0 and w2["code"] == 0:
        s_all = w1["wall"] / w2["wall"]
        s_net = (w1["wall"] - t1["wall"]) / (w2["wall"] - t2["wall"])
        out += ["",
                f"Speed-up `--workers 2` over `--workers 1`: **{s_all:.2f}** with load and start-up "
                f"({ok(s_all >= 1.7)} the 1.7 target); **{s_net:.2f}** excluding them (each run minus its "
                f"1-document run; {ok(s_net >= 1.7)} the target). Parquet outputs identical "
                f"(`pandas.read_parquet`, `assert_frame_equal`): **{same_w}**."]
    else:
        for label, r in (("--workers 1", w1), ("--workers 2", w2)):
            if r["code"] != 0:
                out += ["", f"`{label}` failed:", "", fmt_failure(r)]

    mem_rate = [mem_n / m1["wall"], mem_n * reps / mk["wall"]]
    out += [
        "",
        "### Memory of a streaming run",
        "",
        "`geoclaims analyze IN.jsonl --workers 1 --out X.parquet --quiet` over "
        + (f"the first {mem_n} bodies (**not all {n}**: keeps the x{reps} run short, `--memory-docs 0` for all; "
           f"the same {mem_n} in both runs)"
           if mem_n < n else f"the {n} bodies")
        + f", once and repeated {reps} times (ids made unique). Peak RSS: the RSS of the command's process and "
        f"its children, summed, polled every {POLL_S} s with psutil; ru_maxrss: the largest resident size of a "
        f"single process, from `getrusage(RUSAGE_CHILDREN)` in a wrapper process (a check on the polling). "
        f"Target: the x{reps} peak within 15% of the x1 peak.",
        "",
        "| input | documents | wall time | docs/s | peak RSS (tree, polled) | ru_maxrss |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for label, r, docs, rate in (("x1", m1, mem_n, mem_rate[0]), (f"x{reps}", mk, mem_n * reps, mem_rate[1])):
        out.append(f"| {label} | {docs:,} | {wall(r)} | {rate:,.1f} | {r['peak'] / MiB:,.0f} MiB | "
                   f"{r['maxrss'] / MiB:,.0f} MiB |")
    if m1["code"] == 0 and mk["code"] == 0:
        d_peak = mk["peak"] / m1["peak"] - 1
        d_max = mk["maxrss"] / m1["maxrss"] - 1
        out += ["", f"Peak x{reps} vs x1: **{100 * d_peak:+.1f}%** polled ({ok(abs(d_peak) < 0.15)} the 15% target), "
                    f"{100 * d_max:+.1f}% by ru_maxrss. docs/s include loading the pipeline, which weighs more in "
                    f"the short run.",
                "", f"Peak RSS (MiB) in each tenth of the wall time, x1: {rss_profile(m1)}; x{reps}: {rss_profile(mk)} "
                    f"(the first tenths are start-up and loading the pipeline)."]
    else:
        for label, r in (("x1", m1), (f"x{reps}", mk)):
            if r["code"] != 0:
                out += ["", f"The {label} run failed:", "", fmt_failure(r)]
    if w1["code"] == 0:
        texts = [t for _, t in bodies]
        out += ["", f"For comparison, the `--workers 1` run above over all {n} distinct bodies peaked at "
                    f"{w1['peak'] / MiB:,.0f} MiB (tenths: {rss_profile(w1)}). Largest batch of {BATCH} "
                    f"documents: {largest_batch(texts[:mem_n]):,} words in the first {mem_n} bodies, "
                    f"{largest_batch(texts):,} in all {n}: a streaming run holds one batch at a time, so the "
                    f"largest batch weighs on its peak as well as how much it has read."]

    out += ["", "### Dask (`--scheduler local`)", ""]
    if dk is None:
        out.append(dask_note)
    else:
        out.append("`geoclaims analyze corpus.jsonl --out D.parquet --quiet --scheduler local --workers 2`: a "
                   "LocalCluster of 2 worker processes, against the `--workers 2` run above (batches in 2 "
                   "forked worker processes).")
        out.append("")
        if dk["code"] != 0:
            out += [f"**Failed** (exit code {dk['code']}); the end of its error output:", "", fmt_failure(dk)]
        else:
            over = dk["wall"] / w2["wall"] - 1 if w2["code"] == 0 else float("nan")
            net_d = dk["wall"] - dt["wall"] if dt and dt["code"] == 0 else float("nan")
            net_2 = w2["wall"] - t2["wall"]
            out += [
                "| run | wall time | 1-document run | minus 1-document run | peak RSS (tree) |",
                "|---|---:|---:|---:|---:|",
                f"| `--workers 2` | {wall(w2)} | {wall(t2)} | {net_2:.1f} s | {w2['peak'] / MiB:,.0f} MiB |",
                f"| `--scheduler local --workers 2` | {wall(dk)} | {wall(dt) if dt else '-'} | {net_d:.1f} s | "
                f"{dk['peak'] / MiB:,.0f} MiB |",
                "",
                f"Dask overhead over `--workers 2`: **{100 * over:+.1f}%** of wall time, "
                f"{100 * (net_d / net_2 - 1):+.1f}% excluding start-up (each run minus its 1-document run). "
                f"Rows identical to the `--workers 1` output: **{same_d}**.",
            ]
    out += ["", "Other processes may have been running on the machine: absolute figures are noisy; the "
                "ratios within a section were measured close together."]
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    main()
