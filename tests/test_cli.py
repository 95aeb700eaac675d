"""The command line. `run` starts it as users run it, a subprocess of the installed script: for the script, the
process and its exit (help, version, a whole analysis). `invoke` runs the same command in this process with the
session's pipeline: for what a command does, without loading spaCy and the model again for every run."""
from __future__ import annotations

import csv
import json
import math
import shutil
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
from typer.testing import CliRunner

import analyzer
import analyzer.pipeline
from analyzer.cli import app
from analyzer.io.readers import file_id

from .conftest import EXAMPLE

SCRIPT = shutil.which("geoclaims", path=str(Path(sys.executable).parent)) or shutil.which("geoclaims")


def run(*args: str, stdin: str | None = None, module: bool = False) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-m", "analyzer", *args] if module or SCRIPT is None else [SCRIPT, *args]
    return subprocess.run(cmd, input=stdin, capture_output=True, text=True, timeout=300)


_LOAD = analyzer.pipeline.load


_ACCURATE: list = []  # the accurate mode's pipeline, loaded once when a test asks for it


def _shared_load(model=None, *, gazetteer=None, trust_path=False, checkworthiness=None):
    """`analyzer.pipeline.load` for `invoke`: the default pipeline is the session's (`analyzer.get_pipeline`, the
    ``nlp`` fixture), the accurate mode's is loaded once; another model or a gazetteer is loaded as the command
    loads it."""
    if model is None and gazetteer is None:
        if checkworthiness in (None, "default"):
            return analyzer.get_pipeline()
        if checkworthiness == "accurate":
            if not _ACCURATE:
                _ACCURATE.append(_LOAD(checkworthiness="accurate"))
            return _ACCURATE[0]
    return _LOAD(model, gazetteer=gazetteer, trust_path=trust_path, checkworthiness=checkworthiness)


def invoke_result(*args, stdin: str | None = None):
    """The command in this process (typer's runner) with the session's default pipeline: click's Result (exit_code,
    stdout, stderr). An exception the command does not turn into an exit fails the test."""
    with mock.patch.object(analyzer.pipeline, "load", _shared_load):
        return CliRunner().invoke(app, list(map(str, args)), input=stdin, catch_exceptions=False)


def invoke(*args, stdin: str | None = None) -> subprocess.CompletedProcess:
    """`invoke_result` as a CompletedProcess (returncode, stdout, stderr), the shape `run` gives."""
    result = invoke_result(*args, stdin=stdin)
    return subprocess.CompletedProcess(list(map(str, args)), result.exit_code, result.stdout, result.stderr)


def assert_one_line_error(proc: subprocess.CompletedProcess, code: int, *words: str) -> None:
    assert proc.returncode == code, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("geoclaims: error: ")
    assert "Traceback" not in proc.stderr
    for word in words:
        assert word in lines[0]


def test_script_is_installed():
    assert SCRIPT is not None, "pip install the project: the geoclaims script is missing"


