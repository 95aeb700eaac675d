"""Finding the quantities of a parsed Doc: where a number starts and ends, with its currency, unit,
range and cue words; ``context`` reads the rest from the parse, ``document`` the passes over all of them.

The number itself is read from tokens (`numbers.read_number`); the tables are phrase matches indexed by
token (`lexicon.index_matches`); what a number is not is decided in `exclude`.
"""
from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from .._resources import word_lists
from ..text import noun_phrase, original_text
from ..tree import index_of, indexed, kids, span_root, up_ids
from .context import (
    counted_noun, currency_mark_after, entities_in_scope, interval, is_reference, length_context,
    qualifier_from_parse, rate_at, read_fronted_rate, read_quantity_of, read_rate, unit_at,
)
from .document import (
    fill_ellipsis, inherit_in_parentheses, share_currency_in_series, share_price_rate, share_rate_in_changes,
    share_unit_by_ellipsis,
    share_unit_in_lists, share_unit_with_whole,
)
from .ages import predicate_ages
from .exchange import exchange_rate_units
from .matches import Matches
from .lexicon import Lexicon
from .matches import ends_at, in_headline
from .model import Quantity
from .numbers import Number, multiplier_at, parse_token, read_number
from .scales import read_scales

NUMERIC_LABELS = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"})
WORDS = word_lists("analyzer.quantities")
DIMENSION_ADJECTIVES = WORDS.words("dimension_adjectives")
CLAUSE_JOINERS = WORDS.words("clause_joiners")
AGE_BOUND_WORDS = WORDS.words("age_bound_words")
RATE_DETERMINERS = WORDS.words("rate_determiners")
NAMED_THINGS = frozenset({"PRODUCT", "WORK_OF_ART", "LAW", "EVENT", "FAC"})  # "Boeing 737", "Resolution 2231"


def find_quantities(doc: Doc, lex: Lexicon, found: Matches, *, reference_max: float = 12) -> list[Quantity]:
    """Every numeric mention of ``doc``, in text order."""
    with indexed(doc):  # the stage's scope, or one of its own: token columns read once, not once per token
        return _find_quantities(doc, lex, found, reference_max)


def _find_quantities(doc: Doc, lex: Lexicon, found: Matches, reference_max: float) -> list[Quantity]:
    ents = doc.ents  # read once: spaCy builds every span anew on each access
    skip = _named_entity_tokens(ents, lex, found)
    ent_of = _linked_entities(ents)
    out: list[Quantity] = []
    whole = original_text(doc)  # once: spaCy rebuilds doc.text from its tokens on every access
    i = 0
    n = len(doc)
    starts = _number_starts(doc, lex)
    while i < n:
        if i in skip or not starts[i]:
            i += 1
            continue
        num = read_number(doc, i, lex)
        if num is None or lex.exclusions.excludes(doc, num, found, lex):
            i += 1 if num is None else num.end - i
            continue
        q = _build(doc, num, lex, found, ent_of, reference_max, whole)
        i = max(q.end, i + 1)
        if not math.isfinite(q.value) or math.isinf(q.value_to):
            continue  # "1e300 bcm of gas" (x 1e9 cubic metres): too large for a float
        out.append(q)
        rate = found["R"].get(q.end)
        if rate and q.per == rate[0][1]:
            i = max(i, rate[0][0])  # "$4.95 a dozen": the rate phrase is read, not a new number
    inherit_in_parentheses(doc, out, lex)
    exchange_rate_units(doc, out, lex, found, lambda name: _resolve_currency(name, doc, lex))
    predicate_ages(doc, out, lex)
    read_scales(doc, out, lex, found)
    share_unit_in_lists(doc, out)
    share_unit_with_whole(doc, out)
    fill_ellipsis(doc, out)
    share_unit_by_ellipsis(doc, out)
    share_unit_in_lists(doc, out)  # again: a member may have had its unit from the ellipsis ('against 1.35 mln')
    share_rate_in_changes(doc, out)
    share_price_rate(doc, out, lex)
    share_currency_in_series(doc, out, lex)
    return out


# ---------------------------------------------------------------------------- what is a number here


def _may_start_number(doc: Doc, i: int, lex: Lexicon) -> bool:
    """Can a number start at token ``i``?"""
    return _number_starts(doc, lex, i, i + 1)[0]


def _number_starts(doc: Doc, lex: Lexicon, start: int = 0, end: int | None = None) -> list[bool]:
    """`_may_start_number` of tokens ``start:end`` (default: all), read from the token columns at once."""
    idx = index_of(doc)
    lower, alpha, text = idx.column("LOWER"), idx.column("IS_ALPHA"), idx.column("ORTH")
    like_num, pos, lemmas = idx.column("LIKE_NUM"), idx.column("POS"), idx.column("LEMMA")
    out = []
    # what depends on a word alone is worked out once per distinct word of the Doc (news repeats words): whether
    # it is in a number word list, and for a word not of letters whether it is written as a number
    listed: dict[str, bool] = {}
    written: dict[tuple[str, bool], bool] = {}
    for i in range(start, len(lower) if end is None else end):
        low = lower[i]
        hit = listed.get(low)
        if hit is None:
            hit = listed[low] = low in lex.words or low in lex.articles or low in lex.fractions \
                or low in lex.negators or low in lex.vague
        if hit:
            out.append(True)
        elif alpha[i]:
            out.append(multiplier_at(pos, lemmas, lower, i, lex))
        else:
            key = (text[i], i > 0 and text[i - 1] == "$")
            hit = written.get(key)
            if hit is None:
                word = key[0]
                hit = written[key] = bool(like_num[i] or parse_token(word, lex, after_dollar=key[1]) is not None
                                          or (word[:1].isdigit() and ("-" in word or "–" in word)))
                # "4.50%-4.75%": a glued range
            out.append(hit)
    return out


def _named_entity_tokens(ents: Sequence[Span], lex: Lexicon, found: Matches) -> set[int]:
    """Tokens inside names ('Nord Stream 2', 'Boeing 737') of the Doc's entities ``ents``: numbers there are
    not quantities. An entity with no word of a name in it ('PS8.1bn' read as a place, 'minus-5 yards' as a
    person) is no name."""
    skip: set[int] = set()
    for ent in ents:
        if ent.label_ in NUMERIC_LABELS:
            continue
        if in_headline(found, ent.start) and not ent._.canonical and ent.label_ not in NAMED_THINGS:
            continue  # "Iraqi Army Downs 2 UK Planes": in a title-case headline the tagger's spans are guesses
        if any(t.is_alpha and (t.is_title or t.is_upper) and t.lower_ not in lex.words and t.i not in found["CS"]
               and t.lower_ not in lex.multipliers and not _in_unit(t.i, found) for t in ent):
            # a number with its unit stays a quantity inside a name: "MacBook Pro 16 inch"
            skip.update(t.i for t in ent if not _in_unit(t.i + 1, found, starts=True))
    return skip


