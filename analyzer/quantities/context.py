"""Reading a quantity's context from the dependency parse: its qualifier when a verb or noun sets it,
the interval it asserts, its rate, what it counts or measures, and the entities it is about (its period is
read by the frames stage, `analyzer/frames/period.py`)."""
from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from .._resources import word_lists
from ..text import noun_phrase
from ..tree import MAX_HOPS, first_up, index_of, kids, span_root
from .matches import Matches
from .lexicon import Lexicon
from .model import Quantity
from .numbers import Number

WORDS = word_lists("analyzer.quantities")
MORE_WORDS = WORDS.ordered("more_words")
CHANGE_PARTICLES = WORDS.ordered("change_particles")
DEFINITE_PLURAL = WORDS.ordered("definite_plural")
PER_LEADS = WORDS.ordered("per_leads")
HYPHEN_RATE_WORDS = WORDS.ordered("hyphen_rate_words")
RATE_ARTICLES = WORDS.ordered("rate_articles")
MONEY_PREPS = WORDS.ordered("money_preps")
CHANGE_LEVEL_PREPS = WORDS.ordered("change_level_preps")
LEVEL_PREPS = WORDS.ordered("level_preps")
DISTANCE_WORDS = WORDS.ordered("distance_words")
FEET_WORDS = WORDS.ordered("feet_words")

DEFINITE = WORDS.words("definite")
_LENGTH_WORD = re.compile(r"(^|[-)])(long|tall|high|deep|wide|thick)$")  # "37m long", "(121ft)-long"


def counted_noun(root: Token, start: int, end: int, unit: str) -> Token | None:
    """The noun a bare number counts: '800,000 students' -> students; None when the quantity has a unit
    or counts nothing."""
    if not unit and root.dep_ in ("nummod", "quantmod", "amod", "compound", "nmod") \
            and root.head.pos_ in ("NOUN", "PROPN") and not (start <= root.head.i < end) \
            and not _paragraph_between(root, root.head) and not _time_deixis_between(root.doc, end, root.head.i):
        return _past_ex(root.head)
    head = root.head
    if not unit and head.i == end and head.lower_ in MORE_WORDS \
            and head.head.pos_ in ("NOUN", "PROPN") and head.head.i > head.i:
        return head.head  # "between four and five hundred more employees": the comparative hangs in between
    return None


def _past_ex(noun: Token) -> Token:
    """'five ex-detainees': the tokenizer splits "ex", "-", "detainees" and the parser may hang the count on
    "ex"; the count counts the noun after the hyphen."""
    doc = noun.doc
    if noun.lower_ == "ex" and noun.i + 2 < len(doc) and doc[noun.i + 1].text == "-" and not noun.whitespace_ \
            and doc[noun.i + 2].pos_ in ("NOUN", "PROPN"):
        return doc[noun.i + 2]
    return noun


TIME_DEIXIS = WORDS.words("time_deixis")


def _time_deixis_between(doc, end: int, noun: int) -> bool:
    """'2.1 last year', '5 this month': a determiner or time-pointing word after the number starts a time phrase
    the number does not count (a number comes after those: 'the last 3 years')."""
    return any(t.dep_ in ("det", "poss") or t.lower_ in TIME_DEIXIS and t.ent_type_ == "DATE" for t in doc[end:noun])


def _paragraph_between(a: Token, b: Token) -> bool:
    """Is there a paragraph break (a blank line) between two tokens the parser joined?"""
    lo, hi = sorted((a.i, b.i))
    return hi - lo > 1 and any(t.is_space and "\n\n" in t.text for t in a.doc[lo + 1:min(hi, lo + 4)])


def change_noun(tok: Token, lex: Lexicon) -> str | None:
    """'increase' / 'decrease' when ``tok`` is a noun of change ('rise', 'drop'); verbs do not count.
    'negative growth' turns the direction round."""
    direction = lex.change_nouns.get(tok.lemma_.lower()) if tok.pos_ in ("NOUN", "PROPN") else None
    if direction and any(c.lower_ == "negative" for c in kids(tok, "amod")):
        return "decrease" if direction == "increase" else "increase"
    return direction


# ---------------------------------------------------------------------------- qualifier from the parse


@dataclass(frozen=True, slots=True)
class _Around:
    """A quantity's place in the parse, as the qualifier readers see it: the tokens it spans (``start:end``),
    the token it hangs from (``anchor``) with that token's head and relation, and the kind of thing measured."""

    doc: Doc
    anchor: Token
    start: int
    end: int
    lex: Lexicon
    dimension: str

    @property
    def head(self) -> Token:
        return self.anchor.head

    @property
    def dep(self) -> str:
        return self.anchor.dep_

    @property
    def before(self) -> str:
        return self.doc[self.start - 1].lower_ if self.start > 0 else ""


EXACT = ("exact", "")


