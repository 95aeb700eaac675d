"""Reading the value of a number written over one or more tokens: ``1,300``, ``4.5 billion``, ``5bn``,
``thirty million``, ``half a million``, ``a dozen``, ``one hundred and fifty``, ``-3.2``, ``5 1/2``;
numbers glued to a currency, a unit or a cue (``RM23.50``, ``10kW``, ``~25``, ``minus-5``); vague
plurals (``dozens of``, ``tens of thousands``); fractions (``two-thirds``, ``a third of``, ``one in
five``); and ``one of the ...``."""
from __future__ import annotations

import dataclasses
import math
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from .._resources import word_lists
from ..text import given_text
from ..tree import index_of

WORDS = word_lists("analyzer.quantities")
STANDALONE_VAGUE = WORDS.ordered("standalone_vague")
VAGUE_MULTIPLES = WORDS.ordered("vague_multiples")
FRACTION_AMOUNT_LEADS = WORDS.ordered("fraction_amount_leads")
POINT_WORDS = WORDS.ordered("point_words")
FRACTION_ENDS = (*WORDS.ordered("fraction_ends"), "")  # "": the end of the text
ONE_OF_DETERMINERS = WORDS.ordered("one_of_determiners")
NOT_ONE_AFTER = WORDS.ordered("not_one_after")

if TYPE_CHECKING:  # a type only: the lexicon module imports the exclusions, which import this one
    from .lexicon import Lexicon

_CORE = re.compile(r"(?P<sign>[-+−])?(?P<num>(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+)")
_FRACTION = re.compile(r"^(?P<a>\d{1,3})[/⁄](?P<b>\d{1,4})$")
# scientific notation in one token: "1.2e-3", "12.32E+14", "1.99×10−30"
_SCIENTIFIC = re.compile(r"^(?P<m>[-+−]?\d+(?:\.\d+)?)(?:[eE](?P<e>[-+−]?\d+)|[x×]10\^?(?P<p>[-+−]?\d+))$")
_UNICODE_FRACTIONS = {"½": 0.5, "¼": 0.25, "¾": 0.75, "⅓": 1 / 3, "⅔": 2 / 3}
_DIGIT_START = frozenset("0123456789.")
_ORDINAL_WORDS = WORDS.words("ordinal_words")
_HAS_DIGIT = re.compile(r"\d")
_PREFIX_WORD = re.compile(r"^(?P<word>[a-z]+)-(?=[-+−]?[\d.])")
# space-grouped thousands ("1 000 000", "2\u2009500\u2009000"): a first group of 1-3 digits (after a glued sign
# or currency), then groups of exactly 3 digits, the last of which may carry decimals ("1 234 567.89")
_FIRST_GROUP = re.compile(r"^[^\d.,]*[1-9]\d{0,2}$")
# a group after a space; the last may carry decimals after a point, or after a comma as in French and
# German ("1 234,5": after space-grouped thousands a comma with 1, 2 or 4+ digits is a decimal comma)
_GROUP = re.compile(r"(?P<int>\d{3})(?:\.(?P<dec>\d+)|,(?P<dec_comma>\d{1,2}|\d{4,})|(?P<comma>,\d{3}))?")


@dataclass(frozen=True)
class TokenNumber:
    """What one token says: its value and whatever is glued to it."""

    value: float
    multiplier: float = 1.0  # from a scale suffix: "5bn" -> 1e9
    currency: str = ""  # from a glued prefix: "RM23.50" -> MYR
    unit: int | None = None  # index into Lexicon.units, from a glued suffix: "10kW"
    cue: str = ""  # qualifier from a glued mark or word: "~25" -> approximately, "sub-7" -> less_than
    range_joiner: bool = False  # "to-260,000": the second end of a range
    m_suffix: bool = False  # "37m": million, or metre when the context says length
    plus: bool = False  # "+0.3%": written with a plus sign, a rise
    weak: bool = False  # the currency sign counts only before a scaled or separated amount ("N70 million")


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
    value_to: float = math.nan  # upper end, for vague plurals ("dozens" -> 12..120)
    kind: str = "number"  # number, vague, fraction, one_of, multiplier ("doubled")
    currency: str = ""
    unit: int | None = None
    cue: str = ""
    range_joiner: bool = False
    m_suffix: bool = False
    plus: bool = False
    grouped: bool = False  # thousands grouped by spaces over several tokens: "1 000 000"


