"""A document as HTML with its claims and entities highlighted: for Jupyter (`display`) and the reports.
Self-contained (inline CSS, no network) and safe: every piece of article text is escaped, so markup in an
article (``<script>``, ``<img onerror=...>``, comments) shows as text."""
from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any

import pandas as pd

from .export import format_number

# colour per kind of highlight (entity kinds from the gazetteer, claims by kind)
COLOURS = {
    "quantity": "#ffd54f", "statement": "#e1f5fe",
    "country": "#c8e6c9", "territory": "#c8e6c9", "city": "#dcedc8", "region": "#dcedc8",
    "person": "#f8bbd0", "organization": "#d1c4e9", "bloc": "#b3e5fc", "project": "#ffe0b2",
    "entity": "#eeeeee",
}
STYLE = """
.geoclaims-doc{font:15px/1.6 system-ui,sans-serif;max-width:60em;white-space:pre-wrap}
.geoclaims-doc mark{border-radius:3px;padding:0 2px}
.geoclaims-doc mark.gc-quantity{font-weight:600;border-bottom:2px solid #f57f17}
.geoclaims-doc mark.gc-statement{background:none;border-bottom:1px dotted #0277bd}
.geoclaims-legend span{display:inline-block;margin:0 .6em .3em 0;padding:0 .4em;border-radius:3px;font:12px system-ui}
"""


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    css: str  # a key of COLOURS
    title: str  # the tooltip


def claim_tooltip(row: Any) -> str:
    """'value 4,000,000,000 USD · more_than · of trade turnover · last year · author, asserted · cw 1.00'."""
    parts = []
    if row.kind == "quantity":
        value = format_number(row.value) + (f"–{format_number(row.value_to)}" if format_number(row.value_to) else "")
        parts.append(" ".join(p for p in (value, row.unit or "") if p))
        parts += [p for p in (row.qualifier, f"of {row.quantity_of}" if row.quantity_of else "",
                              f"per {row.per}" if row.per else "", row.period) if p]
    parts.append(f"{row.speaker}, {row.modality}")
    if format_number(row.checkworthiness):
        parts.append(f"check-worthiness {row.checkworthiness:.2f}")
    return " · ".join(parts)


def marks(claims: pd.DataFrame | None, entities: pd.DataFrame | None) -> list[Mark]:
    """Highlights from a claim table and an entity table (`analyzer.entities`), without overlaps: quantity
    claims first, then entities, then statements (a statement is a whole sentence: it is drawn only where
    nothing else is)."""
    items: list[Mark] = []
    if claims is not None:
        for row in claims.itertuples(index=False):
            items.append(Mark(int(row.start_char), int(row.end_char), str(row.kind), claim_tooltip(row)))
    if entities is not None:
        for row in entities.itertuples(index=False):
            kind = row.kind if row.kind in COLOURS else "entity"
            title = f"{row.canonical} ({row.kind})" if row.canonical else f"{row.text} ({row.label}, not linked)"
            items.append(Mark(int(row.start_char), int(row.end_char), kind, title))
    return resolve(items)


def resolve(items: list[Mark]) -> list[Mark]:
    """Non-overlapping marks in text order: quantity claims win, then entities (longest first), and
    statements fill the stretches of their sentence left free."""
    rank = {"quantity": 0, "statement": 2}
    chosen: list[Mark] = []
    for m in sorted(items, key=lambda m: (rank.get(m.css, 1), m.start, -(m.end - m.start))):
        if m.css == "statement":
            continue  # statements are split around the other marks below
        if all(m.end <= c.start or m.start >= c.end for c in chosen):
            chosen.append(m)
    for s in (m for m in items if m.css == "statement"):
        cuts = sorted((c.start, c.end) for c in chosen if c.start < s.end and c.end > s.start)
        pos = s.start
        for a, b in cuts + [(s.end, s.end)]:
            if a > pos:
                chosen.append(Mark(pos, min(a, s.end), "statement", s.title))
            pos = max(pos, b)
    return sorted(chosen, key=lambda m: m.start)


def highlight(text: str, items: list[Mark]) -> str:
    """``text`` as escaped HTML with ``items`` (non-overlapping) wrapped in <mark>."""
    out, pos = [], 0
    for m in items:
        if m.start < pos or m.end > len(text) or m.start >= m.end:
            continue
        out.append(html.escape(text[pos:m.start]))
        # statements (whole sentences) are underlined only, so the figures and names stand out
        colour = "transparent" if m.css == "statement" else COLOURS.get(m.css, "#eee")
        out.append(f'<mark class="gc-{html.escape(m.css)}" style="background:{colour}" '
                   f'title="{html.escape(m.title, quote=True)}">{html.escape(text[m.start:m.end])}</mark>')
        pos = m.end
    out.append(html.escape(text[pos:]))
    return "".join(out)


def legend() -> str:
    shown = ("quantity", "statement", "country", "city", "person", "organization", "bloc", "project", "entity")
    return '<div class="geoclaims-legend">' + "".join(
        f'<span style="background:{COLOURS[k]}">{k}</span>' for k in shown) + "</div>"


def document_html(text: str, claims: pd.DataFrame | None = None, entities: pd.DataFrame | None = None,
                  *, title: str | None = None) -> str:
    """A fragment: optional title, legend, and the highlighted text (with its CSS)."""
    head = f"<h3>{html.escape(title)}</h3>" if title else ""
    return (f"<div class=\"geoclaims\"><style>{STYLE}</style>{head}{legend()}"
            f"<div class=\"geoclaims-doc\">{highlight(text, marks(claims, entities))}</div></div>")


class Display:
    """What `analyzer.display` returns: rendered as highlighted HTML in Jupyter (and in exported notebooks),
    as the claim count in a terminal. ``claims`` and ``entities`` are the tables behind it."""

    def __init__(self, text: str, claims: pd.DataFrame, entities: pd.DataFrame, title: str | None = None) -> None:
        self.text, self.claims, self.entities, self.title = text, claims, entities, title

    def _repr_html_(self) -> str:
        return document_html(self.text, self.claims, self.entities, title=self.title)

    def __repr__(self) -> str:
        return (f"<geoclaims.Display: {len(self.claims)} claims, {len(self.entities)} entity mentions, "
                f"{len(self.text):,} characters>")
