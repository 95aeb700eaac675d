"""The claim store's HTML report (``geoclaims query STORE --report out.html``, issue 20): one self-contained page
(page.py's: inline CSS, SVG and the sorting script; nothing is loaded) about claim clusters (`Store.clusters`)
and their claims (`Store.claims`). At the top a summary and a table of the clusters that sorts and filters;
then a section per cluster: its facts, whether its figures agree, a timeline of its claims (the date a claim
was published, else stored, against its figure, with the interval it asserts as a bar, coloured by its
verdict) and the claims as a table. All text from articles and the store is escaped; only http(s) URLs link."""
from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd

from ..verify.check import describe, period_year
from ..verify.units import Incompatible, RateTable, convert
from .page import cell_value, escape_html, html_page, link, sortable_table

MAX_SECTIONS = 200  # clusters with a section (and a chart) of their own; the rest are in the table only
LOG_SPAN = 100.0  # figures whose largest is more than this times their smallest are drawn on a log scale
VERDICT_COLOURS = {"consistent": "#2e7d32", "inconsistent": "#c62828", "unverifiable": "#ef8f00",
                   "unchecked": "#78909c"}
CLUSTER_HEAD = ["subjects", "metric", "measure", "period", "claims", "documents", "sources", "status",
                "first_published", "first_source", "consistent", "inconsistent", "unverifiable", "unchecked"]
CLAIM_HEAD = ["date", "source", "title", "doc_id", "text", "value", "sentence", "speaker", "modality", "verdict",
              "verdict_explanation"]
STYLE = """
.badge{display:inline-block;padding:0 .6em;border-radius:.7em;font-size:.75em;vertical-align:middle;
background:#e0e0e0;margin-left:.5em}.badge.disagree{background:#ffcdd2;color:#8e0000}
.badge.agree{background:#c8e6c9;color:#1b5e20}section.cluster.disagree h2{border-top-color:#e57373}
svg.timeline{display:block;width:100%;max-width:60em;height:auto;font:11px system-ui,sans-serif;margin:1em 0}
.explanation{font-style:italic}.wide{overflow-x:auto}#clusters{font-size:12px}
"""
# the chart's frame, in SVG units
WIDTH, HEIGHT, LEFT, RIGHT, TOP, BOTTOM = 760, 300, 84, 16, 34, 46


def store_report(clusters: pd.DataFrame, claims: pd.DataFrame, *, title: str = "geoclaims claim store",
                 rates: RateTable | None = None) -> str:
    """One self-contained HTML page of ``clusters`` (`Store.clusters`, in their order) and ``claims``
    (`Store.claims`: a cluster's claims are those whose ``cluster`` is its key). The first `MAX_SECTIONS`
    clusters have a section with a timeline; figures in other units of the cluster's dimension are converted
    to its unit (currencies through ``rates``; a claim that cannot be is listed but not drawn)."""
    members: dict[str, pd.DataFrame] = {}
    if len(claims) and "cluster" in claims.columns:
        dated = claims.assign(date_claimed=[_when(r) for r in claims.itertuples(index=False)])
        members = {str(k): g.sort_values("date_claimed", kind="stable")
                   for k, g in dated.groupby("cluster", sort=False)}
    shown = clusters.head(MAX_SECTIONS)
    sections = [_section(k, row, members.get(str(row.cluster), pd.DataFrame()), rates)
                for k, row in enumerate(shown.itertuples(index=False))]
    left_out = len(clusters) - len(shown)
    note = (f"<p class=\"meta\">{left_out} more cluster{'s' if left_out != 1 else ''} are in the table above "
            f"without a section of their own (the first {MAX_SECTIONS} have one).</p>" if left_out > 0 else "")
    body = _summary(clusters, claims) + _cluster_table(clusters, len(shown)) + "".join(sections) + note
    return html_page(title, body, style=STYLE)


# ---- the top of the page ---------------------------------------------------------------------------------
def _summary(clusters: pd.DataFrame, claims: pd.DataFrame) -> str:
    def count(column: str) -> int:
        return int(claims[column].dropna().loc[lambda s: s != ""].nunique()) if column in claims.columns else 0

    disagree = int((clusters["status"] == "disagree").sum()) if len(clusters) else 0
    contradicted = int((claims["verdict"] == "inconsistent").sum()) if "verdict" in claims.columns else 0
    in_clusters = int(clusters["claims"].sum()) if len(clusters) else 0
    rows = [("clusters", f"{len(clusters)} ({disagree} disagree: their figures cannot all be true)"),
            ("claims", f"{len(claims)} ({in_clusters} in these clusters; {contradicted} contradicted by a "
                       "reference)"),
            ("documents", str(count("doc_id"))), ("sources", str(count("source")))]
    return ('<table class="summary">' + "".join(f"<tr><th>{escape_html(k)}</th><td>{escape_html(v)}</td></tr>"
                                                for k, v in rows) + "</table>")


