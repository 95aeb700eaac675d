"""Readiness on real numeric claims (QuanTemp): for each claim, does `analyzer.quantities` parse its figures with a
value and a unit, and the fields a checker needs to match it to a reference figure (period, qualifier, what is
counted)? Which kinds of number fail?

    python bench/quantemp.py [--shared ../shared] [--limit N] [--every 10] [--no-write] [--list read|failures]

Data (read from ../shared, never copied): QuanTemp (Venktesh et al., SIGIR 2024), CC BY-NC 4.0,
datasets/quantemp_partial/: all 309 claims of complex_num_facts_categorized_subset.csv (taxonomy labels
temporal / statistical / comparison / interval) and every --every-th claim (0-based positions 0, 10, 20...) of
test_claimdecomp.csv, its test split. Report only: these are held-out claims, and no analyzer rule may be
written or tuned from what this script shows. There is no gold here except READ, the main figure of a few
claims chosen by the hash of their text (not by their outcome) and written down by reading them.

Each claim is one `analyzer.quantities(claim, nlp=nlp)` call on one loaded pipeline (every numeric mention,
claim or not). Outcomes: (a) a quantity with a value and a unit, (b) quantities with values but no unit (counts,
fractions), (c) no quantity although the claim has a number (a digit or a number word), split into claims whose
numbers are only dates, names or ordinals ("Covid-19", "in 2020", "January 26") and real misses, (d) no number
at all (left out of the rates). Failure kinds are read off each claim by the transparent rules of `failures`.
--no-write (or --limit) prints the section as it would be written; --list prints claims with their outcome (for
labelling READ), not the report.
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import math
import re
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import _results  # noqa: E402
from _results import write_section  # noqa: E402

DATA = Path("datasets") / "quantemp_partial"
CATEGORIZED = "complex_num_facts_categorized_subset.csv"
TEST = "test_claimdecomp.csv"
LABELS = ("temporal", "statistical", "comparison", "interval")
CITE = "QuanTemp (Venktesh et al., SIGIR 2024), CC BY-NC 4.0"

# ---- what counts as a number in a claim -------------------------------------------------------------------
UNITS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
         "seventeen eighteen nineteen").split()
TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
SCALES = "hundred thousand million billion trillion dozen".split()
OTHER_WORDS = "half twice thrice doubled tripled quadrupled halved".split()
_WORD = "|".join(UNITS + TENS + [s + "s?" for s in SCALES] + OTHER_WORDS)
NUMBER_WORD = re.compile(rf"\b(?:{_WORD})(?:-(?:{_WORD}|thirds?|quarters?|fifths?|fourths?))*\b", re.I)
DIGITS = re.compile(r"\d+(?:[.,]\d+)*")
NOT_A_NUMBER_WORD = re.compile(r"\b(?:no|any|every|the|this|that)\s+one\b|\bone\s+(?:of|another|day)\b", re.I)

MONTHS = ("jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july|august|"
          "september|october|november|december")
MONTH = re.compile(rf"^(?:{MONTHS})\.?$", re.I)
YEAR = re.compile(r"^(?:1[89]|20)\d\d$")
NAMED_NUMBERS = re.compile(r"\b(?:9/11|24/7|7/7)\b")  # events and phrases written as numbers
NUMERIC_DATE = re.compile(r"\b\d{1,4}([/.-])\d{1,2}\1\d{2,4}\b")
NAMED_BY_NUMBER = {"no", "no.", "number", "section", "article", "proposition", "prop", "chapter", "title", "route",
                   "flight", "highway", "interstate", "bill", "act", "phase", "level", "apollo", "boeing", "airbus",
                   "stage", "grade", "class", "category", "iphone", "windows", "amendment", "vol", "page"}
PERCENT = re.compile(rf"(?:\d|\b(?:{_WORD}))\s*(?:%|per\s?cent|percent)", re.I)
PERCENT_POINT = re.compile(r"\b(?:percentage|percent|per cent)\s+points?\b", re.I)
CURRENCY = re.compile(r"[$£€¥₹₦₱]|\b(?:dollars?|pounds? sterling|euros?|rupees?|naira|rand|pesos?|yuan|yen|rubles?|"
                      r"roubles?|shillings?|cedis?|ringgit|francs?|lakh|crores?|usd|eur|gbp|inr)\b", re.I)
MULTIPLIER = re.compile(r"\b(?:\d+(?:\.\d+)?|\w+)\s+times\s+(?:more|less|fewer|higher|lower|greater|larger|bigger|"
                        r"smaller|as|the|faster|slower|over|that)\b|\b(?:twice|thrice)\b|\b(?:doubled|tripled|"
                        r"quadrupled|halved)\b", re.I)
RANGE = re.compile(r"\b(\d[\d,.]*)\s*(?:-|–|to)\s*(\d[\d,.]*)\b|\bbetween\s+\S+\s+and\s+\S+", re.I)
FRACTION = re.compile(r"\bhalf\b|\b(?:a|one|two|three)[- ](?:thirds?|quarters?|fifths?|fourths?)\b|"
                      r"\b\d+\s*(?:in|out of)\s*(?:\d+|ten|five|four|three)\b|(?<![\d/])\d{1,2}/\d{1,2}(?![\d/])", re.I)

KINDS = {  # failure kind -> what the rule checks (the section prints this table)
    "date only: no quantity but a time": "outcome (c) and every number of the claim is a date, year, time of day, "
                                         "ordinal or part of a name (\"Covid-19\", \"January 26, 2021\")",
    "number missed": "a digit group not inside any extracted quantity, and not a date, year, ordinal or name",
    "spelled-out number missed": "a number word (\"five\", \"ninety-three\", \"a dozen\") not inside any quantity",
    "percent missed": "the claim has %, percent or per cent and no quantity has unit percent or percentage point",
    "percentage point missed": "the claim says \"percentage point(s)\" and no quantity has that unit",
    "currency missed": "a currency sign or word ($, £, rupees, ...) and no quantity of dimension currency",
    "multiplier not read as one": "\"N times more/higher/as...\", \"twice\", \"doubled\"... and no quantity with unit "
                                  "`times`",
    "range not read as one": "\"N-M\", \"N to M\" (not two years) or \"between X and Y\", and no quantity with a "
                             "`value_to`",
    "fraction missed": "\"half\", \"two-thirds\", \"1 in 5\", \"3/4\" not inside any quantity",
    "year taken as a quantity": "an extracted quantity whose text is a bare year (1800-2099) with no unit",
    "date not attached as period": "quantities found and the claim writes a date or year, but no quantity has "
                                   "`period_start` (some dates are points of comparison, \"than in 1994\", "
                                   "rightly not the period)",
}


@dataclass
class Claim:
    source: str  # "categorized" or "test"
    position: int  # 0-based row of the CSV (header not counted)
    text: str
    label: str = ""  # taxonomy label (categorized subset only)

    @property
    def key(self) -> str:
        return hashlib.sha1(self.text.encode("utf8")).hexdigest()[:12]


@dataclass
class Mention:
    """A number written in the claim: digits or a number word."""
    start: int
    end: int
    text: str
    word: bool
    kind: str = ""  # "" a quantity-like number, else date / name / ordinal / time


@dataclass
class Outcome:
    claim: Claim
    outcome: str  # a, b, c, d
    quantities: int = 0
    with_unit: int = 0
    date_only: bool = False
    has_date: bool = False  # the claim writes a date or year (a number of kind date)
    of_filled: bool = False  # some quantity has quantity_of
    period_filled: bool = False  # some quantity has period_start
    period_text: bool = False  # some quantity has a period phrase (resolved or not)
    qualified: bool = False  # some quantity has a qualifier other than exact
    date_resolved: bool = False  # date only: a DATE entity of the parse that resolve_period pins to ISO dates
    failures: dict[str, str] = field(default_factory=dict)  # kind -> the words that show it
    shown: str = ""  # what geoclaims found, short
    found: list[tuple[float, float, str]] = field(default_factory=list)  # (value, value_to, unit) of each quantity
    seconds: float = 0.0
    base_seconds: float = 0.0


# ---- data -------------------------------------------------------------------------------------------------
def _clean(text: str) -> str:
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] == '"':
        text = text[1:-1].strip()
    return text


def read_claims(shared: Path, *, every: int = 10, limit: int | None = None) -> list[Claim]:
    """All categorized claims, then every ``every``-th test claim; ``limit`` caps each set (for quick runs)."""
    folder = Path(shared) / DATA
    with (folder / CATEGORIZED).open(encoding="utf8", newline="") as fh:
        rows = list(csv.reader(fh, delimiter="@"))[1:]
    claims = [Claim("categorized", i, _clean(r[0]), r[1].strip()) for i, r in enumerate(rows)][:limit]
    with (folder / TEST).open(encoding="utf8", newline="") as fh:
        rows = list(csv.reader(fh, delimiter="@"))[1:]
    test = [Claim("test", i, _clean(r[0])) for i, r in enumerate(rows) if i % every == 0]
    return claims + test[:limit]


# ---- the rules --------------------------------------------------------------------------------------------
def mentions(text: str) -> list[Mention]:
    """Numbers written in ``text``, each marked with the kind of non-quantity it is (date, name...) if any."""
    out = []
    blocked = [(m.start(), m.end()) for m in NOT_A_NUMBER_WORD.finditer(text)]
    for m in NUMBER_WORD.finditer(text):
        if not any(s <= m.start() < e for s, e in blocked):
            out.append(Mention(m.start(), m.end(), m.group(), True))
    for m in DIGITS.finditer(text):
        out.append(Mention(m.start(), m.end(), m.group(), False))
    for m in out:
        m.kind = _non_quantity(text, m)
    return sorted(out, key=lambda m: m.start)


def _non_quantity(text: str, m: Mention) -> str:
    before, after = text[:m.start], text[m.end:]
    prev_word = (re.findall(r"[\w.']+", before[-20:]) or [""])[-1].lower()
    next_word = (re.findall(r"[\w.']+", after[:20]) or [""])[0].lower()
    if m.word:
        if m.text.lower() == "half" and prev_word in {"first", "second", "latter", "back"}:
            return "date"  # the first half of 2020
        if m.text[0].isupper() and re.search(r"[\w,;]\s*$", before):
            return "name"  # One Nation, Seven Sisters: capitalised inside a sentence
        return ""
    if re.match(r"(?:st|nd|rd|th)\b", after, re.I):
        return "ordinal"
    if any(n.start() <= m.start < n.end() for n in NAMED_NUMBERS.finditer(text)):
        return "name"
    if re.search(r"[A-Za-z]-?$", before) or re.match(r"[A-Z]", after) or prev_word in NAMED_BY_NUMBER:
        return "name"  # Covid-19, G20, 5G, H1N1, Article 370
    if re.search(r"\b[A-Z]{2,}\s$", before) and not CURRENCY.fullmatch(prev_word):
        return "name"  # COVID 19, NAFTA 2.0
    if re.match(r"\s?(?:a\.?m\b|p\.?m\b|o'clock)", after, re.I) or re.match(r"[:.]\d\d\s?(?:a\.?m|p\.?m)", after, re.I):
        return "time"
    digits = m.text.replace(",", "")
    if YEAR.match(digits) or re.match(r"'?s\b", after) and len(digits) == 4:
        return "date"
    if len(digits) == 2 and re.search(r"\b(?:1[89]|20)\d\d[-–]$", before):
        return "date"  # 1918-19
    if MONTH.match(prev_word) or MONTH.match(next_word):
        return "date"  # January 26, 26 January
    if any(d.start() <= m.start < d.end() for d in NUMERIC_DATE.finditer(text)):
        return "date"  # 1/26/2021, 2021-01-26
    if m.text.startswith("'") or re.search(r"'$", before) and len(digits) == 2:
        return "date"  # '90s
    return ""


def _covered(m: Mention, frame: pd.DataFrame) -> bool:
    return bool(((frame["start_char"] <= m.start) & (m.start < frame["end_char"])).any()) if len(frame) else False


def failures(text: str, frame: pd.DataFrame, found: list[Mention]) -> dict[str, str]:
    """Failure kinds shown by this claim (see KINDS), each with the words that show it."""
    out: dict[str, str] = {}
    units = set(frame["unit"]) if len(frame) else set()
    missed = [m for m in found if not m.kind and not _covered(m, frame)]
    if found and not len(frame) and all(m.kind for m in found):
        out["date only: no quantity but a time"] = ", ".join(m.text for m in found)
    for m in missed:
        if m.word:
            out.setdefault("spelled-out number missed", m.text)
        else:
            out.setdefault("number missed", m.text)
    out.update(_unit_failures(text, frame, units))
    out.update(_range_failure(text, frame))
    out.update(_fraction_failure(text, frame, found))
    dated = [m for m in found if m.kind == "date" and not _covered(m, frame)]
    if dated and len(frame) and not (frame["period_start"].fillna("") != "").any():
        out["date not attached as period"] = dated[0].text
    for row in frame.itertuples():
        bare = re.sub(r"^\D*", "", str(row.text)).strip()
        if YEAR.match(bare) and not row.unit:
            out["year taken as a quantity"] = str(row.text)
            break
    return out


def _unit_failures(text: str, frame: pd.DataFrame, units: set[str]) -> dict[str, str]:
    """A percent, percentage point, currency or multiplier written in the claim that no row reads."""
    out = {}
    if (hit := PERCENT.search(text)) and not units & {"percent", "percentage point"}:
        out["percent missed"] = hit.group()
    if (hit := PERCENT_POINT.search(text)) and "percentage point" not in units:
        out["percentage point missed"] = hit.group()
    if (hit := CURRENCY.search(text)) and not (len(frame) and (frame["dimension"] == "currency").any()):
        out["currency missed"] = hit.group()
    if (hit := MULTIPLIER.search(text)) and "times" not in units:
        out["multiplier not read as one"] = hit.group()
    return out


def _range_failure(text: str, frame: pd.DataFrame) -> dict[str, str]:
    """A range written in the claim (not a period: "2014-2015") that no row reads as one."""
    for hit in RANGE.finditer(text):
        ends = [g.replace(",", "") for g in DIGITS.findall(hit.group())]
        if ends and all(YEAR.match(e) for e in ends):
            continue  # 2014-2015, between 1990 and 2005: a period
        if not (len(frame) and frame["value_to"].notna().any()):
            return {"range not read as one": hit.group()}
    return {}


def _fraction_failure(text: str, frame: pd.DataFrame, found: list[Mention]) -> dict[str, str]:
    """A fraction written in the claim that no row reads."""
    for hit in FRACTION.finditer(text):
        inside = [m for m in found if hit.start() <= m.start < hit.end()]
        read = len(frame) and ((frame["start_char"] < hit.end()) & (frame["end_char"] > hit.start())).any()
        if read or any(m.kind for m in inside):
            continue  # read as (part of) a quantity; or "the first half of 2020", "Article 370 in 2019", 9/11
        return {"fraction missed": hit.group()}
    return {}


def classify(claim: Claim, frame: pd.DataFrame) -> Outcome:
    """The outcome of one claim, from the quantities `analyzer.quantities` found in it."""
    found = mentions(claim.text)
    values = frame[frame["value"].notna()] if len(frame) else frame
    with_unit = values[values["unit"].fillna("") != ""] if len(values) else values
    if len(with_unit):
        outcome = "a"
    elif len(values):
        outcome = "b"
    elif found:
        outcome = "c"
    else:
        outcome = "d"
    o = Outcome(claim, outcome, quantities=len(values), with_unit=len(with_unit))
    o.failures = failures(claim.text, values, found)
    o.date_only = "date only: no quantity but a time" in o.failures
    o.has_date = any(m.kind == "date" and not _covered(m, values) for m in found)
    if len(values):
        o.of_filled = bool((values["quantity_of"].fillna("") != "").any())
        o.period_filled = bool((values["period_start"].fillna("") != "").any())
        o.period_text = bool((values["period"].fillna("") != "").any())
        o.qualified = bool((values["qualifier"].fillna("exact") != "exact").any())
        o.shown = "; ".join(_show(r) for r in values.itertuples())
        o.found = [(float(r.value), float(r.value_to), str(r.unit or "")) for r in values.itertuples()]
    return o


def _num(v: float) -> str:
    return f"{v:,.0f}" if v == int(v) and abs(v) < 1e15 else f"{v:.4g}"


def _show(row) -> str:
    value = _num(row.value) + (f"..{_num(row.value_to)}" if not math.isnan(row.value_to) else "")
    out = f"{value} {row.unit}".strip()
    return out + (f" of \"{row.quantity_of}\"" if row.quantity_of else "")


def measure(claims: Iterable[Claim], nlp, base=None) -> list[Outcome]:
    """Run `analyzer.quantities` on each claim with the loaded pipeline ``nlp`` and classify it; with ``base``
    (the bare base model) also time it on the same claim, for the ratio."""
    import analyzer
    from analyzer.quantities.periods import resolve_period

    out = []
    for claim in claims:
        t_base = 0.0
        if base is not None:
            t0 = time.perf_counter()
            base(claim.text)
            t_base = time.perf_counter() - t0
        t0 = time.perf_counter()
        frame = analyzer.quantities(claim.text, nlp=nlp)
        seconds = time.perf_counter() - t0
        o = classify(claim, frame)
        o.seconds, o.base_seconds = seconds, t_base
        if o.date_only:  # untimed: is the time there in the parse, though no row carries it?
            o.date_resolved = any(e.label_ == "DATE" and resolve_period(e.text)[0] for e in nlp(claim.text).ents)
        out.append(o)
    return out


# ---- a sample read by hand ---------------------------------------------------------------------------------
# The main figure of READ_N claims with a number, chosen as the smallest sha1 of their text (not by outcome),
# written down by reading the claim: sha1[:12] -> (kind, value, value_to, unit); value None for a claim whose only
# numbers are dates or names. Checked against the extraction: right if some quantity has that value (and value_to)
# and unit; for value None, right if no quantity was extracted.
READ_N = 40
NONE = "no figure: dates or names only"
READ: dict[str, tuple[str, float | None, float | None, str]] = {
    "002e8789ff10": ("count", 2, None, ""),  # two pool noodles
    "00b7d8bf3211": ("count", 4, None, ""),  # German: 4 claims about the climate
    "01282ed3b71c": ("duration", 2, None, "day"),
    "019bf24ca4d0": ("percent", 1, None, "percent"),
    "01f8d1b14638": ("amount, currency not named", 1e12, None, ""),  # "almost a trillion"
    "03773b9c68fc": ("percent", 39, None, "percent"),
    "03f14ad4ebab": (NONE, None, None, ""),  # COVID-19
    "04b75ca12233": (NONE, None, None, ""),
    "05572d078f1c": (NONE, None, None, ""),
    "05c6bf352b90": (NONE, None, None, ""),  # "In One Of Its Stores": title case, not a figure
    "05d04b403a2e": (NONE, None, None, ""),
    "05ee88d756c9": ("currency", 200_000, None, "USD"),
    "05f282c5becd": (NONE, None, None, ""),  # 9/11
    "0628b406196e": ("age", 90, None, "year"),
    "06e35190e0dc": ("percent", 52, None, "percent"),
    "0945d49a1190": ("currency", 500e9, None, "USD"),
    "099037f32dd2": ("count", 350, None, ""),
    "09ffebafdddc": (NONE, None, None, ""),
    "0a7c4ec6b3ca": ("currency", 250_000, None, "USD"),
    "0bc84cdf63f7": (NONE, None, None, ""),
    "0c0f1c42d537": ("count", 2, None, ""),
    "0c671ee802b6": ("currency", 700e6, None, "USD"),
    "0eed3966f632": (NONE, None, None, ""),
    "0f39c8c277f5": (NONE, None, None, ""),
    "0f57ef84f29e": ("percent", 1, None, "percent"),
    "1031e6dfbfed": (NONE, None, None, ""),
    "10565318c640": ("count", 10e6, None, ""),
    "106a3f22374a": ("count", 23_000, None, ""),
    "12fe0619ed7f": ("count", 0, None, ""),  # net zero emissions
    "1432cb65bbf1": (NONE, None, None, ""),  # SARS-CoV-2
    "14e8829a4063": (NONE, None, None, ""),
    "14f4f60f53a2": ("currency", 15_000, None, "CAD"),  # "$" of a Canadian programme
    "15ac9b6939d1": ("duration", 7, None, "year"),
    "163aa0131838": (NONE, None, None, ""),  # 79 A.D.
    "165f97b3aa23": ("currency", 3.3e9, None, "USD"),
    "16996bf4762e": ("age", 55, None, "year"),
    "17589e4993b0": ("age", 90, None, "year"),  # "Living Past 90"
    "189391a10e51": ("currency", 1e6, None, "USD"),
    "18b25a33f3c5": ("currency", 53, None, "USD"),
    "192305749232": ("currency", 3e12, None, "USD"),
}


def read_sample(outcomes: list[Outcome]) -> list[Outcome]:
    seen, chosen = set(), []
    for o in sorted((o for o in outcomes if o.outcome != "d"), key=lambda o: o.claim.key):
        if o.claim.key not in seen:
            seen.add(o.claim.key)
            chosen.append(o)
    return chosen[:READ_N]


# ---- the report -------------------------------------------------------------------------------------------
def pct(n: int, d: int) -> str:
    return f"{100 * n / d:.1f}%" if d else "-"


def snippet(text: str, hit: str, width: int = 90) -> str:
    """At most ``width`` characters of ``text`` around ``hit``."""
    text = " ".join(text.split())
    if len(text) <= width:
        return text
    at = max(0, text.find(hit)) if hit else 0
    start = max(0, min(at - width // 2, len(text) - width + 2))
    piece = text[start:start + width - 2]
    return ("…" if start else "") + piece + ("…" if start + width - 2 < len(text) else "")


def counts_row(name: str, group: list[Outcome]) -> str:
    c = Counter(o.outcome for o in group)
    numeric = len(group) - c["d"]
    miss = sum(o.outcome == "c" and not o.date_only for o in group)
    dates = sum(o.date_only for o in group)
    parsed = c["a"] + c["b"]
    with_q = [o for o in group if o.outcome in "ab"]
    return (f"| {name} | {len(group)} | {c['d']} | {numeric} | {c['a']} ({pct(c['a'], numeric)}) | "
            f"{c['b']} ({pct(c['b'], numeric)}) | {dates} ({pct(dates, numeric)}) | {miss} ({pct(miss, numeric)}) | "
            f"**{pct(parsed, numeric)}** | {pct(parsed, numeric - dates)} | "
            f"{pct(sum(o.of_filled for o in with_q), len(with_q))} | "
            f"{pct(sum(o.period_filled for o in with_q), len(with_q))} | "
            f"{pct(sum(o.qualified for o in with_q), len(with_q))} |")


def report(outcomes: list[Outcome], *, every: int) -> str:
    cat = [o for o in outcomes if o.claim.source == "categorized"]
    test = [o for o in outcomes if o.claim.source == "test"]
    n_unique = len({o.claim.text for o in outcomes})
    overlap = len({o.claim.text for o in cat} & {o.claim.text for o in test})
    head = ("| set | claims | (d) no number | with a number | (a) value + unit | (b) value, no unit | "
            "(c) dates/names only | (c) missed | parsed (a+b) | parsed, date-only left out | "
            "quantity_of filled | period_start filled | qualifier not exact |\n"
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    rows = [counts_row("categorized subset (all)", cat)]
    rows += [counts_row(f"&nbsp; {label}", [o for o in cat if o.claim.label == label]) for label in LABELS]
    rows += [counts_row(f"test_claimdecomp (every {every}th)", test), counts_row("**both**", outcomes)]

    b = [o for o in outcomes if o.outcome == "b"]
    with_q = [o for o in outcomes if o.outcome in "ab"]
    period_phrase = sum(o.period_text and not o.period_filled for o in with_q)
    dates = [o for o in outcomes if o.date_only]
    dated = [o for o in with_q if o.has_date]

    kinds = Counter(k for o in outcomes for k in o.failures)
    numeric = [o for o in outcomes if o.outcome != "d"]
    fail_lines = ["| failure kind | claims | share of claims with a number | rule | examples (claim → what geoclaims found) |",
                  "|---|---:|---:|---|---|"]
    for kind, n in kinds.most_common():
        examples = list({o.claim.text: o for o in outcomes if kind in o.failures}.values())
        shown = []
        for o in examples[:: max(1, len(examples) // 3)][:3]:
            found = o.shown or "nothing"
            shown.append(f"“{snippet(o.claim.text, o.failures[kind])}” → {snippet(found, '', 60)}")
        cells = "<br>".join(s.replace("|", "\\|") for s in shown)
        fail_lines.append(f"| {kind} | {n} | {pct(n, len(numeric))} | {KINDS[kind]} | {cells} |")

    secs = [o.seconds for o in outcomes]
    base = [o.base_seconds for o in outcomes if o.base_seconds]
    timing = (f"{statistics.median(secs) * 1000:.1f} ms median, {statistics.mean(secs) * 1000:.1f} ms mean per claim "
              f"(`analyzer.quantities`, pipeline loaded once)")
    if base:
        timing += (f"; the bare base model on the same claims: {statistics.median(base) * 1000:.1f} ms median "
                   f"(ratio {statistics.median(secs) / statistics.median(base):.2f})")

    read = read_sample(outcomes)
    read_text = read_report(read)
    conclusion = _conclusion(outcomes, cat, read)

    body = f"""