def qualifier_from_parse(doc: Doc, anchor: Token, start: int, end: int, lex: Lexicon,
                         dimension: str = "count") -> tuple[str, str]:
    """The qualifier a verb, noun or adverb around the quantity gives it, or ("exact", ""): the first of
    `QUALIFIER_READERS` that reads one (some read "exact" to stop the rest, where a number is a level
    reached or a yardstick)."""
    around = _Around(doc, anchor, start, end, lex, dimension)
    for reader in QUALIFIER_READERS:
        got = reader(around)
        if got is not None:
            return got
    return EXACT


def _change_adverb_before(a: _Around) -> tuple[str, str] | None:
    """"up 12 percent", "down 3%", "have gone up 20%": the adverb right before the quantity; not a particle
    of another verb ("gave up 517 yards")."""
    if a.start == 0:
        return None
    prev, lex = a.doc[a.start - 1], a.lex
    if prev.lower_ in lex.change_adverbs and prev.lower_ in CHANGE_PARTICLES \
            and (prev.lower_ != "off" or prev.pos_ == "ADV" and a.dimension in ("ratio", "currency")) and (
            prev.dep_ != "prt" or prev.head.lemma_.lower() in lex.phrasal_change_verbs):
        return lex.change_adverbs[prev.lower_], prev.lower_
    return None


def _level_after_to(a: _Around) -> tuple[str, str] | None:
    """"drop by £122 to £1,568": the level reached after a change, by word order (the parse often chains
    both figures together)."""
    doc = a.doc
    if a.before == "to" and a.start > 1 and (doc[a.start - 2].like_num
                                             or doc[a.start - 2].ent_type_ in ("MONEY", "PERCENT")
                                             or doc[a.start - 2].lower_ in a.lex.direction_adverbs):
        return EXACT
    return None


def _change_verb_before_by(a: _Around) -> tuple[str, str] | None:
    """"raised the price of its standard plan by $2 to $17.99": the change verb before "by", read by word
    order (its head, or the nearest verb a few words back)."""
    if a.before != "by":
        return None
    lex, start = a.lex, a.start
    by_head = a.doc[start - 1].head
    if by_head.pos_ == "VERB" and by_head.i < start and by_head.lemma_.lower() in lex.change_by_verbs:
        return lex.change_by_verbs[by_head.lemma_.lower()], by_head.lower_
    for k in range(start - 2, max(start - 6, -1), -1):
        tok = a.doc[k]
        if tok.pos_ in ("VERB", "AUX"):
            if tok.lemma_.lower() in lex.change_by_verbs:
                return lex.change_by_verbs[tok.lemma_.lower()], tok.lower_
            return None
    return None


def _amount_of_change_by(a: _Around) -> tuple[str, str] | None:
    """"rose by 5%", "raised its rate by 0.5 points", "a cut by 3%", "revised upward by 40 billion": the
    amount of a change, from what "by" hangs from."""
    if not (a.dep == "pobj" and a.head.lower_ == "by"):
        return None
    lex = a.lex
    gov = a.head.head
    hops = 0
    while gov.pos_ not in ("VERB", "AUX") and gov.dep_ in ("conj", "dobj", "pobj", "prep") and hops < 3 \
            and not change_noun(gov, lex):
        gov, hops = gov.head, hops + 1  # "cut the risk of heart attack and stroke by 20%" (by under "stroke")
    lemma = gov.lemma_.lower()
    if gov.pos_ in ("VERB", "AUX") and lemma in lex.change_by_verbs:
        return lex.change_by_verbs[lemma], gov.lower_
    way = next((c for c in kids(gov, "advmod", "prt") if c.lower_ in lex.direction_adverbs), None)
    if way is not None:
        return lex.direction_adverbs[way.lower_], way.lower_
    change = change_noun(gov, lex)
    return (change, gov.lower_) if change else None


def _change_noun_of(a: _Around) -> tuple[str, str] | None:
    """"an increase of 5%"; not "gains of $35 million" (a holding)."""
    if not (a.dep == "pobj" and a.head.lower_ == "of"):
        return None
    noun = a.head.head
    change = change_noun(noun, a.lex)
    if change and not (a.dimension == "currency" and noun.lemma_.lower() == "gain"):
        return change, noun.lower_
    return None


def _change_noun_in(a: _Around) -> tuple[str, str] | None:
    """"$500 billion in Medicare cuts", "more than $5 billion in tax increases"; not "sitting on $1 billion in
    gains" (a holding)."""
    for prep in kids(a.anchor, "prep"):
        if prep.lower_ == "in" and prep.i >= a.end:
            obj = next(iter(kids(prep, "pobj")), None)
            if obj is None:
                continue
            holding = obj.lemma_.lower() == "gain" and a.dimension != "ratio"
            change = change_noun(obj, a.lex)
            if change and not holding:
                return change, obj.lower_
    return None