def _cluster_table(clusters: pd.DataFrame, sections: int) -> str:
    if not len(clusters):
        return "<p>No claim clusters.</p>"
    rows = []
    for k, row in enumerate(clusters.itertuples(index=False)):
        cells = []
        for column in CLUSTER_HEAD:
            value = getattr(row, column)
            shown = "; ".join(map(str, value)) if column == "sources" else cell_value(value)
            markup = escape_html(_period(shown) if column == "period" else shown)
            if column == "subjects" and k < sections:
                markup = f'<a href="#cluster-{k}">{markup or "(none)"}</a>'
            style = ' style="background:#ffcdd2"' if column == "status" and value == "disagree" else ""
            css = ' class="num"' if column in ("claims", "documents", *VERDICT_COLOURS) else ""
            cells.append(f'<td{css}{style} data-v="{escape_html(shown)}">{markup}</td>')
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return f'<div class="wide">{sortable_table("clusters", CLUSTER_HEAD, rows, "clusters")}</div>'


# ---- a cluster's section ---------------------------------------------------------------------------------
def _section(k: int, row: Any, members: pd.DataFrame, rates: RateTable | None) -> str:
    status = str(row.status)
    unit = _text(row.unit)
    figures = "" if not (math.isfinite(row.low) and math.isfinite(row.high)) else describe(row.low, unit) \
        if row.low == row.high else f"{describe(row.low, unit)} to {describe(row.high, unit)}"
    verdicts = ", ".join(f"{getattr(row, v)} {v}" for v in VERDICT_COLOURS if getattr(row, v))
    first = " · ".join(p for p in (_text(row.first_published), _text(row.first_source) or _text(row.first_doc_id),
                                   _text(row.first_text)) if p)
    sources = "; ".join(map(str, row.sources))
    facts = [("status", status), ("measure", f"{_text(row.measure)}{f' ({unit})' if unit else ''}"),
             ("figures", figures), ("claims", f"{row.claims} in {row.documents} document"
                                              f"{'s' if row.documents != 1 else ''}"),
             ("sources", sources), ("first claimed", first), ("last claimed", _text(row.last_published)),
             ("verdicts", verdicts), ("cluster", _text(row.cluster))]
    table = ('<table class="summary">' + "".join(f"<tr><th>{escape_html(a)}</th><td>{escape_html(b)}</td></tr>"
                                                for a, b in facts if b) + "</table>")
    heading = f"{_text(row.subjects) or '(no subject)'}: {_text(row.metric)}, {_period(_text(row.period))}"
    chart, not_drawn = timeline_svg(members, unit, rates, label=heading) if len(members) else ("", 0)
    missing = (f'<p class="meta">{not_drawn} claim{"s" if not_drawn != 1 else ""} not drawn: no date, or a '
               f"figure that cannot be put in {escape_html(unit or 'a count')}.</p>" if not_drawn else "")
    return (f'<section class="cluster {escape_html(status)}" id="cluster-{k}"><h2>{escape_html(heading)}'
            f'<span class="badge {escape_html(status)}">{escape_html(status)}</span></h2>{table}'
            f'<p class="explanation">{escape_html(_text(row.explanation))}</p>{chart}{missing}'
            f"{_claims_table(members, unit, f'cluster-{k}-claims')}</section>")


def _claims_table(members: pd.DataFrame, unit: str, table_id: str) -> str:
    rows = []
    for r in members.itertuples(index=False):
        url, source = _text(getattr(r, "url", "")), _text(getattr(r, "source", ""))
        where = link(url) if url else escape_html(source)
        value = float(r.value) if isinstance(r.value, float) else math.nan
        cells = [(escape_html(r.date_claimed), r.date_claimed), (where, source or url)]
        texts = [_text(getattr(r, c, "")) for c in ("title", "doc_id", "text")]
        cells += [(escape_html(t), t) for t in texts]
        cells.append((escape_html(describe(value, _text(r.unit)) if math.isfinite(value) else ""),
                      cell_value(value)))
        cells += [(escape_html(_text(getattr(r, c, None)) or ("unchecked" if c == "verdict" else "")),
                   _text(getattr(r, c, None))) for c in CLAIM_HEAD[6:]]
        rows.append("<tr>" + "".join(f'<td data-v="{escape_html(v)}">{shown}</td>' for shown, v in cells) + "</tr>")
    return f'<div class="wide">{sortable_table(table_id, CLAIM_HEAD, rows, "claims")}</div>'


