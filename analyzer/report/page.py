"""Reports a fact-checker opens and shares: one self-contained HTML file (inline CSS, JS and SVG; no
network) or Markdown for tickets. Per document: title, source, date, a summary, the text with its claims
and entities highlighted, a claim table that sorts and filters, and charts; for a corpus, an index with
the same summary over all documents. Every piece of article text is escaped."""
from __future__ import annotations

import base64
import hashlib
import html
import math
from collections import Counter
from collections.abc import Sequence

import pandas as pd

from ..core import DocumentView
from .escape import http_url, markdown_text
from .export import TOP_ROWS, format_number
from .html import STYLE, document_html

TABLE_COLUMNS = ["checkworthiness_rank", "text", "kind", "value", "unit", "qualifier", "quantity_of", "per", "period",
                 "speaker", "modality", "checkworthiness"]
PAGE_STYLE = """
body{font:15px/1.5 system-ui,sans-serif;margin:2em auto;max-width:70em;padding:0 1em;color:#222}
h1{font-size:1.6em}h2{margin-top:2.5em;border-top:2px solid #ddd;padding-top:1em}
.meta{color:#555}.summary td,.summary th{padding:.1em .8em .1em 0;text-align:left}
table.claims{border-collapse:collapse;width:100%;font-size:13px;margin-top:.5em}
table.claims th{cursor:pointer;background:#f3f3f3;position:sticky;top:0}
table.claims th,table.claims td{border:1px solid #ddd;padding:.2em .4em;vertical-align:top}
table.claims td.num{text-align:right}table.claims tr.top td{background:#fff4d6}.filter{margin-top:1em;width:20em}
.charts{display:flex;gap:2em;flex-wrap:wrap}.charts figure{margin:0}
"""
# sorts a table by the clicked column (numbers as numbers), filters rows by the text typed; only reorders
# and hides the rows already in the page (built escaped), never writes markup
SCRIPT = """
function cellValue(cell){var v=cell.getAttribute('data-v');return v===null?cell.textContent:v;}
document.querySelectorAll('table.claims').forEach(function(table){
  var body=table.tBodies[0];
  table.querySelectorAll('th').forEach(function(th,i){
    th.addEventListener('click',function(){
      var asc=th.getAttribute('data-order')!=='asc';
      table.querySelectorAll('th').forEach(function(h){h.removeAttribute('data-order');});
      th.setAttribute('data-order',asc?'asc':'desc');
      var rows=Array.prototype.slice.call(body.rows);
      rows.sort(function(a,b){
        var x=cellValue(a.cells[i]),y=cellValue(b.cells[i]);
        var nx=parseFloat(x),ny=parseFloat(y);
        var c=(!isNaN(nx)&&!isNaN(ny))?nx-ny:x.localeCompare(y);
        return asc?c:-c;});
      rows.forEach(function(r){body.appendChild(r);});
    });
  });
  var box=document.getElementById(table.id+'-filter');
  if(box){box.addEventListener('input',function(){
    var q=box.value.toLowerCase();
    Array.prototype.forEach.call(body.rows,function(r){
      r.style.display=r.textContent.toLowerCase().indexOf(q)>=0?'':'none';});
  });}
});
"""


def escape_html(value: object) -> str:
    """``value`` as HTML text or a quoted attribute value: ``&``, ``<``, ``>`` and both quotes escaped; None is ""."""
    return html.escape("" if value is None else str(value), quote=True)


_e = escape_html


def link(url: str) -> str:
    """``url`` as a link when it is an http(s) URL (`escape.http_url`: ``javascript:``, ``data:``,
    ``vbscript:``... in any case and with any spaces or controls around are not), else as text."""
    target = http_url(url)
    if target is None:
        return f'<span class="url">{_e(url)}</span>'
    return f'<a href="{_e(target)}" rel="noopener noreferrer">{_e(url)}</a>'