TOKEN_CACHE_MAX = 100_000  # token readings kept per lexicon at most (then the table starts afresh)


def parse_token(text: str, lex: Lexicon, *, after_dollar: bool = False) -> TokenNumber | None:
    """The number written in one token, with what is glued to it, or None. Ordinals ('3rd'), decades
    ('1990s'), codes ('5G', 'F-16') and dates ('2024-05-10') are not numbers. A reading depends on the token's
    text and the lexicon alone, and is kept per lexicon (a token is read several times, and news repeats its
    figures; a TokenNumber is immutable)."""
    kept = lex.token_numbers
    if len(kept) > TOKEN_CACHE_MAX:
        kept.clear()
    key = (text, after_dollar)
    found = kept.get(key, kept)
    if found is kept:
        found = kept[key] = _parse_token(text, lex, after_dollar)
    return found


def _parse_token(text: str, lex: Lexicon, after_dollar: bool) -> TokenNumber | None:
    if text in _UNICODE_FRACTIONS:
        return TokenNumber(_UNICODE_FRACTIONS[text])
    if not _HAS_DIGIT.search(text):
        return None  # most tokens: no digit, no number
    if text.endswith("-") and text[:-1].isdecimal():  # isdigit() also takes "²", "⒈", which float() refuses
        value = float(text[:-1])  # "25- to 34-year-olds": a suspended hyphen
        return TokenNumber(value) if math.isfinite(value) else None
    m = _SCIENTIFIC.match(text)
    if m:
        # float() reads any exponent at once ("1e999" is inf); 10 ** int(exponent) overflowed or ran for minutes
        value = float(f"{m['m']}e{m['e'] or m['p']}".replace("−", "-"))
        return TokenNumber(value) if math.isfinite(value) else None
    m = _FRACTION.match(text)
    if m:
        a, b = int(m["a"]), int(m["b"])
        # eighths to sixty-fourths are how markets quote ("5/8 point", "13/16 percentage point", "1/32 of a quart")
        return TokenNumber(a / b) if 0 < a < b and (b <= 10 or b in (16, 32, 64) or "⁄" in text) else None
    marked = _marks_before(text, lex)
    if marked is None:
        return None
    rest, cue, sign, joiner = marked
    currency, weak = "", False
    if not (rest[:1].isdigit() or rest[:1] in "-+−."):
        glued = _glued_currency(rest, lex, after_dollar)
        if glued is None:
            return None
        rest, currency, weak = glued
    m = _CORE.match(rest)
    if not m:
        return None
    return _finish(m, rest, lex, sign, currency, cue, joiner, weak)


def _marks_before(text: str, lex: Lexicon) -> tuple[str, str, float, bool] | None:
    """The marks glued before the digits: an approximate mark ("~25", "c.300") and a word prefix that makes
    the number negative ("minus-5"), one end of a range ("to-260,000") or gives it a cue; the text after them,
    the cue, the sign and whether it joins a range. None for a prefix that makes a name ("covid-19")."""
    rest, cue, sign, joiner = text, "", 1.0, False
    for mark in lex.approximate_marks:
        if rest.startswith(mark) and len(rest) > len(mark) and (rest[len(mark)].isdigit() or rest[len(mark)] == "."):
            rest, cue = rest[len(mark):], "approximately"
            break
    word = _PREFIX_WORD.match(rest)
    if word:
        effect = lex.token_prefixes.get(word["word"])
        if effect is None:
            return None
        rest = rest[word.end():]
        if effect == "negative":
            sign = -1.0
        elif effect == "range":
            joiner = True
        elif effect:
            cue = effect
    return rest, cue, sign, joiner


def _glued_currency(rest: str, lex: Lexicon, after_dollar: bool) -> tuple[str, str, bool] | None:
    """A currency sign glued before the digits ("RM23.50", "$US55m" after a "$"): the text after it, the
    currency, and whether it is a weak sign that counts only before a scale word ("N70 million")."""
    prefixes = lex.dollar_prefixes if after_dollar else lex.glued_currency_prefixes
    prefix = next((p for p in prefixes if rest.startswith(p) and rest[len(p):][:1] in _DIGIT_START), None)
    weak = False
    if prefix is None and not after_dollar:
        prefixes = lex.weak_currency_prefixes
        prefix = next((p for p in prefixes if rest.startswith(p) and rest[len(p):][:1] in _DIGIT_START), None)
        weak = prefix is not None
    if prefix is None:
        return None
    return rest[len(prefix):], prefixes[prefix], weak