# ---- the timeline ----------------------------------------------------------------------------------------
@dataclass
class Point:
    """A claim on the chart: its day, figure and asserted interval in the cluster's unit (bounds may be
    infinite: open), its verdict and tooltip."""
    day: int  # date.toordinal()
    value: float
    low: float
    high: float
    verdict: str
    tip: str


@dataclass
class Scale:
    """Figures to the chart's y (SVG: down is up), linear or log10 over [lo, hi]."""
    lo: float
    hi: float
    log: bool
    note: str = ""  # what the axis says of the scale

    def y(self, value: float) -> float:
        v = math.log10(value) if self.log else value
        return TOP + (HEIGHT - TOP - BOTTOM) * (self.hi - v) / (self.hi - self.lo)

    def ticks(self) -> list[float]:
        if self.log:
            powers = list(range(math.ceil(self.lo), math.floor(self.hi) + 1))
            stride = max(1, math.ceil(len(powers) / 7))
            return [10.0 ** p for p in powers[::stride]]
        return _nice_ticks(self.lo, self.hi)


def timeline_svg(members: pd.DataFrame, unit: str, rates: RateTable | None = None, *,
                 label: str = "timeline") -> tuple[str, int]:
    """The timeline of a cluster's claims (claim rows with a ``date_claimed``) as inline SVG, and how many claims
    it could not draw (no date, no figure, or one that cannot be put in ``unit``)."""
    points = list(_points(members, unit, rates))
    not_drawn = len(members) - len(points)
    if not points:
        return "", not_drawn
    scale = _scale(points)
    first, last = min(p.day for p in points), max(p.day for p in points)
    if first == last:
        first, last = first - 1, last + 1
    pad = (last - first) * 0.04
    first_x, last_x = first - pad, last + pad

    def x(day: float) -> float:
        return LEFT + (WIDTH - LEFT - RIGHT) * (day - first_x) / (last_x - first_x)

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="timeline" width="{WIDTH}" height="{HEIGHT}" '
             f'viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{escape_html(label)}">',
             *_axes(scale, unit, first, last, x), *_legend()]
    by_day: dict[int, list[Point]] = defaultdict(list)
    for p in points:
        by_day[p.day].append(p)
    bottom, top = HEIGHT - BOTTOM, TOP
    for day, same in sorted(by_day.items()):
        gap = min(8.0, 48.0 / len(same))  # points of one day side by side, within +-24 units of it
        for i, p in enumerate(same):
            cx = x(day) + (i - (len(same) - 1) / 2) * gap
            colour = VERDICT_COLOURS[p.verdict]
            bar = ""
            if p.low != p.high and not (math.isnan(p.low) or math.isnan(p.high)):
                y_low = bottom if p.low == -math.inf else scale.y(max(p.low, 10 ** scale.lo) if scale.log else p.low)
                y_high = top if p.high == math.inf else scale.y(p.high)
                dash = ' stroke-dasharray="3 2"' if math.isinf(p.low) or math.isinf(p.high) else ""
                bar = (f'<line x1="{cx:.1f}" x2="{cx:.1f}" y1="{y_low:.1f}" y2="{y_high:.1f}" stroke="{colour}" '
                       f'stroke-width="2" stroke-opacity=".55"{dash}/>')
            parts.append(f'<g class="claim {p.verdict}"><title>{escape_html(p.tip)}</title>{bar}'
                         f'<circle class="point" cx="{cx:.1f}" cy="{scale.y(p.value):.1f}" r="4" fill="{colour}" '
                         'fill-opacity=".85" stroke="#fff" stroke-width="1"/></g>')
    parts.append("</svg>")
    return "".join(parts), not_drawn


