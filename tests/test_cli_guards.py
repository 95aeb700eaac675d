"""Issue 15, items 1, 4, 6, 7, 16 and 20: what the commands write never replaces or feeds back what they
read. Outputs are checked against inputs (by file identity) and against each other; an output inside an
input folder, and any file geoclaims wrote there, is not read as an article; document ids of files do not
depend on how the path is spelled; setup errors are one line with exit 2."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pandas as pd
import pytest

from analyzer.io.guard import written_by_geoclaims
from analyzer.io.readers import FileIds, count_records, iter_records
from analyzer.report.export import save
from analyzer.report.page import drift_page, report_html, report_markdown

from .conftest import EXAMPLE, ROOT
from .test_cli import assert_one_line_error, invoke_result

REFERENCE = ROOT / "data" / "examples" / "reference.csv"
TEXTS = {
    "a.txt": "Kazakhstan exported 8 million tonnes of wheat last year, the ministry said.",
    "b.txt": "Trade between Russia and Iran rose 12% to $4 billion in 2023.",
}


def cli(*args: str):
    """The command in this process (typer's runner, the session's pipeline): for what fails before any analysis,
    and fast runs."""
    return invoke_result(*args)


def one_line_error(result, code: int, *words: str) -> None:
    assert result.exit_code == code, (result.exit_code, result.stderr)
    assert_one_line_error(subprocess.CompletedProcess([], result.exit_code, result.stdout, result.stderr), code,
                          *words)


@pytest.fixture(scope="module")
def claims_frame(nlp):
    from analyzer import analyze

    return analyze(TEXTS["a.txt"] + " " + TEXTS["b.txt"], doc_id="k", nlp=nlp)


@pytest.fixture
def tables(tmp_path, claims_frame):
    """A claim table (CSV), the reference, rates and metrics files, as `check` and `compare` read them."""
    claims = save(claims_frame, tmp_path / "k.csv")
    reference = tmp_path / "r.csv"
    reference.write_bytes(REFERENCE.read_bytes())
    rates = tmp_path / "rates.csv"
    rates.write_text("currency,year,usd_per_unit\nEUR,2023,1.08\n", encoding="utf8")
    metrics = tmp_path / "metrics.json"
    metrics.write_text('[["wheat exports", "grain exports"]]', encoding="utf8")
    return claims, reference, rates, metrics


def snapshot(*paths):
    return {p: p.read_bytes() for p in paths}


# --- items 4 and 6: one guard for every command, by file identity ------------------------------------------


@pytest.mark.parametrize("option", ["--out", "--reference", "--rates", "--metrics"])
def test_check_out_may_not_be_an_input(tables, option):
    claims, reference, rates, metrics = tables
    before = snapshot(*tables)
    target = {"--out": claims, "--reference": reference, "--rates": rates, "--metrics": metrics}[option]
    result = cli("check", claims, "--reference", reference, "--rates", rates, "--metrics", metrics,
                 "--out", target)
    label = "the input" if option == "--out" else option
    one_line_error(result, 2, f"--out {target} is the same file as {label} {target}")
    assert snapshot(*tables) == before


@pytest.mark.parametrize("link", ["hard", "symbolic", "spelling"])
def test_another_name_for_an_input_is_caught(tables, tmp_path, link):
    claims, reference, *_ = tables
    before = snapshot(*tables)
    if link == "hard":
        out = tmp_path / "hard.csv"
        os.link(reference, out)
    elif link == "symbolic":
        out = tmp_path / "sym.csv"
        out.symlink_to(reference)
    else:
        out = tmp_path / "sub" / ".." / "r.csv"
        (tmp_path / "sub").mkdir()
    result = cli("check", claims, "--reference", reference, "--out", out)
    one_line_error(result, 2, f"--out {out} is the same file as --reference {reference}")
    assert snapshot(*tables) == before


def test_compare_out_and_report_guarded(tables, tmp_path):
    claims, _, rates, _ = tables
    before = snapshot(*tables)
    one_line_error(cli("compare", claims, "--out", claims), 2, f"--out {claims} is the same file as the input")
    page = tmp_path / "page.html"
    os.link(rates, page)  # a hard link: another name, the same file
    one_line_error(cli("compare", claims, "--rates", rates, "--report", page), 2,
                   f"--report {page} is the same file as --rates {rates}")
    same = tmp_path / "same.html"
    one_line_error(cli("compare", claims, "--out", same, "--report", same), 2,
                   f"--out {same} and --report {same} are the same file")
    assert snapshot(*tables) == before and not same.exists()


def test_colliding_outputs_of_analyze(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(TEXTS["a.txt"], encoding="utf8")
    x = tmp_path / "x.jsonl"
    one_line_error(cli("analyze", article, "--out", x, "--errors", x), 2,
                   f"--out {x} and --errors {x} are the same file")
    same = tmp_path / "same.md"
    one_line_error(cli("analyze", article, "--report", same, "--out", same), 2,
                   f"--out {same} and --report {same} are the same file")
    link = tmp_path / "link.jsonl"
    link.symlink_to(x)  # not created yet: compared by the path it resolves to
    one_line_error(cli("analyze", article, "--out", x, "--errors", link), 2, "are the same file")
    assert not x.exists() and not same.exists()


def test_analyze_out_may_not_replace_an_article(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name, text in TEXTS.items():
        (folder / name).write_text(text, encoding="utf8")
    before = snapshot(*folder.iterdir())
    hard = tmp_path / "hard.txt"
    os.link(folder / "a.txt", hard)
    one_line_error(cli("analyze", folder, "--out", folder / "b.txt"), 2,
                   f"--out {folder / 'b.txt'} is the same file as the input {folder / 'b.txt'} (found in {folder})")
    one_line_error(cli("analyze", f"{folder}/*.txt", "--errors", hard), 2,
                   f"--errors {hard} is the same file as the input {folder / 'a.txt'}")
    assert snapshot(*[p for p in folder.iterdir()]) == before


# --- items 16 and 20: one-line errors, exit 2 ----------------------------------------------------------------


def test_check_and_compare_unwritable_out_is_exit_2(tables):
    claims, reference, *_ = tables
    one_line_error(cli("check", claims, "--reference", reference, "--out", "/nonexistent/x.csv"), 2,
                   "--out /nonexistent/x.csv", "folder /nonexistent does not exist")
    one_line_error(cli("compare", claims, "--out", "/nonexistent/x.csv"), 2,
                   "--out /nonexistent/x.csv", "folder /nonexistent does not exist")
    one_line_error(cli("compare", claims, "--report", "/nonexistent/x.html"), 2, "--report /nonexistent/x.html")


def test_compare_report_must_be_html(tables, tmp_path):
    claims = tables[0]
    pdf = tmp_path / "x.pdf"
    one_line_error(cli("compare", claims, "--report", pdf), 2, f"--report {pdf}", ".html or .htm")
    assert not pdf.exists()


def test_blank_model_is_refused_naming_what_it_lacks(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(TEXTS["a.txt"], encoding="utf8")
    one_line_error(cli("analyze", article, "--model", "blank:en"), 2, "'blank:en' cannot run geoclaims",
                   "dependency parser ('parser')", "named-entity recognizer ('ner')")
    one_line_error(cli("analyze", article, "--model", "blank:zz"), 2, "'blank:zz' cannot be loaded")


# --- item 1: an output inside an input folder is never read back ---------------------------------------------


def test_files_geoclaims_wrote_are_recognised(tmp_path, claims_frame):
    from analyzer.batch import DocumentView

    ours = [save(claims_frame, tmp_path / f"claims.{s}") for s in ("csv", "jsonl", "json")]
    ours.append(save(claims_frame, tmp_path / "table.txt", "table"))
    ours.append(save(claims_frame.head(0), tmp_path / "empty.csv"))  # the header alone tells
    (tmp_path / "errors.jsonl").write_text(json.dumps({"source": "x.txt", "id": "x.txt", "error": "e"}) + "\n")
    view = DocumentView("k", TEXTS["a.txt"], pd.DataFrame(columns=["text"]))
    (tmp_path / "report.html").write_text(report_html([view], claims_frame, title="geoclaims report: 1 document"))
    (tmp_path / "report.md").write_text(report_markdown([view], claims_frame, title="geoclaims report: 1 document"))
    from analyzer.verify import compare

    groups = compare(pd.concat([claims_frame, claims_frame.assign(doc_id="k2")]), all_groups=True)
    (tmp_path / "drift.html").write_text(drift_page(groups))
    save(groups, tmp_path / "groups.csv")
    ours += [tmp_path / n for n in ("errors.jsonl", "report.html", "report.md", "drift.html", "groups.csv")]
    for path in ours:
        assert written_by_geoclaims(path), path
    articles = {"a.txt": TEXTS["a.txt"], "news.jsonl": json.dumps({"id": "n", "text": TEXTS["b.txt"]}) + "\n",
                "news.csv": f'id,text\nn,"{TEXTS["b.txt"]}"\n', "page.html": "<!DOCTYPE html><html><head><title>"
                "geoclaims report</title></head><body><p>An article about a geoclaims report.</p></body></html>",
                "long.jsonl": json.dumps({"text": "x " * 50_000, "doc_id": "a"}) + "\n"}
    for name, text in articles.items():
        (tmp_path / name).write_text(text, encoding="utf8")
        assert written_by_geoclaims(tmp_path / name) is None, name
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    assert written_by_geoclaims(fifo) is None  # not opened: it would block


def test_iter_records_skips_outputs_and_says_which(tmp_path, claims_frame):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text(TEXTS["a.txt"], encoding="utf8")
    save(claims_frame, folder / "old.jsonl")
    out = folder / "new.csv"
    skipped = []
    records = iter_records([folder], outputs=[out], on_skip=lambda p, why: skipped.append((p, why)))
    save(claims_frame, out)  # written after the call: never an input
    assert [r.id for r in records] == [FileIds()(folder / "a.txt")]
    assert skipped == [(str(folder / "old.jsonl"), "a geoclaims claim table, not an article")]
    assert count_records([folder]) == 1  # the progress bar's total: the article alone (new.csv is ours too)
    # named explicitly, a claim table is an error row, not an article
    named = list(iter_records([folder / "old.jsonl"]))
    assert [str(r) for r in named] == [f"{folder / 'old.jsonl'}: a geoclaims claim table, not an article; "
                                       "not analysed"]


def run(*args, cwd, timeout=120):
    """A real ``geoclaims`` process (the loop of item 1 was a process that never ended)."""
    return subprocess.run([sys.executable, "-m", "analyzer", *map(str, args)], cwd=cwd, capture_output=True,
                          text=True, timeout=timeout)


def test_output_inside_the_input_folder_is_not_read_back(tmp_path):
    loop = tmp_path / "loop"
    loop.mkdir()
    for name, text in TEXTS.items():
        (loop / name).write_text(text, encoding="utf8")
    (loop / "empty.txt").write_text("", encoding="utf8")  # an error row, so that --errors has one
    first = run("analyze", "loop/", "--out", "loop/claims.jsonl", "--errors", "loop/errors.jsonl",
                "--report", "loop/report.html", cwd=tmp_path)
    assert first.returncode == 1, first.stderr
    rows = [json.loads(line) for line in (loop / "claims.jsonl").read_text(encoding="utf8").splitlines()]
    assert {r["doc_id"] for r in rows} == {"loop/a.txt", "loop/b.txt"}
    assert "2 documents analysed" in first.stderr and ", 1 error" in first.stderr and "skipped" not in first.stderr
    expected = (loop / "claims.jsonl").read_text(encoding="utf8")

    # the same command again: its own outputs, now in the folder, are left out with a notice
    again = run("analyze", "loop/", "--out", "loop/claims.jsonl", "--errors", "loop/errors.jsonl",
                "--report", "loop/report.html", cwd=tmp_path)
    assert again.returncode == 1, again.stderr
    for name in ("claims.jsonl", "errors.jsonl", "report.html"):
        assert f"skipped loop/{name}: an output of this run" in again.stderr
    assert (loop / "claims.jsonl").read_text(encoding="utf8") == expected
    assert "2 documents analysed" in again.stderr and "3 files skipped (not articles)" in again.stderr

    # other outputs: the first run's files are recognised as geoclaims' own, skipped and counted
    second = run("analyze", "loop", "--out", "loop/second.csv", cwd=tmp_path)
    assert second.returncode == 1, second.stderr  # empty.txt
    assert "skipped loop/claims.jsonl: a geoclaims claim table, not an article" in second.stderr
    assert "skipped loop/errors.jsonl: a geoclaims error file, not an article" in second.stderr
    assert "skipped loop/report.html: a geoclaims report, not an article" in second.stderr
    assert "2 documents analysed" in second.stderr and ", 1 error" in second.stderr
    assert "3 files skipped (not articles)" in second.stderr  # 2 analysed + 1 error + 3 skipped = 6 files in
    docs = set(pd.read_csv(loop / "second.csv", usecols=["doc_id"])["doc_id"])
    assert docs == {"loop/a.txt", "loop/b.txt"}


# --- item 7: document ids of files do not depend on how the path is spelled -----------------------------------


def test_file_ids_are_the_same_under_every_spelling(tmp_path, monkeypatch):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("x", encoding="utf8")
    (tmp_path / "link").symlink_to(corpus)
    monkeypatch.chdir(tmp_path)
    ids = FileIds()
    spellings = ["corpus/a.txt", "./corpus/a.txt", corpus / "a.txt", f"{tmp_path}/./corpus//a.txt",
                 "link/a.txt", tmp_path / "link" / "a.txt", "corpus/../corpus/a.txt"]
    assert {ids(s) for s in spellings} == {"corpus/a.txt"}
    monkeypatch.chdir(corpus)
    assert FileIds()(corpus / "a.txt") == "a.txt"
    elsewhere = FileIds()(tmp_path / "link" / "a.txt")
    assert elsewhere == "a.txt"
    (tmp_path / "other").mkdir()
    monkeypatch.chdir(tmp_path / "other")  # not under the current folder: absolute
    assert FileIds()("../link/a.txt") == os.path.realpath(corpus / "a.txt")
    (corpus / "sub").mkdir()
    (tmp_path / "sublink").symlink_to(corpus / "sub")
    assert FileIds()("../sublink/../a.txt") == os.path.realpath(corpus / "a.txt")  # '..' after the link


def test_resume_under_another_spelling_analyses_nothing_again(tmp_path, monkeypatch):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, text in TEXTS.items():
        (corpus / name).write_text(text, encoding="utf8")
    (corpus / "news.jsonl").write_text(json.dumps({"text": EXAMPLE.read_text(encoding="utf8")}) + "\n")
    (tmp_path / "link").symlink_to(corpus)
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "claims.jsonl"
    first = cli("analyze", "corpus/", "--out", out)
    assert first.exit_code == 0, first.stderr
    whole = out.read_text(encoding="utf8")
    assert {json.loads(line)["doc_id"] for line in whole.splitlines()} == {"corpus/a.txt", "corpus/b.txt",
                                                                           "corpus/news.jsonl:1"}
    for spelling in ([f"{tmp_path}/corpus/*.txt", f"{tmp_path}/corpus/news.jsonl"], ["./corpus"], ["link/"],
                     ["corpus/a.txt", "link/b.txt", "link/news.jsonl"]):
        again = cli("analyze", *spelling, "--out", out, "--resume")
        assert again.exit_code == 0, again.stderr
        # resume checks the file's last document again (a kill may cut it between two rows) and adds no row
        assert "1 document analysed, 0 claims written" in again.stderr, spelling
        assert "2 skipped (already in" in again.stderr, spelling
        assert out.read_text(encoding="utf8") == whole  # no row doubled

    # a table an earlier version wrote, with the paths as they were given (absolute here): matched too
    old = [json.loads(line) for line in whole.splitlines()]
    for row in old:
        row["doc_id"] = str(tmp_path / row["doc_id"])
    out.write_text("".join(json.dumps(r) + "\n" for r in old), encoding="utf8")
    before = out.read_text(encoding="utf8")
    resumed = cli("analyze", "corpus", "--out", out, "--resume")
    assert resumed.exit_code == 0 and "0 claims written" in resumed.stderr, resumed.stderr
    assert out.read_text(encoding="utf8") == before
