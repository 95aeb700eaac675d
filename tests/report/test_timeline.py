"""The claim store's HTML report (analyzer/report/timeline.py, issue 20), from a real store: short news texts
from different sources and dates about Russia-Azerbaijan trade in 2023 ($4 billion against $3.1 billion: a
cluster that disagrees) and one article whose id, title, URL and text are hostile (tests/report/hostile.py),
analysed by the real pipeline, written to a DuckDB store, checked against the example reference; the page
is built from `Store.clusters` and `Store.claims`."""
from __future__ import annotations

import math
import re

import pandas as pd
import pytest

import analyzer.store
from analyzer.batch import stream
from analyzer.report import timeline
from analyzer.report.page import SCRIPT
from analyzer.report.timeline import store_report, timeline_svg
from analyzer.verify import check

from . import hostile
from ..conftest import ROOT
from .test_escaping import Rendered

HOSTILE_ID = f"hostile {hostile.IFRAME}"
HOSTILE_TITLE = f"Title {hostile.SCRIPT} {hostile.BREAKOUT}"
HOSTILE_URL = f"javascript:alert(10)//{hostile.IMG}"
ODD_SPACES = "\u00a0\u2009\u202f\u3000\x0b\x0c"
RECORDS = [
    {"id": "tass-1", "url": "https://www.tass.example/economy/1", "published": "2024-01-10", "title": "Trade",
     "text": "Trade between Russia and Azerbaijan reached $4 billion in 2023, officials said."},
    {"id": "stat-2", "url": "https://news.example.org/az/2", "published": "2024-02-03", "title": "Statistics",
     "text": "Trade between Russia and Azerbaijan was $3.1 billion in 2023, the statistics committee said."},
    {"id": "wire-3", "url": hostile.GOOD_URL, "published": "2024-03-15", "title": "Wire",
     "text": "Trade between Russia and Azerbaijan reached $4 billion in 2023."},
    {"id": HOSTILE_ID, "url": HOSTILE_URL, "published": "2024-04-01", "title": HOSTILE_TITLE,
     "text": f"Trade between Russia and Azerbaijan reached $4 billion in 2023, {hostile.SCRIPT} said.\n\n"
             f"Azerbaijan exported 30 million tons of cargo to Russia in 2023{ODD_SPACES}{hostile.BREAKOUT}."},
]
PAYLOADS = (hostile.IFRAME, hostile.SCRIPT, hostile.BREAKOUT, hostile.IMG, hostile.GOOD_URL)


@pytest.fixture(scope="module")
def store(tmp_path_factory, nlp):
    with analyzer.store.open(tmp_path_factory.mktemp("timeline") / "s.duckdb") as store:
        with store.writer(analyzer.store.pipeline_version()) as w:
            for chunk in stream(RECORDS, nlp=nlp, batch_size=2):
                w.write(chunk.documents, chunk.frame)
        claims = store.claims(kind="quantity").drop(columns=["verdict", "verdict_explanation", "checked_at"])
        store.record_verdicts(check(claims, ROOT / "data" / "examples" / "reference.csv"),
                              reference_name="reference.csv", reference_sha256="0" * 64, tolerance=0.05)
        yield store


@pytest.fixture(scope="module")
def frames(store):
    return store.clusters(), store.claims()


@pytest.fixture(scope="module")
def page(frames):
    return store_report(*frames)


def section(page: str, k: int) -> str:
    return re.search(rf'<section class="cluster [a-z]+" id="cluster-{k}">.*?</section>', page, re.S).group(0)


def trade(clusters: pd.DataFrame) -> int:
    [k] = clusters.index[clusters["metric"] == "trade"]
    return int(k)


def test_the_store_holds_a_cluster_that_disagrees(frames):
    clusters, claims = frames
    row = clusters.loc[trade(clusters)]
    assert row["status"] == "disagree" and row["claims"] == 4 and row["documents"] == 4
    assert row["first_published"] == "2024-01-10" and row["first_source"] == "tass.example"
    assert row["inconsistent"] == 4  # the reference's $4.3bn is within the tolerance of neither figure
    assert "cargo" in set(clusters["metric"])