def _finish(m: re.Match, rest: str, lex: Lexicon, sign: float, currency: str, cue: str, joiner: bool,
            weak: bool = False) -> TokenNumber | None:
    """The value, scale suffix and unit suffix after the digits matched by ``m``; None when the value is too
    large for a float (400 digits)."""
    value = float(m["num"].replace(",", ""))
    if not math.isfinite(value):
        return None
    if m["sign"] in ("-", "−"):
        sign = -sign
    suffix = rest[m.end():]
    multiplier, unit, m_suffix = 1.0, None, False
    if suffix.endswith(".") and len(suffix) > 1:
        suffix = suffix[:-1]  # "$2.174T." at the end of a sentence
    if suffix and not currency and suffix in lex.glued_currency_suffixes:
        currency, suffix = lex.glued_currency_suffixes[suffix], ""  # "115USD"
    if suffix:
        low = suffix.lower()
        if suffix in lex.case_suffixes:
            multiplier = lex.case_suffixes[suffix]  # "$2.174T"
        elif low in lex.suffixes and not (suffix in lex.suffix_units and low not in ("m", "b")):
            multiplier, m_suffix = lex.suffixes[low], low == "m"
        elif suffix in lex.suffix_units:
            unit = lex.suffix_units[suffix]
        elif lex.multipliers.get(low, 0) >= 1000:
            multiplier = lex.multipliers[low]  # "1.5million", "$3billion": a scale word glued on
        else:
            scale = next((s for s in lex.suffixes if low.startswith(s) and suffix[len(s):] in lex.suffix_units), None)
            if scale is None:
                return None  # "3rd", "1990s", "5G"
            multiplier, unit = lex.suffixes[scale], lex.suffix_units[suffix[len(scale):]]  # "5bnm3" is rare; "2mt"
    return TokenNumber(sign * value, multiplier, currency, unit, cue, joiner, m_suffix, plus=m["sign"] == "+",
                       weak=weak and "," not in m["num"] and "." not in m["num"])


def _is_fraction_token(text: str) -> bool:
    return text in _UNICODE_FRACTIONS or bool(_FRACTION.match(text))


def read_number(doc: Doc, i: int, lex: Lexicon) -> Number | None:
    """The longest number starting at token ``i``, or None when none starts there: first the special forms
    (multipliers, vague plurals, fractions, "one of", glued ranges), else token by token (`_Reading`), each kind
    of token taken by a named step that says whether the number goes on."""
    special = _read_multiplier(doc, i, lex) or _read_vague(doc, i, lex) or _read_fraction(doc, i, lex) \
        or _read_one_of(doc, i) or _read_glued_range(doc, i, lex) or _read_unit_and_a_half(doc, i, lex)
    if special is not None:
        return special if math.isfinite(special.value) and not math.isinf(special.value_to) else None
    r = _Reading(doc, lex, i)
    while r.j < r.n:
        step = _step(r)
        if step is _STOP:
            break
        if step is _CLOSED:  # "10kW": the unit closes the number
            r.end = r.j + 1
            break
        if step is _PASSED:  # a token inside the figure that is no part of its value (a wrapped line)
            r.j += 1
            continue
        if r.last not in ("and", "hyphen", "article"):
            r.end = r.j + 1
        r.j += 1
    return r.number()


# what a step of `_Reading` says: the number ends before this token; it ends with it; it goes on over it
_STOP, _CLOSED, _TAKEN, _PASSED = object(), object(), object(), object()


