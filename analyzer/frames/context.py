"""What every frame field reads about a Doc, built once per Doc: the linked entity of each token, the
publication date, paragraph bounds and the headline."""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from spacy.attrs import IDX
from spacy.tokens import Doc, Span

from ..quantities.lexicon import Lexicon
from ..quantities.periods import parse_published
from ..text import original_text
from .lexicon import FrameLexicon


@dataclass
class FrameContext:
    doc: Doc
    lex: FrameLexicon
    qlex: Lexicon  # the quantity stage's tables (level and change verbs)
    text: str  # the original text (`analyzer.text.original_text`)
    ent_of: dict[int, str]  # token index -> canonical name of the linked entity it belongs to
    kind_of: dict[int, str]  # token index -> gazetteer kind of that entity (country, city, person, ...)
    capital_of: dict[int, str]  # token index of a national capital's name -> its country ("Manila" -> Philippines)
    countries: dict[str, str]  # folded country alias or adjective -> canonical name (the gazetteer's)
    ents: tuple[Span, ...]  # doc.ents, read once (spaCy builds every span anew on each access)
    named: tuple[Span, ...]  # the entities outside every figure (not "U.S." of "7.8 billion U.S. dollars")
    figure_tokens: frozenset[int]  # the tokens of every figure (a figure's words name no thing measured or about)
    published: date | None
    paragraph_starts: list[int]  # token index of each paragraph's first token, ascending
    headline_end: int  # tokens [0, headline_end) are the headline (a first line without a full stop); 0 if none
    # tokens of linked organisations of no country (international bodies: OPEC, the IMF, NATO), which set or count
    # a measure they are compounded with more often than they hold it ("Saudi Arabia has an Opec quota")
    stateless: frozenset[int] = frozenset()
    memo: dict[Any, Any] = field(default_factory=dict)

    @classmethod
    def of(cls, doc: Doc, lex: FrameLexicon, qlex: Lexicon, capitals: dict[str, str] | None = None,
           countries: dict[str, str] | None = None) -> FrameContext:
        text = original_text(doc)
        ent_of: dict[int, str] = {}
        kind_of: dict[int, str] = {}
        stateless: set[int] = set()
        capital_of: dict[int, str] = {}
        inside = frozenset(t for q in doc._.quantities or () for t in range(q.start, q.end))
        ents = tuple(doc.ents)
        named = tuple(e for e in ents if e.start not in inside)  # not "U.S." of "7.8 billion U.S. Dlrs"
        for ent in named:
            ext = ent._  # read once per entity, not per token (each read of ._ builds an object)
            name = ext.canonical or ext.name  # a surname or acronym the text spells out is that name
            if name:
                kind = ext.kind or ""
                eid = ext.entity_id
                country = capitals.get(eid or "") if capitals else None
                body = kind == "organization" and eid and not ext.country
                for t in range(ent.start, ent.end):
                    ent_of[t] = name
                    kind_of[t] = kind
                    if country:
                        capital_of[t] = country
                    if body:
                        stateless.add(t)
        starts = _paragraph_starts(doc, text)
        return cls(doc=doc, lex=lex, qlex=qlex, text=text, ent_of=ent_of, kind_of=kind_of, capital_of=capital_of,
                   countries=countries or {},
                   ents=ents, named=named, figure_tokens=inside, published=parse_published(doc._.published),
                   paragraph_starts=starts, headline_end=_headline_end(doc, starts), stateless=frozenset(stateless))

    def entity_at(self, i: int) -> Span | None:
        """The entity span token ``i`` is in, if any."""
        starts = self.memo.get("entity_starts")
        if starts is None:
            starts = self.memo["entity_starts"] = [e.start for e in self.ents]
        k = bisect_right(starts, i) - 1
        return self.ents[k] if k >= 0 and i < self.ents[k].end else None

    def figure_at(self, i: int):
        """The figure (`Quantity`) whose words include token ``i``, if any."""
        at = self.memo.get("figure_at")
        if at is None:
            at = self.memo["figure_at"] = {t: q for q in self.doc._.quantities or () for t in range(q.start, q.end)}
        return at.get(i)

    def figures_before(self, q, most: int) -> list:
        """At most ``most`` figures before ``q`` in the text, nearest first."""
        order = self.memo.get("figure_order")
        if order is None:
            order = self.memo["figure_order"] = {id(f): k for k, f in enumerate(self.doc._.quantities or ())}
        k = order.get(id(q), 0)
        figures = self.doc._.quantities or ()
        return [figures[j] for j in range(k - 1, max(k - 1 - most, -1), -1)]

    def paragraph_of(self, i: int) -> tuple[int, int]:
        """Token bounds of the paragraph of token ``i``."""
        k = bisect_right(self.paragraph_starts, i) - 1
        start = self.paragraph_starts[max(k, 0)]
        end = self.paragraph_starts[k + 1] if k + 1 < len(self.paragraph_starts) else len(self.doc)
        return start, end


def _paragraph_starts(doc: Doc, text: str) -> list[int]:
    """Where paragraphs start: after the first line break, a blank line, a line break before an indented line,
    or one after the end of a sentence; not at the line breaks of hard-wrapped text (Reuters-21578 wraps its
    lines at 70 characters and indents its paragraphs). Only the tokens that hold a line break are read (found
    from the text's line breaks by bisection), not every token."""
    starts = [0]
    if "\n" not in text or len(doc) < 2:
        return starts
    idx = doc.to_array(IDX).tolist()
    holders: list[int] = []
    at = text.find("\n")
    while at != -1:
        k = bisect_right(idx, at) - 1
        if k >= 0 and (not holders or holders[-1] != k):
            holders.append(k)
        at = text.find("\n", at + 1)
    for k in holders:
        if k >= len(doc) - 1:
            continue
        tok = doc[k]
        breaks = (tok.text.count("\n") if tok.is_space else 0) + tok.whitespace_.count("\n")
        if not breaks:
            continue
        last_word = tok.text if not tok.is_space else _last_word(doc, k)
        tail = (tok.text + tok.whitespace_).rsplit("\n", 1)[1]
        if len(starts) == 1 or breaks >= 2 or len(tail) >= 2 or last_word[-1:] in (".", "!", "?", '"', "”", ":") \
                or not tok.is_space and not last_word:
            starts.append(tok.i + 1)
    return starts


def _last_word(doc: Doc, k: int) -> str:
    """The text of the last token before token ``k`` that is not a space ("" at the start)."""
    for j in range(k - 1, -1, -1):
        if not doc[j].is_space:
            return doc[j].text
    return ""


def _headline_end(doc: Doc, paragraph_starts: list[int]) -> int:
    """The first paragraph when it is a headline: one line of at most 25 words, not ending in a full stop,
    followed by more text."""
    if len(paragraph_starts) < 2:
        return 0
    end = paragraph_starts[1]
    words = [t for t in doc[:end] if not t.is_space]
    if not words or len(words) > 25 or words[-1].text in (".", "!", "?") or words[-1].text.endswith("."):
        return 0
    return end
