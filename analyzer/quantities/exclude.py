"""Numbers that are not quantities: calendar dates and times, identifiers, addresses, scores, ranks,
ages after a name, and hyphenated descriptors. The cue words are in ``data/not_quantities.json``."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from spacy.tokens import Doc

from .._resources import word_lists
from .matches import Matches, in_headline
from .numbers import Number, parse_token

WORDS = word_lists("analyzer.quantities")
NUMBER_SIGNS = WORDS.ordered("number_signs")
MODEL_DETERMINERS = WORDS.ordered("model_determiners")
DEMONSTRATIVES = WORDS.ordered("demonstratives")
LIST_NUMBERS = WORDS.ordered("list_numbers")
COPULAS = WORDS.ordered("copulas")

if TYPE_CHECKING:  # a type only: the lexicon builds the exclusions (`Lexicon.from_raw`)
    from .lexicon import Lexicon


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
    def from_raw(cls, raw: dict[str, Any]) -> Exclusions:
        """The lists of not_quantities.json, checked against its schema by `Lexicon.from_dir`."""
        lo, hi = raw["year_range"]
        return cls(raw=raw, label_nouns=frozenset(raw["label_nouns"]),
                   product_suffixes=frozenset(raw["product_suffixes"]), street_words=frozenset(raw["street_words"]),
                   rank_words=frozenset(raw["rank_words"]), hyphen_nouns=frozenset(raw["hyphen_nouns"]),
                   clock_words=frozenset(raw["clock_words"]), months=frozenset(raw["months"]),
                   year_nouns=frozenset(raw["year_nouns"]), year_range=(int(lo), int(hi)))

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
        """Is the number at ``num`` something other than a quantity? The checks of `ANY_NUMBER`, then, for a
        number with no currency or unit, those of `PLAIN_NUMBER`, in order; the first that decides wins."""
        if num.kind != "number":
            return False
        c = _Candidate(self, doc, num, found, lex)
        if any(check(c) for check in ANY_NUMBER):
            return True
        if not c.plain:
            return False
        for check in PLAIN_NUMBER:
            verdict = check(c)
            if verdict is not None:
                return verdict
        return False


@dataclass
class _Candidate:
    """A number being checked, with the tokens around it that the checks read."""

    rules: Exclusions
    doc: Doc
    num: Number
    found: Matches
    lex: Lexicon

    def __post_init__(self) -> None:
        doc, num = self.doc, self.num
        self.first, self.last = doc[num.start], doc[num.end - 1]
        self.headline = in_headline(self.found, num.start)  # capitals and proper-noun tags say nothing there
        self.prev = doc[num.start - 1] if num.start > 0 else None
        self.nxt = doc[num.end] if num.end < len(doc) else None
        self.plain = not num.currency and num.unit is None and not _has_money_or_unit(num, self.found)


# ---- checks of any number: True when it is no quantity
def _number_word_in_a_title(c: _Candidate) -> bool:
    """"One Nation Under God", "the Two Sessions": a number word in a title."""
    doc, num, first = c.doc, c.num, c.first
    return bool(num.written and first.is_title and not first.is_sent_start and num.end < len(doc) and not c.headline
                and doc[num.end].is_title and doc[num.end].is_alpha and not _has_money_or_unit(num, c.found))


def _a_year(c: _Candidate) -> bool:
    return c.rules.is_year(c.num, c.doc, c.found)


def _zero_of_a_scale(c: _Candidate) -> bool:
    """"fell below zero": the reference point of a scale."""
    return c.first.lower_ in ("zero", "0") and c.prev is not None and c.prev.lower_ in ("below", "above") \
        and c.num.end == c.num.start + 1


def _year_with_apostrophe(c: _Candidate) -> bool:
    """"the '94 elections", "in '92"."""
    prev = c.prev
    return prev is not None and prev.text in ("'", "’") and prev.whitespace_ == "" and c.num.integer_digits \
        and len(c.first.text) == 2


def _day_of_a_month(c: _Candidate) -> bool:
    """"March 29", "29 March"."""
    prev, nxt, months = c.prev, c.nxt, c.rules.months
    named = (prev is not None and prev.lower_.rstrip(".") in months) \
        or (nxt is not None and nxt.lower_.rstrip(".") in months)
    return c.num.integer_digits and 1 <= c.num.value <= 31 and named


def _time_of_day(c: _Candidate) -> bool:
    """"1800 hrs" is a time of day ("3 hrs" a duration); "10:30", "4:39"."""
    nxt = c.nxt
    if nxt is None:
        return False
    if c.num.integer_digits and nxt.lower_ in c.rules.clock_words and (nxt.lower_ != "hrs" or len(c.first.text) == 4):
        return True
    return nxt.text == ":" and c.num.end + 1 < len(c.doc) and c.doc[c.num.end + 1].like_num


def _acceleration_test(c: _Candidate) -> bool:
    """"0-60mph", "0 to 100 km/h": the name of an acceleration test."""
    return _zero_to_speed(c.doc, c.num, c.found, c.lex)


ANY_NUMBER = (_number_word_in_a_title, _a_year, _zero_of_a_scale, _year_with_apostrophe, _day_of_a_month,
              _time_of_day, _acceleration_test)


# ---- checks of a number with no currency or unit: True (no quantity), False (a quantity), None (go on)
def _phone_number(c: _Candidate) -> bool | None:
    """"+44 20 7946 0958", "555 0100 22": a phone number or code."""
    return True if not c.num.grouped and _digit_run(c.doc, c.num.start) >= 3 else None


def _list_marker(c: _Candidate) -> bool | None:
    """"1. Trade", "2) Security"."""
    prev, nxt, num = c.prev, c.nxt, c.num
    starts = prev is None or "\n" in prev.text or prev.is_space or c.doc[num.start].is_sent_start
    return True if starts and nxt is not None and nxt.text in (".", ")") and num.integer_digits \
        and num.value < 100 else None


def _numbered(c: _Candidate) -> bool | None:
    """"No. 1 automaker", "#46"."""
    prev, doc, num = c.prev, c.doc, c.num
    return True if prev is not None and (prev.lower_ in NUMBER_SIGNS or prev.text == "." and num.start >= 2
                                         and doc[num.start - 2].lower_ in ("no", "nos")) else None


def _labelled(c: _Candidate) -> bool | None:
    """"Article 5", "category 4", "S&P 500"; not "out of class five times a day", which counts the noun after it."""
    prev, last, num = c.prev, c.last, c.num
    return True if prev is not None and prev.lower_ in c.rules.label_nouns and (
        last.head.i == prev.i or prev.head.i == last.i
        or (last.head.i == num.end and (prev.head.i > prev.i or prev.dep_ == "compound"))) else None


def _model_name_before(c: _Candidate) -> bool | None:
    """"iPhone 6", "iOS 8"; a proper noun the number hangs from ("Windows 11")."""
    prev, last = c.prev, c.last
    if prev is None:
        return None
    if prev.text[:1].islower() and any(ch.isupper() for ch in prev.text[1:]) and prev.is_alpha:
        return True
    if last.head.i in (prev.i, c.num.end) and prev.pos_ == "PROPN" and not prev.is_sent_start and not c.headline \
            and prev.tag_ != "NNPS" and prev.ent_type_ not in ("NORP", "GPE"):
        return True
    return None


def _product_suffix(c: _Candidate) -> bool | None:
    """"iPhone 11 Pro", "two new 737 Max jets"."""
    nxt, suffixes = c.nxt, c.rules.product_suffixes
    return True if nxt is not None and (nxt.text in suffixes or nxt.text.title() in suffixes and nxt.is_upper
                                        and len(nxt.text) > 2) else None


def _glued_sign_after_a_name(c: _Candidate) -> bool | None:
    """"COVID -19"."""
    prev = c.prev
    return True if prev is not None and prev.text[:1].isalpha() and any(ch.isupper() for ch in prev.text[1:]) \
        and prev.whitespace_ == "" and c.first.text[:1] in "-+" else None


def _between_proper_nouns(c: _Candidate) -> bool | None:
    """"Galaxy Note 20 Ultra"."""
    prev, nxt = c.prev, c.nxt
    return True if prev is not None and nxt is not None and prev.pos_ == "PROPN" and nxt.pos_ == "PROPN" \
        and not prev.is_sent_start and nxt.is_title and not c.headline else None


def _names_the_noun_after(c: _Candidate) -> bool | None:
    """"737 Max", "787 Dreamliner", "a 787 Dreamliner": the number names the proper noun after it; not "kills 25
    Taliban"."""
    nxt, last, num, prev = c.nxt, c.last, c.num, c.prev
    if nxt is None or c.headline:
        return None
    if nxt.tag_ == "NNP" and last.head.i == nxt.i and nxt.ent_type_ not in ("NORP",) \
            and last.dep_ in ("compound", "nmod", "nummod", "amod") \
            and not (num.value < 100 and nxt.ent_type_ == "ORG" and nxt.dep_ != "compound"):
        return True
    if num.integer_digits and num.value >= 100 and nxt.is_title and nxt.is_alpha \
            and nxt.ent_type_ not in ("NORP", "GPE", "ORG", "LOC") and prev is not None \
            and (prev.lower_ in MODEL_DETERMINERS or prev.like_num):
        return True  # "a 787 Dreamliner", "two 737 Max jets"
    return None


