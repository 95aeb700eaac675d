"""Passes over all the quantities of a document, after each was read on its own: a conversion in
parentheses takes the qualifier of what it converts; a unit or a counted noun is shared along a list
or across an ellipsis or a coordinated clause; a rate written once is shared by a change and the level it reached,
and a price per a unit of goods by the other prices of its sentence; a part takes the unit of its whole."""
from __future__ import annotations

from bisect import bisect_right
from itertools import islice

from spacy.tokens import Doc, Token

from .._resources import word_lists
from ..parse_text import BLANK_LINE
from ..tree import index_of
from .context import governing_verb, interval
from .lexicon import Lexicon
from .model import Quantity

WORDS = word_lists("analyzer.quantities")
DATE_PREPS = WORDS.ordered("date_preps")
SERIES_JOINERS = WORDS.ordered("series_joiners")
CHANGE_TARGETS = WORDS.words("change_targets")
PART_OF_WORDS = WORDS.words("part_of_words")
BASELINE_PREPS = WORDS.ordered("baseline_preps")
BASELINE_LINKS = WORDS.words("baseline_links")
RATE_ARTICLES = WORDS.ordered("rate_articles")
CHANGE_ENDS = WORDS.ordered("change_ends")


def inherit_in_parentheses(doc: Doc, quantities: list[Quantity], lex: Lexicon) -> None:
    """A conversion in parentheses right after a quantity ('more than 7.5 million crowns (US $1.1 million)',
    'under 296 hp (224 kW / 300 PS)') or a restatement after ', or' ('down 48.3 points, or 0.6 per cent') asserts
    what the quantity does: it takes its qualifier."""
    for prev, q in zip(quantities, quantities[1:], strict=False):
        if q.qualifier != "exact" or prev.qualifier in ("exact", "range") or prev.end >= len(doc):
            continue
        if doc[prev.end].text == "(":
            opening = prev.end
        elif doc[prev.end].text == "/" and prev.start > 0 and doc[prev.start - 1].text == "(":
            opening = prev.end  # "(224 kW / 300 PS)": the second conversion in the same parentheses
        elif doc[prev.end].text == "," and prev.end + 1 < len(doc) and doc[prev.end + 1].lower_ == "or":
            opening = prev.end + 1  # "fell 48.3 points, or 0.6 per cent": the same change restated
        else:
            continue
        if q.start > opening + 2:
            continue
        q.qualifier, q.qualifier_cue, q.direction = prev.qualifier, prev.qualifier_cue, q.direction or prev.direction
        if prev.qualifier in ("increase", "decrease"):
            q.low = q.high = q.value
        else:
            q.low, q.high = interval(prev.qualifier, prev.qualifier_cue, q.value, q.value_to, q.dimension, lex)


def share_unit_in_lists(doc: Doc, quantities: list[Quantity]) -> None:
    """In a list whose last member carries the unit ('60, 70 and 75%', 'between 2, 3 or 4 million tonnes'),
    the bare numbers before it share that unit; members in one unit share the rate written after the last. A
    scaled bare number after a member with a unit shares it, past the members' dates ('1.56 mln tonnes in 1987
    and 2.11 mln in 1988')."""
    def listed(a: Quantity, b: Quantity, dated: bool = False) -> bool:
        between = [t for t in doc[a.end:b.start]]
        if dated:  # "1.56 mln tonnes in 1987 and 2.11 mln in 1988": each member with its date
            between = [t for t in between if t.ent_type_ != "DATE" and t.lower_ not in DATE_PREPS]
        return bool(between) and all(t.lower_ in SERIES_JOINERS for t in between)

    def scaled(q: Quantity) -> bool:  # "2.11 mln", "10.2 billion": a scaled number counts something elided
        return q.end - q.start >= 2 and doc[q.start].text[:1].isdigit() and doc[q.end - 1].is_alpha

    def bare(q: Quantity) -> bool:  # a bare number, counting no noun
        return not q.unit and q.start <= q.anchor < q.end and q.dimension == "count" and q.kind == "number"

    def counts_past(q: Quantity, nxt: Quantity) -> bool:  # "45 and 50 mg ethanol": the noun after the list's unit
        return not q.unit and q.dimension == "count" and q.kind == "number" and q.anchor >= nxt.start \
            and nxt.dimension not in ("count", "fraction", "multiplier")

    for k in range(len(quantities) - 2, -1, -1):  # "60, 70 and 75%": backwards from the last
        q, nxt = quantities[k], quantities[k + 1]
        if (bare(q) or counts_past(q, nxt)) and nxt.unit and listed(q, nxt) \
                and abs(q.value) <= 1000 * abs(nxt.value):  # not "credits of 2,227,000 or four cts" (a restatement)
            q.unit, q.dimension, q.quantity_of = nxt.unit, nxt.dimension, nxt.quantity_of
        if q.unit and q.unit == nxt.unit and nxt.per and not q.per and listed(q, nxt):
            q.per = nxt.per  # "$500, $600 or $1,000 per year": the rate after the last is the list's
    for k in range(1, len(quantities)):  # "aged 19, 22 and 24": forwards from the first
        prev, q = quantities[k - 1], quantities[k]
        if bare(q) and prev.unit and prev.dimension == "age" and listed(prev, q):
            q.unit, q.dimension = prev.unit, prev.dimension
        elif bare(q) and scaled(q) and prev.unit and prev.dimension not in ("count", "fraction", "age") \
                and listed(prev, q, dated=True):
            q.unit, q.dimension, q.per = prev.unit, prev.dimension, q.per or prev.per


