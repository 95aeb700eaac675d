"""Article text, titles, URLs, ids, speakers and gazetteer names are data wherever they end up (issue 15,
items 11-14 and 20a): Markdown rendered by a real CommonMark renderer (markdown-it-py, raw HTML enabled)
shows them as text; ClaimReview drafts carry no '<', '>', '&' and only http(s) URLs; the HTML report links
only to http(s) URLs; nothing reaches the terminal as an escape sequence. The CLI runs in process (typer's
CliRunner) on the hostile corpus of tests/report/hostile.py. (The drafts and the report in chromium:
test_browser.py.)"""
from __future__ import annotations

import json
import warnings
from html.parser import HTMLParser
from importlib import resources

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from typer.testing import CliRunner

from analyzer.cli import app
from analyzer.report.escape import http_url, json_in_html, markdown_text, safe

from . import hostile
from ..conftest import ROOT

# the structure our Markdown is made of; anything else in the rendered HTML came from an article
STRUCTURE = {"h1", "h2", "p", "table", "thead", "tbody", "tr", "th", "td"}
RENDERER = MarkdownIt("commonmark", {"html": True}).enable("table")


def cli(*args: str):
    result = CliRunner().invoke(app, [str(a) for a in args])
    assert "Traceback" not in result.stderr and not isinstance(result.exception, Exception), result.exception
    return result