Data: {CITE}, read from `../shared/datasets/quantemp_partial/` (never copied): all {len(cat)} claims of the
categorized subset (taxonomy labels) and every {every}th claim of `test_claimdecomp.csv` (0-based positions 0,
{every}, {2 * every}...: {len(test)} claims), {n_unique} distinct texts (duplicates kept; texts in both sets: {overlap}).
A **test split: report only**; no analyzer rule was written or tuned from it. Claim snippets are quoted from
QuanTemp under CC BY-NC 4.0, cut to under 100 characters.

Each claim is one `analyzer.quantities(claim, nlp=nlp)` call (every numeric mention, claim or not; no
publication date, so relative periods such as "last year" are not resolved). Per claim: (a) at least one
quantity with a value and a unit (currency, percent, tonne, year of age, `times`...); (b) quantities with values,
none with a unit (counts such as "39 missing children", fractions); (c) no quantity although the claim has a
number (digits, or a number word: one..ninety, hundred..trillion, dozen, half, twice, doubled...; "one of", "no
one" are not numbers), split into claims whose numbers are all dates, years, times, ordinals or parts of names
("in 2020", "January 26", "Covid-19": nothing to extract but a time) and real misses; (d) no number at all, left
out of the rates. The field columns count claims of (a)+(b) with at least one quantity that has the field.

{head}
{chr(10).join(rows)}

Counts: of the {len(b)} claims in (b), {sum(o.of_filled for o in b)} ({pct(sum(o.of_filled for o in b), len(b))})
have `quantity_of` filled on some quantity: that is what gives a count its meaning ("39" of "missing children").

Periods: of the {len(with_q)} claims of (a)+(b), {len(dated)} write a date or year; {sum(o.period_filled for o in dated)}
of these have `period_start` on some quantity ({sum(o.period_filled for o in with_q)} in all).
{period_phrase} claims of (a)+(b) have a period phrase that is not resolved to dates (no publication date given).
The {len(dates)} claims whose numbers are only dates get no row: `quantities()` has none, and `analyze()` gives at
most a `statement` row, which has no period. In {sum(o.date_resolved for o in dates)} of them the base model marks a
DATE that `analyzer.quantities.periods.resolve_period` pins to ISO dates ("in 2020", "June 2022"), so the time is
in the parse but not in the claim table.

**Failure kinds** (a claim can show several): regular expressions in the script (`KINDS`, `mentions`,
`failures`), applied to every claim. They were refined once after reading their hits on this data (false alarms
such as "Article 370 in 2019" taken for a fraction, "One Nation" for a number); they only sort claims and change
no extraction. Up to three distinct claims per kind:

{chr(10).join(fail_lines)}

{read_text}

Time: {timing}; {len(outcomes)} claims in {sum(secs):.1f} s.

{conclusion}
"""
    return body


def _conclusion(outcomes: list[Outcome], cat: list[Outcome], read: list[Outcome]) -> str:
    numeric = [o for o in outcomes if o.outcome != "d"]
    parsed = [o for o in numeric if o.outcome in "ab"]
    dates = [o for o in numeric if o.date_only]
    temporal = [o for o in cat if o.claim.label == "temporal" and o.outcome != "d"]
    counts = [o for o in parsed if o.outcome == "b"]
    figures = [judge(o, READ[o.claim.key]) for o in read if o.claim.key in READ and READ[o.claim.key][1] is not None]
    misses = Counter(k for o in outcomes for k in o.failures
                     if k not in ("date only: no quantity but a time", "date not attached as period"))
    rate, rate_nd = pct(len(parsed), len(numeric)), pct(len(parsed), len(numeric) - len(dates))
    value_ok, unit_ok = sum(v for v, _ in figures), sum(u for _, u in figures)
    worst = pct(max(misses.values(), default=0), len(numeric))
    date_share = pct(len(dates), len(numeric))
    temporal_share = pct(sum(o.date_only for o in temporal), len(temporal))
    period_share = pct(sum(o.period_filled for o in parsed), len(parsed))
    count_share, of_share = pct(len(counts), len(parsed)), pct(sum(o.of_filled for o in counts), len(counts))
    return f"""**Readiness, in plain words.** Where a claim states a figure, the extractor reads it: {rate} of the
claims with a number give at least one quantity, {rate_nd} once the claims whose only numbers are dates are left
out, and in the sample read by hand the main figure's value was right in {value_ok} of {len(figures)} and value and
unit in {unit_ok}. Misses of the rules above (a multiplier read as a count, a spelled-out or sentence-initial number
word such as "Sixty percent", a year read as a count, a range or a fraction) are each at most {worst} of the
claims. That is not yet a checker for these claims, for three reasons the extraction rate hides: (1) {date_share}
of the claims with a number ({temporal_share} of the temporal ones) assert only a date ("video shows X in 2020"):
their checkable content is a time, and the claim table has no row and no period for them; (2) the time of a figure
is seldom attached: `period_start` on {period_share} of the claims with a quantity (most state no time; relative
ones need a publication date, which QuanTemp does not give); (3) {count_share} of the claims with a quantity have
only unit-less counts, whose meaning is `quantity_of` (filled in {of_share}): matching "23,000 ballots from voters
using a previous address" to a reference figure is a text-matching problem that the claim table only starts. A
numeric checker built on this table could try statistical, comparison and interval claims now; temporal claims
need the claim's dates in the table first."""


def judge(o: Outcome, gold: tuple[str, float | None, float | None, str]) -> tuple[bool, bool]:
    """(value right, value and unit right) of one claim read by hand."""
    _, value, value_to, unit = gold
    if value is None:
        return (not o.found,) * 2
    hits = [f for f in o.found if math.isclose(f[0], value, rel_tol=1e-6, abs_tol=1e-9)
            and (value_to is None or math.isclose(f[1], value_to, rel_tol=1e-6))]
    return bool(hits), any(f[2] == unit for f in hits)


def read_report(read: list[Outcome]) -> str:
    labelled = [(o, READ[o.claim.key]) for o in read if o.claim.key in READ]
    if not labelled:
        return "(None of the claims read by hand is in this run.)"
    rows = ["| main figure (read) | claims | value found | value and unit found |", "|---|---:|---:|---:|"]
    groups: dict[str, list[tuple[bool, bool]]] = {}
    for o, gold in labelled:
        groups.setdefault(gold[0], []).append(judge(o, gold))
    order = sorted(groups, key=lambda k: (k == NONE, -len(groups[k]), k))
    for kind in order:
        g = groups[kind]
        rows.append(f"| {kind} | {len(g)} | {sum(v for v, _ in g)} | {sum(u for _, u in g)} |")
    figures = [judge(o, gold) for o, gold in labelled if gold[1] is not None]
    nones = [judge(o, gold)[0] for o, gold in labelled if gold[1] is None]
    wrong = [(o, gold) for o, gold in labelled if not judge(o, gold)[1]]
    lines = [f"“{snippet(o.claim.text, '', 70)}” read as {_gold_text(gold)}; geoclaims: {o.shown or 'nothing'}"
             for o, gold in wrong]
    return (f"**Read by hand** ({len(labelled)} claims with a number, the smallest sha1 of their text, so chosen "
            f"without looking at the outcome; the main figure written down by reading the claim, `READ` in the "
            f"script). Of the {len(figures)} with a figure, the value was found in {sum(v for v, _ in figures)} and "
            f"value and unit in **{sum(u for _, u in figures)}**; of the {len(nones)} whose numbers are only dates "
            f"or names, {sum(nones)} got no quantity (right).\n\n" + "\n".join(rows)
            + ("\n\nWrong: " + "; ".join(s.replace("|", "\\|") for s in lines) + "." if lines else ""))


def _gold_text(gold: tuple[str, float | None, float | None, str]) -> str:
    if gold[1] is None:
        return "no figure"
    return f"{_num(gold[1])} {gold[3]}".strip() if gold[3] else f"{_num(gold[1])} (no unit)"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--limit", type=int, default=None, help="at most N claims from each set (quick runs)")
    ap.add_argument("--every", type=int, default=10, help="take every N-th claim of test_claimdecomp.csv")
    ap.add_argument("--no-write", action="store_true", help="print the section, do not write bench/RESULTS.md")
    ap.add_argument("--list", choices=("read", "failures"), help="print claims for reading instead of the report")
    args = ap.parse_args()
    if not (Path(args.shared) / DATA / CATEGORIZED).exists():
        sys.exit(f"need {Path(args.shared) / DATA}")
    import spacy

    import analyzer
    from analyzer.pipeline import default_model

    claims = read_claims(Path(args.shared), every=args.every, limit=args.limit)
    nlp = analyzer.get_pipeline()
    base = spacy.load(default_model())
    measure(claims[:5], nlp, base)  # warm up both
    outcomes = measure(claims, nlp, base)
    if args.list == "read":
        for o in read_sample(outcomes):
            print(o.claim.key, o.outcome, "|", o.claim.text, "|", o.shown)
        return
    if args.list == "failures":
        for o in outcomes:
            print(o.claim.key, o.outcome, sorted(o.failures), "|", o.claim.text[:100], "|", o.shown)
        return
    body = report(outcomes, every=args.every)
    command = "python bench/quantemp.py" + (f" --every {args.every}" if args.every != 10 else "") + (
        f" --limit {args.limit}" if args.limit is not None else "")
    if args.limit is None and not args.no_write:
        write_section("quantemp", command, body)
        print(body)
        return
    # --no-write or --limit: print the section exactly as it would be written, from a scratch copy
    with tempfile.TemporaryDirectory() as tmp:
        head = _results.commit()
        _results.RESULTS, _results.commit = Path(tmp) / "RESULTS.md", lambda: head
        write_section("quantemp", command, body)
        print(_results.RESULTS.read_text(encoding="utf8").split("\n", 3)[3].strip())


if __name__ == "__main__":
    main()