def _address(c: _Candidate) -> bool | None:
    """"49 Zorro Ranch Road", "16-18 Industrial Avenue"."""
    doc, k = c.doc, c.num.end
    if k < len(doc) and doc[k].text in ("-", "–") and k + 1 < len(doc) and doc[k + 1].like_num:
        k += 2
    words = 0
    while k < len(doc) and words < 4 and (doc[k].is_title or doc[k].is_upper) and doc[k].is_alpha:
        if doc[k].lower_ in c.rules.street_words and words >= 1:
            return True
        words, k = words + 1, k + 1
    return None


def _score(c: _Candidate) -> bool | None:
    """"2-0", "89-89" (a range goes up: "10-15"), and the second half of a score."""
    doc, num, nxt, prev, last = c.doc, c.num, c.nxt, c.prev, c.last
    if num.integer_digits and nxt is not None and nxt.text in ("-", "–") and nxt.whitespace_ == "" \
            and last.whitespace_ == "" and num.end + 1 < len(doc):
        other = parse_token(doc[num.end + 1].text, c.lex)
        if other is not None and other.unit is None and other.value <= num.value and other.value.is_integer():
            return True
    if prev is not None and prev.text in ("-", "–") and prev.whitespace_ == "" and num.start >= 2 \
            and doc[num.start - 2].whitespace_ == "" and doc[num.start - 2].like_num and num.integer_digits:
        before = doc[num.start - 2].text
        if before.isdecimal() and int(before) >= num.value:  # not isdigit(): int("²") raises
            return True
    return None