@dataclass
class _Reading:
    """A number being read token by token from ``i``: its value so far (``total`` already scaled, ``current``
    being built) and the kind of the last token taken (digit, word, hundred, mult, frac, article, and,
    hyphen)."""

    doc: Doc
    lex: Lexicon
    i: int
    j: int = 0
    n: int = 0
    sign: float = 1.0
    first_token: TokenNumber | None = None
    total: float = 0.0
    current: float | None = None
    last: str | None = None
    written: bool = False
    base: float | None = None
    multiplier: float = 1.0
    end: int | None = None
    first_value_token: int = 0
    grouped: bool = False

    def __post_init__(self) -> None:
        doc, lex, j = self.doc, self.lex, self.i
        self.n = len(doc)
        if doc[j].lower_ in lex.negators and j + 1 < self.n \
                and (parse_token(doc[j + 1].text, lex) is not None or doc[j + 1].lower_ in lex.words) \
                and not (j >= 2 and doc[j - 1].lower_ == "or" and doc[j - 2].lower_ == "plus"):
            self.sign, j = -1.0, j + 1  # "minus 2 percent", "minus two degrees"; not "plus or minus 3.5 points"
        self.j = self.first_value_token = j

    def number(self) -> Number | None:
        """The number read, or None when what was taken is no number."""
        doc, i, end = self.doc, self.i, self.end
        if end is None or (self.last in ("and", "hyphen", "article") and end <= self.first_value_token):
            return None
        if self.first_token is not None and self.first_token.weak and self.multiplier == 1.0:
            return None  # "N95": a name, not 95 naira
        value = self.total + (self.current or 0.0)
        if not math.isfinite(value):
            return None  # "1e308 billion": too large for a float, no amount anyone states
        base = value if self.base is None else self.base
        integer_digits = end - i == 1 and bool(re.fullmatch(r"\d+", doc[i].text))
        t = self.first_token or TokenNumber(0.0)
        return Number(start=i, end=end, value=self.sign * value, base=self.sign * base, multiplier=self.multiplier,
                      written=self.written, integer_digits=integer_digits, currency=t.currency, unit=t.unit,
                      cue=t.cue, range_joiner=t.range_joiner, plus=t.plus, grouped=self.grouped,
                      m_suffix=(t.m_suffix and end == i + 1) or (end - i == 2 and doc[end - 1].lower_ in ("m", "m.")))


def _step(r: _Reading) -> object:
    """Take token ``r.j`` by its kind: digits, a number word, a scale word, a fraction word, an article, or a
    joiner ("and", a hyphen, a wrapped line)."""
    doc, lex, j = r.doc, r.lex, r.j
    low = doc[j].lower_
    nxt = doc[j + 1].lower_ if j + 1 < r.n else ""
    parsed = parse_token(doc[j].text, lex, after_dollar=j == r.i and r.i > 0 and doc[r.i - 1].text == "$") \
        if r.last in (None, "digit") else None
    if parsed is not None:
        return _take_digits(r, parsed)
    if low in lex.words:
        return _take_word(r, low)
    if low in lex.multipliers:
        return _take_scale(r, low)
    if low in lex.fractions:
        return _take_fraction(r, low, nxt)
    if low in lex.articles:
        return _take_article(r, nxt)
    return _take_joiner(r, low, nxt)


def _take_digits(r: _Reading, parsed: TokenNumber) -> object:
    """"1,300", "4.5bn", "5 1/2", "1 000 000", "10kW"."""
    if r.last == "digit" and _is_fraction_token(r.doc[r.j].text) and r.current is not None:
        r.current += parsed.value  # "5 1/2"
        return _TAKEN
    if r.last is not None:
        return _STOP  # two numbers side by side are two numbers
    r.first_token = parsed
    grouped = _space_grouped(r.doc, r.j, parsed)
    if grouped is not None:  # "1 000 000": one number over several tokens
        r.j, value = grouped
        parsed = r.first_token = dataclasses.replace(parsed, value=value)
        r.grouped = True
    if parsed.multiplier != 1.0:
        r.base, r.multiplier = parsed.value, parsed.multiplier
        r.total, r.current, r.last = parsed.value * parsed.multiplier, None, "mult"
    else:
        r.current, r.last = parsed.value, "digit"
    return _CLOSED if parsed.unit is not None else _TAKEN


def _take_word(r: _Reading, low: str) -> object:
    """"twenty-five", "one hundred and fifty"."""
    if r.last is None and not _spelled_number_starts(r.doc[r.j]):
        return _STOP
    if r.last not in (None, "hundred", "mult", "and", "hyphen"):
        return _STOP
    r.current = (r.current or 0.0) + r.lex.words[low]
    r.last, r.written = "word", True
    return _TAKEN


def _take_scale(r: _Reading, low: str) -> object:
    """"4.5 million", "three dozen", "two hundred", "a thousand million"."""
    mult = r.lex.multipliers[low]
    doc, j, last = r.doc, r.j, r.last
    if last is None or last == "and" or (last == "hyphen" and not (doc[j - 2].like_num or j < 2)):
        return _STOP  # a bare "million" is no number
    if r.first_token is not None and (r.first_token.unit is not None or r.first_token.multiplier != 1.0):
        return _STOP
    if low in ("dozen", "dozens"):
        r.current, r.last = (r.current if r.current is not None else 1.0) * 12, "mult"  # "three dozen(s)"
    elif mult == 100:
        r.current, r.last = (r.current if r.current is not None else 1.0) * 100, "hundred"
    elif last == "mult" and r.current is None:
        r.total *= mult  # "a thousand million"
        r.multiplier *= mult
    else:
        if r.base is None:
            r.base = r.current if r.current is not None else 1.0
        r.multiplier = mult if r.multiplier == 1.0 else r.multiplier
        r.total += (r.current if r.current is not None else 1.0) * mult
        r.current, r.last = None, "mult"
    r.written = r.written or (low.isalpha() and len(low) > 3)
    return _TAKEN


