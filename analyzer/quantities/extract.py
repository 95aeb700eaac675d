"""Finding the quantities of a parsed Doc and reading each one's value, unit, qualifier, rate, period,
what it counts and which entities it is about.

The number itself is read from tokens (`numbers.read_number`); everything around it comes from the
tables (phrase matches indexed by token) and from the dependency parse: what the number modifies,
which verb governs it, which date phrase hangs from the same verb.
"""
from __future__ import annotations

import math
import re
from collections.abc import Iterable

from spacy.tokens import Doc, Span, Token

from ..text import noun_phrase
from .lexicon import Found as Matches
from .lexicon import Lexicon, ends_at
from .model import Quantity
from .numbers import Number, parse_token, read_number
from .periods import resolve_period

NUMERIC_LABELS = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"})
BASELINE_PREPS = frozenset({"from", "than", "versus", "vs", "vs."})
DEFINITE = frozenset({"the", "these", "those", "both", "all"})
# relations through which a quantity is the thing a verb is about (its object, complement or amount)
OBJECT_DEPS = frozenset({"dobj", "attr", "npadvmod", "oprd", "acomp", "advmod", "nsubj", "nsubjpass", "appos",
                         "conj", "pobj", "dative", "obj"})
_YEAR_LIKE = re.compile(r"(1[89]|2[01])\d\d")
_LENGTH_WORD = re.compile(r"(^|[-)])(long|tall|high|deep|wide|thick)$")  # "37m long", "(121ft)-long"


def find_quantities(doc: Doc, lex: Lexicon, found: Matches, *, reference_max: float = 12) -> list[Quantity]:
    """Every numeric mention of ``doc``, in text order."""
    skip = _named_entity_tokens(doc, lex, found)
    ent_of = _linked_entities(doc)
    dates = [e for e in doc.ents if e.label_ == "DATE" and e.text.lower() not in lex.not_periods]
    out: list[Quantity] = []
    i = 0
    n = len(doc)
    while i < n:
        if i in skip or not _may_start_number(doc[i], lex):
            i += 1
            continue
        num = read_number(doc, i, lex)
        if num is None or lex.exclusions.excludes(doc, num, found, lex):
            i += 1 if num is None else num.end - i
            continue
        q = _build(doc, num, lex, found, ent_of, reference_max, dates)
        out.append(q)
        i = max(q.end, i + 1)
    inherit_in_parentheses(doc, out, lex)
    share_unit_in_lists(doc, out)
    fill_ellipsis(doc, out)
    share_unit_by_ellipsis(doc, out)
    return out


# ---------------------------------------------------------------------------- what is a number here
def _may_start_number(tok: Token, lex: Lexicon) -> bool:
    low = tok.lower_
    if low in lex.words or low in lex.articles or low in lex.fractions or low in lex.negators or low in lex.vague:
        return True
    if tok.is_alpha:
        return False
    return tok.like_num or parse_token(tok.text, lex, after_dollar=tok.i > 0 and tok.nbor(-1).text == "$") is not None


def _named_entity_tokens(doc: Doc, lex: Lexicon, found: Matches) -> set[int]:
    """Tokens inside names ('Nord Stream 2', 'Boeing 737'): numbers there are not quantities. An entity
    with no word of a name in it ('PS8.1bn' read as a place, 'minus-5 yards' as a person) is no name."""
    skip = set()
    for ent in doc.ents:
        if ent.label_ in NUMERIC_LABELS:
            continue
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


def _linked_entities(doc: Doc) -> dict[int, str]:
    """token index -> canonical name of the linked entity it belongs to."""
    out = {}
    for ent in doc.ents:
        name = ent._.canonical
        if name:
            for t in range(ent.start, ent.end):
                out[t] = name
    return out


