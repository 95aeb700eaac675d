"""The text the base model parses: a same-length copy of the original, so that every offset into one is
an offset into the other.

Two things are changed for parsing, character for character:

- every Unicode space separator (category Zs: no-break space U+00A0, thin space U+2009, narrow no-break
  space U+202F, ideographic space U+3000...) becomes an ASCII space. spaCy splits words on ASCII spaces
  only, so "$4\u00a0billion" was the tokens ``$ 4 \u00a0 billion`` and read as 4;
- long runs without spaces are broken (item 19 of issue 15): spaCy's tokenizer strips prefixes and
  suffixes one at a time, copying the rest of the word each time, so a word of n parentheses, quote
  marks or "'s's's" takes time in n squared (40 KB took over a minute), and each mark is a token the
  model then parses. A run of more than `PUNCT_RUN` punctuation marks keeps its first and last
  `PUNCT_EDGE` marks and has dashes between ("((((((((((((" -> "((((----))))": a run of dashes is one
  token); a word longer than `WORD_RUN` characters is broken by a space at its last punctuation mark
  before that length (a word of letters and digits alone is never quadratic and is left whole; a web
  address up to `URL_RUN` characters too).

The Doc keeps the original text (``doc._.original_text``, the string given, also when equal); every column that
quotes the document (a claim's ``text`` and ``sentence``, an entity's ``text``, the report's document)
is sliced from it by `analyzer.text.original` and `analyzer.text.original_text`, so a no-break space stays
a no-break space and every parenthesis is kept. Columns that describe rather than quote (``quantity_of``,
``speaker``, ``qualifier_cue``, ``period``) are read from the parse, with ASCII spaces, so that "Vladimir
Putin" is one name however its space was written.

`ParseTokenizer` wraps the base model's tokenizer so that every way a text reaches the model (``nlp(text)``,
``nlp.pipe``, ``nlp.make_doc``, `analyzer.pieces`) parses the normalised copy; `use_parse_text` installs it
(`analyzer.load` and every geoclaims component's factory call it).
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

import numpy
from spacy.attrs import IDX, IS_SPACE, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from . import _extensions

# every character of Unicode category Zs except the ASCII space (tests/test_parse_text.py checks the list)
SPACE_SEPARATORS = "\u00a0\u1680" + "".join(chr(c) for c in range(0x2000, 0x200B)) + "\u202f\u205f\u3000"
_TO_SPACE = str.maketrans({c: " " for c in SPACE_SEPARATORS})
PUNCT_RUN = 8  # a run of more punctuation marks than this is parsed as its edges with dashes between
PUNCT_EDGE = PUNCT_RUN // 2
WORD_RUN = 100  # characters without a space the tokenizer sees at most, where a punctuation mark allows a break
URL_RUN = 300  # a web address up to this length is left whole (it is one token)
_LONG_WORD = re.compile(rf"\S{{{WORD_RUN + 1},}}")
_PUNCT = re.compile(rf"[^\w\s]{{{PUNCT_RUN + 1},}}")
_URL = re.compile(r"[^\w\s]*(?:[a-z][a-z0-9+.-]*://|www\.)", re.IGNORECASE)


def parse_text(text: str) -> str:
    """The copy of ``text`` the base model parses: the same length, Unicode spaces as ASCII spaces, long
    runs without spaces broken. ``parse_text(parse_text(t)) == parse_text(t)``."""
    out = text.translate(_TO_SPACE) if not text.isascii() else text
    if len(out) <= PUNCT_RUN:
        return out
    out = _PUNCT.sub(_dashes, out)
    chars: list[str] | None = None
    for m in _LONG_WORD.finditer(out):
        if len(m[0]) <= URL_RUN and _URL.match(m[0]):
            continue
        for k in _word_breaks(m[0]):
            chars = chars or list(out)
            chars[m.start() + k] = " "
    return out if chars is None else "".join(chars)


def _dashes(m: re.Match) -> str:
    """A long run of punctuation for parsing: its first and last `PUNCT_EDGE` marks, dashes between (a run
    of dashes is one token to spaCy's tokenizer, where each parenthesis or quote mark is one)."""
    run = m[0]
    return run[:PUNCT_EDGE] + "-" * (len(run) - 2 * PUNCT_EDGE) + run[-PUNCT_EDGE:]


def _word_breaks(word: str) -> Iterator[int]:
    """Where a word longer than `WORD_RUN` is broken: at the last punctuation mark before each piece would
    exceed `WORD_RUN` characters; a stretch of letters and digits longer than that is not broken."""
    start, last = 0, -1  # start of the current piece, the last punctuation mark in it
    for k, c in enumerate(word):
        if not c.isalnum():
            last = k
        if k - start >= WORD_RUN and last >= start:
            yield last
            start, last = last + 1, -1


FIRST_LINE = 40  # tokens of a paragraph's first line kept in its first sentence at most
LINE_STOPS = frozenset({".", "!", "?", ":", ";"})  # after these a sentence may start inside that line
BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")  # a blank line: a paragraph ends


def is_bullet(tok) -> bool:
    """A list item's mark ("•", "-", "*", "▪", "--"): a short run of punctuation or symbols that is no quote,
    bracket, currency sign, hashtag or mention ("$4 billion" and '"We will' start their sentences)."""
    return len(tok.text) <= 2 and not any(c.isalnum() for c in tok.text) and not (
        tok.is_quote or tok.is_bracket or tok.is_currency) and tok.text not in ("#", "@", "%", "&")


def mark_paragraphs(doc: Doc, text: str) -> None:
    """Start a sentence at the first word after each blank line, before the parser runs (it keeps sentence
    starts set before it): a headline and the paragraph after it ("SAUDI OUTPUT PUT AT 3.5 MLN BPD\n\nSaudi
    crude oil output fell ...") are two sentences, not one tree that joins them. A single line break (text
    wrapped at a fixed width) starts nothing, and no sentence starts inside a paragraph's first line before a
    full stop ("Liberty | All-Star Equity Fund said" was split by the parser once the line was known to start a
    sentence). Read from the token columns and the text, set in one array write (setting ``is_sent_start``
    token by token, spaCy rereads the Doc each time)."""
    if "\n" not in text or len(doc) < 2:
        return
    ends = [m.end() for m in BLANK_LINE.finditer(text)]
    if not ends:
        return
    n = len(doc)
    cols = doc.to_array([IDX, IS_SPACE])
    starts = cols[:, 0]
    spaces = cols[:, 1]
    bounds = [*starts.tolist(), len(text)]  # token k's text and whitespace: text[bounds[k]:bounds[k + 1]]
    marks = doc.to_array(SENT_START).view("int64")  # stored as uint64: -1 (no start) reads as -1
    for k in numpy.searchsorted(starts, numpy.asarray(ends) - 1, side="right").tolist():
        while k < n and (spaces[k] or is_bullet(doc[k])):
            k += 1  # ... and after a list's bullet ("• The visit ..."), which stays where the parser puts it
        if not 0 < k < n or marks[k] == 1:
            continue
        marks[k] = 1
        for j in range(k, min(k + FIRST_LINE, n - 1)):
            piece = text[bounds[j]:bounds[j + 1]]
            if "\n" in piece or spaces[j + 1] or marks[j + 1] == 1 or piece.rstrip() in LINE_STOPS:
                break
            marks[j + 1] = -1
    doc.from_array([SENT_START], marks.view("uint64").reshape(-1, 1))  # type: ignore[arg-type]  # thinc's Ints2d


class ParseTokenizer:
    """The base model's tokenizer, run on `parse_text` of the text; the Doc keeps the original in
    ``doc._.original_text`` (a reference to the string given, also when the two are equal: reading it costs
    nothing, while ``doc.text`` is rebuilt from the tokens on every access). Serialises as the tokenizer it
    wraps."""

    def __init__(self, tokenizer: Any) -> None:
        _extensions.register()
        self.tokenizer = tokenizer

    def __call__(self, text: str) -> Doc:
        parsed = parse_text(text)
        doc = self.tokenizer(parsed)
        doc._.original_text = text  # kept also when equal: spaCy rebuilds doc.text from the tokens on each access
        mark_paragraphs(doc, parsed)
        return doc

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterator[Doc]:
        for text in texts:
            yield self(text)

    def __getattr__(self, name: str) -> Any:  # rules, prefix_search, explain, memory_zone...
        if name == "tokenizer" or name.startswith("__"):
            raise AttributeError(name)
        return getattr(self.tokenizer, name)

    def to_bytes(self, **kwargs: Any) -> bytes:
        return self.tokenizer.to_bytes(**kwargs)

    def from_bytes(self, data: bytes, **kwargs: Any) -> ParseTokenizer:
        self.tokenizer.from_bytes(data, **kwargs)
        return self

    def to_disk(self, path: Any, **kwargs: Any) -> None:
        self.tokenizer.to_disk(path, **kwargs)

    def from_disk(self, path: Any, **kwargs: Any) -> ParseTokenizer:
        self.tokenizer.from_disk(path, **kwargs)
        return self


# infixes spaCy's English tokenizer lacks, each splitting a name from a word run into it:
# - a closing bracket before a word, as scraped text has it ("(Trump University)have", "(FBI)the");
# - the hyphen after a dotted acronym ("U.S.-led", "U.K.-based": spaCy splits "US-led" but not these)
EXTRA_INFIXES = (r"(?<=[\w.])[)\]](?=[A-Za-z]{2})", r"(?<=[A-Z]\.)-(?=[A-Za-z])")


def use_parse_text(nlp: Language) -> Language:
    """Make ``nlp``'s tokenizer parse `parse_text` of every text (once; safe to call again), and split the names
    `EXTRA_INFIXES` finds from a word run into them."""
    if not isinstance(nlp.tokenizer, ParseTokenizer):
        tokenizer: Any = nlp.tokenizer
        infix = getattr(tokenizer, "infix_finditer", None)
        pattern = getattr(getattr(infix, "__self__", None), "pattern", None)
        if isinstance(pattern, str):
            extra = [p for p in EXTRA_INFIXES if p not in pattern]
            if extra:
                tokenizer.infix_finditer = re.compile("|".join([pattern, *extra])).finditer
        nlp.tokenizer = ParseTokenizer(tokenizer)
    return nlp
