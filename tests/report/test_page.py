"""The HTML and Markdown reports (analyzer/report/page.py) built from what a batch run keeps: documents'
text and entities (stream(..., keep_text=True)) and their claims."""
from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser

import pandas as pd

from analyzer.batch import stream
from analyzer.report.page import SCRIPT, report_html, report_markdown

HOSTILE = ('Officials said 2,000 troops left. <script>alert("x")</script> <img src=x onerror="alert(1)"> '
           "<!-- note --> Trade rose 12% to $4 billion last year.")


class Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.scripts: list[str] = []
        self._script = False
        self.comments: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._script = tag == "script"

    def handle_endtag(self, tag):
        self._script = False

    def handle_data(self, data):
        if self._script:
            self.scripts.append(data)

    def handle_comment(self, data):
        self.comments.append(data)


def analysed(nlp, records):
    chunks = list(stream(records, nlp=nlp, keep_text=True, batch_size=2))
    views = [v for c in chunks for v in c.views]
    return views, pd.concat([c.frame for c in chunks], ignore_index=True)


def test_report_of_a_corpus_is_self_contained_and_escaped(nlp, example_text):
    views, claims = analysed(nlp, [{"id": "baku", "text": example_text, "title": "Putin in Baku",
                                    "url": "https://example.org/baku", "published": "2024-08-20"},
                                   {"id": "hostile", "text": HOSTILE, "title": "<b>Bold</b> title"}])
    page = report_html(views, claims)
    parsed = Page()
    parsed.feed(page)
    assert parsed.scripts == [SCRIPT] and not parsed.comments  # our script only; the article's comment is text
    assert not [t for t, a in parsed.tags if t in ("img", "iframe", "link", "object")]
    assert not [a for _, a in parsed.tags if any(k.startswith("on") for k in a)]  # no event handlers
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page and "&lt;b&gt;Bold&lt;/b&gt; title" in page
    digest = base64.b64encode(hashlib.sha256(SCRIPT.encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in page and "default-src 'none'" in page
    # the index, and per document: title, source, date, the claims in a sortable table, highlights, charts
    assert "All 2 documents" in page and 'href="#doc-0"' in page
    assert "Putin in Baku" in page and "https://example.org/baku" in page and "2024-08-20" in page
    table = re.search(r'<table class="claims" id="claims-0">.*?</table>', page, re.S).group(0)
    for text in ("over 800,000", "$4 billion", "nearly 1,300", "up to 30 million tons"):
        assert f'data-v="{text}">{text}</td>' in table.replace("&#x27;", "'")
    assert page.count('class="gc-quantity"') == len(claims[claims["kind"] == "quantity"])
    assert "claims per entity" in page and "check-worthiness of claims" in page


def test_markdown_report(nlp, example_text):
    views, claims = analysed(nlp, [{"id": "baku", "text": example_text, "title": "Putin | Baku"}])
    md = report_markdown(views, claims)
    assert md.startswith("# geoclaims report\n") and "## Putin \\| Baku" in md
    assert "| up to 30 million tons |" in md and f"{len(claims)} claims (" in md


def test_cli_writes_html_and_markdown_reports(tmp_path):
    from tests.conftest import EXAMPLE
    from tests.test_cli import invoke

    hostile = tmp_path / "hostile.txt"
    hostile.write_text(HOSTILE, encoding="utf8")
    html_report, md_report = tmp_path / "report.html", tmp_path / "report.md"
    proc = invoke("analyze", str(EXAMPLE), str(hostile), "--published", "2024-08-20", "--out",
                  str(tmp_path / "claims.csv"), "--report", str(html_report))
    assert proc.returncode == 0, proc.stderr
    assert f"report written to {html_report}" in proc.stderr
    page = html_report.read_text(encoding="utf8")
    assert "All 2 documents" in page and "up to 30 million tons" in page and "<script>alert" not in page
    proc = invoke("analyze", str(EXAMPLE), "--report", str(md_report), "--quiet", "--format", "json")
    assert proc.returncode == 0 and "| nearly 1,300 |" in md_report.read_text(encoding="utf8")
    proc = invoke("analyze", str(EXAMPLE), "--report", str(tmp_path / "r.pdf"))
    assert proc.returncode == 2 and "--report" in proc.stderr and "Traceback" not in proc.stderr