def _count_of_lost(a: _Around) -> tuple[str, str] | None:
    """"2 million jobs lost": a count of things a cutting verb acts on, the verb after the noun."""
    if a.dimension != "count":
        return None
    lex = a.lex
    lost = next((c for c in kids(a.anchor, "acl") if c.tag_ == "VBN" and c.i >= a.end
                 and c.lemma_.lower() in lex.count_change_verbs), None)
    return (lex.change_by_verbs[lost.lemma_.lower()], lost.lower_) if lost is not None else None


def _bound_by_at(a: _Around) -> tuple[str, str] | None:
    """"fares were capped at Rp 3,500": a bounding verb with "at"."""
    verb = a.head.head
    if a.dep == "pobj" and a.head.lower_ == "at" and verb.lemma_.lower() in a.lex.qualifier_verbs:
        return a.lex.qualifier_verbs[verb.lemma_.lower()], verb.lower_
    return None


def _change_noun_after(a: _Around) -> tuple[str, str] | None:
    """"a 5% rise", "49% increase": the change noun the number modifies."""
    if a.dep in ("nummod", "compound", "amod", "npadvmod", "quantmod", "nmod") and a.head.i >= a.end:
        change = change_noun(a.head, a.lex)
        if change:
            return change, a.head.lower_
    return None


def _comparative_after(a: _Around) -> tuple[str, str] | None:
    """"a 30% higher risk", "15 cents higher than a month ago"."""
    doc, end, lex = a.doc, a.end, a.lex
    if end < len(doc) and doc[end].lower_ in lex.comparatives and doc[end].pos_ in ("ADJ", "ADV"):
        return lex.comparatives[doc[end].lower_], doc[end].lower_
    return None


def _yardstick(a: _Around) -> tuple[str, str] | None:
    """"exceeding the five originally planned": the number is the yardstick, not the claim."""
    if any(c.lower_ in DEFINITE_PLURAL and c.i < a.start for c in kids(a.anchor, "det")):
        return EXACT
    return None


def _verb_of_number(a: _Around) -> tuple[str, str] | None:
    """The verb the number is the object or measure of: a bounding verb ("surpassing $4 billion"), or a verb
    of change that makes the number a change (`_verb_makes_change`)."""
    head = a.head
    if head.pos_ not in ("VERB", "AUX") or a.dep not in ("dobj", "npadvmod", "attr", "advmod", "oprd", "obj"):
        return None
    lemma = head.lemma_.lower()
    if lemma in a.lex.qualifier_verbs:
        return a.lex.qualifier_verbs[lemma], head.lower_
    change = _verb_makes_change(a, lemma)
    return (change, head.lower_) if change else None


def _verb_makes_change(a: _Around, lemma: str) -> str | None:
    """The direction a change verb before the number gives it:
    - "raised business taxes 20 percent": a transitive change with its object named;
    - "cut 20,000 jobs": a count that a change verb acts on, for the verbs where that is the change;
    - "slashing $1.7 billion from Social Security": money a cutting verb takes away ("raised $5 billion" is
      money collected, no change);
    - "grew 12.5%", "dropped 24%"; not "rose to $5 billion" (the level reached) nor "sinking two ships" (a count
      of things acted on is no change)."""
    lex, head, start = a.lex, a.head, a.start
    if head.i >= start:
        return None
    obj = a.dep == "dobj"
    if lemma in lex.change_by_verbs and lemma not in lex.change_verbs \
            and any(j < start for j in index_of(a.doc).deps(head).get("dobj", ())[:1]):
        return lex.change_by_verbs[lemma]
    if obj and lemma in lex.count_change_verbs:
        if a.dimension == "count":
            return lex.change_by_verbs[lemma]
        if a.dimension == "currency" and lex.change_by_verbs.get(lemma) == "decrease":
            return "decrease"
    if lemma in lex.change_verbs and not (a.dimension == "count" and obj) \
            and not _word_between(a.doc, head.i + 1, start, LEVEL_PREPS):
        return lex.change_verbs[lemma]
    return None


QUALIFIER_READERS = (
    # word order first, where the parse often chains two figures together
    _change_adverb_before, _level_after_to, _change_verb_before_by,
    # then the parse: a change noun or verb around the number, a comparative, a bound
    _amount_of_change_by, _change_noun_of, _change_noun_in, _count_of_lost, _bound_by_at, _change_noun_after,
    _comparative_after, _yardstick, _verb_of_number,
)


def interval(qualifier: str, cue: str, value: float, value_to: float, dimension: str,
              lex: Lexicon) -> tuple[float, float]:
    """The interval [low, high] the claim asserts; NaN where the text does not bound it."""
    floor = 0.0 if value >= 0 and dimension not in ("ratio", "temperature") else -math.inf
    if qualifier in ("increase", "decrease") and not math.isnan(value_to):
        return min(value, value_to), max(value, value_to)  # "dropped by 1 to 1.5 degrees"
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


