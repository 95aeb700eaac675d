"""`--resume` and the streamed writers through the command line (typer's CliRunner, in process), issue 15
items 2, 3, 5 and 16: JSON Lines and CSV files with a blank line, without their final newline, cut in a line or
in a quoted field, foreign files, Parquet files of another schema and Parquet journals left by a hard kill.
The signals, kill -9 and concurrent writers in real processes: tests/test_cli_resume.py."""
from __future__ import annotations

import json
import os

import pandas as pd
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from analyzer.cli import app
from analyzer.io.writers import StreamWriter

TEXTS = [
    "Kazakhstan exported 8 million tonnes of wheat last year, the ministry said.",
    "Trade between Russia and Iran rose 12% to $4 billion in 2023.",
    "Turkey's inflation fell to 61.8% in August, down from 71.6% in June.",
    "Nearly 1,300 Russian enterprises work in Azerbaijan, Putin said.",
]


@pytest.fixture(autouse=True)
def one_pipeline(monkeypatch, nlp):
    """Every run of this module uses the session's pipeline (the real one, loaded once)."""
    monkeypatch.setattr("analyzer.pipeline.load", lambda *args, **kwargs: nlp)


def cli(*args: str):
    return CliRunner().invoke(app, ["analyze", *map(str, args), "--batch-size", "1", "--quiet"])


def corpus(tmp_path, texts=TEXTS):
    src = tmp_path / "news.jsonl"
    src.write_text("".join(json.dumps({"id": f"n{i}", "text": t}) + "\n" for i, t in enumerate(texts)),
                   encoding="utf8")
    return src


def whole(tmp_path, src, suffix: str) -> bytes:
    """The file an uninterrupted run writes."""
    out = tmp_path / f"whole{suffix}"
    assert cli(src, "--out", out).exit_code == 0
    return out.read_bytes()


def rows(path) -> pd.DataFrame:
    if path.suffix == ".parquet":
        return pd.read_parquet(path)
    if path.suffix == ".csv":
        return pd.read_csv(path, dtype=str, keep_default_na=False)
    return pd.DataFrame([json.loads(line) for line in path.read_text(encoding="utf8").splitlines() if line.strip()])


def resumed(src, out, start: bytes) -> bytes:
    """``out`` as a run left it (``start``), after a --resume run."""
    out.write_bytes(start)
    result = cli(src, "--out", out, "--resume")
    assert result.exit_code == 0, result.output
    return out.read_bytes()


def lines_of(data: bytes, doc: str) -> list[int]:
    return [k for k, line in enumerate(data.splitlines(keepends=True)) if json.loads(line)["doc_id"] == doc]


# ---- JSON Lines ---------------------------------------------------------------------------------------
# how a file was left -> what --resume must make of it, from the uninterrupted run's lines and n2's first line
JSONL_CASES = {
    # a blank line in the middle (and one at the end): skipped, not a stop; every line kept
    "blank lines": (lambda ls, k: ls[0] + b"\n  \n" + b"".join(ls[1:k]) + b"\n",
                    lambda ls, k: ls[0] + b"\n  \n" + b"".join(ls[1:k]) + b"\n" + b"".join(ls[k:])),
    # the last line parses but lacks its newline: kept, a newline written before the next row
    "no final newline": (lambda ls, k: b"".join(ls[:k])[:-1], lambda ls, k: b"".join(ls)),
    # the last line cut by a kill: dropped, its document analysed again
    "cut last line": (lambda ls, k: b"".join(ls[:k]) + ls[k][:30], lambda ls, k: b"".join(ls)),
}


@pytest.mark.parametrize("case", list(JSONL_CASES))
def test_jsonl_resume_keeps_every_line_that_parses(tmp_path, case):
    src = corpus(tmp_path)
    full = whole(tmp_path, src, ".jsonl")
    lines, k = full.splitlines(keepends=True), lines_of(full, "n2")[0]
    left, expected = JSONL_CASES[case]
    assert resumed(src, tmp_path / "claims.jsonl", left(lines, k)) == expected(lines, k)


def test_jsonl_document_cut_between_its_lines_gets_its_missing_rows_once(tmp_path):
    """A hard kill may stop a chunk's write at a line break: the last document of the file is analysed
    again and only the rows it lacks are written."""
    src = corpus(tmp_path, [TEXTS[0], TEXTS[1] + " " + TEXTS[2]])
    full = whole(tmp_path, src, ".jsonl")
    n1 = lines_of(full, "n1")
    assert len(n1) >= 3
    out = tmp_path / "claims.jsonl"
    assert resumed(src, out, b"".join(full.splitlines(keepends=True)[:n1[1]])) == full  # n1's first row only


