"""Batch runs of the command line: folders of every input format with their metadata, streamed outputs, error
rows, workers, resume and Ctrl-C. Runs with workers, Ctrl-C or a Dask scheduler are subprocesses of the installed
script, as users run them; the others run in this process with the session's pipeline (`invoke`)."""
from __future__ import annotations

import json
import signal
import subprocess
import time

import pandas as pd
import pytest

from .test_cli import SCRIPT, invoke, run

TEXTS = [
    "Kazakhstan exported 8 million tonnes of wheat last year, the ministry said.",
    "Trade between Russia and Iran rose 12% to $4 billion in 2023.",
    "Turkey's inflation fell to 61.8% in August, down from 71.6% in June.",
    "Nearly 1,300 Russian enterprises work in Azerbaijan, Putin said.",
]
HTML = """<!DOCTYPE html><html><head><title>Grain corridor reopens</title>
<meta property="article:published_time" content="2024-03-05"></head><body>
<nav>Home | World | Business</nav><article><h1>Grain corridor reopens</h1>
<p>Ukraine shipped 4.2 million tonnes of grain through its Black Sea ports in February, the ministry said.</p>
<p>Exports are expected to reach 50 million tonnes this season, up from 45 million tonnes a year earlier,
according to the agriculture ministry, which cited port data and its own surveys of traders.</p>
<p>Shipping insurance costs have fallen by a third since the corridor opened, traders said on Monday.</p>
</article><footer>Copyright 2024</footer></body></html>"""


def write_jsonl(path, records) -> None:
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records), encoding="utf8")


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text(TEXTS[0], encoding="utf8")
    (folder / "sub" / "b.html").write_text(HTML, encoding="utf8")
    write_jsonl(folder / "c.jsonl", [{"id": "c1", "text": TEXTS[1], "title": "Trade", "url": "https://e.org/c1",
                                      "published": "2024-01-15"}])
    (folder / "d.csv").write_text('id,text,title\nd1,"' + TEXTS[2] + '",Inflation\n', encoding="utf8")
    (folder / "notes.md").write_text("not an input", encoding="utf8")
    return folder


def read(path) -> pd.DataFrame:
    if path.suffix == ".parquet":
        return pd.read_parquet(path)
    if path.suffix == ".csv":
        return pd.read_csv(path, dtype={"doc_id": str}, keep_default_na=False)
    return pd.read_json(path, lines=True, dtype={"doc_id": str})


