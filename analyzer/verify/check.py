"""Checking quantity claims against reference figures: which reference row a claim is about (the same
entities, a similar metric, a compatible unit and rate, an overlapping period of about the same length),
and whether the claim's interval holds the reference value within a tolerance.

A claim's interval comes from its qualifier (the claim table's ``low``/``high``): "more than $4 billion"
is [4e9, inf), "up to 30 million" is [0, 3e7], an exact figure is itself. A bound the qualifier leaves
open ("nearly 1,300" says nothing of how far below) is set at the figure minus ``APPROXIMATE`` (10%).
The interval is widened by the tolerance (default 5%), and the verdict is:

- **consistent**: the reference value lies in the widened interval;
- **inconsistent**: it lies outside;
- **unverifiable**: no reference row is about the claim (or the claim gives no figure to compare: a
  change such as "rose 12%", no ``quantity_of``), with the reason.
"""
from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd

from ..errors import InputError
from .metrics import THRESHOLD, Metrics, metrics
from .reference import Reference, as_strings, read_rates, read_reference, reference_rows
from .units import Incompatible, RateTable, convert, is_currency

TOLERANCE = 0.05  # relative: how far outside its interval a claim may be and still be consistent
APPROXIMATE = 0.10  # the open side of an approximate claim ("nearly 1,300"): 10% below
SAME_LENGTH = 0.10  # periods compare when they overlap and their lengths differ by at most this share
QUALIFIER_WORDS = {"more_than": "more than", "at_least": "at least", "less_than": "less than", "at_most": "up to",
                   "approximately": "about", "exact": ""}
CHANGES = frozenset({"increase", "decrease"})
VERDICT_COLUMNS: dict[str, str] = {
    "verdict": "string", "explanation": "string", "relative_difference": "float64", "ref_metric": "string",
    "ref_value": "float64", "ref_unit": "string", "ref_period": "string", "ref_source": "string",
    "ref_source_url": "string", "ref_line": "string", "metric_score": "float64",
}


# ---- numbers in words ----------------------------------------------------------------------------------
def describe(value: float, unit: str) -> str:
    """'$4.3bn', '30m tonne', '12%', '1,300', 'EUR 2.1bn'."""
    if math.isinf(value):
        return "∞" if value > 0 else "-∞"
    if unit == "percent":
        return f"{value:g}%"
    size = abs(value)
    for limit, suffix in ((1e12, "tn"), (1e9, "bn"), (1e6, "m")):
        if size >= limit:
            number = f"{value / limit:.2f}".rstrip("0").rstrip(".") + suffix
            break
    else:
        number = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.4g}"
    if unit == "USD":
        return f"${number}"
    if is_currency(unit):
        return f"{unit} {number}"
    return f"{number} {unit}".strip()


def claim_words(row: Any) -> str:
    """What the claim says: 'more than $4bn', 'between 10 and 15m tonne'."""
    if row.qualifier == "range" and not math.isnan(row.value_to):
        return f"between {describe(row.value, '')} and {describe(row.value_to, row.unit)}"
    words = QUALIFIER_WORDS.get(row.qualifier, row.qualifier.replace("_", " "))
    return f"{words} {describe(row.value, row.unit)}".strip()


def period_words(period: str) -> str:
    """' in 2023', ' in March 2024', ' last year', '' -- to follow a figure."""
    if not period:
        return ""
    return f" in {period}" if period[0].isdigit() or period[0].isupper() else f" {period}"


# ---- intervals and periods -------------------------------------------------------------------------------
def interval(row: Any) -> tuple[float, float]:
    """The claim's [low, high], its open sides closed as the module docstring says."""
    low, high, value = row.low, row.high, row.value
    if math.isnan(low) and math.isnan(high):
        return value, value
    if math.isnan(low):
        low = high - APPROXIMATE * abs(high)
    if math.isnan(high):
        high = low + APPROXIMATE * abs(low)
    return low, high


def within(value: float, low: float, high: float, tolerance: float) -> bool:
    lo = low - tolerance * abs(low) if math.isfinite(low) else low
    hi = high + tolerance * abs(high) if math.isfinite(high) else high
    return lo <= value <= hi


def _days(start: str, end: str) -> int:
    return (date.fromisoformat(end) - date.fromisoformat(start)).days + 1