def test_summary_and_cluster_table(page, frames):
    clusters, claims = frames
    shown = Rendered(page).text
    disagree = int((clusters["status"] == "disagree").sum())
    contradicted = int((claims["verdict"] == "inconsistent").sum())
    assert f"{len(clusters)} ({disagree} disagree" in shown and disagree == 1
    assert f"{len(claims)} ({int(clusters['claims'].sum())} in these clusters; {contradicted} contradicted" in shown
    table = re.search(r'<table class="claims" id="clusters">.*?</table>', page, re.S).group(0)
    assert table.count("<tr>") == len(clusters) + 1
    for k in range(len(clusters)):
        assert f'href="#cluster-{k}"' in table and f'id="cluster-{k}"' in page
    assert '<td style="background:#ffcdd2" data-v="disagree">disagree</td>' in table
    assert 'id="clusters-filter"' in page  # the sorting script filters it


def test_each_cluster_has_a_section_with_one_point_per_claim(page, frames):
    clusters, claims = frames
    for k, row in clusters.iterrows():
        mine = claims[claims["cluster"] == row["cluster"]]
        html = section(page, k)
        assert html.count('<circle class="point"') == len(mine) == row["claims"]
        for verdict in ("consistent", "inconsistent", "unverifiable"):
            assert html.count(f'<g class="claim {verdict}">') == int((mine["verdict"] == verdict).sum())
        table = re.search(rf'<table class="claims" id="cluster-{k}-claims">.*?</table>', html, re.S).group(0)
        assert table.count("<tr>") == len(mine) + 1  # its claims table: a header and a row per claim
        assert row["explanation"].replace("'", "&#x27;") in html


def test_the_disagreeing_cluster_is_marked_and_drawn_in_time(page, frames):
    clusters, claims = frames
    k = trade(clusters)
    html = section(page, k)
    assert html.startswith(f'<section class="cluster disagree" id="cluster-{k}">')
    assert "Russia; Azerbaijan: trade, 2023" in html or "Azerbaijan; Russia: trade, 2023" in html
    assert '<span class="badge disagree">disagree</span>' in html and "cannot both be true" in html
    # x is the date: the points run left to right in publication order; y the figure: $3.1bn lowest
    points = [(float(x), float(y)) for x, y in re.findall(r'<circle class="point" cx="([\d.]+)" cy="([\d.]+)"', html)]
    assert [p[0] for p in points] == sorted(p[0] for p in points)
    assert max(points, key=lambda p: p[1]) == points[1]  # stat-2's $3.1bn: the lowest (largest SVG y)
    tips = re.findall(r"<title>(.*?)</title>", html, re.S)
    assert tips[0].startswith("tass.example · 2024-01-10\n$4 billion ($4bn)\nTrade between Russia")
    assert tips[1].startswith("news.example.org · 2024-02-03\n$3.1 billion ($3.1bn)")
    assert "2024-01-10" in html and "2024-03-15" in html and ">USD</text>" in html  # axes: dates, the unit


def test_hostile_text_is_escaped_and_links_are_http_only(page):
    parsed = Rendered(page)
    assert [t for t, _ in parsed.tags if t == "script"] == ["script"]  # ours only
    assert SCRIPT in page and page.count("<script") == 1
    assert not [t for t, _ in parsed.tags if t in ("img", "iframe", "object", "embed", "link", "base", "!--")]
    assert not [a for _, a in parsed.tags if "src" in a or any(k.startswith("on") for k in a)]
    hrefs = [a["href"] for t, a in parsed.tags if t == "a"]
    assert "https://example.org/news?id=1&x=%3C/script%3E" in hrefs
    assert all(h.startswith(("#cluster-", "https://")) for h in hrefs), hrefs
    for payload in PAYLOADS:  # never as markup; shown, as text
        assert payload not in page and payload in parsed.text, payload
    assert HOSTILE_URL in parsed.text and HOSTILE_ID in parsed.text and HOSTILE_TITLE in parsed.text
    assert "&lt;/script&gt;&lt;script&gt;window.pwned=2" in page


def test_the_page_is_self_contained(page):
    parsed = Rendered(page)
    assert "default-src 'none'" in page
    [style] = re.findall(r"<style>(.*?)</style>", page, re.S)
    assert not re.search(r"@import|url\(", style)
    loads = {"src", "srcset", "data", "poster", "background", "xlink:href", "action", "formaction"}
    assert not [(t, a) for t, a in parsed.tags if loads & set(a) or t in ("link", "img", "iframe", "object", "use")]
    assert [a for t, a in parsed.tags if t == "svg"] and all(
        a.get("xmlns") == "http://www.w3.org/2000/svg" for t, a in parsed.tags if t == "svg")


