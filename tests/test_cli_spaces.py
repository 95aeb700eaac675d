"""Spaces inside numbers through the command line (issue 15, item 8), in process (`invoke`): every
Unicode space separator inside numbers, in every input format (.txt, .jsonl, .csv, .html with &nbsp; and a
literal no-break space, standard input), with two workers, and on Dask; the offsets slice the text as
given and the claim shows its original characters."""
from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from analyzer.parse_text import SPACE_SEPARATORS

from .test_cli import invoke_result

SEPARATORS = [" ", *SPACE_SEPARATORS]


def article(s: str) -> str:
    return f"Trade with Azerbaijan reached $4{s}billion last year, and ships carried 2{s}500{s}000 tons of grain."


def claims(*args: str, stdin: str | None = None) -> list[dict]:
    result = invoke_result("analyze", *args, "--format", "jsonl", "--quiet", stdin=stdin)
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


def check(rows: list[dict], texts: dict[str, str]) -> None:
    """Each document: the two figures, read whole, with the text as given at their offsets."""
    assert {r["doc_id"] for r in rows} == set(texts)
    for doc_id, text in texts.items():
        mine = [r for r in rows if r["doc_id"] == doc_id and r["kind"] == "quantity"]
        assert [(r["value"], r["unit"]) for r in mine] == [(4e9, "USD"), (2.5e6, "tonne")], (doc_id, mine)
        for r in mine:
            assert text[r["start_char"]:r["end_char"]] == r["text"]
            assert r["sentence"] == text


def test_txt_files(tmp_path):
    texts = {}
    for k, s in enumerate(SEPARATORS):
        (tmp_path / f"a{k:02}.txt").write_text(article(s), encoding="utf8")
        texts[f"a{k:02}.txt"] = article(s)
    rows = claims(str(tmp_path))
    for r in rows:  # a file's document id is its path
        r["doc_id"] = Path(r["doc_id"]).name
    check(rows, texts)


def test_jsonl_csv_and_stdin(tmp_path):
    texts = {f"d{k}": article(s) for k, s in enumerate(SEPARATORS)}
    jsonl = tmp_path / "in.jsonl"
    jsonl.write_text("".join(json.dumps({"id": i, "text": t}, ensure_ascii=k % 2 == 0) + "\n"
                             for k, (i, t) in enumerate(texts.items())), encoding="utf8")
    check(claims(str(jsonl)), texts)
    table = tmp_path / "in.csv"
    with table.open("w", encoding="utf8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "text"])
        w.writerows(texts.items())
    check(claims(str(table)), texts)
    text = " ".join(texts.values())
    rows = [r for r in claims("-", stdin=text) if r["kind"] == "quantity"]
    assert [r["value"] for r in rows] == [4e9, 2.5e6] * len(SEPARATORS)
    assert [r["text"] for r in rows] == [x for s in SEPARATORS for x in (f"$4{s}billion", f"2{s}500{s}000 tons")]
    assert all(text[r["start_char"]:r["end_char"]] == r["text"] for r in rows)


@pytest.mark.parametrize("space", ["&nbsp;", "\u00a0", "&#8201;", "\u202f", "&#x3000;"])
def test_html(tmp_path, space):
    body = article(space)
    html = (f"<!DOCTYPE html><html><head><title>Trade</title></head><body><article><h1>Trade</h1><p>{body}</p>"
            "<p>The ministry published the figures on Monday, citing customs data and port records.</p>"
            "</article></body></html>")
    (tmp_path / "a.html").write_text(html, encoding="utf8")
    rows = [r for r in claims(str(tmp_path / "a.html")) if r["kind"] == "quantity"]
    assert [(r["value"], r["unit"]) for r in rows] == [(4e9, "USD"), (2.5e6, "tonne")]


def test_two_workers(tmp_path):
    texts = {f"d{k}": article(s) for k, s in enumerate(SEPARATORS)}
    jsonl = tmp_path / "in.jsonl"
    jsonl.write_text("".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in texts.items()), encoding="utf8")
    check(claims(str(jsonl), "--workers", "2", "--batch-size", "4"), texts)