class Rendered(HTMLParser):
    """The tags, attributes and text of rendered HTML."""

    def __init__(self, markup: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.texts: list[str] = []
        self.feed(markup)
        self.close()
        self.text = "\n".join(self.texts)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.texts.append(data)

    def handle_comment(self, data):
        self.tags.append(("!--", {}))


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return tmp_path_factory.mktemp("escaping")


@pytest.fixture(scope="module")
def corpus(folder):
    return hostile.corpus(folder)


@pytest.fixture(scope="module")
def markdown(folder, corpus):
    """`-f md` on standard output and the Markdown report, of the hostile corpus with the hostile gazetteer."""
    report = folder / "report.md"
    result = cli("analyze", corpus, "--gazetteer", hostile.gazetteer(folder), "-f", "md", "--report", report, "-q")
    assert result.exit_code == 0, result.stderr
    return {"-f md": result.stdout, "--report": report.read_text(encoding="utf8")}


# ---- 11: Markdown ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("which", ["-f md", "--report"])
def test_markdown_renders_the_payloads_as_text(markdown, which):
    page = Rendered(RENDERER.render(markdown[which]))
    assert {t for t, _ in page.tags} <= STRUCTURE, {t for t, _ in page.tags} - STRUCTURE
    assert not [a for _, a in page.tags if a], "no attribute: no href, src, event handler, style"
    shown = page.text
    # from the text (statements), a speaker phrase, the user's gazetteer (speaker), the title, the id, the URL
    for payload in (hostile.IFRAME, hostile.AUTOLINK, hostile.JS_LINK, hostile.ENTITIES,
                    hostile.IMG, f"{hostile.SCRIPT} committee", hostile.GAZETTEER_NAME):
        assert payload in shown, payload
    if which == "--report":
        for payload in (f"Title {hostile.SCRIPT} {hostile.MD_IMAGE}", f"untitled {hostile.IMG} {hostile.JS_LINK}",
                        f"Source: javascript:alert(10)//{hostile.IMG}", "Source: vbscript:msgbox(9)",
                        f"Source: {hostile.GOOD_URL}"):
            assert payload in shown, payload
        assert [t for t, _ in page.tags].count("h2") == 2 + len(hostile.BAD_URLS) + 1  # one per document
    assert "$4 billion" in shown and "12%" in shown  # numbers as they were


def test_a_markdown_cell_cannot_break_the_table():
    cell = markdown_text("a | b \\| c\nd")
    page = Rendered(RENDERER.render(f"| x | y |\n|---|---|\n| {cell} | z |\n"))
    cells = [t for t, _ in page.tags if t == "td"]
    assert len(cells) == 2 and "a | b \\| c d" in page.text


@given(st.text(max_size=60))
def test_any_text_renders_as_itself(text):
    """Whatever a string holds, Markdown shows it as it was (on one line, control characters made visible)."""
    page = Rendered(RENDERER.render(f"x {markdown_text(text)} x\n"))
    assert [t for t, _ in page.tags] == ["p"]
    assert page.text.strip() == f"x {safe(' '.join(text.splitlines()).strip())} x".strip()


# ---- 12: ClaimReview -------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def drafts(corpus):
    result = cli("analyze", corpus, "-f", "claimreview", "-q")
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_claimreview_has_no_markup_characters_and_only_http_urls(drafts):
    jsonschema = pytest.importorskip("jsonschema")
    assert not set("<>&") & set(drafts)
    assert "\\u003c/script\\u003e" in drafts and "\\u0026" in drafts
    reviews = json.loads(drafts)
    schema = json.loads(resources.files("analyzer.report").joinpath("data/claimreview.schema.json")
                        .read_text(encoding="utf8"))
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(reviews)
    assert any(hostile.BREAKOUT in r["claimReviewed"] for r in reviews)  # the text is all there, parsed back
    urls = {r["geoclaims"]["doc_id"]: a.get("url") for r in reviews for a in r["itemReviewed"].get("appearance", [])}
    good = f"url{len(hostile.BAD_URLS)}"
    assert urls.pop(good) == "https://example.org/news?id=1&x=%3C/script%3E"  # scheme lower case, %-encoded
    assert urls and not any(urls.values()), urls  # javascript:, data:, vbscript: left out; the headline stays
    headlines = {r["geoclaims"]["doc_id"]: r["itemReviewed"]["appearance"][0]["headline"] for r in reviews
                 if r["geoclaims"]["doc_id"].startswith("url")}
    assert headlines["url0"] == "url 0"


def test_the_schema_refuses_what_is_not_an_http_url():
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(resources.files("analyzer.report").joinpath("data/claimreview.schema.json")
                        .read_text(encoding="utf8"))
    url = jsonschema.Draft202012Validator({**schema["$defs"]["creativeWork"]["properties"]["url"],
                                           "$schema": schema["$schema"]}, format_checker=jsonschema.FormatChecker())
    assert url.is_valid("https://example.org/a?b=1&c") and url.is_valid("http://example.org")
    for bad in [*hostile.BAD_URLS, "HTTPS://example.org", "https://a b", "https://x/</script>", "//example.org", ""]:
        assert not url.is_valid(bad), bad


def test_json_in_html_keeps_the_value():
    value = {"a": "</script><!--<script>&amp;\u2028", "b": ["<", ">", "&"]}
    text = json_in_html(json.dumps(value, ensure_ascii=False))
    assert not set("<>&\u2028") & set(text) and json.loads(text) == value


# ---- 13: links in the HTML report ------------------------------------------------------------------------
@pytest.mark.parametrize("url", hostile.BAD_URLS + ["\x00javascript:x", "java\tscript:x", "\u00a0javascript:x",
                                                    "https:", "http:/x", "//evil.test", "/relative", "#top", ""])
def test_only_http_urls_are_links(url):
    assert http_url(url) is None


def test_http_urls_are_links():
    assert http_url("  HTTPS://Example.org/a b?q=<x>\n") == "https://Example.org/a%20b?q=%3Cx%3E"
    assert http_url("http://example.org/caf\u00e9#top") == "http://example.org/caf%C3%A9#top"


def test_the_html_report_links_only_http_urls(folder, corpus):
    report = folder / "report.html"
    result = cli("analyze", corpus, "--report", report, "--out", folder / "claims.jsonl", "-q")
    assert result.exit_code == 0, result.stderr
    page = Rendered(report.read_text(encoding="utf8"))
    hrefs = [a["href"] for t, a in page.tags if t == "a"]
    assert "https://example.org/news?id=1&x=%3C/script%3E" in hrefs
    assert all(h.startswith(("#doc-", "https://", "http://")) for h in hrefs), hrefs
    assert not [a for _, a in page.tags if "src" in a or any(k.startswith("on") for k in a)]
    for url in hostile.BAD_URLS:  # shown, as text
        assert url.strip() in page.text or url.replace("\t", "").replace("\n", "") in page.text.replace("\n", "")


# ---- 14: the terminal ------------------------------------------------------------------------------------
OSC = "\x1b]0;pwned\x07"  # sets the terminal's title
CSI = "\x1b[31m"  # red


@pytest.fixture(scope="module")
def evil_files(tmp_path_factory):
    folder = tmp_path_factory.mktemp(f"term{OSC}")
    source = folder / f"news{CSI}.jsonl"
    source.write_text(json.dumps({"id": f"id{OSC}{CSI}\u202e", "text": f"Exports rose 12% {CSI}last year, the "
                                  f"{OSC} ministry said.\x9b31m"}) + "\n"
                      + json.dumps({"id": f"bad{OSC}", "text": ""}) + "\n", encoding="utf8")
    return folder, source


def assert_no_escape(*outputs: str) -> None:
    for out in outputs:
        assert "\x1b" not in out and "\x07" not in out and "\x9b" not in out and "\u202e" not in out, repr(out)


def test_table_title_cells_error_lines_and_summary_are_escaped(evil_files):
    folder, source = evil_files
    result = cli("analyze", source)
    assert result.exit_code == 1  # one record without text
    assert_no_escape(result.stdout, result.stderr)
    assert "in id\\x1b]0;pwned\\x07\\x1b[31m\\u202e" in result.stdout  # the title names the document
    assert "12%" in result.stdout
    assert "geoclaims: error: " in result.stderr and "news\\x1b[31m.jsonl:2: no text" in result.stderr
    assert "1 document analysed" in result.stderr


def test_md_output_paths_and_setup_errors_are_escaped(evil_files):
    folder, source = evil_files
    result = cli("analyze", source, "-f", "md")
    assert_no_escape(result.stdout, result.stderr)
    out, report = folder / f"claims{CSI}.csv", folder / f"report{OSC}.html"
    result = cli("analyze", source, "--out", out, "--report", report)
    assert_no_escape(result.stdout, result.stderr)
    assert "claims\\x1b[31m.csv" in result.stderr and "report\\x1b]0;pwned\\x07.html" in result.stderr
    result = cli("analyze", folder / f"missing{OSC}.txt")  # `fail`: a usage error
    assert result.exit_code == 2 and "missing\\x1b]0;pwned\\x07.txt: file not found" in result.stderr
    assert_no_escape(result.stdout, result.stderr)
    result = cli("check", out, "--reference", ROOT / "data" / "examples" / "reference.csv")  # check's table
    assert result.exit_code in (0, 1) and "id\\x1b]0;pwned" in result.stdout
    assert_no_escape(result.stdout, result.stderr)


def test_rich_markup_in_a_cell_is_text():
    from analyzer.claims.table import to_frame
    from analyzer.claims.model import Claim
    from analyzer.report.export import render_table

    claim = Claim(doc_id="[/bold]d", claim_id="d:0-1", kind="statement", text="[link=javascript:x]a[/link] [/]",
                  start_char=0, end_char=1, sentence="s", speaker=f"[red]x{CSI}")
    shown = render_table(to_frame([claim]))
    assert "[link=javascript:x]a[/link] [/]" in shown and "[red]x\\x1b[31m" in shown
    assert_no_escape(shown)


def test_warning_of_a_skipped_record_is_escaped(nlp):
    from analyzer.batch import analyze_many
    from analyzer.io import Document

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        list(analyze_many([Document(id="x", text="", source=f"x{OSC}")], nlp=nlp))
    [warning] = [w for w in caught if "skipped" in str(w.message)]
    assert "x\\x1b]0;pwned\\x07" in str(warning.message)
    assert_no_escape(str(warning.message))


def test_safe_escapes_every_control_and_keeps_text():
    assert safe("a\x00b\x1b\x7f\x85\x9b\u200f\u202e\u2066\u2028c") == \
        "a\\x00b\\x1b\\x7f\\x85\\x9b\\u200f\\u202e\\u2066\\u2028c"
    assert safe("line\nnext\ttab", keep="\n") == "line\nnext\\x09tab"
    assert safe("Café, Москва, 東京 – “quoted” €4") == "Café, Москва, 東京 – “quoted” €4"


# ---- 20a: the index of a multi-document report sorts -----------------------------------------------------
def test_index_cells_carry_data_v(folder):
    report = folder / "report.html"  # written by test_the_html_report_links_only_http_urls, else here
    if not report.exists():
        test_the_html_report_links_only_http_urls(folder, hostile.corpus(folder))
    import re

    index = re.search(r'<table class="claims" id="index">.*?</table>', report.read_text(encoding="utf8"), re.S)
    cells = Rendered(index.group(0)).tags
    tds = [a for t, a in cells if t == "td"]
    assert tds and all("data-v" in a for a in tds)
    assert [a["data-v"] for a in tds[1::3]] == [str(int(v)) for v in (a["data-v"] for a in tds[1::3])]