@pytest.mark.parametrize("suffix", [".jsonl", ".csv", ".parquet"])
def test_folder_of_every_format_keeps_metadata(corpus, tmp_path, suffix):
    out = tmp_path / f"claims{suffix}"
    proc = invoke("analyze", str(corpus), "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    assert "4 documents analysed" in proc.stderr and "0 errors" in proc.stderr
    table = read(out)
    docs = list(dict.fromkeys(table["doc_id"]))
    assert docs == [str(corpus / "a.txt"), "c1", "d1", str(corpus / "sub" / "b.html")]  # sorted paths, then rows
    meta = table.drop_duplicates("doc_id").set_index("doc_id")
    assert meta.loc["c1", "title"] == "Trade" and meta.loc["c1", "url"] == "https://e.org/c1"
    assert meta.loc["c1", "published"] == "2024-01-15" and meta.loc["d1", "title"] == "Inflation"
    html = meta.loc[str(corpus / "sub" / "b.html")]
    assert html["title"] == "Grain corridor reopens" and html["published"] == "2024-03-05"
    html_claims = set(table[table["doc_id"] == str(corpus / "sub" / "b.html")]["text"])
    assert "4.2 million tonnes" in html_claims and not any("Copyright" in t for t in html_claims)
    if suffix == ".parquet":
        assert str(table["value"].dtype) == "float64" and list(table.columns)[:3] == ["doc_id", "claim_id", "kind"]
        assert list(table["entities"].iloc[0]) == list(json.loads(
            invoke("analyze", str(corpus / "a.txt"), "-f", "json").stdout)[0]["entities"])


def test_bad_lines_become_error_rows_and_nothing_is_lost(tmp_path):
    src = tmp_path / "news.jsonl"
    write_jsonl(src, ["{not json", {"id": "g1", "text": TEXTS[0]}, {"id": "g2"}, {"id": "g3", "text": TEXTS[1]},
                      {"id": "g4", "text": 12}, {"id": "g5", "text": TEXTS[2]}, "[1, 2]"])
    out, errors = tmp_path / "claims.jsonl", tmp_path / "errors.jsonl"
    proc = invoke("analyze", str(src), "--out", str(out), "--errors", str(errors))
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    assert "3 documents analysed" in proc.stderr and "4 errors" in proc.stderr  # 7 records in
    rows = [json.loads(line) for line in errors.read_text(encoding="utf8").splitlines()]
    assert [r["source"] for r in rows] == [f"{src}:1", f"{src}:3", f"{src}:5", f"{src}:7"]
    assert "invalid JSON" in rows[0]["error"] and "'text'" in rows[1]["error"]
    assert set(read(out)["doc_id"]) == {"g1", "g3", "g5"}


def test_two_workers_same_rows_same_order(tmp_path):
    src = tmp_path / "news.jsonl"
    write_jsonl(src, [{"id": f"n{i}", "text": TEXTS[i % 4]} for i in range(24)])
    outs = []
    for workers, runner in (("1", invoke), ("2", run)):  # one worker in this process, two in the real script
        out = tmp_path / f"w{workers}.parquet"
        proc = runner("analyze", str(src), "--out", str(out), "--workers", workers, "--batch-size", "4", "--quiet")
        assert proc.returncode == 0, proc.stderr
        assert proc.stderr == ""  # --quiet: no progress, no summary
        outs.append(read(out))
    pd.testing.assert_frame_equal(outs[0], outs[1])
    assert list(dict.fromkeys(outs[0]["doc_id"])) == [f"n{i}" for i in range(24)]


@pytest.mark.parametrize("suffix", [".jsonl", ".csv", ".parquet"])
def test_resume_skips_documents_already_written(tmp_path, suffix):
    src = tmp_path / "news.jsonl"
    write_jsonl(src, [{"id": f"n{i}", "text": TEXTS[i]} for i in range(2)])
    out = tmp_path / f"claims{suffix}"
    assert invoke("analyze", str(src), "--out", str(out)).returncode == 0
    first = read(out)
    write_jsonl(src, [{"id": f"n{i}", "text": TEXTS[i]} for i in range(4)])
    proc = invoke("analyze", str(src), "--out", str(out), "--resume")
    assert proc.returncode == 0, proc.stderr
    # JSONL and CSV: the file's last document is analysed again (a hard kill may have cut its rows short)
    again = suffix != ".parquet"
    assert f"{2 + again} documents analysed" in proc.stderr and f"{2 - again} skipped" in proc.stderr
    table = read(out)
    assert list(dict.fromkeys(table["doc_id"])) == ["n0", "n1", "n2", "n3"]
    assert len(table) == len(first) + len(read_one(tmp_path, TEXTS[2:4], suffix))
    assert not table.duplicated("claim_id").any()


def read_one(tmp_path, texts, suffix) -> pd.DataFrame:
    src = tmp_path / "only.jsonl"
    write_jsonl(src, [{"id": f"o{i}", "text": t} for i, t in enumerate(texts)])
    out = tmp_path / f"only-claims{suffix}"
    assert invoke("analyze", str(src), "--out", str(out), "--quiet").returncode == 0
    return read(out)


def test_resume_trims_a_line_cut_by_a_crash(tmp_path):
    src = tmp_path / "news.jsonl"
    write_jsonl(src, [{"id": f"n{i}", "text": TEXTS[i]} for i in range(3)])
    out = tmp_path / "claims.jsonl"
    assert invoke("analyze", str(src), "--out", str(out)).returncode == 0
    whole = out.read_text(encoding="utf8")
    lines = whole.splitlines(keepends=True)
    n2 = [k for k, line in enumerate(lines) if json.loads(line)["doc_id"] == "n2"]
    out.write_text("".join(lines[:n2[0]]) + lines[n2[0]][:25], encoding="utf8")  # killed mid-line
    proc = invoke("analyze", str(src), "--out", str(out), "--resume")
    assert proc.returncode == 0, proc.stderr
    assert out.read_text(encoding="utf8") == whole


def test_out_may_not_overwrite_an_input(tmp_path):
    src = tmp_path / "news.jsonl"
    write_jsonl(src, [{"id": "n0", "text": TEXTS[0]}])
    proc = invoke("analyze", str(tmp_path), "--out", str(src))
    assert proc.returncode == 2 and "is the same file as the input" in proc.stderr
    assert json.loads(src.read_text(encoding="utf8"))["id"] == "n0"


def test_resume_needs_a_streamed_out_file(tmp_path):
    proc = invoke("analyze", "-", "--resume", "--format", "json", stdin="x")
    assert proc.returncode == 2 and "--resume needs --store, or --out with a" in proc.stderr


@pytest.mark.parametrize("workers", ["1", "2"])
def test_ctrl_c_leaves_a_valid_file_and_resume_completes_it(tmp_path, workers):
    src = tmp_path / "news.jsonl"
    n = 150  # 19 batches of 8: the run is stopped after its first batches are written, long before the last
    write_jsonl(src, [{"id": f"n{i}", "text": " ".join(TEXTS[(i + k) % 4] for k in range(6))} for i in range(n)])
    out = tmp_path / "claims.jsonl"
    proc = subprocess.Popen([SCRIPT, "analyze", str(src), "--out", str(out), "--batch-size", "8",
                             "--workers", workers], stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 120
    while time.time() < deadline and not (out.exists() and out.stat().st_size > 0):
        time.sleep(0.1)  # the first batches are written
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err
    assert "Traceback" not in err and "interrupted:" in err and "--resume" in err
    lines = out.read_text(encoding="utf8").splitlines()
    done = {json.loads(line)["doc_id"] for line in lines}  # every line whole
    assert 0 < len(done) < n
    proc = invoke("analyze", str(src), "--out", str(out), "--resume", "--workers", workers)  # not stopped: in process
    assert proc.returncode == 0, proc.stderr
    table = read(out)
    assert list(dict.fromkeys(table["doc_id"])) == [f"n{i}" for i in range(n)]
    assert not table.duplicated("claim_id").any()


def test_interrupted_parquet_is_readable(tmp_path, monkeypatch):
    """Parquet keeps rows in a row-group buffer: an interrupted run still writes them and the footer."""
    import analyzer.batch
    from analyzer.runner import Run

    real = analyzer.batch.stream

    def interrupted(*args, **kwargs):
        for k, chunk in enumerate(real(*args, **kwargs)):
            if k == 2:
                raise KeyboardInterrupt
            yield chunk

    monkeypatch.setattr(analyzer.batch, "stream", interrupted)
    src = tmp_path / "news.jsonl"
    write_jsonl(src, [{"id": f"n{i}", "text": TEXTS[i % 4]} for i in range(12)])
    out = tmp_path / "claims.parquet"
    r = Run(paths=[str(src)], fmt="parquet", out=out, batch_size=2, quiet=True)
    assert r.execute() == 130 and r.summary.interrupted and r.summary.documents == 4
    assert list(dict.fromkeys(pd.read_parquet(out)["doc_id"])) == ["n0", "n1", "n2", "n3"]
    monkeypatch.setattr(analyzer.batch, "stream", real)
    r = Run(paths=[str(src)], fmt="parquet", out=out, batch_size=2, quiet=True, resume=True)
    assert r.execute() == 0 and r.summary.skipped == 4 and r.summary.documents == 8
    assert list(dict.fromkeys(pd.read_parquet(out)["doc_id"])) == [f"n{i}" for i in range(12)]


def test_progress_bar_on_a_terminal_only(tmp_path):
    import io

    from analyzer.runner import Run

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    src = tmp_path / "news.jsonl"
    write_jsonl(src, [{"id": f"n{i}", "text": TEXTS[i]} for i in range(4)])
    for stream, quiet, shown in ((Terminal(), False, True), (io.StringIO(), False, False), (Terminal(), True, False)):
        r = Run(paths=[str(src)], fmt="jsonl", out=tmp_path / "o.jsonl", quiet=quiet, stderr=stream)
        assert r.execute() == 0
        text = stream.getvalue()
        assert ("documents" in text and "4/4" in text and "claims" in text and "docs/s" in text) == shown, text
        assert ("4 documents analysed" in text) == (not quiet)


def test_scheduler_local_same_rows_as_the_local_run(tmp_path):
    pytest.importorskip("distributed")
    src = tmp_path / "news.jsonl"
    write_jsonl(src, [{"id": f"n{i}", "text": TEXTS[i % 4]} for i in range(10)] + ["{bad"])
    outs = []
    for extra, runner in (([], invoke), (["--scheduler", "local", "--workers", "2"], run)):  # local: in this process
        out = tmp_path / f"claims{len(extra)}.parquet"
        errors = tmp_path / f"errors{len(extra)}.jsonl"
        proc = runner("analyze", str(src), "--out", str(out), "--errors", str(errors), "--batch-size", "3", *extra)
        assert proc.returncode == 1, proc.stderr  # the bad line
        assert "10 documents analysed" in proc.stderr and "1 error" in proc.stderr
        assert json.loads(errors.read_text(encoding="utf8"))["source"] == f"{src}:11"
        outs.append(read(out))
    pd.testing.assert_frame_equal(outs[0], outs[1])


def test_csv_resume_with_ids_that_look_like_formulas(tmp_path):
    src = tmp_path / "news.jsonl"
    write_jsonl(src, [{"id": "-1", "text": TEXTS[0]}, {"id": "=2", "text": TEXTS[1]}])
    out = tmp_path / "claims.csv"
    assert invoke("analyze", str(src), "--out", str(out)).returncode == 0
    before = out.read_bytes()
    proc = invoke("analyze", str(src), "--out", str(out), "--resume")
    assert proc.returncode == 0 and "1 skipped" in proc.stderr  # the last document is analysed again
    assert out.read_bytes() == before
    assert set(read(out)["doc_id"]) == {"'-1", "'=2"}  # neutralised against formula injection