def _in_unit(i: int, found: Matches, starts: bool = False) -> bool:
    """Is token ``i`` inside (or, with ``starts``, the start of) a unit or currency-name match?"""
    tables = ("U", "CN")
    if starts:
        return any(i in found[t] for t in tables)
    return any(s <= i < e for s in range(max(i - 3, 0), i + 1) for t in tables for e, _ in found[t].get(s, ()))


def _linked_entities(ents: Sequence[Span]) -> dict[int, str]:
    """token index -> canonical name of the linked entity of the Doc's entities ``ents`` it belongs to."""
    out = {}
    for ent in ents:
        name = ent._.canonical
        if name:
            for t in range(ent.start, ent.end):
                out[t] = name
    return out


# ---------------------------------------------------------------------------- one quantity


@dataclass(slots=True)
class _Draft:
    """One quantity while it is being read: where it starts and ends, what it measures, and the evidence for
    its qualifier. The passes of `_build` fill it in order; each reads what the ones before it settled."""

    doc: Doc
    num: Number
    lex: Lexicon
    found: Matches
    start: int
    end: int
    value: float
    value_to: float
    qualifier: str
    cue: str
    unit: str = ""
    dimension: str = "count"
    factor: float = 1.0
    per: str = ""
    pre: tuple[int, str] | None = None  # the currency sign or code written before the number
    spaced: tuple[str, int] | None = None  # a unit symbol written apart: "100 m", "7200 K"
    age_at: int | None = None  # where "aged"/"age" stands before the number
    sign_start: int = 0  # the number with its currency sign, before any cue word
    rng: tuple | None = None  # what `_range_after` read
    compared: frozenset[int] = frozenset()
    root: Token | None = None
    counted: Token | None = None
    anchor: Token | None = None
    parsed: str = "exact"  # the qualifier the parse gives (`qualifier_from_parse`)
    parsed_cue: str = ""
    direction: str = ""
    low: float = math.nan
    high: float = math.nan
    quantity_of: str = ""
    of_head: Token | None = None

    def set_unit(self, u) -> None:
        """Take a unit of the lexicon (name, dimension, scale factor, implied rate)."""
        self.unit, self.dimension, self.factor, self.per = u.name, u.dimension, u.factor, u.per


def _build(doc: Doc, num: Number, lex: Lexicon, found: Matches, ent_of: dict[int, str],
           reference_max: float, whole: str) -> Quantity:
    """The quantity that number ``num`` starts: its unit, range, qualifier, rate and what it measures, read
    by ordered passes over one `_Draft`."""
    vague = num.kind == "vague"
    d = _Draft(doc, num, lex, found, num.start, num.end, num.value, num.value_to,
               qualifier="range" if vague else "exact", cue=doc[num.start].lower_ if vague else "")
    for step in _PASSES:
        step(d)
    return _finish(d, ent_of, reference_max, whole)


# ------------------------------------------------ the unit: currency, written unit, unit read from the form


def _currency_before(d: _Draft) -> None:
    """A currency written before the number: "$4 billion", "US$30", "USD 5 million", "₼34.5 billion", "RM23.50"."""
    d.pre = ends_at(d.found["CS"], d.start)
    if d.num.currency:
        d.unit, d.dimension = d.num.currency, "currency"
        if d.start > 0 and d.doc[d.start - 1].text == "$":
            d.start -= 1  # "$US55m", "$A82m"
        d.pre = None
    elif d.pre is not None:
        d.start, d.unit, d.dimension = d.pre[0], d.pre[1], "currency"


def _unit_written(d: _Draft) -> None:
    """A change by a factor ("doubled"), a unit glued to the number ("10kW", "40min", "118.5p") or the unit or
    currency written after it ("30 million tons", "5 million rubles", "12%", "tens of millions of dollars")."""
    doc, num, lex = d.doc, d.num, d.lex
    if num.kind == "multiplier":
        d.unit, d.dimension = "times", "multiplier"  # "doubled", "cut in half"
    elif num.unit is not None:
        u = lex.units[num.unit]
        if not d.unit or u.dimension != "currency":
            d.set_unit(u)
        same = [m_end for m_end, key in d.found["U"].get(d.end, ()) if lex.units[int(key)].name == u.name]
        if not math.isnan(num.value_to) and same:
            d.end = max(same)  # "4.50%-4.75%": the unit written again after the range
    else:
        before_unit = d.end
        d.end, d.unit, d.dimension, d.factor, d.per = _unit_after(doc, d.end, num, lex, d.found, d.unit, d.dimension)
        if d.unit == "XXX":  # "70 million pesos": whose pesos, the countries named in the text say
            d.unit = _resolve_currency(doc[d.end - 1].lower_, doc, lex) if d.end > before_unit else ""
        elif d.unit == "USD" and d.end == before_unit + 1 and doc[before_unit].lower_ in lex.local_dollar_names:
            d.unit = _local_dollar(doc, lex, before_unit) or d.unit  # "567 mln dlrs" in a New Zealand story


def _unit_symbol(d: _Draft) -> None:
    """A spaced "m" or "K" that is a unit symbol, not a scale word: "7.83 m s−1", "100 m from the road",
    "heated to 7200 K"."""
    num = d.num
    if num.m_suffix and not d.unit and num.end - num.start >= 2:
        longer = [(m_end, key) for m_end, key in d.found["U"].get(num.end - 1, ()) if m_end > num.end]
        if longer:  # "7.83 m s−1": a spaced "m" that starts a unit is no million
            d.value, d.end = num.base, longer[0][0]
            d.set_unit(d.lex.units[int(longer[0][1])])
    d.spaced = _spaced_symbol(d.doc, num, d.end) if not d.unit and num.kind == "number" else None
    if d.spaced is not None:
        name, d.end = d.spaced
        if num.multiplier != 1.0:
            d.value = num.base
        d.unit, d.dimension = ("metre", "length") if name == "m" else ("kelvin", "temperature")


