"""Dirty corpora: every kind of bad file and record gets a correct analysis or a one-line error naming the
file and the problem, never a traceback, and records in == documents analysed + errors reported."""
from __future__ import annotations

import codecs
import json
import os
import re
import shutil
import tempfile
from pathlib import Path

import pytest

import analyzer
from analyzer.io import RecordError, iter_records

from .conftest import EXAMPLE
from .test_cli import assert_one_line_error, invoke, run

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\x00\x00\x01\x00\x08\x06\x00\x00\x00"
SENTENCE = "Exports rose 12% to $4 billion in 2023, the ministry said."


def summary_counts(stderr: str) -> tuple[int, int]:
    """(documents analysed, errors) from the run's summary line."""
    m = re.search(r"geoclaims: (\d+) documents? analysed, .*?(\d+) errors?", stderr)
    assert m, stderr
    return int(m.group(1)), int(m.group(2))


@pytest.fixture
def dirty(tmp_path):
    """A folder of the files real corpora hold, each with what must come of it."""
    folder = tmp_path / "dirty"
    folder.mkdir()
    files = {
        "empty.txt": (b"", "no text to analyse"),
        "blank.txt": (b"  \n\t\r\n  ", "no text to analyse"),
        "image.txt": (PNG, "looks like a binary file"),
        "latin1.txt": ("Les exportations ont augment\u00e9.".encode("latin-1"), "not valid UTF-8 (byte 28"),
        "utf16.txt": (SENTENCE.encode("utf-16"), None),
        "windows.txt": (f"{SENTENCE}\r\n\r\nNearly 1,300 firms work there.\r\n".encode(), None),
        "longline.txt": ((SENTENCE + " ") * 3000, None),  # 177,000 characters on one line
        "bom.txt": (("\ufeff" + SENTENCE).encode("utf-8"), None),
    }
    for name, (content, _) in files.items():
        (folder / name).write_bytes(content if isinstance(content, bytes) else content.encode())
    (folder / "broken.txt").symlink_to(tmp_path / "gone.txt")
    os.mkfifo(folder / "pipe.txt")  # reading it would wait forever
    (folder / "records.jsonl").write_text(
        "{not json\n"
        + json.dumps({"id": "r1", "text": SENTENCE}) + "\n"
        + json.dumps({"id": "r2", "body": SENTENCE}) + "\n"  # no text field
        + json.dumps({"id": "r3", "text": 42}) + "\n"  # text of the wrong type
        + json.dumps({"id": "r1", "text": "Another text, same id."}) + "\n"  # duplicate id
        + json.dumps({"id": "r4", "text": ""}) + "\n"
        + json.dumps({"id": "r5", "text": "Nearly 1,300 Russian firms work in Azerbaijan."}) + "\n"
        + "[1, 2]\n", encoding="utf8")
    (folder / "table.csv").write_text("id,body\n1,no text column\n", encoding="utf8")
    return folder


def test_dirty_folder_through_the_cli(dirty, tmp_path):
    out, errors = tmp_path / "claims.jsonl", tmp_path / "errors.jsonl"
    proc = run("analyze", str(dirty), "--out", str(out), "--errors", str(errors))
    assert proc.returncode == 1, proc.stderr  # some records failed
    assert "Traceback" not in proc.stderr
    error_lines = [line for line in proc.stderr.splitlines() if line.startswith("geoclaims: error: ")]
    rows = [json.loads(line) for line in errors.read_text(encoding="utf8").splitlines()]
    assert len(rows) == len(error_lines)
    by_source = {r["source"]: r["error"] for r in rows}
    expect = {
        "empty.txt": "no text to analyse", "blank.txt": "no text to analyse",
        "image.txt": "looks like a binary file, not text", "latin1.txt": "not valid UTF-8 (byte 28",
        "broken.txt": "broken symbolic link", "pipe.txt": "a FIFO (named pipe), not a regular file",
        "records.jsonl:1": "invalid JSON", "records.jsonl:3": "missing field 'text'",
        "records.jsonl:4": "field 'text' must be a string, got int",
        "records.jsonl:5": "duplicate document id 'r1': the same id as",
        "records.jsonl:6": "no text to analyse", "records.jsonl:8": "expected a JSON object",
        "table.csv": "no column 'text'",
    }
    for name, message in expect.items():
        source = str(dirty / name)
        assert source in by_source, (name, by_source)
        assert message in by_source[source], (name, by_source[source])
    assert len(rows) == len(expect)
    analysed, reported = summary_counts(proc.stderr)
    # in: 10 plain files (each one record) + 8 JSONL lines + the CSV (one error for the file)
    assert analysed + reported == 10 + 8 + 1 and reported == len(expect)
    claims = [json.loads(line) for line in out.read_text(encoding="utf8").splitlines()]
    docs = {c["doc_id"] for c in claims}
    for name in ("utf16.txt", "windows.txt", "longline.txt", "bom.txt"):
        assert str(dirty / name) in docs, name  # analysed, with claims
    assert {"r1", "r5"} <= docs
    long_rows = [c for c in claims if c["doc_id"] == str(dirty / "longline.txt") and c["unit"] == "USD"]
    assert len(long_rows) == 3000  # every repeat of the figure on the one line
    # offsets are into the text as read: UTF-8, CRLF read as LF, a BOM dropped
    windows = (dirty / "windows.txt").read_bytes().decode().replace("\r\n", "\n")
    for c in (c for c in claims if c["doc_id"] == str(dirty / "windows.txt")):
        assert windows[c["start_char"]:c["end_char"]] == c["text"]


