"""The claim store through the command line (issue 20): `analyze --store`, `check --store`, `query`, `store
info/verify/migrate`, in process; and, in real processes, a writer killed with kill -9 in mid-run (the store
stays consistent and `--resume` completes it, on both backends) and two writers of one PostgreSQL store at once
(no row lost, none twice)."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from pathlib import Path

import pandas as pd

import analyzer.store
from tests.test_cli import invoke

from tests.test_cli_resume import CMD, ENV, ROOT, TEXTS  # the real processes and texts of the --out resume tests

EXAMPLES = ROOT / "data" / "examples"
N = 30


def corpus(path: Path, ids: range) -> Path:
    path.write_text("\n".join(json.dumps({"id": f"n{i}", "url": f"https://site{i % 3}.example/{i}",
                                          "text": " ".join(TEXTS[(i + k) % 4] for k in range(4))})
                              for i in ids) + "\n", encoding="utf8")
    return path


def counts(url: str) -> tuple[int, int, int]:
    """(documents, distinct document ids, claims) of a store."""
    with analyzer.store.open(url, migrate=False) as store:
        docs = store.documents(versions="all")
        return len(docs), docs["doc_id"].nunique(), store.info()["claims"]


def test_daily_workflow_on_the_example_files(duckdb_path, tmp_path):
    store = str(duckdb_path)
    for name, day in (("putin_baku.txt", "2024-08-19"), ("caspian_transit.txt", "2024-09-01")):
        proc = invoke("analyze", EXAMPLES / name, "--published", day, "--store", store)
        assert proc.returncode == 0, proc.stderr
        assert "claims stored in" in proc.stderr and proc.stdout == ""  # --store alone prints no table
    again = invoke("analyze", EXAMPLES / "putin_baku.txt", "--published", "2024-08-19", "--store", store)
    assert "0 new documents and 0 claims stored" in again.stderr
    checked = invoke("check", "--store", store, "--reference", EXAMPLES / "reference.csv")
    assert checked.returncode == 1  # a claim is inconsistent
    assert "new verdict(s) recorded" in checked.stderr
    rows = invoke("query", store, "--entity", "Azerbaijan", "--metric", "trade", "--format", "csv")
    frame = pd.read_csv(pd.io.common.StringIO(rows.stdout))
    assert rows.returncode == 0 and len(frame) == 2 and set(frame["unit"]) == {"USD"}
    report = tmp_path / "clusters.html"
    clustered = invoke("query", store, "--clusters", "--claimed-more-than", "1", "--report", report, "-f", "json")
    groups = json.loads(clustered.stdout)
    assert clustered.returncode == 0 and groups and all(g["claims"] > 1 for g in groups)
    assert {"disagree"} <= {g["status"] for g in groups}
    assert report.read_text(encoding="utf8").startswith("<!DOCTYPE html>")
    contradicted = invoke("query", store, "--contradicted", "-f", "csv")
    assert len(pd.read_csv(pd.io.common.StringIO(contradicted.stdout))) >= 1
    info = invoke("store", "info", store)
    assert "schema_version: 3" in info.stdout and "documents: 2" in info.stdout
    assert invoke("store", "verify", store).returncode == 0
    assert "already up to date" in invoke("store", "migrate", store).stderr


def test_option_errors_are_one_line(tmp_path):
    text = EXAMPLES / "putin_baku.txt"
    proc = invoke("analyze", text, "--store", str(tmp_path))
    assert proc.returncode == 2 and "is a folder" in proc.stderr
    proc = invoke("analyze", text, "--store", str(text))
    assert proc.returncode == 2 and "the store must be a file of its own" in proc.stderr
    proc = invoke("check", "--reference", EXAMPLES / "reference.csv")
    assert proc.returncode == 2 and "--store STORE" in proc.stderr
    proc = invoke("query", "mysql://x@y/z")
    assert proc.returncode == 2 and "unknown kind of store" in proc.stderr
    proc = invoke("query", str(tmp_path / "none.duckdb"), "--period", "someday")
    assert proc.returncode == 2 and "period" in proc.stderr
    for p in (proc,):
        assert "Traceback" not in p.stderr


def test_workers_store_the_same_rows_as_one_process(tmp_path):
    """(Dask's chunks carry the same documents as a local run's: tests/test_dask.py.)"""
    src = corpus(tmp_path / "news.jsonl", range(12))
    stores = {}
    for name, extra in (("one", []), ("workers", ["--workers", "2"])):
        stores[name] = str(tmp_path / f"{name}.duckdb")
        proc = invoke("analyze", src, "--store", stores[name], "--batch-size", "3", "--quiet", *extra)
        assert proc.returncode == 0, proc.stderr
    frames = {}
    for name, url in stores.items():
        with analyzer.store.open(url) as store:
            frames[name] = store.claims().drop(columns=["run_id", "stored_at"])
    pd.testing.assert_frame_equal(frames["one"], frames["workers"])


def _kill_mid_run(args: list[str], stored: callable) -> subprocess.Popen:
    """Start a real writer, wait until ``stored()`` says some documents are in, then kill -9 it."""
    proc = subprocess.Popen(CMD + args, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            start_new_session=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None and not stored():
        time.sleep(0.05)
    assert proc.poll() is None, "the run ended before it could be killed: " + proc.stderr.read().decode()[-500:]
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    return proc


def test_kill_9_leaves_the_store_consistent_and_resume_completes_it(store_url, tmp_path):
    src = corpus(tmp_path / "news.jsonl", range(N))
    if store_url.startswith("postgresql"):
        analyzer.store.open(store_url).close()  # the schema exists, so the watcher can count

        def stored() -> bool:
            return counts(store_url)[0] >= 6
    else:
        wal = Path(store_url + ".wal")

        def stored() -> bool:  # DuckDB's file is locked by the writer: its write-ahead log shows commits
            return wal.exists() and wal.stat().st_size > 50_000
    _kill_mid_run([str(src), "--store", store_url, "--batch-size", "2", "--quiet"], stored)
    with analyzer.store.open(store_url) as store:
        assert store.verify() == []  # whole documents only
        runs = store.runs()
        partial = len(store.documents())
    assert list(runs["status"]) == ["interrupted"] and 0 < partial < N
    resumed = invoke("analyze", src, "--store", store_url, "--resume", "--batch-size", "2")
    assert resumed.returncode == 0, resumed.stderr
    assert f"{partial:,} skipped" in resumed.stderr
    reference = tmp_path / "reference.jsonl"
    assert invoke("analyze", src, "--out", reference, "--quiet").returncode == 0
    expected = pd.read_json(reference, lines=True)
    with analyzer.store.open(store_url) as store:
        assert store.verify() == []
        back = store.claims()
        runs = store.runs()
    assert list(runs["status"]) == ["complete"]  # the same run went on
    assert len(back) == len(expected) and sorted(back["claim_id"]) == sorted(expected["claim_id"])
    assert counts(store_url) == (N, N, len(expected))


def test_sigterm_ends_the_run_whole_and_marks_it_interrupted(postgres_url, tmp_path):
    src = corpus(tmp_path / "news.jsonl", range(N))
    analyzer.store.open(postgres_url).close()
    proc = subprocess.Popen(CMD + [str(src), "--store", postgres_url, "--batch-size", "2"], env=ENV,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None and counts(postgres_url)[0] < 4:
        time.sleep(0.05)
    proc.terminate()
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 143, err.decode()[-500:]
    assert "interrupted:" in err.decode() and "rerun with --resume" in err.decode()
    with analyzer.store.open(postgres_url) as store:
        assert store.verify() == []
        assert list(store.runs()["status"]) == ["interrupted"]
        assert 4 <= len(store.documents()) < N


def test_two_writers_of_one_postgres_store(postgres_url, tmp_path):
    analyzer.store.open(postgres_url).close()
    a = corpus(tmp_path / "a.jsonl", range(0, 20))
    b = corpus(tmp_path / "b.jsonl", range(10, 30))  # 10 documents in both
    procs = [subprocess.Popen(CMD + [str(src), "--store", postgres_url, "--batch-size", "3", "--quiet"], env=ENV,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) for src in (a, b)]
    for p in procs:
        assert p.wait(timeout=300) == 0, p.stderr.read().decode()[-1000:]
    reference = tmp_path / "all.jsonl"
    assert invoke("analyze", corpus(tmp_path / "all_src.jsonl", range(30)), "--out", reference,
                  "--quiet").returncode == 0
    expected = pd.read_json(reference, lines=True)
    docs, ids, claims = counts(postgres_url)
    assert (docs, ids, claims) == (30, 30, len(expected))
    with analyzer.store.open(postgres_url) as store:
        assert store.verify() == []
        assert sorted(store.claims()["claim_id"]) == sorted(expected["claim_id"])
        runs = store.runs()
    assert list(runs["status"]) == ["complete", "complete"] and runs["documents"].sum() == 30


def test_a_second_writer_of_a_duckdb_store_is_told_it_is_in_use(duckdb_path, tmp_path):
    src = corpus(tmp_path / "news.jsonl", range(N))
    wal = Path(str(duckdb_path) + ".wal")
    proc = subprocess.Popen(CMD + [str(src), "--store", str(duckdb_path), "--batch-size", "2", "--quiet"], env=ENV,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and proc.poll() is None and not wal.exists():
            time.sleep(0.05)
        second = invoke("analyze", EXAMPLES / "putin_baku.txt", "--store", str(duckdb_path))
        assert second.returncode == 2 and "in use by another process" in second.stderr
        assert "Traceback" not in second.stderr
    finally:
        proc.terminate()  # SIGTERM: the first run ends its batch and closes the store whole
        proc.wait(timeout=300)
    assert proc.returncode in (0, 143, -signal.SIGTERM)  # finished, stopped whole, or stopped while loading
    with analyzer.store.open(duckdb_path) as store:
        assert store.verify() == []
        assert "running" not in set(store.runs()["status"])  # a dead writer's run is marked interrupted