CHANGE_LINKS = WORDS.words("change_links")  # "fell $2.10 to $81.40", "$81.40, down $2.10"
RATE_WORDS = WORDS.words("rate_words")


def share_rate_in_changes(doc: Doc, quantities: list[Quantity]) -> None:
    """A change and the level it reached, in one unit, share the rate written once: 'Brent fell $2.10 to
    $81.40 a barrel' (both per barrel), '$81.40 a barrel, down $2.10', 'from $75 a barrel to $45.88'."""
    idx = index_of(doc)
    for a, b in zip(quantities, quantities[1:], strict=False):
        if bool(a.per) == bool(b.per) or not a.unit or not b.unit \
                or idx.sent_bounds(a.start) != idx.sent_bounds(b.start):
            continue
        if a.unit != b.unit and not (a.dimension == b.dimension == "currency"):
            continue  # "rose 5% to $10 a barrel": a change in percent is no price per barrel
        rate = (a.per or b.per).lower().split()
        between = [t.lower_ for t in doc[a.end:b.start]]
        if a.per:  # the rate phrase itself sits between them: "$75 per barrel to $45.88"
            between = [w for w in between if w not in RATE_WORDS and w not in rate and w.rstrip("s") not in rate]
        if not between or not set(between) <= CHANGE_LINKS or not (CHANGE_TARGETS & set(between)):
            continue
        if b.qualifier not in ("increase", "decrease") and a.qualifier not in ("increase", "decrease") \
                and "from" not in between and "to" not in between:
            continue
        a.per = b.per = a.per or b.per


def share_unit_with_whole(doc: Doc, quantities: list[Quantity]) -> None:
    """A bare number that is part of a quantity in a unit takes its unit: 'raised 280 million of the 1.5
    billion shekels', 'only 2 out of the 10 km'."""
    for q, nxt in zip(quantities, quantities[1:], strict=False):
        if q.unit or q.dimension != "count" or q.kind != "number" or not (q.start <= q.anchor < q.end) \
                or not nxt.unit or nxt.dimension in ("count", "fraction", "age"):
            continue
        between = [t.lower_ for t in doc[q.end:nxt.start]]
        if between and between[0] in ("of", "out") and set(between) <= PART_OF_WORDS:
            q.unit, q.dimension, q.per = nxt.unit, nxt.dimension, q.per or nxt.per


def fill_ellipsis(doc: Doc, quantities: list[Quantity]) -> None:
    """A bare count that counts nothing named ('195,000 members then, 176,000 now', '293 out of 300 parks',
    '9,950 of them') counts what the count before it in the sentence counts."""
    idx = index_of(doc)
    last = None  # the last count before q that counts a noun (one pass: no walk back per figure)
    for k, q in enumerate(quantities):
        if q.unit or q.quantity_of or q.dimension != "count" or not (q.start <= q.anchor < q.end):
            if q.dimension == "count" and not q.unit and q.quantity_of and not (q.start <= q.anchor < q.end):
                last = q
            continue
        sent_start, sent_end = idx.sent_bounds(q.start)
        if last is not None and last.start >= sent_start:
            q.quantity_of = last.quantity_of
        elif quantities[0].start >= sent_start:  # (only when no quantity comes before this sentence)
            for nxt in islice(quantities, k + 1, None):  # "293 out of 300 Austin city parks"
                if nxt.start >= sent_end or nxt.start - q.end > 3 \
                        or any(t.pos_ in ("NOUN", "PROPN") for t in doc[q.end:nxt.start]):
                    break  # (a later one is further still; "six CF-18 fighters, two craft": a noun of its own)
                if nxt.dimension == "count" and not nxt.unit and nxt.quantity_of:
                    q.quantity_of = nxt.quantity_of
                    break