@pytest.mark.skipif(not hasattr(os, "setresuid"), reason="needs POSIX user ids")
def test_unreadable_files_in_a_folder():
    """Files the user may not read (mode 000). Root reads everything, so when the tests run as root the
    reading happens in a forked child that has dropped to the user 'nobody' (the folder is made under the
    system's temporary directory, which every user can reach)."""
    folder = Path(tempfile.mkdtemp(prefix="geoclaims-unreadable-"))
    try:
        folder.chmod(0o755)
        (folder / "a.txt").write_text(SENTENCE, encoding="utf8")
        (folder / "secret.txt").write_text(SENTENCE, encoding="utf8")
        (folder / "secret.jsonl").write_text(json.dumps({"text": SENTENCE}) + "\n", encoding="utf8")
        (folder / "a.txt").chmod(0o644)
        (folder / "secret.txt").chmod(0)
        (folder / "secret.jsonl").chmod(0)
        for codec in ("utf-8-sig", "utf-16"):  # imported now: 'nobody' may not reach the interpreter's files
            codecs.lookup(codec)
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: read the folder as an ordinary user, report, exit
            try:
                os.close(read)
                if os.geteuid() == 0:
                    os.setgroups([])
                    os.setresgid(65534, 65534, 65534)
                    os.setresuid(65534, 65534, 65534)
                got = [[type(r).__name__, str(r)] for r in iter_records([folder])]
            except BaseException as e:  # noqa: BLE001 - reported to the parent
                got = [["crash", repr(e)]]
            os.write(write, json.dumps(got).encode())
            os._exit(0)
        os.close(write)
        with os.fdopen(read) as fh:
            got = json.loads(fh.read() or "[]")
        os.waitpid(pid, 0)
    finally:
        shutil.rmtree(folder)
    assert got[0][0] == "Document" and f"id='{folder / 'a.txt'}'" in got[0][1], got
    assert got[1:] == [["RecordError", f"{folder / 'secret.jsonl'}: permission denied"],
                       ["RecordError", f"{folder / 'secret.txt'}: permission denied"]]


def test_duplicate_ids_and_texts_in_the_library(nlp):
    errors: list[RecordError] = []
    records = [{"id": "a", "text": SENTENCE}, {"id": "a", "text": "Other text."}, SENTENCE, SENTENCE, "   "]
    frames = list(analyzer.analyze_many(records, nlp=nlp, errors=errors))
    assert [e.source for e in errors] == ["record 1", "record 3", "record 4"]
    assert "duplicate document id 'a': the same id as record 0" in errors[0].message
    assert "the same text as record 2" in errors[1].message
    assert "no text to analyse" in errors[2].message
    claims = frames[0]
    assert claims["doc_id"].nunique() == 2  # "a" and the hash of the repeated sentence, analysed once


def test_example_article_in_windows_line_endings_gives_the_same_claims(tmp_path):
    crlf = tmp_path / "crlf.txt"
    crlf.write_bytes(EXAMPLE.read_bytes().replace(b"\n", b"\r\n"))
    outs = []
    for path in (EXAMPLE, crlf):
        proc = invoke("analyze", str(path), "--format", "jsonl", "--quiet")
        assert proc.returncode == 0, proc.stderr
        outs.append([{k: v for k, v in json.loads(line).items() if k not in ("doc_id", "claim_id")}
                     for line in proc.stdout.splitlines()])
    assert outs[0] == outs[1]
    assert [r["kind"] for r in outs[0]].count("quantity") == 4 and len(outs[0]) > 4  # its figures and sentences


@pytest.fixture(scope="module")
def model_folder(tmp_path_factory):
    """The default base model saved as a pipeline folder, as a user's own model would be."""
    import spacy

    from analyzer.pipeline import default_model

    folder = tmp_path_factory.mktemp("model") / "my_model"
    spacy.load(default_model()).to_disk(folder)
    return folder


def test_a_model_folder_is_loaded_only_when_trusted(model_folder):
    proc = invoke("analyze", str(EXAMPLE), "--model", str(model_folder), "--format", "jsonl", "--quiet")
    assert_one_line_error(proc, 2, "is a folder, not an installed package", "--trust-model-path")
    assert proc.stdout == ""
    trusted = invoke("analyze", str(EXAMPLE), "--model", str(model_folder), "--trust-model-path", "--format", "jsonl",
                     "--quiet")
    default = invoke("analyze", str(EXAMPLE), "--format", "jsonl", "--quiet")
    assert trusted.returncode == 0 and trusted.stdout == default.stdout  # the same model, from the folder
    with pytest.raises(analyzer.InputError, match="trust_path=True"):
        analyzer.load(model_folder)
    assert "geo_claims" in analyzer.load(str(model_folder), trust_path=True).pipe_names