def test_jsonl_foreign_file_is_refused_and_kept(tmp_path):
    src = corpus(tmp_path)
    out = tmp_path / "other.jsonl"
    foreign = b'{"id": "a", "text": "x"}\n{"id": "b", "text": "y"}\n'
    out.write_bytes(foreign)
    for extra in (["--resume"], []):  # resumed or overwritten: refused, exit 2, the file as it was
        result = cli(src, "--out", out, *extra)
        assert result.exit_code == 2, result.output
        assert "not a claim-table row" in result.stderr or "not a claim table" in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.output
        assert out.read_bytes() == foreign


def test_jsonl_bad_line_in_the_middle_is_refused(tmp_path):
    src = corpus(tmp_path)
    full = whole(tmp_path, src, ".jsonl")
    lines = full.splitlines(keepends=True)
    out = tmp_path / "claims.jsonl"
    broken = lines[0] + b"{not json\n" + lines[1]
    out.write_bytes(broken)
    result = cli(src, "--out", out, "--resume")
    assert result.exit_code == 2 and "line 2: not valid JSON" in result.stderr
    assert out.read_bytes() == broken


def test_hard_link_to_an_input_is_never_emptied(tmp_path):
    src = corpus(tmp_path)
    before = src.read_bytes()
    link = tmp_path / "claims.jsonl"
    os.link(src, link)
    for extra in ([], ["--resume"]):
        result = cli(tmp_path / "news.jsonl", "--out", link, *extra)
        assert result.exit_code == 2, result.output
        assert src.read_bytes() == before


def test_failed_run_leaves_the_old_output_as_it_was(tmp_path, monkeypatch):
    """Overwriting is normal without --resume, but only once the run writes: a run that fails earlier (here
    the model) leaves the output and the errors file as they were."""
    from analyzer.errors import ModelNotFoundError

    src = corpus(tmp_path)
    out, errors = tmp_path / "claims.jsonl", tmp_path / "errors.jsonl"
    full = whole(tmp_path, src, ".jsonl")
    out.write_bytes(full)
    errors.write_text('{"source": "x:1", "id": null, "error": "old"}\n', encoding="utf8")

    def missing(*args, **kwargs):
        raise ModelNotFoundError("base spaCy model 'nope' is not installed")

    monkeypatch.setattr("analyzer.pipeline.load", missing)
    result = cli(src, "--out", out, "--errors", errors)
    assert result.exit_code == 2 and "not installed" in result.stderr
    assert out.read_bytes() == full and "old" in errors.read_text(encoding="utf8")


def test_errors_file_that_geoclaims_did_not_write_is_refused(tmp_path):
    src = corpus(tmp_path)
    errors = tmp_path / "notes.jsonl"
    errors.write_text('{"note": "mine"}\n', encoding="utf8")
    result = cli(src, "--out", tmp_path / "claims.jsonl", "--errors", errors)
    assert result.exit_code == 2 and "--errors file" in result.stderr
    assert errors.read_text(encoding="utf8") == '{"note": "mine"}\n'


# ---- CSV ----------------------------------------------------------------------------------------------
def test_csv_half_written_row_with_a_quoted_newline_is_dropped_and_redone(tmp_path):
    src = corpus(tmp_path, [TEXTS[0], "Exports rose 12%\nto $4 billion in 2023, officials said.", TEXTS[2]])
    full = whole(tmp_path, src, ".csv")
    inside = full.index(b"12%\nto")  # in n1's quoted sentence, past its newline
    assert full[:inside].count(b'"') % 2 == 1
    out = tmp_path / "claims.csv"
    assert resumed(src, out, full[:inside + 6]) == full


def test_csv_row_without_its_line_break_is_dropped_and_redone(tmp_path):
    src = corpus(tmp_path)
    full = whole(tmp_path, src, ".csv")
    out = tmp_path / "claims.csv"
    end = full.index(b"\r\nn2,") + 1  # n1's last record without its "\n"
    assert resumed(src, out, full[:end]) == full