# ---------------------------------------------------------------------------- one quantity
def _build(doc: Doc, num: Number, lex: Lexicon, found: Matches, ent_of: dict[int, str],
           reference_max: float, dates: list[Span]) -> Quantity:
    start, end = num.start, num.end
    value, value_to = num.value, num.value_to
    unit, dimension, factor, per = "", "count", 1.0, ""
    qualifier, cue = ("range", doc[start].lower_) if num.kind == "vague" else ("exact", "")

    # currency written before the number: "$4 billion", "US$30", "USD 5 million", "₼34.5 billion", "RM23.50"
    pre = ends_at(found["CS"], start)
    if num.currency:
        unit, dimension = num.currency, "currency"
        if start > 0 and doc[start - 1].text == "$":
            start -= 1  # "$US55m", "$A82m"
        pre = None
    elif pre is not None:
        start, unit, dimension = pre[0], pre[1], "currency"
    if num.unit is not None:  # glued: "10kW", "40min", "118.5p"
        u = lex.units[num.unit]
        if not unit or u.dimension != "currency":
            unit, dimension, factor, per = u.name, u.dimension, u.factor, u.per
    else:
        # unit or currency written after it: "30 million tons", "5 million rubles", "12%", "tens of millions of dollars"
        before_unit = end
        end, unit, dimension, factor, per = _unit_after(doc, end, num, lex, found, unit, dimension)
        if unit == "XXX":  # "70 million pesos": whose pesos, the countries named in the text say
            unit = _resolve_currency(doc[end - 1].lower_, doc, lex) if end > before_unit else ""
    if num.m_suffix and not unit and _length_context(doc, end):
        value, unit, dimension = num.base, "metre", "length"  # "the 37m (121ft)-long skeleton"
    if num.cue and num.cue != "exact":
        qualifier, cue = num.cue, doc[num.start].text[:1] if num.cue == "approximately" else num.cue
    # a range: "between 10 and 15 million", "10-15%", "from $2 to $3 billion", "25 to 30 billion dollars"
    opener_at = start - 1
    cue_before = ends_at(found["QB"], start)
    if cue_before is not None and cue_before[0] > 0 and doc[cue_before[0] - 1].lower_ in lex.range_openers:
        opener_at = cue_before[0] - 1  # "rose from about $350 to $680"
    rng = None if num.kind != "number" else _range_after(
        doc, end, num, lex, found, unit, dimension, opener_word=doc[opener_at].lower_ if opener_at >= 0 else "",
        start=start)
    if rng is not None:
        end, second, unit, dimension, factor, per = rng
        value_to = second.value * factor
        if num.multiplier == 1.0 and second.multiplier != 1.0 and abs(num.base) <= abs(second.base):
            value = num.value * second.multiplier  # the scale word applies to both ends
        if qualifier == "exact":
            qualifier = "range"  # "~25 – 40min" keeps its approximately
        if start > 0 and doc[start - 1].lower_ in lex.range_openers:
            start -= 1
            cue = cue or doc[start].lower_
    value *= factor
    # a cue before it: "over", "nearly", "up to", "at least" (part of the quantity's text)
    if qualifier in ("exact", "range") and num.kind != "vague":
        before = ends_at(found["QB"], start)
        if before is not None and (qualifier == "exact" or before[1] == "approximately"):
            start, qualifier = before
            cue = doc[start:num.start].text if pre is None else doc[start:pre[0]].text
            cue = cue.lower()
        # a cue after it: "5,000 or more", "100,000-plus", "5,000 troops or more"
        for at in (end, end + 1):
            after = found["QA"].get(at)
            if not after or qualifier != "exact" or (at == end + 1 and doc[num.end - 1].head.i != end):
                continue
            a_end, q = after[0]
            if doc[at].lower_ == "at" and a_end < len(doc) and doc[a_end].lower_ == "the":
                continue
            qualifier, cue = q, doc[at:a_end].text.lower()
            if at == end and doc[at].text in ("+", "-plus", "plus"):
                end = a_end
    if start > 0 and doc[start - 1].lower_ in lex.negators and value > 0 and num.start == start:
        start, value = start - 1, -value

    span = doc[num.start:end]
    root = span.root
    counted = _counted_noun(root, start, end, unit)
    if counted is not None and not unit:
        measured = _unit_at(counted.i, lex, found)
        if measured is not None:  # "517 rushing yards", "50 previous years": the noun is the unit
            unit, dimension, factor, per = measured
            counted = None
    anchor = counted if counted is not None else root
    # qualifiers read from the parse: "surpassing $4 billion", "rose 5%", "a 5% rise", "up nearly 57%"; a
    # change wins over a bound ("up nearly 57%" is a rise), the bound still shapes the interval
    bound, bound_cue = qualifier, cue
    if num.plus and qualifier == "exact":
        qualifier, cue = "increase", "+"  # "Dow +0.2%"
    if qualifier not in ("increase", "decrease"):
        parsed, parsed_cue = _qualifier_from_parse(doc, anchor, start, end, lex)
        if qualifier == "exact" or parsed in ("increase", "decrease"):  # "dropped by 1 to 1.5 degrees" too
            qualifier, cue = parsed, parsed_cue if qualifier == "exact" else cue
    # rate: "annually", "per day", "a year"; or implied by the unit ("bpd")
    if not per:
        per = _rate(doc, anchor, end, lex, found)
    if qualifier in ("increase", "decrease") and bound != "exact":
        low, high = _interval(bound, bound_cue, value, value_to, dimension, lex)
    else:
        low, high = _interval(qualifier, cue, value, value_to, dimension, lex)
    quantity_of, of_head = _quantity_of(doc, root, counted, start, end, dimension, lex, found, num.kind)
    if not per and of_head is not None and dimension != "ratio":
        # "an annual budget of $40 billion", "monthly minimum wage ... 17,002 lira": a rate on what is counted
        adj = next((c for c in of_head.children if c.dep_ in ("amod", "compound") and c.lower_ in lex.rate_adjectives),
                   None)
        if adj is not None:
            per = lex.rate_adjectives[adj.lower_]
            quantity_of = noun_phrase(of_head, {*range(start, end), adj.i})
    period = _period(doc, anchor, start, end, dates)
    published = doc._.published
    period_start, period_end = resolve_period(period, published) if period else ("", "")
    text, end_char = doc[start:end].text, doc[end - 1].idx + len(doc[end - 1].text)
    if text.endswith(".") and (doc[end - 1].lower_ in lex.multipliers or doc[end - 1].is_sent_end) \
            and not doc[end - 1].lower_.endswith(("a.m.", "p.m.", "u.s.")) and len(doc[end - 1]) > 1:
        text, end_char = text[:-1], end_char - 1  # "£37m." at the end of a sentence: the full stop is not "m."
    q = Quantity(
        start=start, end=end, start_char=doc[start].idx, end_char=end_char, text=text, value=float(value),
        value_to=float(value_to), qualifier=qualifier, qualifier_cue=cue, low=low, high=high, unit=unit,
        dimension=dimension, quantity_of=quantity_of, per=per, period=period, period_start=period_start,
        period_end=period_end, anchor=anchor.i,
    )
    q.entities = _entities_in_scope(doc, anchor, ent_of)
    # "one of the best speakers" picks from a group; "the two nations" refers back: mentions, not claims
    q.is_claim = num.kind != "one_of" and not _is_reference(num, counted, q, reference_max)
    return q