def read_rate(doc: Doc, anchor: Token, end: int, lex: Lexicon, found: Matches) -> str:
    """'annually', 'a year', 'per day' right after the quantity or after what it counts ('of cargo');
    'per barrel'; 'for each recruit'. A rate written after another number is that number's ('40 in March
    and 300 a week': only 300 is per week)."""
    positions = {end}
    if end < len(doc) and doc[end].pos_ == "NOUN":
        positions.add(end + 1)  # "four times per week"
    aside = set()
    if end < len(doc) and doc[end].text == "(":  # "9 billion shekels ($2.408 billion) a year"
        close = next((k for k in range(end, min(len(doc), end + 12)) if doc[k].text == ")"), None)
        if close is not None:
            aside.add(close + 1)
    mark = currency_mark_after(doc, end, lex, found)
    if mark is not None:
        aside.add(mark)  # "$75 U.S. per barrel"
    right = max(end, anchor.right_edge.i + 1)
    positions.add(right)
    idx = index_of(doc)
    text, like_num, space = idx.column("ORTH"), idx.column("LIKE_NUM"), idx.column("SPACY")
    stop = next((k for k in range(end, min(len(doc), end + MAX_HOPS + 12))
                 if _another_number(text, like_num, space, k)), len(doc))
    # inside what it counts: "100 aid trucks a day", "100 grams of CO2 per km" (a few words on, not thousands);
    # only the words up to another number are read, and the asides (a run of figures has one every other word)
    inside = min(right, end + MAX_HOPS)
    positions.update(range(end, min(inside, stop + 1)))
    positions.update(p for p in aside if stop < p < inside and p >= end)
    # after an "of"/"in"/"for" phrase hanging from the quantity: "30 million tons of cargo annually"
    for child in kids(anchor, "prep"):
        if child.i >= end:
            positions.add(child.right_edge.i + 1)
    for p in sorted(p for p in positions if p <= stop or p in aside):
        per = rate_at(doc, p, lex, found)
        if per:
            return per
    for p in sorted(aside):
        per = rate_at(doc, p, lex, found)
        if per:
            return per
    return ""


def _another_number(text: list[str], like_num: list[bool], space: list[bool], k: int) -> bool:
    """Does another figure start at token ``k`` (given the Doc's ORTH, LIKE_NUM and SPACY columns)? Not a number
    hyphenated into a modifier ('12-inch wafers')."""
    if not (like_num[k] or text[k][:1].isdigit()):
        return False
    return not (k + 1 < len(text) and text[k + 1] in ("-", "–") and not space[k])


def rate_at(doc: Doc, p: int, lex: Lexicon, found: Matches) -> str:
    """The rate a phrase starting at token ``p`` states ('a year', 'per barrel', 'for each recruit'), or ''."""
    if p >= len(doc) or p in found["UI"]:  # not the "/" inside "195 km/h"
        return ""
    rates = found["R"].get(p)
    if not rates and doc[p].lower_ not in _rate_starts(lex):
        return ""  # most positions: no word a rate can start with
    if rates and not (rates[0][0] < len(doc) and doc[rates[0][0]].lower_ in lex.not_rate_after):
        return rates[0][1]  # not "20 lira a year ago"
    if doc[p].lower_ == "per" and p + 2 < len(doc) and doc[p + 1].like_num and doc[p + 2].pos_ == "NOUN":
        return doc[p + 1:p + 3].text  # "9.6 per 100,000 people"
    if doc[p].text == "/" and not _slash_after_figure(doc, p, found):
        return ""  # "18-karat gold/sapphire": a slash between two nouns is no rate
    if doc[p].lower_ in PER_LEADS and p + 1 < len(doc):
        measured = unit_at(p + 1, lex, found)
        ago = p + 2 < len(doc) and doc[p + 2].lower_ in lex.not_rate_after  # "a year ago"
        if measured is not None and measured[1] not in ("currency",) and not ago:
            return measured[0]  # "$21.25 per square foot", "$1,271.2 an ounce"
    if doc[p].lower_ in ("per", "/") and p + 1 < len(doc):
        # "per share", "per diluted share": the noun, past a modifier or two
        noun = next((t for t in doc[p + 1:p + 4] if t.pos_ in ("NOUN", "PROPN") or t.pos_ not in ("ADJ", "VERB")),
                    None)
        if noun is not None and noun.pos_ == "NOUN" and (noun.i == p + 1 or doc[p].lower_ == "per"):
            return noun.lemma_.lower()
    return _hyphenated_rate(doc, p, lex, found) or _rate_for_each(doc, p, lex, found)


