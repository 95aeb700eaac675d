"""Reading inputs: text files (every failure is one line naming the file) and the records of batch runs
(txt, HTML, JSONL, CSV, folders, globs, standard input), where a bad record is a RecordError, not a stop."""
from __future__ import annotations

import io
import json
import sys

import pytest

from analyzer.errors import InputError
from analyzer.io import (
    Document,
    Fields,
    RecordError,
    count_records,
    expand_paths,
    iter_records,
    read_document,
    read_text,
)


def test_utf8_bom_and_crlf(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("\ufeffTrade rose.\r\nIt was 5%.".encode("utf-8"))
    assert read_text(path) == "Trade rose.\nIt was 5%."


def test_utf16_with_bom(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("Trade rose 5%.".encode("utf-16"))
    assert read_text(path) == "Trade rose 5%."


@pytest.mark.parametrize("content, message", [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
    (b"caf\xe9 au lait", r"not valid UTF-8 \(byte 3"),
])
def test_bad_bytes(tmp_path, content, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(InputError, match=message) as info:
        read_text(path)
    assert str(path) in str(info.value) and "\n" not in str(info.value)


def test_missing_and_directory(tmp_path):
    with pytest.raises(InputError, match="file not found"):
        read_text(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="is a directory"):
        read_text(tmp_path)


# --- batch inputs: iter_records, expand_paths, count_records ------------------------------------------------

ARTICLE = """<!DOCTYPE html>
<html><head>
<title>Trade talks in Baku | Daily News</title>
<meta property="article:published_time" content="2024-03-05T10:00:00Z">
<link rel="canonical" href="https://news.example.com/baku-trade">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Trade talks in Baku</h1>
<p>Russia and Azerbaijan agreed on Tuesday to raise trade between the two countries by 15 percent over the next two years, officials said after a meeting in Baku.</p>
<p>President Vladimir Putin said the agreement would strengthen economic ties across the Caspian region and open new routes for freight to Iran and India.</p>
<p>Azerbaijani officials said exports of agricultural goods to Russia rose to 1.2 billion dollars last year, the highest figure on record.</p>
</article>
<footer>Copyright 2024 Daily News. All rights reserved.</footer>
</body></html>
"""


def write(path, content):
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8", newline="")
    return path


def records(*paths, **kwargs):
    return list(iter_records(list(paths), **kwargs))


def test_document_source_is_optional_and_last():
    doc = Document("a", "Trade rose.", "Title", "https://x", "2024-01-02")
    assert (doc.title, doc.url, doc.published, doc.source) == ("Title", "https://x", "2024-01-02", None)
    assert Document("a", "t", source="a.txt").source == "a.txt"
    with pytest.raises(AttributeError):
        doc.source = "b"  # frozen


def test_record_error_str():
    err = RecordError("news.jsonl:3", "missing field 'text'")
    assert str(err) == "news.jsonl:3: missing field 'text'" and err.id is None


def test_read_document_still_works(tmp_path):
    path = write(tmp_path / "a.txt", "Trade rose.\r\n")
    doc = read_document(path, published="2024-01-02")
    assert (doc.id, doc.text, doc.published, doc.source) == (str(path), "Trade rose.\n", "2024-01-02", str(path))


def test_txt_file(tmp_path):
    path = write(tmp_path / "a.txt", "\ufeffTrade rose 5%.\r\n")
    assert records(path, published="2024-03-05") == [
        Document(id=str(path), text="Trade rose 5%.\n", published="2024-03-05", source=str(path))]


def test_unknown_suffix_named_explicitly_is_text(tmp_path):
    path = write(tmp_path / "notes.md", "Trade rose 5%.")
    [doc] = records(path)
    assert isinstance(doc, Document) and doc.text == "Trade rose 5%." and doc.id == str(path)


def test_html_article(tmp_path):
    path = write(tmp_path / "article.html", ARTICLE)
    [doc] = records(path, published="2020-01-01")
    assert isinstance(doc, Document)
    assert doc.id == doc.source == str(path)
    assert doc.title == "Trade talks in Baku"
    assert doc.url == "https://news.example.com/baku-trade"
    assert doc.published == "2024-03-05"  # the page's date wins over the argument
    assert "raise trade between the two countries by 15 percent" in doc.text
    assert "1.2 billion dollars" in doc.text and "Caspian region" in doc.text
    assert "Home" not in doc.text and "Copyright" not in doc.text  # boilerplate dropped


def test_html_without_date_takes_the_argument(tmp_path):
    page = ARTICLE.replace('<meta property="article:published_time" content="2024-03-05T10:00:00Z">', "")
    path = write(tmp_path / "article.HTM", page.replace("Copyright 2024 ", ""))
    [doc] = records(path, published="2020-01-01")
    assert isinstance(doc, Document) and doc.published == "2020-01-01" and "Caspian" in doc.text


def test_html_without_text(tmp_path):
    path = write(tmp_path / "empty.html", "<html><head><title>Only a title</title></head><body><div></div></body></html>")
    assert records(path) == [RecordError(str(path), "no article text found in the HTML", str(path))]


def test_html_with_bad_bytes_fails_like_text(tmp_path):
    path = write(tmp_path / "bad.html", b"<html><body><p>caf\xe9</p></body></html>")
    [err] = records(path)
    assert isinstance(err, RecordError) and err.source == str(path)
    assert err.message.startswith("not valid UTF-8 (byte") and str(path) not in err.message


JSONL_LINES = [
    "not json",  # 1: invalid JSON
    json.dumps({"id": "a", "text": "Trade rose 5%.", "title": "Trade", "url": "https://x/a",
                "published": "2024-03-05T10:00:00"}),  # 2
    "",  # 3: blank, skipped
    "[1, 2]",  # 4: not an object
    json.dumps({"id": 7, "text": "Exports fell."}),  # 5: int id
    json.dumps({"id": "c", "title": "No text"}),  # 6: missing text
    json.dumps({"text": "Imports doubled."}),  # 7: no id, no date
    json.dumps({"id": "d", "text": 42}),  # 8: text of the wrong type
    json.dumps({"id": "e", "text": "Prices rose.", "published": "5 March"}),  # 9: bad date
    "   ",  # 10: blank
    json.dumps({"id": "f", "text": "Output grew.", "title": 3}),  # 11: title of the wrong type
    '{"id": "g", "text": "cut off',  # 12: invalid JSON at the end
]


def test_jsonl_good_and_bad_lines(tmp_path):
    path = write(tmp_path / "news.jsonl", "\n".join(JSONL_LINES) + "\n")
    got = records(path, published="2020-01-01")
    p = str(path)
    assert got == [
        RecordError(f"{p}:1", "invalid JSON (Expecting value at column 1)"),
        Document("a", "Trade rose 5%.", "Trade", "https://x/a", "2024-03-05", f"{p}:2"),
        RecordError(f"{p}:4", "expected a JSON object, got list"),
        Document("7", "Exports fell.", published="2020-01-01", source=f"{p}:5"),
        RecordError(f"{p}:6", "missing field 'text'", "c"),
        Document(f"{p}:7", "Imports doubled.", published="2020-01-01", source=f"{p}:7"),
        RecordError(f"{p}:8", "field 'text' must be a string, got int", "d"),
        RecordError(f"{p}:9", "field 'published': expected a date as YYYY-MM-DD, got '5 March'", "e"),
        RecordError(f"{p}:11", "field 'title' must be a string, got int", "f"),
        RecordError(f"{p}:12", "invalid JSON (Unterminated string starting at column 21)"),
    ]
    non_blank = sum(1 for line in JSONL_LINES if line.strip())
    assert len(got) == non_blank == count_records([path])
    assert all("\n" not in str(r) for r in got if isinstance(r, RecordError))


def test_jsonl_undecodable_line_and_crlf(tmp_path):
    path = write(tmp_path / "news.jsonl", b'\xef\xbb\xbf{"text": "One."}\r\n{"text": "caf\xe9"}\r\n{"text": "Two."}\r\n')
    got = records(path)
    assert [type(r) for r in got] == [Document, RecordError, Document]
    assert got[0].text == "One." and got[2].text == "Two."
    assert got[1].source == f"{path}:2" and got[1].message == "not valid UTF-8 (byte 13: b'\\xe9')"


def test_jsonl_custom_fields(tmp_path):
    line = {"body": "Trade rose.", "doc": "x1", "headline": "Trade", "link": "https://x", "date": "2024-03-05",
            "text": "not this one"}
    path = write(tmp_path / "custom.jsonl", json.dumps(line) + "\n" + json.dumps({"body": "B.", "date": "soon"}))
    fields = Fields(text="body", id="doc", title="headline", url="link", published="date")
    got = records(path, fields=fields)
    assert got == [
        Document("x1", "Trade rose.", "Trade", "https://x", "2024-03-05", f"{path}:1"),
        RecordError(f"{path}:2", "field 'date': expected a date as YYYY-MM-DD, got 'soon'", f"{path}:2"),
    ]
    assert records(path)[1] == RecordError(f"{path}:2", "missing field 'text'", f"{path}:2")


def test_csv_with_all_columns(tmp_path):
    path = write(tmp_path / "table.csv",
                 "id,title,url,published,text,extra\r\n"
                 "a1,Trade,https://x/a,2024-03-05,Trade rose 5%.,zz\r\n"
                 ",,,,Exports fell.,\r\n"
                 "\r\n"
                 "c3,Prices,,March,Prices rose.,\r\n")
    got = records(path, published="2020-01-01")
    p = str(path)
    assert got == [
        Document("a1", "Trade rose 5%.", "Trade", "https://x/a", "2024-03-05", f"{p}:1"),
        Document(f"{p}:2", "Exports fell.", None, None, "2020-01-01", f"{p}:2"),  # empty cells -> None
        RecordError(f"{p}:3", "field 'published': expected a date as YYYY-MM-DD, got 'March'", "c3"),
    ]
    assert count_records([path]) == len(got) == 3


def test_csv_quoted_multiline_text_and_bom(tmp_path):
    path = write(tmp_path / "t.csv", '\ufeffid,text\r\nm,"Trade rose.\r\nExports, too, rose ""sharply""."\r\nn,Short.\r\n')
    got = records(path)
    assert got == [
        Document("m", 'Trade rose.\nExports, too, rose "sharply".', source=f"{path}:1"),
        Document("n", "Short.", source=f"{path}:2"),
    ]
    assert count_records([path]) == 2


def test_csv_long_cell(tmp_path):
    text = "Trade rose. " * 20_000  # longer than csv's default field limit of 131072
    path = write(tmp_path / "long.csv", f'text\n"{text}"\n')
    [doc] = records(path)
    assert isinstance(doc, Document) and doc.text == text


@pytest.mark.parametrize("delimiter", [";", "\t", "|"])
def test_csv_other_delimiters(tmp_path, delimiter):
    """A CSV saved by Excel where the decimal mark is a comma (';' between fields), or with tabs or bars: the
    delimiter is the one whose header row holds the text column."""
    d = delimiter
    path = write(tmp_path / "t.csv", f'\ufeffid{d}text{d}published\r\nm{d}"Trade rose 5,5%{d} then fell."{d}2024-03-05\r\n'
                                     f'n{d}Short.{d}\r\n')
    assert records(path) == [
        Document("m", f"Trade rose 5,5%{d} then fell.", published="2024-03-05", source=f"{path}:1"),
        Document("n", "Short.", source=f"{path}:2"),
    ]
    assert count_records([path]) == 2


def test_csv_commas_win_over_semicolons_in_the_text(tmp_path):
    path = write(tmp_path / "t.csv", 'id,text\r\nm,"One; two; three."\r\n')
    assert records(path) == [Document("m", "One; two; three.", source=f"{path}:1")]


def test_csv_without_text_column(tmp_path):
    path = write(tmp_path / "t.csv", "id,body,title\n1,Trade rose.,T\n2,Exports fell.,U\n")
    assert records(path) == [RecordError(str(path), "no column 'text' (columns: id, body, title)")]
    assert count_records([path]) == 1
    got = records(path, fields=Fields(text="body"))
    assert [d.text for d in got] == ["Trade rose.", "Exports fell."] and [d.id for d in got] == ["1", "2"]
    assert count_records([path], fields=Fields(text="body")) == 2


def test_csv_ragged_rows(tmp_path):
    path = write(tmp_path / "t.csv", "id,text,title\n1,Trade rose.,T,oops\n2\n3,Fine.\n")
    got = records(path)
    assert got == [
        RecordError(f"{path}:1", "4 cells, but the header has 3 columns"),
        RecordError(f"{path}:2", "no cell in column 'text' (the row has fewer cells than the header)"),
        Document("3", "Fine.", source=f"{path}:3"),
    ]


def test_unreadable_file_is_an_error_and_reading_goes_on(tmp_path):
    binary = write(tmp_path / "b.jsonl", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    good = write(tmp_path / "a.txt", "Trade rose.")
    missing = tmp_path / "nope.txt"
    got = records(binary, missing, good)
    assert got == [
        RecordError(str(binary), "looks like a binary file, not text"),
        RecordError(str(missing), "no such file or directory"),
        Document(str(good), "Trade rose.", source=str(good)),
    ]
    assert count_records([binary, missing, good]) == 3


def make_tree(root):
    for name in ["b.txt", "a.jsonl", "sub/c.html", "sub/deeper/d.CSV", "sub/e.htm", "z.pdf", ".hidden.txt",
                 ".git/x.txt", "sub/.cache/y.txt", "notes.md"]:
        write(root / name, "x")
    return root


def test_folder_expansion(tmp_path):
    root = make_tree(tmp_path / "data")
    got = list(expand_paths([root]))
    assert got == [root / "a.jsonl", root / "b.txt", root / "sub" / "c.html", root / "sub" / "deeper" / "d.CSV",
                   root / "sub" / "e.htm"]
    assert list(expand_paths(["-", root / "notes.md"])) == ["-", root / "notes.md"]


def test_empty_folder(tmp_path):
    folder = tmp_path / "empty"
    write(folder / "x.pdf", b"%PDF")
    with pytest.raises(InputError, match="empty: no file to read in the folder"):
        list(expand_paths([folder]))
    assert records(folder)[0].source == str(folder)


def test_glob_expansion(tmp_path):
    root = make_tree(tmp_path / "data")
    assert list(expand_paths([f"{root}/*.txt"])) == [root / "b.txt"]
    assert list(expand_paths([f"{root}/**/*.ht*"])) == [root / "sub" / "c.html", root / "sub" / "e.htm"]
    assert list(expand_paths([f"{root}/sub/*"])) == [root / "sub" / "c.html", root / "sub" / "e.htm"]  # no dirs
    assert list(expand_paths([f"{root}/**/[bd].*"])) == [root / "b.txt", root / "sub" / "deeper" / "d.CSV"]


def test_missing_path_and_empty_glob(tmp_path):
    with pytest.raises(InputError, match="nope.txt: no such file or directory"):
        list(expand_paths([tmp_path / "nope.txt"]))
    pattern = f"{tmp_path}/*.jsonl"
    with pytest.raises(InputError, match="the pattern matches no file"):
        list(expand_paths([pattern]))
    good = write(tmp_path / "a.txt", "Trade rose.")
    got = records(pattern, good, tmp_path / "nope.txt")
    assert got == [
        RecordError(pattern, "the pattern matches no file"),
        Document(str(good), "Trade rose.", source=str(good)),
        RecordError(str(tmp_path / "nope.txt"), "no such file or directory"),
    ]
    assert count_records([pattern, good, tmp_path / "nope.txt"]) == 3


def test_records_of_a_folder_in_order(tmp_path):
    root = tmp_path / "in"
    write(root / "b.txt", "Trade rose.")
    write(root / "a.jsonl", '{"text": "One."}\n{"text": "Two."}\n')
    write(root / "sub" / "c.csv", "text\nThree.\n")
    write(root / "sub" / "d.html", ARTICLE)
    got = records(root)
    assert [r.source for r in got] == [f"{root}/a.jsonl:1", f"{root}/a.jsonl:2", f"{root}/b.txt",
                                       f"{root}/sub/c.csv:1", f"{root}/sub/d.html"]
    assert all(isinstance(r, Document) for r in got)
    assert count_records([root]) == 5 == count_records(root)


def test_stdin_text(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO("Trade rose 5%.\r\nExports fell."))
    assert records("-", published="2024-03-05") == [
        Document("stdin", "Trade rose 5%.\nExports fell.", published="2024-03-05", source="stdin")]


def test_stdin_jsonl(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO('{"text": "One."}\n\n{"txt": "Two."}\n{"id": "x", "text": "Three."}\n'))
    assert records("-", stdin_format="jsonl") == [
        Document("stdin:1", "One.", source="stdin:1"),
        RecordError("stdin:3", "missing field 'text'", "stdin:3"),
        Document("x", "Three.", source="stdin:4"),
    ]
    assert count_records(["-"]) is None


def test_bad_stdin_format():
    with pytest.raises(InputError, match="stdin format"):
        iter_records(["-"], stdin_format="csv")


def test_utf16_jsonl_and_csv(tmp_path):
    jsonl = write(tmp_path / "w.jsonl", '{"text": "Trade rose."}\r\n{"text": null}\r\n'.encode("utf-16"))
    table = write(tmp_path / "w.csv", "text,id\r\nExports fell.,e1\r\n".encode("utf-16"))
    assert records(jsonl, table) == [
        Document(f"{jsonl}:1", "Trade rose.", source=f"{jsonl}:1"),
        RecordError(f"{jsonl}:2", "field 'text' must be a string, got null", f"{jsonl}:2"),
        Document("e1", "Exports fell.", source=f"{table}:1"),
    ]
    assert count_records([jsonl, table]) == 3