def _take_fraction(r: _Reading, low: str, nxt: str) -> object:
    """"half a million", "two and a half million"; a lone "half" is read by `_read_fraction`."""
    last, lex = r.last, r.lex
    if not (last in (None, "and", "article")
            and (nxt in lex.articles or nxt in lex.multipliers or last == "and" or last == "article")):
        return _STOP
    frac = lex.fractions[low]
    r.current = (r.current or 0.0) + frac if last in ("and", "article") else frac
    r.last, r.written = "frac", True
    return _TAKEN


def _take_article(r: _Reading, nxt: str) -> object:
    """"a million", "half a million", "two and a half": the article stands for one before a scale word."""
    lex = r.lex
    if nxt in lex.multipliers and r.last in (None, "frac") and nxt not in lex.suffixes:
        if r.last is None:
            r.current = 1.0
        r.last, r.written = "article", True
        return _TAKEN
    if nxt in lex.fractions and r.last == "and":
        r.last = "article"
        return _TAKEN
    return _STOP


def _take_joiner(r: _Reading, low: str, nxt: str) -> object:
    """"and" inside a number, a hyphen ("twenty-five", "five-hundred thousand", "1-1/8", "68-million"), or a line
    break inside a figure ("3.1\nbillion": wire text wraps its lines; a blank line ends it)."""
    doc, lex, j, last = r.doc, r.lex, r.j, r.last
    tok = doc[j]
    glued = tok.whitespace_ == "" and doc[j - 1].whitespace_ == ""
    if low == "and" and last in ("hundred", "mult", "word", "digit") and _continues_after_and(doc, j, lex, last):
        r.last = "and"
    elif low in ("-", "–") and last == "word" and _is_tens(r.current) and nxt in lex.words and lex.words[nxt] < 10:
        r.last = "hyphen"
    elif low in ("-", "–") and last == "word" and lex.multipliers.get(nxt, 0) >= 100 and glued:
        r.last = "hyphen"  # "five-hundred thousand"
    elif low in ("-", "–") and last == "digit" and j + 1 < r.n and _is_fraction_token(doc[j + 1].text) and glued \
            and doc[j - 1].text.isdigit():
        pass  # "1-1/8 points": a whole number and a fraction (the fraction is added next)
    elif low in ("-", "–") and last == "digit" and nxt in lex.multipliers and len(nxt) > 3 and glued:
        r.last = "hyphen"  # "68-million acres"
    elif tok.is_space and tok.text.count("\n") == 1 and last in ("digit", "word", "hundred") \
            and nxt in lex.multipliers:
        return _PASSED
    else:
        return _STOP
    return _TAKEN