def _points(members: pd.DataFrame, unit: str, rates: RateTable | None) -> Iterable[Point]:
    for r in members.itertuples(index=False):
        try:
            day = date.fromisoformat(r.date_claimed).toordinal()
        except ValueError:
            continue
        year = period_year(_text(r.period_start), _text(r.period_end))
        try:
            value, low, high = (v if not math.isfinite(v) else convert(v, _text(r.unit), unit, rates=rates, year=year)
                                for v in (float(r.value), float(r.low), float(r.high)))
        except (Incompatible, TypeError, ValueError):
            continue
        if not math.isfinite(value):
            continue
        verdict = _text(r.verdict)
        verdict = verdict if verdict in VERDICT_COLOURS else "unchecked"
        who = _text(getattr(r, "source", "")) or _text(r.doc_id)
        sentence = " ".join(_text(r.sentence).split())
        tip = (f"{who} · {r.date_claimed}\n{_text(r.text)} ({describe(value, unit)})\n"
               f"{sentence[:300]}{'…' if len(sentence) > 300 else ''}\n{verdict}")
        yield Point(day, value, low if not math.isnan(low) else value, high if not math.isnan(high) else value,
                    verdict, tip)


def _scale(points: Sequence[Point]) -> Scale:
    figures = [v for p in points for v in (p.value, p.low, p.high) if math.isfinite(v)]
    lo, hi = min(figures), max(figures)
    if lo > 0 and hi / lo > LOG_SPAN:
        a, b = math.log10(lo), math.log10(hi)
        return Scale(a - (b - a) * 0.05, b + (b - a) * 0.05, True, "log scale")
    positive = [v for v in figures if v > 0]
    note = "linear: a figure is 0 or less" if positive and max(positive) / min(positive) > LOG_SPAN else ""
    pad = (hi - lo) * 0.08 if hi > lo else (abs(lo) * 0.1 or 1.0)
    return Scale(lo - pad, hi + pad, False, note)


def _nice_ticks(lo: float, hi: float, n: int = 5) -> list[float]:
    """Round figures between ``lo`` and ``hi``, about ``n`` of them."""
    raw = (hi - lo) / n
    magnitude = 10.0 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    start = math.ceil(lo / step)
    return [k * step for k in range(start, math.floor(hi / step) + 1)]


def _axes(scale: Scale, unit: str, first: int, last: int, x: Any) -> list[str]:
    bottom = HEIGHT - BOTTOM
    parts = [f'<line x1="{LEFT}" x2="{LEFT}" y1="{TOP}" y2="{bottom}" stroke="#999"/>'
             f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{bottom}" y2="{bottom}" stroke="#999"/>']
    for tick in scale.ticks():
        y = scale.y(tick)
        parts.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" stroke="#eee"/>'
                     f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">{escape_html(describe(tick, unit))}'
                     "</text>")
    days = last - first
    count = min(6, days + 1)
    seen = set()
    for k in range(count):
        day = round(first + days * k / max(1, count - 1))
        if day in seen:
            continue
        seen.add(day)
        parts.append(f'<line x1="{x(day):.1f}" x2="{x(day):.1f}" y1="{bottom}" y2="{bottom + 4}" stroke="#999"/>'
                     f'<text x="{x(day):.1f}" y="{bottom + 16}" text-anchor="middle">'
                     f"{date.fromordinal(day).isoformat()}</text>")
    axis = f"{unit or 'count'}{f', {scale.note}' if scale.note else ''}"
    parts.append(f'<text x="14" y="{(TOP + bottom) / 2:.0f}" text-anchor="middle" '
                 f'transform="rotate(-90 14 {(TOP + bottom) / 2:.0f})">{escape_html(axis)}</text>'
                 f'<text x="{(LEFT + WIDTH - RIGHT) / 2:.0f}" y="{HEIGHT - 6}" text-anchor="middle">date claimed '
                 "(published, else stored)</text>")
    return parts


def _legend() -> list[str]:
    parts, at = [], LEFT
    for verdict, colour in VERDICT_COLOURS.items():
        parts.append(f'<circle cx="{at + 5}" cy="14" r="5" fill="{colour}"/>'
                     f'<text x="{at + 14}" y="18">{verdict}</text>')
        at += 24 + 7 * len(verdict)
    return parts


# ---- text helpers ----------------------------------------------------------------------------------------
def _text(value: object) -> str:
    """A string cell as text: "" for None, NA and NaN."""
    return value if isinstance(value, str) else ""


def _when(row: Any) -> str:
    """A claim's date: its document's ``published``, else the day it was stored."""
    return _text(getattr(row, "published", None)) or _text(getattr(row, "stored_at", None))[:10]


def _period(period: str) -> str:
    """``2023-01-01/2023-12-31`` as ``2023``; other periods as they are."""
    start, _, end = period.partition("/")
    if len(start) == len(end) == 10 and start[:4] == end[:4] and start[4:] == "-01-01" and end[4:] == "-12-31":
        return start[:4]
    return period