def _hyphenated_rate(doc: Doc, p: int, lex: Lexicon, found: Matches) -> str:
    """"a $15-an-hour wage", "a $10-a-barrel discount"; not "two-and-a-half hours"."""
    if doc[p].text in ("-", "–") and p + 3 < len(doc) and doc[p + 1].lower_ in HYPHEN_RATE_WORDS \
            and doc[p + 2].text in ("-", "–") and doc[p + 3].lower_ not in lex.fraction_words:
        measured = unit_at(p + 3, lex, found)
        if measured is not None and measured[1] != "currency":
            return measured[0]
        if doc[p + 3].pos_ == "NOUN":
            return doc[p + 3].lemma_.lower()
    return ""


def _rate_for_each(doc: Doc, p: int, lex: Lexicon, found: Matches) -> str:
    """"paying $5,000 for each recruit", "$200 for every new employee": the noun after an item cue, or its unit."""
    for cue in lex.item_cues:
        n = len(cue)
        if tuple(t.lower_ for t in doc[p:p + n]) == cue:
            noun = next((t for t in doc[p + n:p + n + 3] if t.pos_ in ("NOUN", "PROPN")), None)
            while noun is not None and noun.dep_ in ("compound", "nmod") and noun.i < noun.head.i <= p + n + 3 \
                    and noun.head.pos_ in ("NOUN", "PROPN"):
                noun = noun.head  # "for every U.S. household": the phrase's head, not its modifier
            if noun is not None and not noun.like_num:
                measured = unit_at(noun.i, lex, found)
                return measured[0] if measured is not None else noun.lemma_.lower()
            return ""
    return ""


RATE_WORDS = WORDS.words("rate_marks")


def _rate_starts(lex: Lexicon) -> frozenset[str]:
    """The words a rate not in the rate table can start with (`rate_at`), read once per lexicon."""
    found = getattr(lex, "_rate_starts", None)
    if found is None:
        found = RATE_WORDS | {cue[0] for cue in lex.item_cues if cue}
        lex._rate_starts = found  # type: ignore[attr-defined]
    return found


def _slash_after_figure(doc: Doc, p: int, found: Matches) -> bool:
    """Does the '/' at ``p`` follow a number or a unit ('$15/month', '5 tonnes/day')?"""
    if p == 0:
        return False
    if doc[p - 1].like_num or doc[p - 1].text[:1].isdigit() or doc[p - 1].text[-1:].isdigit():
        return True  # "$15/month", "100km/hr"
    return any(m_end == p for s in range(max(0, p - 4), p) for table in ("U", "CN")
               for m_end, _ in found[table].get(s, ()))


def currency_mark_after(doc: Doc, end: int, lex: Lexicon, found: Matches) -> int | None:
    """Where a currency mark written after an amount ends ('$75 U.S.', '$5 USD'), or None."""
    if end >= len(doc):
        return None
    for table in ("CS", "CN"):
        if found[table].get(end):
            return found[table][end][0][0]
    if doc[end].text.replace(".", "").upper() in lex.dollar_prefixes and doc[end].text[:1].isupper():
        return end + 1
    return None


def read_fronted_rate(doc: Doc, anchor: Token, start: int, lex: Lexicon, found: Matches) -> str:
    """A rate adverbial before the quantity on the verb of its clause: 'Every year, more than $40 million
    leave Missouri', 'Annually, 5,000 students graduate'. Not 'a year' ('A year later, 5 people ...')."""
    idx = index_of(doc)
    sent_start, sent_end = idx.sent_bounds(start)
    key = ("fronted_rates", sent_start)
    by_verb = idx.memo.get(key)
    if by_verb is None:  # once per sentence: its rate phrases (not 'a year') by the token their root hangs from
        by_verb = idx.memo[key] = {}
        rate_starts = idx.memo.get("rate_starts")
        if rate_starts is None:
            rate_starts = idx.memo["rate_starts"] = sorted(found["R"])
        for p in rate_starts[bisect_left(rate_starts, sent_start):bisect_left(rate_starts, sent_end)]:
            if doc[p].lower_ in RATE_ARTICLES:
                continue
            for r_end, per in found["R"][p]:
                root = span_root(doc, p, r_end)
                by_verb.setdefault(root.head.i, []).append((p, r_end, per, root.i))
    if not by_verb:
        return ""
    verb = governing_verb(anchor) or doc[idx.memo.setdefault(("root", sent_start), doc[sent_start:sent_end].root.i)]
    for p, r_end, per, root in by_verb.get(verb.i, ()):  # the root even when mistagged ("leave" as a noun)
        if p >= start:
            break
        if r_end <= start and root != verb.i:
            return per
    return ""


@dataclass(slots=True)
class _Measure:
    """A quantity as the readers of what it measures see it: its tokens (``skip``: the number's own, and
    tokens that are no thing measured), the parse token it hangs from (``root``; a change noun it describes
    takes its place once read) and the noun it counts."""

    doc: Doc
    root: Token
    counted: Token | None
    start: int
    end: int
    dimension: str
    lex: Lexicon
    found: Matches
    kind: str
    skip: set[int]

    def phrase(self, tok: Token) -> tuple[str, Token]:
        return noun_phrase(tok, self.skip), tok