def _space_grouped(doc: Doc, i: int, first: TokenNumber) -> tuple[int, float] | None:
    """(last token, value) of a number whose thousands are grouped by spaces, starting at token ``i``:
    "1\u00a0000\u00a0000", "2\u2009500\u2009000 tons", "300 000 people"; None when none starts there.
    Each group follows the one before after exactly one space character, the same all through (the
    original's, `analyzer.parse_text` made it an ASCII space for parsing). A Unicode space (no-break,
    thin, narrow no-break...) joins only the parts of a number, so any valid grouping is read as one; an
    ASCII space also parts two numbers side by side ("more than 50 155mm guns", "239 239 retweets"), so
    there it takes two groups or more ("1 234 567"), or one that starts with 0 ("40 000": no number is
    written with a leading zero). Not read: a first group of 4 digits or more ("in 2023 100 people") or
    with a leading zero ("0800 555 111", a telephone number), a digit group right before it or a number
    right after the last group (a telephone number, "555 123 4567"). The last group may carry decimals,
    after a point or after a comma ("1\u00a0234,5" in French or German writing; a comma before exactly three
    digits, "1 234,567", is not read: it is no decimal comma, and groups in two styles are no number).
    A number with a decimal comma but no space-grouped thousands ("4,5") is read as before."""
    tok = doc[i]
    if first.multiplier != 1.0 or first.unit is not None or first.value >= 1000 or not _FIRST_GROUP.match(tok.text):
        return None
    text = given_text(doc)  # None: the parsed text is the original, and its spaces are ASCII spaces

    def gap(t: Token) -> str:  # the one character between t and the next token, as written
        if t.whitespace_ != " ":
            return ""
        return text[t.idx + len(t)] if text is not None else " "

    if i > 0 and doc[i - 1].text.isdigit() and gap(doc[i - 1]):
        return None  # a group of a number that did not start here ("0800 555 111")
    digits = [tok.text[len(tok.text.rstrip("0123456789")):]]
    ascii_space = False
    j, n = i, len(doc)
    m = None
    while j + 1 < n and gap(doc[j]):
        m = _GROUP.fullmatch(doc[j + 1].text)
        if m is None:
            break
        if m["comma"]:
            return None  # "1 234,567": a comma grouping thousands after spaces that do: not one number
        ascii_space = ascii_space or gap(doc[j]) == " "
        decimals = m["dec"] or m["dec_comma"]
        digits.append(f"{m['int']}.{decimals}" if decimals else m["int"])
        j += 1
        if decimals:
            break  # decimals end the number
    if j == i:
        return None
    if j + 1 < n and gap(doc[j]) and doc[j + 1].text[:1].isdigit():
        return None  # "555 123 4567": the groups run on into another number
    if ascii_space and len(digits) == 2 and not digits[1].startswith("0"):
        return None  # "more than 50 155mm guns": two numbers, as far as an ASCII space says
    value = float("".join(digits))
    return j, -value if first.value < 0 else value


def _read_glued_range(doc: Doc, i: int, lex: Lexicon) -> Number | None:
    """A range written as one token: '6.5%-7.0' (the unit may follow), '$35bn-$40bn' after its '$'."""
    text = doc[i].text
    if "-" not in text[1:] and "–" not in text[1:]:
        return None
    cut = max(text.rfind("-"), text.rfind("–"))
    left, right = text[:cut], text[cut + 1:].lstrip("$€£")
    a = parse_token(left, lex, after_dollar=False)
    b = parse_token(right, lex)
    if a is None or b is None or a.cue or b.cue or a.range_joiner or not left[-1:].isalnum() and left[-1:] != "%":
        return None
    mult = b.multiplier if a.multiplier == 1.0 else a.multiplier
    low, high = a.value * (mult if a.multiplier == 1.0 and abs(a.value) <= abs(b.value) else a.multiplier), \
        b.value * b.multiplier
    if high <= low or (1000 <= low <= 2199 and 1000 <= high <= 2199 and low.is_integer() and high.is_integer()):
        return None  # "2023-24", "3-1", "2020-2023": not a range of amounts
    unit = b.unit if b.unit is not None else a.unit
    if low == 0 and unit is not None and lex.units[unit].dimension == "speed":
        return None  # "0-60mph" names an acceleration test, it is no range
    return Number(start=i, end=i + 1, value=low, base=a.value, multiplier=mult, written=False, integer_digits=False,
                  value_to=high, currency=a.currency or b.currency, unit=unit)


def _read_unit_and_a_half(doc: Doc, i: int, lex: Lexicon) -> Number | None:
    """'a year and a half', 'an hour and a half': one and a half of the unit named."""
    if i + 5 > len(doc) or doc[i].lower_ not in lex.articles:
        return None  # (asked at every figure: the first word decides most)
    words = [t.lower_ for t in doc[i:i + 5]]
    if words[2:] != ["and", "a", "half"]:
        return None
    unit = lex.unit_word_index.get(words[1])
    if unit is None:
        return None
    return Number(start=i, end=i + 5, value=1.5, base=1.5, multiplier=1.0, written=True, integer_digits=False,
                  unit=unit)


