"""The highlighted document (analyzer.display, analyzer/report/html.py): the example article's four
figures are highlighted with their tooltips, entities by kind, and article text is always escaped."""
from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

import analyzer
from analyzer.report.html import Mark, highlight, resolve


class Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.marks: list[tuple[str, str]] = []
        self._in: str | None = None
        self._buf = ""

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag == "mark":
            self._in, self._buf = dict(attrs).get("class", ""), ""

    def handle_endtag(self, tag):
        if tag == "mark":
            self.marks.append((self._in, self._buf))
            self._in = None

    def handle_data(self, data):
        if self._in is not None:
            self._buf += data


def parse(fragment: str) -> Collect:
    p = Collect()
    p.feed(fragment)
    return p


def test_example_article_highlights_its_four_figures(nlp, example_text, expected):
    shown = analyzer.display(example_text, published="2024-08-20", nlp=nlp)
    page = shown._repr_html_()
    found = parse(page)
    quantities = [text for css, text in found.marks if css == "gc-quantity"]
    assert quantities == [q["text"] for q in expected["quantities"]]
    entity_marks = {text: css for css, text in found.marks if css not in ("gc-quantity", "gc-statement")}
    assert entity_marks["Azerbaijan"] == "gc-country" and "BRICS" in entity_marks and "Putin" in entity_marks
    # the tooltip of the $4 billion claim reads value, unit, qualifier, what, period, speaker
    tip = re.search(r'title="([^"]*)">\$4 billion<', page).group(1)
    assert "4,000,000,000 USD" in tip and "more_than" in tip and "trade turnover" in tip and "last year" in tip
    assert "<script" not in page and "http" not in page  # self-contained: no scripts, no links out
    assert repr(shown).startswith("<geoclaims.Display: ")


def test_doc_input_is_not_parsed_again(nlp):
    doc = nlp("Exports rose 5% to $10 billion, the ministry said.")
    assert len(analyzer.display(doc).claims) == 2
    with pytest.raises(analyzer.InputError, match="not made by the geoclaims pipeline"):
        analyzer.display(nlp.make_doc("x"))


@pytest.mark.parametrize("payload", ['<script>alert("x")</script>', '<img src=x onerror="alert(1)">',
                                     "<!-- hidden --> <b>bold</b>", '" onmouseover="alert(1)'])
def test_article_markup_is_text_not_html(nlp, payload):
    text = f"Russia exported 30 million tons of grain in 2023. {payload} Iran's trade grew 12%."
    page = analyzer.display(text, nlp=nlp)._repr_html_()
    found = parse(page)
    assert set(found.tags) <= {"div", "style", "span", "mark", "h3"}
    assert payload not in page and "&lt;" in page or "&quot;" in page
    assert [t for css, t in found.marks if css == "gc-quantity"][:1] == ["30 million tons"]


def test_overlapping_marks_keep_the_claim_and_cut_statements_around_it():
    text = "Trade with Iran rose to $4 billion."
    items = [Mark(0, len(text), "statement", "s"), Mark(24, 34, "quantity", "q"), Mark(11, 15, "country", "c"),
             Mark(22, 34, "country", "overlaps the claim")]
    chosen = resolve(items)
    assert [(m.start, m.end, m.css) for m in chosen] == [
        (0, 11, "statement"), (11, 15, "country"), (15, 24, "statement"), (24, 34, "quantity"),
        (34, 35, "statement")]
    page = highlight(text, chosen)
    assert [t for _, t in parse(page).marks] == ["Trade with ", "Iran", " rose to ", "$4 billion", "."]