@pytest.mark.parametrize("out, words", [
    ("{tmp}/no/such/folder/claims.csv", ["--out", "does not exist"]),
    ("/proc/version", ["--out /proc/version", "cannot write"]),
])
def test_unwritable_out_is_exit_2_before_any_work(tmp_path, out, words):
    if out.startswith("/proc") and not os.path.exists(out):
        pytest.skip("no /proc on this system")
    proc = invoke("analyze", str(EXAMPLE), "--out", out.format(tmp=tmp_path))
    assert_one_line_error(proc, 2, *words)


# ---- language ------------------------------------------------------------------------------------------------
FRENCH = ("Le commerce entre la Russie et l'Azerbaïdjan a dépassé 4 milliards de dollars l'an dernier, selon le "
          "ministère. Les deux pays ont signé un accord sur le corridor de transport, qui pourrait transporter "
          "jusqu'à 30 millions de tonnes par an.")
RUSSIAN = ("Товарооборот между Россией и Азербайджаном в прошлом году превысил 4 миллиарда долларов, сообщило "
           "министерство. Коридор сможет перевозить до 30 миллионов тонн грузов в год.")


def test_foreign_documents_are_error_rows_unless_forced(tmp_path):
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "a_fr.txt").write_text(FRENCH, encoding="utf8")
    (folder / "b_en.txt").write_bytes(EXAMPLE.read_bytes())
    (folder / "c_ru.txt").write_text(RUSSIAN, encoding="utf8")
    out, errors = tmp_path / "claims.jsonl", tmp_path / "errors.jsonl"
    proc = invoke("analyze", str(folder), "--out", str(out), "--errors", str(errors))
    assert proc.returncode == 1, proc.stderr
    rows = [json.loads(line) for line in errors.read_text(encoding="utf8").splitlines()]
    assert [(r["source"], r["error"].split(":")[0]) for r in rows] == [
        (str(folder / "a_fr.txt"), "not English"), (str(folder / "c_ru.txt"), "not English")]
    assert "looks like 'fr'" in rows[0]["error"] and "looks like 'ru'" in rows[1]["error"]
    assert "--force" in rows[0]["error"]
    assert summary_counts(proc.stderr) == (1, 2)
    claims = [json.loads(line) for line in out.read_text(encoding="utf8").splitlines()]
    assert {c["language"] for c in claims} == {"en"}
    forced = invoke("analyze", str(folder), "--out", str(out), "--force", "--quiet")
    assert forced.returncode == 0, forced.stderr
    claims = [json.loads(line) for line in out.read_text(encoding="utf8").splitlines()]
    assert {(c["doc_id"].rsplit("/", 1)[1], c["language"]) for c in claims} >= {("a_fr.txt", "fr"),
                                                                               ("b_en.txt", "en")}


def test_language_in_the_library(nlp, example_text):
    with pytest.warns(RuntimeWarning, match="looks like 'fr', not English"):
        french = analyzer.analyze(FRENCH, nlp=nlp)
    assert set(french["language"]) == {"fr"}
    assert set(analyzer.analyze(example_text, nlp=nlp)["language"]) == {"en"}
    short = analyzer.analyze(SENTENCE, nlp=nlp)
    assert set(short["language"]) == {"und"}  # too little text to tell: analysed as English
    errors: list[RecordError] = []
    frames = list(analyzer.analyze_many([FRENCH, example_text], nlp=nlp, errors=errors))
    assert [e.source for e in errors] == ["record 0"] and set(frames[0]["language"]) == {"en"}
    forced = list(analyzer.analyze_many([FRENCH, example_text], nlp=nlp, errors=errors, force=True))
    assert set(forced[0]["language"]) == {"fr", "en"} and len(errors) == 1
    doc = nlp(FRENCH)  # the pipeline called directly: the claims stage detects the language
    assert doc._.language == "fr" and {c.language for c in doc._.claims} == {"fr"}


def test_lone_surrogates_from_json_escapes_are_error_rows(tmp_path):
    """JSON can escape half of a UTF-16 pair ('\\ud83e'): no Unicode text, and unwritable as UTF-8."""
    path = tmp_path / "s.jsonl"
    path.write_text('{"text": "\\ud83e"}\n{"id": "a", "text": "Exports hit $5 billion.", "url": "\\ud83d"}\n'
                    '{"id": "b", "text": "Exports hit $5 billion."}\n', encoding="utf8")
    out, errors = tmp_path / "c.jsonl", tmp_path / "e.jsonl"
    proc = invoke("analyze", str(path), "--out", str(out), "--errors", str(errors))
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    rows = [json.loads(line) for line in errors.read_text(encoding="utf8").splitlines()]
    assert [r["error"] for r in rows] == [
        "field 'text': a lone surrogate \\ud83e at character 0 (not valid Unicode)",
        "field 'url': a lone surrogate \\ud83d at character 0 (not valid Unicode)"]
    assert summary_counts(proc.stderr) == (1, 2)