def cell_value(value: object) -> str:
    """A cell's value as text: "" for None and NaN."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value)


def worthiness(claims: pd.DataFrame) -> pd.Series:
    """The scores that say whether a row is check-worthy (>= 0.5): its sentence's (`sentence_checkworthiness`),
    in a table that has them; ``checkworthiness`` in a table written before the rows had their own scores."""
    column = "sentence_checkworthiness" if "sentence_checkworthiness" in claims.columns else "checkworthiness"
    return claims[column].dropna()


def sortable_table(table_id: str, columns: Sequence[str], rows: Sequence[str], what: str) -> str:
    """A table that sorts (click a header; a cell's ``data-v`` is what it sorts by) and filters (type in the box
    above it: "filter ``what``"): ``columns`` are its header's names (escaped here), ``rows`` its ``<tr>``
    elements, already escaped."""
    head = "".join(f"<th>{_e(c)}</th>" for c in columns)
    return (f'<input class="filter" id="{table_id}-filter" placeholder="filter {what}" aria-label="filter {what}">'
            f'<table class="claims" id="{table_id}"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody>'
            "</table>")


def claim_table(claims: pd.DataFrame, table_id: str) -> str:
    """The claims as an HTML table that sorts (click a header) and filters (type in the box)."""
    cols = [c for c in TABLE_COLUMNS if c in claims.columns]
    rows = []
    ranks = claims["checkworthiness_rank"] if "checkworthiness_rank" in claims.columns else None
    for k, rec in enumerate(claims[cols].itertuples(index=False)):
        top = ranks is not None and 0 < int(ranks.iloc[k]) <= TOP_ROWS
        cells = []
        for col, v in zip(cols, rec, strict=True):
            shown = format_number(v) if col in ("value", "checkworthiness") else cell_value(v)
            if col == "checkworthiness" and shown:
                shown = f"{v:.2f}"
            css = ' class="num"' if col in ("value", "checkworthiness", "checkworthiness_rank") else ""
            cells.append(f'<td{css} data-v="{_e(cell_value(v))}">{_e(shown)}</td>')
        rows.append(('<tr class="top" title="one of the rows to check first">' if top else "<tr>") + "".join(cells)
                    + "</tr>")
    return sortable_table(table_id, cols, rows, "claims")


def bar_chart(counts: Sequence[tuple[str, float]], title: str, width: int = 360) -> str:
    """A horizontal SVG bar chart of (label, value)."""
    if not counts:
        return ""
    top = max(v for _, v in counts) or 1
    bar_h, label_w = 18, 130
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{bar_h * len(counts) + 24}" '
             f'role="img" aria-label="{_e(title)}"><text x="0" y="12" font-size="12">{_e(title)}</text>']
    for k, (label, value) in enumerate(counts):
        y = 18 + k * bar_h
        w = max(1, (width - label_w - 40) * value / top)
        parts.append(f'<text x="{label_w - 4}" y="{y + 12}" font-size="11" text-anchor="end">{_e(label[:22])}</text>'
                     f'<rect x="{label_w}" y="{y + 2}" width="{w:.1f}" height="{bar_h - 5}" fill="#5c8fd6"/>'
                     f'<text x="{label_w + w + 4:.1f}" y="{y + 12}" font-size="11">'
                     f'{format_number(float(value))}</text>')
    return "<figure>" + "".join(parts) + "</svg></figure>"


def _summary(claims: pd.DataFrame, entities: pd.DataFrame | None) -> tuple[str, list, list]:
    kinds = Counter(claims["kind"]) if len(claims) else Counter()
    per_entity = Counter(e for es in claims["entities"] for e in es) if len(claims) else Counter()
    cw = worthiness(claims)
    bins = [(f"{lo / 10:.1f}-{(lo + 1) / 10:.1f}", int(((cw >= lo / 10) & (cw < (lo + 1) / 10 + (lo == 9))).sum()))
            for lo in range(10)]
    top = []
    if entities is not None and len(entities):
        linked = entities[entities["canonical"] != ""]
        top = Counter(linked["canonical"]).most_common(5)
    rows = [("claims", f"{len(claims)} ({', '.join(f'{n} {k}' for k, n in sorted(kinds.items())) or 'none'})"),
            ("check-worthy (>= 0.5)", str(int((cw >= 0.5).sum()))),
            ("top entities", ", ".join(f"{name} ({n})" for name, n in top) or "none")]
    table = ('<table class="summary">' + "".join(f"<tr><th>{_e(k)}</th><td>{_e(v)}</td></tr>" for k, v in rows)
             + "</table>")
    return table, per_entity.most_common(10), bins


def _periods(claims: pd.DataFrame) -> list[tuple[str, float]]:
    if not len(claims):
        return []
    dated = claims[claims["period_start"] != ""]
    counts = Counter(s[:4] for s in dated["period_start"])
    return sorted(counts.items()) if len(counts) > 1 else []


def report_html(views: Sequence[DocumentView], claims: pd.DataFrame, *, title: str = "geoclaims report") -> str:
    """One self-contained HTML page for ``views`` (documents) and their ``claims`` (a claim table)."""
    sections, index_rows = [], []
    for k, view in enumerate(views):
        mine = claims[claims["doc_id"] == view.doc_id]
        summary, per_entity, bins = _summary(mine, view.entities)
        anchor = f"doc-{k}"
        source = link(view.url) if view.url else _e(view.doc_id)
        meta = " · ".join(p for p in (source, _e(view.published) if view.published else "") if p)
        charts = bar_chart(per_entity, "claims per entity") + bar_chart(bins, "check-worthiness of claims") + \
            bar_chart(_periods(mine), "claims by year of their period")
        sections.append(
            f'<section id="{anchor}"><h2>{_e(view.title or view.doc_id)}</h2><p class="meta">{meta}</p>{summary}'
            f'<div class="charts">{charts}</div>'
            f"{document_html(view.text, mine, view.entities)}{claim_table(mine, f'claims-{k}')}</section>")
        name, worthy = view.title or view.doc_id, int((worthiness(mine) >= 0.5).sum())
        index_rows.append(f'<tr><td data-v="{_e(name)}"><a href="#{anchor}">{_e(name)}</a></td>'
                          f'<td class="num" data-v="{len(mine)}">{len(mine)}</td>'
                          f'<td class="num" data-v="{worthy}">{worthy}</td></tr>')
    index = ""
    if len(views) > 1:
        summary, per_entity, bins = _summary(claims, None)
        index = (f"<section><h2>All {len(views)} documents</h2>{summary}<div class=\"charts\">"
                 f"{bar_chart(per_entity, 'claims per entity')}{bar_chart(bins, 'check-worthiness of claims')}</div>"
                 '<table class="claims" id="index"><thead><tr><th>document</th><th>claims</th><th>check-worthy</th>'
                 f"</tr></thead><tbody>{''.join(index_rows)}</tbody></table></section>")
    if len(views) > 1:
        index += drift_section(claims)
    return html_page(title, index + "".join(sections))


def html_page(title: str, body: str, *, style: str = "") -> str:
    """A whole self-contained page: ``body`` (escaped markup) with the styles (and ``style``: more CSS, ours) and
    the sorting script."""
    # only our own script may run (its hash), nothing may load: a second guard behind the escaping
    digest = base64.b64encode(hashlib.sha256(SCRIPT.encode("utf8")).digest()).decode("ascii")
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{_e(title)}</title>'
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
            f"script-src 'sha256-{digest}'; img-src data:\">"
            f"<style>{PAGE_STYLE}{STYLE}{style}</style></head><body><h1>{_e(title)}</h1>{body}"
            f"<script>{SCRIPT}</script></body></html>")


DRIFT_COLUMNS = ["status", "explanation", "metric", "entities", "period", "documents", "claims", "spread"]


def groups_table(groups: pd.DataFrame, table_id: str = "drift") -> str:
    """The groups of `analyzer.verify.compare` as a sortable, filterable table; disagreements first."""
    rows = []
    for rec in groups.sort_values("status", ascending=False).itertuples(index=False):
        cells = []
        for col in DRIFT_COLUMNS:
            v = getattr(rec, col)
            shown = ", ".join(v) if col == "entities" else f"{v:.0%}" if col == "spread" and v == v else \
                cell_value(v)
            style = ' style="background:#ffcdd2"' if col == "status" and v == "disagree" else ""
            cells.append(f'<td{style} data-v="{_e(cell_value(v))}">{_e(shown)}</td>')
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return sortable_table(table_id, DRIFT_COLUMNS, rows, "groups")


def drift_section(claims: pd.DataFrame) -> str:
    """'Claims across sources': the groups of figures several documents give (`analyzer.verify.compare`),
    those that cannot all be true first; empty when no two documents give figures about one thing."""
    from ..verify import compare

    groups = compare(claims, all_groups=True) if len(claims) else None
    if groups is None or not len(groups):
        return ""
    disagree = int((groups["status"] == "disagree").sum())
    return (f"<section><h2>Claims across sources</h2><p>{len(groups)} figures are given by several documents; "
            f"{disagree} of them disagree (claim drift).</p>{groups_table(groups)}</section>")


def drift_page(groups: pd.DataFrame, *, title: str = "geoclaims compare") -> str:
    """A self-contained page of the groups `analyzer.verify.compare` found."""
    disagree = int((groups["status"] == "disagree").sum())
    body = (f"<p>{len(groups)} group{'s' if len(groups) != 1 else ''} of claims from several documents; "
            f"{disagree} disagree.</p>{groups_table(groups)}")
    return html_page(title, body)


def report_markdown(views: Sequence[DocumentView], claims: pd.DataFrame, *, title: str = "geoclaims report") -> str:
    """The report as Markdown, for pasting into tickets: per document a summary and its claims. Every piece of
    text (titles, ids, URLs, cells) is escaped (`escape.markdown_text`): no markup, link or image of an article
    survives rendering; URLs are text, not links."""
    from .export import to_markdown

    out = [f"# {markdown_text(title)}", ""]
    for view in views:
        mine = claims[claims["doc_id"] == view.doc_id]
        cw = worthiness(mine)
        out += [f"## {markdown_text(view.title or view.doc_id)}", ""]
        meta = [f"{label} {markdown_text(p)}" for label, p in (("Source:", view.url), ("published", view.published))
                if p]
        if meta:  # begins with a word of ours: a URL cannot start a list or a quote
            out += [" · ".join(meta), ""]
        kinds = Counter(mine["kind"])
        out += [f"{len(mine)} claims ({', '.join(f'{n} {k}' for k, n in sorted(kinds.items())) or 'none'}), "
                f"{int((cw >= 0.5).sum())} check-worthy.", ""]
        if len(mine):
            out += [to_markdown(mine), ""]
    return "\n".join(out).rstrip() + "\n"


class Summary:
    """What `analyzer.summarize` returns: in Jupyter, the report's summary of a claim table (claims by kind,
    check-worthy count, charts of claims per entity, check-worthiness and years) and its key columns; in a
    terminal, one line. ``claims`` is the table behind it."""

    def __init__(self, claims: pd.DataFrame, entities: pd.DataFrame | None = None, *, rows: int = 50) -> None:
        missing = {"kind", "entities", "checkworthiness", "period_start", "doc_id"} - set(claims.columns)
        if missing:
            from ..errors import InputError

            raise InputError(f"summarize: not a claim table, missing column(s) {', '.join(sorted(missing))}")
        self.claims, self.entities, self.rows = claims, entities, rows

    def _repr_html_(self) -> str:
        summary, per_entity, bins = _summary(self.claims, self.entities)
        docs = self.claims["doc_id"].nunique()
        shown = self.claims.head(self.rows)
        more = (f"<p class=\"meta\">first {self.rows} of {len(self.claims)} claims</p>"
                if len(self.claims) > self.rows else "")
        charts = (bar_chart(per_entity, "claims per entity") + bar_chart(bins, "check-worthiness of claims")
                  + bar_chart(_periods(self.claims), "claims by year of their period"))
        return (f'<div class="geoclaims-summary"><style>{PAGE_STYLE.replace("body{", ".geoclaims-summary{")}'
                f"</style><p>{docs} document{'s' if docs != 1 else ''}</p>{summary}"
                f'<div class="charts">{charts}</div>{claim_table(shown, "summary")}{more}</div>')

    def __repr__(self) -> str:
        kinds = Counter(self.claims["kind"])
        cw = worthiness(self.claims)
        docs = self.claims["doc_id"].nunique()
        return (f"<geoclaims.Summary: {len(self.claims)} claims "
                f"({', '.join(f'{n} {k}' for k, n in sorted(kinds.items())) or 'none'}) in "
                f"{docs} document{'s' if docs != 1 else ''}, {int((cw >= 0.5).sum())} check-worthy>")