def _level_and_baseline(level: Token, base: Token) -> bool:
    """Are the two the level reached and the figure it is compared with, on one word ('widened to 13.6 billion
    dlrs in calendar 1986 from 10.2 billion', 'output of 1.45 mln tonnes, against 1.35 mln')?"""
    if base.dep_ != "pobj" or base.head.lower_ not in BASELINE_PREPS:
        return False
    gov = base.head.head
    return (level.dep_ == "pobj" and level.head.head.i == gov.i) or level.head.i == gov.i


def share_unit_by_ellipsis(doc: Doc, quantities: list[Quantity]) -> None:
    """A bare number that counts nothing, after a quantity in a unit in the same sentence, is in that unit:
    'spends over 17 percent of its GDP ... competitors are spending about 12', 'fell from 5.2% to 4.9',
    'from about 14-18 mpg to 24', 'rose to 5.1 mln dlrs from 3.2 mln', '1.5 mln barrels per day, up from 1.4 mln'."""
    for k, q in enumerate(quantities):
        if q.unit or q.dimension != "count" or not (q.start <= q.anchor < q.end) or k == 0 or q.kind != "number":
            continue
        prev = quantities[k - 1]
        if prev.unit in ("percentage point", "basis point") and prev.direction and 0 < q.value <= 100 \
                and [t.lower_ for t in doc[prev.end:q.start]] == ["to"]:
            q.unit, q.dimension = "percent", "ratio"  # "raised rates by 0.25 percentage point to 5.5": a level
            continue
        # any measure when the number closes "from <figure> to N" ("from about 14-18 mpg to 24"), even when
        # the number was given the clause's subject as what it measures
        rate = set(prev.per.lower().split())
        between = [t.lower_ for t in doc[prev.end:q.start] if t.ent_type_ != "DATE" and t.lower_ not in RATE_WORDS
                   and t.lemma_.lower() not in rate and t.lower_ != "in" and t.pos_ != "DET"
                   and t.tag_ not in ("JJ", "VBN")]  # past "per day in March", "up from a projected 1.26 mln"
        level = prev.dimension not in ("count", "fraction") and (
            between == ["to"] and prev.start > 0 and doc[prev.start - 1].lower_ == "from"  # not "rose 8.15% to 3.65"
            or "from" in between and set(between) <= BASELINE_LINKS  # "rose to 5.1 mln dlrs from 3.2 mln"
            or _level_and_baseline(doc[prev.anchor], doc[q.anchor]))
        parallel = _parallel(doc, prev, q)
        if q.quantity_of and not level and not parallel:
            continue
        same_sentence = index_of(doc).sent_bounds(prev.start)[0] == index_of(doc).sent_bounds(q.start)[0]
        close = prev.value and 0.01 <= abs(q.value / prev.value) <= 100  # not "Costs £20,700 ... To Under 80"
        if prev.unit and (prev.dimension in ("ratio", "currency") or level or parallel) and same_sentence and close:
            q.unit, q.dimension = prev.unit, prev.dimension
            if level:
                q.per = q.per or prev.per
            tok = doc[q.anchor]
            if parallel and prev.direction and q.qualifier == "exact" and tok.dep_ == "conj" \
                    and tok.head.i == getattr(governing_verb(doc[prev.anchor]), "i", -1):
                # "rose 2.1 percent in May and 2.4 in June": the second number is the verb's too, a change
                q.qualifier, q.direction, q.qualifier_cue = prev.direction, prev.direction, prev.qualifier_cue
                q.low = q.high = q.value


SERIES_SENTENCES = 3  # sentences back a bare amount of money looks for the currency of its series


def share_currency_in_series(doc: Doc, quantities: list[Quantity], lex: Lexicon) -> None:
    """A bare scaled amount of a money noun ('Imports for the December quarter were 2.655 billion', 'Exports were
    2.837 billion against 3.065 billion') in a paragraph that gave the currency a few sentences before ('... the
    deficit narrowed to 567 mln dlrs') is in that currency: wire copy writes it once."""
    idx = index_of(doc)
    starts = idx.sent_starts()
    last: Quantity | None = None
    for q in quantities:
        if q.dimension == "currency" and q.unit:
            last = q
            continue
        if last is None or q.unit or q.dimension != "count" or q.kind != "number" or not q.start <= q.anchor < q.end \
                or not any(doc[i].lower_ in lex.multipliers for i in range(q.start, q.end)) or q.measured < 0 \
                or doc[q.measured].lemma_.lower() not in lex.series_money_nouns \
                and doc[q.measured].lower_ not in lex.series_money_nouns:
            continue
        apart = bisect_right(starts, q.start) - bisect_right(starts, last.start)
        if 0 <= apart <= SERIES_SENTENCES and not BLANK_LINE.search(doc[last.end:q.start].text):
            q.unit, q.dimension = last.unit, "currency"


