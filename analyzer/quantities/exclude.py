"""Numbers that are not quantities: calendar dates and times, identifiers, addresses, scores, ranks,
ages after a name, and hyphenated descriptors. The cue words are in ``data/not_quantities.json``."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from spacy.tokens import Doc

from .._resources import require
from .matches import Matches, in_headline
from .numbers import Number, parse_token

if TYPE_CHECKING:  # a type only: the lexicon builds the exclusions (`Lexicon.from_raw`)
    from .lexicon import Lexicon

FILE = "not_quantities.json"


@dataclass(frozen=True)
class Exclusions:
    raw: dict[str, Any]
    label_nouns: frozenset[str]
    product_suffixes: frozenset[str]
    street_words: frozenset[str]
    rank_words: frozenset[str]
    hyphen_nouns: frozenset[str]
    clock_words: frozenset[str]
    months: frozenset[str]
    year_nouns: frozenset[str]
    year_range: tuple[int, int]

    @classmethod
    def from_raw(cls, raw: dict[str, Any], w: str = FILE) -> Exclusions:
        lo, hi = require(raw, "year_range", list, w)
        return cls(raw=raw, label_nouns=frozenset(require(raw, "label_nouns", list, w)),
                   product_suffixes=frozenset(require(raw, "product_suffixes", list, w)),
                   street_words=frozenset(require(raw, "street_words", list, w)),
                   rank_words=frozenset(require(raw, "rank_words", list, w)),
                   hyphen_nouns=frozenset(require(raw, "hyphen_nouns", list, w)),
                   clock_words=frozenset(require(raw, "clock_words", list, w)),
                   months=frozenset(require(raw, "months", list, w)),
                   year_nouns=frozenset(require(raw, "year_nouns", list, w)), year_range=(int(lo), int(hi)))

    def is_year(self, num: Number, doc: Doc, found: Matches) -> bool:
        """A 4-digit integer in the year range, not counted by a noun and carrying no unit or currency."""
        if not num.integer_digits or len(doc[num.start].text) != 4:
            return False
        lo, hi = self.year_range
        if not lo <= num.value <= hi:
            return False
        first = doc[num.start]
        in_date = first.ent_type_ in ("DATE", "TIME")
        counted = (first.dep_ == "nummod" and first.head.i > first.i and first.head.pos_ == "NOUN"
                   and first.head.lower_ not in self.months and first.head.lemma_.lower() not in self.year_nouns
                   and not in_date)
        after = doc[num.end].lower_ if num.end < len(doc) else ""
        return not counted and (not _has_money_or_unit(num, found) or after in self.year_nouns)  # "the 1988 quarter"

    def excludes(self, doc: Doc, num: Number, found: Matches, lex: Lexicon) -> bool:
        """Is the number at ``num`` something other than a quantity?"""
        if num.kind != "number":
            return False
        first, last = doc[num.start], doc[num.end - 1]
        headline = in_headline(found, num.start)  # capitals and proper-noun tags say nothing in a title-case headline
        if num.written and first.is_title and not first.is_sent_start and num.end < len(doc) and not headline \
                and doc[num.end].is_title and doc[num.end].is_alpha and not _has_money_or_unit(num, found):
            return True  # "One Nation Under God", "the Two Sessions": a number word in a title
        prev = doc[num.start - 1] if num.start > 0 else None
        nxt = doc[num.end] if num.end < len(doc) else None
        plain = not num.currency and num.unit is None and not _has_money_or_unit(num, found)
        if self.is_year(num, doc, found):
            return True
        if first.lower_ in ("zero", "0") and prev is not None and prev.lower_ in ("below", "above") \
                and num.end == num.start + 1:
            return True  # "fell below zero": the reference point of a scale
        if prev is not None and prev.text in ("'", "’") and prev.whitespace_ == "" and num.integer_digits \
                and len(first.text) == 2:
            return True  # "the '94 elections", "in '92": a year
        if num.integer_digits:
            if 1 <= num.value <= 31 and ((prev is not None and prev.lower_.rstrip(".") in self.months)
                                         or (nxt is not None and nxt.lower_.rstrip(".") in self.months)):
                return True  # "March 29", "29 March"
            if nxt is not None and nxt.lower_ in self.clock_words and (nxt.lower_ != "hrs" or len(first.text) == 4):
                return True  # "1800 hrs" is a time of day; "3 hrs" a duration
        if nxt is not None and nxt.text == ":" and num.end + 1 < len(doc) and doc[num.end + 1].like_num:
            return True  # 10:30, 4:39
        if _zero_to_speed(doc, num, found, lex):
            return True  # "0-60mph", "0 to 100 km/h": the name of an acceleration test
        if not plain:
            return False
        if not num.grouped and _digit_run(doc, num.start) >= 3:
            return True  # "+44 20 7946 0958", "555 0100 22": a phone number or code
        if (prev is None or "\n" in prev.text or prev.is_space or doc[num.start].is_sent_start) \
                and nxt is not None and nxt.text in (".", ")") and num.integer_digits and num.value < 100:
            return True  # "1. Trade", "2) Security": a list marker
        if prev is not None and (prev.lower_ in ("no.", "#", "nos.") or prev.text == "." and num.start >= 2
                                 and doc[num.start - 2].lower_ in ("no", "nos")):
            return True  # "No. 1 automaker", "#46"
        # identifiers: "Article 5", "category 4", "iPhone 11", "S&P 500", "COVID -19"
        if prev is not None and prev.lower_ in self.label_nouns and (
                last.head.i == prev.i or prev.head.i == last.i
                or (last.head.i == num.end and (prev.head.i > prev.i or prev.dep_ == "compound"))):
            return True  # not "out of class five times a day": the number counts the noun after it
        if prev is not None and prev.text[:1].islower() and any(c.isupper() for c in prev.text[1:]) and prev.is_alpha:
            return True  # "iPhone 6", "iOS 8": a model name
        if prev is not None and last.head.i in (prev.i, num.end) and prev.pos_ == "PROPN" and not prev.is_sent_start \
                and not headline \
                and prev.tag_ != "NNPS" and prev.ent_type_ not in ("NORP", "GPE"):
            return True
        if nxt is not None and (nxt.text in self.product_suffixes or nxt.text.title() in self.product_suffixes
                                and nxt.is_upper and len(nxt.text) > 2):
            return True  # "iPhone 11 Pro", "two new 737 Max jets"
        if prev is not None and prev.text[:1].isalpha() and any(c.isupper() for c in prev.text[1:]) \
                and prev.whitespace_ == "" and first.text[:1] in "-+":
            return True  # "COVID -19"
        if prev is not None and nxt is not None and prev.pos_ == "PROPN" and nxt.pos_ == "PROPN" \
                and not prev.is_sent_start and nxt.is_title and not headline:
            return True  # "Galaxy Note 20 Ultra"
        # "737 Max", "787 Dreamliner": the number names the proper noun after it
        if nxt is not None and nxt.tag_ == "NNP" and last.head.i == nxt.i and nxt.ent_type_ not in ("NORP",) \
                and last.dep_ in ("compound", "nmod", "nummod", "amod") and not headline \
                and not (num.value < 100 and nxt.ent_type_ == "ORG" and nxt.dep_ != "compound"):  # "kills 25 Taliban"
            return True
        if num.integer_digits and num.value >= 100 and nxt is not None and nxt.is_title and nxt.is_alpha \
                and nxt.ent_type_ not in ("NORP", "GPE", "ORG", "LOC") and prev is not None and not headline \
                and (prev.lower_ in ("a", "an", "the", "its", "their", "his", "her") or prev.like_num):
            return True  # "a 787 Dreamliner", "two 737 Max jets"
        # addresses: "49 Zorro Ranch Road", "16-18 Industrial Avenue"
        k = num.end
        if k < len(doc) and doc[k].text in ("-", "–") and k + 1 < len(doc) and doc[k + 1].like_num:
            k += 2
        words = 0
        while k < len(doc) and words < 4 and (doc[k].is_title or doc[k].is_upper) and doc[k].is_alpha:
            if doc[k].lower_ in self.street_words and words >= 1:
                return True
            words, k = words + 1, k + 1
        # scores: "2-0", "89-89" (a range goes up: "10-15")
        if num.integer_digits and nxt is not None and nxt.text in ("-", "–") and nxt.whitespace_ == "" \
                and last.whitespace_ == "" and num.end + 1 < len(doc):
            other = parse_token(doc[num.end + 1].text, lex)
            if other is not None and other.unit is None and other.value <= num.value and other.value.is_integer():
                return True
        if prev is not None and prev.text in ("-", "–") and prev.whitespace_ == "" and num.start >= 2 \
                and doc[num.start - 2].whitespace_ == "" and doc[num.start - 2].like_num and num.integer_digits:
            before = doc[num.start - 2].text
            if before.isdecimal() and int(before) >= num.value:  # not isdigit(): int("²") raises
                return True  # the second half of a score
        # ranks: "the bottom three"
        determined = num.start >= 2 and doc[num.start - 2].dep_ in ("det", "poss")
        if prev is not None and prev.lower_ in self.rank_words and (nxt is None or nxt.pos_ not in ("NOUN", "PROPN")) \
                and (prev.lower_ not in ("top", "bottom") or determined):
            return prev.lower_ in ("top", "bottom")  # "the bottom three"; not "Subscribers Top 260 Million"
        # descriptors: "a five-year plan", "the 27-member bloc", "eight three-pointers" ("a 5-year-old" is an age)
        if nxt is not None and nxt.text in ("-", "–") and nxt.whitespace_ == "" and num.end + 1 < len(doc):
            noun = doc[num.end + 1]
            followed = num.end + 2 < len(doc) and doc[num.end + 2].text in ("-", "–")
            if noun.lower_ in self.hyphen_nouns and not followed:
                return True
        # an age set off after a name: "Senard, 65, now faces" -- a description, and not annotated as a figure
        if prev is not None and prev.text == "," and nxt is not None and nxt.text == "," and num.start >= 2 \
                and (doc[num.start - 2].ent_type_ == "PERSON" or doc[num.start - 2].pos_ == "PROPN" and not headline) \
                and num.integer_digits and num.value < 120:
            return True
        if prev is not None and prev.lower_ == "per":
            return True  # "9.6 per 100,000 people": the denominator of a rate
        if first.lower_ == "one" and num.end == num.start + 1 and first.dep_ not in ("nummod", "quantmod") and any(
                c.dep_ == "relcl" or (c.dep_ == "det" and c.lower_ in ("the", "this", "that"))
                or (c.dep_ == "amod" and c.lower_ == "only") for c in first.children):
            return True  # "the only one who fought", "the one that got away": a pronoun
        if num.written and num.end == num.start + 1 and nxt is not None and nxt.text in (",", ":") \
                and first.lower_ in ("one", "two", "three", "four", "five") \
                and (prev is None or prev.is_sent_start and prev.is_punct or prev.text in (":", ";")
                     or prev.text == "," and num.start >= 2 and doc[num.start - 2].lower_ in ("is", "are", "was")) \
                and first.dep_ not in ("nummod", "dobj", "nsubj"):
            return True  # "That lesson tells us two things: One, pick a President": an enumeration
        if first.lower_ == "one" and nxt is not None and nxt.lower_ in ("time", "off") and num.end + 1 < len(doc) \
                and doc[num.end + 1].pos_ == "NOUN":
            return True  # "a one time bonus"
        if prev is not None and prev.is_upper and prev.is_alpha and len(prev.text) >= 2 \
                and num.integer_digits and num.value >= 100 and prev.whitespace_ and not headline:
            return True  # "RTX 4090", "XPS 13" are model names
        return False


def _has_money_or_unit(num: Number, found: Matches) -> bool:
    """A unit or currency written right after the number, or a currency symbol right before it."""
    return any(num.end in found[k] for k in ("U", "CN", "CS")) or num.start in found["CSE"]


def _digit_run(doc: Doc, i: int) -> int:
    """How many groups of bare digits stand together around token ``i`` (joined by spaces, hyphens,
    brackets or a leading '+'): three or more is a phone number or a code, not a quantity."""
    def bare(k: int) -> bool:
        text = doc[k].text.lstrip("+")
        return text.isdigit() and not (k + 1 < len(doc) and doc[k + 1].lower_ in _COUNTABLE_AFTER)

    if not bare(i):
        return 0
    count, k = 1, i - 1
    while k >= 0 and (bare(k) or doc[k].text in ("-", "(", ")")) and count < 5:
        count, k = count + bare(k), k - 1
    k = i + 1
    while k < len(doc) and (bare(k) or doc[k].text in ("-", "(", ")")) and count < 5:
        count, k = count + bare(k), k + 1
    return count


_COUNTABLE_AFTER = frozenset({"%", "percent", "million", "billion", "thousand"})


def _zero_to_speed(doc: Doc, num: Number, found: Matches, lex: Lexicon) -> bool:
    """Is the number one end of '0-60mph' / '0 to 100 km/h'?"""
    def speed_at(k: int) -> bool:
        return any(lex.units[int(key)].dimension == "speed" for _, key in found["U"].get(k, ()))

    i, j = num.start, num.end
    if doc[i].text == "0" and j + 1 < len(doc) and doc[j].lower_ in ("-", "–", "to") and doc[j + 1].like_num:
        return speed_at(j + 2)
    if i >= 2 and doc[i - 2].text == "0" and doc[i - 1].lower_ in ("-", "–", "to"):
        return speed_at(j)
    return False