def periods_match(a: tuple[str, str], b: tuple[str, str]) -> bool:
    """Do two (start, end) periods overlap and last about as long (an annual figure is not a quarter's)?"""
    if not (a[0] and b[0]):
        return False
    if a[0] > b[1] or b[0] > a[1]:
        return False
    la, lb = _days(*a), _days(*b)
    return abs(la - lb) <= SAME_LENGTH * max(la, lb)


def period_year(start: str, end: str) -> int | None:
    """The year of a period within one year, else None."""
    return int(start[:4]) if start and start[:4] == end[:4] else None


def _per_matches(claim_per: str, claim_period: tuple[str, str], ref: Reference) -> bool:
    """'30 million tons a year' against a figure per year, or against a one-year total."""
    if claim_per == ref.per:
        return True
    one_year = {p: bool(s) and _days(s, e) in (365, 366) for p, (s, e) in
                (("claim", claim_period), ("ref", (ref.period_start, ref.period_end)))}
    return (claim_per == "year" and not ref.per and one_year["ref"]) or \
        (ref.per == "year" and not claim_per and one_year["claim"])


# ---- matching ----------------------------------------------------------------------------------------------
@dataclass
class Match:
    ref: Reference
    value: float  # the reference value in the claim's unit
    score: float  # metric similarity
    exact_period: bool
    note: str = ""


def _candidates(row: Any, refs: Sequence[Reference], table: Metrics, rates: RateTable | None,
                threshold: float) -> tuple[list[Match], str]:
    """The reference rows the claim can be compared with, and why there are none when there are none."""
    names = about(row)
    lowered = {e.lower() for e in names}
    same_entities = [r for r in refs if {e.lower() for e in r.entities} <= lowered]
    if not same_entities:
        return [], f"no reference figure about {', '.join(names) or 'these entities'}"
    scored = [(r, table.score(row.quantity_of, r.metric)) for r in same_entities]
    similar = [(r, s) for r, s in scored if s >= threshold]
    if not similar:
        return [], f"no reference figure for {row.quantity_of!r} about {', '.join(names)}"
    claim_period = (row.period_start, row.period_end)
    out, reasons = [], []
    for ref, score in similar:
        if not _per_matches(row.per, claim_period, ref):
            reasons.append(f"reference counts {('per ' + ref.per) if ref.per else 'a total'}, the claim "
                           f"{('per ' + row.per) if row.per else 'a total'}")
            continue
        ref_period = (ref.period_start, ref.period_end)
        exact = bool(row.period_start) and ref_period == claim_period
        if row.period_start and ref.period_start and not periods_match(claim_period, ref_period):
            reasons.append(f"no reference figure for {row.period or row.period_start[:4]}")
            continue
        note = ""
        if not row.period_start and ref.period_start:
            note = "the claim gives no period"
        year = period_year(*claim_period) or period_year(*ref_period)
        try:
            value = convert(ref.value, ref.unit, row.unit, rates=rates, year=year)
        except Incompatible as e:
            reasons.append(str(e))
            continue
        out.append(Match(ref, value, score, exact, note))
    return out, (reasons[0] if reasons else "")


def _best(matches: list[Match]) -> Match:
    """The same period first, then the closest metric, then the latest period."""
    return max(matches, key=lambda m: (m.exact_period, m.score, m.ref.period_end))


def _verdict(row: Any, refs: Sequence[Reference], table: Metrics, rates: RateTable | None, tolerance: float,
             threshold: float) -> dict[str, Any]:
    blank: dict[str, Any] = {"relative_difference": math.nan, "ref_metric": "", "ref_value": math.nan,
                             "ref_unit": "", "ref_period": "", "ref_source": "", "ref_source_url": "", "ref_line": "",
                             "metric_score": math.nan}
    if row.qualifier in CHANGES:
        return {**blank, "verdict": "unverifiable",
                "explanation": f"the claim states a change ({row.text}), not a level a reference gives"}
    if not row.quantity_of:
        return {**blank, "verdict": "unverifiable", "explanation": "the claim does not say what it counts"}
    if math.isnan(row.value):
        return {**blank, "verdict": "unverifiable", "explanation": "the claim has no value"}
    matches, reason = _candidates(row, refs, table, rates, threshold)
    if not matches:
        return {**blank, "verdict": "unverifiable", "explanation": reason}
    m = _best(matches)
    low, high = interval(row)
    ok = within(m.value, low, high, tolerance)
    ref = m.ref
    diff = (row.value - m.value) / abs(m.value) if m.value else math.nan
    when = period_words(row.period)
    ref_when = f"{ref.period}, " if ref.period else ""
    verdict = "consistent" if ok else "inconsistent"
    said = claim_words(row)
    explanation = (f"claim says {said}{when}; reference {describe(m.value, row.unit)} ({ref_when}{ref.source}): "
                   f"{verdict}")
    if not ok and math.isfinite(diff):
        explanation += f", {abs(diff):.0%} {'above' if diff > 0 else 'below'}"
    if m.note:
        explanation += f" ({m.note})"
    return {"verdict": verdict, "explanation": explanation, "relative_difference": diff, "ref_metric": ref.metric,
            "ref_value": m.value, "ref_unit": row.unit, "ref_period": ref.period, "ref_source": ref.source,
            "ref_source_url": ref.source_url, "ref_line": ref.line, "metric_score": m.score}