COORDINATORS = WORDS.words("coordinators")
NOT_MEASURES = frozenset({"count", "fraction", "age", "multiplier"})


def _parallel(doc: Doc, prev: Quantity, q: Quantity) -> bool:
    """Is the bare number ``q`` the same measure as ``prev`` in a coordinated clause, its unit left unsaid: 'rose 2.1
    percent in May and 2.4 in June', 'increased by 2 percent but the Nasdaq fell by 1', 'a minus-1.4 degree angle
    in 2018 and 2.1 last year'? Not when the number is a clause's subject ('4 percent, and 300 lost jobs') or
    measures another named thing than ``prev`` does."""
    if not prev.unit or prev.dimension in NOT_MEASURES:
        return False
    between = doc[prev.end:q.start]
    if not any(t.lower_ in COORDINATORS for t in between) or any(t.like_num and t.ent_type_ != "DATE" for t in between):
        return False
    tok = doc[q.anchor]
    if tok.dep_ in ("nsubj", "nsubjpass", "csubj", "appos") \
            or (q.end < len(doc) and doc[q.end].pos_ in ("VERB", "AUX")):
        return False
    verbs = [governing_verb(t) for t in (tok, doc[prev.anchor])]
    if not (q.direction and prev.direction) and len({v.i if v is not None else -1 for v in verbs}) > 1:
        return False  # "makes 40 tonnes a day and employs 30"; both changes: "rose 2% ... fell by 1"
    if not q.quantity_of or q.quantity_of == prev.quantity_of:
        return True
    if q.direction and prev.direction and q.measured >= 0 and doc[q.measured].dep_ in ("nsubj", "nsubjpass") \
            and prev.value and 0.1 <= abs(q.value / prev.value) <= 10:
        return True  # "the DAX rose 2 percent but the Nasdaq fell by 1": parallel changes of two named things
    return q.measured >= 0 and doc[q.measured].ent_type_ in ("DATE", "TIME")  # '2.1 last year': a time, no measure


TIME_RATES = WORDS.words("time_rates")


def share_price_rate(doc: Doc, quantities: list[Quantity], lex: Lexicon) -> None:
    """A price quoted per a unit of goods governs the other plain prices of its sentence in the same currency:
    'settled 94 cents higher at $85.12 a barrel, while WTI gained $1.02 to $81.35' (all per barrel), 'copper rose to
    $10,150 a tonne, while aluminium slipped $12 to $2,480'. Not amounts in millions (totals, not prices), not a
    rate per time or per person ('$15 a month, with a $50 fee') or per item ('$5,000 for each recruit'); a rate
    per another currency is shared ('€1.05 for every pound, against a market rate of €1.18')."""
    idx = index_of(doc)

    def plain(q: Quantity) -> bool:
        return q.dimension == "currency" and q.kind == "number" and not any(
            t.lower_ in lex.multipliers for t in doc[q.start:q.end])

    def written_as_rate(q: Quantity) -> bool:
        cue = doc[q.end].lower_ if q.end < len(doc) else ""
        per = q.per.lower()
        return cue in RATE_ARTICLES or cue in ("for", "to") and bool({per, f"{per}s"} & _currency_names(lex))

    # written as a rate ('a barrel', 'per tonne', '/oz'), not as an item ('for every U.S. household')
    rated = [q for q in quantities if q.per and plain(q) and q.per.lower() not in TIME_RATES
             and written_as_rate(q)]
    if not rated:
        return
    for q in quantities:
        if q.per or not plain(q):
            continue
        bounds = idx.sent_bounds(q.start)
        same = [r for r in rated if idx.sent_bounds(r.start) == bounds
                and (r.unit == q.unit or {r.unit, q.unit} <= {"USD", "cent"})]
        if not same:
            continue
        near = min(same, key=lambda r: abs(r.start - q.start))
        a, b = (x.value / 100 if x.unit == "cent" else x.value for x in (q, near))
        change = q.direction or q.end < len(doc) and doc[q.end].lower_ in CHANGE_ENDS
        # a change may be small beside the price; a level before the price it is worked out at is a sum of it
        # ('the gold at about $849 at $29.11 per gram')
        low, high = (0.1, 10) if q.start < near.start and not change else (1e-3, 1e3)
        if b and low <= abs(a / b) <= high:  # not "a gain of 632,000 dlrs, or 19 cts per shr"
            q.per = near.per


def _currency_names(lex: Lexicon) -> frozenset[str]:
    """Every currency name of the lexicon, lower-case (read once per lexicon)."""
    names = getattr(lex, "_currency_names", None)
    if names is None:
        names = frozenset(n.lower() for c in lex.raw["currencies.json"]["currencies"] for n in c["names"])
        lex._currency_names = names  # type: ignore[attr-defined]
    return names