def _rank(c: _Candidate) -> bool | None:
    """"the bottom three" is a rank (no quantity); "Subscribers Top 260 Million" is a quantity."""
    doc, num, prev, nxt = c.doc, c.num, c.prev, c.nxt
    determined = num.start >= 2 and doc[num.start - 2].dep_ in ("det", "poss")
    if prev is not None and prev.lower_ in c.rules.rank_words and (nxt is None or nxt.pos_ not in ("NOUN", "PROPN")) \
            and (prev.lower_ not in ("top", "bottom") or determined):
        return prev.lower_ in ("top", "bottom")
    return None


def _descriptor(c: _Candidate) -> bool | None:
    """"a five-year plan", "the 27-member bloc", "eight three-pointers" ("a 5-year-old" is an age)."""
    doc, num, nxt = c.doc, c.num, c.nxt
    if nxt is not None and nxt.text in ("-", "–") and nxt.whitespace_ == "" and num.end + 1 < len(doc):
        followed = num.end + 2 < len(doc) and doc[num.end + 2].text in ("-", "–")
        if doc[num.end + 1].lower_ in c.rules.hyphen_nouns and not followed:
            return True
    return None


def _age_after_a_name(c: _Candidate) -> bool | None:
    """"Senard, 65, now faces": a description, not annotated as a figure."""
    doc, num, prev, nxt = c.doc, c.num, c.prev, c.nxt
    return True if prev is not None and prev.text == "," and nxt is not None and nxt.text == "," and num.start >= 2 \
        and (doc[num.start - 2].ent_type_ == "PERSON" or doc[num.start - 2].pos_ == "PROPN" and not c.headline) \
        and num.integer_digits and num.value < 120 else None


def _denominator(c: _Candidate) -> bool | None:
    """"9.6 per 100,000 people": the denominator of a rate."""
    return True if c.prev is not None and c.prev.lower_ == "per" else None


def _one_as_a_pronoun(c: _Candidate) -> bool | None:
    """"the only one who fought", "the one that got away"; "a one time bonus"."""
    first, num, nxt, doc = c.first, c.num, c.nxt, c.doc
    if first.lower_ != "one":
        return None
    if num.end == num.start + 1 and first.dep_ not in ("nummod", "quantmod") and any(
            ch.dep_ == "relcl" or (ch.dep_ == "det" and ch.lower_ in DEMONSTRATIVES)
            or (ch.dep_ == "amod" and ch.lower_ == "only") for ch in first.children):
        return True
    if nxt is not None and nxt.lower_ in ("time", "off") and num.end + 1 < len(doc) and doc[num.end + 1].pos_ == "NOUN":
        return True
    return None


def _enumeration(c: _Candidate) -> bool | None:
    """"That lesson tells us two things: One, pick a President"."""
    first, num, nxt, prev, doc = c.first, c.num, c.nxt, c.prev, c.doc
    return True if num.written and num.end == num.start + 1 and nxt is not None and nxt.text in (",", ":") \
        and first.lower_ in LIST_NUMBERS \
        and (prev is None or prev.is_sent_start and prev.is_punct or prev.text in (":", ";")
             or prev.text == "," and num.start >= 2 and doc[num.start - 2].lower_ in COPULAS) \
        and first.dep_ not in ("nummod", "dobj", "nsubj") else None


def _model_number_after_capitals(c: _Candidate) -> bool | None:
    """"RTX 4090", "XPS 13"."""
    prev, num = c.prev, c.num
    return True if prev is not None and prev.is_upper and prev.is_alpha and len(prev.text) >= 2 \
        and num.integer_digits and num.value >= 100 and prev.whitespace_ and not c.headline else None


PLAIN_NUMBER = (_phone_number, _list_marker, _numbered, _labelled, _model_name_before, _product_suffix,
                _glued_sign_after_a_name, _between_proper_nouns, _names_the_noun_after, _address, _score, _rank,
                _descriptor, _age_after_a_name, _denominator, _one_as_a_pronoun, _enumeration,
                _model_number_after_capitals)


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


_COUNTABLE_AFTER = WORDS.words("countable_after")


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
