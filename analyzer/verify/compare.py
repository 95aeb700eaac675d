"""Claims across sources: figures from different documents about the same entities, metric, unit (after
conversion), rate and period, grouped; a group whose claims cannot all be true together (their intervals,
widened by the tolerance, do not meet) is flagged as **claim drift**: one article says 30 million tons,
another 15 million."""
from __future__ import annotations

import math
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pandas as pd

from ..errors import InputError
from .check import TOLERANCE, about, claim_words, describe, filled, interval, period_year, periods_match
from .metrics import THRESHOLD, metrics
from .units import Incompatible, RateTable, convert, dimension

GROUP_COLUMNS: dict[str, str] = {
    "group": "int64", "status": "string", "explanation": "string", "entities": "object", "metric": "string",
    "unit": "string", "per": "string", "period": "string", "documents": "int64", "claims": "int64",
    "low": "float64", "high": "float64", "spread": "float64", "claim_ids": "object", "doc_ids": "object",
}


def _same_period(a: Any, b: Any) -> bool:
    if not a.period_start and not b.period_start:
        return True
    return periods_match((a.period_start, a.period_end), (b.period_start, b.period_end))


def compare(claims: pd.DataFrame, *, tolerance: float = TOLERANCE, rates: RateTable | str | Path | None = None,
            metrics_files: Iterable[str | Path] = (), threshold: float = THRESHOLD,
            all_groups: bool = False) -> pd.DataFrame:
    """Groups of quantity claims from at least two documents about the same entities (the same set),
    a similar metric (`analyzer.verify.metrics`), a unit of one dimension (converted to the group's first
    unit; currencies through ``rates``), the same rate (``per``) and the same period (or none). One row a
    group: ``status`` is ``disagree`` when two claims' intervals (from their qualifiers, each widened by
    half the ``tolerance``, so that figures within the tolerance of each other agree) do not meet, else
    ``agree``; ``explanation`` says which figures, from which documents;
    ``low``/``high``: the smallest and largest figure; ``spread``: high / low - 1. Only groups that
    disagree unless ``all_groups``."""
    if not 0 <= tolerance < 1:
        raise InputError(f"tolerance: expected a share between 0 and 1 (0.05 is 5%), got {tolerance}")
    if isinstance(rates, (str, Path)):
        from .reference import read_rates

        rates = read_rates(rates)
    missing = {"kind", "doc_id", "claim_id", "quantity_of", "entities", "value", "unit", "per", "period_start",
               "period_end", "qualifier", "low", "high"} - set(claims.columns)
    if missing:
        raise InputError(f"claims: not a claim table, missing column(s) {', '.join(sorted(missing))}")
    table = metrics(metrics_files)
    rows = [r for r in filled(claims[claims["kind"] == "quantity"]).itertuples(index=False)
            if r.quantity_of and about(r) and not math.isnan(r.value) and r.qualifier not in ("increase", "decrease")]
    by_entities: dict[frozenset[str], list[Any]] = {}
    for r in rows:
        by_entities.setdefault(frozenset(e.lower() for e in about(r)), []).append(r)
    groups: list[list[Any]] = []
    for members in by_entities.values():
        open_groups: list[list[Any]] = []
        for r in members:
            for g in open_groups:
                first = g[0]
                if (table.score(first.quantity_of, r.quantity_of) >= threshold and r.per == first.per
                        and dimension(r.unit) == dimension(first.unit) and _same_period(first, r)):
                    g.append(r)
                    break
            else:
                open_groups.append([r])
        groups += [g for g in open_groups if len({r.doc_id for r in g}) > 1]
    out = []
    for k, g in enumerate(groups):
        row = group_row(k, g, tolerance, rates)
        if row is not None and (all_groups or row["status"] == "disagree"):
            out.append(row)
    return pd.DataFrame(out, columns=list(GROUP_COLUMNS)).astype(GROUP_COLUMNS)


def group_row(k: int, g: list[Any], tolerance: float, rates: RateTable | None) -> dict[str, Any] | None:
    """The `GROUP_COLUMNS` row of group ``k``, the claim rows ``g`` (about the same things, `compare`'s
    grouping or a claim cluster of the store): do their figures agree? None when fewer than two documents'
    figures can be put in one unit."""
    unit = g[0].unit
    spans = []
    for r in g:
        try:
            low, high = interval(r)
            year = period_year(r.period_start, r.period_end)
            spans.append((r, convert(r.value, r.unit, unit, rates=rates, year=year),
                          convert(low, r.unit, unit, rates=rates, year=year),
                          convert(high, r.unit, unit, rates=rates, year=year)))
        except Incompatible:
            continue  # a currency without a rate: left out of the group
    if len({r.doc_id for r, *_ in spans}) < 2:
        return None
    half = tolerance / 2  # each side gives half: two figures within the tolerance of each other agree
    widened = [(r, v, lo - half * abs(lo) if math.isfinite(lo) else lo,
                hi + half * abs(hi) if math.isfinite(hi) else hi) for r, v, lo, hi in spans]
    clash = next(((a, b) for i, a in enumerate(widened) for b in widened[i + 1:]
                  if a[0].doc_id != b[0].doc_id and (a[3] < b[2] or b[3] < a[2])), None)
    values = [v for _, v, _, _ in spans]
    low, high = min(values), max(values)
    spread = high / low - 1 if low > 0 else math.nan
    first = g[0]
    year = period_year(first.period_start, first.period_end)
    when = str(year) if year is not None else first.period
    if clash:
        (a, *_), (b, *_) = clash
        explanation = (f"{claim_words(a)} ({a.doc_id}) against {claim_words(b)} ({b.doc_id}): they cannot both "
                       "be true")
        status = "disagree"
    else:
        explanation = (f"{len(spans)} claims from {len({r.doc_id for r, *_ in spans})} documents agree "
                       f"({describe(low, unit)} to {describe(high, unit)})")
        status = "agree"
    return {"group": k, "status": status, "explanation": explanation, "entities": about(first),
            "metric": first.quantity_of, "unit": unit, "per": first.per, "period": when,
            "documents": len({r.doc_id for r, *_ in spans}), "claims": len(spans), "low": low, "high": high,
            "spread": spread, "claim_ids": [r.claim_id for r, *_ in spans],
            "doc_ids": list(dict.fromkeys(r.doc_id for r, *_ in spans))}
