"""How much work a kill -9 of `geoclaims analyze --out claims.parquet` can lose (issue 15, item 5).

Runs the command on news articles (FNC-1 test bodies from ../shared), watches the Parquet journal and
records when each chunk is committed, kills the run with SIGKILL after ``--after`` seconds, resumes it and
checks the rows against an uninterrupted run (every row exactly once). What a kill can lose is the work
since the last commit: the largest gap between commits, in seconds and documents.

    python bench/kill9.py [--shared ../shared] [--docs 300] [--batch-size 32] [--workers 1] [--after 20]
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
from _results import write_section  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--docs", type=int, default=300)
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--after", type=float, default=20.0, help="seconds after the first commit to kill")
    ap.add_argument("--no-write", dest="write", action="store_false", help="print only, leave RESULTS.md")
    args = ap.parse_args()
    csv.field_size_limit(sys.maxsize)
    with (args.shared / "datasets" / "fnc1_test" / "competition_test_bodies.csv").open(encoding="utf8") as fh:
        bodies = [(r["Body ID"], r["articleBody"]) for r in csv.DictReader(fh)][:args.docs]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with tempfile.TemporaryDirectory() as tmp:
        src, out, whole = Path(tmp) / "news.jsonl", Path(tmp) / "claims.parquet", Path(tmp) / "whole.parquet"
        src.write_text("".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in bodies), encoding="utf8")
        cmd = [sys.executable, "-m", "analyzer", "analyze", str(src), "--batch-size", str(args.batch_size),
               "--workers", str(args.workers), "--quiet"]
        proc = subprocess.Popen([*cmd, "--out", str(out)], env=env)
        journal = out.with_name(out.name + ".journal")
        commits, size, first = [], 0, None
        while proc.poll() is None:
            now = time.perf_counter()
            grown = journal.stat().st_size if journal.exists() else 0
            if grown > size:
                size = grown
                commits.append(now)
                first = first or now
            if first and now - first > args.after:
                proc.send_signal(signal.SIGKILL)
                proc.wait()
                break
            time.sleep(0.005)
        assert proc.returncode == -signal.SIGKILL, "the run ended before the kill: use more --docs"
        gaps = [b - a for a, b in zip(commits, commits[1:], strict=False)]
        t0 = time.perf_counter()
        subprocess.run([*cmd, "--out", str(out), "--resume"], env=env, check=True)
        resumed = time.perf_counter() - t0
        subprocess.run([*cmd, "--out", str(whole)], env=env, check=True)
        got, ref = pd.read_parquet(out), pd.read_parquet(whole)
        lines = [
            f"- docs {args.docs} (FNC-1 test bodies), batch size {args.batch_size}, workers {args.workers}: "
            f"{len(commits)} chunks committed in {args.after:.0f} s before the kill, "
            f"{got['doc_id'].nunique() if len(got) else 0} documents in the output after resume",
            f"- gap between commits: median {sorted(gaps)[len(gaps) // 2]:.2f} s, max {max(gaps):.2f} s "
            f"(= the most work a kill -9 can lose, per worker pipeline: one chunk of {args.batch_size} documents"
            f"{f' x {2 * args.workers} in flight' if args.workers > 1 else ''})",
            f"- resume took {resumed:.1f} s; rows {len(got)} vs {len(ref)} uninterrupted; same rows in the same "
            f"order: {list(got['claim_id']) == list(ref['claim_id'])}; journal left: {journal.exists()}"]
        print("\n".join(lines))
        if args.write:
            command = (f"python bench/kill9.py --docs {args.docs} --batch-size {args.batch_size} "
                       f"--workers {args.workers} --after {args.after:g}")
            write_section(f"kill -9 (workers {args.workers})", command, "\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
