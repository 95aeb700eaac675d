"""Claims across sources (analyzer.verify.compare): grouping by entities, metric, unit, rate and period, and
flagging groups whose figures cannot all be true."""
from __future__ import annotations

import math

import pytest

from analyzer.claims.table import to_frame
from analyzer.verify import compare
from analyzer.verify.units import RateTable

from .test_check import INF, claim


def groups(*claims, **kw):
    return compare(to_frame(list(claims)), all_groups=True, **kw)


def test_thirty_against_fifteen_million_tons_is_drift():
    a = claim(30e6, unit="tonne", quantity_of="cargo", per="year", period=("", ""), doc_id="a", entities=["INSTC"])
    b = claim(15e6, unit="tonne", quantity_of="freight", per="year", period=("", ""), doc_id="b", entities=["INSTC"])
    g = groups(a, b)
    assert len(g) == 1
    row = g.iloc[0]
    assert row["status"] == "disagree" and row["documents"] == 2 and row["claims"] == 2
    assert row["explanation"] == "30m tonne (a) against 15m tonne (b): they cannot both be true"
    assert row["low"] == 15e6 and row["high"] == 30e6 and row["spread"] == pytest.approx(1.0)
    assert list(row["doc_ids"]) == ["a", "b"]
    assert compare(to_frame([a, b]))["status"].tolist() == ["disagree"]  # by default only disagreements


@pytest.mark.parametrize("first, second, status", [
    (dict(value=4e9, qualifier="more_than", low=4e9, high=INF), dict(value=4.3e9), "agree"),
    (dict(value=4e9, qualifier="more_than", low=4e9, high=INF), dict(value=3.6e9), "disagree"),
    (dict(value=30e6, qualifier="at_most", low=0, high=30e6), dict(value=15e6), "agree"),  # 'up to 30' allows 15
    (dict(value=4.3e9), dict(value=4.4e9), "agree"),  # within the tolerance
    (dict(value=4.0e9, qualifier="range", low=4e9, high=5e9, value_to=5e9), dict(value=5.5e9), "disagree"),
])
def test_intervals_decide(first, second, status):
    g = groups(claim(doc_id="a", **first), claim(doc_id="b", **second))
    assert g["status"].tolist() == [status]


def test_units_convert_and_other_things_do_not_group():
    kg = claim(30e9, unit="kilogram", quantity_of="cargo", doc_id="a")
    t = claim(30e6, unit="tonne", quantity_of="cargo", doc_id="b")
    assert groups(kg, t)["status"].tolist() == ["agree"]
    other_metric = claim(30e6, unit="tonne", quantity_of="tourist arrivals", doc_id="b")
    other_period = claim(30e6, unit="tonne", quantity_of="cargo", doc_id="b", period=("2022-01-01", "2022-12-31"))
    other_entities = claim(30e6, unit="tonne", quantity_of="cargo", doc_id="b", entities=["Iran"])
    other_unit = claim(30e6, unit="USD", quantity_of="cargo", doc_id="b")
    for b in (other_metric, other_period, other_entities, other_unit):
        assert groups(t.__class__(**{**t.__dict__, "doc_id": "a"}), b).empty


def test_one_document_alone_is_no_group():
    assert groups(claim(4e9, doc_id="a"), claim(3e9, doc_id="a")).empty


def test_currencies_need_rates():
    usd = claim(4.3e9, doc_id="a")
    eur = claim(4.0e9, unit="EUR", doc_id="b")
    assert groups(usd, eur).empty  # EUR and USD: no rate, nothing to compare
    g = groups(usd, eur, rates=RateTable({("EUR", 2023): 1.08}))
    assert g["status"].tolist() == ["agree"] and math.isclose(g.iloc[0]["low"], 4.3e9)