def _unit_of_ratio(d: _Draft) -> None:
    """A ratio ("three times as many", "a 60-fold increase") or a fraction ("one in four", "two-thirds",
    "a third of", "1/16 of the seats")."""
    doc, num = d.doc, d.num
    if not d.unit and num.kind == "number":
        times_end = _times_after(doc, d.end, d.lex)
        if times_end is not None:
            d.unit, d.dimension, d.end = "times", "multiplier", times_end
    if not d.unit and (num.kind == "fraction" or _fraction_written(doc, num) and 0 < d.value < 1
                       and d.end < len(doc) and doc[d.end].lower_ == "of"):
        d.unit, d.dimension = "fraction", "fraction"


def _unit_of_age(d: _Draft) -> None:
    """An age: "voters aged 18 to 24", "those aged over 80"."""
    d.age_at = _age_cue_at(d.doc, d.start, d.lex) if not d.unit and d.num.kind == "number" else None
    if d.age_at is not None:
        d.unit, d.dimension = "year", "age"


def _unit_in_metres(d: _Draft) -> None:
    """Metres from a glued "m" where a length is meant: "the 37m (121ft)-long skeleton", "in the 200m"."""
    doc, num, end = d.doc, d.num, d.end
    if num.m_suffix and not d.unit and (length_context(doc, end) or _names_a_distance(doc, d.start, end)
                                        or _after_length_noun(doc, d.start, end, d.lex)):
        d.value, d.unit, d.dimension = num.base, "metre", "length"


def _unit_in_inches(d: _Draft) -> None:
    """Inches from an "in" the tokenizer split off: "a 6.3in display", "2 in thick"."""
    doc, num, end = d.doc, d.num, d.end
    if not d.unit and num.kind == "number" and end < len(doc) and doc[end].lower_ in ("in", "in.") \
            and (doc[end - 1].whitespace_ == "" and not doc[end - 1].is_alpha
                 or end + 1 < len(doc) and doc[end + 1].lower_ in DIMENSION_ADJECTIVES):
        d.unit, d.dimension, d.end = "inch", "length", end + 1


def _unit_of_temperature(d: _Draft) -> None:
    """Degrees below or above zero ("wind chills of 25 below zero") and a temperature in degrees or with a
    "c" ("hit 110 degrees in Phoenix", "41c in Seville"), on the scale the text uses."""
    doc, num, lex, end = d.doc, d.num, d.lex, d.end
    if num.kind == "number" and end + 1 < len(doc) and doc[end].lower_ in ("below", "above") \
            and doc[end + 1].lower_ == "zero" and (not d.unit or d.unit == "degree"):
        d.value = -d.value if doc[end].lower_ == "below" else d.value
        d.unit, d.dimension, d.end = d.unit or "degree", "temperature", end + 2
        if d.unit == "degree":
            d.unit = _temperature_scale(doc)
    if d.unit in ("degree", "cent") and _about_temperature(doc, d.start, lex) and (
            d.unit == "degree" or doc[num.end - 1].text[-1:] in ("c", "C")):
        d.unit, d.dimension = _temperature_scale(doc), "temperature"


# ------------------------------------------------ the range, and what the scale and the unit make of the value


def _range(d: _Draft) -> None:
    """A range: "between 10 and 15 million", "10-15%", "from $2 to $3 billion", "25 to 30 billion dollars";
    the number's own cue word ("about", "~") is its first qualifier."""
    doc, num, lex, found = d.doc, d.num, d.lex, d.found
    if num.cue and num.cue != "exact":
        d.qualifier, d.cue = num.cue, doc[num.start].text[:1] if num.cue == "approximately" else num.cue
    d.sign_start = d.start
    opener_at = d.start - 1
    cue_before = ends_at(found["QB"], d.start)
    if cue_before is not None and cue_before[0] > 0 and doc[cue_before[0] - 1].lower_ in lex.range_openers:
        opener_at = cue_before[0] - 1  # "rose from about $350 to $680"
    d.rng = None if num.kind != "number" else _range_after(
        doc, d.end, num, lex, found, d.unit, d.dimension, opener_word=doc[opener_at].lower_ if opener_at >= 0 else "",
        start=d.start)
    if d.rng is None:
        return
    d.end, second, d.unit, d.dimension, d.factor, d.per = d.rng
    d.value_to = second.value * d.factor
    d.value = num.value * shared_scale(num, second)  # the scale word applies to both ends
    if d.spaced is not None:  # "from 2605 m to 2634 m": metres at both ends, no millions
        d.value = num.base if num.multiplier != 1.0 else num.value
        if second.multiplier != 1.0 and doc[second.end - 1].text[:1] in ("m", "K"):
            d.value_to = second.base
    if d.qualifier == "exact":
        d.qualifier = "range"  # "~25 – 40min" keeps its approximately
    if d.start > 0 and doc[d.start - 1].lower_ in lex.range_openers:
        d.start -= 1
        d.cue = d.cue or doc[d.start].lower_


def _scaled(d: _Draft) -> None:
    """The value in the unit's base (the unit's factor), and units the context renames: "its 28nm process
    technology" is nanometres; "a yield of 15 kilotons" is an explosive yield, not tonnes of cargo."""
    doc, lex = d.doc, d.lex
    d.value *= d.factor
    if d.unit == "nautical mile" and _sentence_words(doc, d.start, "nanometre",
                                                     lambda t: t.lower_ in lex.nanometre_words):
        d.unit, d.dimension = "nanometre", "length"
    if d.unit == "tonne" and d.factor in (1e3, 1e6) and _about_explosives(doc, d.start, lex):
        d.unit, d.dimension = ("kiloton TNT" if d.factor == 1e3 else "megaton TNT"), "energy"
        d.value, d.value_to = d.value / d.factor, d.value_to / d.factor


# ------------------------------------------------ the qualifier's written cues


