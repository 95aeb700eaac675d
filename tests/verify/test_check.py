"""Checking claims against reference figures (analyzer/verify): table-driven cases for the verdict of every
qualifier against values inside, on and outside its interval, unit conversion, periods, rates and metrics
that must not match."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

import analyzer
from analyzer.claims.table import to_frame
from analyzer.verify import check, parse_period, read_reference
from analyzer.verify.metrics import metrics
from analyzer.verify.units import Incompatible, RateTable, convert, parse_unit

INF = math.inf
NAN = math.nan


def claim(value, qualifier="exact", low=None, high=None, *, unit="USD", quantity_of="bilateral trade",
          entities=("Russia", "Azerbaijan"), period=("2023-01-01", "2023-12-31"), per="", value_to=NAN,
          doc_id="d", text=None):
    low = value if low is None and qualifier == "exact" else low
    high = value if high is None and qualifier == "exact" else high
    return analyzer.Claim(
        doc_id=doc_id, claim_id=f"{doc_id}:{value}", kind="quantity", text=text or str(value), start_char=0,
        end_char=1, sentence="s", value=value, value_to=value_to, qualifier=qualifier,
        low=NAN if low is None else low, high=NAN if high is None else high, unit=unit, quantity_of=quantity_of,
        per=per, period=period[0][:4] if period[0] else "", period_start=period[0], period_end=period[1],
        entities=list(entities))


def reference(*rows):
    base = {"entities": "Russia; Azerbaijan", "metric": "trade turnover", "value": "4.3", "unit": "billion USD",
            "period": "2023", "source": "Stats office"}
    return pd.DataFrame([{**base, **r} for r in rows] or [base])


def verdict(c, ref=None, **kw):
    out = check(to_frame([c]), reference() if ref is None else ref, **kw)
    assert len(out) == 1
    return out.iloc[0]


B = 1e9
# (qualifier, value, low, high, reference value in billions, verdict) at the default tolerance of 5%
CASES = [
    ("exact", 4.3 * B, None, None, 4.3, "consistent"),  # on the value
    ("exact", 4.1 * B, None, None, 4.3, "consistent"),  # 4.9% off: inside the tolerance
    ("exact", 4.0 * B, None, None, 4.3, "inconsistent"),  # 7% off
    ("exact", 4.6 * B, None, None, 4.3, "inconsistent"),
    ("more_than", 4 * B, 4 * B, INF, 4.3, "consistent"),  # inside
    ("more_than", 4 * B, 4 * B, INF, 4.0, "consistent"),  # on the bound
    ("more_than", 4 * B, 4 * B, INF, 3.85, "consistent"),  # below by less than the tolerance
    ("more_than", 4 * B, 4 * B, INF, 3.7, "inconsistent"),  # outside
    ("at_least", 5 * B, 5 * B, INF, 4.3, "inconsistent"),
    ("less_than", 4 * B, 0, 4 * B, 3.0, "consistent"),
    ("less_than", 4 * B, 0, 4 * B, 4.0, "consistent"),
    ("less_than", 4 * B, 0, 4 * B, 4.3, "inconsistent"),
    ("at_most", 5 * B, 0, 5 * B, 4.3, "consistent"),
    ("at_most", 4 * B, 0, 4 * B, 4.3, "inconsistent"),
    ("approximately", 4.3 * B, NAN, NAN, 4.3, "consistent"),
    ("approximately", 4.5 * B, NAN, NAN, 4.3, "consistent"),  # 4.5 vs 4.3: 4.4% below the figure
    ("approximately", 5.0 * B, NAN, NAN, 4.3, "inconsistent"),
    ("approximately", 4.4 * B, NAN, 4.4 * B, 4.0, "consistent"),  # "nearly 4.4": open 10% below, and 5% more
    ("approximately", 4.4 * B, NAN, 4.4 * B, 3.7, "inconsistent"),
    ("approximately", 4.4 * B, NAN, 4.4 * B, 4.5, "consistent"),  # just above "nearly": within the tolerance
    ("range", 4 * B, 4 * B, 5 * B, 4.3, "consistent"),
    ("range", 4 * B, 4 * B, 5 * B, 5.0, "consistent"),
    ("range", 4 * B, 4 * B, 5 * B, 5.5, "inconsistent"),
    ("range", 4 * B, 4 * B, 5 * B, 3.5, "inconsistent"),
]


@pytest.mark.parametrize("qualifier, value, low, high, ref_bn, expected", CASES)
def test_verdict_of_each_qualifier(qualifier, value, low, high, ref_bn, expected):
    got = verdict(claim(value, qualifier, low, high, value_to=5 * B if qualifier == "range" else NAN),
                  reference({"value": str(ref_bn)}))
    assert got["verdict"] == expected, got["explanation"]
    assert got["ref_value"] == pytest.approx(ref_bn * B)
    assert got["relative_difference"] == pytest.approx((value - ref_bn * B) / (ref_bn * B))
    assert got["explanation"].endswith(expected) or f"{expected}, " in got["explanation"]


def test_tolerance_is_configurable():
    c = claim(4.0 * B)
    assert verdict(c)["verdict"] == "inconsistent"
    assert verdict(c, tolerance=0.1)["verdict"] == "consistent"
    with pytest.raises(analyzer.InputError, match="tolerance"):
        verdict(c, tolerance=1.5)


def test_explanation_reads_as_a_sentence():
    got = verdict(claim(4 * B, "more_than", 4 * B, INF))
    assert got["explanation"] == ("claim says more than $4bn in 2023; reference $4.3bn (2023, Stats office): "
                                  "consistent")
    got = verdict(claim(3.6 * B))
    assert got["explanation"].endswith("inconsistent, 16% below")


@pytest.mark.parametrize("claim_unit, value, ref_unit, ref_value, expected", [
    ("tonne", 30e6, "million tonnes", "30", "consistent"),
    ("tonne", 30e6, "million tons", "30", "consistent"),  # 'tons' read as the metric tonne, as the extractor does
    ("tonne", 27.2e6, "million short tons", "30", "consistent"),  # 30m short tons = 27.2m tonnes
    ("tonne", 30e6, "million short tons", "30", "inconsistent"),  # 10% apart
    ("short ton", 30e6, "million tonnes", "27.2155", "consistent"),
    ("kilogram", 30e9, "million tonnes", "30", "consistent"),
    ("USD", 4.3e9, "USD bn", "4.3", "consistent"),
    ("USD", 4.3e6, "thousand USD", "4300", "consistent"),
    ("percent", 12.0, "%", "12", "consistent"),
    ("", 1300.0, "", "1300", "consistent"),  # counts
    # every unit converts through its one definition (analyzer.quantities.units, with pint)
    ("kilometre per hour", 100.0, "mph", "62.1", "consistent"),
    ("mile per hour", 62.1, "kilometres per hour", "100", "consistent"),
    ("degree Fahrenheit", 104.0, "degrees Celsius", "40", "consistent"),  # an offset, not a factor
    ("degree Celsius", 40.0, "degrees Fahrenheit", "120", "inconsistent"),
    ("gigabyte", 2.0, "megabytes", "2000", "consistent"),
    ("kilopascal", 100.0, "psi", "14.5", "consistent"),
    ("basis point", 50.0, "percentage points", "0.5", "consistent"),
    ("barrel", 1e6, "million litres", "159", "consistent"),  # an oil barrel, 42 US gallons
])
def test_units_convert_within_a_dimension(claim_unit, value, ref_unit, ref_value, expected):
    got = verdict(claim(value, unit=claim_unit, quantity_of="cargo"),
                  reference({"metric": "cargo", "unit": ref_unit, "value": ref_value}))
    assert got["verdict"] == expected, got["explanation"]


@pytest.mark.parametrize("claim_unit, ref_unit, reason", [
    ("tonne", "USD", "measure different things"),
    ("", "million tonnes", "measure different things"),
    ("percent", "percentage point", "measure different things"),
    ("gigabyte", "percent", "measure different things"),  # both dimensionless to pint, not alike
    ("megabit per second", "megahertz", "measure different things"),  # both 1/time to pint
    ("point", "assist", "measure different things"),  # a score's points convert to nothing
    ("EUR", "USD", "no rate table was given"),
])
def test_incompatible_units_are_unverifiable(claim_unit, ref_unit, reason):
    got = verdict(claim(4.0, unit=claim_unit, quantity_of="cargo"),
                  reference({"metric": "cargo", "unit": ref_unit, "value": "4"}))
    assert got["verdict"] == "unverifiable" and reason in got["explanation"]


def test_currencies_convert_only_with_a_dated_rate():
    rates = RateTable({("EUR", 2023): 1.08, ("EUR", 2022): 1.05})
    eur = claim(4.0 * B, unit="EUR")  # 4.0bn EUR in 2023 = 4.32bn USD
    assert verdict(eur, rates=rates)["verdict"] == "consistent"
    assert verdict(eur, rates=RateTable({("EUR", 2022): 1.05}))["explanation"].startswith("no EUR rate for 2023")
    assert convert(1.0, "EUR", "USD", rates=rates, year=2022) == pytest.approx(1.05)
    with pytest.raises(Incompatible, match="no rate table"):
        convert(1.0, "EUR", "USD", year=2023)


@pytest.mark.parametrize("claim_period, ref_period, expected", [
    (("2023-01-01", "2023-12-31"), "2023", "consistent"),  # the same year
    (("2023-01-01", "2023-12-31"), "2023-01-01/2023-12-31", "consistent"),
    (("2023-04-01", "2024-03-31"), "2023", "consistent"),  # a fiscal year overlapping most of the calendar year
    (("2023-01-01", "2023-12-31"), "2023-Q2", "unverifiable"),  # a quarter is not the year
    (("2023-01-01", "2023-12-31"), "2022", "unverifiable"),  # no overlap
    (("2023-06-01", "2023-06-30"), "2023-06", "consistent"),
    (("", ""), "2023", "consistent"),  # the claim gives no period: compared, and the explanation says so
    (("2023-01-01", "2023-12-31"), "", "consistent"),  # a reference not tied to a time
])
def test_periods_must_overlap_and_last_as_long(claim_period, ref_period, expected):
    got = verdict(claim(4.3 * B, period=claim_period), reference({"period": ref_period}))
    assert got["verdict"] == expected, got["explanation"]
    if not claim_period[0] and ref_period:
        assert "(the claim gives no period)" in got["explanation"]


def test_the_reference_of_the_same_period_wins():
    ref = reference({"period": "2022", "value": "3.0"}, {"period": "2023", "value": "4.3"},
                    {"period": "2024", "value": "9"})
    assert verdict(claim(4.3 * B), ref)["ref_period"] == "2023"
    assert verdict(claim(4.3 * B, period=("", "")), ref)["ref_period"] == "2024"  # no period: the latest


@pytest.mark.parametrize("claim_metric, ref_metric, matches", [
    ("trade turnover", "bilateral trade", True),
    ("annual trade turnover", "trade", True),
    ("Russian enterprises", "companies", True),
    ("cargo", "freight", True),
    ("trade turnover", "tourist arrivals", False),  # near misses that must not match
    ("trade turnover", "exports", False),
    ("trade deficit", "trade turnover", False),
    ("oil exports", "gas exports", False),
    ("students", "tourists", False),
    ("troops", "refugees", False),
])
def test_metrics_match_by_synonym_group_or_similarity(claim_metric, ref_metric, matches):
    assert metrics().same(claim_metric, ref_metric) is matches
    got = verdict(claim(4.3 * B, quantity_of=claim_metric), reference({"metric": ref_metric}))
    assert (got["verdict"] == "consistent") is matches
    if not matches:
        assert got["verdict"] == "unverifiable" and "no reference figure for" in got["explanation"]


def test_entities_must_all_be_among_the_claims():
    assert verdict(claim(4.3 * B, entities=["Russia", "Azerbaijan", "Vladimir Putin"]))["verdict"] == "consistent"
    got = verdict(claim(4.3 * B, entities=["Russia"]))
    assert got["verdict"] == "unverifiable" and got["explanation"] == "no reference figure about Russia"


def test_per_year_against_a_one_year_total():
    c = claim(30e6, "at_most", 0, 30e6, unit="tonne", quantity_of="cargo", per="year", period=("", ""))
    yearly = reference({"metric": "cargo", "unit": "million tonnes per year", "value": "25", "period": ""})
    total_2023 = reference({"metric": "cargo", "unit": "million tonnes", "value": "25", "period": "2023"})
    total_q2 = reference({"metric": "cargo", "unit": "million tonnes", "value": "25", "period": "2023-Q2"})
    assert verdict(c, yearly)["verdict"] == "consistent"
    assert verdict(c, total_2023)["verdict"] == "consistent"
    got = verdict(c, total_q2)
    assert got["verdict"] == "unverifiable" and "per year" in got["explanation"]


def test_changes_and_claims_without_a_metric_are_unverifiable():
    rise = claim(12.0, "increase", 12.0, 12.0, unit="percent")
    assert "states a change" in verdict(rise)["explanation"]
    assert verdict(claim(4.3 * B, quantity_of=""))["explanation"] == "the claim does not say what it counts"


def test_only_quantity_claims_are_checked():
    frame = to_frame([claim(4.3 * B), analyzer.Claim(doc_id="d", claim_id="d:s", kind="statement", text="x",
                                                     start_char=0, end_char=1, sentence="x")])
    out = check(frame, reference())
    assert len(out) == 1 and out["kind"].tolist() == ["quantity"]
    assert list(out.columns[:len(frame.columns)]) == list(frame.columns)


@pytest.mark.parametrize("text, start, end", [
    ("2023", "2023-01-01", "2023-12-31"), ("2024-02", "2024-02-01", "2024-02-29"), ("2023-Q4", "2023-10-01", "2023-12-31"),
    ("2023-06-30", "2023-06-30", "2023-06-30"), ("2023-01-01/2023-06-30", "2023-01-01", "2023-06-30"),
    ("March 2024", "2024-03-01", "2024-03-31"), ("", "", ""),
])
def test_parse_period(text, start, end):
    assert parse_period(text) == (start, end)


@pytest.mark.parametrize("text, parsed", [
    ("billion USD", ("USD", 1e9, "")), ("usd bn", ("USD", 1e9, "")), ("million tonnes per year", ("tonne", 1e6, "year")),
    ("bcm", ("cubic metre", 1e9, "")), ("%", ("percent", 1, "")), ("", ("", 1, "")), ("barrels per day", ("barrel", 1, "day")),
])
def test_parse_unit(text, parsed):
    assert parse_unit(text) == parsed


@pytest.mark.parametrize("content, message", [
    ("entities,metric,value,unit,period\nRussia,trade,1,USD,2023\n", "missing column(s) source"),
    ("entities,metric,value,unit,period,source\nRussia,trade,lots,USD,2023,S\n", ":2: field 'value': expected a number"),
    ("entities,metric,value,unit,period,source\nRussia,trade,1,USD,2023,S\n,trade,1,USD,2023,S\n", ":3: field 'entities' is empty"),
    ("entities,metric,value,unit,period,source\nRussia,trade,1,cubits,2023,S\n", ":2: field 'unit': unknown unit 'cubits'"),
    ("entities,metric,value,unit,period,source\nRussia,trade,1,USD,sometime,S\n", ":2: field 'period': cannot read the period"),
    ("entities,metric,value,unit,period,source\nRussia,trade,1,USD,2023-13,S\n", ":2: field 'period': no month 13"),
    ("entities,metric,value,unit,period,source\nRussia,trade,1,USD,2023,\n", ":2: field 'source' is empty"),
    ("entities,metric,value,unit,period,source,retrieved\nRussia,trade,1,USD,2023,S,yesterday\n", ":2: field 'retrieved'"),
    ("entities,metric,value,unit,period,source\nRussia,trade,inf,USD,2023,S\n", "expected a finite number"),
    # issue 15: a reversed period and a value that overflows once scaled were accepted
    ("entities,metric,value,unit,period,source\nRussia,trade,1,USD,2024/2023,S\n", ":2: field 'period': the period '2024/2023' ends before it starts"),
    ("entities,metric,value,unit,period,source\nRussia,trade,1,USD,2023-06/2023-01,S\n", "ends before it starts"),
    ("entities,metric,value,unit,period,source\nRussia,trade,1e308,billion USD,2023,S\n", ":2: field 'value': 1e308 billion USD is too large"),
])
def test_bad_reference_files_name_file_line_and_field(tmp_path, content, message):
    path = tmp_path / "facts.csv"
    path.write_text(content, encoding="utf8")
    with pytest.raises(analyzer.InputError) as e:
        read_reference(path)
    assert str(e.value).startswith(str(path)) and message in str(e.value)


def test_the_example_reference_file_reads_and_says_it_is_illustrative():
    from ..conftest import ROOT

    refs = read_reference(ROOT / "data" / "examples" / "reference.csv")
    assert len(refs) >= 4 and all("ILLUSTRATIVE" in r.note and "not an official statistic" in r.note for r in refs)


def test_a_period_of_one_day_and_a_forward_range_still_read():
    assert parse_period("2023/2024") == ("2023-01-01", "2024-12-31")
    assert parse_period("2023-06-30/2023-06-30") == ("2023-06-30", "2023-06-30")


@pytest.mark.parametrize("cell", [["Russia", "Azerbaijan"], ("Russia",), np.array(["Russia"])])
def test_a_list_in_a_reference_frame_is_an_input_error_not_unverifiable(cell):
    frame = pd.DataFrame({"entities": [cell], "metric": ["trade turnover"], "value": [4.3e9], "unit": ["USD"],
                          "period": ["2023"], "source": ["S"]})
    claims = analyzer.analyze("Trade between Russia and Azerbaijan reached $4.3 billion in 2023.")
    with pytest.raises(analyzer.InputError) as e:
        analyzer.check(claims, frame)
    assert "reference row 0: field 'entities': expected text" in str(e.value)
    assert "separated by ';'" in str(e.value) and "'Russia" in str(e.value)


def test_a_list_in_another_reference_column_names_that_column():
    frame = pd.DataFrame({"entities": ["Russia"], "metric": [["trade"]], "value": [1.0], "unit": ["USD"],
                          "period": ["2023"], "source": ["S"]})
    with pytest.raises(analyzer.InputError, match="reference row 0: field 'metric': expected text, got a list"):
        analyzer.check(analyzer.analyze("Trade reached $1 billion in 2023."), frame)