def _unit_after(doc: Doc, end: int, num: Number, lex: Lexicon, found: Matches, unit: str, dimension: str):
    """The unit or currency written right after the number (longest wins); returns the new end and the
    unit's name, dimension, scale factor and implied rate."""
    factor, per = 1.0, ""
    j = end
    if j < len(doc) and doc[j].text in ("-",) and j + 1 < len(doc):
        j += 1  # "272-kilometre", "10-year"
    elif num.kind in ("vague", "fraction") and j + 1 < len(doc) and doc[j].lower_ == "of":
        j += 1 + (doc[j + 1].lower_ in ("a", "an", "the"))  # "tens of millions of dollars", "a third of a tonne"
    candidates = []
    for m_end, key in found["U"].get(j, ()):
        candidates.append((m_end, "U", key))
    for table in ("CN", "CS"):
        for m_end, code in found[table].get(j, ()):
            if table == "CN" and doc[j:m_end].text.lower() in lex.need_multiplier and num.multiplier == 1.0:
                continue
            candidates.append((m_end, table, code))
    if not candidates:
        return end, unit, dimension, factor, per
    m_end, table, key = max(candidates, key=lambda c: c[0])
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
    n = len(doc)
    if end >= n:
        return None
    j = end
    if opener_word == "from":  # the "to" may come a few words later
        k = end
        while k < min(n, end + 10) and doc[k].lower_ != "to" and doc[k].text not in (",", ";", ".", "from"):
            k += 1
        if k < n and doc[k].lower_ == "to":
            j = k
    if opener_word == "from" and doc[end].text in ("-", "–"):
        opener_word, j = "", end  # "from about 14-18 mpg to 24": the hyphen closes this range
    glued = parse_token(doc[j].text, lex)
    if glued is not None and glued.range_joiner:
        joiner = "to"  # "200,000 to-260,000"
    else:
        joiner = doc[j].lower_
        allowed = lex.range_joiners.get(opener_word if opener_word in lex.range_joiners else "", frozenset())
        if joiner not in allowed or (joiner == "and" and opener_word != "between"):
            return None
        if joiner == "or" and (unit or first.multiplier != 1.0):
            return None  # "three or four years", "1 or 2%"; not "5% or $10 billion"
        j += 1
    if joiner == "to" and opener_word != "from" and start > 0 and unit and (
            doc[start - 1].lower_ == "by" or doc[start - 1].lemma_.lower() in lex.change_verbs):
        return None  # "increased by $43.6 billion to $419.2 billion", "fell 5% to 3%"; not "by 1 to 1.5 degrees"
    sym = found["CS"].get(j)
    if sym:
        s_end, code = sym[0]
        if unit and code != unit:
            return None
        j = s_end
    if j >= n or not _may_start_number(doc[j], lex):
        return None
    second = read_number(doc, j, lex)
    if second is None or second.kind != "number" or (
            second.integer_digits and first.integer_digits and lex.exclusions.is_year(first, doc, found)):
        return None  # "2020-2023" is a period
    if second.unit is not None:
        u = lex.units[second.unit]
        s_end, s_unit, s_dim, s_factor, s_per = second.end, u.name, u.dimension, u.factor, u.per
    else:
        s_end, s_unit, s_dim, s_factor, s_per = _unit_after(doc, second.end, second, lex, found,
                                                            second.currency or (sym[0][1] if sym else ""),
                                                            "currency" if sym or second.currency else "count")
    if (sym or second.currency) and not unit:
        unit, dimension = second.currency or sym[0][1], "currency"
    if s_unit and unit and s_unit != unit:
        return None  # "rose 5% to $10 billion": a change and a level, not a range
    if joiner == "to" and not (s_unit or unit) and not opener_word and first.written != second.written:
        return None  # bare "10 to 15": a range only between numbers written alike
    shares_scale = first.multiplier == 1.0 and second.multiplier != 1.0 and abs(first.base) <= abs(second.base)
    if second.value < first.value * (second.multiplier if shares_scale else 1.0) and opener_word != "from":
        return None  # "5,000 to 300": not a range
    return s_end, second, s_unit or unit, s_dim if s_unit else dimension, s_factor, s_per