def _cue_before(d: _Draft) -> None:
    """A bound written before the number: "over", "nearly", "up to", "at least" (part of the quantity's
    text); not a preposition ("slowed over two quarters"), a comparison ("up 4 percent over 2018's 3.1
    million") or part of a compound word ("an EPA-estimated 51 mpg")."""
    doc, lex = d.doc, d.lex
    if d.qualifier not in ("exact", "range") or d.num.kind == "vague":
        return
    before = ends_at(d.found["QB"], d.start)
    if before is None:
        return
    at = before[0]
    if at == d.start - 1 and doc[at].lower_ in lex.temporal_cues and doc[at].dep_ == "prep" \
            and doc[at].head.pos_ in ("VERB", "AUX"):
        return
    if _over_compares(doc, at, lex) or at > 0 and doc[at - 1].text in ("-", "–") and doc[at - 1].whitespace_ == "":
        return
    if d.qualifier == "exact" or before[1] == "approximately":
        d.start, d.qualifier = before
        d.cue = (doc[d.start:d.num.start] if d.pre is None else doc[d.start:d.pre[0]]).text.lower()


def _cue_after(d: _Draft) -> None:
    """A bound written after the number: "5,000 or more", "100,000-plus", "5,000 troops or more"."""
    doc = d.doc
    if d.qualifier not in ("exact", "range") or d.num.kind == "vague":
        return
    end = d.end
    for at in (end, end + 1):
        after = d.found["QA"].get(at)
        if not after or d.qualifier != "exact" or (at == end + 1 and doc[d.num.end - 1].head.i != end):
            continue
        a_end, after_cue = after[0]
        if doc[at].lower_ == "at" and a_end < len(doc) and doc[a_end].lower_ == "the":
            continue
        d.qualifier, d.cue = after_cue, doc[at:a_end].text.lower()
        if at == end and doc[at].text in ("+", "-plus", "plus"):
            d.end = a_end


def _cue_of_age(d: _Draft) -> None:
    """A bound on an age: "under the age of 30", "over age 65"."""
    if d.qualifier == "exact" and d.age_at is not None and d.age_at < d.start:
        before = ends_at(d.found["QB"], d.age_at)
        if before is not None:
            d.qualifier, d.cue = before[1], d.doc[before[0]:d.age_at].text.lower()


# ------------------------------------------------ the parse: what the number hangs from, and what it counts


def _anchor(d: _Draft) -> None:
    """The token the quantity hangs from in the parse, the noun it counts ("30 million tons of cargo") and a
    noun that is its unit ("517 rushing yards", "50 previous years")."""
    doc, lex = d.doc, d.lex
    start, end = d.start, d.end
    span = doc[min(d.sign_start, d.num.start):end]
    root = span_root(doc, span.start, span.end)  # "capped at Rp 3,500": the sign may head the number in the parse
    climb = doc[d.num.end - 1]
    while span.start <= climb.head.i < span.end and climb.head.i != climb.i:
        climb = climb.head
    # is root the number's own head or above it? (is_ancestor would walk a degenerate parse to its root)
    if root.i not in up_ids(doc, climb.i):
        root = climb  # "at up to 320 km/h.": a stray unit token hangs elsewhere; follow the number's own head
    d.compared = _comparison_after(doc, end, lex)
    if d.compared and start <= root.i < end and root.head.i in d.compared:
        root = root.head  # "grew 7.6% year on year": the phrase, not the number, hangs from the verb
    counted = counted_noun(root, start, end, d.unit) if not d.compared or root.i not in d.compared else None
    if counted is not None and not d.unit:
        measured = unit_at(counted.i, lex, d.found) if not _names_no_unit(counted, start, d.found) else None
        if measured is not None:
            d.unit, d.dimension, d.factor, d.per = measured
            counted = None
    d.root, d.counted = root, counted
    d.anchor = counted if counted is not None else root


def _parsed_qualifier(d: _Draft) -> None:
    """What the parse says of the number ("surpassing $4 billion", "rose 5%", "a 5% rise") and its direction
    of change; a multiplier's direction is its own ("doubled"), with a bound written before it ("more than
    doubled")."""
    doc, num = d.doc, d.num
    assert d.anchor is not None
    d.parsed, d.parsed_cue = qualifier_from_parse(doc, d.anchor, d.start, d.end, d.lex, d.dimension)
    if d.unit == "times" and num.kind == "number" and d.end < len(doc) and d.parsed_cue == doc[d.end].lower_:
        d.parsed, d.parsed_cue = "exact", ""  # "10 times more important": a static ratio, not a change
    d.direction = d.parsed if d.parsed in ("increase", "decrease") else ("increase" if num.plus else "")
    if num.kind == "multiplier":
        d.direction = num.cue
        bound = ends_at(d.found["QB"], d.start)
        if bound is not None and bound[0] < d.start:
            d.start, d.qualifier, d.cue = bound[0], bound[1], doc[bound[0]:d.start].text.lower()
    d.qualifier, d.cue = settle_qualifier(d.qualifier, d.cue, d.parsed, d.parsed_cue, d.direction)


def settle_qualifier(written: str, written_cue: str, parsed: str, parsed_cue: str,
                     direction: str) -> tuple[str, str]:
    """The qualifier and its cue from the written evidence and the parse's. The precedence: a written bound
    ("nearly", "more than", "up to") wins, and a change is then only its direction ("up nearly 57%"); a change
    (from the parse or a "+" sign) beats a written range ("dropped by 1 to 1.5 degrees" is a decrease); the
    parse's own reading ("surpassing" is a lower bound) fills in where nothing was written."""
    if written == "exact" and direction:
        return direction, parsed_cue or "+"  # "rose 5%", "Dow +0.2%"
    if written == "exact":
        return parsed, parsed_cue
    if written == "range" and direction:
        return direction, parsed_cue
    return written, written_cue


def _rate(d: _Draft) -> None:
    """A rate: "annually", "per day", "a year", or inside a range ("from $75 a barrel in October to $45.88");
    a unit may imply one already ("bpd")."""
    doc, lex, found = d.doc, d.lex, d.found
    if not d.per and d.rng is not None:
        mark = currency_mark_after(doc, d.num.end, lex, found)
        d.per = rate_at(doc, d.num.end, lex, found) or (rate_at(doc, mark, lex, found) if mark is not None else "")
    if not d.per:
        assert d.anchor is not None
        d.per = read_rate(doc, d.anchor, d.end, lex, found) or read_fronted_rate(doc, d.anchor, d.start, lex, found)


def _interval(d: _Draft) -> None:
    """The interval the claim asserts, from the qualifier and the value now settled (before what is measured
    renames a count to points or years)."""
    d.low, d.high = interval(d.qualifier, d.cue, d.value, d.value_to, d.dimension, d.lex)


