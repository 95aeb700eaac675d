"""Stopping `geoclaims analyze` as users and schedulers do, in real processes (issue 15, items 5 and 6):
SIGTERM (docker stop, Slurm, timeout) and kill -9 on JSON Lines, CSV and Parquet, then `--resume`, which
must give every document's rows exactly once; and two runs writing the same file at once. The runs that are
not stopped (the uninterrupted reference and the resumes) run in this process (`invoke`)."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from .test_cli import invoke

ROOT = Path(__file__).resolve().parents[1]
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}
CMD = [sys.executable, "-m", "analyzer", "analyze"]
TEXTS = [
    "Kazakhstan exported 8 million tonnes of wheat last year, the ministry said.",
    "Trade between Russia and Iran rose 12% to $4 billion in 2023.",
    "Turkey's inflation fell to 61.8% in August, down from 71.6% in June.",
    "Nearly 1,300 Russian enterprises work in Azerbaijan, Putin said.",
]
N = 30  # documents: enough for a run of a second or two, stopped after its first rows


@pytest.fixture(scope="module")
def src(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("corpus") / "news.jsonl"
    docs = [json.dumps({"id": f"n{i}", "text": " ".join(TEXTS[(i + k) % 4] for k in range(4))}) for i in range(N)]
    path.write_text("{bad line\n" + "\n".join(docs) + "\n", encoding="utf8")  # one error row, for --errors
    return path


@pytest.fixture(scope="module")
def reference(src, tmp_path_factory) -> list[str]:
    """The claim ids of an uninterrupted run, in order."""
    out = tmp_path_factory.mktemp("reference") / "claims.jsonl"
    proc = invoke("analyze", src, "--out", out, "--quiet")
    assert proc.returncode == 1, proc.stderr  # the bad line
    return list(read(out)["claim_id"])


def read(path: Path) -> pd.DataFrame:
    if path.suffix == ".parquet":
        return pd.read_parquet(path)
    if path.suffix == ".csv":
        return pd.read_csv(path, dtype=str, keep_default_na=False)
    return pd.DataFrame([json.loads(line) for line in path.read_text(encoding="utf8").splitlines()])


def start(src: Path, out: Path, *extra: str) -> subprocess.Popen:
    return subprocess.Popen([*CMD, str(src), "--out", str(out), "--batch-size", "1", *extra], env=ENV,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def wait_for_rows(proc: subprocess.Popen, out: Path) -> None:
    """Until the run has written a few documents' rows (Parquet: to its journal)."""
    written = out.with_name(out.name + ".journal") if out.suffix == ".parquet" else out
    deadline = time.time() + 180
    while not (written.exists() and written.stat().st_size > 20_000):
        assert proc.poll() is None, f"the run ended before it was stopped: {proc.communicate()[1]}"
        assert time.time() < deadline, "no rows written in 180 s"
        time.sleep(0.02)


def resume(src: Path, out: Path, errors: Path) -> None:
    proc = invoke("analyze", src, "--out", out, "--errors", errors, "--resume", "--batch-size", "1")
    assert proc.returncode == 1, proc.stderr  # the bad line again
    assert "Traceback" not in proc.stderr and "skipped" in proc.stderr, proc.stderr


@pytest.mark.parametrize(("suffix", "workers"), [(".jsonl", "1"), (".csv", "1"), (".parquet", "2")])
def test_sigterm_closes_the_file_whole_and_resume_completes_it(src, reference, tmp_path, suffix, workers):
    out, errors = tmp_path / f"claims{suffix}", tmp_path / "errors.jsonl"
    proc = start(src, out, "--errors", str(errors), "--workers", workers)
    wait_for_rows(proc, out)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 143, err  # 128 + SIGTERM, as a shell reports it
    assert "Traceback" not in err and "interrupted:" in err and "--resume" in err
    done = read(out)  # valid: every JSON line whole, the CSV parses, the Parquet file has its footer
    assert 0 < len(done) < len(reference) and list(done["claim_id"]) == reference[:len(done)]
    assert not out.with_name(out.name + ".journal").exists()
    assert [json.loads(line)["source"] for line in errors.read_text(encoding="utf8").splitlines()] == [f"{src}:1"]
    resume(src, out, errors)
    assert list(read(out)["claim_id"]) == reference  # every row once, in order
    assert [json.loads(line)["source"] for line in errors.read_text(encoding="utf8").splitlines()] == [f"{src}:1"]


def children(pid: int) -> list[int]:
    """The processes whose parent is ``pid`` (Linux /proc)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def lock_is_free(path: Path) -> bool:
    import fcntl

    with path.open("rb") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        fcntl.flock(fh, fcntl.LOCK_UN)
        return True


# CSV cut anywhere: tests/io/test_resume.py. With --workers 2 the forked workers outlive the killed run (here
# stopped, so that they surely do): they must not hold its lock, or the resume would be refused
@pytest.mark.parametrize(("suffix", "workers"), [(".parquet", "2"), (".jsonl", "1")])
def test_kill_9_loses_no_written_rows_and_resume_completes_it(src, reference, tmp_path, suffix, workers):
    out, errors = tmp_path / f"claims{suffix}", tmp_path / "errors.jsonl"
    proc = start(src, out, "--errors", str(errors), "--workers", workers)
    wait_for_rows(proc, out)
    workers_left = children(proc.pid) if sys.platform == "linux" else []
    for pid in workers_left:
        os.kill(pid, signal.SIGSTOP)
    try:
        proc.kill()
        assert proc.wait(timeout=60) == -signal.SIGKILL  # (its stderr stays open in the stopped workers)
        assert lock_is_free(out)  # released with the run, though its workers live on
    finally:
        for pid in workers_left:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        proc.communicate(timeout=60)
    if suffix == ".parquet":  # the rows are in the journal; the Parquet file is as the run found it (new: empty)
        assert out.stat().st_size == 0 and out.with_name(out.name + ".journal").stat().st_size > 20_000
    resume(src, out, errors)
    assert list(read(out)["claim_id"]) == reference
    assert not out.with_name(out.name + ".journal").exists() and not out.with_name(out.name + ".merging").exists()
    assert [json.loads(line)["source"] for line in errors.read_text(encoding="utf8").splitlines()] == [f"{src}:1"]


def test_second_writer_of_the_same_file_fails_at_once(src, reference, tmp_path):
    out = tmp_path / "claims.jsonl"
    first = start(src, out, "--errors", str(tmp_path / "e1.jsonl"))
    second = start(src, out, "--errors", str(tmp_path / "e2.jsonl"))
    (_, err1), (_, err2) = first.communicate(timeout=300), second.communicate(timeout=300)
    codes = sorted([(first.returncode, err1), (second.returncode, err2)])
    assert [c for c, _ in codes] == [1, 2], codes  # one run ends (1: the bad line), the other is refused
    refused = codes[1][1]
    assert "another geoclaims run is writing this file" in refused and len(refused.strip().splitlines()) == 1
    assert list(read(out)["claim_id"]) == reference  # no row lost, none twice
