"""Long documents: parsed in pieces, analysed whole.

The base model's parse needs memory in proportion to the text, which is why spaCy refuses texts longer
than ``nlp.max_length``. A text longer than `piece_limit` is cut at paragraph boundaries (else line
breaks, sentence ends, spaces) into pieces of at most 10,000 characters that the base model parses in
small batches (as ``nlp.pipe`` parses separate documents); the parsed pieces
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
PARSE_BATCH = 8  # pieces per batch: about 80,000 characters in the base model at once
# where a piece may end, best first: after a blank line, a line break, a sentence end, any space
_BREAKS = (re.compile(r"\n[ \t\r\f\v]*\n\s*"), re.compile(r"\n\s*"), re.compile(r"[.!?][\"'”’)\]]*\s+"),
           re.compile(r"\s+"))


def piece_limit(nlp: Language) -> int:
    """Texts longer than this are parsed in pieces."""
    return max(1, min(PIECE_CHARS, nlp.max_length))


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
    for name, proc in nlp.pipeline:  # each stage streams batches of pieces to the next: flat memory
        if name not in COMPONENTS:
            docs = proc.pipe(docs, batch_size=PARSE_BATCH) if hasattr(proc, "pipe") else map(proc, docs)
    parts = []
    for doc in docs:
        doc.tensor = np.zeros((0,), dtype="float32")
        parts.append(doc)
    doc = Doc.from_docs(parts, ensure_whitespace=False, exclude=["tensor", "user_data"])
    assert doc.text == parsed, "pieces must join back into the text"
    if parsed != text:
        doc._.original_text = text
    return doc


def finish(nlp: Language, doc: Doc) -> Doc:
    """Run the geoclaims components (whichever ``nlp`` has) on a Doc the base model parsed."""
    for name, proc in nlp.pipeline:
        if name in COMPONENTS:
            doc = proc(doc)
    return doc