def _counted_noun(root: Token, start: int, end: int, unit: str) -> Token | None:
    """The noun a bare number counts: '800,000 students' -> students; None when the quantity has a unit
    or counts nothing."""
    if not unit and root.dep_ in ("nummod", "quantmod", "amod", "compound", "nmod") \
            and root.head.pos_ in ("NOUN", "PROPN") and not (start <= root.head.i < end):
        return root.head
    return None


def _change_noun(tok: Token, lex: Lexicon) -> str | None:
    """'increase' / 'decrease' when ``tok`` is a noun of change ('rise', 'drop'); verbs do not count.
    'negative growth' turns the direction round."""
    direction = lex.change_nouns.get(tok.lemma_.lower()) if tok.pos_ in ("NOUN", "PROPN") else None
    if direction and any(c.dep_ == "amod" and c.lower_ == "negative" for c in tok.children):
        return "decrease" if direction == "increase" else "increase"
    return direction


# ---------------------------------------------------------------------------- qualifier from the parse
def _qualifier_from_parse(doc: Doc, anchor: Token, start: int, end: int, lex: Lexicon) -> tuple[str, str]:
    # "up 12 percent", "down 3%": the adverb right before the quantity ("gave up 517 yards" is a particle)
    if start > 0:
        prev = doc[start - 1]
        if prev.lower_ in lex.change_adverbs and prev.lower_ in ("up", "down") and (
                prev.dep_ != "prt" or prev.head.lemma_.lower() in lex.phrasal_change_verbs):
            return lex.change_adverbs[prev.lower_], prev.lower_  # "up 12%", "have gone up 20%"; not "gave up 517"
    head = anchor.head
    dep = anchor.dep_
    # "rose by 5%", "raised its rate by 0.5 points", "a cut by 3%": the amount of a change
    if dep == "pobj" and head.lower_ == "by":
        gov = head.head
        lemma = gov.lemma_.lower()
        if gov.pos_ in ("VERB", "AUX") and lemma in lex.change_by_verbs:
            return lex.change_by_verbs[lemma], gov.lower_
        way = next((c for c in gov.children if c.dep_ in ("advmod", "prt") and c.lower_ in lex.direction_adverbs), None)
        if way is not None:
            return lex.direction_adverbs[way.lower_], way.lower_  # "revised upward by 40 billion"
        if _change_noun(gov, lex):
            return _change_noun(gov, lex), gov.lower_
    if dep == "pobj" and head.lower_ == "of" and _change_noun(head.head, lex):
        return _change_noun(head.head, lex), head.head.lower_  # "an increase of 5%"
    # "a 5% rise", "49% increase"
    if dep in ("nummod", "compound", "amod", "npadvmod", "quantmod", "nmod") and head.i >= end \
            and _change_noun(head, lex):
        return _change_noun(head, lex), head.lower_
    if head.pos_ in ("VERB", "AUX") and dep in ("dobj", "npadvmod", "attr", "advmod", "oprd", "obj"):
        lemma = head.lemma_.lower()
        if lemma in lex.qualifier_verbs:
            return lex.qualifier_verbs[lemma], head.lower_
        # "raised business taxes 20 percent": a transitive change with its object named
        if lemma in lex.change_by_verbs and lemma not in lex.change_verbs and head.i < start \
                and any(c.dep_ == "dobj" and c.i < start for c in head.children):
            return lex.change_by_verbs[lemma], head.lower_
        # "grew 12.5%", "dropped 24%" (not "rose to $5 billion": that is the level reached)
        if lemma in lex.change_verbs and head.i < start:
            between = doc[head.i + 1:start]
            if not any(t.lower_ in ("to", "at", "from") for t in between):
                return lex.change_verbs[lemma], head.lower_
    return "exact", ""