def test_sections_are_capped(monkeypatch, frames):
    clusters, claims = frames
    monkeypatch.setattr(timeline, "MAX_SECTIONS", 1)
    page = store_report(clusters, claims, title="capped <b>")
    assert page.count('<section class="cluster') == 1 and 'href="#cluster-1"' not in page
    assert f"{len(clusters) - 1} more cluster" in page and "<title>capped &lt;b&gt;</title>" in page


def test_an_empty_store_is_a_page(frames):
    clusters, claims = frames
    page = store_report(clusters.iloc[:0], claims.iloc[:0])
    assert "No claim clusters." in page and "<svg" not in page
    Rendered(page)


# ---- the chart's corner cases, on the trade cluster's real rows ------------------------------------------
def variant(rows: pd.DataFrame, name: str) -> pd.DataFrame:
    rows = rows.reset_index(drop=True).assign(date_claimed=rows["published"].to_numpy())
    if name == "one claim":
        return rows.iloc[:1]
    if name == "one date":
        return rows.assign(date_claimed="2024-05-05")
    if name == "identical":
        return rows.assign(value=7.0, low=7.0, high=7.0)
    if name == "open bounds":
        return rows.assign(low=[-math.inf, 3e9, math.nan, 0.0], high=[4.5e9, math.inf, math.nan, math.inf])
    if name == "log":
        return rows.assign(value=[2.0, 1e3, 1e7, 5e8], low=[1.0, 500.0, 1e7, math.nan], high=[3.0, 2e3, 1e8, math.nan])
    if name == "zero and negative":
        return rows.assign(value=[-5.0, 0.0, 1e3, 5e8], low=math.nan, high=math.nan)
    if name == "hundreds":
        many = pd.concat([rows] * 100, ignore_index=True)
        days = pd.date_range("2023-01-01", periods=len(many), freq="D").strftime("%Y-%m-%d")
        return many.assign(date_claimed=[d if k % 3 else "2023-06-01" for k, d in enumerate(days)],
                           value=[3e9 + k * 1e6 for k in range(len(many))])
    raise AssertionError(name)


@pytest.mark.parametrize("name", ["one claim", "one date", "identical", "open bounds", "log", "zero and negative",
                                  "hundreds"])
def test_timeline_corner_cases(frames, name):
    clusters, claims = frames
    rows = variant(claims[claims["cluster"] == clusters.loc[trade(clusters), "cluster"]], name)
    svg, not_drawn = timeline_svg(rows, "USD", label=name)
    parsed = Rendered(svg)
    assert not_drawn == 0 and svg.count('<circle class="point"') == len(rows)
    numbers = [v for _, a in parsed.tags for k, v in a.items() if k in ("x", "y", "x1", "x2", "y1", "y2", "cx", "cy")]
    assert numbers and all(math.isfinite(float(v)) for v in numbers), numbers  # no nan or inf coordinate
    assert all(-1 <= float(v) <= timeline.WIDTH + 1 for v in numbers)  # all within the frame
    axis = "log scale" if name == "log" else "linear: a figure is 0 or less" if name == "zero and negative" else None
    assert (axis is None and "scale" not in svg and "linear:" not in svg) or axis in svg
    if name == "open bounds":  # an open side runs to the frame's edge, dashed; a NaN interval is no bar
        assert svg.count('stroke-dasharray="3 2"') == 3 and svg.count('stroke-opacity=".55"') == 3


def test_claims_without_a_date_or_a_unit_are_listed_not_drawn(frames):
    clusters, claims = frames
    rows = claims[claims["cluster"] == clusters.loc[trade(clusters), "cluster"]].reset_index(drop=True)
    rows = rows.assign(date_claimed=["2024-01-01", "not a date", "2024-01-03", "2024-01-04"],
                       unit=["USD", "USD", "EUR", "USD"])  # EUR without a rate table: cannot be put in USD
    svg, not_drawn = timeline_svg(rows, "USD")
    assert not_drawn == 2 and svg.count('<circle class="point"') == 2
