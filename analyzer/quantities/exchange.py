"""Exchange rates: a bare number that prices one currency in another ('the rupee closed at 84.09 per US dollar',
'the won slid past 1,400 to the dollar', 'the dollar eased against the yen to 108.79') is in the quote currency
per the base currency, by the market's quoting convention; a price in a currency written 'to/per/for each' another
currency ('1,500 naira to the dollar') is a rate per that currency."""
from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Token

from .._resources import word_lists
from .context import governing_verb, subject
from .lexicon import Lexicon
from .matches import Matches
from .model import Quantity

WORDS = word_lists("analyzer.quantities")
RATE_JOINERS = WORDS.ordered("rate_joiners")

# the market's order of base currencies: of two, the one earlier here is the base (EUR/USD, GBP/USD, USD/JPY);
# a pair with neither is not read
BASE_ORDER = ("EUR", "GBP", "AUD", "NZD", "USD")
PAIR_WORDS = WORDS.words("pair_words")
RATE_LEADS = WORDS.words("rate_leads")


def _currency_at(tok: Token, found: Matches, resolve: Callable[[str], str]) -> tuple[str, str] | None:
    """(ISO code, the name as written) of the currency name whose last word is ``tok``."""
    for start in range(max(tok.i - 3, 0), tok.i + 1):
        for end, code in found["CN"].get(start, ()):
            if end == tok.i + 1:
                name = tok.doc[start:end].text
                code = resolve(tok.lower_) if code == "XXX" else code
                return (code, name) if code else None
    return None


def _pair_currency(toks: list[Token], found: Matches, resolve: Callable[[str], str]) -> tuple[str, str] | None:
    """The currency named by a 'per/to/against/versus/for (each) X' phrase hanging from one of ``toks``."""
    for tok in toks:
        for prep in tok.children:
            if prep.dep_ != "prep" or prep.lower_ not in PAIR_WORDS:
                continue
            for obj in prep.children:
                if obj.dep_ == "pobj":
                    cur = _currency_at(obj, found, resolve)
                    if cur is not None:
                        return cur
    return None


def _scaled(doc: Doc, q: Quantity, lex: Lexicon) -> bool:
    return any(t.lower_ in lex.multipliers for t in doc[q.start:q.end])


def _rate_phrase_after(doc: Doc, q: Quantity, found: Matches, resolve: Callable[[str], str]) -> tuple[str, str] | None:
    """'to the dollar', 'for every pound', 'per euro' right after the figure."""
    k = q.end
    if k < len(doc) and doc[k].lower_ not in RATE_JOINERS:
        return None
    while k < len(doc) and k < q.end + 3 and doc[k].lower_ in RATE_LEADS:
        k += 1
    for end in range(k + 1, min(k + 4, len(doc) + 1)):
        for m_end, _ in found["CN"].get(k, ()):
            if m_end == end:
                return _currency_at(doc[end - 1], found, resolve)
    return None


def exchange_rate_units(doc: Doc, quantities: list[Quantity], lex: Lexicon, found: Matches,
                        resolve: Callable[[str], str]) -> None:
    """Give the bare number of an exchange rate its currency and the price in a currency its 'per' currency."""
    for q in quantities:
        if q.kind != "number" or _scaled(doc, q, lex):
            continue
        if q.dimension == "currency":  # "1,500 naira to the dollar", "€1.05 for every pound"
            if q.per:
                continue
            other = _rate_phrase_after(doc, q, found, resolve)
            if other is not None and other[0] != q.unit:
                q.per = other[1]
            continue
        if q.unit or q.dimension != "count" or not (q.start <= q.anchor < q.end):
            continue
        tok = doc[q.anchor]
        verb = governing_verb(tok)
        subj = subject(verb) if verb is not None else None
        if subj is None and verb is not None and verb.dep_ in ("advcl", "conj", "xcomp"):
            subj = subject(verb.head)  # "the dollar was mixed, easing against the yen to 108.79"
        own = _currency_at(subj, found, resolve) if subj is not None else None
        if own is None:
            continue
        other = _pair_currency([tok, *([verb] if verb is not None else [])], found, resolve)
        if other is None or other[0] == own[0]:
            if own[0] in BASE_ORDER:
                continue  # "the euro rose to 1.09": in dollars, unwritten
            q.unit, q.dimension = own[0], "currency"  # "the Mexican peso was steady near 17.05" (per dollar)
            continue
        rank = {code: n for n, code in enumerate(BASE_ORDER)}
        if own[0] not in rank and other[0] not in rank:
            continue
        base, quote = sorted((own, other), key=lambda c: rank.get(c[0], len(rank)))
        q.unit, q.dimension, q.per = quote[0], "currency", base[1]
