"""`geoclaims check` and `geoclaims compare`: the README's example end to end (two articles analysed into claim
tables, checked against data/examples/reference.csv, compared), in this process (`invoke`); the FIFO checks run
the real script, whose timeout turns a hang into a failure."""
from __future__ import annotations

import json
import os

import pandas as pd
import pytest

from analyzer.io.claims import read_claims

from ..conftest import ROOT
from ..test_cli import assert_one_line_error, invoke, run

EXAMPLES = ROOT / "data" / "examples"


@pytest.fixture(scope="module")
def tables(tmp_path_factory):
    folder = tmp_path_factory.mktemp("verify")
    out = []
    for name, date, suffix in (("putin_baku.txt", "2024-08-20", ".parquet"), ("caspian_transit.txt", "2024-09-10", ".csv")):
        path = folder / f"{name}{suffix}"
        proc = invoke("analyze", str(EXAMPLES / name), "--published", date, "--out", str(path), "--quiet")
        assert proc.returncode == 0, proc.stderr
        out.append(path)
    return out


def test_check_the_examples_against_the_reference(tables, tmp_path):
    out = tmp_path / "verdicts.jsonl"
    proc = invoke("check", *map(str, tables), "--reference", str(EXAMPLES / "reference.csv"), "--out", str(out))
    assert proc.returncode == 1, proc.stderr  # some claim is inconsistent
    assert "7 quantity claims: 5 consistent, 2 inconsistent, 0 unverifiable" in proc.stderr
    rows = {r["text"]: r for r in map(json.loads, out.read_text(encoding="utf8").splitlines())}
    assert rows["$4 billion"]["verdict"] == "consistent"
    assert rows["$4 billion"]["explanation"] == ("claim says more than $4bn last year; reference $4.3bn (2023, "
                                                 "Illustrative statistics office): consistent")
    assert rows["$3.6 billion"]["verdict"] == "inconsistent" and rows["$3.6 billion"]["ref_line"].endswith(
        "reference.csv:2")
    assert rows["nearly 1,300"]["verdict"] == "inconsistent"
    table = invoke("check", str(tables[0]), "--reference", str(EXAMPLES / "reference.csv"))
    assert "consistent" in table.stdout and "up to 30 million tons" in table.stdout


def test_compare_the_examples(tables, tmp_path):
    report = tmp_path / "drift.html"
    proc = invoke("compare", *map(str, tables), "--all", "--format", "jsonl", "--report", str(report))
    assert proc.returncode == 1, proc.stderr
    groups = [json.loads(line) for line in proc.stdout.splitlines()]
    drift = {g["metric"]: g for g in groups if g["status"] == "disagree"}
    assert set(drift) == {"trade turnover", "Russian enterprises"}  # 'nearly 1,300' against 'around 1,100'
    assert drift["trade turnover"]["period"] == "2023"
    assert "more than $4bn" in drift["trade turnover"]["explanation"]
    assert "$3.6bn" in drift["trade turnover"]["explanation"]
    assert [g["status"] for g in groups if g["metric"] == "cargo"] == ["agree"]  # 'up to 30m' allows 15m
    page = report.read_text(encoding="utf8")
    assert "they cannot both be true" in page and "default-src 'none'" in page


def test_claim_tables_read_back_the_same_from_every_format(tables, tmp_path):
    base = read_claims(tables[0])
    for suffix in (".csv", ".jsonl", ".json"):
        path = tmp_path / f"c{suffix}"
        proc = invoke("analyze", str(EXAMPLES / "putin_baku.txt"), "--published", "2024-08-20", "--out", str(path),
                      "--quiet", *(["--format", "json"] if suffix == ".json" else []))
        assert proc.returncode == 0, proc.stderr
        pd.testing.assert_frame_equal(read_claims(path), base)


def test_bad_inputs_are_one_line_errors(tmp_path, tables):
    bad_ref = tmp_path / "facts.csv"
    bad_ref.write_text("entities,metric,value,unit,period,source\nRussia,trade,lots,USD,2023,S\n", encoding="utf8")
    proc = invoke("check", str(tables[0]), "--reference", str(bad_ref))
    assert_one_line_error(proc, 2, f"{bad_ref}:2: field 'value'")
    proc = invoke("check", str(EXAMPLES / "putin_baku.txt"), "--reference", str(EXAMPLES / "reference.csv"))
    assert_one_line_error(proc, 2, "geoclaims analyze")
    proc = invoke("compare", str(tmp_path / "missing.parquet"))
    assert_one_line_error(proc, 2, "file not found")


def test_the_html_report_of_several_documents_shows_drift(tmp_path):
    page = tmp_path / "report.html"
    proc = invoke("analyze", str(EXAMPLES / "putin_baku.txt"), str(EXAMPLES / "caspian_transit.txt"), "--published",
                  "2024-08-20", "--report", str(page), "--quiet", "--format", "jsonl")
    assert proc.returncode == 0, proc.stderr
    html = page.read_text(encoding="utf8")
    assert "Claims across sources" in html and "they cannot both be true" in html
    assert html.index("Claims across sources") < html.index('id="doc-0"')  # with the index, before the documents


@pytest.mark.parametrize("command", ["analyze", "check", "compare"])
def test_help_shows_defaults_written_in_brackets(command):
    proc = invoke(command, "--help")
    assert proc.returncode == 0 and "[default: from --out's" in " ".join(proc.stdout.split())


@pytest.mark.parametrize("option", ["--reference", "--rates", "--metrics", "claims"])
def test_a_fifo_for_any_file_check_reads_is_a_one_line_error_not_a_hang(tmp_path, tables, option):
    """Reading a FIFO waits for a writer forever (issue 15): every file check and compare read is guarded."""
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    args = {"--reference": [str(tables[0]), "--reference", str(fifo)],
            "--rates": [str(tables[0]), "--reference", str(EXAMPLES / "reference.csv"), "--rates", str(fifo)],
            "--metrics": [str(tables[0]), "--reference", str(EXAMPLES / "reference.csv"), "--metrics", str(fifo)],
            "claims": [str(fifo), "--reference", str(EXAMPLES / "reference.csv")]}[option]
    proc = run("check", *args)  # run() has a timeout: a hang fails the test
    assert_one_line_error(proc, 2, str(fifo), "FIFO")
    if option in ("--rates", "--metrics", "claims"):
        compare_args = [str(tables[0]), option, str(fifo)] if option != "claims" else [str(fifo)]
        assert_one_line_error(run("compare", *compare_args), 2, str(fifo), "FIFO")