def _read_vague(doc: Doc, i: int, lex: Lexicon) -> Number | None:
    """'dozens of', 'hundreds of', 'thousands of', 'tens of thousands', 'hundreds of millions': a range
    from the scale to ten times it."""
    low = doc[i].lower_
    if low not in lex.vague:
        return None
    nxt = doc[i + 1] if i + 1 < len(doc) else None
    if nxt is None or nxt.lower_ != "of":
        # standalone: "14 dead and dozens missing", "thousands fled"; not "dozens eggs", and "tens" needs "of"
        if low not in STANDALONE_VAGUE or (
                nxt is not None and nxt.pos_ in ("NOUN", "PROPN", "ADJ", "NUM")):
            return None
        scale = lex.vague[low]
        return Number(start=i, end=i + 1, value=scale, base=scale, multiplier=1.0, written=True,
                      integer_digits=False, value_to=scale * 10, kind="vague")
    scale, end = lex.vague[low], i + 1
    if low in VAGUE_MULTIPLES and i + 2 < len(doc) and doc[i + 2].lower_ in lex.vague \
            and lex.vague[doc[i + 2].lower_] >= 1000:
        scale, end = scale * lex.vague[doc[i + 2].lower_], i + 3  # "tens of thousands"
    elif low == "tens":
        return None
    return Number(start=i, end=end, value=scale, base=scale, multiplier=1.0, written=True, integer_digits=False,
                  value_to=scale * 10, kind="vague")


def _read_fraction(doc: Doc, i: int, lex: Lexicon) -> Number | None:
    """'two-thirds', 'two thirds', 'a third of', 'half of', 'one in five', 'one out of three'."""
    n = len(doc)
    tok = doc[i]
    low = tok.lower_
    nxt = doc[i + 1].lower_ if i + 1 < n else ""
    if i > 0 and (doc[i - 1].ent_type_ == "ORDINAL" or doc[i - 1].lower_ in _ORDINAL_WORDS):
        return None  # "the first half of 2024", "the third quarter", "the latter half"

    def after(k: int) -> str:
        return doc[k].lower_ if k < n else ""

    count_token = parse_token(tok.text, lex) if tok.text.isdigit() else None
    if count_token is not None and 0 < count_token.value < 20 and after(i + 1) in ("in", "out"):
        count = count_token.value  # "1 in 36 children"
        k = i + 1 + (after(i + 1) == "out")
        k += 1 if after(k) in ("in", "of") else 0
        of = parse_token(doc[k].text, lex) if k < n else None
        if of is not None and not of.unit and of.multiplier == 1 and count < of.value <= 100000:
            return Number(start=i, end=k + 1, value=count / of.value, base=count / of.value, multiplier=1.0,
                          written=False, integer_digits=False, kind="fraction")
        return None
    if low in lex.words and 0 < lex.words[low] < 20:
        count = lex.words[low]
        k = i + 1 + (nxt in ("-", "–"))
        denom = lex.fraction_words.get(after(k))
        hyphenated_or_of = nxt in ("-", "–") or after(k + 1) == "of"
        # "two thirds" needs no "of"; "two quarters" (of a year) and "two halves" do
        bare_plural = after(k).endswith("s") and after(k) not in ("quarters", "halves") and count > 1
        if denom and (after(k).endswith("s") or count == 1) and (hyphenated_or_of or bare_plural):
            value, end = count / denom, k + 1
            m = k + 2 + (after(k + 2) in lex.articles)  # "three quarters of a million (dollars)"
            if after(k + 1) == "of" and after(m) in lex.multipliers and lex.multipliers[after(m)] >= 1000:
                return Number(start=i, end=m + 1, value=value * lex.multipliers[after(m)], base=value,
                              multiplier=lex.multipliers[after(m)], written=True, integer_digits=False)
            return Number(start=i, end=end, value=value, base=value, multiplier=1.0,
                          written=True, integer_digits=False, kind="fraction")
        # "one in five", "one out of three"
        k = i + 1
        if after(k) == "out" and after(k + 1) == "of":
            k += 2
        elif after(k) == "in":
            k += 1
        else:
            return None
        of = parse_token(doc[k].text, lex) if k < n else None
        total = lex.words.get(after(k)) if of is None else (of.value if of.multiplier == 1 and not of.unit else None)
        if total and count < total <= 1000 and k + 1 < n and doc[k + 1].pos_ in ("NOUN", "PROPN", "ADJ"):
            return Number(start=i, end=k + 1, value=count / total, base=count / total, multiplier=1.0, written=True,
                          integer_digits=False, kind="fraction")
        return None
    before = doc[i - 1].lower_ if i > 0 else ""
    as_amount = before in FRACTION_AMOUNT_LEADS or \
        (i > 0 and doc[i - 1].pos_ == "VERB")  # "cut by a third", "rose a fifth", "more than half"
    point_after = after(i + 2) in ("-", "–") and after(i + 3) in POINT_WORDS
    if low in lex.articles and nxt in lex.fraction_words and not nxt.endswith("s") and point_after:
        value = 1 / lex.fraction_words[nxt]  # "a quarter-point hike", "a half-point cut": the unit follows
        return Number(start=i, end=i + 2, value=value, base=value, multiplier=1.0, written=True,
                      integer_digits=False, kind="fraction")
    if low == "half" and nxt in ("-", "–") and after(i + 2) in POINT_WORDS:
        return Number(start=i, end=i + 1, value=0.5, base=0.5, multiplier=1.0, written=True,
                      integer_digits=False, kind="fraction")  # "a half-point cut" read from "half"
    if low in lex.articles and nxt in lex.fraction_words and not nxt.endswith("s") and nxt != "half" \
            and (after(i + 2) == "of" or as_amount and after(i + 2) in FRACTION_ENDS):
        value = 1 / lex.fraction_words[nxt]  # "a third of", "a quarter of", "cut by a third"
        return Number(start=i, end=i + 2, value=value, base=value, multiplier=1.0, written=True,
                      integer_digits=False, kind="fraction")
    if low == "half" and (nxt == "of" or as_amount and nxt not in lex.articles and nxt not in lex.multipliers):
        return Number(start=i, end=i + 1, value=0.5, base=0.5, multiplier=1.0, written=True,
                      integer_digits=False, kind="fraction")
    return None