def _measured(d: _Draft) -> None:
    """What is measured ("trade turnover"), from the parse; what a multiplier multiplies ("double trade with
    Azerbaijan", "cut the deficit in half")."""
    doc, num = d.doc, d.num
    assert d.root is not None
    d.quantity_of, d.of_head = read_quantity_of(doc, d.root, d.counted, d.start, d.end, d.dimension, d.lex,
                                                d.found, num.kind, also_skip=d.compared)
    if num.kind == "multiplier":
        verb = doc[num.start] if doc[num.start].pos_ == "VERB" else doc[num.start].head
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        if obj is not None:
            d.quantity_of, d.of_head = noun_phrase(obj, set(range(d.start, d.end))), obj


def _unit_of_measure(d: _Draft) -> None:
    """Units that what is measured implies: an index level is in points ("the FTSE 100 closed at 8,163.4"),
    a share's change in percentage points ("turnout was down 7.5 points"), life expectancy in years."""
    doc, num, lex, of_head = d.doc, d.num, d.lex, d.of_head
    plain = not d.unit and d.dimension == "count"
    if plain and (not d.value.is_integer() or d.value >= 100):
        if _names_index(d.quantity_of, lex) or (of_head is None and _index_before(doc, d.start, lex)):
            d.unit, d.dimension = "point", "score"
    if d.unit == "point" and (of_head is not None and of_head.lemma_.lower() in lex.percentage_subjects
                              or _fraction_written(doc, num) and not _names_index(d.quantity_of, lex)
                              and not _index_before(doc, d.start, lex)):
        d.unit, d.dimension = "percentage point", "ratio"  # also "a quarter of a point"
    if not d.unit and d.dimension == "count" and num.kind == "number" and of_head is not None \
            and of_head.i < d.start and of_head.lemma_.lower() in lex.age_nouns:
        d.unit, d.dimension = "year", "age"  # "life expectancy for men is around 73"


def _rate_of_measure(d: _Draft) -> None:
    """A rate that what is measured carries: "A gallon of gasoline averaged $3.61", "earnings per share of
    $2.15", "an annual budget of $40 billion", "monthly minimum wage ... 17,002 lira"."""
    lex, of_head = d.lex, d.of_head
    if of_head is None:
        return
    if of_head.dep_ in ("nsubj", "nsubjpass") and not d.per:
        d.per, d.quantity_of = _per_unit_subject(of_head, lex, d.found, d.quantity_of)
    if not d.per:
        d.per, d.quantity_of = _rate_on_measure(of_head, d.start, d.end, lex, d.found, d.quantity_of)
    if not d.per and d.dimension != "ratio":
        adj = next((c for c in of_head.children if c.dep_ in ("amod", "compound") and c.lower_ in lex.rate_adjectives),
                   None)
        if adj is not None:
            d.per = lex.rate_adjectives[adj.lower_]
            d.quantity_of = noun_phrase(of_head, {*range(d.start, d.end), adj.i})


_PASSES = (
    # the unit
    _currency_before, _unit_written, _unit_symbol, _unit_of_ratio, _unit_of_age, _unit_in_metres,
    _unit_of_temperature, _unit_in_inches,
    # the range, and the value in the unit's base
    _range, _scaled,
    # the qualifier: its written cues, then the parse (`settle_qualifier` weighs them)
    _cue_before, _cue_after, _cue_of_age, _anchor, _parsed_qualifier,
    # the rate and the interval, then what is measured and what that implies
    _rate, _interval, _measured, _unit_of_measure, _rate_of_measure,
)


def _finish(d: _Draft, ent_of: dict[int, str], reference_max: float, whole: str) -> Quantity:
    """The Quantity: its text as written, its interval, the entities in its scope, and whether it is a claim
    ("one of the best speakers" picks from a group; "the two nations" refers back: mentions, not claims)."""
    doc, num, lex, start, end = d.doc, d.num, d.lex, d.start, d.end
    assert d.anchor is not None
    end_char = doc[end - 1].idx + len(doc[end - 1].text)
    text = whole[doc[start].idx:end_char]  # as written (`original_text`): a no-break space stays one
    if text.endswith(".") and (doc[end - 1].lower_ in lex.multipliers or doc[end - 1].is_sent_end) \
            and not doc[end - 1].lower_.endswith(("a.m.", "p.m.", "u.s.")) and len(doc[end - 1]) > 1:
        text, end_char = text[:-1], end_char - 1  # "£37m." at the end of a sentence: the full stop is not "m."
    q = Quantity(
        start=start, end=end, start_char=doc[start].idx, end_char=end_char, text=text, value=float(d.value),
        value_to=float(d.value_to), qualifier=d.qualifier, qualifier_cue=d.cue, low=d.low, high=d.high, unit=d.unit,
        dimension=d.dimension, quantity_of=d.quantity_of, per=d.per, anchor=d.anchor.i, kind=num.kind,
        direction=d.direction,
    )
    q.measured = d.of_head.i if d.of_head is not None and d.quantity_of else -1
    q.entities = entities_in_scope(d.anchor, ent_of)
    q.is_claim = num.kind != "one_of" and not is_reference(num, d.counted, q, reference_max)
    return q


def _unit_after(doc: Doc, end: int, num: Number, lex: Lexicon, found: Matches, unit: str, dimension: str):
    """The unit or currency written right after the number (longest wins); returns the new end and the
    unit's name, dimension, scale factor and implied rate."""
    factor, per = 1.0, ""
    j = end
    if j + 1 < len(doc) and doc[j].is_space and "\n\n" not in doc[j].text:
        j += 1  # "27.8 billion\ndlrs": a line break of hard-wrapped text inside the figure
    if j < len(doc) and doc[j].text in ("-",) and j + 1 < len(doc):
        j += 1  # "272-kilometre", "10-year"
    elif (num.kind in ("vague", "fraction") or _fraction_written(doc, num)) and j + 1 < len(doc) \
            and doc[j].lower_ == "of":
        j += 1 + (doc[j + 1].lower_ in ("a", "an", "the"))  # "tens of millions of dollars", "a third of a tonne",
        # "1/16 of a pint"
    elif j + 1 < len(doc) and doc[j].lower_ in lex.articles and doc[num.end - 1].lower_ in lex.fractions:
        j += 1  # "half a percentage point"
    candidates = []
    for m_end, key in found["U"].get(j, ()):
        candidates.append((m_end, "U", key))
    for table in ("CN", "CS"):
        for m_end, code in found[table].get(j, ()):
            if table == "CN" and doc[j:m_end].text.lower() in lex.need_multiplier and num.multiplier == 1.0 \
                    and not _about_money(doc, j, lex):
                continue  # "208 pounds" is a weight; "5 billion pounds", "tickets cost 45 pounds" are money
            candidates.append((m_end, table, code))
    if not candidates:
        return end, unit, dimension, factor, per
    m_end, table, key = max(candidates, key=lambda c: (c[0], c[1] != "U"))
    if table == "U":
        if unit:  # currency already before the number: "$58 per barrel" keeps USD; the unit is no unit here
            return end, unit, dimension, factor, per
        u = lex.units[int(key)]
        return m_end, u.name, u.dimension, u.factor, u.per
    if unit and unit != key:
        return end, unit, dimension, factor, per
    return m_end, key, "currency", factor, per


