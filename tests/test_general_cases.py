"""Generalisation: 45 sentences about many countries, currencies and qualifiers, written and judged by
hand (fixtures/general_cases.jsonl) independently of the rules, none drawn from the example article.

Each case passes only if every quantity in it is found with the judged value, range, qualifier, unit,
rate, period, what it counts (compared by head noun), speaker and modality, and nothing else is found.
"""
from __future__ import annotations

import math
import re

import pytest

import analyzer

from .conftest import load_cases

CASES = load_cases("general_cases.jsonl")
# cases the rules get wrong today, each with the reason; strict, so a fix shows up as XPASS
KNOWN_WRONG = {
    "g24": "the base model parses 'Gas flows through the pipeline' with 'flows' as the verb, so what is "
           "measured comes out as 'Gas'",
    "g29": "the period is a clause ('before the season ends'), and periods come from date phrases only",
    "g40": "'putting the figure at 7,000' is parsed as hanging from 'joined' (its speaker comes out as "
           "'people'), and 'the figure' stands for 'people' only through coreference",
}
PREPOSITIONS = {"of", "to", "from", "into", "on", "in", "for", "with", "by", "held", "among", "between", "through"}


def head_noun(phrase: str) -> str:
    """The head of a short noun phrase: the last word before its first preposition, singular, lower."""
    words = re.findall(r"[\w'-]+", phrase.lower())
    cut = next((i for i, w in enumerate(words) if i and w in PREPOSITIONS), len(words))
    head = words[:cut][-1] if words[:cut] else ""
    return head[:-1] if head.endswith("s") and not head.endswith("ss") else head


def norm_period(p: str) -> str:
    return re.sub(r"^(the|in|on|during)\s+", "", p.strip().lower())


def differences(want: dict, got: dict) -> list[str]:
    out = []
    if not math.isclose(got["value"], want["value"], rel_tol=1e-9):
        out.append(f"value {got['value']} != {want['value']}")
    want_to = math.nan if want["value_to"] is None else want["value_to"]
    if not (math.isnan(want_to) and math.isnan(got["value_to"]) or math.isclose(got["value_to"], want_to)):
        out.append(f"value_to {got['value_to']} != {want_to}")
    if bool(got["is_claim"]) != want["claim"]:
        out.append(f"is_claim {got['is_claim']} != {want['claim']}")
    fields = ["unit"] if not want["claim"] else ["qualifier", "unit", "per", "speaker", "modality"]
    for field in fields:
        if got[field] != want[field]:
            out.append(f"{field} {got[field]!r} != {want[field]!r}")
    if want["claim"]:
        if head_noun(got["quantity_of"]) != head_noun(want["quantity_of"]):
            out.append(f"quantity_of {got['quantity_of']!r} !~ {want['quantity_of']!r}")
        if norm_period(got["period"]) != norm_period(want["period"]):
            out.append(f"period {got['period']!r} != {want['period']!r}")
    return out


@pytest.mark.parametrize(
    "case",
    [pytest.param(c, id=c["id"], marks=[pytest.mark.xfail(reason=KNOWN_WRONG[c["id"]], strict=True)]
                  if c["id"] in KNOWN_WRONG else []) for c in CASES],
)
def test_case(nlp, case):
    table = analyzer.quantities(case["text"], nlp=nlp, published=case["published"])
    got = {row["text"]: row for row in table.to_dict("records")}
    problems = []
    for want in case["quantities"]:
        if want["text"] not in got:
            problems.append(f"missing {want['text']!r} (found {sorted(got)})")
            continue
        problems += [f"{want['text']!r}: {d}" for d in differences(want, got[want["text"]])]
    extra = set(got) - {q["text"] for q in case["quantities"]}
    if extra:
        problems.append(f"unexpected quantities {sorted(extra)}")
    claims = analyzer.analyze(case["text"], nlp=nlp, published=case["published"])
    claims = claims[claims["kind"] == "quantity"]  # the cases are about numbers; statement rows are apart
    if len(claims) != case["claims"]:
        problems.append(f"{len(claims)} claims, expected {case['claims']}")
    assert not problems, "\n".join(problems)


def test_enough_cases_pass():
    """The issue asks for at least 30 independent cases; the table holds more, and few are known wrong."""
    assert len(CASES) >= 30
    assert len(CASES) - len(KNOWN_WRONG) >= 30


def test_no_case_reuses_the_example(example_text):
    """The cases are new text: no sentence of the example article appears in them."""
    sentences = {s.strip() for s in re.split(r"(?<=[.!?])\s+", example_text) if len(s.strip()) > 40}
    for case in CASES:
        assert not any(s in case["text"] for s in sentences), case["id"]