def _interval(qualifier: str, cue: str, value: float, value_to: float, dimension: str,
              lex: Lexicon) -> tuple[float, float]:
    """The interval [low, high] the claim asserts; NaN where the text does not bound it."""
    floor = 0.0 if value >= 0 and dimension not in ("ratio", "temperature") else -math.inf
    if qualifier in ("exact", "increase", "decrease"):
        return value, value
    if qualifier == "range":
        return min(value, value_to), max(value, value_to)
    if qualifier in ("more_than", "at_least"):
        return value, math.inf
    if qualifier in ("less_than", "at_most"):
        return floor, value
    if qualifier == "approximately" and cue in lex.bounded_below_value:
        return math.nan, value
    return math.nan, math.nan


# ---------------------------------------------------------------------------- rate, what, when
def _rate(doc: Doc, anchor: Token, end: int, lex: Lexicon, found: Matches) -> str:
    """'annually', 'a year', 'per day' right after the quantity or after what it counts ('of cargo');
    'per barrel'."""
    positions = {end}
    if end < len(doc) and doc[end].pos_ == "NOUN":
        positions.add(end + 1)  # "four times per week"
    if end < len(doc) and doc[end].text == "(":  # "9 billion shekels ($2.408 billion) a year"
        close = next((k for k in range(end, min(len(doc), end + 12)) if doc[k].text == ")"), None)
        if close is not None:
            positions.add(close + 1)
    right = max(end, anchor.right_edge.i + 1)
    positions.add(right)
    # after an "of"/"in"/"for" phrase hanging from the quantity: "30 million tons of cargo annually"
    for child in anchor.children:
        if child.dep_ == "prep" and child.i >= end:
            positions.add(child.right_edge.i + 1)
    for p in sorted(positions):
        if p < len(doc):
            rates = found["R"].get(p)
            if rates:
                return rates[0][1]
            if doc[p].lower_ in ("per", "a", "an", "/", "each") and p + 1 < len(doc):
                measured = _unit_at(p + 1, lex, found)
                if measured is not None and measured[1] not in ("currency",):
                    return measured[0]  # "$21.25 per square foot", "$1,271.2 an ounce"
            if doc[p].lower_ in ("per", "a", "an", "/") and p + 1 < len(doc) and doc[p + 1].pos_ == "NOUN" \
                    and doc[p].lower_ != "a" and doc[p].lower_ != "an":
                return doc[p + 1].lemma_.lower()
    return ""


