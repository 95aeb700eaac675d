"""Reading the value of a number written over one or more tokens: ``1,300``, ``4.5 billion``, ``5bn``,
``thirty million``, ``half a million``, ``a dozen``, ``one hundred and fifty``, ``-3.2``, ``5 1/2``."""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from .lexicon import Lexicon

# one token's text: optional sign, digits with thousands separators and decimals, optional scale suffix
_DIGITS = re.compile(
    r"^(?P<sign>[-+−])?(?P<num>(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+)(?P<suffix>[a-zA-Z]{1,4})?$"
)
_FRACTION = re.compile(r"^(?P<a>\d)/(?P<b>\d{1,2})$")
_UNICODE_FRACTIONS = {"½": 0.5, "¼": 0.25, "¾": 0.75, "⅓": 1 / 3, "⅔": 2 / 3}


@dataclass(frozen=True)
class Number:
    """A number read from tokens ``start``..``end`` (exclusive)."""

    start: int
    end: int
    value: float
    base: float  # the value before any scale word: 4.5 for "4.5 billion"
    multiplier: float  # 1e9 for "4.5 billion", 1 when none
    written: bool  # spelled out in words ("thirty million") rather than digits
    integer_digits: bool  # one plain token of digits without separators or decimals ("2023")


def digit_value(text: str, lex: Lexicon) -> tuple[float, float] | None:
    """(value, suffix multiplier) of one token written in digits, or None: ``"1,300"`` -> (1300, 1),
    ``"5bn"`` -> (5, 1e9), ``"-3.2"`` -> (-3.2, 1), ``"1/2"`` -> (0.5, 1). Ordinals (``3rd``), decades
    (``1990s``) and codes (``5G``) are not numbers."""
    if text in _UNICODE_FRACTIONS:
        return _UNICODE_FRACTIONS[text], 1.0
    m = _DIGITS.match(text)
    if m:
        mult = 1.0
        if m["suffix"]:
            suffix = m["suffix"].lower()
            if suffix not in lex.suffixes:
                return None
            mult = lex.suffixes[suffix]
        value = float(m["num"].replace(",", ""))
        return (-value if m["sign"] in ("-", "−") else value), mult
    m = _FRACTION.match(text)
    if m and 0 < int(m["a"]) < int(m["b"]) <= 10:
        return int(m["a"]) / int(m["b"]), 1.0
    return None


def _is_fraction_token(text: str) -> bool:
    return text in _UNICODE_FRACTIONS or bool(_FRACTION.match(text))


def read_number(doc: Doc, i: int, lex: Lexicon) -> Number | None:
    """The longest number starting at token ``i``, or None when none starts there."""
    n = len(doc)
    j = i
    sign = 1.0
    if doc[j].lower_ in lex.negators and j + 1 < n and digit_value(doc[j + 1].text, lex) is not None:
        sign, j = -1.0, j + 1
    total, current = 0.0, None  # value already scaled, value being built
    last = None  # kind of the last token taken: digit, word, hundred, mult, frac, article
    written = False
    base, multiplier = None, 1.0
    end = None
    first_value_token = j
    while j < n:
        tok = doc[j]
        low = tok.lower_
        nxt = doc[j + 1].lower_ if j + 1 < n else ""
        digits = digit_value(tok.text, lex)
        if digits is not None:
            value, mult = digits
            if last == "digit" and _is_fraction_token(tok.text) and current is not None:
                current += value  # "5 1/2"
            elif last is not None:
                break  # two numbers side by side are two numbers
            elif mult != 1.0:
                base, multiplier = value, mult
                total, current, last = value * mult, None, "mult"
            else:
                current, last = value, "digit"
        elif low in lex.words:
            if last is None and not _spelled_number_starts(tok):
                break
            value = lex.words[low]
            if last in (None, "hundred", "mult", "and"):
                current = (current or 0.0) + value
            elif last == "hyphen":
                current = (current or 0.0) + value  # "twenty-five"
            else:
                break
            last, written = "word", True
        elif low in lex.multipliers:
            mult = lex.multipliers[low]
            if last is None or last in ("and", "hyphen"):
                break  # a bare "million" or "thousands" is no number
            if low == "dozen":
                current, last = (current if current is not None else 1.0) * 12, "mult"
            elif mult == 100:
                current, last = (current if current is not None else 1.0) * 100, "hundred"
            elif last == "mult" and current is None:
                total *= mult  # "a thousand million"
                multiplier *= mult
            else:
                if base is None:
                    base = current if current is not None else 1.0
                multiplier = mult if multiplier == 1.0 else multiplier
                total += (current if current is not None else 1.0) * mult
                current, last = None, "mult"
            written = written or low.isalpha() and len(low) > 3
        elif low in lex.fractions:
            # "half a million", "two and a half million"; a lone "half" is no number
            frac = lex.fractions[low]
            if last in (None, "and", "article") and (nxt in lex.articles or nxt in lex.multipliers or last == "and"
                                                     or last == "article"):
                current = (current or 0.0) + frac if last in ("and", "article") else frac
                last, written = "frac", True
            else:
                break
        elif low in lex.articles:
            # "a million", "half a million", "two and a half": the article stands for one before a scale word
            if nxt in lex.multipliers and last in (None, "frac"):
                if last is None:
                    current = 1.0
                last, written = "article", True
            elif nxt in lex.fractions and last == "and":
                last = "article"
            else:
                break
        elif low == "and" and last in ("hundred", "mult", "word", "digit") and _continues_after_and(doc, j, lex, last):
            last = "and"
        elif low in ("-", "–") and last == "word" and _is_tens(current) and nxt in lex.words and lex.words[nxt] < 10:
            last = "hyphen"
        else:
            break
        if last not in ("and", "hyphen", "article"):
            end = j + 1
        j += 1
    if end is None or (last in ("and", "hyphen", "article") and end <= first_value_token):
        return None
    value = total + (current or 0.0)
    if base is None:
        base = value
    integer_digits = end - i == 1 and bool(re.fullmatch(r"\d+", doc[i].text))
    return Number(start=i, end=end, value=sign * value, base=sign * base, multiplier=multiplier,
                  written=written, integer_digits=integer_digits)


def _is_tens(value: float | None) -> bool:
    """20, 30, ... 90: the first half of 'twenty-five'."""
    return value is not None and value % 10 == 0 and 20 <= value < 100


def _spelled_number_starts(tok: Token) -> bool:
    """A number word opens a number only where the tagger read it as one ('one of them' is not)."""
    if tok.lower_ == "one":
        nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
        if nxt is not None and nxt.lower_ in ("of", "another", "or", "another's"):
            return False
        return tok.tag_ == "CD"
    return tok.tag_ == "CD" or tok.pos_ == "NUM"


def _continues_after_and(doc: Doc, j: int, lex: Lexicon, last: str) -> bool:
    """'and' joins parts of one number only in 'one hundred and fifty', 'a thousand and one' and
    'two and a half' -- never two numbers ('between ten and fifteen')."""
    if j + 1 >= len(doc):
        return False
    nxt = doc[j + 1].lower_
    if last in ("hundred", "mult"):
        return nxt in lex.words
    # "two and a half (million)"
    return nxt in lex.articles and j + 2 < len(doc) and doc[j + 2].lower_ in lex.fractions