NOTHING: tuple[str, Token | None] = ("", None)


def read_quantity_of(doc: Doc, root: Token, counted: Token | None, start: int, end: int, dimension: str,
                     lex: Lexicon, found: Matches, kind: str = "number",
                     also_skip: frozenset[int] = frozenset()) -> tuple[str, Token | None]:
    """What the quantity counts or measures, as a short noun phrase from the sentence, and its head: the first
    of `MEASURE_READERS` that reads one (some read nothing, to stop the rest). ``also_skip``: tokens that are
    no thing measured ('year on year' after a change)."""
    m = _Measure(doc, root, counted, start, end, dimension, lex, found, kind, set(range(start, end)) | also_skip)
    for reader in MEASURE_READERS:
        got = reader(m)
        if got is not None:
            return got
    return NOTHING


def _thing_counted(m: _Measure) -> tuple[str, Token | None] | None:
    """"one in five children"; the noun a bare number counts ("800,000 students")."""
    doc, end = m.doc, m.end
    if m.kind == "fraction" and end < len(doc) and is_thing(doc[end]):
        return m.phrase(doc[end])
    if m.counted is not None and not is_unitlike(m.counted, m.found) and not m.counted.like_num:
        return m.phrase(m.counted)
    return None


def _phrase_right_after(m: _Measure) -> tuple[str, Token | None] | None:
    """"30 million tons of cargo", "12 percent of GDP", "$5 billion in loans": a phrase right after it."""
    doc, end = m.doc, m.end
    if end + 1 < len(doc) and doc[end].lower_ in ("of", "in") and (doc[end].lower_ == "of"
                                                                    or m.dimension == "currency"):
        pobj = next(iter(kids(doc[end], "pobj")), None)
        if pobj is not None and is_thing(pobj) and pobj.i not in m.skip:
            return m.phrase(pobj)
    return None


def _noun_of_amount(m: _Measure) -> tuple[str, Token | None] | None:
    """"a budget of $40 billion", "contracts worth $5 billion", "fines of up to 15 million rubles"; "a $5.3
    billion loan", "a 272-kilometre rail line" (the quantity describes the noun); not a change ("an increase
    of 5%") nor a quantifier ("a total of 5")."""
    root, lex = m.root, m.lex
    head = root.head
    owner = head.head
    if root.dep_ == "pobj" and head.lower_ in ("of", "worth") and owner.pos_ in ("NOUN", "PROPN") \
            and not change_noun(owner, lex) and not m.start <= owner.i < m.end \
            and owner.lemma_.lower() not in lex.quantifier_nouns:
        return m.phrase(owner)
    if root.dep_ in ("npadvmod", "amod") and head.lower_ == "worth" and owner.pos_ in ("NOUN", "PROPN"):
        return m.phrase(owner)
    if root.dep_ in ("compound", "nummod", "amod", "nmod", "quantmod") and head.pos_ in ("NOUN", "PROPN") \
            and head.i >= m.end and not change_noun(head, lex):
        return m.phrase(head)
    return None


def _prepositional_thing(m: _Measure) -> tuple[str, Token | None] | None:
    """"$2 million for port upgrades", "$5 billion in loans", "10 percent on imports" ("22 years in prison" is
    a place); a duration ("for eight years") measures no thing of its own."""
    doc, end = m.doc, m.end
    preps = MONEY_PREPS if m.dimension == "currency" else ("on", "of")
    for child in kids(m.root, "prep"):
        if child.lower_ in preps and child.i >= end and child.i not in m.skip:
            pobj = next(iter(kids(child, "pobj")), None)
            if pobj is not None and is_thing(pobj):
                return m.phrase(pobj)
    if m.dimension == "currency" and end + 1 < len(doc) and doc[end].lower_ in ("for", "on"):
        pobj = next(iter(kids(doc[end], "pobj")), None)
        if pobj is not None and is_thing(pobj):
            return m.phrase(pobj)
    return NOTHING if m.dimension == "time" else None


def _changed_thing(m: _Measure) -> tuple[str, Token | None] | None:
    """A change noun: "a 49% increase in the minimum wage" -> its "in"/"of" phrase; the levels it goes from and
    to ("a decline in GDP growth to 1.75 pct") too. Without such a phrase the change noun stands for the
    quantity in what follows (the clause's subject)."""
    root, lex = m.root, m.lex
    head = root.head
    change = None
    if root.dep_ in ("compound", "nummod", "amod", "npadvmod", "nmod") and change_noun(head, lex):
        change = head
    elif root.dep_ == "pobj" and head.lower_ in CHANGE_LEVEL_PREPS and change_noun(head.head, lex):
        change = head.head
    if change is None:
        return None
    for child in kids(change, "prep"):
        if child.lower_ in ("in", "of"):
            pobj = next(iter(kids(child, "pobj")), None)
            if pobj is not None:
                return m.phrase(pobj)
    m.root = change
    return None