def _range_after(doc: Doc, end: int, first: Number, lex: Lexicon, found: Matches, unit: str, dimension: str,
                 opener_word: str, start: int):
    """A second number that closes a range with the first; None unless the two fit together.
    'between 10 and 15', '10-15%', '10 to 15 million', 'three or four years', 'from $75 a barrel in
    October to $45.88', '200,000 to-260,000'; not 'increased by $43.6 billion to $419.2 billion' (a
    change and the level it reached) nor 'rose 5% to $10 billion' (two kinds)."""
    if end >= len(doc):
        return None
    joined = _range_joiner(doc, end, lex, opener_word)
    if joined is None:
        return None
    j, joiner, opener_word = joined
    after_change = _after_change(doc, start, lex, found)
    if joiner == "to" and opener_word != "from" and after_change and unit:
        return None  # "increased by $43.6 billion to $419.2 billion", "fell 5% to 3%"; not "by 1 to 1.5 degrees"
    sym = found["CS"].get(j)
    if sym:
        s_end, code = sym[0]
        if unit and code != unit:
            return None
        j = s_end
    if j >= len(doc) or not _may_start_number(doc, j, lex):
        return None
    second = read_number(doc, j, lex)
    if second is None or second.kind != "number" or (
            second.integer_digits and first.integer_digits and lex.exclusions.is_year(first, doc, found)):
        return None  # "2020-2023" is a period
    sign = second.currency or (sym[0][1] if sym else "")
    if second.unit is not None:
        u = lex.units[second.unit]
        s_end, s_unit, s_dim, s_factor, s_per = second.end, u.name, u.dimension, u.factor, u.per
    else:
        s_end, s_unit, s_dim, s_factor, s_per = _unit_after(doc, second.end, second, lex, found, sign,
                                                            "currency" if sign else "count")
    if sign and not unit:
        unit, dimension = sign, "currency"
    if not _ends_fit(doc, first, second, joiner, opener_word, unit, s_unit, bool(sym), start, after_change):
        return None
    return s_end, second, s_unit or unit, s_dim if s_unit else dimension, s_factor, s_per


def _range_joiner(doc: Doc, end: int, lex: Lexicon, opener_word: str) -> tuple[int, str, str] | None:
    """Where the second number of a range may start, the word that joins the two ("to", "and", "-", "or")
    and the opener that still applies; None where no joiner the opener allows follows."""
    n = len(doc)
    j = end
    if opener_word == "from":  # the "to" may come a few words later
        k = end
        while k < min(n, end + 10) and doc[k].lower_ != "to" and doc[k].text not in (",", ";", ".", "from") \
                and doc[k].lower_ not in CLAUSE_JOINERS:
            k += 1  # (a coordination starts another phrase: "from two pct in 1986 and a rise in prices to 1.25 pct")
        if k < n and doc[k].lower_ == "to":
            j = k
    if opener_word == "from" and doc[end].text in ("-", "–"):
        opener_word, j = "", end  # "from about 14-18 mpg to 24": the hyphen closes this range
    glued = parse_token(doc[j].text, lex)
    if glued is not None and glued.range_joiner:
        return j, "to", opener_word  # "200,000 to-260,000"
    joiner = doc[j].lower_
    allowed = lex.range_joiners.get(opener_word if opener_word in lex.range_joiners else "", frozenset())
    if joiner not in allowed or (joiner == "and" and opener_word not in ("between", "aged")):
        return None
    return j + 1, joiner, opener_word


def _after_change(doc: Doc, start: int, lex: Lexicon, found: Matches) -> bool:
    """Does the number follow a change ("rose", "by"), before any cue word ("risen by about £21 to £118.50")?"""
    lead = start
    cue = ends_at(found["QB"], start)
    if cue is not None and cue[0] < start:
        lead = cue[0]
    return lead > 0 and (doc[lead - 1].lower_ == "by" or doc[lead - 1].lemma_.lower() in lex.change_verbs)


def _ends_fit(doc: Doc, first: Number, second: Number, joiner: str, opener_word: str, unit: str, s_unit: str,
              sym: bool, start: int, after_change: bool) -> bool:
    """Do the two numbers make one range, by their units, scales, ways of writing and sizes?"""
    if s_unit and unit and s_unit != unit:
        return False  # "rose 5% to $10 billion": a change and a level, not a range
    listed = start > 0 and doc[start - 1].text == ","
    if joiner == "or" and (unit or first.multiplier != 1.0) and (
            s_unit != unit or second.multiplier != first.multiplier or sym or listed):
        return False  # "three or four years", "1 or 2%", "12 million or 13 million"; not "5% or $10 billion",
        # "$500, $600 or $1,000" (a list of alternatives)
    if joiner == "to" and not (s_unit or unit) and not opener_word and first.written != second.written:
        return False  # bare "10 to 15": a range only between numbers written alike
    low = first.value * shared_scale(first, second)
    if second.value < low and opener_word != "from":
        return False  # "5,000 to 300": not a range
    if joiner == "to" and after_change and second.value > 5 * abs(low) > 0:
        return False  # "fell by 13,600 to 582,000": the change and the level it reached
    return True


def shared_scale(first: Number, second: Number) -> float:
    """What the first end of a range is multiplied by when the second end's scale word applies to both:
    '10 to 15 million' (a million), 'between four and five hundred' (a hundred); else 1."""
    if first.multiplier == 1.0 and second.multiplier != 1.0 and abs(first.base) <= abs(second.base):
        return second.multiplier
    if first.written and second.written and first.value < 10 and second.value in (200, 300, 400, 500, 600, 700,
                                                                                   800, 900):
        return 100.0
    return 1.0


