"""Long documents: parsed in pieces, analysed whole.

The base model's parse needs memory in proportion to the tokens it parses at once (its tok2vec and NER
hold arrays for every token of a batch), which is why spaCy refuses texts longer than ``nlp.max_length``.
A text longer than `piece_limit` characters, or of more than `PIECE_TOKENS` tokens (a token-dense text:
thousands of figures or symbols in 100,000 characters), is cut at paragraph boundaries (else line breaks,
sentence ends, spaces) into pieces of at most 10,000 characters that the base model parses in batches of
at most about `BATCH_TOKENS` tokens (as ``nlp.pipe`` parses separate documents); the parsed pieces
are joined back into one Doc (`spacy.tokens.Doc.from_docs`: the same text, offsets counted from the
start of the document, sentence bounds and entity spans kept), and the geoclaims components then run on
that whole Doc, so entity salience, stance and claim ids are the document's own. The user never has to
raise ``max_length``.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc

from .parse_text import parse_text
from .pipeline import COMPONENTS

PIECE_CHARS = 100_000  # a text longer than this is parsed in pieces
PARSE_CHARS = 10_000  # the size of those pieces: small, so that the base model parses them in batches
# tokens the base model parses at once, at most (a piece more when one piece alone is larger): eight pieces
# of news text; memory for a batch grows with its tokens (100 KB of "$1 " as one batch of 66,667 tokens
# took the base model to 1.3 GB)
BATCH_TOKENS = 16_000
PIECE_TOKENS = 25_000  # a text of more tokens than this is parsed in pieces however short (news: 5 chars a token)
# where a piece may end, best first: after a blank line, a line break, a sentence end, any space
_BREAKS = (re.compile(r"\n[ \t\r\f\v]*\n\s*"), re.compile(r"\n\s*"), re.compile(r"[.!?][\"'”’)\]]*\s+"),
           re.compile(r"\s+"))


def piece_limit(nlp: Language) -> int:
    """Texts longer than this are parsed in pieces."""
    return max(1, min(PIECE_CHARS, nlp.max_length))


def in_pieces(nlp: Language, text: str, doc: Doc | None = None) -> bool:
    """Whether ``text`` is parsed in pieces: longer than `piece_limit` characters, or (``doc``: its tokens,
    from ``nlp.make_doc``) of more than `PIECE_TOKENS` tokens."""
    return len(text) > piece_limit(nlp) or (doc is not None and len(doc) > PIECE_TOKENS)


def _batches(docs: Iterator[Doc], budget: int) -> Iterator[list[Doc]]:
    """``docs`` in batches of at most ``budget`` tokens (a Doc larger than that is a batch of its own)."""
    batch: list[Doc] = []
    tokens = 0
    for doc in docs:
        if batch and tokens + len(doc) > budget:
            yield batch
            batch, tokens = [], 0
        batch.append(doc)
        tokens += len(doc)
    if batch:
        yield batch


def cut_points(text: str, limit: int) -> list[int]:
    """Offsets where ``text`` is cut into pieces of at most ``limit`` characters: after the last
    paragraph break in each window, else the last line break, sentence end or space; a window with none
    of these (a run of ``limit`` characters without a space) is cut at the limit. Cuts made by a break
    fall after its whitespace (as much of it as the window holds)."""
    cuts: list[int] = []
    pos = 0
    while len(text) - pos > limit:
        end = pos + limit
        cut = end
        for pattern in _BREAKS:
            found = [m.end() for m in pattern.finditer(text, pos + 1, end) if m.end() <= end]
            if found:
                cut = found[-1]
                break
        cuts.append(cut)
        pos = cut
    return cuts


def pieces(text: str, limit: int) -> Iterator[str]:
    """The pieces `cut_points` makes; joined they are ``text``."""
    start = 0
    for cut in [*cut_points(text, limit), len(text)]:
        yield text[start:cut]
        start = cut


def parse_long(nlp: Language, text: str) -> Doc:
    """``text`` through the base model in pieces, joined into one Doc that the geoclaims components have
    not yet seen (`finish` runs them). Each piece's tensor is dropped once parsed: nothing after the base
    model reads it, and for a long text it is the largest part of the Doc. The text is cut after
    `analyzer.parse_text` has normalised it (as the tokenizer would: that changes nothing in the pieces), and
    the joined Doc keeps the original (``doc._.original_text``)."""
    parsed = parse_text(text)
    docs: Iterator[Doc] = (nlp.make_doc(p) for p in pieces(parsed, min(PARSE_CHARS, piece_limit(nlp))))
    parts = []
    for batch in _batches(docs, BATCH_TOKENS):  # a batch of pieces through the base model: bounded memory
        for name, proc in nlp.pipeline:
            if name not in COMPONENTS:
                batch = list(proc.pipe(batch, batch_size=len(batch))) if hasattr(proc, "pipe") else \
                    [proc(d) for d in batch]
        for doc in batch:
            doc.tensor = np.zeros((0,), dtype="float32")
            parts.append(doc)
    doc = Doc.from_docs(parts, ensure_whitespace=False, exclude=["tensor", "user_data"])  # type: ignore[call-arg]
    assert doc.text == parsed, "pieces must join back into the text"
    doc._.original_text = text  # also when equal, as `ParseTokenizer` keeps it: spaCy rebuilds doc.text on each access
    return doc


def finish(nlp: Language, doc: Doc) -> Doc:
    """Run the geoclaims components (whichever ``nlp`` has) on a Doc the base model parsed."""
    for name, proc in nlp.pipeline:
        if name in COMPONENTS:
            doc = proc(doc)
    return doc
