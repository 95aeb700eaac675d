"""Claim identity across documents. Quantity claims about the same subject, the same metric (a synonym group
of `analyzer.verify.metrics`, else the normalised phrase), a unit of one dimension, the same rate and the same
period are one **claim cluster**: "Azerbaijan-Russia trade in 2023, in currency" is one, whichever article
says it and in whatever currency or wording. The cluster is a key computed when a claim is written, so the
database groups by it; whether a cluster's figures agree is `compare`'s logic (`analyzer.verify.compare`),
applied when it is read."""
from __future__ import annotations

import math
from typing import Any

from ..verify.check import CHANGES, about
from ..verify.metrics import Metrics, normalise
from ..verify.units import dimension

SEPARATOR = " | "


def metric_key(phrase: str, table: Metrics) -> str:
    """What a phrase measures, as clusters compare it: its synonym group ("trade turnover" and "bilateral trade"
    are both ``trade``), else the phrase normalised ("Russian enterprises" -> ``enterprise``); "" for none."""
    if not phrase or not phrase.strip():
        return ""
    return table.group(phrase) or normalise(phrase)


def cluster_key(row: Any, metric: str) -> str | None:
    """``subjects | metric | dimension[ per X] | period`` of a quantity claim row whose `metric_key` is ``metric``,
    or None for a row that cannot be compared with others: a statement, a change ("rose 12%"), no value, no
    metric, no subject."""
    if row.kind != "quantity" or row.qualifier in CHANGES or not row.quantity_of:
        return None
    if row.value is None or (isinstance(row.value, float) and math.isnan(row.value)):
        return None
    who = sorted({e.lower() for e in about(row)})
    if not who:
        return None
    if not metric:
        return None
    measure = dimension(row.unit) + (f" per {row.per}" if row.per else "")
    period = f"{row.period_start}/{row.period_end}" if row.period_start else "no period"
    return SEPARATOR.join(["; ".join(who), metric, measure, period])
