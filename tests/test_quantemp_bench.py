"""bench/quantemp.py: the counting rules on small hand-made tables, and the bench's core on ten QuanTemp claims
read from ../shared (skipped when it is absent), three of them checked by reading the claim."""
from __future__ import annotations

import importlib.util
import math
import sys

import pandas as pd
import pytest

import analyzer

from .conftest import ROOT, SHARED

DATA = SHARED / "datasets" / "quantemp_partial"


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("bench_quantemp", ROOT / "bench" / "quantemp.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    yield module
    sys.modules.pop(spec.name, None)


def frame(*rows: dict) -> pd.DataFrame:
    """A quantities() table with only the given rows (other columns at their empty values)."""
    empty = {"text": "", "value": math.nan, "value_to": math.nan, "unit": "", "qualifier": "exact",
             "quantity_of": "", "period": "", "period_start": "", "dimension": "count"}
    table = pd.DataFrame([{**empty, **row} for row in rows], columns=list(analyzer.COLUMNS))
    return table.astype({k: v for k, v in analyzer.COLUMNS.items() if k in empty or k.endswith("_char")})


def q(text: str, sentence: str, value: float, **more) -> dict:
    start = sentence.index(text)
    return {"text": text, "start_char": start, "end_char": start + len(text), "value": value, **more}


S_PCT = "Exports rose 5% in 2019."
S_TIMES = "Crime is 3 times higher than in 2010."
S_YEAR = "The bag held 2020 ballots."


@pytest.mark.parametrize("text, rows, outcome, kinds", [
    (S_PCT, [q("5%", S_PCT, 5, unit="percent", period_start="2019-01-01")], "a", set()),
    (S_PCT, [q("5%", S_PCT, 5, unit="percent")], "a", {"date not attached as period"}),
    ("Sixty percent of voters agree.", [], "c", {"spelled-out number missed", "percent missed"}),
    ("The flood came in June 2020.", [], "c", {"date only: no quantity but a time"}),
    ("Covid-19 is spreading on 9/11.", [], "c", {"date only: no quantity but a time"}),
    ("No such thing ever happened.", [], "d", set()),
    (S_TIMES, [q("3", S_TIMES, 3, quantity_of="times")], "b", {"multiplier not read as one",
                                                               "date not attached as period"}),
    (S_YEAR, [q("2020", S_YEAR, 2020, quantity_of="ballots")], "b", {"year taken as a quantity"}),
    ("Children aged 5-11 got it.", [], "c", {"number missed", "range not read as one"}),
    ("A third of the budget, $4 billion, went.", [q("$4 billion", "A third of the budget, $4 billion, went.", 4e9,
                                                    unit="USD", dimension="currency")], "a", {"fraction missed"}),
])
def test_outcome_and_failure_kinds(bench, text, rows, outcome, kinds):
    o = bench.classify(bench.Claim("test", 0, text), frame(*rows))
    assert (o.outcome, set(o.failures)) == (outcome, kinds)
    assert o.date_only == (kinds == {"date only: no quantity but a time"})


def test_counts_row_adds_up(bench):
    texts = {"a": S_PCT, "b": S_YEAR, "c": "The flood came in June 2020.", "d": "No such thing."}
    rows = {"a": [q("5%", S_PCT, 5, unit="percent", period_start="2019-01-01")],
            "b": [q("2020", S_YEAR, 2020, quantity_of="ballots")], "c": [], "d": []}
    outcomes = [bench.classify(bench.Claim("test", i, texts[k]), frame(*rows[k])) for i, k in enumerate("abcd")]
    # 4 claims, 1 without a number, 3 with; a, b, date-only c, no missed c; 2 of 3 parsed, 2 of 2 without dates;
    # of the two with a quantity: quantity_of 1, period_start 1, no qualifier
    assert bench.counts_row("x", outcomes) == ("| x | 4 | 1 | 3 | 1 (33.3%) | 1 (33.3%) | 1 (33.3%) | 0 (0.0%) | "
                                               "**66.7%** | 100.0% | 50.0% | 50.0% | 0.0% |")


@pytest.mark.skipif(not DATA.exists(), reason="../shared/datasets/quantemp_partial is not here")
def test_ten_quantemp_claims(bench, nlp):
    claims = bench.read_claims(SHARED, limit=5)
    assert [(c.source, c.position) for c in claims] == [("categorized", i) for i in range(5)] + [
        ("test", i) for i in (0, 10, 20, 30, 40)]
    assert all(c.label in bench.LABELS for c in claims[:5]) and not any(c.text.startswith('"') for c in claims)
    outcomes = {(o.claim.source, o.claim.position): o for o in bench.measure(claims, nlp)}
    assert len(outcomes) == 10 and all(o.outcome in "abcd" and o.seconds > 0 for o in outcomes.values())

    # read by hand: "US authorities found 39 missing children in a double-wide trailer in Georgia": a count of 39,
    # no unit, and what it counts is named
    o = outcomes["categorized", 0]
    assert (o.outcome, o.found[0][0], o.found[0][2], o.of_filled) == ("b", 39, "", True)
    # "Government-funded PCR tests for COVID-19 cost $100 apiece.": 100 US dollars ("COVID-19" is a name)
    o = outcomes["categorized", 1]
    assert o.outcome == "a" and [(v, u) for v, _, u in o.found] == [(100, "USD")] and not o.failures
    assert bench.judge(o, ("currency", 100, None, "USD")) == (True, True)
    assert bench.judge(o, ("currency", 100, None, "CAD")) == (True, False)
    # "This video shows crocodile in flooded street in south India in 2020": no figure, only a year
    o = outcomes["categorized", 3]
    assert (o.outcome, o.date_only, o.found) == ("c", True, [])

    section = bench.report(list(outcomes.values()), every=10)
    assert "| categorized subset (all) | 5 | 0 | 5 |" in section
    assert "| test_claimdecomp (every 10th) | 5 |" in section and "| **both** | 10 |" in section