def _resolve_currency(name: str, doc: Doc, lex: Lexicon) -> str:
    """The ISO code of a currency name several countries use ('pesos', 'rupees', 'dinars'): that of the
    first country named in the text that uses it, else the most common one."""
    table = lex.ambiguous_currency.get(name, {})
    for ent in doc.ents:
        code = table.get(ent._.country or "")
        if code:
            return code
    return table.get("default", "")


def _local_dollar(doc: Doc, lex: Lexicon, at: int) -> str | None:
    """The dollar a bare 'dlrs' or 'dollars' at token ``at`` means: the local dollar of the first country the
    text names, when that country has one (wire copy about New Zealand or Hong Kong writes its figures in local
    dollars), unless the figure's sentence names the United States; None for the US dollar."""
    idx = index_of(doc)
    key = ("local_dollar_country",)
    first = idx.memo.get(key, False)
    if first is False:
        first = idx.memo[key] = next((c for c in map(_country_code, doc.ents) if c), None)
    code = lex.local_dollars.get(first or "")
    if code is None:
        return None
    start, end = idx.sent_bounds(at)
    if any(_country_code(e) == "US" for e in doc[start:end].ents):
        return None  # "... said U.S. exports rose to 5 billion dlrs": that sentence's dollars may be American
    return code


def _country_code(ent) -> str | None:
    """The ISO code of the country or territory an entity is, or is in ('Hong Kong' is HK, 'Auckland' NZ)."""
    if ent._.kind in ("country", "territory") and ent._.entity_id:
        return ent._.entity_id
    return ent._.country


def _age_cue_at(doc: Doc, start: int, lex: Lexicon) -> int | None:
    """Where the age cue of the number starts, if it is an age: right after 'aged', 'ages', 'age', 'the age
    of' ('aged 18 to 24', 'aged over 80', 'under the age of 30'); None otherwise."""
    k = start - 1
    while k >= 0 and doc[k].lower_ in AGE_BOUND_WORDS:
        k -= 1
    if k >= 1 and doc[k].lower_ == "of" and doc[k - 1].lower_ == "age":
        k -= 1  # "the age of 30"
        return k - 1 if k > 0 and doc[k - 1].lower_ == "the" else k
    if k >= 0 and doc[k].lower_ in lex.age_cues:
        return k
    if k >= 0 and (doc[k].lower_ in lex.age_after_people or doc[k].ent_type_ == "NORP" and doc[k].tag_ == "NNPS"):
        num = doc[start]
        end = start + 1
        while end < len(doc) and (doc[end].like_num or doc[end].lower_ in ("to", "-", "–", "and")) and end < start + 4:
            end += 1  # past "18 to 34"
        counts_after = end < len(doc) and (doc[end].pos_ in ("NOUN", "PROPN") or doc[end].lower_ == "of")
        if num.like_num and not counts_after and re.fullmatch(r"\d{1,3}", num.text) and 0 < int(num.text) <= 120:
            return k + 1  # "voters 18 to 34", "adults 65 and older", "children under 5": the people word is no cue
    return None


def _over_compares(doc: Doc, k: int, lex: Lexicon) -> bool:
    """Is the 'over' at token ``k`` 'compared with' ('up 4 percent over 3.1 million', 'a 5% rise over 2,000')?
    So it is when it follows a figure or a noun of change, not a verb ('rose over 5%')."""
    if doc[k].lower_ != "over" or k == 0:
        return False
    prev = doc[k - 1]
    return prev.like_num or prev.lower_ in ("%", "percent", "pct", "cent", "points", "point") \
        or prev.pos_ == "NOUN" and prev.lemma_.lower() in lex.change_nouns


def _comparison_after(doc: Doc, end: int, lex: Lexicon) -> frozenset[int]:
    """Tokens of 'year on year', 'y/y', 'month-on-month' right after the quantity (empty if none)."""
    if end >= len(doc):
        return frozenset()
    for phrase in lex.comparison_by_first.get(doc[end].lower_, ()):
        n = len(phrase)
        if tuple(t.lower_ for t in doc[end:end + n]) == phrase:
            return frozenset(range(end, end + n))
    return frozenset()


def _rate_on_measure(head: Token, start: int, end: int, lex: Lexicon, found: Matches,
                     quantity_of: str) -> tuple[str, str]:
    """A rate written on the measured noun rather than after the figure: 'GDP per capita reached $10,000',
    'per capita income was $5,000', 'earnings per share of $2.15' (what is measured is then the earnings)."""
    doc = head.doc
    figure = set(range(start, end))
    if head.dep_ == "pobj" and head.head.lower_ == "per" and head.head.head.pos_ in ("NOUN", "PROPN"):
        measured = unit_at(head.i, lex, found)
        above = head.head.head
        per = measured[0] if measured is not None else head.lemma_.lower()
        return per, noun_phrase(above, figure | {t.i for t in head.head.subtree})
    for child in head.children:
        if child.left_edge.i < end and child.right_edge.i >= start:
            continue  # the child's subtree (a run of tokens: the parse is projective) holds part of the figure
        rates = found["R"].get(child.left_edge.i)
        if rates and rates[0][0] <= child.right_edge.i + 1 and doc[child.left_edge.i].lower_ in ("per", "a", "an") \
                and rate_at(doc, child.left_edge.i, lex, found):  # not "a year ago", "a day after"
            return rates[0][1], quantity_of
        if child.dep_ == "prep" and child.lower_ == "per":
            obj = next(iter(kids(child, "pobj")), None)
            if obj is not None and obj.pos_ in ("NOUN", "PROPN"):
                measured = unit_at(obj.i, lex, found)
                return (measured[0] if measured is not None else obj.lemma_.lower()), quantity_of
    return "", quantity_of