def starts_multiplier(doc: Doc, i: int, lex: Lexicon) -> bool:
    """A verb that multiplies ('doubled', 'will halve') or a halving phrase ('cut it in half') starts at token
    ``i`` (read from the token columns: asked of every word)."""
    idx = index_of(doc)
    return multiplier_at(idx.column("POS"), idx.column("LEMMA"), idx.column("LOWER"), i, lex)


def multiplier_at(pos: list[str], lemmas: list[str], lower: list[str], i: int, lex: Lexicon) -> bool:
    """`starts_multiplier` given the Doc's token columns."""
    if pos[i] == "VERB":
        return lemmas[i].lower() in lex.multiplier_verbs
    # the next word first: asked of every word, and "half" seldom follows
    return i + 1 < len(lower) and lower[i + 1] == "half" and lower[i] + " half" in lex.halving_phrases


def _read_multiplier(doc: Doc, i: int, lex: Lexicon) -> Number | None:
    """'exports doubled' (2 times, an increase), 'halved' (0.5 times); 'cut the deficit in half', 'fell by half'
    (0.5 times, when the verb is one that cuts: not 'split in half', nor 'by half a point')."""
    tok = doc[i]
    if not starts_multiplier(doc, i, lex):
        return None
    if tok.pos_ == "VERB" and tok.lemma_.lower() in lex.multiplier_verbs:
        factor, end = lex.multiplier_verbs[tok.lemma_.lower()], i + 1
    else:
        after = doc[i + 2] if i + 2 < len(doc) else None
        if after is not None and (after.lower_ in lex.articles or after.like_num or after.lower_ == "of"):
            return None  # "by half a percentage point", "in half an hour", "by half of them"
        verb = tok.head
        if lex.change_by_verbs.get(verb.lemma_.lower()) != "decrease" or verb.i > i:
            return None
        factor, end = 0.5, i + 2
    return Number(start=i, end=end, value=factor, base=factor, multiplier=1.0, written=True, integer_digits=False,
                  kind="multiplier", cue="increase" if factor > 1 else "decrease")


def _read_one_of(doc: Doc, i: int) -> Number | None:
    """'one of the best speakers': one thing picked from a group (a mention, never a claim)."""
    if doc[i].lower_ == "one" and i + 2 < len(doc) and doc[i + 1].lower_ == "of" \
            and (doc[i + 2].lower_ in ONE_OF_DETERMINERS or doc[i + 2].like_num):
        return Number(start=i, end=i + 1, value=1.0, base=1.0, multiplier=1.0, written=True, integer_digits=False,
                      kind="one_of")
    return None


def _is_tens(value: float | None) -> bool:
    """20, 30, ... 90: the first half of 'twenty-five'."""
    return value is not None and value % 10 == 0 and 20 <= value < 100


def _spelled_number_starts(tok: Token) -> bool:
    """A number word opens a number only where the tagger read it as one ('one of them' is not)."""
    if tok.lower_ == "one":
        nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
        if nxt is not None and nxt.lower_ in NOT_ONE_AFTER:
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