LIST_COLUMNS = ("entities", "subject")


def filled(claims: pd.DataFrame) -> pd.DataFrame:
    """Missing strings (a claim table read back from CSV) as "", missing lists as []."""
    text = [c for c in claims.columns if pd.api.types.is_string_dtype(claims[c]) and c not in LIST_COLUMNS]
    out = claims.fillna({c: "" for c in text})
    for column in LIST_COLUMNS:
        if column in out:
            out[column] = [list(v) if isinstance(v, (list, tuple)) or hasattr(v, "__array__") else []
                           for v in out[column]]
    return out


def about(row: Any) -> list[str]:
    """Whom a claim row is about: its ``subject`` (the entities the figure is about, FRAMES.md) when it has
    one, else its sentence's ``entities`` (a claim table written before the subject column existed, or a
    figure whose subject was not found)."""
    subject = list(getattr(row, "subject", None) or [])
    return subject if subject else list(row.entities)


def _references(reference: Any) -> list[Reference]:
    if isinstance(reference, (str, Path)):
        return read_reference(reference)
    if isinstance(reference, pd.DataFrame):
        return reference_rows(as_strings(reference, "reference"))
    refs = list(reference)
    if not all(isinstance(r, Reference) for r in refs):
        raise InputError("reference: expected a file path, a DataFrame or Reference rows")
    return refs


def check(claims: pd.DataFrame, reference: Any, *, rates: RateTable | str | Path | None = None,
          tolerance: float = TOLERANCE, metrics_files: Iterable[str | Path] = (),
          threshold: float = THRESHOLD) -> pd.DataFrame:
    """The quantity claims of ``claims`` (a claim table) with a verdict each against ``reference`` (a
    reference file's path, a DataFrame of its columns, or `Reference` rows): the claim table's columns
    plus ``verdict`` (consistent / inconsistent / unverifiable), ``explanation`` (one line),
    ``relative_difference`` ((claim value - reference) / reference), and the matched reference row
    (``ref_metric``, ``ref_value`` in the claim's unit, ``ref_unit``, ``ref_period``, ``ref_source``,
    ``ref_source_url``, ``ref_line`` as file:line) with its ``metric_score`` (0-100).

    ``rates``: a rate table (or its CSV path) for claims and references in different currencies;
    ``tolerance``: relative slack around the claim's interval (default 0.05); ``metrics_files``: more
    synonym groups (the format of ``analyzer/verify/data/metrics.json``); ``threshold``: the metric
    similarity (0-100) at which phrases outside the groups match."""
    if not 0 <= tolerance < 1:
        raise InputError(f"tolerance: expected a share between 0 and 1 (0.05 is 5%), got {tolerance}")
    missing = {"kind", "quantity_of", "entities", "value", "low", "high", "unit", "per", "period_start",
               "period_end", "qualifier"} - set(claims.columns)
    if missing:
        raise InputError(f"claims: not a claim table, missing column(s) {', '.join(sorted(missing))}")
    refs = _references(reference)
    if isinstance(rates, (str, Path)):
        rates = read_rates(rates)
    table = metrics(metrics_files)
    quantities = filled(claims[claims["kind"] == "quantity"].reset_index(drop=True))
    verdicts = [_verdict(row, refs, table, rates, tolerance, threshold)
                for row in quantities.itertuples(index=False)]
    extra = pd.DataFrame(verdicts, columns=list(VERDICT_COLUMNS)).astype(VERDICT_COLUMNS)
    return pd.concat([quantities, extra], axis=1)