def _quantity_of(doc: Doc, root: Token, counted: Token | None, start: int, end: int, dimension: str,
                 lex: Lexicon, found: Matches, kind: str = "number") -> tuple[str, Token | None]:
    """What the quantity counts or measures, as a short noun phrase from the sentence, and its head."""
    skip = set(range(start, end))
    if kind == "fraction" and end < len(doc) and _is_thing(doc[end]):
        return noun_phrase(doc[end], skip), doc[end]  # "one in five children"
    if counted is not None and not _is_unitlike(counted, found) and not counted.like_num:
        return noun_phrase(counted, skip), counted
    # "30 million tons of cargo", "12 percent of GDP", "$5 billion in loans": a phrase right after it
    if end + 1 < len(doc) and doc[end].lower_ in ("of", "in") and (doc[end].lower_ == "of" or dimension == "currency"):
        pobj = next((c for c in doc[end].children if c.dep_ == "pobj"), None)
        if pobj is not None and _is_thing(pobj):
            return noun_phrase(pobj, skip), pobj
    head = root.head
    # "a budget of $40 billion", "contracts worth $5 billion", "fines of up to 15 million rubles"
    if root.dep_ == "pobj" and head.lower_ in ("of", "worth") and head.head.pos_ in ("NOUN", "PROPN") \
            and not _change_noun(head.head, lex) and not start <= head.head.i < end \
            and head.head.lemma_.lower() not in lex.quantifier_nouns:
        return noun_phrase(head.head, skip), head.head
    if root.dep_ in ("npadvmod", "amod") and head.lower_ == "worth" and head.head.pos_ in ("NOUN", "PROPN"):
        return noun_phrase(head.head, skip), head.head
    # "a $5.3 billion loan", "a 272-kilometre rail line": the quantity describes the noun
    if root.dep_ in ("compound", "nummod", "amod", "nmod", "quantmod") and head.pos_ in ("NOUN", "PROPN") \
            and head.i >= end and not _change_noun(head, lex):
        return noun_phrase(head, skip), head
    # "$2 million for port upgrades", "$5 billion in loans", "10 percent on imports" ("22 years in prison" is a place)
    preps = ("for", "on", "of", "in") if dimension == "currency" else ("on", "of")
    for child in root.children:
        if child.dep_ == "prep" and child.lower_ in preps and child.i >= end:
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None and _is_thing(pobj):
                return noun_phrase(pobj, skip), pobj
    if dimension == "currency" and end + 1 < len(doc) and doc[end].lower_ in ("for", "on"):
        pobj = next((c for c in doc[end].children if c.dep_ == "pobj"), None)
        if pobj is not None and _is_thing(pobj):
            return noun_phrase(pobj, skip), pobj
    if dimension == "time":
        return "", None  # a duration ("for eight years") measures no thing of its own
    # a change noun: "a 49% increase in the minimum wage" -> its "in"/"of" phrase, else the clause's subject
    change = None
    if root.dep_ in ("compound", "nummod", "amod", "npadvmod", "nmod") and _change_noun(head, lex):
        change = head
    elif root.dep_ == "pobj" and head.lower_ in ("of", "by") and _change_noun(head.head, lex):
        change = head.head
    if change is not None:
        for child in change.children:
            if child.dep_ == "prep" and child.lower_ in ("in", "of"):
                pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if pobj is not None:
                    return noun_phrase(pobj, skip), pobj
        root = change
    # the verb the quantity completes: its object when the quantity hangs from a preposition ("raised its
    # rate by 0.5 points", "kept its policy rate at minus 0.1 percent"), else its subject ("trade turnover
    # surpassing $4 billion", "exports rose 5%")
    verb = _governing_verb(root)
    transitive_change = verb is not None and verb.lemma_.lower() in lex.change_by_verbs \
        and verb.lemma_.lower() not in lex.change_verbs
    if verb is not None and (root.dep_ == "pobj" and root.head.dep_ == "prep" and root.head.head.i == verb.i
                             or transitive_change and root.dep_ in ("npadvmod", "dobj", "advmod")):
        obj = next((c for c in verb.children if c.dep_ == "dobj" and not start <= c.i < end), None)
        if obj is not None and _is_thing(obj):
            return noun_phrase(obj, skip), obj  # "kept its rate at 0.1%", "raised business taxes 20 percent"
    while verb is not None:
        lemma = verb.lemma_.lower()
        if lemma not in lex.level_verbs and lemma not in lex.change_by_verbs and lemma not in lex.qualifier_verbs \
                and verb.dep_ not in ("xcomp", "acl"):
            return "", None  # "Russia spent $5 billion", "the blast killed seven": the subject is not measured
        subj = _subject(verb)
        if subj is not None and not (start <= subj.i < end):
            if subj.pos_ != "PRON":
                return noun_phrase(subj, skip), subj
            if verb.dep_ == "relcl" and subj.lower_ in ("which", "that"):
                return noun_phrase(verb.head, skip), verb.head  # "the railway, which runs 826 km"
            return "", None
        if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN"):
            return noun_phrase(verb.head, skip), verb.head  # "crude exports held above 1.5 million barrels"
        verb = verb.head if verb.dep_ in ("xcomp", "conj", "advcl", "pcomp") and verb.head.pos_ in ("VERB", "AUX") \
            else None
    return "", None


def _is_thing(tok: Token) -> bool:
    """A noun that can be what is counted: not a date, not a number, not a pronoun."""
    return tok.pos_ in ("NOUN", "PROPN") and not tok.like_num and tok.ent_type_ not in ("DATE", "TIME", "CARDINAL",
                                                                                       "MONEY", "PERCENT")


def _is_unitlike(tok: Token, found: Matches) -> bool:
    return tok.i in found["U"] or tok.i in found["CN"]


def _governing_verb(tok: Token) -> Token | None:
    """The verb whose clause the token belongs to (crossing prepositions and noun heads)."""
    cur = tok
    while cur.head.i != cur.i:
        cur = cur.head
        if cur.pos_ in ("VERB", "AUX"):
            return cur
    return cur if cur.pos_ in ("VERB", "AUX") else None