def _object_of_verb(m: _Measure) -> tuple[str, Token | None] | None:
    """The object of the verb the quantity completes when the quantity hangs from a preposition of that verb
    ("raised its rate by 0.5 points", "kept its policy rate at minus 0.1 percent") or is the amount of a
    transitive change ("raised business taxes 20 percent")."""
    root, lex = m.root, m.lex
    verb = governing_verb(root)
    if verb is None:
        return None
    lemma = verb.lemma_.lower()
    transitive_change = lemma in lex.change_by_verbs and lemma not in lex.change_verbs
    if root.dep_ == "pobj" and root.head.dep_ == "prep" and root.head.head.i == verb.i \
            or transitive_change and root.dep_ in ("npadvmod", "dobj", "advmod"):
        obj = next((c for c in kids(verb, "dobj") if not m.start <= c.i < m.end), None)
        if obj is not None and is_thing(obj):
            return m.phrase(obj)
    return None


def _subject_of_verb(m: _Measure) -> tuple[str, Token | None]:
    """The subject of the verb the quantity completes ("trade turnover surpassing $4 billion", "exports rose
    5%"), up through the verbs it is the complement or conjunct of; nothing where that verb does not state a
    level, a change or a bound ("Russia spent $5 billion", "the blast killed seven": the subject is not
    measured) or is too far ("down from an average of 36")."""
    verb = governing_verb(m.root)
    if verb is not None and _hops(m.root, verb) > 3:
        return NOTHING
    lex = m.lex
    while verb is not None:
        lemma = verb.lemma_.lower()
        if lemma not in lex.level_verbs and lemma not in lex.change_by_verbs and lemma not in lex.qualifier_verbs \
                and verb.dep_ not in ("xcomp", "acl"):
            return NOTHING
        subj = subject(verb)
        if subj is not None and not (m.start <= subj.i < m.end):
            return _named_subject(m, verb, subj)
        if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN"):
            return m.phrase(verb.head)  # "crude exports held above 1.5 million barrels"
        verb = verb.head if verb.dep_ in ("xcomp", "conj", "advcl", "pcomp") and verb.head.pos_ in ("VERB", "AUX") \
            else None
    return NOTHING


def _named_subject(m: _Measure, verb: Token, subj: Token) -> tuple[str, Token | None]:
    """A verb's subject as what is measured; for a pronoun, what it stands for where the parse says: the noun
    of a relative clause ("the railway, which runs 826 km"), or the subject of the main clause ("M2 rose 3.3
    pct from December, when it rose 3.5 pct": M2)."""
    if subj.pos_ != "PRON":
        return m.phrase(subj)
    if verb.dep_ == "relcl" and subj.lower_ in ("which", "that"):
        return m.phrase(verb.head)
    if subj.lower_ in ("it", "they") and verb.dep_ in ("advcl", "conj") and verb.head.pos_ in ("VERB", "AUX"):
        main = subject(verb.head)
        if main is not None and main.pos_ != "PRON" and not (m.start <= main.i < m.end):
            return m.phrase(main)
    return NOTHING


MEASURE_READERS = (
    # a noun next to the number, or a phrase that names what it is an amount of
    _thing_counted, _phrase_right_after, _noun_of_amount, _prepositional_thing, _changed_thing,
    # the verb the quantity completes: its object, else its subject
    _object_of_verb, _subject_of_verb,
)


def _word_between(doc: Doc, start: int, end: int, words: tuple[str, ...]) -> bool:
    """Is one of ``words`` among tokens ``start:end``? (Their positions are listed once per Doc.)"""
    idx = index_of(doc)
    at = idx.memo.get(("word_at", words))
    if at is None:
        at = idx.memo[("word_at", words)] = [t.i for t in doc if t.lower_ in words]
    k = bisect_left(at, start)
    return k < len(at) and at[k] < end


def is_thing(tok: Token) -> bool:
    """A noun that can be what is counted: not a date, not a number, not a pronoun."""
    return tok.pos_ in ("NOUN", "PROPN") and not tok.like_num and tok.ent_type_ not in ("DATE", "TIME", "CARDINAL",
                                                                                       "MONEY", "PERCENT")


def is_unitlike(tok: Token, found: Matches) -> bool:
    return tok.i in found["U"] or tok.i in found["CN"]


def governing_verb(tok: Token) -> Token | None:
    """The verb whose clause the token belongs to (crossing prepositions and noun heads)."""
    if tok.head.i == tok.i:
        return tok if tok.pos_ in ("VERB", "AUX") else None
    found = first_up(tok.doc, tok.head.i)  # a clause's verb is a few arcs up, not thousands
    return tok.doc[found] if found >= 0 else None