def test_csv_blank_lines_are_skipped_and_kept(tmp_path):
    src = corpus(tmp_path)
    full = whole(tmp_path, src, ".csv")
    out = tmp_path / "claims.csv"
    n2 = full.index(b"\r\nn2,") + 2
    head = full[:n2]
    out.write_bytes(head[:head.index(b"\r\n") + 2] + b"\r\n" + head[head.index(b"\r\n") + 2:] + b"\r\n")
    result = cli(src, "--out", out, "--resume")
    assert result.exit_code == 0, result.output
    table = rows(out)
    assert list(table["claim_id"]) == list(rows(tmp_path / "whole.csv")["claim_id"])


def test_csv_with_another_header_is_refused_and_kept(tmp_path):
    src = corpus(tmp_path)
    out = tmp_path / "claims.csv"
    foreign = b"id,text\r\na,some text\r\n"
    out.write_bytes(foreign)
    for extra in (["--resume"], []):
        result = cli(src, "--out", out, *extra)
        assert result.exit_code == 2, result.output
        assert "header" in result.stderr and out.read_bytes() == foreign


def test_csv_header_cut_by_a_kill_is_written_again(tmp_path):
    src = corpus(tmp_path)
    full = whole(tmp_path, src, ".csv")
    out = tmp_path / "claims.csv"
    assert resumed(src, out, full[:40]) == full


# ---- Parquet ------------------------------------------------------------------------------------------
def test_parquet_of_another_schema_one_line_exit_2_nothing_left_behind(tmp_path):
    src = corpus(tmp_path)
    out = tmp_path / "claims.parquet"
    pd.DataFrame({"doc_id": ["a"], "score": [1.0]}).to_parquet(out)
    before = out.read_bytes()
    for extra in (["--resume"], []):
        result = cli(src, "--out", out, *extra)
        assert result.exit_code == 2, result.output
        assert len(result.stderr.strip().splitlines()) == 1 and "claim table" in result.stderr
        assert out.read_bytes() == before and sorted(p.name for p in tmp_path.iterdir()) == ["claims.parquet",
                                                                                                "news.jsonl"]


def test_parquet_journal_of_a_killed_run_is_resumed(tmp_path):
    """A writer that dies (no close: the journal stays, the Parquet file is empty) with its last chunk cut
    short: --resume takes every whole chunk, redoes the rest and merges; no journal is left."""
    src = corpus(tmp_path)
    full = rows_of_whole(tmp_path, src)
    out = tmp_path / "claims.parquet"
    writer = StreamWriter(out, "parquet")
    for doc in ("n0", "n1", "n2"):
        writer.write(full[full["doc_id"] == doc])
    writer._release()  # what a kill -9 leaves
    journal = out.with_name("claims.parquet.journal")
    assert out.stat().st_size == 0 and journal.exists()
    with journal.open("r+b") as fh:
        fh.truncate(journal.stat().st_size - 10)  # n2's chunk cut
    result = cli(src, "--out", out, "--resume")
    assert result.exit_code == 0, result.output
    table = pd.read_parquet(out)
    assert list(table["claim_id"]) == list(full["claim_id"]) and not journal.exists()


def test_parquet_journal_merged_before_the_kill_is_not_added_twice(tmp_path):
    src = corpus(tmp_path)
    full = rows_of_whole(tmp_path, src)
    out = tmp_path / "claims.parquet"
    journal = out.with_name("claims.parquet.journal")
    writer = StreamWriter(out, "parquet")
    writer.write(full)
    saved = journal.read_bytes()
    writer.close()
    journal.write_bytes(saved)  # killed after the merge, before the journal was removed
    result = cli(src, "--out", out, "--resume")
    assert result.exit_code == 0, result.output
    assert list(pd.read_parquet(out)["claim_id"]) == list(full["claim_id"]) and not journal.exists()
    assert pq.ParquetFile(out).metadata.num_rows == len(full)


def rows_of_whole(tmp_path, src) -> pd.DataFrame:
    whole(tmp_path, src, ".parquet")
    return pd.read_parquet(tmp_path / "whole.parquet")


def test_out_that_is_a_fifo_is_refused_at_once(tmp_path):
    src = corpus(tmp_path)
    fifo = tmp_path / "claims.jsonl"
    os.mkfifo(fifo)
    result = cli(src, "--out", fifo)  # opening a FIFO to write would wait for a reader forever
    assert result.exit_code == 2 and "not a regular file" in result.stderr