def _subject(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass", "csubj"):
            return child
    # "with trade turnover surpassing ..." : the subject of a gerund attached by "with"
    return None


def _period(doc: Doc, anchor: Token, start: int, end: int, all_dates: list[Span]) -> str:
    """The date phrase the figure refers to: a DATE entity inside the quantity's phrase or hanging from
    the verb that governs it ('surpassing $4 billion last year', 'rose 7% in 2023')."""
    sent = doc[start].sent
    dates = [e for e in all_dates if not (e.start < end and e.end > start) and sent.start <= e.start < sent.end]
    if not dates:
        return ""
    verb = None
    cur = anchor
    while cur.head.i != cur.i:
        if cur.dep_ == "conj" and cur.pos_ in ("NOUN", "PROPN"):
            break  # a coordinated noun phrase does not inherit the first conjunct's verb
        cur = cur.head
        if cur.pos_ in ("VERB", "AUX"):
            verb = cur
            break
    if verb is None and anchor.head.i == anchor.i and anchor.pos_ in ("VERB", "AUX"):
        verb = anchor
    # the date may hang from the quantity, from anything on its path up to the verb ("a deficit of
    # 80 billion riyals in 2025"), from the verb, or from the verb's subject ("revenues for next year")
    holders = {anchor.i}
    node = anchor
    while node.head.i != node.i and (verb is None or node.i != verb.i) and not (node.dep_ == "conj"):
        node = node.head
        holders.add(node.i)
    if verb is not None:
        holders.add(verb.i)
        # "is projected to reach $45tn by 2034": the date may hang from the verb above an xcomp
        if verb.dep_ == "xcomp":
            holders.add(verb.head.i)
        holders.update(c.i for c in verb.children if c.dep_ == "xcomp")
        subj = _subject(verb)
        if subj is not None:
            holders.add(subj.i)
    else:
        holders = {anchor.i}
    best = None
    for ent in dates:
        if ent[0].like_num and not _YEAR_LIKE.fullmatch(ent[0].text):
            continue  # "eight years", "10 days": a duration, itself a quantity, not the period
        node = ent.root
        if node.dep_ == "pobj" and node.head.lower_ in BASELINE_PREPS:
            continue  # "declined 9% from November": the point of comparison, not the period
        # the date hangs from a holder directly ("last year") or through its preposition ("in 2023")
        if node.dep_ == "pobj" and node.head.dep_ in ("prep", "agent"):
            node = node.head.head
        elif node.dep_ in ("npadvmod", "advmod", "nmod", "compound", "appos", "tmod", "obl"):
            node = node.head
        else:
            continue
        if node.i in holders and (best is None or abs(ent.start - start) < abs(best.start - start)):
            best = ent
    if best is None:
        return ""
    return _period_text(best)


def _period_text(ent: Span) -> str:
    """The date phrase as a fact-checker reads it: 'the first half of 2024' -> 'first half of 2024';
    'by 2030' and 'since 2016' keep their preposition, 'in' is dropped."""
    tokens = list(ent)
    while tokens and tokens[0].lower_ in ("the", "in", "on", "during", "for", "of", "its", "their", "his", "her"):
        tokens = tokens[1:]
    if not tokens:
        return ent.text.strip()
    last = tokens[-1].i
    relcl = next((c for c in ent.root.children if c.dep_ == "relcl" and c.i >= ent.end), None)
    if relcl is not None:
        last = relcl.right_edge.i  # "the fiscal year that ended in June"
    text = ent.doc[tokens[0].i:last + 1].text
    prev = ent.doc[ent.start - 1] if ent.start > 0 else None
    if prev is not None and prev.lower_ in ("by", "since", "until", "before", "through") and prev.dep_ == "prep":
        text = f"{prev.lower_} {text}"
    return text.strip()


# ---------------------------------------------------------------------------- about whom, claim or not
def _entities_in_scope(doc: Doc, anchor: Token, ent_of: dict[int, str]) -> list[str]:
    """Linked entities of the smallest clause around the quantity that names any (a relative clause
    also counts the noun it describes): 'in Azerbaijan, where over 800,000 students study' -> Azerbaijan.
    A subtree of spaCy's (projective) parse is the run of tokens from its left to its right edge."""
    cur: Token | None = anchor
    seen_root = False
    while cur is not None and not seen_root:
        clause = cur
        while clause.head.i != clause.i and clause.pos_ not in ("VERB", "AUX"):
            clause = clause.head
        seen_root = clause.head.i == clause.i
        names = _names_in(range(clause.left_edge.i, clause.right_edge.i + 1), ent_of)
        if clause.dep_ == "relcl":
            names = _unique([*names, *_names_in([clause.head.i], ent_of)])
        if names:
            return names
        cur = clause.head if not seen_root else None
    sent = anchor.sent
    return _names_in(range(sent.start, sent.end), ent_of)


def _names_in(indices: Iterable[int], ent_of: dict[int, str]) -> list[str]:
    return _unique(ent_of[i] for i in indices if i in ent_of)


def _unique(names: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(names))


def _is_reference(num: Number, counted: Token | None, q: Quantity, reference_max: float) -> bool:
    """'the two nations', 'its three neighbours', 'the five members': a number inside a definite noun
    phrase that refers back to things already known, not a figure anyone asserts."""
    if q.unit or q.qualifier != "exact" or counted is None or abs(q.value) > reference_max:
        return False
    for child in counted.children:
        if child.i < num.start and (child.dep_ == "det" and child.lower_ in DEFINITE
                                    or child.dep_ == "poss" and child.pos_ == "PRON"):
            return True
    return False



def _length_context(doc: Doc, end: int) -> bool:
    """After '37m': is a length meant ('37m long', '37m (121ft)-long', '37m-high') rather than a million?"""
    for k in range(end, min(len(doc), end + 6)):
        low = doc[k].lower_
        if _LENGTH_WORD.search(low) or low in ("away", "apart", "across") or re.search(r"\d(ft|feet)\b", low) \
                or low in ("ft", "feet", "foot"):
            return True
        if doc[k].pos_ in ("NOUN", "VERB") and low not in ("(", ")"):
            return False
    return False


def _unit_at(i: int, lex: Lexicon, found: Matches) -> tuple[str, str, float, str] | None:
    """The unit written at token ``i`` (longest match): (name, dimension, factor, per)."""
    matches = found["U"].get(i)
    if not matches:
        return None
    u = lex.units[int(matches[0][1])]
    return u.name, u.dimension, u.factor, u.per


def inherit_in_parentheses(doc: Doc, quantities: list[Quantity], lex: Lexicon) -> None:
    """A conversion in parentheses right after a quantity ('more than 7.5 million crowns (US $1.1 million)',
    'under 296 hp (224 kW)') asserts what the quantity does: it takes its qualifier."""
    for prev, q in zip(quantities, quantities[1:], strict=False):
        if q.qualifier != "exact" or prev.qualifier in ("exact", "range") or prev.end >= len(doc):
            continue
        opening = prev.end if doc[prev.end].text == "(" else None
        if opening is None or q.start > opening + 2:
            continue
        q.qualifier, q.qualifier_cue = prev.qualifier, prev.qualifier_cue
        if prev.qualifier in ("increase", "decrease"):
            q.low = q.high = q.value
        else:
            q.low, q.high = _interval(prev.qualifier, prev.qualifier_cue, q.value, q.value_to, q.dimension, lex)


def _resolve_currency(name: str, doc: Doc, lex: Lexicon) -> str:
    """The ISO code of a currency name several countries use ('pesos', 'rupees', 'dinars'): that of the
    first country named in the text that uses it, else the most common one."""
    table = lex.ambiguous_currency.get(name, {})
    for ent in doc.ents:
        code = table.get(ent._.country or "")
        if code:
            return code
    return table.get("default", "")


def share_unit_in_lists(doc: Doc, quantities: list[Quantity]) -> None:
    """In a list whose last member carries the unit ('60, 70 and 75%', 'between 2, 3 or 4 million tonnes'),
    the bare numbers before it share that unit."""
    for k in range(len(quantities) - 2, -1, -1):
        q, nxt = quantities[k], quantities[k + 1]
        between = [t.lower_ for t in doc[q.end:nxt.start]]
        if not q.unit and nxt.unit and between and all(w in (",", "and", "or", "even") for w in between) \
                and q.start <= q.anchor < q.end and q.dimension == "count":  # a bare number, counting no noun
            q.unit, q.dimension, q.quantity_of = nxt.unit, nxt.dimension, nxt.quantity_of


def fill_ellipsis(doc: Doc, quantities: list[Quantity]) -> None:
    """A bare count that counts nothing named ('195,000 members then, 176,000 now', '293 out of 300 parks',
    '9,950 of them') counts what the count before it in the sentence counts."""
    for k, q in enumerate(quantities):
        if q.unit or q.quantity_of or q.dimension != "count" or not (q.start <= q.anchor < q.end):
            continue
        sent = doc[q.start].sent
        for prev in reversed(quantities[:k]):
            if prev.start < sent.start:
                break
            counts_a_noun = not (prev.start <= prev.anchor < prev.end)
            if prev.dimension == "count" and not prev.unit and prev.quantity_of and counts_a_noun:
                q.quantity_of = prev.quantity_of
                break
        else:
            for nxt in quantities[k + 1:]:  # "293 out of 300 Austin city parks"
                if nxt.start >= sent.end:
                    break
                if nxt.dimension == "count" and not nxt.unit and nxt.quantity_of and nxt.start - q.end <= 3:
                    q.quantity_of = nxt.quantity_of
                    break


def share_unit_by_ellipsis(doc: Doc, quantities: list[Quantity]) -> None:
    """A bare number that counts nothing, after a quantity in a unit in the same sentence, is in that unit:
    'spends over 17 percent of its GDP ... competitors are spending about 12', 'fell from 5.2% to 4.9'."""
    for k, q in enumerate(quantities):
        if q.unit or q.quantity_of or q.dimension != "count" or not (q.start <= q.anchor < q.end) or k == 0:
            continue
        prev = quantities[k - 1]
        same_sentence = doc[prev.start].sent.start == doc[q.start].sent.start
        if prev.unit and prev.dimension in ("ratio", "currency") and same_sentence:
            q.unit, q.dimension = prev.unit, prev.dimension