def _per_unit_subject(subject: Token, lex: Lexicon, found: Matches, quantity_of: str) -> tuple[str, str]:
    """'A gallon of gasoline averaged $3.61': the price is per gallon, and of gasoline."""
    measured = unit_at(subject.i, lex, found)
    article = any(c.dep_ == "det" and c.lower_ in RATE_DETERMINERS for c in subject.children)
    of = next((c for c in subject.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    pobj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    if measured is None or not article or pobj is None:
        return "", quantity_of
    return measured[0], noun_phrase(pobj)


def _about_money(doc: Doc, i: int, lex: Lexicon) -> bool:
    """Does the sentence of token ``i`` talk about money ('cost', 'pay', 'price', 'worth')?"""
    return bool(_sentence_words(doc, i, "money", lambda t: t.lemma_.lower() in lex.money_verbs))


def _about_explosives(doc: Doc, i: int, lex: Lexicon) -> bool:
    """Does the sentence of token ``i`` talk about an explosion ('yield', 'nuclear', 'bomb', 'TNT')?"""
    return bool(_sentence_words(doc, i, "explosives", lambda t: t.lower_ in lex.explosive_words))


def _names_no_unit(counted: Token, start: int, found: Matches) -> bool:
    """Is the noun after a number a name or a date rather than its unit? 'eight straight World Cups' (a
    title-case name), '2.1 last year' (a date the number is not part of), 'credits of 2,227,000 or four cts' (the
    unit of another number, right before it)."""
    if any(t.like_num for t in counted.doc[start + 1:counted.i]) and counted.doc[counted.i - 1].like_num:
        return True  # "2,227,000 or four cts": the unit is the nearer number's
    if counted.ent_type_ == "DATE":
        ent = next((e for e in counted.doc.ents if e.start <= counted.i < e.end), None)
        if ent is not None and not ent.start <= start < ent.end:
            return True
    return counted.pos_ == "PROPN" and counted.is_title and not counted.is_sent_start \
        and not in_headline(found, counted.i) and any(c.dep_ == "compound" and c.is_title for c in counted.children)


def _spaced_symbol(doc: Doc, num: Number, end: int) -> tuple[str, int] | None:
    """A spaced 'm' or 'K' after a bare number that is a unit symbol, not a scale word: ('m' or 'K', the
    quantity's new end), or None. 'm' is metres when no noun, adjective or 'of' follows ('2609–2613 m in
    the core', 'stands 4 m from the road'; not '5 m customers', '5 m of funding'); 'K' is kelvin after a
    number of 100 or more ('heated to 7200 K'; nobody writes 7.2 million so)."""
    if num.currency:
        return None
    symbols = ("m", "m.", "K", "K.")
    scaled = num.end - num.start >= 2 and doc[num.end - 1].text in symbols and num.multiplier != 1.0
    at = num.end - 1 if scaled else end
    if at >= len(doc) or doc[at].text not in symbols or (not scaled and at != num.end) or not doc[at - 1].whitespace_:
        return None  # (a glued "49.8m" is read elsewhere)
    nxt = doc[at + 1] if at + 1 < len(doc) else None
    if nxt is not None and (nxt.pos_ in ("NOUN", "PROPN", "ADJ", "NUM") or nxt.lower_ in ("of", "-", "–")):
        return None
    if doc[at].text[0] == "K":
        return ("K", at + 1) if num.base >= 100 and float(num.base).is_integer() else None
    return "m", at + 1


def _times_after(doc: Doc, end: int, lex: Lexicon) -> int | None:
    """Where 'times as many' / '-fold' after a number ends its ratio ('three times as many', 'five times the
    size', 'a 60-fold rise'); None for a count of occasions ('three times a week')."""
    k = end + 1 if end < len(doc) and doc[end].is_space else end  # hard-wrapped: "three\ntimes as many"
    if k + 1 < len(doc) and doc[k].lower_ == "times" and doc[k + 1].lower_ in lex.ratio_after_times:
        return k + 1
    if end + 1 < len(doc) and doc[end].text in ("-", "–") and doc[end + 1].lower_ == "fold":
        return end + 2
    return None


def _fraction_written(doc: Doc, num: Number) -> bool:
    """Is the number a fraction of one ('a quarter of', 'half a', '7/8', '1-1/8')?"""
    return num.kind == "fraction" or (not float(num.value).is_integer() and any(
        "/" in t.text or "⁄" in t.text for t in doc[num.start:num.end]))


def _about_temperature(doc: Doc, i: int, lex: Lexicon) -> bool:
    return any(k != i for k in _sentence_words(doc, i, "temperature", lambda t: t.lower_ in lex.temperature_words)[:2])


def _sentence_words(doc: Doc, i: int, kind: str, test) -> list[int]:
    """The tokens of the sentence of token ``i`` that pass ``test``, found once per sentence and ``kind``."""
    idx = index_of(doc)
    start, end = idx.sent_bounds(i)
    key = ("sentence_words", kind, start)
    if key not in idx.memo:
        idx.memo[key] = [k for k in range(start, end) if test(doc[k])]
    return idx.memo[key]


def _temperature_scale(doc: Doc) -> str:
    """Degrees Fahrenheit in a text about the United States or that writes Fahrenheit, else Celsius."""
    if "fahrenheit" in original_text(doc).lower() or any(t.text.endswith(("°F", "ºF")) for t in doc):
        return "degree Fahrenheit"
    first = next((e._.country for e in doc.ents if e._.country), None)
    return "degree Fahrenheit" if first == "US" else "degree Celsius"


def _names_index(phrase: str, lex: Lexicon) -> bool:
    """Does the phrase name a stock index ('FTSE 100', 'the S&P 500', 'Nikkei', 'the index')?"""
    return any(w.strip(".,'").lower() in lex.index_words for w in phrase.split())


def _index_before(doc: Doc, start: int, lex: Lexicon) -> bool:
    """A stock index named in the words just before the number ('the TA-125 lost 1.1% to end at 1,334.20')."""
    sent_start = index_of(doc).sent_bounds(start)[0]
    return any(t.lower_ in lex.index_words for t in doc[max(sent_start, start - 8):start])


def _after_length_noun(doc: Doc, start: int, end: int, lex: Lexicon) -> bool:
    """'the outreach is 48m', 'at a depth of 12m': a length word shortly before a glued 'm' with no noun
    after it."""
    if end < len(doc) and doc[end].pos_ in ("NOUN", "PROPN"):
        return False  # "48m people"
    sent_start = index_of(doc).sent_bounds(start)[0]
    return any(doc[k].lemma_.lower() in lex.length_nouns for k in range(max(sent_start, start - 5), start))


def _names_a_distance(doc: Doc, start: int, end: int) -> bool:
    """'the 200m', 'a 37m': a glued 'm' after a determiner with no noun after it is metres, not millions."""
    return start > 0 and doc[start - 1].lower_ in ("the", "a") and (end >= len(doc) or doc[end].pos_ != "NOUN")