def subject(verb: Token) -> Token | None:
    for child in kids(verb, "nsubj", "nsubjpass", "csubj"):
        return child
    # "with trade turnover surpassing ..." : the subject of a gerund attached by "with"
    return None


# ---------------------------------------------------------------------------- about whom, claim or not


def entities_in_scope(anchor: Token, ent_of: dict[int, str]) -> list[str]:
    """Linked entities of the smallest clause around the quantity that names any (a relative clause
    also counts the noun it describes): 'in Azerbaijan, where over 800,000 students study' -> Azerbaijan.
    A subtree of spaCy's (projective) parse is the run of tokens from its left to its right edge."""
    doc = anchor.doc
    idx = index_of(doc)  # the walk reads the token columns; a Token is built only for a clause's edges
    heads, tags, deps = idx.column("HEAD"), idx.column("POS"), idx.column("DEP")
    cur = anchor.i
    seen_root = False
    hops = 0
    while cur >= 0 and not seen_root and hops < MAX_HOPS:  # a degenerate parse: the sentence's names
        clause = cur
        while heads[clause] != clause and tags[clause] not in ("VERB", "AUX") and hops < MAX_HOPS:
            clause, hops = heads[clause], hops + 1
        seen_root = heads[clause] == clause
        tok = doc[clause]
        names = names_between(doc, tok.left_edge.i, tok.right_edge.i + 1, ent_of)
        if deps[clause] == "relcl":
            names = unique([*names, *names_in([heads[clause]], ent_of)])
        if names:
            return names
        cur = heads[clause] if not seen_root else -1
        hops += 1
    return names_between(doc, *index_of(doc).sent_bounds(anchor.i), ent_of)


def names_between(doc: Doc, start: int, end: int, ent_of: dict[int, str]) -> list[str]:
    """``names_in(range(start, end), ent_of)`` without a pass over the range: the tokens of linked entities
    are listed once per Doc and found by bisection; a range with many of them (a clause of a giant
    sentence) is answered per distinct name, by the first mention of each in it."""
    idx = index_of(doc)
    key = ("linked_tokens", id(ent_of))
    table = idx.memo.get(key)
    if table is None:
        at = sorted(ent_of)
        by_name: dict[str, list[int]] = {}
        for i in at:
            by_name.setdefault(ent_of[i], []).append(i)
        table = idx.memo[key] = (at, by_name)
    at, by_name = table
    lo, hi = bisect_left(at, start), bisect_left(at, end)
    if hi - lo <= 4 * len(by_name):
        return unique(ent_of[i] for i in at[lo:hi])
    firsts = []
    for name, positions in by_name.items():
        k = bisect_left(positions, start)
        if k < len(positions) and positions[k] < end:
            firsts.append((positions[k], name))
    return [name for _, name in sorted(firsts)]


def names_in(indices: Iterable[int], ent_of: dict[int, str]) -> list[str]:
    return unique(ent_of[i] for i in indices if i in ent_of)


def unique(names: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(names))


def is_reference(num: Number, counted: Token | None, q: Quantity, reference_max: float) -> bool:
    """'the two nations', 'its three neighbours', 'the five members': a number inside a definite noun
    phrase that refers back to things already known, not a figure anyone asserts."""
    if q.unit or q.qualifier != "exact" or counted is None or abs(q.value) > reference_max:
        return False
    for child in kids(counted, "det", "poss"):
        if child.i < num.start and (child.dep_ == "det" and child.lower_ in DEFINITE
                                    or child.dep_ == "poss" and child.pos_ == "PRON"):
            return True
    return False


def length_context(doc: Doc, end: int) -> bool:
    """After '37m': is a length meant ('37m long', '37m (121ft)-long', '37m-high') rather than a million?"""
    for k in range(end, min(len(doc), end + 6)):
        low = doc[k].lower_
        if _LENGTH_WORD.search(low) or low in DISTANCE_WORDS or re.search(r"\d(ft|feet)\b", low) \
                or low in FEET_WORDS:
            return True
        if doc[k].pos_ in ("NOUN", "VERB") and low not in ("(", ")"):
            return False
    return False


def unit_at(i: int, lex: Lexicon, found: Matches) -> tuple[str, str, float, str] | None:
    """The unit written at token ``i`` (longest match): (name, dimension, factor, per)."""
    matches = found["U"].get(i)
    if not matches:
        return None
    u = lex.units[int(matches[0][1])]
    return u.name, u.dimension, u.factor, u.per


def _hops(tok: Token, ancestor: Token) -> int:
    """Arcs from ``tok`` up to ``ancestor`` (a large number when it is not an ancestor)."""
    n = 0
    while tok.i != ancestor.i and tok.head.i != tok.i and n < MAX_HOPS:
        tok, n = tok.head, n + 1
    return n if tok.i == ancestor.i else 99