@pytest.fixture(scope="module")
def example_json():
    proc = run("analyze", str(EXAMPLE), "--published", "2024-08-20", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_json_has_the_four_claims(example_json, expected):
    quantities = [r for r in example_json if r["kind"] == "quantity"]
    assert sorted(r["text"] for r in quantities) == sorted(q["text"] for q in expected["quantities"])
    by_text = {r["text"]: r for r in quantities}
    for want in expected["quantities"]:
        got = by_text[want["text"]]
        assert math.isclose(got["value"], want["value"])
        for field in ("qualifier", "unit", "quantity_of", "speaker"):
            assert got[field] == want[field]
        assert got["per"] == want.get("per", "") and got["period"] == want.get("period", "")


def test_json_rows_use_the_contract_columns(example_json):
    from analyzer.claims.table import COLUMNS

    assert all(list(row) == list(COLUMNS) for row in example_json)
    over = next(r for r in example_json if r["text"] == "over 800,000")
    assert over["high"] == "inf" and over["value_to"] is None  # JSON has no infinity or NaN


def test_missing_file_is_one_line_and_exit_2(tmp_path):
    proc = invoke("analyze", str(tmp_path / "nope.txt"))
    assert_one_line_error(proc, 2, "nope.txt", "file not found")


def test_bad_date_is_one_line_and_exit_2():
    proc = invoke("analyze", str(EXAMPLE), "--published", "last tuesday")
    assert_one_line_error(proc, 2, "published", "YYYY-MM-DD")


def test_unknown_model_is_one_line_and_exit_2():
    proc = invoke("analyze", str(EXAMPLE), "--model", "no_such_model_xyz")
    assert_one_line_error(proc, 2, "no_such_model_xyz", "not installed")


def test_bad_file_among_good_ones_is_reported_and_the_rest_goes_on(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("Exports rose 5% to $10 billion, the ministry said.", encoding="utf8")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    proc = invoke("analyze", str(bad), str(good), "--format", "jsonl", "--quiet")
    assert_one_line_error(proc, 1, "bad.txt", "binary")
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [r["text"] for r in rows] == ["5%", "$10 billion"]
    assert {r["doc_id"] for r in rows} == {str(good)}


def test_csv_to_file(tmp_path):
    out = tmp_path / "claims.csv"
    proc = invoke("analyze", str(EXAMPLE), "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    with out.open(encoding="utf8") as fh:
        rows = list(csv.DictReader(fh))
    assert f"1 document analysed, {len(rows)} claims written to {out}, 0 errors" in proc.stderr
    # the id of a file: relative to the current folder when under it, else absolute
    assert sum(r["kind"] == "quantity" for r in rows) == 4 and rows[0]["doc_id"] == file_id(EXAMPLE)


@pytest.mark.parametrize("fmt, needle", [("table", "up to 30 million tons"), ("md", "| up to 30 million tons |")])
def test_readable_formats(fmt, needle):
    proc = invoke("analyze", str(EXAMPLE), "--format", fmt)
    assert proc.returncode == 0, proc.stderr
    assert needle in proc.stdout


def test_stdin():
    proc = invoke("analyze", "-", "--format", "json", stdin="Kazakhstan exported 8 million tonnes of wheat.")
    assert proc.returncode == 0, proc.stderr
    assert [r["text"] for r in json.loads(proc.stdout)] == ["8 million tonnes"]


def test_python_m_and_help():
    proc = run("--help", module=True)
    assert proc.returncode == 0 and "analyze" in proc.stdout
    proc = run("analyze", "--help", module=True)
    assert proc.returncode == 0 and "--published" in proc.stdout and "--format" in proc.stdout


def test_version():
    proc = run("--version")
    assert proc.returncode == 0 and proc.stdout.startswith("geoclaims ")


def test_user_gazetteer(tmp_path):
    mine = tmp_path / "mine.jsonl"
    mine.write_text(json.dumps({"id": "org:caspian-transit-group", "canonical": "Caspian Transit Group",
                                "kind": "organization", "aliases": ["Caspian Transit Group", "CTG"],
                                "adjectives": [], "country": "AZ", "source": "test"}) + "\n", encoding="utf8")
    text = "The CTG said cargo via Azerbaijan grew 12% last year."
    proc = invoke("analyze", "-", "--gazetteer", str(mine), "--format", "json", stdin=text)
    assert proc.returncode == 0, proc.stderr
    rows = json.loads(proc.stdout)
    assert rows[0]["speaker"] == "Caspian Transit Group"


def test_bad_user_gazetteer_is_one_line_and_exit_2(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x", "canonical": "X", "kind": "planet", "aliases": ["X"]}\n', encoding="utf8")
    proc = invoke("analyze", str(EXAMPLE), "--gazetteer", str(bad))
    assert_one_line_error(proc, 2, f"{bad}:1", "kind: 'planet' is not one of")
    proc = invoke("analyze", str(EXAMPLE), "--gazetteer", str(tmp_path / "absent.jsonl"))
    assert_one_line_error(proc, 2, "--gazetteer", "file not found")


def test_table_shortens_statement_rows():
    proc = invoke("analyze", str(EXAMPLE))
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert all(len(line) <= 160 for line in lines)
    assert any("…" in line for line in lines) and any("$4 billion" in line for line in lines)
